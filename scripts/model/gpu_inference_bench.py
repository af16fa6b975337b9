"""Encoder inference speed on CUDA against CPU, for `npm run gpu:check`: sentences per second
of an exported Aisle model (onnx/model.onnx, fp32) in ONNX Runtime with the CUDA execution
provider and with the CPU one, on the same batches.

ONNX Runtime's CUDA provider ships in the `onnxruntime-gpu` package, which cannot share an
environment with the CPU `onnxruntime` that the toolchain uses; gpu-check.ts runs this script
in a separate environment (.venv-ort-gpu) that has it. Prints one JSON object.

    python scripts/model/gpu_inference_bench.py --model models/all-MiniLM-L6-v2 --seconds 10
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SENTENCES = [
    "where is my order", "can I pay with paypal", "a warm jacket under $100 in navy",
    "the zip on my backpack broke after two weeks, can I get it repaired or replaced?",
    "do you ship to ireland", "I was charged twice for the same order!!",
    "Men's waterproof hiking boots, size 10, brown leather, for long walks in the rain",
    "refund still not in my account", "is the wool itchy", "gift card balance?",
]


def sentences_per_second(run, batch: list[str], seconds: float) -> float:
    run(batch)  # warm-up: kernels, allocations
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        run(batch)
        done += len(batch)
    return done / (time.perf_counter() - started)


def onnx_runner(model: Path, providers: list[str]):
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
    tokenizer.enable_padding()
    tokenizer.enable_truncation(128)
    session = ort.InferenceSession(str(model / "onnx" / "model.onnx"), providers=providers)
    names = {i.name for i in session.get_inputs()}

    def run(texts: list[str]):
        encoded = tokenizer.encode_batch(texts)
        feeds = {"input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                 "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64)}
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encoded], dtype=np.int64)
        session.run(None, feeds)

    return run, session.get_providers()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per configuration")
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    batch = (SENTENCES * (args.batch // len(SENTENCES) + 1))[: args.batch]
    import onnxruntime as ort

    report: dict = {"onnxruntime": ort.__version__, "availableProviders": ort.get_available_providers(), "batch": args.batch}
    run, providers = onnx_runner(args.model, ["CPUExecutionProvider"])
    report["ortCpu"] = round(sentences_per_second(run, batch, args.seconds), 1)
    if "CUDAExecutionProvider" in ort.get_available_providers():
        run, providers = onnx_runner(args.model, ["CUDAExecutionProvider", "CPUExecutionProvider"])
        # A session silently falls back to the CPU when the CUDA libraries do not load.
        if providers[0] == "CUDAExecutionProvider":
            report["ortCuda"] = round(sentences_per_second(run, batch, args.seconds), 1)
            report["ortCudaOverCpu"] = round(report["ortCuda"] / report["ortCpu"], 1)
        else:
            report["ortCudaError"] = f"the CUDA provider did not load (session providers {providers})"
    else:
        report["ortCudaError"] = "this onnxruntime has no CUDAExecutionProvider"
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
