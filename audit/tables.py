"""What each column of a plan's table holds, read from its header row."""
from __future__ import annotations

import re

from extractors.model import Block

CONTENT, UNIT, SELF, CATEGORY = "content", "unit", "self", "category"

# Order matters: 责任科室预计达成情况 is a self-assessment column, 责任单位 a unit column.
_ROLES = [
    (SELF, re.compile(r"是否达标|存在问题|整改|达成情况|完成情况|现状|自评|预计")),
    (UNIT, re.compile(r"责任|牵头|配合|协办|科室|部门|单位")),
    (CATEGORY, re.compile(r"^(?:序号|编号|一级指标|类别|维度|项目)$")),
]
_HEADER_WORDS = re.compile(r"指标|内容|要点|标准|备注|任务|措施|事项|要求")


def column_roles(table: Block) -> tuple[int | None, list[str]]:
    """(index of the header row or None, role of each column of the widest row).

    A header with fewer cells than the data rows has a first cell spanning several columns
    (指标内容及评估要点 over category and indicator), so it is aligned from the right.
    """
    rows = table.rows or []
    width = max((len(r) for r in rows), default=0)
    if not rows:
        return None, []
    header = [re.sub(r"\s+", "", c.text) for c in rows[0]]
    roles = [_role(h) for h in header]
    if sum(r != CONTENT or bool(_HEADER_WORDS.search(h)) for r, h in zip(roles, header)) < 2:
        return None, [CONTENT] * width
    pad = width - len(roles)
    return 0, [CATEGORY if pad else CONTENT] * pad + roles


def _role(header: str) -> str:
    for role, pattern in _ROLES:
        if pattern.search(header):
            return role
    return CONTENT


def role_of(roles: list[str], column: int) -> str:
    """Role of a cell; a row shorter than the widest row is aligned from the left."""
    return roles[column] if column < len(roles) else CONTENT
