"""What a classifier head trained on every labelled pair (not only the FAQ's phrasings) would
reach: logistic regression on a model's embeddings of a split's `train-pairs.jsonl`, its
regularisation chosen by 5-fold cross-validation on those pairs alone, scored once on the
split's in-scope test queries (top-1 of the head alone, no abstaining). A measurement for the
issue's pairs target; the bot's head (nlu/intent-head.ts) is trained on phrasings only.

    .venv-model/bin/python scripts/model/pairs_head_ceiling.py /tmp/b77-5c models/b77-pairs
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from split_files import jsonl, split_and_model  # noqa: E402


def main() -> int:
    arguments = split_and_model(__doc__)
    if arguments is None:
        return 2
    split, model_dir = arguments
    from sentence_transformers import SentenceTransformer
    from sklearn.linear_model import LogisticRegressionCV

    pairs = jsonl(split / "train-pairs.jsonl")
    test = [q for q in jsonl(split / "queries.jsonl") if q["expected"] is not None]
    model = SentenceTransformer(model_dir, device="cpu")
    embed = lambda texts: model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    x_train, y_train = embed([p["query"] for p in pairs]), [p["faqId"] for p in pairs]
    x_test, y_test = embed([q["text"] for q in test]), [q["expected"] for q in test]
    head = LogisticRegressionCV(Cs=[1, 10, 100, 1000], cv=5, max_iter=2000, scoring="accuracy").fit(x_train, y_train)
    top1 = sum(p == y for p, y in zip(head.predict(x_test), y_test)) / len(y_test)
    print(json.dumps({"pairs": len(pairs), "test": len(test), "C": float(head.C_[0]), "top1": round(top1, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
