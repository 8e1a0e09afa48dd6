"""Suggested revisions: the plan's own sentence brought up to the standard, and the units to name."""
from plans import audit_text

from duibiao.reports.suggest import suggest

PLAN = """松岭区推进义务教育优质均衡发展实施方案
为推进义务教育优质均衡发展，制定本方案。
一、主要目标
（一）到2027年，小学、初中班级学生数分别控制在48人、52人以内。（牵头单位：区教体局，配合单位：区财政局）
（二）原则上专任教师持有教师资格证上岗率达到100%。（牵头单位：区教体局）
（三）每百名学生拥有网络多媒体教室数小学达到2.3间以上。（牵头单位：区教体局）
（四）全区初中三年巩固率达到95%以上。
（五）社会认可度达到85%以上。（牵头单位：区教体局）
（六）生均教学仪器设备值小学、初中分别达到2000元以上、2500元以上。（牵头单位：区教体局）
（七）每百名学生拥有县级以上骨干教师数小学、初中均达到1人以上。（牵头单位：区教体局）
"""


def _by(audit, indicator, kind):
    return next(f for f in audit.findings if f.indicator == indicator and f.kind == kind)


def test_looser_numbers_are_raised_in_the_plans_own_sentence():
    audit = audit_text(PLAN)
    s = suggest(audit, _by(audit, "G5", "looser"))
    assert s.wording == "小学、初中班级学生数分别控制在45人、50人以内"
    assert "48" not in s.wording and "建议改为" in s.text


def test_hedge_is_dropped_and_missing_level_appended():
    audit = audit_text(PLAN)
    weakened = suggest(audit, _by(audit, "G12", "weakened"))
    assert "原则上" not in weakened.wording and "100%" in weakened.wording
    incomplete = suggest(audit, _by(audit, "R7", "incomplete"))
    assert "小学达到2.3间以上" in incomplete.wording and "初中不低于2.4间" in incomplete.wording


def test_missing_indicator_gets_the_standards_wording_localised_and_veto_as_ruled_out():
    audit = audit_text(PLAN)
    g7 = suggest(audit, _by(audit, "G7", "missing"))
    assert "6000元" in g7.wording and "建议补充" in g7.text
    g15 = suggest(audit, _by(audit, "G15", "missing"))
    assert g15.wording.startswith("留守儿童关爱体系健全，全区符合条件")  # 全县 in the standard
    v1 = suggest(audit, _by(audit, "V1", "missing"))
    assert v1.wording.startswith("杜绝以考试方式招生") and "存在" not in v1.wording


def test_no_unit_names_the_plans_own_education_bureau():
    audit = audit_text(PLAN)
    s = suggest(audit, _by(audit, "Q1", "no_unit"))
    assert s.units[0] == "区教体局" and "明确区教体局为牵头单位" in s.text


def test_stricter_needs_no_revision():
    audit = audit_text(PLAN.replace("85%以上", "90%以上"))
    assert suggest(audit, _by(audit, "S1", "stricter")) is None
