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
    blank: bool = False  # the slot exists but is empty

    @property
    def units(self) -> list[str]:
        """Lead then support units, without duplicates."""
        return dedupe(self.lead + self.support)
