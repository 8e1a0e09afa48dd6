"""What each column of a plan's table holds, read from its header.

The header is one of the first rows (a title row may stand above it). Rows are grid-true in the
.docx, .html and .pdf readers (a merged cell repeated, spanned=True, in each column it covers), so
roles are decided once per grid column. A header cell spanning several columns with sub-headings on
the row below (责任单位 over 牵头 | 配合) makes a two-row header: each column then takes the
sub-heading under it; without sub-headings, see _spanning_headings. A .txt table's header shorter
than its rows is aligned from the right.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from duibiao import regex_cache
from duibiao.extractors.model import Block, Cell

CONTENT, UNIT, SELF, CATEGORY, OTHER = "content", "unit", "self", "category", "other"

# Order matters: 责任科室预计达成情况 is a self-assessment column, 责任单位 a unit column, 完成时限 a
# deadline (OTHER: neither what the plan states nor who does it).
_ROLES = [
    (SELF, regex_cache.compile(r"是否达标|存在问题|整改|达成情况|完成情况|达标情况|现状|自评|预计")),
    (OTHER, regex_cache.compile(r"时限|时间|期限|分值|得分")),
    (UNIT, regex_cache.compile(r"责任|牵头|配合|协办|科室|部门|单位|实施主体")),
    (CATEGORY, regex_cache.compile(r"^(?:序号|编号|一级指标|类别|维度|项目)$")),
]
_HEADER_WORDS = regex_cache.compile(r"指标|内容|要点|标准|备注|任务|措施|事项|要求")
# A column of one year's targets (分年度目标 tables): 2024年, 到2025年底, 2025年目标.
YEAR_HEADING = regex_cache.compile(r"^(?:到|至)?(20[0-9]{2})年?(?:底|末)?(?:目标|目标值|计划)?$")
_HEADER_SCAN = 3  # the header is one of the first rows
# Below the first row a header is short labels, never sentences.
_MAX_HEADER_CELL = 20
_SENTENCE = regex_cache.compile(r"[。；;，,：:！？]")


@dataclass
class TableHeader:
    rows: list[int]  # the header rows, top to bottom (two for a two-row header)
    roles: list[str]  # role of each column of the widest row
    texts: list[str]  # heading of each column (the sub-heading under a spanning cell), no whitespace


def column_roles(table: Block) -> tuple[int | None, list[str]]:
    """(index of the header row or None, role of each column of the widest row). Of a two-row header
    the row returned is the lower one, whose cells stand over the columns.

    A header with fewer cells than the data rows has a first cell spanning several columns
    (指标内容及评估要点 over category and indicator), so it is aligned from the right.
    """
    header = table_header(table)
    if header is None:
        return None, [CONTENT] * max((len(r) for r in table.rows or []), default=0)
    return header.rows[-1], header.roles


def role_of(roles: list[str], column: int) -> str:
    """Role of a cell; a row shorter than the widest row is aligned from the left."""
    return roles[column] if column < len(roles) else CONTENT


def table_header(table: Block) -> TableHeader | None:
    """The header of a table (see column_roles), or None when none of its first rows is one."""
    rows = table.rows or []
    width = max((len(r) for r in rows), default=0)
    for h, row in enumerate(rows[:_HEADER_SCAN]):
        texts = [_text(c) for c in row]
        if not _is_header([_text(c) for c in row if not c.spanned], first=h == 0):
            continue
        if h + 1 < len(rows) and _is_sub_header(texts, rows[h + 1]):
            texts, roles = _two_row_header(texts, rows[h + 1])
            rows_used = [h, h + 1]
        else:
            roles, rows_used = [_role(t) for t in texts], [h]
            _spanning_headings(row, texts, roles)
        pad = width - len(roles)
        return TableHeader(rows_used, [CATEGORY if pad else CONTENT] * pad + roles, [""] * pad + texts)
    return None


def _spanning_headings(row: list[Cell], texts: list[str], roles: list[str]) -> None:
    """Columns under a header cell spanning several of them, with no sub-header row (in place): under
    指标内容 the columns before the last hold categories; under 责任单位 the first column names the
    lead units and the others the supporting ones (配合)."""
    for c, cell in enumerate(row):
        span = range(c + 1, min(c + cell.colspan, len(row)))
        if cell.spanned or not span:
            continue
        if roles[c] == CONTENT:
            for k in [c, *span][:-1]:
                roles[k] = CATEGORY
        elif roles[c] == UNIT:
            for k in span:
                texts[k] = "配合"


def _text(cell: Cell) -> str:
    return re.sub(r"\s+", "", cell.text)


def _role(header: str) -> str:
    for role, pattern in _ROLES:
        if pattern.search(header):
            return role
    return CONTENT


def _labelled(text: str) -> bool:
    return _role(text) != CONTENT or bool(_HEADER_WORDS.search(text) or YEAR_HEADING.match(text))


def _is_header(texts: list[str], first: bool) -> bool:
    """At least two cells name what their column holds; below the first row, all cells are short."""
    if not first and any(len(t) > _MAX_HEADER_CELL or _SENTENCE.search(t) for t in texts):
        return False
    return sum(map(_labelled, texts)) >= 2


def _sub_headings(row: list[Cell]) -> list[str]:
    """Texts of the cells of a row that are its own (not a merged cell's repeat), non-empty."""
    return [t for c in row if not c.spanned and (t := _text(c))]


def _is_sub_header(header: list[str], row: list[Cell]) -> bool:
    """The row under a header holds sub-headings of a spanning unit cell (责任单位 over 牵头 | 配合):
    its own cells are at least two short labels, one of them naming units, and the header names units."""
    subs = _sub_headings(row)
    return (
        len(subs) >= 2
        and all(len(t) <= _MAX_HEADER_CELL and _labelled(t) for t in subs)
        and any(_role(t) == UNIT for t in subs)
        and any(_role(t) == UNIT for t in header)
    )


def _two_row_header(header: list[str], sub: list[Cell]) -> tuple[list[str], list[str]]:
    """(heading, role) of each column of the sub-row. A header cell over sub-headings spans as many of
    them as the cells after it leave; a self-assessment header keeps its role over its sub-headings."""
    own = [not c.spanned and bool(_text(c)) for c in sub]
    parents: list[str] = []
    i = 0
    for c in range(len(sub)):
        spans_on = (
            c > 0 and own[c] and own[c - 1]
            and _role(_text(sub[c])) == _role(_text(sub[c - 1]))
            and len(sub) - c > len(header) - i  # columns enough are left for the header cells after it
        )
        if i < len(header) and not spans_on:
            parents.append(header[i])  # the next header cell starts here
            i += 1
        else:
            parents.append(parents[-1])  # under the spanning cell on the left
    texts, roles = [], []
    for c, parent in enumerate(parents):
        heading = _text(sub[c]) if own[c] else parent
        role = _role(parent) if _role(parent) == SELF or _role(heading) == CONTENT else _role(heading)
        texts.append(heading)
        roles.append(role)
    return texts, roles
