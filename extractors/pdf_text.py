"""PDF text: characters → lines → paragraphs.

Fake bold (each glyph drawn twice at nearly the same place) is removed by position; page numbers and
running headers/footers are dropped; wrapped lines are joined back into paragraphs (CJK without a
space) using the page's usual margins: a paragraph starts at a first-line indent, at a numbering label
after a finished line, or after a line that ends well before the right margin.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from duibiao import regex_cache
from duibiao.extractors.pdf_source import Char
from duibiao.extractors.structure import outline_label
from duibiao.extractors.wrapping import SENTENCE_END, is_word_char


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int = 0
    lead: float = 0.0  # width of the first unbreakable piece (a CJK char, a Latin word) and its punctuation


def dedupe(chars: list[Char]) -> list[Char]:
    """Drop a glyph drawn again (same text) within a third of its size of one already kept."""
    kept: list[Char] = []
    # Kept glyphs by text and a grid cell twice the tolerance: a glyph within the tolerance lies in
    # one of the 2×2 cells nearest this one, so each glyph looks at four cells and a row of 100,000
    # identical glyphs stays linear. The grid rows holding kept glyphs of each text are noted too:
    # most glyphs have none of their text in their two rows and need look at no cell.
    seen: dict[tuple[str, int, int], list[Char]] = {}
    rows_of: dict[str, set[int]] = {}
    floor = math.floor
    for c in chars:
        text = c.text
        tol = max(c.size * 0.3, 0.5)
        y, x = c.top / (2 * tol), c.x0 / (2 * tol)
        row, col = floor(y), floor(x)
        rows = rows_of.setdefault(text, set())
        near_row = row - 1 if y - row < 0.5 else row + 1
        if (row in rows or near_row in rows) and _drawn_near(c, tol, seen, row, near_row, col, col - 1 if x - col < 0.5 else col + 1):
            continue
        rows.add(row)
        kept.append(c)
        seen.setdefault((text, row, col), []).append(c)
    return kept


def _drawn_near(c: Char, tol: float, seen: dict, row: int, near_row: int, col: int, near_col: int) -> bool:
    """Is a kept glyph of c's text in the four grid cells within tol of c?"""
    text = c.text
    for key in ((text, row, col), (text, row, near_col), (text, near_row, col), (text, near_row, near_col)):
        found = seen.get(key)
        if found and any(abs(k.x0 - c.x0) <= tol and abs(k.top - c.top) <= tol for k in found):
            return True
    return False


def _mid(c: Char) -> float:
    return (c.top + c.bottom) / 2


def group_lines(chars: list[Char], page: int = 0) -> list[Line]:
    """Chars (deduplicated, no spaces) → lines top to bottom, each read left to right."""
    if not chars:
        return []
    marks = sorted(zip(map(_mid, chars), chars), key=itemgetter(0))
    mid, first = marks[0]
    groups: list[list[Char]] = [[first]]
    line_size = first.size
    for m, c in marks[1:]:
        if m - mid > 0.45 * min(c.size, line_size):
            groups.append([c])
            mid, line_size = m, c.size
        else:
            groups[-1].append(c)
    return [_line(sorted(group, key=_X0), page) for group in groups]


_X0 = attrgetter("x0")


def _line(marks: list[Char], page: int) -> Line:
    """One line's text (marks left to right): a space where the gap is wide, or between two Latin words."""
    sizes = sorted([c.size for c in marks])
    size = sizes[len(sizes) // 2]
    out = [marks[0].text]
    wide, narrow = 0.5 * size, 0.1 * size
    for prev, c in zip(marks, marks[1:]):
        gap = c.x0 - prev.x1
        if gap > wide or (gap > narrow and is_word_char(prev.text) and is_word_char(c.text)):
            out.append(" ")
        out.append(c.text)
    return Line(
        "".join(out),
        marks[0].x0,
        max([c.x1 for c in marks]),
        min([c.top for c in marks]),
        max([c.bottom for c in marks]),
        size,
        page,
        _lead(marks),
    )


_NO_LINE_START = set("，。、；：！？）》」』”’〕】,.;:!?)]%…·—")
_NO_LINE_END = set("（《「『“‘〔【([")
_QUOTES = set("“”‘’\"'")  # Unicode line breaking keeps quotation marks with both neighbours


def _is_sign(ch: str) -> bool:
    """A math or currency sign (≥ ＜ ± ～ ¥): Unicode line breaking keeps it with a number beside it."""
    return unicodedata.category(ch) in ("Sm", "Sc")


def _lead(marks: list[Char]) -> float:
    """Width of what could not have been wrapped apart from the line's first character: closing
    punctuation after it, the character after an opening bracket or quote, the rest of a Latin word
    or number with the signs it carries (≥4.2, 3~5). LibreOffice does not break between closing
    punctuation and a Latin word or number either (上、10.2 moves to the next line as one piece)."""
    end = 1
    first = marks[0].text
    word = is_word_char(first) or (_is_sign(first) and len(marks) > 1 and is_word_char(marks[1].text))
    while end < len(marks):
        ch, before = marks[end].text, marks[end - 1].text
        glued = ch in _NO_LINE_START or ch in _QUOTES or before in _NO_LINE_END or before in _QUOTES
        if not word and before in _NO_LINE_START and is_word_char(ch):
            word = glued = True
        if glued or (word and (is_word_char(ch) or ch in ".%" or _is_sign(ch))):
            end += 1
        else:
            break
    return marks[end - 1].x1 - marks[0].x0


# --- page numbers, running headers and footers ---------------------------------------------------

_DASH = r"[-—–－―‒~～·•\s]*"
_PAGE_NUMBER = regex_cache.compile(
    rf"^{_DASH}(?:"
    r"第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}(?:\s*[/／]\s*\d{1,4})?"
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?"
    rf"){_DASH}$",
    re.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def strip_margins(pages: list[list[Line]], heights: list[float]) -> None:
    """Remove page-number lines and running headers/footers (in place).

    A page number is only taken from the top or the bottom of a page. A running header (footer) is a
    line set off by a wide gap above the page's body (below it) whose text, digits aside, recurs at the
    same height on at least half of the pages, and on two or more."""
    for lines, height in zip(pages, heights):
        _strip_page_numbers(lines, height)
    if len(pages) < 2:
        return
    counts: Counter = Counter()
    for lines in pages:
        counts.update({_margin_key(line) for line in _edge_lines(lines)})
    repeated = {k for k, n in counts.items() if n >= 2 and n >= len(pages) / 2}
    if not repeated:
        return
    for lines, height in zip(pages, heights):
        for line in _edge_lines(lines):
            if _margin_key(line) in repeated:
                lines.remove(line)
        _strip_page_numbers(lines, height)


def _strip_page_numbers(lines: list[Line], height: float) -> None:
    while lines and lines[-1].top > height * 0.75 and is_page_number(lines[-1].text):
        lines.pop()
    while lines and lines[0].bottom < height * 0.2 and is_page_number(lines[0].text):
        lines.pop(0)


def _edge_lines(lines: list[Line]) -> list[Line]:
    """Up to two lines at the top and at the bottom that stand apart from the body by a wide gap."""
    def apart(a: Line, b: Line) -> bool:
        return b.top - a.bottom > 1.5 * max(a.size, b.size)

    out: list[Line] = []
    for k in (1, 2):  # a header: the first k lines, then a wide gap
        if len(lines) > k and apart(lines[k - 1], lines[k]):
            out.extend(lines[:k])
            break
    for k in (1, 2):  # a footer: a wide gap, then the last k lines
        if len(lines) > k and apart(lines[-k - 1], lines[-k]):
            out.extend(lines[-k:])
            break
    return list({id(x): x for x in out}.values())


def _margin_key(line: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 4)


# --- paragraphs ----------------------------------------------------------------------------------

_OPEN_END = regex_cache.compile(r"[，、,（(《“‘【\[—\-]$")


@dataclass
class Margins:
    left: float
    right: float
    gap: float = 0.0  # usual space between the lines of a paragraph


def margins(pages: list[list[Line]]) -> Margins | None:
    """The usual left and right text edges (the outermost positions many lines share) and line gap."""
    lines = [x for page in pages for x in page if len(x.text) >= 4]
    if not lines:
        return None
    lefts = Counter(round(x.x0) for x in lines)
    rights = Counter(round(x.x1 / 2) * 2 for x in lines)
    need_l = max(2, lefts.most_common(1)[0][1] * 0.3)
    need_r = max(2, rights.most_common(1)[0][1] * 0.3)
    left = min((v for v, n in lefts.items() if n >= need_l), default=min(x.x0 for x in lines))
    right = max((v for v, n in rights.items() if n >= need_r), default=max(x.x1 for x in lines))
    gaps = sorted(
        b.top - a.bottom
        for page in pages
        for a, b in zip(page, page[1:])
        if abs(a.size - b.size) < 0.2 * a.size and 0 <= b.top - a.bottom < 3 * a.size
    )
    return Margins(left, right, gaps[len(gaps) // 2] if gaps else 0.0)


def starts_paragraph(prev: Line, line: Line, m: Margins, prev_m: Margins | None = None, *, same_page: bool = True) -> bool:
    """Does `line` start a new paragraph after `prev`? (`prev_m`: the margins of prev's page.)"""
    em = line.size or 12
    if abs(line.size - prev.size) > 0.2 * max(line.size, prev.size):
        return True
    if line.x0 - m.left >= 1.5 * em:  # first-line indent (or a centred / right-aligned line)
        return True
    short = (prev_m or m).right - prev.x1
    finished = bool(SENTENCE_END.search(prev.text))
    if short >= 1.2 * em and finished:
        return True
    if short >= 6 * em and not _OPEN_END.search(prev.text):
        return True
    if short - line.lead >= 0.5 * em and not _OPEN_END.search(prev.text):
        return True  # the line's first word would have fitted on the line before: that line was ended
    if outline_label(line.text) and (finished or short >= 1.2 * em):
        return True
    if same_page and line.top - prev.bottom > m.gap + 0.8 * em:  # extra space between paragraphs
        return True
    return False


def cell_text(lines: list[Line]) -> str:
    """Text of a table cell, one visual line per line: where a cell's lines break carries meaning
    (one unit name per line in a 责任单位 column) and cannot be told from wrapping by geometry alone
    (a unit name may fill a narrow cell's line exactly); readers of cell text join wrapped lines where
    they need sentences or names."""
    return "\n".join(line.text for line in lines if line.text)
