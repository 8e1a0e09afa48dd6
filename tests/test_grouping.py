"""What the human-readable reports share (reports/grouping.py) and the verdict words they use."""
from __future__ import annotations

from duibiao.audit.findings import ERROR, INFO, Finding
from duibiao.audit.verdicts import EXACT, LOOSER, MISSING
from duibiao.extractors.model import Location
from duibiao.reports.common import VERDICT_NAMES, VERDICT_ORDER
from duibiao.reports.grouping import CategoryView, category_heading, finding_line, finding_tag, quote_line


def test_category_headings_count_on_past_ten():
    assert category_heading(0, CategoryView("R", "资源配置", [])) == "一、资源配置（0项）"
    assert category_heading(10, CategoryView("X", "其他", [])) == "十一、其他（0项）"


def test_finding_tag_and_line():
    f = Finding("R1", ERROR, LOOSER, "方案小学要求为4人，低于国家标准")
    assert finding_tag(f) == "[错误·低于标准]"
    assert finding_line(f) == "[错误·低于标准] 方案小学要求为4人，低于国家标准"
    assert finding_tag(Finding(None, INFO, "something_new", "")) == "[提示·something_new]"


def test_where_and_the_quote_line():
    f = Finding("R1", ERROR, LOOSER, "…", quote="小学4人", location=Location(table=1, row=2, column=3))
    assert f.where == "表1 第2行 第3列" == f.to_dict()["where"]
    assert quote_line(f) == "原文：“小学4人”（表1 第2行 第3列）"
    assert Finding("R1", ERROR, MISSING, "…").where == ""


def test_verdict_words_worst_first():
    assert VERDICT_ORDER[0] == MISSING and VERDICT_ORDER[-1] == EXACT and LOOSER in VERDICT_ORDER
    assert [VERDICT_NAMES[v] for v in (MISSING, LOOSER, EXACT)] == ["缺失", "低于标准", "一致"]
