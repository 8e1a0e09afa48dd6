"""The audit's accuracy on the five sample plans, against copies of the hand-written gold audits.
Fails when a figure drops below the bars of the audit and units issues, so CI guards accuracy."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from duibiao.audit import audit_file
from scoring import score

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
BARS = {"status_acc": 0.95, "values_acc": 0.95, "flags_f1": 0.85, "omission_f1": 0.95, "units_f1": 0.90}


@cache
def figures(ext: str) -> dict[str, float]:
    pairs = []
    for gold_path in GOLD:
        doc = ROOT / "samples" / f"{gold_path.stem}{ext}"
        pairs.append((json.loads(gold_path.read_text(encoding="utf-8")), audit_file(doc).to_dict()))
    return score(pairs)


def test_gold_covers_every_sample():
    assert [p.stem for p in GOLD] == sorted(p.stem for p in (ROOT / "samples").glob("*.txt"))


@pytest.mark.parametrize("metric", sorted(BARS))
def test_txt_accuracy_meets_bar(metric):
    assert figures(".txt")[metric] >= BARS[metric], figures(".txt")


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
@pytest.mark.parametrize("metric", sorted(BARS))
def test_rendition_accuracy_within_two_points_of_txt(ext, metric):
    assert figures(ext)[metric] >= figures(".txt")[metric] - 0.02, (ext, figures(ext))
