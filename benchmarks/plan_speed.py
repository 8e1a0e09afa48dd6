"""Per-plan speed and memory: each sample plan (every format) and each devset plan audited as a new
process, `duibiao audit PLAN --format json`, several times; wall time min and median, CPU time (user +
system) min, peak RSS max. On a shared, loaded machine wall time follows the load; CPU time much less.

    /work/venv/bin/python benchmarks/plan_speed.py [--repeat 5] [--budget-s 0.5] [--budget-mb 80]

Prints one row per plan, marks rows over budget, and writes benchmarks/plan_speed.json.
Not a test: timings belong here, not in tests/.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "plans"
BIN = Path(sys.executable).parent
DUIBIAO = [str(BIN / "duibiao")] if (BIN / "duibiao").exists() else [sys.executable, "-m", "duibiao"]


def plans() -> list[Path]:
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
    return samples + sorted(DEVSET.glob("*.txt"))


def run_once(plan: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one audit in a new process."""
    start = time.perf_counter()
    proc = subprocess.Popen(DUIBIAO + ["audit", str(plan), "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: the audit found errors
        raise SystemExit(f"{plan}: duibiao exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget-s", type=float, default=0.5)
    parser.add_argument("--budget-mb", type=float, default=80)
    args = parser.parse_args()
    rows = []
    for plan in plans():
        runs = [run_once(plan) for _ in range(args.repeat)]
        walls = [w for w, _, _ in runs]
        rows.append({
            "plan": f"{plan.parent.name}/{plan.name}",
            "min_s": round(min(walls), 3),
            "median_s": round(statistics.median(walls), 3),
            "min_cpu_s": round(min(c for _, c, _ in runs), 3),
            "peak_mb": round(max(mb for _, _, mb in runs), 1),
        })
    print(f"{'plan':40} {'min s':>7} {'median s':>9} {'min CPU s':>10} {'peak MB':>8}")
    for r in rows:
        over = r["min_s"] > args.budget_s or r["peak_mb"] > args.budget_mb
        print(f"{r['plan']:40} {r['min_s']:7.3f} {r['median_s']:9.3f} {r['min_cpu_s']:10.3f} {r['peak_mb']:8.1f}"
              f"{'  over budget' if over else ''}")
    result = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "load_average": os.getloadavg(),
        "repeat": args.repeat,
        "plans": rows,
    }
    (ROOT / "benchmarks" / "plan_speed.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                                                         encoding="utf-8")


if __name__ == "__main__":
    main()
