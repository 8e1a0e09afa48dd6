"""Units accuracy measured by the real scorer (../shared/eval/score.py) on the fresh plans written for the
units work (tests/fresh_plans/b_*, hand-written gold beside them) and on ../shared/devset: units F1 and
blank slots must hold."""
from __future__ import annotations

import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FRESH = ROOT / "tests" / "fresh_plans"
DEVSET = ROOT.parent / "shared" / "devset"


def _score(docs: Path, gold: Path) -> dict[str, float]:
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py not available")
    cmd = f"{shlex.quote(sys.executable)} -m duibiao audit {{doc}} --format json"
    out = subprocess.run([sys.executable, str(SCORER), "--cmd", cmd, "--docs", str(docs), "--gold", str(gold)],
                         capture_output=True, text=True, timeout=600, cwd=ROOT, check=True).stdout
    return {k: float(v) for k, v in (pair.split("=") for pair in out.strip().splitlines()[-1].split())}


def test_fresh_plans_units():
    with tempfile.TemporaryDirectory() as gold:
        for g in (FRESH / "gold").glob("b_*.json"):  # only this work's plans; others keep their own bars
            (Path(gold) / g.name).write_bytes(g.read_bytes())
        figures = _score(FRESH, Path(gold))
    assert figures["units_f1"] >= 0.90, figures
    assert figures["blank_slots_acc"] == 1.0, figures


def test_devset_units_and_blank_slots():
    figures = _score(DEVSET / "plans", DEVSET / "gold")
    assert figures["units_f1"] >= 0.95, figures
    assert figures["blank_slots_acc"] == 1.0, figures
