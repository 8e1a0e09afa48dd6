"""Unit columns of tables: each data row of a table with a 责任单位 / 牵头单位 / 配合单位 … column is one
assignment for that row."""
from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Block, Cell, Location
from responsibility.labels import block_groups, has_label_words, header_role
from responsibility.model import Assignment
from responsibility.units import clean_unit, drop_notes, is_empty_value, split_roles

_HEADER_SCAN = 3  # the header is one of the first rows
# Columns whose text is not a task: numbering, remarks, deadlines, status.
_NOT_TASK_HEADER = re.compile(r"序号|编号|备注|时限|时间|期限|是否|完成情况|达标情况|现状|责任人|分值|得分")
_MIN_TASK_CHARS = 4  # a cell with at least this many Chinese characters states something
_CJK = re.compile(r"[\u4e00-\u9fa5]")


def _header(rows: list[list[Cell]]) -> tuple[int, dict[int, str]] | None:
    """(header row index, {column index in the header: 'lead'|'support'})."""
    for r, row in enumerate(rows[:_HEADER_SCAN]):
        roles = {c: role for c, cell in enumerate(row) if (role := header_role(cell.text))}
        if roles:
            return r, roles
    return None


def _column(row: list[Cell], header_len: int, c: int) -> int:
    """A header with fewer cells than the row (its first cell spans two columns) is aligned from the
    right; a row with fewer cells than the header is aligned from the left."""
    return c + max(0, len(row) - header_len)


def _is_repeated_header(row: list[Cell], header: list[Cell]) -> bool:
    texts = [c.text.strip() for c in row if c.text.strip()]
    return bool(texts) and all(header_role(t) or t in {h.text.strip() for h in header} for t in texts)


def _is_section_row(row: list[Cell]) -> bool:
    """One text over the whole row (a merged band such as 一、资源配置)."""
    texts = {c.text.strip() for c in row}
    return len(row) > 1 and len(texts) == 1


def _task_text(row: list[Cell], unit_cols: set[int], header: list[Cell], header_len: int) -> str:
    """What the row states, without its unit, numbering, remark and deadline cells."""
    offset = max(0, len(row) - header_len)
    parts = []
    for c, cell in enumerate(row):
        if c in unit_cols or cell.spanned:
            continue
        h = c - offset
        if 0 <= h < len(header) and _NOT_TASK_HEADER.search(header[h].text):
            continue
        parts.append(cell.text.strip())
    return " ".join(p for p in parts if p)


def states_task(row: list[Cell], unit_cols: set[int], header: list[Cell]) -> bool:
    text = _task_text(row, unit_cols, header, len(header))
    return len(_CJK.findall(text)) >= _MIN_TASK_CHARS


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
        bold = {clean_unit(b) for run in cell.bold for b in split_roles(run)[0] + split_roles(run)[1]}
        bold_text = drop_notes("".join(cell.bold))
        names = lead + [u for u in support if u not in lead]
        in_bold = [u for u in names if u in bold or (u and u in bold_text)]
        if in_bold and len(in_bold) < len(names):
            lead, support = in_bold, [u for u in names if u not in in_bold]
    if role == "support":
        return [], lead + [u for u in support if u not in lead]
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
    found = _header(rows)
    if not found:
        return []
    header_row, roles = found
    header = rows[header_row]
    out: list[Assignment] = []
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        if _is_repeated_header(row, header) or _is_section_row(row):
            continue
        cols = {c: _column(row, len(header), c) for c in roles}
        unit_cols = {col for col in cols.values()}
        lead: list[str] = []
        support: list[str] = []
        location: Location | None = None
        for h, col in cols.items():
            if col >= len(row):
                continue
            cell = row[col]
            if location is None:
                location = _cell_location(cell, block, r, col)
            if is_empty_value(cell.text):
                continue
            cl, cs = _cell_units(cell, roles[h])
            lead += [u for u in cl if u not in lead]
            support += [u for u in cs if u not in support]
        support = [u for u in support if u not in lead]
        if location is None:
            location = Location(table=block.location.table, row=r + 1,
                                paragraph=row[0].location.paragraph if row else None)
        if not lead and not support:
            if not states_task(row, unit_cols, header):
                continue
            out.append(Assignment([], [], "table", index, r, [(index, r)], location, blank=True))
            continue
        out.append(Assignment(lead, support, "table", index, r, [(index, r)], location))
    return out
