"""Unit names in a narrow cell: a line break is a wrap inside a name or a break between names. A
list written in a column of any width, one character a line included, reads back as its names."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duibiao.responsibility.units import split_units

_NAMES = ["县教育局", "县财政局", "县人力资源和社会保障局", "县委编办", "县委宣传部", "各乡镇人民政府", "县公安局",
          "县残疾人联合会", "团县委", "县市场监督管理局", "县卫生健康委员会", "各街道办事处", "县自然资源局",
          "县委组织部", "县发展和改革局", "市住房和城乡建设局", "区应急管理局"]


def _column(text: str, width: int) -> str:
    """The text as a cell `width` characters wide draws it: each line cut every `width` characters."""
    lines = []
    for line in text.split("\n"):
        lines += [line[i:i + width] for i in range(0, len(line), width)]
    return "\n".join(lines)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5, unique=True), st.integers(1, 8))
def test_a_list_with_separators_reads_back_in_a_column_of_any_width(names, width):
    assert split_units(_column("、".join(names), width)) == names


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5, unique=True), st.integers(2, 8))
def test_one_name_a_line_reads_back_in_a_column_two_or_more_characters_wide(names, width):
    assert split_units(_column("\n".join(names), width)) == names


@pytest.mark.parametrize("cell, names", [
    ("市委\n政法\n委", ["市委政法委"]),  # a line that is only a jurisdiction goes on
    ("市委\n市政府", ["市委", "市政府"]),  # … unless the next line opens with one
    ("各镇\n人民政府", ["各镇人民政府"]),  # 人民政府 never stands alone
    ("各乡\n镇、卫\n健委", ["各乡镇", "卫健委"]),  # the same department on both sides of the break
    ("各乡镇\n各街道", ["各乡镇", "各街道"]),  # … not when the second opens with 各
    ("文旅局\n消防大队", ["文旅局", "消防大队"]),  # two complete names without a place
])
def test_a_break_after_a_complete_name(cell, names):
    assert split_units(cell) == names
