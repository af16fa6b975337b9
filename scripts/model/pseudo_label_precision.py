"""How many unlabelled messages pseudo-labelling would label, and how many rightly, at a few
thresholds and margins: for a split written by `npx tsx scripts/eval/banking77.ts --test-share`,
whose unlabelled messages are the training part's texts (their labels, in train-pairs.jsonl, are
read only to score the pseudo-labels). Prints `threshold margin labelled precision` lines.

    .venv-model/bin/python scripts/model/pseudo_label_precision.py /tmp/b77-ft models/all-MiniLM-L6-v2
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))

import domain_adaptation  # noqa: E402
import finetune  # noqa: E402
from split_files import jsonl, split_and_model  # noqa: E402


def main() -> int:
    arguments = split_and_model(__doc__)
    if arguments is None:
        return 2
    split, model_dir = arguments
    from sentence_transformers import SentenceTransformer

    faq = json.loads((split / "faq.json").read_text())
    rows = [{"query": q, "positive": q, "group": e["id"]} for e in faq for q in e["questions"]]
    labels = {row["query"]: row["faqId"] for row in jsonl(split / "train-pairs.jsonl")}
    phrasings = {q for e in faq for q in e["questions"]}
    messages = [m for m in domain_adaptation.read_messages(split / "unlabeled.jsonl") if m not in phrasings]
    model = SentenceTransformer(model_dir, device="cpu")
    print(f"{len(messages)} unlabelled messages that are not phrasings")
    for threshold, margin in [(0.6, 0.0), (0.6, 0.05), (0.7, 0.0), (0.7, 0.05), (0.7, 0.1), (0.8, 0.0), (0.8, 0.1)]:
        labelled = domain_adaptation.pseudo_label(model, messages, rows, threshold, margin, finetune.embed)
        right = sum(labels.get(row["query"]) == row["group"] for row in labelled)
        print(threshold, margin, len(labelled), round(right / max(1, len(labelled)), 3), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
