"""Small plans written in the tests, audited through the real pipeline (txt reader → audit)."""
from __future__ import annotations

from duibiao.audit import AuditResult, audit_document
from duibiao.catalog import load_standard
from duibiao.extractors.structure import finalize
from duibiao.extractors.text_reader import read_text


def audit_text(text: str, standard: str = "national-2017") -> AuditResult:
    doc = finalize(read_text("测试方案.txt", text.encode("utf-8")))
    return audit_document(doc, load_standard(standard))


def indicator(text: str, indicator_id: str, standard: str = "national-2017") -> dict:
    """The JSON audit of one indicator."""
    return audit_text(text, standard).by_id(indicator_id).to_dict()
