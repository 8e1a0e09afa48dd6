"""Per-plan speed and memory (issue 10's budget: ≤ 0.5 s and ≤ 80 MB per plan as a new process): each
plan audited as a new process, `duibiao audit PLAN --format json`, several times; wall time min and
median, CPU time (user + system) min, peak RSS max. On a shared, loaded machine wall time follows the
load; CPU time much less. Run through benchmarks/run.py (`--only plans`), which writes results.json.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

BUDGET_S, BUDGET_MB = 0.5, 80


def run_once(command: list[str], plan: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one audit in a new process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command + ["audit", str(plan), "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: the audit found errors
        raise SystemExit(f"{plan}：duibiao 以代码 {proc.returncode} 退出")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(command: list[str], plan: Path, label: str, repeat: int) -> dict:
    runs = [run_once(command, plan) for _ in range(repeat)]
    walls = [w for w, _, _ in runs]
    row = {
        "plan": label,
        "min_s": round(min(walls), 3),
        "median_s": round(statistics.median(walls), 3),
        "min_cpu_s": round(min(c for _, c, _ in runs), 3),
        "peak_mb": round(max(mb for _, _, mb in runs), 1),
    }
    row["over_budget"] = row["min_s"] > BUDGET_S or row["peak_mb"] > BUDGET_MB
    return row


def print_rows(rows: list[dict]) -> None:
    print(f"{'plan':44} {'min s':>7} {'median s':>9} {'min CPU s':>10} {'peak MB':>8}")
    for r in rows:
        print(f"{r['plan']:44} {r['min_s']:7.3f} {r['median_s']:9.3f} {r['min_cpu_s']:10.3f} {r['peak_mb']:8.1f}"
              f"{'  超出预算' if r['over_budget'] else ''}")
