"""Accuracy guarded by the project's real scorer (../shared/eval/score.py), run on the command as a user
runs it: the five samples (as .txt, .docx and .pdf) against their gold, ../shared/devset, and the plans
written fresh for this project (tests/fresh_plans, hand-written gold beside them). Each bar is 0.02
under the figure reached when it was set; a drop below it fails CI."""
from __future__ import annotations

import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FRESH = ROOT / "tests" / "fresh_plans"
METRICS = ["status_acc", "presence_f1", "values_acc", "flags_f1", "omission_f1", "units_f1", "blank_slots_acc"]

# (documents, gold, extension) → the figures reached when the bars were set (score.py's TOTAL row).
CORPORA = {
    "samples.txt": ((ROOT / "samples", SHARED / "gold", ".txt"), [1.0, 1.0, 1.0, 1.0, 1.0, 0.998, 1.0]),
    "samples.docx": ((ROOT / "samples", SHARED / "gold", ".docx"), [1.0, 1.0, 1.0, 1.0, 1.0, 0.998, 1.0]),
    "samples.pdf": ((ROOT / "samples", SHARED / "gold", ".pdf"), [1.0, 1.0, 1.0, 1.0, 1.0, 0.998, 1.0]),
    "devset": ((SHARED / "devset" / "plans", SHARED / "devset" / "gold", None), [1.0, 1.0, 1.0, 0.99, 1.0, 0.995, 1.0]),
    "fresh": ((FRESH, FRESH / "gold", ".txt"), [1.0, 1.0, 1.0, 0.984, 1.0, 0.998, 1.0]),
}


@cache
def figures(corpus: str) -> dict[str, float]:
    (docs, gold, ext), _reached = CORPORA[corpus]
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside this checkout")
    command = f"{shlex.quote(sys.executable)} -m duibiao audit {{doc}} --format json"
    args = [sys.executable, str(SCORER), "--cmd", command, "--docs", str(docs), "--gold", str(gold)]
    out = subprocess.run([*args, *(["--ext", ext] if ext else [])], capture_output=True, text=True, timeout=1800,
                         cwd=ROOT, check=True).stdout
    return {k: float(v) for k, v in (pair.split("=") for pair in out.strip().splitlines()[-1].split())}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_accuracy_holds(corpus):
    reached = dict(zip(METRICS, CORPORA[corpus][1]))
    got = figures(corpus)
    dropped = {m: (got[m], reached[m]) for m in METRICS if got[m] < reached[m] - 0.02}
    assert not dropped, f"{corpus}: figure (got, reached) {dropped}; all: {got}"


def test_every_fresh_plan_has_its_gold():
    plans = {p.stem for p in FRESH.glob("*.txt")}
    assert plans and plans == {g.stem for g in (FRESH / "gold").glob("*.json")}
