"""Which numbers are the plan's: each probe of issue 10 on wording written for these tests.

A figure of the situation, a gap, a quoted standard, a head count or a sum of money is never a value;
targets and yearly milestones are. Comparators are judged with the values; 分别/均 pair with the list
right before them.
"""
from __future__ import annotations

from plans import audit_text, indicator


def _table(header: list[str], *rows: list[str]) -> str:
    """A table as the .txt reader reads one: a cell per tab-led line, rows separated by a blank line."""
    return "\n".join("".join(f"\t{cell}\n" for cell in row) for row in (header, *rows))


def _roles(got: dict) -> list[tuple[float, str]]:
    return sorted((t["value"], t["role"]) for t in got["thresholds"])


# ---------------------------------------------------------------- current figures are not values

def test_a_figure_after_only_is_the_situation():
    got = indicator("我县初中每百名学生拥有音体美专任教师目前只有0.65人，配齐配足音体美教师，小学、初中均达到0.9人以上。",
                    "R3")
    assert got["values"] == [0.9]
    assert got["flags"] == []
    assert (0.65, "current") in _roles(got)


def test_a_count_of_oversized_classes_still_open_is_not_a_class_size():
    got = indicator("全县66人以上超大班额尚有12个。小学、初中班级学生数分别不超过45人、50人。", "G5")
    assert got["values"] == [45, 50]
    assert got["flags"] == []


def test_the_definition_of_oversized_classes_is_no_class_size():
    got = indicator("严格控制班额，小学、初中班级学生数分别不超过45人、50人，杜绝56人以上大班额。", "G5")
    assert (got["values"], got["flags"]) == ([45, 50], [])
    assert indicator("全面消除66人以上超大班额。", "G5")["values"] == []


def test_a_number_that_sorts_schools_is_no_bound():
    got = indicator("对生均教学及辅助用房面积低于4.5平方米的学校实施改扩建，小学、初中分别达到4.5平方米、5.8平方米以上。", "R4")
    assert (got["values"], got["flags"]) == ([4.5, 5.8], [])


def test_a_number_without_a_level_is_not_for_through_train_schools():
    got = indicator("全县义务教育学校规模不超过2000人，九年一贯制、十二年一贯制学校义务教育阶段不超过2500人。", "G4")
    assert (got["values"], got["flags"]) == ([2000, 2500], [])


def test_a_situation_figure_alone_mentions_without_committing():
    result = audit_text("截至去年底，全县生均体育运动场馆面积小学仅为5.6平方米。")
    got = result.by_id("R5").to_dict()
    assert (got["status"], got["flags"], got["values"]) == ("present", ["incomplete"], [])
    assert not [f for f in result.findings if f.indicator == "R5" and f.kind == "looser"]


def test_a_figure_dated_in_the_past_is_the_situation():
    got = indicator("2022年，全县初中三年巩固率为93.5%。到2025年，初中三年巩固率达到95%以上。", "Q1")
    assert (got["values"], got["flags"]) == ([95], [])


def test_the_starting_point_of_a_change_is_the_situation():
    got = indicator("特殊教育学校生均公用经费由2022年的5200元提高到7000元。", "G7")
    assert (got["values"], got["flags"]) == ([7000], ["stricter"])


def test_numbers_under_a_problems_heading_are_the_situation():
    text = ("二、存在的主要问题\n"
            "1.办学条件。城区学校生均教学及辅助用房面积小学3.9平方米、初中4.6平方米。\n"
            "三、主要任务\n"
            "1.改善办学条件。小学、初中生均教学及辅助用房面积分别达到4.5平方米以上、5.8平方米以上。\n")
    got = indicator(text, "R4")
    assert got["values"] == [4.5, 5.8]
    assert got["flags"] == []
    assert [t["role"] for t in got["thresholds"] if t["value"] in (3.9, 4.6)] == ["current", "current"]


def test_a_task_title_naming_a_shortfall_is_not_a_problems_section():
    text = "（二）补齐场地短板\n生均体育运动场馆面积小学不低于7.5平方米、初中不低于10.2平方米。\n"
    assert indicator(text, "R5")["values"] == [7.5, 10.2]


def test_the_standard_quoted_in_a_problem_statement_is_not_a_value():
    got = indicator("部分农村学校生均体育运动场馆面积约6平方米，低于国家标准7.5平方米。"
                    "到2025年，生均体育运动场馆面积小学、初中分别达到7.5平方米、10.2平方米以上。", "R5")
    assert got["values"] == [7.5, 10.2]
    assert ("quote" in {t["role"] for t in got["thresholds"]})
    assert got["flags"] == []


def test_the_standard_set_beside_the_countys_own_target_is_a_quote():
    got = indicator("生均体育运动场馆面积国家标准为小学7.5平方米、初中10.2平方米，我县目标为小学8平方米、初中10.2平方米。", "R5")
    assert (got["values"], got["flags"]) == ([8, 10.2], ["stricter"])


def test_reaching_the_standard_with_its_numbers_in_brackets_commits_to_them():
    got = indicator("生均体育运动场馆面积达到国家标准（小学7.5平方米、初中10.2平方米）。", "R5")
    assert (got["values"], got["flags"]) == ([7.5, 10.2], [])


def test_a_figure_reached_by_a_report_date_is_the_situation():
    got = indicator("截至2023年9月，全县随迁子女在公办学校和政府购买服务的民办学校就读比例达到91.5%，今后保持在85%以上。", "G15")
    assert got["values"] == [85]
    assert "inconsistent" not in got["flags"]


def test_a_commitment_sentence_after_a_problem_sentence_continues_it():
    text = "（二）存在问题及整改措施\n生均教学仪器设备值偏低，初中仅2210元。确保到2025年小学、初中分别达到2000元、2500元以上。\n"
    got = indicator(text, "R6")
    assert (got["values"], got["flags"]) == ([2000, 2500], [])


def test_from_the_current_figure_up_to_the_target():
    got = indicator("小学生均教学仪器设备值由现有的1650元提高到2000元以上，初中达到2500元以上。", "R6")
    assert got["values"] == [2000, 2500]
    assert (1650, "current") in _roles(got)


# ---------------------------------------------------------------- table columns

def test_gap_and_current_columns_are_not_values():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["指标", "现状值", "差距", "目标值", "责任单位"],
        ["生均教学及辅助用房面积（小学）", "4.1平方米", "0.4平方米", "4.5平方米", "县教育局"],
        ["生均教学及辅助用房面积（初中）", "5.2平方米", "0.6平方米", "5.8平方米", "县教育局"],
    )
    result = audit_text(text)
    got = result.by_id("R4").to_dict()
    assert got["values"] == [4.5, 5.8]
    assert got["flags"] == []
    assert not [f for f in result.findings if f.kind == "looser"]


def test_a_column_of_last_years_results_is_the_situation():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["指标", "2023年完成值", "2025年目标", "责任单位"],
        ["初中三年巩固率", "92.4%", "95%", "县教育局"],
    )
    got = indicator(text, "Q1")
    assert (got["values"], got["flags"]) == ([95], [])


def test_national_and_provincial_columns_beside_the_county_target_are_quotes():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["指标", "国家标准", "省定标准", "我县目标", "责任单位"],
        ["特殊教育学校生均公用经费", "6000元", "7000元", "8000元", "县财政局"],
    )
    got = indicator(text, "G7")
    assert got["values"] == [8000]
    assert got["flags"] == ["stricter"]


def test_a_standard_value_column_beside_the_target_column_is_a_quote():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["评估指标", "标准值", "现状值", "目标值", "责任单位"],
        ["生均体育运动场馆面积（小学）", "7.5平方米", "6.2平方米", "8.0平方米", "县教育局"],
        ["生均体育运动场馆面积（初中）", "10.2平方米", "9.0平方米", "10.2平方米", "县教育局"],
    )
    got = indicator(text, "R5")
    assert (got["values"], got["flags"]) == ([8.0, 10.2], ["stricter"])


def test_full_width_figure_in_a_situation_column():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["评估指标", "基础值", "工作目标", "牵头单位"],
        ["残疾儿童少年入学率", "８３．２％", "９５％以上", "县教育局"],
    )
    got = indicator(text, "Q2")
    assert got["values"] == [95]
    assert got["flags"] == []


# ---------------------------------------------------------------- dimensions

def test_a_head_count_is_not_a_ratio_per_hundred_students():
    got = indicator("每年认定县级骨干教师不少于120名，每百名学生拥有县级以上骨干教师数小学、初中均达到1人以上。", "R2")
    assert got["values"] == [1]
    assert got["flags"] == []


def test_a_selection_verb_in_another_clause_leaves_the_ratio_alone():
    got = indicator("加强骨干教师梯队培养，县级以上骨干教师数小学、初中均达到每百名学生1人以上。每年新增县级骨干教师15名。", "R2")
    assert got["values"] == [1]


def test_money_and_school_counts_are_never_values():
    got = indicator("三年累计投入3.2亿元，新建学校6所，所有指标校际差异系数小学不高于0.50、初中不高于0.45。", "R9")
    assert got["values"] == [0.45, 0.5]


# ---------------------------------------------------------------- 分别 / 均

def test_respectively_pairs_with_sub_quantities():
    got = indicator("每12个班级配齐音乐、美术专用教室各1间以上，音乐、美术专用教室使用面积分别不小于96平方米、90平方米。", "G3")
    assert got["values"] == [1, 12, 90, 96]
    assert got["flags"] == []


def test_respectively_in_the_other_order():
    got = indicator("每12个班级配齐音乐、美术专用教室各1间以上，美术、音乐专用教室面积分别不小于90平方米、96平方米。", "G3")
    assert got["flags"] == []


def test_one_number_for_both_sub_quantities_applies_to_each():
    got = indicator("每12个班级配齐音乐、美术专用教室各1间以上，音乐、美术专用教室面积均不小于90平方米。", "G3")
    assert got["flags"] == ["looser"]  # music rooms need 96


# ---------------------------------------------------------------- comparators

def test_a_ceiling_where_the_standard_sets_a_floor_is_looser():
    got = indicator("小学、初中生均体育运动场馆面积分别不高于7.5平方米、10.2平方米。", "R5")
    assert got["flags"] == ["looser"]
    assert {t["comparator"] for t in got["thresholds"]} == {"<="}


def test_strict_where_the_standard_is_inclusive_is_stricter():
    got = indicator("所有指标校际差异系数小学、初中分别小于0.50、0.45。", "R9")
    assert got["flags"] == ["stricter"]


def test_inclusive_where_the_standard_is_strict_is_looser():
    got = indicator("学业水平达到Ⅲ级以上，学校之间的校际差异率不高于0.15。", "Q9")
    assert "looser" in got["flags"]


def test_the_comparator_read_is_reported_never_the_national_one():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["指标", "目标值", "责任单位"],
        ["初中三年巩固率", "96%", "县教育局"],
    )
    got = indicator(text, "Q1")
    assert [(t["comparator"], t["national_comparator"]) for t in got["thresholds"]] == [(None, ">=")]
    assert got["flags"] == ["stricter"]


def test_eliminating_classes_above_the_limit_states_the_limit():
    got = indicator("严禁小学班级学生数超过45人、初中班级学生数超过50人。", "G5")
    assert got["flags"] == []


# ---------------------------------------------------------------- yearly targets

def test_yearly_milestones_below_a_final_target_meeting_the_standard():
    got = indicator("每百名学生拥有网络多媒体教室数：2023年小学达到1.9间、2024年达到2.1间、2025年达到2.3间以上；"
                    "初中到2025年达到2.4间以上。", "R7")
    assert got["values"] == [1.9, 2.1, 2.3, 2.4]
    assert got["flags"] == []
    years = sorted(t.get("year") for t in got["thresholds"] if t["role"] == "milestone")
    assert years == [2023, 2024]


def test_two_statements_for_the_same_year_that_disagree_are_inconsistent():
    got = indicator("到2024年，特殊教育学校生均公用经费不低于6000元。\n"
                    "2024年底前特殊教育学校生均公用经费达到6500元以上。", "G7")
    assert "inconsistent" in got["flags"]


def test_the_final_target_decides_looser():
    got = indicator("初中三年巩固率2023年达到93%，到2025年达到94%。", "Q1")
    assert got["flags"] == ["looser"]
    assert got["values"] == [93, 94]


def test_a_list_of_years_pairs_with_a_list_of_numbers():
    got = indicator("残疾儿童少年入学率2023年、2024年、2025年分别达到90%、93%、95%。", "Q2")
    assert (got["values"], got["flags"]) == ([90, 93, 95], [])
    assert sorted((t["value"], t.get("year")) for t in got["thresholds"]) == [(90, 2023), (93, 2024), (95, 2025)]


def test_the_final_year_clause_continues_the_levels_named_before():
    got = indicator("到2024年底，生均体育运动场馆面积小学达到7.0平方米、初中达到9.6平方米；"
                    "到2025年底，分别达到7.5平方米、10.2平方米以上。", "R5")
    assert (got["values"], got["flags"]) == ([7.0, 7.5, 9.6, 10.2], [])


def test_the_countys_figures_set_against_the_standard_are_the_situation():
    got = indicator("对照国家标准（小学2.3间、初中2.4间），我县每百名学生拥有网络多媒体教室数分别为1.7间、1.9间。", "R7")
    assert got["values"] == []
    assert "looser" not in got["flags"]


def test_an_undated_figure_raised_to_a_dated_one_is_a_step():
    got = indicator("特殊教育学校生均公用经费达到每生每年6000元以上，2025年提高到7500元。", "G7")
    assert (got["values"], got["flags"]) == ([6000, 7500], ["stricter"])


def test_the_size_of_a_change_is_not_a_value():
    got = indicator("到2025年，小学、初中每百名学生拥有网络多媒体教室数分别不低于2.3间、2.4间，较2022年分别提高0.4间、0.5间。", "R7")
    assert (got["values"], got["flags"]) == ([2.3, 2.4], [])


def test_a_bracketed_current_figure_after_a_target_leaves_the_target_alone():
    got = indicator("生均体育运动场馆面积：小学不低于7.5平方米（现状6.4平方米），初中不低于10.2平方米（现状8.7平方米）。", "R5")
    assert (got["values"], got["flags"]) == ([7.5, 10.2], [])


def test_rooms_to_be_renovated_are_no_rooms_per_twelve_classes():
    got = indicator("每12个班级配备音乐、美术专用教室1间以上，音乐、美术专用教室面积分别不小于96平方米、90平方米，"
                    "改造专用教室27间。", "G3")
    assert (got["values"], got["flags"]) == ([1, 12, 90, 96], [])


def test_yearly_target_table():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["指标", "2023年", "2024年", "2025年", "责任单位"],
        ["残疾儿童少年入学率", "90%", "93%", "95%", "县教育局"],
        ["初中三年巩固率", "95%", "95%", "96%", "县教育局"],
    )
    result = audit_text(text)
    q2, q1 = result.by_id("Q2").to_dict(), result.by_id("Q1").to_dict()
    assert (q2["values"], q2["flags"]) == ([90, 93, 95], [])
    assert (q1["values"], q1["flags"]) == ([95, 96], ["stricter"])


def test_years_under_a_spanning_yearly_targets_header():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["指标", "年度目标", "年度目标", "年度目标", "责任单位"],
        ["", "2023年", "2024年", "2025年", ""],
        ["残疾儿童少年入学率", "92%", "94%", "95%", "县教育局、县残联"],
    )
    got = indicator(text, "Q2")
    assert (got["values"], got["flags"]) == ([92, 94, 95], [])


def test_a_table_with_a_row_per_year_and_a_column_per_indicator():
    text = "优质均衡发展实施方案\n附件\n" + _table(
        ["年度", "初中三年巩固率", "生均教学及辅助用房面积（初中）", "责任单位", "备注"],
        ["2023年", "93.5%", "5.2平方米", "县教育局", ""],
        ["2024年", "94.5%", "5.5平方米", "县教育局", ""],
        ["2025年", "95%", "5.8平方米", "县教育局", ""],
    )
    result = audit_text(text)
    q1, r4 = result.by_id("Q1").to_dict(), result.by_id("R4").to_dict()
    assert (q1["values"], q1["flags"]) == ([93.5, 94.5, 95], [])
    assert (r4["values"], r4["flags"]) == ([5.2, 5.5, 5.8], ["incomplete"])  # 小学 not given


# ---------------------------------------------------------------- hedges

def test_traditional_hedge_weakens():
    assert indicator("力爭全縣残疾儿童少年入学率达到95%以上。", "Q2")["flags"] == ["weakened"]


def test_a_hedge_on_the_current_figure_weakens_nothing():
    got = indicator("目前全县社会认可度基本达到80%，到2025年社会认可度达到85%以上。", "S1")
    assert got["flags"] == []
    assert got["values"] == [85]


def test_a_hedge_before_a_date_clause_qualifies_the_target():
    assert indicator("力争到2025年，社会公众对义务教育的满意度达到85%以上。", "S1")["flags"] == ["weakened"]


# ---------------------------------------------------------------- the plan's own level

def test_a_district_plans_own_level_is_the_county_level():
    text = "柳桥区推进义务教育优质均衡发展实施方案\n每百名学生拥有区级以上骨干教师数小学、初中均达到1人以上。\n"
    assert indicator(text, "R2")["flags"] == []


def test_a_level_above_the_county_narrows_the_measure():
    text = "柳桥县推进义务教育优质均衡发展实施方案\n每百名学生拥有州级以上骨干教师数小学、初中均达到1人以上。\n"
    assert indicator(text, "R2")["flags"] == ["altered"]
