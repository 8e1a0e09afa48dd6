"""Metadata from any copy: openings of plans as copied from government portals (written for these
tests: portal lines, index tables, 文号 glued to the title, traditional characters, 州-level plans).
Region, 文号, issuer and 印发 date must be right for ≥ 90 % of the fields, and portal lines are never
body text."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from duibiao.extractors import read_document

DATA = Path(__file__).parent / "data" / "portal_openings"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
FIELDS = ("region", "doc_number", "issuer", "date")


def _fields(name: str) -> tuple:
    meta = read_document(DATA / f"{name}.txt").metadata
    return tuple(getattr(meta, f) for f in FIELDS)


def test_ninety_percent_of_portal_metadata_right():
    right = total = 0
    wrong = []
    for name, want in EXPECTED.items():
        got = _fields(name)
        for field, w, g in zip(FIELDS, want, got):
            total += 1
            right += w == g
            if w != g:
                wrong.append(f"{name}.{field}: {g!r} (want {w!r})")
    assert right >= 0.9 * total, "\n".join(wrong)


@pytest.mark.parametrize("name", ["baihe_author_line", "qingxi_index_table"])
def test_portal_lines_are_not_the_issuer(name):
    assert _fields(name)[2] == EXPECTED[name][2]


def test_doc_number_in_brackets_glued_to_the_title():
    assert _fields("heping_brackets_glued")[1] == "和政办发〔2022〕7号"


def test_traditional_issuer_and_date_in_one_sentence():
    assert _fields("songshan_traditional")[2:] == ("松山县人民政府办公室", "2020-11-02")


def test_prefecture_plan_has_a_region():
    assert _fields("qianling_prefecture")[0] == "黔岭州"


def test_portal_lines_leave_the_text_and_reading_twice_keeps_the_metadata():
    from duibiao.extractors.structure import finalize

    doc = read_document(DATA / "qingxi_index_table.txt")
    texts = [b.text for b in doc.blocks]
    assert not any(t.startswith(("索引号", "发文机关", "成文日期", "发布日期", "文号")) for t in texts)
    assert any(t.startswith("青溪市人民政府办公室关于印发") for t in texts)
    assert finalize(doc).metadata.date == "2022-08-03"
