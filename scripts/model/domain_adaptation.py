"""Domain-adaptive pre-training for finetune.py: adapts a sentence-transformers encoder to a
shop's unlabelled shopper messages before the supervised stage (CPFT: contrastive
pre-training, then fine-tuning).

Each step takes a batch of messages and sums two losses on the same encoder:
- SimCSE (unsupervised): every message is encoded twice with dropout on; each must pick its
  own second view among the batch's (in-batch negatives, cosine scale as the ranking loss).
- masked-language modelling, weighted by --mlm-weight: 15% of the tokens masked (80% [MASK],
  10% random, 10% kept), predicted by an MLM head. The head is continued from the base where
  the base has one (in its weights, or the `mlm-head.safetensors` an earlier adaptation
  saved); a new head is first warmed up with the encoder frozen, so that its random start
  does not push the encoder's weights around.
The head is saved beside the model (`mlm-head.safetensors`), so that adapting an adapted model
continues it.

Then, optionally, pseudo-labels: the messages the adapted model places close to one group's
known texts (cosine >= --pseudo-label-threshold, and that far ahead of any other group by
--pseudo-label-margin) become training rows of that group, counted apart from real labels.
"""
from __future__ import annotations

import math
import time
from pathlib import Path

MLM_HEAD_FILE = "mlm-head.safetensors"
MASK_SHARE = 0.15


def build_mlm(transformer, base: Path, log):
    """An MLM model whose encoder IS `transformer` (shared modules, so training it trains the
    sentence encoder) and whose head comes from the base when it has one. Returns the model
    and where the head came from: "base weights", "mlm-head.safetensors" or "new"."""
    import torch
    from safetensors import safe_open
    from transformers import AutoModelForMaskedLM

    mlm = AutoModelForMaskedLM.from_config(transformer.config)
    prefix = mlm.base_model_prefix
    setattr(mlm, prefix, transformer)
    mlm.tie_weights()
    head_keys = {key for key in mlm.state_dict() if not key.startswith(prefix + ".")}
    found: dict[str, torch.Tensor] = {}
    origin = "new"
    for name, label in ((MLM_HEAD_FILE, "mlm-head.safetensors"), ("model.safetensors", "base weights")):
        path = base / name
        if not path.is_file():
            continue
        with safe_open(str(path), "pt") as handle:
            tensors = {key: handle.get_tensor(key) for key in handle.keys() if key in head_keys}
        if tensors:
            found, origin = tensors, label
            break
    if found:
        # Tied tensors are saved once (save_mlm_head): a key is there when any key sharing its storage is.
        state = mlm.state_dict()
        storage_found = {state[key].data_ptr() for key in found}
        missing = sorted(key for key in head_keys - set(found)
                         if not key.endswith("decoder.weight") and state[key].data_ptr() not in storage_found)
        if missing:
            log(f"MLM head in {origin} lacks {', '.join(missing[:3])}: starting a new head")
            found, origin = {}, "new"
        else:
            mlm.load_state_dict(found, strict=False)
            mlm.tie_weights()
    return mlm, origin


def save_mlm_head(mlm, out: Path) -> None:
    from safetensors.torch import save_file

    prefix = mlm.base_model_prefix
    # The decoder's weight is the word embeddings (tied): saved once, in model.safetensors. Other
    # tied tensors (BERT's decoder bias is the head's bias) are saved once; tie_weights restores them.
    head, storages = {}, set()
    for key, value in mlm.state_dict().items():
        if key.startswith(prefix + ".") or key.endswith("decoder.weight") or value.data_ptr() in storages:
            continue
        storages.add(value.data_ptr())
        head[key] = value.detach().cpu().contiguous()
    save_file(head, str(out / MLM_HEAD_FILE))


def mask_tokens(input_ids, attention_mask, tokenizer, generator):
    """BERT's masking: 15% of the real tokens (never special ones) are predicted; of those
    80% become [MASK], 10% a random token, 10% stay. Labels are -100 elsewhere."""
    import torch

    labels = input_ids.clone()
    special = torch.zeros_like(input_ids, dtype=torch.bool)
    for token_id in tokenizer.all_special_ids:
        special |= input_ids == token_id
    candidates = attention_mask.bool() & ~special
    chosen = (torch.rand(input_ids.shape, generator=generator) < MASK_SHARE) & candidates
    # At least one prediction per message that has a real token, so no row is wasted.
    none = ~chosen.any(dim=1) & candidates.any(dim=1)
    for row in none.nonzero().flatten().tolist():
        positions = candidates[row].nonzero().flatten()
        chosen[row, positions[torch.randint(len(positions), (1,), generator=generator)]] = True
    labels[~chosen] = -100
    masked = input_ids.clone()
    draw = torch.rand(input_ids.shape, generator=generator)
    masked[chosen & (draw < 0.8)] = tokenizer.mask_token_id
    randomised = chosen & (draw >= 0.8) & (draw < 0.9)
    masked[randomised] = torch.randint(len(tokenizer), input_ids.shape, generator=generator)[randomised]
    return masked, labels


def adapt(model, messages: list[str], args, device, dtype, trainer_class, evaluate, log, emit) -> dict:
    """Runs the adaptation on `model` in place; returns the stage's record and the MLM model
    (None without MLM)."""
    import torch

    transformer = model[0]
    tokenizer = transformer.tokenizer
    mlm, head_origin = build_mlm(transformer.auto_model, args.base, log)
    mlm.to(device)
    generator = torch.Generator().manual_seed(args.seed)
    batch_size = min(args.adapt_batch, len(messages))
    steps = math.ceil(len(messages) / batch_size) * args.adapt_epochs
    if args.adapt_max_steps:
        steps = min(steps, args.adapt_max_steps)
    started = time.time()
    before = evaluate()

    def tokens(texts: list[str]):
        return tokenizer(texts, padding=True, truncation=True, max_length=args.max_length, return_tensors="pt")

    def mlm_loss(features):
        masked, labels = mask_tokens(features["input_ids"], features["attention_mask"], tokenizer, generator)
        inputs = {"input_ids": masked.to(device), "attention_mask": features["attention_mask"].to(device)}
        if "token_type_ids" in features:
            inputs["token_type_ids"] = features["token_type_ids"].to(device)
        logits = mlm(**inputs).logits
        return torch.nn.functional.cross_entropy(logits.float().view(-1, logits.shape[-1]), labels.to(device).view(-1), ignore_index=-100)

    warmup_steps = 0
    head_losses: list[float] = []
    if head_origin == "new" and args.mlm_weight > 0:
        # A random head's gradients would reach the encoder: train the head alone first.
        warmup_steps = min(args.head_warmup_steps, steps)
        head = [p for name, p in mlm.named_parameters() if not name.startswith(mlm.base_model_prefix + ".")]
        for p in transformer.auto_model.parameters():
            p.requires_grad_(False)
        head_args = type("HeadArgs", (), {"lr": args.head_lr, "warmup": 0.1})()
        warm = trainer_class(head, head_args, device, dtype, warmup_steps, label="MLM head")
        mlm.train()
        pool = list(messages)
        for batch in warm.batches(pool, batch_size, 10**6):
            with warm.autocast():
                loss = mlm_loss(tokens(batch))
            head_losses.append(round(float(loss.item()), 4))
            warm.update(loss, len(batch))
        for p in transformer.auto_model.parameters():
            p.requires_grad_(True)
        log(f"warmed up a new MLM head for {warmup_steps} steps (encoder frozen), loss {loss.item():.3f}")

    stage_args = type("StageArgs", (), {"lr": args.adapt_lr, "warmup": args.warmup})()
    parameters = {id(p): p for p in list(model.parameters()) + list(mlm.parameters())}.values()
    trainer = trainer_class(parameters, stage_args, device, dtype, steps, label="adapting")
    model.train()
    mlm.train()
    # First and last step's losses: a continued MLM head starts where the last adaptation left it.
    first_loss: dict = {}
    last_loss: dict = {}
    for batch in trainer.batches(list(messages), batch_size, args.adapt_epochs):
        features = tokens(batch)
        doubled = {key: torch.cat([value, value]).to(device) for key, value in features.items()}
        with trainer.autocast():
            # Two passes of the same text differ only by dropout: the positive pair.
            vectors = model(doubled)["sentence_embedding"]
            vectors = torch.nn.functional.normalize(vectors.float(), dim=-1)
            view_a, view_b = vectors[: len(batch)], vectors[len(batch):]
            logits = view_a @ view_b.T * args.scale
            contrastive = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch), device=device))
            loss = contrastive
            if args.mlm_weight > 0:
                masked_lm = mlm_loss(features)
                loss = loss + args.mlm_weight * masked_lm
                last_loss["mlm"] = round(float(masked_lm.item()), 4)
        last_loss["simcse"] = round(float(contrastive.item()), 4)
        first_loss = first_loss or dict(last_loss)
        trainer.update(loss, len(batch))
    after = evaluate()
    record = {"messages": len(messages), "steps": trainer.step, "epochs": args.adapt_epochs, "batch": batch_size,
            "lr": args.adapt_lr, "mlmWeight": args.mlm_weight, "mlmHead": head_origin,
            "headWarmup": {"steps": warmup_steps, "firstLoss": head_losses[0] if head_losses else None,
                           "lastLoss": head_losses[-1] if head_losses else None},
            "loss": {"first": first_loss, "last": last_loss}, "seconds": round(time.time() - started, 1),
            "messages_per_s": round(trainer.samples / max(1e-9, trainer.seconds()), 1), "before": before, "after": after}
    # The head is returned to be saved beside the model (save_mlm_head); without MLM there is none.
    return record, (mlm if args.mlm_weight > 0 else None)


def pseudo_label(model, messages: list[str], rows: list[dict], threshold: float, margin: float, embed) -> list[dict]:
    """Rows {query, positive, group, pseudo: true} for the messages the model places near
    one group's known texts: best cosine >= threshold and >= margin ahead of the best text
    of any other group. The positive is that nearest text."""
    import torch

    texts_by_group: dict[str, set[str]] = {}
    for row in rows:
        texts_by_group.setdefault(row["group"], set()).add(row["positive"])
    documents = [(group, text) for group, texts in sorted(texts_by_group.items()) for text in sorted(texts)]
    if len(texts_by_group) < 2 or not messages:
        return []
    doc_vectors = embed(model, [text for _, text in documents])
    groups = sorted(texts_by_group)
    column = {group: i for i, group in enumerate(groups)}
    doc_group = torch.tensor([column[group] for group, _ in documents], device=doc_vectors.device)
    labelled = []
    for start in range(0, len(messages), 512):
        chunk = messages[start:start + 512]
        scores = embed(model, chunk) @ doc_vectors.T
        best = torch.full((len(chunk), len(groups)), -2.0, device=scores.device)
        best = best.scatter_reduce(1, doc_group.expand(len(chunk), -1), scores, reduce="amax")
        top = best.topk(2, dim=1)
        nearest_doc = scores.argmax(dim=1)
        for i, message in enumerate(chunk):
            first, second = top.values[i].tolist()
            if first >= threshold and first - second >= margin:
                group, text = documents[int(nearest_doc[i])]
                labelled.append({"query": message, "positive": text, "group": group, "pseudo": True})
    return labelled


def read_messages(path: Path) -> list[str]:
    import json

    messages = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                messages.append(json.loads(line)["text"])
    return messages

