"""Plain-text layouts: a plan pasted from a PDF into a text file keeps the PDF's lines. Each paragraph is
broken into lines of a fixed display width (a Latin letter or digit is half as wide as a Chinese
character); paragraphs are not separated by blank lines. Tables stay in the TAB-cell form."""
from __future__ import annotations

from pathlib import Path

from layouts.source import Table


def _columns(ch: str) -> int:
    return 1 if ch.isascii() else 2


def wrapped(text: str, width: int, indent: str) -> list[str]:
    """Lines of at most `width` Chinese characters' display width, the first one indented."""
    lines, line = [], indent
    used = sum(_columns(c) for c in line)
    for ch in text:
        if used + _columns(ch) > 2 * width:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += _columns(ch)
    lines.append(line)
    return lines


def _tab_cells(table: Table) -> list[str]:
    """The TAB-cell form: each cell starts on a line beginning with a TAB, a blank line ends a row."""
    lines = [""]
    for row in table.rows:
        for cell in row:
            first, *rest = [part for part in cell.split("\n") if part.strip()] or [""]
            lines += ["\t" + first, *rest]
        lines.append("")
    return lines


def _writer(width: int, indent: str):
    def write(parts: list, out: Path) -> None:
        lines: list[str] = []
        for part in parts:
            lines += _tab_cells(part) if isinstance(part, Table) else wrapped(part, width, indent)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return write


LAYOUTS = {
    "txt_hard_wrap": _writer(33, ""),  # nothing marks a paragraph but its short last line or its label
    "txt_hard_wrap_indent": _writer(38, "\u3000\u3000"),  # first lines indented, as a PDF typesets them
}
