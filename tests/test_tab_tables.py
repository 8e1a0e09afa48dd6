"""Tables pasted from Excel or Word into a text file arrive as TAB-separated lines; they are tables, and a
分年度目标 table whose header names years gives milestones and a final target."""
from __future__ import annotations

from duibiao.extractors.structure import finalize
from duibiao.extractors.text_reader import read_text
from plans import audit_text

YEARLY = """白河县义务教育优质均衡发展实施方案
二、分年度推进目标
项目\t2024年\t2025年\t2026年
每百名学生拥有网络多媒体教室数（小学）\t2.0间\t2.2间\t2.3间
每百名学生拥有网络多媒体教室数（初中）\t2.1间\t2.3间\t2.4间
"""


def test_tab_separated_lines_are_one_table_with_its_cells():
    doc = finalize(read_text("p.txt", YEARLY.encode("utf-8")))
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [c.text for c in table.rows[0]] == ["项目", "2024年", "2025年", "2026年"]
    assert len(table.rows) == 3 and table.rows[2][3].text == "2.4间"
    assert (table.rows[2][3].location.row, table.rows[2][3].location.column) == (3, 4)


def test_a_yearly_table_gives_milestones_and_judges_the_final_year():
    r7 = audit_text(YEARLY).by_id("R7").to_dict()
    assert r7["flags"] == [] and r7["values"] == [2.0, 2.1, 2.2, 2.3, 2.4]
    final = [(t["level"], t["value"]) for t in r7["thresholds"] if t["role"] == "target"]
    assert sorted(final) == [("初中", 2.4), ("小学", 2.3)]
    assert {t["year"] for t in r7["thresholds"] if t["role"] == "milestone"} == {2024, 2025}


def test_a_final_year_below_the_standard_is_looser():
    low = YEARLY.replace("2.2间\t2.3间\n每百", "2.2间\t2.25间\n每百")
    r7 = audit_text(low).by_id("R7").to_dict()
    assert "looser" in r7["flags"] and "inconsistent" not in r7["flags"]


def test_a_sentence_with_one_tab_is_not_a_table():
    doc = finalize(read_text("p.txt", "优质均衡实施方案\n第一段\t有一个制表符。\n第二段文字。\n".encode("utf-8")))
    assert all(b.kind != "table" for b in doc.blocks)
