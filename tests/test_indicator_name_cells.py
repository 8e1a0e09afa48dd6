"""A comparison table that names each indicator by its short name in the standard (指标 | 我县目标),
as many plans do, states the indicator in the cell beside the name."""
from __future__ import annotations

from plans import audit_text

PLAN = """松岭县义务教育优质均衡发展实施方案
附件：主要指标对照表
序号\t指标\t我县目标\t责任单位
1\t学校规模\t小学、初中≤2000人；九年一贯制、十二年一贯制学校义务教育阶段≤2500人\t县教育局
2\t班额\t小学≤45人，初中≤50人\t县教育局
"""


def test_the_name_cell_carries_its_indicator_to_the_target_cell():
    g4 = audit_text(PLAN).by_id("G4").to_dict()
    assert g4["status"] == "present" and g4["flags"] == [] and g4["values"] == [2000, 2500]
    assert g4["units"]["lead"] == ["县教育局"]


def test_a_name_cell_beside_the_situation_gives_no_values():
    text = "松岭县义务教育优质均衡发展实施方案\n一、基本情况\n指标\t现状\t责任单位\n学校规模\t最大的小学在校生2400人\t县教育局\n"
    g4 = audit_text(text).by_id("G4").to_dict()
    assert g4["values"] == [] and "looser" not in g4["flags"]
