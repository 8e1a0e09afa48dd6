"""Column roles of plan tables (extractors/tables.py): header row, alignment, two-row headers."""
from __future__ import annotations

from duibiao.extractors.model import Block, Cell
from duibiao.extractors.tables import (
    CATEGORY,
    CONTENT,
    OTHER,
    SELF,
    UNIT,
    column_roles,
    role_of,
    table_header,
)


def _table(rows: list[list[str | Cell]]) -> Block:
    return Block("table", "", rows=[[c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows])


def test_self_assessment_heading_is_not_a_unit_column():
    header_row, roles = column_roles(_table([["序号", "重点任务", "责任科室预计达成情况", "责任单位", "完成时限"],
                                             ["1", "推进集团化办学", "已完成80%", "县教育局", "2024年"]]))
    assert header_row == 0 and roles == [CATEGORY, CONTENT, SELF, UNIT, OTHER]


def test_header_with_fewer_cells_is_aligned_from_the_right():
    header_row, roles = column_roles(_table([["指标内容及评估要点", "是否达标", "责任部门"],
                                             ["1资源配置", "1.1每百名学生拥有高于规定学历教师数", "是", "组织人事部"]]))
    assert header_row == 0 and roles == [CATEGORY, CONTENT, SELF, UNIT]
    assert role_of(roles, 1) == CONTENT and role_of(roles, 9) == CONTENT


def test_header_is_looked_for_below_a_title_row():
    table = _table([["重点任务责任分工表"], ["序号", "重点任务", "责任单位"], ["1", "化解大班额", "县教育局"]])
    assert column_roles(table) == (1, [CATEGORY, CONTENT, UNIT])
    # A sentence below the first row is data, never a header.
    table = _table([["1", "落实教师待遇", "县人社局"], ["2", "完善评估标准，落实任务要求", "明确工作内容，提高标准"]])
    assert column_roles(table) == (None, [CONTENT, CONTENT, CONTENT])


def test_two_row_header_takes_the_sub_headings():
    table = _table([
        ["序号", "重点任务", "责任单位", "完成时限"],
        [Cell("序号", spanned=True), Cell("重点任务", spanned=True), "牵头", "配合", Cell("完成时限", spanned=True)],
        ["1", "化解大班额", "县教育局", "县财政局", "2024年"],
    ])
    header = table_header(table)
    assert header.rows == [0, 1]
    assert header.roles == [CATEGORY, CONTENT, UNIT, UNIT, OTHER]
    assert header.texts == ["序号", "重点任务", "牵头", "配合", "完成时限"]
    assert column_roles(table) == (1, header.roles)
    # A data row of unit names under a one-row header is not a sub-header.
    table = _table([["序号", "任务", "牵头单位", "配合单位"], ["1", "推进集团化办学", "县教育局", "各有关部门"]])
    assert table_header(table).rows == [0]
