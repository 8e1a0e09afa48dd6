"""A clause that opens with a bare measure (面积, 比例…) has dropped its subject: it continues the clause
before it, and a 分别/依次 list in it pairs with the cue words that clause named."""
from __future__ import annotations

import pytest

from plans import indicator

HEAD = "石门县义务教育优质均衡发展实施方案\n一、工作目标\n"


@pytest.mark.parametrize("sentence", [
    "各校每12个班配齐音乐、美术专用教室各1间以上，面积分别不小于96平方米、90平方米。",
    "音乐教室和美术教室按每12个班各1间配置，使用面积依次不低于96平方米、90平方米。",
])
def test_a_list_after_an_elided_subject_pairs_with_the_rooms_named_before(sentence):
    g3 = indicator(HEAD + sentence, "G3")
    assert g3["flags"] == [] and g3["values"] == [1, 12, 90, 96]


def test_the_order_of_the_rooms_decides_the_pairing():
    g3 = indicator(HEAD + "每12个班配美术、音乐专用教室各1间，面积分别不小于90平方米、96平方米。", "G3")
    assert g3["flags"] == [] and g3["values"] == [1, 12, 90, 96]


def test_a_smaller_room_in_a_continued_clause_is_looser():
    g3 = indicator(HEAD + "每12个班配音乐、美术专用教室各1间，面积分别不小于80平方米、90平方米。", "G3")
    assert "looser" in g3["flags"]
    assert [t["verdict"] for t in g3["thresholds"] if t["unit"] == "平方米"] == ["looser", "equal"]


def test_a_clause_with_its_own_measured_quantity_does_not_continue():
    r5 = indicator(HEAD + "新建音乐、美术专用教室10间，生均体育运动场馆面积小学、初中分别达到7.5平方米、10.2平方米以上。", "R5")
    assert r5["values"] == [7.5, 10.2] and r5["flags"] == []
