"""The same file gives the same audit in every run: a reviewer compares two runs (a revision, a
re-check) and a difference must mean a change in the plan. Each run is a new process with another hash
seed and address layout, where the iteration order of sets and the hashes of None and str differ."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Plans whose units come through several links (task numbers and a 分工表's columns, labels, sections).
PLANS = [ROOT / "tests" / "fresh_plans" / "b_renwu.txt", ROOT / "tests" / "fresh_plans" / "b_zizhixian.docx",
         ROOT / "samples" / "qitai.pdf"]


def _audit(plan: Path, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "duibiao", "audit", str(plan), "--format", "json"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_two_runs_give_the_same_audit(plan):
    assert _audit(plan, "1") == _audit(plan, "2")
