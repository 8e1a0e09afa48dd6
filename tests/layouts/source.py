"""A plan's .txt form read into paragraphs and tables, independently of the project's readers.

The layouts are re-typeset from this, so a rendition cannot inherit what the product's own .txt
reader makes of the text. The form: a line starting with a TAB starts a table cell, lines without
one continue it, a blank line followed by a TAB line ends a row; anything else is a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)


Part = "str | Table"


def read_plan(path: Path) -> list:
    """Paragraphs (str, stripped) and Tables in order."""
    text = re.sub(r"\[bookmark: [^\]]*\]", "", path.read_text(encoding="utf-8-sig"))  # export artefacts
    lines = text.replace("\r\n", "\n").split("\n")
    parts: list = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("\t"):
            table, i = _table(lines, i)
            if table.rows:
                parts.append(table)
            continue
        if not _blank(lines[i]):
            parts.append(lines[i].strip())
        i += 1
    return parts


def _table(lines: list[str], i: int) -> tuple[Table, int]:
    rows: list[list[list[str]]] = [[]]
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            rows[-1].append([line[1:]])
            i += 1
        elif _blank(line):
            j = i
            while j < len(lines) and _blank(lines[j]):
                j += 1
            if j < len(lines) and lines[j].startswith("\t"):
                rows.append([])
                i = j
            elif j < len(lines) and _more_cells_before_blank(lines, j) and rows[-1]:
                rows[-1][-1].extend([""] * (j - i))
                i = j
            else:
                break
        elif line.startswith((" ", "\u3000")) or not rows[-1]:
            break
        else:
            rows[-1][-1].append(line)
            i += 1
    table = Table([["\n".join(c).strip() for c in r] for r in rows if any("".join(c).strip() for c in r)])
    # One-cell rows at either end are paragraphs written in the cell form, not table rows.
    if table.rows and all(len(r) == 1 for r in table.rows):
        table.rows = []
    return table, i


def _blank(line: str) -> bool:
    return not line.strip(" \u3000\r")


def _more_cells_before_blank(lines: list[str], j: int) -> bool:
    while j < len(lines) and not _blank(lines[j]):
        if lines[j].startswith("\t"):
            return True
        if lines[j].startswith((" ", "\u3000")):
            return False
        j += 1
    return False
