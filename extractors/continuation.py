"""Tables that continue: consecutive tables with compatible grids are one table.

A table pasted in pieces, or continued after a page or section break, reaches the model as several
table blocks in a row, the header only on the first (or repeated on each). They are joined when
nothing but a "续表" line stands between them, the columns used in each (up to its last one holding
text) fit in the other's grid, and the later piece has no header of its own other than a
repeat of the first's, which is read once.
"""
from __future__ import annotations

import re

from duibiao import regex_cache
from duibiao.extractors.model import Block, Cell, table_text
from duibiao.extractors.tables import table_header

_SENTENCE = regex_cache.compile(r"[，。；,;]")
_CONTINUED = regex_cache.compile(r"^(续表\s*\d*|表\s*\d+\s*[（(]?续[）)]?)[:：]?$")


def join_table_pieces(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if block.kind == "table" and block.rows:
            prev = _previous_table(out)
            if prev is not None and _continues(out[prev], block):
                del out[prev + 1:]  # a 续表 line between the pieces
                _append(out[prev], block)
                continue
        out.append(block)
    return out


def _previous_table(out: list[Block]) -> int | None:
    if out and out[-1].kind == "table":
        return len(out) - 1
    if len(out) > 1 and out[-2].kind == "table" and _CONTINUED.match(re.sub(r"\s+", "", out[-1].text)):
        return len(out) - 2
    return None


def used_width(rows: list[list[Cell]]) -> int:
    """Columns up to the last one holding text in some row."""
    return max((c + 1 for row in rows for c, cell in enumerate(row) if cell.text.strip()), default=0)


def _width(rows: list[list[Cell]]) -> int:
    return max((len(row) for row in rows), default=0)


def _texts(row: list[Cell]) -> list[str]:
    return [re.sub(r"\s+", "", c.text) for c in row[: used_width([row])]]


def _own_header(piece: Block):
    """The piece's header, unless its rows hold sentences (a data row naming a task and a year)."""
    header = table_header(piece)
    if header is None or any(_SENTENCE.search(c.text) for r in header.rows for c in piece.rows[r]):
        return None
    return header


def _continues(first: Block, piece: Block) -> bool:
    if used_width(piece.rows) > _width(first.rows) or used_width(first.rows) > _width(piece.rows):
        return False
    own = _own_header(piece)
    if own is None:
        return True
    head = table_header(first)
    return head is not None and [_texts(piece.rows[r]) for r in own.rows] == [_texts(first.rows[r]) for r in head.rows]


def _append(first: Block, piece: Block) -> None:
    own = _own_header(piece)
    rows = piece.rows[own.rows[-1] + 1:] if own is not None else piece.rows
    base = len(first.rows)
    for r, row in enumerate(rows, base + 1):
        for cell in row:
            cell.location.row = r
    first.rows.extend(rows)
    first.text = table_text(first.rows)
