"""Fine-tune Aisle's BERT on a shop's own data: a bi-encoder for retrieval, or a
cross-encoder that predicts clicks (CTR). Driven by `npm run finetune`, which prepares
the training file, renders progress and exports the result to ONNX.

Bi-encoder (`--task bi`), rows `{"query", "positive", "group"}` and optionally `"also"`:
    MultipleNegativesRankingLoss: each query must pick its positive among the batch's
    positives and one mined hard negative per row; a text never counts as a negative for a
    query whose group it answers: its own rows' group (an FAQ entry, a product, a need) or
    one listed in their `also` (a product's text also answers its type's needs), since it
    is not a wrong answer. Hard negatives are mined once, with the base model, from texts
    that answer none of the row's groups.
Cross-encoder (`--task ctr`), rows `{"query", "text", "label"}` (label 1 = clicked or
    carted, 0 = shown and ignored): binary cross-entropy on BERT's [CLS] head.

Bi-encoder with `--unlabeled FILE` (JSONL {"text"}): first adapted to those messages, without
    labels (domain_adaptation.py: SimCSE + MLM, optional pseudo-labels), then trained as above.
Both: AdamW, linear warm-up then linear decay, a seeded 10% of the data held out
(whole query texts, so no held-out text is ever trained on) and scored before and after
training. CUDA when torch sees it (`--device auto`), with bf16 autocast (fp16 + loss
scaling on GPUs without bf16); CPU otherwise. The bi-encoder also writes training-texts.json:
the sha256 of every text it trained on, which the bot leaves out of calibration
(nlu/trained-texts.ts).

stdout carries one JSON object per line (`{"event": "progress" | "metrics" | "done", ...}`)
for the driver; human-readable logs go to stderr.

    python scripts/model/finetune.py --task bi --train pairs.jsonl --base models/all-MiniLM-L6-v2 --out /tmp/ft
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

# Everything is local: never ask the Hugging Face Hub for model cards or configs.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def emit(event: str, **fields) -> None:
    print(json.dumps({"event": event, **fields}), flush=True)


def log(message: str) -> None:
    print(f"[finetune] {message}", file=sys.stderr, flush=True)


def read_rows(path: Path, required: tuple[str, ...]) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            missing = [key for key in required if key not in row]
            if missing:
                raise SystemExit(f"finetune: {path}:{number}: missing {', '.join(missing)}")
            rows.append(row)
    if not rows:
        raise SystemExit(f"finetune: {path} has no rows")
    return rows


def split_held_out(rows: list[dict], share: float, seed: int, text_keys: tuple[str, ...]):
    """Holds out a share of the distinct query texts. Rows that mention a held-out text
    anywhere are dropped from training, so the model never sees it."""
    queries = sorted({row["query"] for row in rows})
    rng = random.Random(seed)
    rng.shuffle(queries)
    held = set(queries[: int(round(len(queries) * share))]) if share > 0 and len(queries) >= 10 else set()
    train = [row for row in rows if not any(row[key] in held for key in text_keys)]
    held_rows = [row for row in rows if row["query"] in held]
    return train, held_rows


TRAINED_TEXTS_FILE = "training-texts.json"


def trained_text_key(text: str) -> str:
    """sha256 of a text in the form nlu/trained-texts.ts hashes it: NFKC, lower case, white
    space runs as one space, trimmed. The bot leaves these texts out of calibration."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def write_trained_texts(out: Path, base: Path, rows: list[dict]) -> int:
    """Records every query and positive trained on, with those the base was trained on: a
    fine-tune of a fine-tune has seen both."""
    keys = {trained_text_key(row[key]) for row in rows for key in ("query", "positive")}
    inherited = base / TRAINED_TEXTS_FILE
    if inherited.is_file():
        keys.update(json.loads(inherited.read_text())["sha256"])
    (out / TRAINED_TEXTS_FILE).write_text(json.dumps({"sha256": sorted(keys)}) + "\n")
    return len(keys)


def pick_device(requested: str):
    import torch

    if requested == "cuda" and not torch.cuda.is_available():
        raise SystemExit("finetune: --device cuda but torch sees no CUDA device "
                         "(install a CUDA build of torch, or use --device auto)")
    device = "cuda" if requested == "cuda" or (requested == "auto" and torch.cuda.is_available()) else "cpu"
    if device == "cuda":
        name = torch.cuda.get_device_name(0)
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return device, dtype, name
    return device, None, "cpu"


def schedule(optimizer, steps: int, warmup_share: float):
    import torch

    warmup = max(1, int(steps * warmup_share))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


class Trainer:
    """The shared loop: AdamW, schedule, autocast, gradient scaling, progress."""

    def __init__(self, parameters, args, device, dtype, steps: int, label: str = "training"):
        import torch

        self.label = label
        self.torch = torch
        self.device = device
        self.dtype = dtype
        self.steps = steps
        self.parameters = list(parameters)
        self.optimizer = torch.optim.AdamW(self.parameters, lr=args.lr, weight_decay=0.01)
        self.scheduler = schedule(self.optimizer, steps, args.warmup)
        self.scaler = torch.amp.GradScaler("cuda") if dtype == torch.float16 else None
        self.step = 0
        self.samples = 0
        self.started = time.time()
        self.last_emit = 0.0

    def autocast(self):
        import contextlib

        if self.dtype is None:
            return contextlib.nullcontext()
        return self.torch.autocast(device_type="cuda", dtype=self.dtype)

    def update(self, loss, samples: int) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        if self.scaler:
            self.scaler.scale(loss).backward()
            self.scaler.unscale_(self.optimizer)
            self.torch.nn.utils.clip_grad_norm_(self.parameters, 1.0)
            self.scaler.step(self.optimizer)
            self.scaler.update()
        else:
            loss.backward()
            self.torch.nn.utils.clip_grad_norm_(self.parameters, 1.0)
            self.optimizer.step()
        self.scheduler.step()
        self.step += 1
        self.samples += samples
        now = time.time()
        if now - self.last_emit > 1.0 or self.step == self.steps:
            self.last_emit = now
            emit("progress", stage=self.label, step=self.step, steps=self.steps, loss=round(float(loss.item()), 4),
                 samples_per_s=round(self.samples / max(1e-9, now - self.started), 1))

    def batches(self, items: list, batch_size: int, epochs: int):
        """Shuffled batches, epoch after epoch, until the planned number of steps."""
        for _ in range(epochs):
            random.shuffle(items)
            for start in range(0, len(items), batch_size):
                if self.step >= self.steps:
                    return
                yield items[start:start + batch_size]

    def seconds(self) -> float:
        return time.time() - self.started


# ---------------------------------------------------------------- bi-encoder


def embed(model, texts: list[str], batch_size: int = 128):
    import torch

    model.eval()
    vectors = []
    with torch.no_grad():
        for start in range(0, len(texts), batch_size):
            vectors.append(model.encode(texts[start:start + batch_size], convert_to_tensor=True,
                                        normalize_embeddings=True, batch_size=batch_size))
    return torch.cat(vectors) if vectors else torch.empty(0)


def retrieval_metrics(model, held_rows: list[dict], train_rows: list[dict]) -> dict | None:
    """Each held-out query ranks the groups by its best cosine to a group's known texts
    (the training rows' positives): top-1, recall@3 and MRR over groups."""
    if not held_rows:
        return None
    texts_by_group: dict[str, set] = defaultdict(set)
    for row in train_rows:
        texts_by_group[row["group"]].add(row["positive"])
    held = [row for row in held_rows if row["group"] in texts_by_group]
    if not held:
        return None
    documents = [(group, text) for group, texts in texts_by_group.items() for text in sorted(texts)]
    groups = sorted(texts_by_group)
    column = {group: i for i, group in enumerate(groups)}
    import torch

    doc_vectors = embed(model, [text for _, text in documents])
    query_texts = sorted({row["query"] for row in held})
    query_vectors = embed(model, query_texts)
    scores = query_vectors @ doc_vectors.T
    doc_group = torch.tensor([column[group] for group, _ in documents], device=scores.device)
    best = torch.full((len(query_texts), len(groups)), -2.0, device=scores.device)
    best = best.scatter_reduce(1, doc_group.expand(len(query_texts), -1), scores, reduce="amax")
    expected_by_query = {}
    for row in held:
        expected_by_query.setdefault(row["query"], column[row["group"]])
    ranks = []
    for i, text in enumerate(query_texts):
        target = expected_by_query[text]
        ranks.append(int((best[i] > best[i, target]).sum().item()) + 1)
    n = len(ranks)
    return {"n": n, "groups": len(groups), "top1": round(sum(r == 1 for r in ranks) / n, 4),
            "recall_at_3": round(sum(r <= 3 for r in ranks) / n, 4),
            "mrr": round(sum(1 / r for r in ranks) / n, 4)}


def answered_groups(rows: list[dict]) -> dict[str, set[str]]:
    """Every group each positive text answers: the groups of all rows it is the positive
    of, and their `also` groups. Texts of other groups are the negatives."""
    groups: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        groups[row["positive"]].add(row["group"])
        groups[row["positive"]].update(row.get("also") or ())
    return groups


def not_negatives(query_groups: list[str], documents: list[str], answered: dict[str, set[str]]) -> list[list[bool]]:
    """mask[i][j]: document j answers query i's group and is not its own positive (column
    i), so it must not count as a negative for query i."""
    return [[j != i and group in answered.get(text, ()) for j, text in enumerate(documents)]
            for i, group in enumerate(query_groups)]


def mine_hard_negatives(model, rows: list[dict], per_row: int, seed: int) -> list[str | None]:
    """For each row, a text that answers none of its groups and that the current model
    scores close to the query: among the 10 nearest such texts, one chosen at random (the
    very nearest is too often an unlabelled true positive)."""
    if per_row <= 0:
        return [None] * len(rows)
    answered = answered_groups(rows)
    texts = list(answered)
    if len({row["group"] for row in rows}) < 2:
        return [None] * len(rows)
    groups = [answered[text] for text in texts]
    doc_vectors = embed(model, texts)
    query_texts = sorted({row["query"] for row in rows})
    query_index = {text: i for i, text in enumerate(query_texts)}
    query_vectors = embed(model, query_texts)
    rng = random.Random(seed)
    nearest = {}
    for start in range(0, len(query_texts), 512):
        scores = query_vectors[start:start + 512] @ doc_vectors.T
        top = scores.topk(min(len(texts), 40), dim=1).indices.tolist()
        for offset, indices in enumerate(top):
            nearest[start + offset] = indices
    negatives = []
    for row in rows:
        options = [texts[j] for j in nearest[query_index[row["query"]]] if row["group"] not in groups[j]][:10]
        negatives.append(rng.choice(options) if options else None)
    return negatives


def train_bi(args, rows: list[dict]) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer

    device, dtype, device_name = pick_device(args.device)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    model = SentenceTransformer(str(args.base), device=device)
    model.max_seq_length = args.max_length
    train_rows, held_rows = split_held_out(rows, args.held_out, args.seed, ("query", "positive"))
    if not train_rows:
        raise SystemExit("finetune: no training rows are left after holding out the validation split")
    log(f"{len(train_rows)} training pairs, {len({r['query'] for r in held_rows})} held-out queries, device {device_name}")
    before = retrieval_metrics(model, held_rows, train_rows)
    if before:
        emit("metrics", stage="before", **before)

    adaptation = None
    adapted_mlm = None
    pseudo = None
    if args.unlabeled:
        import domain_adaptation

        # No held-out text is adapted on or pseudo-labelled, so the held-out figures stay unseen text.
        held_texts = {row["query"] for row in held_rows}
        messages = [text for text in domain_adaptation.read_messages(args.unlabeled) if text not in held_texts]
        if args.adapt_epochs > 0:
            log(f"adapting to {len(messages)} unlabelled messages (SimCSE + {args.mlm_weight} x MLM), device {device_name}")

            def evaluate():
                return retrieval_metrics(model, held_rows, train_rows)

            adaptation, adapted_mlm = domain_adaptation.adapt(model, messages, args, device, dtype, Trainer, evaluate, log, emit)
            if adaptation["after"]:
                emit("metrics", stage="adapted", **adaptation["after"])
        if args.pseudo_label_threshold > 0:
            # A text that already has a label keeps it.
            labelled_texts = {row[key] for row in train_rows for key in ("query", "positive")}
            candidates = [text for text in messages if text not in labelled_texts]
            labelled = domain_adaptation.pseudo_label(model, candidates, train_rows, args.pseudo_label_threshold,
                                                      args.pseudo_label_margin, embed)
            pseudo = {"threshold": args.pseudo_label_threshold, "margin": args.pseudo_label_margin,
                      "messages": len(candidates), "rows": len(labelled), "groups": len({row["group"] for row in labelled})}
            log(f"pseudo-labelled {len(labelled)} of {len(candidates)} messages (cosine >= {args.pseudo_label_threshold}, "
                f"margin >= {args.pseudo_label_margin})")
            train_rows = train_rows + labelled

    negatives = mine_hard_negatives(model, train_rows, args.hard_negatives, args.seed)
    mined = sum(n is not None for n in negatives)
    log(f"mined {mined} hard negatives with the base model")
    examples = list(zip(train_rows, negatives))
    batches_per_epoch = math.ceil(len(examples) / args.batch)
    steps = batches_per_epoch * args.epochs
    if args.max_steps:
        steps = min(steps, args.max_steps)
    trainer = Trainer(model.parameters(), args, device, dtype, steps)
    answered = answered_groups(train_rows)

    def encode(texts: list[str]):
        features = model.tokenize(texts)
        features = {key: value.to(device) for key, value in features.items()}
        return model(features)["sentence_embedding"]

    model.train()
    for batch in trainer.batches(examples, args.batch, args.epochs):
        queries = [row["query"] for row, _ in batch]
        documents = [row["positive"] for row, _ in batch] + [negative for _, negative in batch if negative is not None]
        # Another row's positive, or a negative mined for another row, may answer this query too.
        mask = torch.tensor(not_negatives([row["group"] for row, _ in batch], documents, answered), device=device)
        with trainer.autocast():
            q = encode(queries)
            d = encode(documents)
            logits = (q @ d.T).float() * args.scale
        logits = logits.masked_fill(mask, -1e4)
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch), device=device))
        trainer.update(loss, len(batch))

    after = retrieval_metrics(model, held_rows, train_rows)
    if after:
        emit("metrics", stage="after", **after)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    if adapted_mlm is not None:
        import domain_adaptation

        domain_adaptation.save_mlm_head(adapted_mlm, args.out)
    # Pseudo-labelled messages were trained on with a label: calibration must not score them either.
    trained_texts = write_trained_texts(args.out, args.base, train_rows)
    stages = {}
    if adaptation:
        stages["adaptation"] = adaptation
    if pseudo:
        stages["pseudoLabels"] = pseudo
    return {"task": "bi", **stages, "trainedTexts": trained_texts, "device": device_name, "precision": str(dtype).replace("torch.", "") if dtype else "fp32",
            "steps": trainer.step, "epochs": args.epochs, "seconds": round(trainer.seconds(), 1),
            "pairs_per_s": round(trainer.samples / max(1e-9, trainer.seconds()), 1),
            "trainPairs": len(train_rows), "heldOutQueries": len({r["query"] for r in held_rows}),
            "hardNegatives": mined, "before": before, "after": after}


# ---------------------------------------------------------------- cross-encoder (CTR)


def ctr_metrics(model, tokenizer, rows: list[dict], device: str, max_length: int) -> dict | None:
    """AUC and log loss of click predictions on held-out impressions."""
    import torch

    if not rows or len({row["label"] for row in rows}) < 2:
        return None
    model.eval()
    probabilities = []
    with torch.no_grad():
        for start in range(0, len(rows), 128):
            batch = rows[start:start + 128]
            features = tokenizer([r["query"] for r in batch], [r["text"] for r in batch], padding=True,
                                 truncation=True, max_length=max_length, return_tensors="pt").to(device)
            probabilities.extend(torch.sigmoid(model(**features).logits.float().squeeze(-1)).tolist())
    labels = [row["label"] for row in rows]
    positives = [p for p, y in zip(probabilities, labels) if y == 1]
    negatives = [p for p, y in zip(probabilities, labels) if y == 0]
    # AUC as the share of (clicked, ignored) pairs ordered correctly (ties count half).
    import bisect

    ordered = sorted(negatives)
    wins = sum(bisect.bisect_left(ordered, p) + 0.5 * (bisect.bisect_right(ordered, p) - bisect.bisect_left(ordered, p))
               for p in positives)
    eps = 1e-7
    log_loss = -sum(y * math.log(max(p, eps)) + (1 - y) * math.log(max(1 - p, eps))
                    for p, y in zip(probabilities, labels)) / len(rows)
    return {"n": len(rows), "clicks": len(positives), "auc": round(wins / (len(positives) * len(negatives)), 4),
            "log_loss": round(log_loss, 4)}


def train_ctr(args, rows: list[dict]) -> dict:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    device, dtype, device_name = pick_device(args.device)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    for number, row in enumerate(rows, start=1):
        if row["label"] not in (0, 1):
            raise SystemExit(f"finetune: training row {number}: label must be 0 or 1, got {row['label']!r}")
    tokenizer = AutoTokenizer.from_pretrained(str(args.base))
    model = AutoModelForSequenceClassification.from_pretrained(str(args.base), num_labels=1).to(device)
    train_rows, held_rows = split_held_out(rows, args.held_out, args.seed, ("query",))
    log(f"{len(train_rows)} training impressions ({sum(r['label'] for r in train_rows)} clicks), "
        f"{len(held_rows)} held out, device {device_name}")
    before = ctr_metrics(model, tokenizer, held_rows, device, args.max_length)
    if before:
        emit("metrics", stage="before", **before)
    steps = math.ceil(len(train_rows) / args.batch) * args.epochs
    if args.max_steps:
        steps = min(steps, args.max_steps)
    trainer = Trainer(model.parameters(), args, device, dtype, steps)
    loss_function = torch.nn.BCEWithLogitsLoss()
    model.train()
    for batch in trainer.batches(train_rows, args.batch, args.epochs):
        features = tokenizer([r["query"] for r in batch], [r["text"] for r in batch], padding=True,
                             truncation=True, max_length=args.max_length, return_tensors="pt").to(device)
        labels = torch.tensor([float(r["label"]) for r in batch], device=device)
        with trainer.autocast():
            logits = model(**features).logits.squeeze(-1)
        loss = loss_function(logits.float(), labels)
        trainer.update(loss, len(batch))
    after = ctr_metrics(model, tokenizer, held_rows, device, args.max_length)
    if after:
        emit("metrics", stage="after", **after)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.out), safe_serialization=True)
    tokenizer.save_pretrained(str(args.out))
    return {"task": "ctr", "device": device_name, "precision": str(dtype).replace("torch.", "") if dtype else "fp32",
            "steps": trainer.step, "epochs": args.epochs, "seconds": round(trainer.seconds(), 1),
            "pairs_per_s": round(trainer.samples / max(1e-9, trainer.seconds()), 1),
            "trainImpressions": len(train_rows), "heldOutImpressions": len(held_rows),
            "before": before, "after": after}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--task", choices=("bi", "ctr"), default="bi")
    parser.add_argument("--train", type=Path, required=True, help="JSONL training rows")
    parser.add_argument("--base", type=Path, required=True, help="sentence-transformers model directory")
    parser.add_argument("--out", type=Path, required=True, help="where the trained torch model is saved")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=0.1, help="share of steps spent warming up")
    parser.add_argument("--scale", type=float, default=20.0, help="cosine scale in the ranking loss")
    parser.add_argument("--hard-negatives", type=int, default=1, help="mined negatives per pair (0 or 1)")
    parser.add_argument("--held-out", type=float, default=0.1, help="share of query texts kept for validation")
    parser.add_argument("--max-length", type=int, default=64, help="tokens per text during training")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (0: all epochs)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for torch (0: torch's default)")
    parser.add_argument("--seed", type=int, default=13)
    adaptation = parser.add_argument_group("domain-adaptive pre-training (bi-encoder; domain_adaptation.py)")
    adaptation.add_argument("--unlabeled", type=Path, help="JSONL {\"text\"} shopper messages to adapt on first")
    adaptation.add_argument("--adapt-epochs", type=int, default=1)
    adaptation.add_argument("--adapt-lr", type=float, default=3e-5)
    adaptation.add_argument("--adapt-batch", type=int, default=64)
    adaptation.add_argument("--adapt-max-steps", type=int, default=0, help="stop adapting after this many steps (0: all epochs)")
    adaptation.add_argument("--mlm-weight", type=float, default=0.1, help="weight of the MLM loss beside SimCSE (0: SimCSE only)")
    adaptation.add_argument("--head-warmup-steps", type=int, default=100, help="steps training a new MLM head alone")
    adaptation.add_argument("--head-lr", type=float, default=1e-3)
    adaptation.add_argument("--pseudo-label-threshold", type=float, default=0.0,
                            help="label messages this close (cosine) to one group's texts (0: off)")
    adaptation.add_argument("--pseudo-label-margin", type=float, default=0.1,
                            help="...and this far ahead of every other group")
    args = parser.parse_args()

    import torch

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if args.task == "bi":
        report = train_bi(args, read_rows(args.train, ("query", "positive", "group")))
    else:
        report = train_ctr(args, read_rows(args.train, ("query", "text", "label")))
    report.update({"lr": args.lr, "batch": args.batch, "warmup": args.warmup, "maxLength": args.max_length,
                   "seed": args.seed, "torch": torch.__version__})
    emit("done", **report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
