"""No 低于标准 error from a figure that is not the plan's commitment: on every plan with a hand-written
gold (the samples, ../shared/devset and tests/fresh_plans, among them yearly-target tables, 整改方案 full of
current figures, 国家/省/县 tables), a looser finding stands only where the gold flags the indicator looser.
The accuracy figures themselves are guarded by tests/test_audit_accuracy.py with the real scorer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from duibiao.audit import audit_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAIRS = [
    *((ROOT / "samples" / f"{g.stem}.txt", g) for g in sorted((SHARED / "gold").glob("*.json"))),
    *((SHARED / "devset" / "plans" / f"{g.stem}.txt", g) for g in sorted((SHARED / "devset" / "gold").glob("*.json"))),
    *((ROOT / "tests" / "fresh_plans" / f"{g.stem}.txt", g) for g in sorted((ROOT / "tests" / "fresh_plans" / "gold").glob("*.json"))),
]


@pytest.mark.parametrize("plan, gold", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_no_looser_error_without_a_looser_statement(plan, gold):
    expected = json.loads(gold.read_text(encoding="utf-8"))["indicators"]
    false_errors = [
        (f["indicator"], f["message"]) for f in audit_file(plan).to_dict()["findings"]
        if f["kind"] == "looser" and "looser" not in expected[f["indicator"]]["flags"]
    ]
    assert false_errors == []
