"""Veto items read as veto items: a condition under which a county is not recognised, not a requirement."""
from plans import audit_text

PLAN = """柏川县义务教育优质均衡发展实施方案
一、每百名学生拥有高于规定学历教师数小学、初中分别达到4.2人以上、5.3人以上。（牵头单位：县教育局）
二、严禁以考试方式招生，严禁设置重点班。（牵头单位：县教育局）
"""


def test_a_veto_item_not_restated_is_a_warning_worded_as_a_veto():
    audit = audit_text(PLAN)
    v6 = next(f for f in audit.findings if f.indicator == "V6")
    assert (v6.severity, v6.kind) == ("warning", "missing")
    assert "否决情形：有弄虚作假行为的，不予认定" in v6.message and "国家标准" not in v6.message
    r4 = next(f for f in audit.findings if f.indicator == "R4")
    assert (r4.severity, r4.kind) == ("error", "missing") and "国家标准：" in r4.message


def test_json_status_and_flags_of_veto_items_are_unchanged():
    items = {r["id"]: r for r in audit_text(PLAN).to_dict()["indicators"]}
    assert items["V1"]["status"] == "present" and items["V6"]["status"] == "missing"
    assert "incomplete" in items["V3"]["flags"]  # 重点班 without 重点学校
    v3 = next(f for f in audit_text(PLAN).findings if f.indicator == "V3")
    assert v3.message.endswith("否决情形：存在重点学校或重点班的，不予认定")
