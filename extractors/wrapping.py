"""How wrapped lines and broken paragraphs join back into running text, the same for every reader:
Chinese text joins without a space, two Latin words or numbers with one; a line break inside a
sentence is a wrap, one after a finished sentence or before a numbering label ends the paragraph."""
from __future__ import annotations

import re
from collections import Counter

from duibiao.extractors.structure import is_annex_heading, is_heading, outline_label

SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)\]】]*$")


def is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def wrap_joiner(before: str, after: str) -> str:
    """What stands between the last character of a line and the first of the next: "" or " " (between
    two Latin words; a number cut by the wrap is one number)."""
    if before.isdigit() and after.isdigit():
        return ""
    return " " if before and after and is_word_char(before) and is_word_char(after) else ""


def join_lines(texts: list[str]) -> str:
    """Wrapped lines → one text."""
    out = ""
    for t in texts:
        t = t.strip()
        if t:
            out += (wrap_joiner(out[-1], t[0]) if out else "") + t
    return out


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text.rstrip()))


def ends_paragraph(before: str, after: str) -> bool:
    """Is a line break (soft or hard) between `before` and `after` a paragraph break? Yes after a
    finished sentence or a heading (a labelled short line), and before a numbering label or an
    annex heading (附件2)."""
    before, after = before.strip(), after.strip()
    if not before or not after:
        return True
    return ends_sentence(before) or is_heading(before) or starts_part(after)


def starts_part(text: str) -> bool:
    """A numbering label or an annex heading opens the text: it stands on a line of its own."""
    return outline_label(text) is not None or is_annex_heading(text)


def join_broken(paragraphs: list[tuple[str, bool]]) -> list[list[int]]:
    """Paragraphs cut by hard returns in mid-sentence, rejoined: (text, starts_fresh) of consecutive
    paragraphs → groups of their indices. A paragraph that starts fresh (indented, centred, …) is never
    joined to the one before. Text pasted from a PDF keeps the PDF's lines, most of one length: a line
    of that length is full, so what follows it unmarked goes on (even after a full stop)."""
    width = _wrap_width([t for t, _ in paragraphs])
    groups: list[list[int]] = []
    for i, (text, fresh) in enumerate(paragraphs):
        before = paragraphs[i - 1][0].strip() if i else ""
        full = width is not None and len(before) >= width - 2
        goes_on = not starts_part(text) if full else not ends_paragraph(before, text)
        if groups and not fresh and goes_on:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _wrap_width(texts: list[str]) -> int | None:
    """The length most lines share when text was hard-wrapped (a third of the lines or more), else None."""
    lengths = Counter(len(t.strip()) for t in texts if len(t.strip()) >= 15)
    if not lengths:
        return None
    width, count = lengths.most_common(1)[0]
    return width if count >= max(3, len(texts) // 3) else None
