"""The files of a split written by `scripts/eval/banking77.ts` (faq.json, queries.jsonl,
train-pairs.jsonl, unlabeled.jsonl), as the measurement scripts beside this one read them, and
their shared command line: SPLIT MODEL."""
import json
import sys
from pathlib import Path


def jsonl(path: Path) -> list:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def split_and_model(usage: str) -> tuple[Path, str] | None:
    """The command line's split folder and model directory; None (the usage printed) otherwise."""
    if len(sys.argv) != 3:
        print(usage, file=sys.stderr)
        return None
    return Path(sys.argv[1]), sys.argv[2]
