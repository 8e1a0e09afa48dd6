"""The .docx reader's CPU per plan (issue 16): read_document() on every .docx of a folder in one
process, CPU time (time.process_time) per plan, the minimum of several rounds, against python-docx
merely opening and walking the same files (the batch benchmark's yardstick, see run.py).

"kept styles": as in a batch worker, a styles part already parsed for an earlier plan is reused;
"fresh styles": every plan parses its own (a new process, or plans from different templates).

    python benchmarks/docx_read.py [FOLDER] [--rounds N]     (default: benchmarks/out/docx, 3 rounds)

For steady figures: `export PYTHONDONTWRITEBYTECODE=` and compile the package first (see run.py).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from duibiao.extractors import read_document
from duibiao.extractors.docx_styles import _kept_styles
from yardsticks import docx_walk


def _read_fresh(path: Path) -> None:
    _kept_styles.cache_clear()
    read_document(path)


def cpu_ms_per_file(read, files: list[Path], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for path in files:
            read(path)
        best = min(best, time.process_time() - start)
    return round(best / len(files) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=Path(__file__).parent / "out" / "docx", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.docx"))
    if not files:
        raise SystemExit(f"{args.folder}：没有 .docx 文件（先运行 benchmarks/run.py 生成）")
    read_document(files[0])  # imports and first-use compilations are start-up, not reading
    docx_walk(files[0])
    rows = {
        "read_document, kept styles": cpu_ms_per_file(read_document, files, args.rounds),
        "read_document, fresh styles": cpu_ms_per_file(_read_fresh, files, args.rounds),
        "python-docx open + walk": cpu_ms_per_file(docx_walk, files, args.rounds),
    }
    print(f"{len(files)} files, CPU ms per file (min of {args.rounds} rounds)")
    for name, ms in rows.items():
        print(f"  {name:32} {ms:6.1f}")


if __name__ == "__main__":
    main()
