"""Run a fuzz campaign: each mutated file through `duibiao audit` and `duibiao extract` as a new process
with a time and memory limit, and report every case that broke a guarantee (a traceback without
--debug, an exit code outside 0/1/3, an internal error, more than the time or memory allowed).

    python tests/fuzz/campaign.py [--count 300] [--seed 7] [--keep DIR]

tests/test_fuzz.py runs a small campaign in CI; this script runs larger fresh ones (another --seed)."""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]  # mutations, docx_fixtures
from mutations import mutated_cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_EXITS = {0, 1, 3}  # done, findings (--fail-on), unreadable file: see `duibiao --help`
TIME_LIMIT, MEMORY_LIMIT = 60, 1024 * 1024 * 1024


def seed_files() -> list[Path]:
    found = [*ROOT.glob("samples/*.docx"), *ROOT.glob("samples/*.pdf"), *ROOT.glob("samples/*.txt"),
             *ROOT.glob("tests/data/*.html"), *ROOT.glob("tests/fresh_plans/*.txt")]
    html = ROOT / "tests" / "data" / "fuzz" / "seed.html"
    return found + ([html] if html.exists() else [])


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_case(path: Path, command: str) -> str:
    """'' when the case kept every guarantee, else what went wrong."""
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "duibiao", command, str(path), *(["--format", "json"] if command == "audit" else [])],
            capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        return f"over {TIME_LIMIT} s"
    seconds = time.monotonic() - started
    if "Traceback" in proc.stderr:
        return "traceback: " + proc.stderr.strip().splitlines()[-1][:200]
    if proc.returncode not in ALLOWED_EXITS:
        return f"exit {proc.returncode}: {proc.stderr.strip()[:200]}"
    if proc.returncode == 3 and not proc.stderr.startswith("错误："):
        return "unreadable without one Chinese line: " + proc.stderr[:200]
    return "" if seconds <= TIME_LIMIT else f"{seconds:.0f} s"


def campaign(count: int, seed: int, folder: Path) -> list[tuple[str, str, str]]:
    broken = []
    for name, suffix, data in mutated_cases(seed_files(), count, seed):
        path = folder / f"{name}{suffix}"
        path.write_bytes(data)
        for command in ("audit", "extract"):
            problem = run_case(path, command)
            if problem:
                broken.append((path.name, command, problem))
    return broken


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="keep the mutated files in this folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        broken = campaign(args.count, args.seed, folder)
    for name, command, problem in broken:
        print(f"{command:8} {name}: {problem}")
    print(f"{args.count} files, {len(broken)} broken runs")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
