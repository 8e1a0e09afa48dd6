"""How wrapped lines and broken paragraphs join back into running text, the same for every reader:
Chinese text joins without a space, two Latin words or numbers with one; a line break inside a
sentence is a wrap, one after a finished sentence or before a numbering label ends the paragraph."""
from __future__ import annotations

import re
from collections import Counter

from duibiao.extractors.model import Block
from duibiao.extractors.structure import TASK_WORD_LABEL, is_annex_heading, is_heading, outline_label

SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)\]】]*$")
# The drafting convention for who does a task, on a line of its own: 责任单位：… （牵头单位：… 【责任部门】
# Left to re's cache, compiled on first use: many plans never ask, and its CJK classes cost ~3 ms.
_FIELD_LABEL = r"(?:[（(【\[][\u4e00-\u9fa5]{0,4}|[\u4e00-\u9fa5]{2,4})(?:单位|部门)[】\]]?\s*[:：】\]]"
_SPREAD = 5  # how many characters longer than the wrap width a full line with Latin digits may be
_UNBREAKABLE = 6  # how many characters short a full line may stop before a number or word it cannot split


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
    """A numbering label (一、 任务3：), an annex heading or a field label (责任单位：) opens the text: it
    stands on a line of its own."""
    return (outline_label(text) is not None or is_annex_heading(text) or bool(TASK_WORD_LABEL.match(text))
            or bool(re.match(_FIELD_LABEL, text.strip())))


def join_broken(paragraphs: list[tuple[str, bool]]) -> list[list[int]]:
    """Paragraphs cut by hard returns in mid-sentence, rejoined: (text, starts_fresh) of consecutive
    paragraphs → groups of their indices. A paragraph that starts fresh (indented, centred, …) is never
    joined to the one before. Text pasted from a PDF keeps the PDF's lines, most of one length: a line
    of that length is full, so what follows it unmarked goes on (even after a full stop); a line
    clearly shorter than that was the last of its paragraph (a title, a heading without a label)."""
    width = _wrap_width([t for t, _ in paragraphs])
    groups: list[list[int]] = []
    for i, (text, fresh) in enumerate(paragraphs):
        before = paragraphs[i - 1][0].strip() if i else ""
        if width is None:
            goes_on = not ends_paragraph(before, text)
        elif len(before) >= width - 2:
            goes_on = not starts_part(text)
        else:  # a line a few characters short may have left an unbreakable number to the next line
            goes_on = len(before) >= width - _UNBREAKABLE and not ends_paragraph(before, text)
        if groups and not fresh and goes_on:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def rejoin_paragraphs(blocks: list[Block], fresh: dict[int, bool]) -> list[Block]:
    """Paragraph blocks cut in mid-sentence (by hard returns, a PDF's lines pasted as text), joined again.
    `fresh` marks, by id, the paragraph blocks that may be joined and whether each starts fresh; a table
    or an unmarked block between two paragraphs keeps them apart."""
    out: list[Block] = []
    run: list[Block] = []  # consecutive body paragraphs

    def flush() -> None:
        for group in join_broken([(b.text, fresh[id(b)]) for b in run]):
            first = run[group[0]]
            for k in group[1:]:
                first.text = join_lines([first.text, run[k].text])
            out.append(first)
        run.clear()

    for block in blocks:
        if block.kind == "paragraph" and id(block) in fresh:
            run.append(block)
        else:
            flush()
            out.append(block)
    flush()
    return out


def is_hard_wrapped(texts: list[str]) -> bool:
    """Most lines of one length: text broken into lines by a PDF or an editor, not by its writer."""
    return _wrap_width(texts) is not None


def _wrap_width(texts: list[str]) -> int | None:
    """The width of a full line when the text was hard-wrapped, else None. A wrapped line holds one more
    character for every two Latin digits or letters, so full lines spread over a few lengths: the width
    is the shortest length starting the busiest such band. Wrapped, when hardly any line is longer,
    a third of the lines that are not short (headings, last lines) or more are full, and a third of
    the full lines or more stop in mid-sentence (a writer's own lines end their sentences)."""
    lengths = Counter(len(t.strip()) for t in texts if len(t.strip()) >= 15)
    if not lengths:
        return None

    def band(width: int) -> int:
        return sum(n for length, n in lengths.items() if width <= length <= width + _SPREAD)

    width = max(sorted(lengths), key=band)
    full = [t.strip() for t in texts if width <= len(t.strip()) <= width + _SPREAD]
    longer = sum(n for length, n in lengths.items() if length > width + _SPREAD)
    if len(full) < max(3, lengths.total() // 3) or longer * 10 > lengths.total():
        return None
    return width if sum(not ends_sentence(t) for t in full) * 3 >= len(full) else None
