"""Properties of unit reading on plans assembled from random pieces (labels cut anywhere, task numbers,
分工表 rows with ranges and blanks): reading never fails, every unit read is a clean name, and every
assignment covers places that exist."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duibiao.extractors.model import Document
from duibiao.extractors.structure import finalize
from duibiao.extractors.text_reader import parse_lines
from duibiao.responsibility import extract_assignments, unassigned_rows
from duibiao.responsibility.task_numbers import task_numbers

_UNITS = ["县教育局", "自治县财政局", "州人力资源和社会保障局", "各乡镇人民政府", "县委编办", "团县委", "县残疾人联合会"]
_PIECES = [
    "任务{n}：推进学校建设。", "{n}.完善教师培训。", "（{n}）改造运动场。", "（牵头单位：", "；配合单位：",
    "）", "【责任单位】", "责任单位：", "、", "。", "二、主要任务", "（一）办学条件", "附件",
]


@st.composite
def _plan(draw) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(1, 14))):
        parts = draw(st.lists(st.one_of(st.sampled_from(_PIECES), st.sampled_from(_UNITS)), min_size=1, max_size=6))
        line = "".join(parts).replace("{n}", str(draw(st.integers(1, 12))))
        cut = draw(st.integers(0, len(line)))
        lines += [line[:cut], line[cut:]] if draw(st.booleans()) else [line]  # a hard return anywhere
    if draw(st.booleans()):
        lines += ["\t序号", "\t牵头单位", "\t配合单位", ""]
        for _ in range(draw(st.integers(1, 5))):
            a, b = draw(st.integers(1, 12)), draw(st.integers(0, 3))
            ref = draw(st.sampled_from([f"{a}", f"{a}-{a + b}", f"{a}、{a + b}"]))
            lead = draw(st.sampled_from(_UNITS + [""]))
            support = "、".join(draw(st.lists(st.sampled_from(_UNITS), max_size=2)))
            lines += [f"\t{ref}", f"\t{lead}", f"\t{support}", ""]
    return lines


@settings(max_examples=150)
@given(_plan())
def test_reading_units_never_fails_and_reads_clean_names(lines):
    doc = finalize(Document("t.txt", "txt", blocks=parse_lines(lines)))
    assignments = extract_assignments(doc)
    for a in assignments:
        for name in a.lead + a.support:
            assert name and name == name.strip() and not set(name) & set("、，,；;：:（）()【】\n")
        assert all(0 <= b < len(doc.blocks) for b, _ in a.covers)
        assert not (set(a.lead) & set(a.support))
    assert unassigned_rows(assignments) <= len(assignments)


@given(st.integers(1, 99), st.integers(0, 20))
def test_a_range_names_each_task_in_it(first, length):
    assert task_numbers(f"{first}-{first + length}") == list(range(first, first + length + 1))
    assert task_numbers(f"任务{first}、{first + length}") == list(dict.fromkeys([first, first + length]))
