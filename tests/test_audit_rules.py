"""Each verdict rule of the audit, on small plans written here (GUIDE.md's flags and values)."""
from __future__ import annotations

import pytest

from plans import audit_text, indicator


@pytest.mark.parametrize(
    "text, iid, flags, values",
    [
        # exactly as the standard
        ("小学、初中生均教学及辅助用房面积分别达到4.5平方米以上、5.8平方米以上。", "R4", [], [4.5, 5.8]),
        # looser on one level
        ("小学、初中生均教学及辅助用房面积分别达到4.0平方米以上、5.8平方米以上。", "R4", ["looser"], [4.0, 5.8]),
        # stricter
        ("特殊教育学校生均公用经费不低于8000元。", "G7", ["stricter"], [8000]),
        # a limit: a smaller number is stricter, a larger one looser
        ("小学、初中所有班级学生数分别不超过40人、50人。", "G5", ["stricter"], [40, 50]),
        ("小学、初中所有班级学生数分别不超过50人、55人。", "G5", ["looser"], [50, 55]),
        # only one level given
        ("小学生均教学仪器设备值达到2000元以上。", "R6", ["incomplete"], [2000]),
        # a hedge, and a sub-requirement left out (十二年一贯制)
        ("所有小学、初中规模原则上不超过2000人，九年一贯制学校规模不超过2500人。", "G4", ["weakened", "incomplete"], [2000, 2500]),
        # the measured quantity changed
        ("保障初中学生四年巩固率95%以上。", "Q1", ["altered"], [95]),
        ("确保每百名学生拥有1名以上市级骨干教师。", "R2", ["altered"], [1]),  # one number for both levels
        # G11 without the 20% backbone share, then complete
        ("每年交流轮岗教师的比例不低于符合交流条件教师总数的10%。", "G11", ["incomplete"], [10]),
        ("全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%；其中，骨干教师不低于交流轮岗教师总数的20%。", "G11", [], [10, 20]),
        # G2 without 生均公用经费基准定额统一; 基本装备 is a name, not a hedge
        ("县域内城乡义务教育学校建设标准统一、教师编制标准统一、基本装备配置标准统一。", "G2", ["incomplete"], []),
        ("县域内城乡义务教育学校建设标准统一、教师编制标准统一、生均公用经费基准定额统一、基本装备配置标准统一。", "G2", [], []),
        # G3 without the room areas; 每12个班级 is a value
        ("每12个班级配备音乐、美术专用教室1间以上。", "G3", ["incomplete"], [1, 12]),
        # a Roman level counts as a value
        ("在国家义务教育质量监测中，相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15。", "Q9", [], [0.15, 3]),
        # a topic without a commitment
        ("着力消除大班额。", "G5", ["incomplete"], []),
        # counting numbers in a heading are not values; 项项达标 is stricter than 6 of 7 with 85%
        ("上述七项指标要求项项达标、校校达标。", "R8", ["stricter"], []),
        # wording variants of other plans
        ("每12个班级配备音乐、美术专用教室各1间以上，音乐教室面积不小于96平方米，美术教室面积不小于90平方米。",
         "G3", [], [1, 12, 90, 96]),
        ("每年交流轮岗教师比例不低于符合交流条件教师总数的15%，其中骨干教师不低于20%。", "G11", ["stricter"], [15, 20]),
        ("教师5年一周期不少于360学时培训完成率达到100%。", "G9", [], [5, 100, 360]),
        ("每百名学生拥有高于规定学历教师数分别达到小学4.2人、初中5.3人。", "R1", [], [4.2, 5.3]),
        ("力争初中三年巩固率达到95%以上。", "Q1", ["weakened"], [95]),
        # a figure describing the current situation is not a threshold: a mention without a commitment
        ("全县现有中小学45所，在校生32000人，生均教学及辅助用房面积小学4.1平方米。", "R4", ["incomplete"], []),
    ],
)
def test_flags_and_values(text, iid, flags, values):
    got = indicator(text, iid)
    assert got["status"] == "present"
    assert sorted(got["flags"]) == sorted(flags)
    assert got["values"] == values


def test_body_and_annex_disagree_is_inconsistent():
    text = "特殊教育学校生均公用经费不低于6000元。\n附件\n\t指标\n\t责任单位\n\n\t特殊教育学校生均公用经费不低于8000元\n\t财政局\n"
    got = indicator(text, "G7")
    assert got["flags"] == ["inconsistent", "stricter"]
    assert got["values"] == [6000, 8000]


def test_each_indicator_of_a_list_gets_its_own_numbers():
    text = ("保障生均教学及辅助用房面积，小学、初中分别达到4.5平方米、5.8平方米以上；"
            "生均体育运动场馆面积，小学、初中分别达到7.5平方米、10.2平方米以上。")
    result = audit_text(text)
    assert result.by_id("R4").verdict.values == [4.5, 5.8]
    assert result.by_id("R5").verdict.values == [7.5, 10.2]


def test_numbers_of_another_quantity_in_the_sentence_are_not_values():
    got = indicator("保障全市义务教育适龄儿童入学率达到100%，初中三年巩固率达到95%以上。", "Q1")
    assert got["values"] == [95]


def test_missing_indicator_is_an_error_finding():
    result = audit_text("初中三年巩固率达到95%以上。优质均衡发展。")
    r8 = [f for f in result.findings if f.indicator == "R8"]
    assert [(f.severity, f.kind) for f in r8] == [("error", "missing")]


def test_severities_follow_the_flags():
    result = audit_text("小学、初中生均教学及辅助用房面积分别达到4.0平方米以上、5.8平方米以上。特殊教育学校生均公用经费不低于8000元。"
                        "所有小学、初中规模原则上不超过2000人，九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过2500人。优质均衡")
    kinds = {(f.indicator, f.kind): f.severity for f in result.findings}
    assert kinds[("R4", "looser")] == "error"
    assert kinds[("G7", "stricter")] == "info"
    assert kinds[("G4", "weakened")] == "warning"
    assert kinds[("R4", "no_unit")] == "warning"
    assert result.findings[0].severity == "error"  # errors first


def test_self_assessment_columns_are_shown_not_audited():
    text = ("优质均衡发展实施方案\n附件\n\t指标内容\n\t是否达标\n\t存在问题\n\t责任部门\n\n"
            "\t所有小学、初中规模不超过2000人，九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过2500人\n"
            "\t否\n\t华侨城小学现有2789人\n\t教育局\n")
    got = indicator(text, "G4")
    assert got["values"] == [2000, 2500]  # 2789 describes the current situation
    assert got["evidence"][0]["self_assessment"] == {"是否达标": "否", "存在问题": "华侨城小学现有2789人"}
    assert got["units"] == {"lead": ["教育局"], "support": []}


def test_provincial_layer_moves_the_threshold():
    text = "特殊教育学校生均公用经费不低于8000元。"
    assert indicator(text, "G7", standard="example-province")["flags"] == []
    assert indicator(text, "G7")["flags"] == ["stricter"]


def test_a_document_that_is_not_a_plan_gets_one_clear_finding():
    result = audit_text("关于做好2024年防汛工作的通知\n各乡镇要做好汛期值班，落实防汛物资储备。")
    assert not result.is_plan
    assert len(result.findings) == 1
    assert "不像是义务教育优质均衡发展实施方案" in result.findings[0].message


def test_numbers_in_the_next_sentence_that_opens_with_a_level():
    got = indicator("每百名学生拥有高于规定学历教师数。小学4.2人以上、初中5.3人以上。", "R1")
    assert (got["flags"], got["values"]) == ([], [4.2, 5.3])


def test_a_sentence_with_a_subject_of_its_own_does_not_continue():
    got = indicator("生均教学仪器设备值达到标准。全县义务教育学校达到2000元以上的占90%。", "R6")
    assert got["values"] == []


def test_threshold_in_its_own_cell_of_the_row():
    text = ("优质均衡发展实施方案\n附件\n\t评估指标\n\t标准要求\n\t责任单位\n\n"
            "\t生均教学及辅助用房面积\n\t小学4.5平方米以上、初中5.8平方米以上\n\t区教育局、区发改委\n\n"
            "\t特殊教育学校生均公用经费\n\t不低于6000元\n\t区财政局\n")
    result = audit_text(text)
    r4, g7 = result.by_id("R4").to_dict(), result.by_id("G7").to_dict()
    assert (r4["flags"], r4["values"], r4["units"]["lead"]) == ([], [4.5, 5.8], ["区教育局", "区发改委"])
    assert (g7["flags"], g7["values"], g7["units"]["lead"]) == ([], [6000], ["区财政局"])


def test_a_number_phrase_cut_by_a_hard_line_break_is_read_joined():
    text = ("2.配齐教学装备。逐校核定装备清单，生均教学仪器设备值小学、初中分别不低于2000\n"
            "元、2500元。每年交流轮岗教师比例不低于符合交流条件教师总数的\n"
            "10%，其中骨干教师不低于交流轮岗教师总数的20%。\n")
    result = audit_text(text)
    assert result.by_id("R6").verdict.values == [2000, 2500]
    assert result.by_id("G11").verdict.values == [10, 20]
