"""Unit columns of tables: each data row of a table with a 责任单位 / 牵头单位 / 配合单位 … column is one
assignment for that row.

The header, the alignment of rows and which columns hold units or task text are extractors.tables'
(the audit reads the same columns); header_role only tells a lead column (牵头, 责任) from a support
column (配合, 协办 …), a two-row header's 牵头 | 配合 under 责任单位 included."""
from __future__ import annotations

import re
from dataclasses import replace

from duibiao import regex_cache
from duibiao.extractors.model import Block, Cell, Location
from duibiao.extractors.tables import CONTENT, UNIT, TableHeader, role_of, table_header
from duibiao.responsibility.labels import block_groups, has_label_words, header_role
from duibiao.responsibility.model import Assignment
from duibiao.responsibility.units import (
    alias_key,
    dedupe,
    drop_notes,
    is_empty_value,
    looks_like_unit,
    split_roles,
    split_units,
)

_PEOPLE_TOO = regex_cache.compile(r"责任人|联系人|负责人")  # a unit column that also names people
# A word of two or three characters standing alone between spaces or separators: a person's name
# unless it reads as a unit (合会 of a wrapped 联合会, 人社, 教育). Left to re's cache, compiled on first
# use: few tables name people, and its three CJK classes cost every audit ~3 ms to compile.
_PERSON = r"(?<![\u4e00-\u9fa5])[\u4e00-\u9fa5]{2,3}(?![\u4e00-\u9fa5])"


def _drop_person(m: re.Match) -> str:
    word = m.group()
    return word if looks_like_unit(word) or alias_key(word) else ""
_MIN_TASK_CHARS = 4  # a cell with at least this many Chinese characters states something
_CJK = regex_cache.compile(r"[\u4e00-\u9fa5]")


def unit_columns(header: TableHeader) -> dict[int, str]:
    """{column: 'lead'|'support'} of the unit columns. A unit column that is not a list of units
    (责任人, 责任领导) has no role and is left out."""
    return {c: role for c, (kind, text) in enumerate(zip(header.roles, header.texts))
            if kind == UNIT and (role := header_role(text))}


def _is_section_row(row: list[Cell]) -> bool:
    """One text over the whole row (a merged band such as 一、资源配置)."""
    texts = {c.text.strip() for c in row}
    return len(row) > 1 and len(texts) == 1


def _content_text(row: list[Cell], roles: list[str]) -> str:
    """The row's content cells (not units, numbering, deadlines or self-assessment)."""
    return "".join(c.text for i, c in enumerate(row) if role_of(roles, i) == CONTENT and not c.spanned)


def _states_task(row: list[Cell], roles: list[str]) -> bool:
    """Whether the row's content cells state something."""
    return len(_CJK.findall(_content_text(row, roles))) >= _MIN_TASK_CHARS


def _cell_units(cell: Cell, role: str) -> tuple[list[str], list[str]]:
    """(lead, support) of one unit cell. Labels inside the cell (牵头单位：X 配合单位：Y) and role words
    (X牵头，Y配合) are honoured; bold runs, when the cell has some, are the lead units."""
    text = cell.text
    if has_label_words(text):
        lead, support = [], []
        for g in block_groups(Block("paragraph", text)):
            lead += g.lead
            support += g.support
        if lead or support:
            return lead, support
    lead, support, _ = split_roles(text)
    if cell.bold:
        bold = {u for run in cell.bold for u in split_units(run)}
        bold_text = drop_notes("".join(cell.bold))
        names = dedupe(lead + support)
        in_bold = [u for u in names if u in bold or (u and u in bold_text)]
        if in_bold and len(in_bold) < len(names):
            lead, support = in_bold, [u for u in names if u not in in_bold]
    if role == "support":
        return [], dedupe(lead + support)
    return lead, support


def _cell_location(cell: Cell, block: Block, r: int, col: int) -> Location:
    """The cell's location, with table, row and column filled in when the reader left them out."""
    loc = cell.location
    return replace(
        loc,
        table=loc.table if loc.table is not None else block.location.table,
        row=loc.row if loc.row is not None else r + 1,
        column=loc.column if loc.column is not None else col + 1,
    )


def table_assignments(block: Block, index: int) -> list[Assignment]:
    rows = block.rows or []
    header = table_header(block)
    columns = unit_columns(header) if header else {}
    if not columns:
        return _cell_label_assignments(block, index)
    header_texts = {t for r in header.rows for c in rows[r] if (t := c.text.strip())}
    data = rows[header.rows[-1] + 1:]
    # A table with no task text of its own (序号 | 牵头单位 | 配合单位, keyed to the body's task numbers):
    # each of its rows stands for a task.
    numbers_only = not any(_CJK.search(_content_text(row, header.roles)) for row in data)
    out: list[Assignment] = []
    for r in range(header.rows[-1] + 1, len(rows)):
        row = rows[r]
        texts = [t for c in row if (t := c.text.strip())]
        if not texts or set(texts) <= header_texts or _is_section_row(row):
            continue  # empty, the header repeated (after a page break), or a band over the row
        lead: list[str] = []
        support: list[str] = []
        location: Location | None = None
        for col, role in columns.items():
            if col >= len(row):
                continue
            cell = row[col]
            if location is None:
                location = _cell_location(cell, block, r, col)
            if is_empty_value(cell.text):
                continue
            if _PEOPLE_TOO.search(header.texts[col]):  # 责任单位及责任人: 县教育局 张某某 — keep the units
                cell = replace(cell, text=re.sub(_PERSON, _drop_person, cell.text))
            cl, cs = _cell_units(cell, role)
            lead += cl
            support += cs
        lead = dedupe(lead)
        support = [u for u in dedupe(support) if u not in lead]
        if location is None:
            location = Location(table=block.location.table, row=r + 1,
                                paragraph=row[0].location.paragraph if row else None)
        # A blank slot: no unit at all, or a blank lead cell beside filled support cells (a task
        # with helpers and nobody in charge).
        blank = not lead and (not support or "lead" in columns.values())
        if blank and not numbers_only and not _states_task(row, header.roles):
            if not support:
                continue
            blank = False
        out.append(Assignment(lead, support, "table", index, r, [(index, r)], location, blank=blank,
                              via="table-column"))
    return out


def _cell_label_assignments(block: Block, index: int) -> list[Assignment]:
    """A table without a unit column whose cells carry labels (…措施。（牵头单位：X；配合单位：Y））:
    each label covers its row."""
    out: list[Assignment] = []
    for r, row in enumerate(block.rows or []):
        for col, cell in enumerate(row):
            if cell.spanned or not has_label_words(cell.text):
                continue
            for g in block_groups(Block("paragraph", cell.text)):
                out.append(Assignment(list(g.lead), list(g.support), g.form, index, r, [(index, r)],
                                      _cell_location(cell, block, r, col), blank=g.blank))
    return out
