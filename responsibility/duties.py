"""各部门职责 lists: under a heading that names duties (工作职责, 成员单位职责, 职责分工 …), each item is a
department — as its own heading followed by its duties, or as "县教育局：负责…" — and covers those
duty paragraphs.

Member rosters (组长/副组长/成员 with people's names) and 办公室设在… sentences are not items: an item
must name a unit, and a roster line names a person and a title.
"""
from __future__ import annotations

import re

from duibiao import regex_cache
from duibiao.extractors.model import Block
from duibiao.responsibility.labels import has_label_words
from duibiao.responsibility.model import Assignment
from duibiao.responsibility.units import looks_like_unit, split_units

_DUTY_TITLE = regex_cache.compile(r"职责")
_DUTY_SUFFIX = regex_cache.compile(r"(?:工作)?职责$")  # （一）县教育局职责 names its unit
_MAX_TITLE = 40
_MAX_HEADING_UNITS = 40
# 县教育局：负责… — units, a colon, then the duties.
_INLINE_ENTRY = regex_cache.compile(r"^(?P<units>[^：:。；;，,]{2,40}?)\s*[:：]")


def _rest(block: Block) -> str:
    text = block.text.strip()
    if block.label and text.startswith(block.label):
        text = text[len(block.label):]
    return text.strip(" \t\u3000\xa0")


def _is_duty_title(block: Block) -> bool:
    rest = _rest(block)
    return (
        block.kind != "table"
        and len(rest) <= _MAX_TITLE
        and bool(_DUTY_TITLE.search(rest))
        and not has_label_words(rest)
        and not re.search(r"[。；;]", rest.rstrip("。"))
    )


def _units_only(text: str) -> list[str]:
    text = _DUTY_SUFFIX.sub("", text.strip().rstrip("。．.:："))
    if not text or len(text) > _MAX_HEADING_UNITS or re.search(r"[。；;：:]", text):
        return []
    units = split_units(text)
    return units if units and all(looks_like_unit(u) for u in units) else []


def _entry(block: Block) -> tuple[list[str], bool] | None:
    """(units, inline) when the block is a duty item: a unit heading, or units + colon + duties."""
    if block.kind == "table":
        return None
    rest = _rest(block)
    if block.level is not None:
        units = _units_only(rest)
        if units:
            return units, False
    m = _INLINE_ENTRY.match(rest)
    if m and len(rest) > m.end():
        units = _units_only(m.group("units"))
        if units:
            return units, True
    return None


def duty_assignments(blocks: list[Block]) -> list[Assignment]:
    out: list[Assignment] = []
    i = 0
    n = len(blocks)
    while i < n:
        if not _is_duty_title(blocks[i]):
            i += 1
            continue
        title = blocks[i]
        j = i + 1
        entry_level = None
        current: Assignment | None = None
        current_level = None
        while j < n:
            b = blocks[j]
            found = _entry(b)
            if b.kind == "table" or b.in_annex != title.in_annex or (_is_duty_title(b) and not found):
                break
            if b.level is not None and title.level is not None and b.level <= title.level:
                break
            if b.level is not None and entry_level is not None and b.level < entry_level:
                break
            if found:
                units, inline = found
                if entry_level is None and b.level is not None:
                    entry_level = b.level
                current = Assignment(units, [], "duty", j, None, [(j, None)] if inline else [], b.location,
                                     via="duty-list")
                current_level = b.level
                out.append(current)
            elif current is not None:
                if b.level is not None and (current_level is None or b.level <= current_level):
                    current = None  # a numbered item that names no unit and is not under the entry ends it
                else:
                    current.covers.append((j, None))
            j += 1
        i = j
    return [a for a in out if a.covers]
