"""Plain-text plans: encoding detection and tables rebuilt from the TAB-cell export form.

In that form each table cell starts on a line beginning with a TAB; lines without a TAB continue the
cell above; a blank line followed by a TAB line ends a row. A cell may itself contain blank lines
(a vertically merged category cell is exported as blank lines then its text).
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from errors import UnreadableDocument
from extractors.model import Block, Cell, Document, Location, table_text

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Export artefacts that are not part of the document's text.
_ARTEFACTS = re.compile(r"\[bookmark: [^\]]*\]")


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 (BOM or not) and GB18030/GBK."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(path, "文本编码无法识别（支持 UTF-8、GB18030/GBK、UTF-16）")


def _looks_utf16(data: bytes) -> bool:
    """BOM-less UTF-16: many NUL bytes at even (BE) or odd (LE) positions."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = len(sample) / 2
    return max(zeros_even, zeros_odd) > 0.2 * half and min(zeros_even, zeros_odd) < 0.05 * half


def read_text(path: str | Path, data: bytes | None = None) -> Document:
    path = str(path)
    if data is None:
        data = Path(path).read_bytes()
    text = decode(data, path)
    if "\x00" in text:
        raise UnreadableDocument(path, "文件含有二进制内容，不是文本文件")
    text = _ARTEFACTS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return Document(source=path, format="txt", blocks=parse_lines(text.split("\n")))


def _is_cell_start(line: str) -> bool:
    return line.lstrip(" ").startswith("\t")


def _is_blank(line: str) -> bool:
    return not line.strip(" \u3000")


def parse_lines(lines: list[str]) -> list[Block]:
    """Paragraphs (one per non-blank line) and tables (from TAB-cell lines), in order."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cell_start(line):
            rows, i = _read_table(lines, i)
            blocks.extend(_table_blocks(rows, first_line=i))
            continue
        if not _is_blank(line):
            blocks.append(Block("paragraph", line.strip(), Location(paragraph=i + 1)))
        i += 1
    return blocks


def _read_table(lines: list[str], i: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Rows of (cell text, line number) from line i; returns the rows and the first line after the table."""
    rows: list[list[tuple[str, int]]] = []
    row: list[list] = []  # cells as [list of text lines, line number]
    while i < len(lines):
        line = lines[i]
        if _is_cell_start(line):
            row.append([[line.lstrip(" ")[1:]], i + 1])
            i += 1
            continue
        if _is_blank(line):
            j = i
            while j < len(lines) and _is_blank(lines[j]):
                j += 1
            if j < len(lines) and _is_cell_start(lines[j]):
                rows.append(row)  # blank line then a new cell: the row ends
                row = []
                i = j
                continue
            if j < len(lines) and _continues_cell(lines, j):
                row[-1][0].extend([""] * (j - i))
                i = j
                continue
            break
        if line.startswith((" ", "\u3000")):  # an indented line after a cell starts new text
            break
        row[-1][0].append(line)
        i += 1
    if row:
        rows.append(row)
    return [[("\n".join(t).strip(), n) for t, n in r] for r in rows], i


def _continues_cell(lines: list[str], j: int) -> bool:
    """Text after blank lines belongs to the cell above when a TAB line follows it before the next blank."""
    while j < len(lines) and not _is_blank(lines[j]):
        if _is_cell_start(lines[j]):
            return True
        if lines[j].startswith((" ", "\u3000")):
            return False
        j += 1
    return False


def _table_blocks(rows: list[list[tuple[str, int]]], first_line: int) -> list[Block]:
    """Drop rows whose cells are all empty; one-cell rows before or after the table are paragraphs."""
    rows = [r for r in rows if any(text for text, _ in r)]
    head, tail = [], []
    while rows and len(rows[0]) == 1:
        head.append(rows.pop(0))
    while rows and len(rows[-1]) == 1:
        tail.insert(0, rows.pop())
    blocks = [_paragraphs_of(r[0]) for r in head]
    if rows:
        start = rows[0][0][1]
        cells = [
            [Cell(text, Location(paragraph=n, row=ri + 1, column=ci + 1)) for ci, (text, n) in enumerate(r)]
            for ri, r in enumerate(rows)
        ]
        blocks.append([Block("table", table_text(cells), Location(paragraph=start), rows=cells)])
    blocks.extend(_paragraphs_of(r[0]) for r in tail)
    return [b for group in blocks for b in group]


def _paragraphs_of(cell: tuple[str, int]) -> list[Block]:
    text, n = cell
    return [
        Block("paragraph", part.strip(), Location(paragraph=n + k))
        for k, part in enumerate(text.split("\n"))
        if part.strip()
    ]
