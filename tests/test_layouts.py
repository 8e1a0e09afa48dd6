"""Layout invariance: a plan re-typeset from its .txt by an independent writer (tests/layouts: python-docx,
lxml, HTML; Chromium for PDF when installed) audits as the .txt does. Every figure of
../shared/eval/score.py, scoring the rendition's audit against the .txt's audit as gold, must be ≥ 0.98."""
from __future__ import annotations

import shutil
from functools import lru_cache
from pathlib import Path

import pytest

from layouts import evaluate
from layouts.render import LAYOUTS, render

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "plans"
FRESH = ROOT / "tests" / "fresh_plans"
# Samples with an annex table (the layouts differ most there) and one without, every dev plan, and fresh
# plans in other styles: a portal page with ≥ figures and 牵头/配合 labels in the text, a task list.
PLANS = [ROOT / "samples" / "qitai.txt", ROOT / "samples" / "zibo_gaoxin.txt", ROOT / "samples" / "haicheng.txt",
         ROOT / "samples" / "qufu.txt", *sorted(DEVSET.glob("*.txt")), FRESH / "a1_wangye.txt", FRESH / "b_renwu.txt"]
PLANS = [p for p in PLANS if p.exists()]
NEEDS = {"pdf_chromium": "chromium", "pdf_lo_pieces": "soffice"}


def _layouts():
    for name in LAYOUTS:
        marks = []
        if name in NEEDS and shutil.which(NEEDS[name]) is None:
            marks.append(pytest.mark.skip(reason=f"{NEEDS[name]} not installed"))
        yield pytest.param(name, marks=marks)


@lru_cache(maxsize=None)
def _scorer():
    return evaluate.scorer()


@lru_cache(maxsize=None)
def _txt_audit(plan: Path) -> dict:
    return evaluate.as_gold(evaluate.audit_json(plan))


@pytest.mark.parametrize("layout", list(_layouts()))
def test_layout_audits_as_txt(layout, tmp_path):
    pairs = []
    for plan in PLANS:
        pairs.append((_txt_audit(plan), evaluate.audit_json(render(plan, layout, tmp_path))))
    figures = evaluate.score(_scorer(), pairs)
    low = {k: round(v, 3) for k, v in figures.items() if v < 0.98}
    assert not low, f"{layout}: {low}"
