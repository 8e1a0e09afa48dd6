"""Honesty about OCR: the report names the recognised pages and asks for a check of each finding whose
number came from text the recogniser was unsure of. Documents are built here (no recognition runs)."""
from __future__ import annotations

from duibiao.audit import audit_document
from duibiao.extractors import read_document
from duibiao.reports.text import render_text

PLAN = """桐川县义务教育优质均衡发展推进方案
一、主要目标
到2027年，全县小学班额不超过48人，初中班额不超过50人。
全县小学、初中每百名学生拥有县级以上骨干教师数均达到1.2人以上。
"""


def _recognised_plan(tmp_path, unsure_word: str, score: float):
    path = tmp_path / "桐川.txt"
    path.write_text(PLAN, encoding="utf-8")
    doc = read_document(path)
    doc.ocr_pages = [1, 2, 3, 5]
    for block in doc.blocks:
        block.confidence = score if unsure_word in block.text else 0.99
    return audit_document(doc)


def test_a_finding_quoting_an_unsure_number_asks_for_a_check(tmp_path):
    result = _recognised_plan(tmp_path, "班额", 0.62)
    flagged = [f for f in result.findings if f.ocr_confidence is not None]
    assert flagged and all("班额" in f.quote for f in flagged)
    assert all(f.to_dict()["ocr_confidence"] == 0.62 for f in flagged)
    report = render_text(result)
    assert "文字识别：第1-3、5页为扫描件" in report
    assert "请核对原件" in report
    assert result.to_dict()["document"]["ocr_pages"] == [1, 2, 3, 5]


def test_confident_text_asks_for_no_check(tmp_path):
    result = _recognised_plan(tmp_path, "班额", 0.97)
    assert all(f.ocr_confidence is None for f in result.findings)
    assert all("ocr_confidence" not in f.to_dict() for f in result.findings)
    assert "请核对原件）" not in render_text(result)
