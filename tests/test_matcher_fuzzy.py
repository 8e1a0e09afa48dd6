"""The fuzzy path of the matcher: quantities worded in ways no regex of the catalog knows still reach
their indicator (character bigrams + rapidfuzz), and similar-looking quantities stay away from it.
Every sentence here is written for this test; none is in the catalog or in a sample plan."""
from __future__ import annotations

import re

import pytest

from duibiao.catalog import load_standard
from duibiao.normalizer.matcher import FUZZY, Matcher, matcher_for
from duibiao.normalizer.text import clean

NATIONAL = load_standard()


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.indicator, m.strength) for m in matcher_for(NATIONAL).find(clean(text))]


def _no_regex_knows(text: str, indicator: str) -> bool:
    return not any(re.search(p, clean(text)) for p in NATIONAL[indicator].quantity)


PARAPHRASES = [
    ("每百名学生中本科以上学历专任教师数达到4.2人", "R1"),
    ("每百名学生拥有区级及以上学科带头人和骨干数达到1人", "R2"),
    ("小学生人均教学、辅助用房建筑面积不少于4.5平方米", "R4"),
    ("学生人均运动场地面积小学不低于7.5平方米", "R5"),
    ("每生教学仪器设备价值不低于2000元", "R6"),
    ("每百名学生拥有多媒体网络教室2.3间", "R7"),
    ("特殊教育学校学生人均公用经费标准不低于6000元", "G7"),
    ("教师资格持证上岗比例达到100%", "G12"),
    ("公办小学就近划片入学率达到100%", "G13"),
    ("优质普通高中指标生分配到初中的比例不低于50%", "G14"),
    ("残疾适龄儿童少年接受义务教育的比例达到95%", "Q2"),
    ("群众对义务教育优质均衡的满意率达到85%", "S1"),
]


@pytest.mark.parametrize("text, indicator", PARAPHRASES)
def test_a_paraphrase_no_quantity_regex_knows_reaches_its_indicator(text, indicator):
    assert _no_regex_knows(text, indicator)
    assert (indicator, FUZZY) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "每百名学生拥有科学专任教师数达到1人",  # not R3's PE and arts teachers
        "每百名学生拥有专任教师数不少于5.5人",  # the teacher-student ratio, no indicator
        "生均公用经费拨付标准小学800元",  # any school's funds, not 特殊教育学校's (G7)
        "按照省定标准足额拨付义务教育学校生均公用经费",
        "保障全县适龄儿童入学率达到100%",  # any enrolment rate, not 残疾儿童's (Q2)
        "学生体质健康合格率达到95%",
        "城区学校生均占地面积达到标准",  # site area, not sports grounds (R5) or teaching rooms (R4)
        "初中毕业生升学率逐年提高",
        "学校图书生均册数达到40册",
        "教师本科学历比例达到85%",  # a share of teachers, not per hundred students (R1)
        "家庭经济困难学生资助比例达到100%",
        "教育经费占财政支出比例逐年提高",
    ],
)
def test_a_similar_looking_quantity_reaches_no_indicator_by_fuzzy_matching(text):
    assert not [iid for iid, strength in _found(text) if strength == FUZZY]


def test_a_topic_in_a_clause_that_names_its_quantity_carries_numbers():
    # 教学仪器设备 is only R6's topic regex; with 每生……价值 the clause states the quantity itself.
    assert _found("每生教学仪器设备价值不低于2000元") == [("R6", FUZZY)]
    assert _found("更新教学仪器设备") == [("R6", "topic")]


def test_the_fuzzy_index_is_built_once_and_only_when_a_clause_needs_it():
    matcher = Matcher(NATIONAL)
    matcher.find(clean("生均教学及辅助用房面积达到4.5平方米"))  # a regex knows it
    matcher.find(clean("加强党的建设"))  # names no measured quantity
    assert matcher._fuzzy_index is None
    matcher.find(clean("学生人均运动场地面积不低于7.5平方米"))
    index = matcher._fuzzy_index
    matcher.find(clean("每百名学生拥有多媒体网络教室2.3间"))
    assert index is not None and matcher._fuzzy_index is index


def test_no_jieba_dictionary_is_loaded():
    import subprocess
    import sys

    code = ("import sys; from duibiao.catalog import load_standard; from duibiao.normalizer.matcher import matcher_for;"
            "matcher_for(load_standard()).find('学生人均运动场地面积不低于7.5平方米');"
            "print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_rapidfuzz_is_imported_only_once_a_clause_has_candidates():
    import subprocess
    import sys

    # Quantities (生均, 率, 每百名) that no indicator owns: no candidate to score, no import.
    code = ("import sys; from duibiao.catalog import load_standard; from duibiao.normalizer.matcher import matcher_for;"
            "m = matcher_for(load_standard());"
            "print(m.find('食堂生均就餐面积达到1.2平方米'), m.find('学生近视率逐年下降'), m.find('每百名学生拥有校医0.5人'),"
            " 'rapidfuzz' in sys.modules);"
            "print(m.find('每生教学仪器设备价值不低于2000元')[0].indicator, 'rapidfuzz' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["[] [] [] False", "R6 True"]


def test_indicators_without_thresholds_are_left_to_their_regexes():
    # 规划布局 (G1) and 四统一 (G2) set no number: a fuzzy mention would have nothing to carry.
    assert not [i for i, s in _found("统筹城乡学校建设规划和经费保障，按照统一标准拨付") if s == FUZZY]
    assert _found("城乡学校建设标准统一") == [("G2", "quantity")]
