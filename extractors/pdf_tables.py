"""PDF tables: pdfplumber's "lines" table finding (pdf_grid) on a page's ruling lines, cells laid on a
grid, and tables that run over a page break stitched back into one.

A cell merged over several rows or columns is one object in every grid slot it covers; when the table
becomes a Block (grid-true, one Cell per grid column), its text is given to each slot (spanned=True
after the first) and the first keeps its rowspan and colspan. Across a page break a repeated header row is dropped, a row split by the
break is joined back, and a merged cell that continues onto the next page keeps its text.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from duibiao.extractors.model import Block, Cell, Location, table_text
from duibiao.extractors.pdf_grid import find_cells, merge_edges
from duibiao.extractors.pdf_source import Char
from duibiao.extractors.pdf_text import cell_text, dedupe, group_lines
from duibiao.extractors.structure import outline_label
from duibiao.extractors.wrapping import SENTENCE_END

_TOL = 2.0  # points: boundaries closer than this are the same


@dataclass(eq=False)
class PCell:
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list[Char] = field(default_factory=list)
    text: str = ""
    ends_full: bool = True  # the last line reaches the cell's right edge (text cut there may go on)


@dataclass(eq=False)
class PageTable:
    page: int
    xs: list[float]
    ys: list[float]
    rows: list[list[PCell | None]]
    em: float = 12.0  # the usual character size inside

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return self.xs[-1]


def find_tables(edges: list[dict], width: float, height: float, page: int) -> list[PageTable]:
    """Tables drawn with ruling lines, found as pdfplumber's "lines" strategy finds them (pdf_grid: edges
    snapped and joined within 3 pt, at least 3 pt long, cells from their crossings)."""
    lines = [e for e in edges if e["orientation"] in ("h", "v") and (e["width"] if e["orientation"] == "h" else e["height"]) >= 1]
    if sum(e["orientation"] == "h" for e in lines) < 2 or sum(e["orientation"] == "v" for e in lines) < 2:
        return []
    merged = [
        e for e in merge_edges(lines)
        if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= 3
    ]
    merged += _open_ends_closed(merged)
    tables = [_grid(t, page) for t in find_cells(merged) if len(t) >= 2]
    tables = sorted((t for t in tables if t is not None), key=lambda t: t.top)
    for table in tables:
        _open_rows(table, merged)
    return tables


def _open_ends_closed(edges: list[dict]) -> list[dict]:
    """Rules closing a row that a page break left open on one side: column rules (four or more)
    hanging from one horizontal rule, their other ends level and on no horizontal rule, get one
    there (a browser draws the last row's rest on the next page with no top line; with only its
    bottom rule no cell would be found at all)."""
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]

    def ruled(y: float, x: float) -> bool:
        return any(abs(h["top"] - y) <= 3 and h["x0"] - 3 <= x <= h["x1"] + 3 for h in hs)

    added: list[dict] = []
    for h in hs:
        for near, far in (("bottom", "top"), ("top", "bottom")):
            hanging = [v for v in vs if abs(v[near] - h["top"]) <= 3 and h["x0"] - 3 <= v["x0"] <= h["x1"] + 3
                       and not ruled(v[far], v["x0"])]
            if not hanging:
                continue
            y = Counter(round(v[far]) for v in hanging).most_common(1)[0][0]
            xs = _cluster([v["x0"] for v in hanging if abs(v[far] - y) <= 3])
            if len(xs) >= 4 and not any(abs(e["top"] - y) <= 3 for e in added):
                added.append({"x0": xs[0], "x1": xs[-1], "top": y, "bottom": y, "width": xs[-1] - xs[0],
                              "height": 0, "orientation": "h", "object_type": "line"})
    return added


def _open_rows(table: PageTable, edges: list[dict]) -> None:
    """A row cut by a page break may have no ruling line on its open side, only the column rules
    running past the table's first or last line: such a row is added to the table (in place)."""
    rules = [e for e in edges if e["orientation"] == "v" and any(abs(e["x0"] - x) <= _TOL for x in table.xs)]
    above = [e["top"] for e in rules if e["top"] < table.top - _TOL and e["bottom"] >= table.top - _TOL]
    below = [e["bottom"] for e in rules if e["bottom"] > table.bottom + _TOL and e["top"] <= table.bottom + _TOL]
    if len(above) >= 2:
        top = min(above)
        table.rows.insert(0, _row_of_cells(table.xs, top, table.top))
        table.ys.insert(0, top)
    if len(below) >= 2:
        bottom = max(below)
        table.rows.append(_row_of_cells(table.xs, table.bottom, bottom))
        table.ys.append(bottom)


def _row_of_cells(xs: list[float], top: float, bottom: float) -> list[PCell | None]:
    return [PCell(a, top, b, bottom) for a, b in zip(xs, xs[1:])]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    i = bisect.bisect_left(bounds, v - _TOL)
    return min(i, len(bounds) - 1)


def _grid(bboxes, page: int) -> PageTable | None:
    xs = _cluster([b[0] for b in bboxes] + [b[2] for b in bboxes])
    ys = _cluster([b[1] for b in bboxes] + [b[3] for b in bboxes])
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows: list[list[PCell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for x0, top, x1, bottom in bboxes:
        cell = PCell(x0, top, x1, bottom)
        for r in range(_index(ys, top), _index(ys, bottom)):
            for c in range(_index(xs, x0), _index(xs, x1)):
                rows[r][c] = cell
    _fill_open_cells(rows, xs, ys)
    return PageTable(page, xs, ys, rows)


def _fill_open_cells(rows: list[list[PCell | None]], xs: list[float], ys: list[float]) -> None:
    """Grid slots no cell covers are a merged cell missing a ruling line (a cell merged down to a page
    break has no bottom line): each run of them down a column is one cell (in place)."""
    for c in range(len(xs) - 1):
        r = 0
        while r < len(rows):
            if rows[r][c] is not None:
                r += 1
                continue
            k = r
            while k < len(rows) and rows[k][c] is None:
                k += 1
            cell = PCell(xs[c], ys[r], xs[c + 1], ys[k])
            for i in range(r, k):
                rows[i][c] = cell
            r = k


def _undrawn_first_column(table: PageTable, chars: list[Char]) -> None:
    """Text standing just left of a table, within its height, is a first column whose rules were not
    drawn (a browser draws a cell merged over a page break on one page only): the column is added, a
    cell starting at each row that holds some of that text and running down the rows that hold none
    (in place)."""
    size = max(table.em, 6.0)
    right, left, top, bottom = table.x0 + 1, table.x0 - 4 * size, table.top, table.bottom
    near = [c for c in chars if c.x1 <= right and c.x0 >= left and top <= (c.top + c.bottom) / 2 <= bottom]
    if not near:
        return
    x0 = min(c.x0 for c in near) - 2
    rows_with_text = {min(bisect.bisect_right(table.ys, (c.top + c.bottom) / 2) - 1, len(table.rows) - 1) for c in near}
    cell = None
    for r, row in enumerate(table.rows):
        if r in rows_with_text or cell is None:
            cell = PCell(x0, table.ys[r], table.x0, table.ys[r + 1])
        cell.bottom = table.ys[r + 1]
        row.insert(0, cell)
    table.xs.insert(0, x0)


def take_chars(table: PageTable, chars: list[Char]) -> list[Char]:
    """Give each char inside the table to its cell; return the chars outside it."""
    _undrawn_first_column(table, chars)
    rest = []
    xs, ys, rows = table.xs, table.ys, table.rows
    x0, x1, top, bottom = table.x0, table.x1, table.top, table.bottom
    last_row, last_column = len(rows) - 1, len(xs) - 2
    after = bisect.bisect_right
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        if not (x0 <= x <= x1 and top <= y <= bottom):
            rest.append(ch)
            continue
        cell = rows[min(after(ys, y) - 1, last_row)][min(after(xs, x) - 1, last_column)]
        (cell.chars if cell is not None else rest).append(ch)
    return _overflow_below(table, rest)


def _overflow_below(table: PageTable, chars: list[Char]) -> list[Char]:
    """A browser paints a cell's text on past the table's last ruling line when the cell is cut by a
    page break (a category merged over many rows): lines under the table that go on down the bottom
    cell's own text, at its left edge and line pitch, inside its column and with nothing else on the
    line, are that cell's. Returns the chars left over."""
    for cell in {id(x): x for x in table.rows[-1] if x is not None and x.chars}.values():
        lines = group_lines(cell.chars)
        if len(lines) < 2:
            continue  # one line gives no pitch to go on with
        pitch = lines[-1].top - lines[-2].top
        left = min(x.x0 for x in lines)
        size = max(x.size for x in lines)
        expected = lines[-1].top + pitch
        if pitch < size or expected > table.bottom + pitch - size / 2 + 1:
            continue  # not the next line of this cell (its next line would have had its middle inside)
        while True:
            line = [ch for ch in chars if abs(ch.top - expected) <= 1.5]
            if not line or not all(cell.x0 <= ch.x0 and ch.x1 <= cell.x1 for ch in line):
                break
            if abs(min(ch.x0 for ch in line) - left) > 1.5:
                break
            cell.chars.extend(line)
            taken = {id(ch) for ch in line}
            chars = [ch for ch in chars if id(ch) not in taken]
            expected += pitch
    return chars


def fill_text(table: PageTable) -> None:
    cells = _unique(table)
    lines_of = {id(cell): group_lines(dedupe(cell.chars), table.page) for cell in cells}
    sizes = sorted(line.size for lines in lines_of.values() for line in lines)
    if sizes:
        table.em = sizes[len(sizes) // 2]
    for cell in cells:
        cell.text = cell_text(lines_of[id(cell)])
        cell.ends_full = _ends_full(cell, lines_of[id(cell)])
        cell.chars = []


def _ends_full(cell: PCell, lines) -> bool:
    """Whether the cell's last line runs to where its text can reach: the widest of its lines, or for
    one line the cell's right edge less the padding seen on the left. A line ended short was ended
    (by the text or a line break), not cut by the cell's width."""
    if not lines:
        return False
    last = lines[-1]
    right = max(x.x1 for x in lines) if len(lines) > 1 else cell.x1 - (last.x0 - cell.x0)
    return last.x1 >= right - 1.5 * last.size


def _unique(table) -> list[PCell]:
    seen: dict[int, PCell] = {}
    for row in table.rows:
        for cell in row:
            if cell is not None:
                seen.setdefault(id(cell), cell)
    return list(seen.values())


# --- across page breaks --------------------------------------------------------------------------


@dataclass(eq=False)
class LogicalTable:
    """One table, possibly over several pages."""

    xs: list[float]
    rows: list[list[PCell | None]]
    row_pages: list[int]
    last: PageTable  # the part on the latest page

    @classmethod
    def start(cls, part: PageTable) -> "LogicalTable":
        return cls(list(part.xs), [list(r) for r in part.rows], [part.page] * len(part.rows), part)


def continues(table: LogicalTable, part: PageTable) -> bool:
    """Same column positions: the right edges agree and one set of boundaries contains the other (a
    browser does not draw again, on the next page, a merged first column that ended on the page before)."""
    if abs(table.xs[-1] - part.xs[-1]) > 3:
        return False

    def within(a, b):
        return all(any(abs(x - y) <= 3 for y in b) for x in a)

    return within(part.xs, table.xs) or within(table.xs, part.xs)


def _regrid(rows, xs: list[float], new_xs: list[float]):
    """Rows on the column boundaries new_xs; a column outside xs (not drawn on this page) is empty."""
    if xs == new_xs:
        return rows
    cols = [bisect.bisect_right(xs, (a + b) / 2) - 1 for a, b in zip(new_xs, new_xs[1:])]
    return [[row[c] if 0 <= c < len(xs) - 1 else None for c in cols] for row in rows]


def _texts(row) -> list[str]:
    out, seen = [], set()
    for cell in row:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(re.sub(r"\s+", "", cell.text))
    return out


def _rows_spanned(rows, cell) -> int:
    return sum(1 for row in rows if any(x is cell for x in row))


def _dense(rows, ncols: int) -> set[int]:
    """Columns filled on (nearly) every row with a cell of their own."""
    body = rows[1:] or rows
    dense = set()
    for c in range(ncols):
        filled = 0
        for r, row in enumerate(body):
            cell = row[c]
            above = body[r - 1][c] if r else None
            if cell is not None and cell.text and cell is not above and (c == 0 or row[c - 1] is not cell):
                filled += 1
        if filled >= 0.8 * len(body):
            dense.add(c)
    return dense


def _is_split(rows, first, dense: set[int]) -> bool:
    """Is `first` (top row of the next page) the rest of the last row of `rows` (the page before)?

    Each column votes: an always-filled column left empty, or text that goes on from an unfinished
    cell whose last line is full, says "split"; text under an empty cell or under a cell merged over
    several rows, the next serial number, the same text again, or a new numbered item after a
    finished one (ended by punctuation or by a short line), says "new row"."""
    last = rows[-1]
    score = 0
    for c, (a, b) in enumerate(zip(last, first)):
        if b is None or (c and first[c - 1] is b):
            continue
        a_text = a.text if a is not None else ""
        if not b.text:
            if c in dense and a_text:
                score += 1
            continue
        if not a_text or _rows_spanned(rows, a) > 1:
            score -= 2
        elif _next_number(a_text, b.text):
            return False  # 23 then 24 in a numbering column: the next row, whatever the other cells say
        elif a_text == b.text:
            score -= 3  # the same text again: the next row
        elif SENTENCE_END.search(a_text) or not a.ends_full:  # finished, or its last line ended short
            score -= 1 if _starts_item(b.text) else 0
        else:
            score += -1 if _starts_item(b.text) else 1
    return score > 0


def _next_number(a: str, b: str) -> bool:
    return a.strip().isdigit() and b.strip().isdigit() and int(b) == int(a) + 1


def _starts_item(text: str) -> bool:
    return outline_label(text) is not None or bool(re.match(r"^\d+(\.\d+)+", text))


def _join(a: str, b: str) -> str:
    """The two parts of a cell split by a page break."""
    return a + "\n" + b if a and b else a or b


def stitch(table: LogicalTable, part: PageTable, near_bottom: bool) -> None:
    """Append `part` (the table's continuation at the top of the next page) to `table`."""
    xs = _merge_bounds(table.xs, part.xs)
    rows = _regrid(table.rows, table.xs, xs)
    new = _regrid(part.rows, part.xs, xs)
    table.xs, table.rows, table.last = xs, rows, part
    k = 0
    while k < min(3, len(new), len(rows) - 1) and any(_texts(new[k])) and _texts(new[k]) == _texts(rows[k]):
        k += 1
    new = new[k:]
    if not new:
        return
    last, first = rows[-1], new[0]
    split = near_bottom and _is_split(rows, first, _dense(rows + new[1:], len(xs) - 1))
    replaced: dict[int, PCell] = {}
    for c, (a, b) in enumerate(zip(last, first)):
        if b is None or a is None or id(b) in replaced:
            continue
        if split:
            a.text = _join(a.text, b.text)
            a.ends_full = b.ends_full
            replaced[id(b)] = a
        elif not b.text and a.text and (_rows_spanned(rows, a) > 1 or _rows_spanned(new, b) > 1):
            replaced[id(b)] = a  # a merged cell running on over the page break
    new = [[replaced.get(id(x), x) if x is not None else None for x in row] for row in new]
    if split:
        rows[-1] = [a if a is not None else b for a, b in zip(last, new[0])]
        new = new[1:]
    table.rows.extend(new)
    table.row_pages.extend([part.page] * len(new))


def _merge_bounds(a: list[float], b: list[float]) -> list[float]:
    out = list(a)
    for x in b:
        if all(abs(x - y) > 3 for y in out):
            out.append(x)
    return sorted(out)


def to_block(table: LogicalTable) -> Block:
    row_count = Counter(id(cell) for row in table.rows for cell in {id(x): x for x in row if x is not None}.values())
    rows: list[list[Cell]] = []
    seen: set[int] = set()
    for r, row in enumerate(table.rows):
        page = table.row_pages[r]
        cells: list[Cell] = []
        in_row: set[int] = set()
        for cell in row:
            if cell is None:
                cells.append(Cell(""))
                continue
            first = id(cell) not in seen
            cells.append(Cell(cell.text, spanned=not first or id(cell) in in_row))
            if first:
                cells[-1].rowspan = row_count[id(cell)]
                cells[-1].colspan = sum(1 for x in row if x is cell)
            in_row.add(id(cell))
            seen.add(id(cell))
        if not any(c.text for c in cells if not c.spanned):
            continue
        for c, cell in enumerate(cells):
            cell.location = Location(page=page, row=len(rows) + 1, column=c + 1)
        rows.append(cells)
    return Block("table", table_text(rows), Location(page=table.row_pages[0]), rows=rows)
