"""How wrapped lines and broken paragraphs join back into running text, the same for every reader:
Chinese text joins without a space, two Latin words or numbers with one; a line break inside a
sentence is a wrap, one after a finished sentence or before a numbering label ends the paragraph."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from duibiao import regex_cache
from duibiao.extractors.model import Block
from duibiao.extractors.structure import TASK_WORD_LABEL, is_annex_heading, is_heading, outline_label

SENTENCE_END = regex_cache.compile(r"[。！？；：!?;:…][”’」』）)\]】]*$")
# The drafting convention for who does a task, on a line of its own: 责任单位：… （牵头单位：… 【责任部门】
# Left to re's cache, compiled on first use: many plans never ask, and its CJK classes cost ~3 ms.
_FIELD_LABEL = r"(?:[（(【\[][\u4e00-\u9fa5]{0,4}|[\u4e00-\u9fa5]{2,4})(?:单位|部门)[】\]]?\s*[:：】\]]"
_UNBREAKABLE = 12  # how many columns short a full line may stop before a number or word it cannot split


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
    finished sentence, a heading (a labelled short line), a document's title or an annex heading
    (附件2), and before a numbering label or an annex heading."""
    before, after = before.strip(), after.strip()
    if not before or not after:
        return True
    heading = is_heading(before) and not re.search(r"[，,]", before)  # with a clause inside it was cut
    return ends_sentence(before) or heading or is_title(before) or is_annex_heading(before) or starts_part(after)


# The kinds of document a plan's title names, at its end: …实施方案, …行动计划, …的通知
_TITLE_END = regex_cache.compile(r"(?:方案|意见|计划|规划|办法|通知)$")
_TITLE_MAX = 50


def is_title(text: str) -> bool:
    """A document's title on a line of its own: short, naming a kind of document at its end, with no
    clause inside (a line wrapped in mid-sentence before …方案 has commas or an open 《)."""
    return (len(text) <= _TITLE_MAX and bool(_TITLE_END.search(text)) and not re.search(r"[，、；。：,;:]", text)
            and text.count("《") == text.count("》"))


def starts_part(text: str) -> bool:
    """A numbering label (一、 任务3：), an annex heading or a field label (责任单位：) opens the text: it
    stands on a line of its own."""
    return (outline_label(text) is not None or is_annex_heading(text) or bool(TASK_WORD_LABEL.match(text))
            or bool(re.match(_FIELD_LABEL, text.strip())))


def join_broken(paragraphs: list[tuple[str, bool]], wrap: tuple[Callable[[str], int], int | None]
                ) -> list[list[int]]:
    """Paragraphs cut by hard returns in mid-sentence, rejoined: (text, starts_fresh) of consecutive
    paragraphs → groups of their indices. A paragraph that starts fresh (indented, centred, …) is never
    joined to the one before. Text pasted from a PDF keeps the PDF's lines, most of one length (`wrap`:
    how lines are measured and that width, or None): a line of that length is full, so what follows it
    unmarked goes on (even after a full stop); a line clearly shorter than that was the last of its
    paragraph (a title, a heading without a label)."""
    groups: list[list[int]] = []
    for i, (text, fresh) in enumerate(paragraphs):
        # A fresh paragraph starts a group whatever the line before: the text is not looked at.
        if groups and not fresh and _goes_on(paragraphs[i - 1][0].strip(), text, wrap):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _goes_on(before: str, text: str, wrap: tuple[Callable[[str], int], int | None]) -> bool:
    """Does `text` continue the paragraph of the line `before` (see join_broken)?"""
    measure, width = wrap
    if width is None:
        return not ends_paragraph(before, text)
    if measure(before) >= width - 4:
        return not starts_part(text)
    # a line a few characters short may have left an unbreakable number to the next line
    return measure(before) >= width - _UNBREAKABLE and not ends_paragraph(before, text)


def rejoin_paragraphs(blocks: list[Block], fresh: dict[int, bool], wrapped_only: bool = False) -> list[Block]:
    """Paragraph blocks cut in mid-sentence (by hard returns, a PDF's lines pasted as text), joined again.
    `fresh` marks, by id, the paragraph blocks that may be joined and whether each starts fresh; a table
    or an unmarked block between two paragraphs keeps them apart. The wrap width is the document's.
    `wrapped_only`: join only when the text was hard-wrapped (where nothing else marks a paragraph,
    as in plain text, a writer's own lines are paragraphs)."""
    wrap = _wrap([b.text for b in blocks if id(b) in fresh])
    if wrapped_only and wrap[1] is None:
        return blocks
    out: list[Block] = []
    run: list[Block] = []  # consecutive body paragraphs

    def flush() -> None:
        for group in join_broken([(b.text, fresh[id(b)]) for b in run], wrap):
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


def columns(text: str) -> int:
    """A line's width as a PDF sets it, in columns: two for a Chinese or other non-ASCII character, one
    for a Latin digit or letter."""
    text = text.strip()
    # The ASCII characters counted in C (encoding drops the others), not one generator step each.
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _characters(text: str) -> int:
    """A line's length in characters, in the same columns (every character two)."""
    return 2 * len(text.strip())


# How lines of a wrapped text are measured, and how far full lines spread in that measure: cut at a
# number of characters (an editor's wrap; a line holds one more character for every two Latin digits
# when it was cut by width, so full lines spread over a few lengths), or by width (a PDF's lines: a
# character that did not fit, uneven spacing).
_MEASURES = ((_characters, 10), (columns, 4))


def _wrap(texts: list[str]) -> tuple[Callable[[str], int], int | None]:
    """How the text's lines are measured and the width of a full line, when it was hard-wrapped."""
    for measure, spread in _MEASURES:
        width = _wrap_width(texts, measure, spread)
        if width is not None:
            return measure, width
    return columns, None


def _wrap_width(texts: list[str], measure: Callable[[str], int], spread: int) -> int | None:
    """The width of a full line when the text was hard-wrapped, else None: the narrowest width starting
    the busiest band of `spread`. Wrapped, when hardly any line is wider, a third of the lines that
    are not short (headings, last lines) or more are full, and a third of the full lines or more stop
    in mid-sentence (a writer's own lines end their sentences)."""
    widths = Counter(w for w in map(measure, texts) if w >= 30)
    if not widths:
        return None

    def band(width: int) -> int:
        return sum(n for w, n in widths.items() if width <= w <= width + spread)

    width = max(sorted(widths), key=band)
    full = [t.strip() for t in texts if width <= measure(t) <= width + spread]
    wider = sum(n for w, n in widths.items() if w > width + spread)
    if len(full) < max(3, widths.total() // 3) or wider * 10 > widths.total():
        return None
    return width if sum(not ends_sentence(t) for t in full) * 3 >= len(full) else None
