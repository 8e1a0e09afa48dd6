"""Responsibility labels in paragraphs: （牵头单位：X，配合单位：Y）, 【责任单位】X, 责任单位：X on its own
line, （责任部门：X） closing a section item, and （X牵头，Y配合）.

Only a label word followed by a colon (or inside 【】) is a label. Running text that describes a
mechanism (教育主管部门牵头、相关部门协同推进的工作机制, 会同教体局落实…) is never read as one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from duibiao import regex_cache
from duibiao.extractors.model import Block
from duibiao.responsibility.units import (
    LEAD_WORDS,
    SUPPORT_WORDS,
    dedupe,
    drop_notes,
    is_empty_value,
    looks_like_unit,
    names_one_department,
    split_roles,
)

_ROLE_WORD = "|".join(LEAD_WORDS + SUPPORT_WORDS)
# 实施单位 / 落实部门 / 承担单位 name who does the task, like 责任单位.
_WORD_WITH_NOUN = rf"(?:责任|实施|落实|承担|{_ROLE_WORD})(?:单位|部门|科室|处室|股室|主体)"
_WORD = _WORD_WITH_NOUN + r"|牵头|配合|协办"  # 牵头：X；配合：Y
_SUPPORT_WORD = regex_cache.compile(rf"^(?:{'|'.join(SUPPORT_WORDS)})")
# Not 各责任单位：/ 有关责任单位： — those address the units, they do not name them.
_NOT_AFTER = r"(?<!各)(?<!关)(?<!该)(?<!本)(?<!各级)"
_COLON_LABEL = regex_cache.compile(rf"{_NOT_AFTER}(?P<word>{_WORD})\s*[:：]")
_BRACKET_LABEL = regex_cache.compile(rf"[【\[]\s*(?P<word>{_WORD})\s*[】\]]\s*[:：]?")
# Another field of the same line ends a label's value: 责任单位：县教育局；完成时限：2022年底
_OTHER_FIELD = regex_cache.compile(r"[\u4e00-\u9fa5]{2,8}\s*[:：]")
_OPEN, _CLOSE = "（(", "）)"
_PAREN = regex_cache.compile(r"[（()）]")
_TRAILING_PUNCT = " \t\u3000\xa0。．.；;，,、"
# A value token this long that does not end like a unit is running text, not a unit.
_MAX_BARE_TOKEN = 5  # 教育、财政、人社、市场监管 are units written short


@dataclass
class LabelGroup:
    """One assignment stated by labels inside one block."""

    start: int  # offset of the group (its opening parenthesis, if any) in the block text
    end: int
    paren: bool  # enclosed in （…）
    bracket: bool  # 【责任单位】 style
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    blank: bool = False
    standalone: bool = False  # the block holds the label and nothing before it
    filled: bool = False  # some label of the group has text after it
    roles: set = field(default_factory=set)  # "lead" / "support": the kinds of label words in the group

    @property
    def form(self) -> str:
        if self.bracket:
            return "bracket"
        if self.standalone:
            return "closing" if self.paren else "line"
        return "inline"


def _paren_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of top-level parentheses; an unclosed one runs to the end."""
    spans, depth, start = [], 0, 0
    for m in _PAREN.finditer(text):  # a regex finds the few parentheses of a long text
        i, ch = m.start(), m.group()
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i))
    if depth:
        spans.append((start, len(text)))
    return spans


def _enclosing(spans, pos: int) -> tuple[int, int] | None:
    for o, c in spans:
        if o < pos < c:
            return o, c
    return None


def find_groups(text: str) -> list[LabelGroup]:
    """The label groups of a block's text, in order."""
    matches = sorted(
        [(m, False) for m in _COLON_LABEL.finditer(text)] + [(m, True) for m in _BRACKET_LABEL.finditer(text)],
        key=lambda x: x[0].start(),
    )
    # A colon label inside a bracket label's span (【责任单位：】) is the same label.
    kept: list[tuple[re.Match, bool]] = []
    for m, br in matches:
        if kept and m.start() < kept[-1][0].end():
            continue
        kept.append((m, br))
    if not kept:
        return []
    spans = _paren_spans(text)
    groups: list[LabelGroup] = []
    current: LabelGroup | None = None
    current_span = None
    for k, (m, bracket) in enumerate(kept):
        enclosing = span = _enclosing(spans, m.start())
        if span and text[span[0] + 1 : m.start()].strip(" \u3000\xa0"):
            span = None  # the label is not the parenthesis's first content: the group is not the parenthesis
        inside = current_span if current_span and current_span[0] < m.start() < current_span[1] else None
        limit = inside[1] if inside else (enclosing[1] if enclosing else len(text))
        next_start = kept[k + 1][0].start() if k + 1 < len(kept) else len(text)
        value_end = min(limit, next_start)
        other = _OTHER_FIELD.search(text, m.end(), value_end)
        if other:
            value_end = other.start()
        stop = text.find("。", m.end(), value_end)
        if stop != -1:
            value_end = stop
        value = text[m.end() : value_end]
        joins = current is not None and (
            inside is not None
            or (current_span is None and span is None and not text[current.end : m.start()].strip(_TRAILING_PUNCT))
        )
        if not joins:
            if current:
                groups.append(current)
            current_span = span
            start = span[0] if span else (m.start())
            current = LabelGroup(start=start, end=m.end(), paren=span is not None, bracket=bracket)
            current.blank = True
        current.bracket = current.bracket or bracket
        current.end = (current_span[1] + 1) if current_span else value_end
        _add_value(current, m.group("word"), value)
    if current:
        groups.append(current)
    # Text after the label that holds no unit name: not a responsibility label after all.
    groups = [g for g in groups if not (g.blank and g.filled)]
    for g in groups:
        g.standalone = not text[: g.start].strip(" \t\u3000\xa0")
        g.lead = dedupe(g.lead)
        g.support = [u for u in dedupe(g.support) if u not in g.lead]
        # 牵头单位：（空）配合单位：X — the lead slot is blank even though helpers are named.
        g.blank = g.blank or ("lead" in g.roles and not g.lead)
    return groups


def _add_value(group: LabelGroup, word: str, value: str) -> None:
    group.roles.add("support" if _SUPPORT_WORD.match(word) else "lead")
    if is_empty_value(value):
        return
    group.filled = True  # something follows the label, so the slot is not blank
    lead, support, _ = split_roles(value)
    names = lead + support
    if not any(looks_like_unit(u) for u in names) and not all(_plausible(u) for u in names):
        return  # running text after the colon, not a list of units
    lead = [u for u in lead if _plausible(u)]
    support = [u for u in support if _plausible(u)]
    if not lead and not support:
        return
    group.blank = False
    if _SUPPORT_WORD.match(word):
        group.support += lead + support
    else:
        group.lead += lead
        group.support += support


def _plausible(name: str) -> bool:
    return looks_like_unit(name) or (len(name) <= _MAX_BARE_TOKEN and not re.search(r"\d", name))


# （县教育局牵头，县财政局、县人社局配合） — a parenthesis made only of units and role words.
_ROLE_PAREN = regex_cache.compile(r"[（(]([^（）()]{2,80})[）)]")


def find_role_parens(text: str) -> list[LabelGroup]:
    groups = []
    for m in _ROLE_PAREN.finditer(text):
        content = m.group(1).strip()
        if _COLON_LABEL.search(content):
            continue
        lead, support, saw_role = split_roles(content)
        if not saw_role or not lead + support or not all(looks_like_unit(u) for u in lead + support):
            continue
        g = LabelGroup(start=m.start(), end=m.end(), paren=True, bracket=False, lead=lead, support=support)
        g.standalone = not text[: m.start()].strip(" \t\u3000\xa0")
        groups.append(g)
    return groups


def block_groups(block: Block) -> list[LabelGroup]:
    """All label groups of a paragraph or heading, in text order."""
    if block.kind == "table":
        return []
    text = block.text
    groups = find_groups(text)
    taken = [(g.start, g.end) for g in groups]
    for g in find_role_parens(text):
        if not any(s <= g.start < e for s, e in taken):
            groups.append(g)
    return sorted(groups, key=lambda g: g.start)


# A line this long is a paragraph of its own, not the wrapped end of a label.
_MAX_CONTINUATION = 60
_MAX_CONTINUATION_LINES = 5  # a long unit list hard-wrapped every ~30 characters
_SPLIT_NAMES = regex_cache.compile(r"[、，,；;／/\s]")


def wrapped_labels(blocks: list[Block]) -> dict[int, tuple[str, list[int]]]:
    """Labels that a hard line break cut over several paragraphs: {block: (its text with the
    continuation lines joined, the continuation blocks)}. A line continues a label when the label's
    parenthesis is still open (（牵头单位：县教 / 育局；配合单位：…）), when the break falls inside the label
    word (【责任 / 单位】…), or when it falls inside the last unit name (…县人力资 / 源和社会保障局)."""
    out: dict[int, tuple[str, list[int]]] = {}
    consumed: set[int] = set()
    for i, b in enumerate(blocks):
        if b.kind == "table" or i in consumed:
            continue
        text, used = b.text.rstrip(), []
        j = i + 1
        while j < len(blocks) and len(used) < _MAX_CONTINUATION_LINES and _continues(text, blocks[j]):
            text += blocks[j].text.strip()
            used.append(j)
            j += 1
        if used:
            out[i] = (text, used)
            consumed.update(used)
    return out


def _continues(text: str, nxt: Block) -> bool:
    head = nxt.text.strip()
    if nxt.kind == "table" or nxt.level is not None or not head or len(head) > _MAX_CONTINUATION:
        return False
    spans = _paren_spans(text)
    if spans and spans[-1][1] == len(text) and has_label_words(text[spans[-1][0]:]):
        return True  # the label's parenthesis is still open
    tail = text[-8:]
    for pattern in (_COLON_LABEL, _BRACKET_LABEL):
        if any(m.start() < len(tail) < m.end() for m in pattern.finditer(tail + head[:8])):
            return True  # the break is inside the label word
    last = None
    for m in _COLON_LABEL.finditer(text):
        last = m
    for m in _BRACKET_LABEL.finditer(text):
        last = m if last is None or m.end() > last.end() else last
    if last is None or re.search(r"[。）)]", text[last.end():]):
        return False
    piece = _SPLIT_NAMES.split(text[last.end():])[-1]
    first = _SPLIT_NAMES.split(head)[0]
    if not piece:  # 责任单位：县教育局、 / 县财政局 — the list goes on
        return text[-1] in "、，," and looks_like_unit(first)
    return (not looks_like_unit(piece) and looks_like_unit(piece + first)) or names_one_department(piece, first)


def has_label_words(text: str) -> bool:
    return bool(_COLON_LABEL.search(text) or _BRACKET_LABEL.search(text))


def header_role(text: str) -> str | None:
    """'lead' / 'support' for a table heading over a list of units (责任单位, 牵头部门, 配合单位, or a
    bare 牵头 / 配合 under a spanning 责任单位); None for any other heading (责任人, 责任领导)."""
    s = re.sub(r"\s+", "", drop_notes(text))
    if len(s) > _MAX_HEADER or "领导" in s:
        return None
    m = _HEADER_WORD.search(s)
    if not m:
        return None
    return "support" if _SUPPORT_WORD.match(s) or _SUPPORT_WORD.match(m.group()) else "lead"


_MAX_HEADER = 12  # 责任单位, 牵头责任单位, 责任部门/单位, 责任单位及责任人
_HEADER_WORD = regex_cache.compile(rf"{_WORD_WITH_NOUN}|^(?:{_ROLE_WORD})$")
