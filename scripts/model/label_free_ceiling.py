"""How far a model's embeddings go on a BANKING77-style split with no labels beyond the FAQ's
phrasings: the unlabelled messages may be used, the labelled pairs and calibration questions
may not. A measurement for the issue's label-free target (strict top-1 >= 0.85 after adaptation
plus few-shot), not a part of the bot.

Each line scores the split's in-scope test queries, top-1 with no abstaining (so above what the
bot's strict top-1 can reach with the same ranking):
- nearest phrasing (retrieval alone);
- logistic regression on the phrasings, for C in 1, 10, 100;
- self-training: the head (C = 10) labels the unlabelled messages, keeps those where it agrees
  with the nearest phrasing and is among the most confident SHARE of them, and is trained again
  on the phrasings plus those, for three rounds;
- label spreading over a k-nearest-neighbour graph of phrasings and messages, and a head
  trained on its most confident half per entry.

Every variant is printed and scored on the test queries, so their best is an upper bound, not
an estimate: none was chosen on held-out data.

    .venv-model/bin/python scripts/model/label_free_ceiling.py /tmp/b77-5c models/all-MiniLM-L6-v2
"""
import json
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from domain_adaptation import read_messages  # noqa: E402
from split_files import jsonl, split_and_model  # noqa: E402


def main() -> int:
    arguments = split_and_model(__doc__)
    if arguments is None:
        return 2
    split, model_dir = arguments
    import numpy as np
    from sentence_transformers import SentenceTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.semi_supervised import LabelSpreading

    faq = json.loads((split / "faq.json").read_text())
    entry = {item["id"]: i for i, item in enumerate(faq)}
    phrasings = [(question, entry[item["id"]]) for item in faq for question in item["questions"]]
    messages = read_messages(split / "unlabeled.jsonl")
    test = [q for q in jsonl(split / "queries.jsonl") if q["expected"] is not None]
    model = SentenceTransformer(model_dir, device="cpu")
    embed = lambda texts: model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    x_phrasings, x_messages, x_test = embed([p for p, _ in phrasings]), embed(messages), embed([q["text"] for q in test])
    y_phrasings = np.array([label for _, label in phrasings])
    y_test = np.array([entry[q["expected"]] for q in test])
    entries = len(faq)

    def report(method: str, scores, **details) -> None:
        top1 = float((np.asarray(scores).argmax(1) == y_test).mean())
        print(json.dumps({"method": method, **details, "top1": round(top1, 4)}), flush=True)

    def nearest_phrasing(x):
        similarity = x @ x_phrasings.T
        return np.stack([similarity[:, y_phrasings == c].max(1) for c in range(entries)], axis=1)

    def head(x, y, c=10.0):
        return LogisticRegression(C=c, max_iter=3000).fit(x, y)

    print(json.dumps({"model": model_dir, "phrasings": len(phrasings), "messages": len(messages), "test": len(test)}))
    report("nearest phrasing", nearest_phrasing(x_test))
    for c in (1.0, 10.0, 100.0):
        report("head on phrasings", head(x_phrasings, y_phrasings, c).predict_proba(x_test), C=c)

    retrieval_label = nearest_phrasing(x_messages).argmax(1)
    for share in (0.5, 0.7, 0.9):
        x_train, y_train = x_phrasings, y_phrasings
        for round_ in range(1, 4):
            probabilities = head(x_train, y_train).predict_proba(x_messages)
            label, confidence = probabilities.argmax(1), probabilities.max(1)
            keep = (confidence >= np.quantile(confidence, 1 - share)) & (label == retrieval_label)
            x_train = np.vstack([x_phrasings, x_messages[keep]])
            y_train = np.concatenate([y_phrasings, label[keep]])
        report("self-trained head", head(x_train, y_train).predict_proba(x_test), share=share, rounds=3, pseudo=int(keep.sum()))

    for alpha in (0.2, 0.8):
        x = np.vstack([x_phrasings, x_messages])
        y = np.concatenate([y_phrasings, -np.ones(len(x_messages), dtype=int)])
        spread = LabelSpreading(kernel="knn", n_neighbors=15, alpha=alpha, max_iter=100).fit(x, y)
        report("label spreading", spread.predict_proba(x_test), alpha=alpha, k=15)
        label = spread.transduction_[len(x_phrasings):]
        confidence = spread.label_distributions_[len(x_phrasings):].max(1)
        keep = np.zeros(len(x_messages), dtype=bool)
        for c in range(entries):
            members = np.where(label == c)[0]
            keep[members[np.argsort(-confidence[members])[: (len(members) + 1) // 2]]] = True
        trained = head(np.vstack([x_phrasings, x_messages[keep]]), np.concatenate([y_phrasings, label[keep]]))
        report("head on spread labels", trained.predict_proba(x_test), alpha=alpha, k=15, pseudo=int(keep.sum()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
