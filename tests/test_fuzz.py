"""A small, repeatable fuzz campaign in CI (tests/fuzz/): mutated .docx, .pdf, .html and .txt plans
through `duibiao audit` and `duibiao extract` as new processes, each within 60 s and 1 GB, never a
traceback, an internal error or an undocumented exit code. Larger fresh campaigns:
`python tests/fuzz/campaign.py --count 1000 --seed N`."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))
from campaign import campaign  # noqa: E402


@pytest.mark.skipif(sys.platform == "win32", reason="memory limits through resource")
def test_a_seeded_campaign_keeps_every_guarantee(tmp_path):
    broken = campaign(count=24, seed=2026, folder=tmp_path)
    assert broken == []
