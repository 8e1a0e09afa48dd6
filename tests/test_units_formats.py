"""`duibiao units` lists the same assignments for a plan whatever file it comes in: the .docx and .pdf
renditions of each sample and of each fresh plan (tests/fresh_plans/b_*) give the assignments of its
.txt — the same units in the same roles, reached through the same links, blank slots alike."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import main

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "fresh_plans").glob("b_*.txt"))


def _listing(path: Path) -> list[tuple]:
    result = CliRunner().invoke(main, ["units", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return [(r["form"], r["via"], r["lead"], r["support"], r["blank"]) for r in json.loads(result.output)]


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
@pytest.mark.parametrize("txt", PLANS, ids=lambda p: p.stem)
def test_units_listing_is_the_same_in_every_format(txt, ext):
    rendition = txt.with_suffix(ext)
    if not rendition.exists():
        pytest.skip(f"no {rendition.name}")
    expected = _listing(txt)
    assert expected, "a plan with no assignment proves nothing here"
    assert _listing(rendition) == expected


def test_every_link_kind_is_exercised_by_the_plans():
    """The plans above between them reach units through every link, so the comparison covers each."""
    vias = {row[1] for txt in PLANS for row in _listing(txt)}
    assert vias >= {"label", "section", "task-number", "table-column", "duty-list"}
