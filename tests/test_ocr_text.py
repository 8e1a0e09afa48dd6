"""The recogniser's usual confusions on Chinese print are undone; text that only looks alike is kept."""
from __future__ import annotations

import pytest

from duibiao.extractors.ocr_engine import clean_text


@pytest.mark.parametrize(
    "read, meant",
    [
        ("校舍丶场馆丶设备", "校舍、场馆、设备"),
        ("（2025年9月一12月）", "（2025年9月—12月）"),
        ("每校3一5名", "每校3—5名"),
        ("达到90%·其中", "达到90%。其中"),
        ("完成评估认定·", "完成评估认定。"),
    ],
)
def test_confusions_are_undone(read, meant):
    assert clean_text(read) == meant


@pytest.mark.parametrize("text", ["一、总体要求", "统一12个班", "第一批3所", "中国·桐川", "v1·2"])
def test_lookalikes_in_their_own_place_are_kept(text):
    assert clean_text(text) == text
