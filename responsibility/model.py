"""One responsibility assignment: which units a plan makes responsible, and for which places."""
from __future__ import annotations

from dataclasses import dataclass

from duibiao.extractors.model import Location
from duibiao.responsibility.units import dedupe

# How the plan states the assignment.
FORMS = {
    "inline": "行内标注",  # …。（牵头单位：X，配合单位：Y、Z） at the end of an item
    "bracket": "【】标注",  # 【责任单位】X
    "line": "单列责任单位",  # 责任单位：X on its own line after a task
    "closing": "段后括注",  # （责任部门：X） as its own paragraph closing a section item
    "table": "表格责任列",  # the unit column of a table row
    "duty": "部门职责",  # a department heading followed by its duties
    "task": "任务编号对应分工表",  # an annex 分工表 row naming the body's task numbers
}

# The link by which an assignment reaches the places it covers.
VIAS = {
    "label": "标注",  # a label on the item itself
    "section": "章节标注",  # a label over a section, covering the items under it without their own
    "task-number": "任务编号",  # a 分工表 row joined to body tasks by their numbers
    "table-column": "表格责任列",  # the unit column of the table row that states the task
    "duty-list": "部门职责清单",  # a department's duty list
}

@dataclass
class Assignment:
    lead: list[str]  # units as the plan spells them, in order (牵头单位, or the only list)
    support: list[str]  # 配合单位 / 协办 …
    form: str  # one of FORMS
    block: int  # index in doc.blocks of the block that carries the label / the table
    row: int | None  # 0-based row index in that table block (table form)
    covers: list[tuple[int, int | None]]  # places it applies to, in document order
    location: Location  # where the label is (for reports)
    blank: bool = False  # a slot exists but is empty (no unit, or a blank lead slot)
    via: str = "label"  # one of VIAS

    @property
    def units(self) -> list[str]:
        """Lead then support units, without duplicates."""
        return dedupe(self.lead + self.support)
