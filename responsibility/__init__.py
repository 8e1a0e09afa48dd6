"""Responsibility assignments of a plan: which units it makes responsible, and for which places.

    from duibiao.responsibility import extract_assignments, CoverageIndex, unassigned_rows, unit_key
    assignments = extract_assignments(doc)
    index = CoverageIndex(assignments)          # built once; covering(assignments, …) for one look-up
    for a in index.at(block_index, row_index):
        a.lead, a.support

Forms read (Assignment.form):
  inline   …。（牵头单位：X，配合单位：Y、Z） / （责任单位：X） / （X牵头，Y配合） inside an item
  bracket  【责任单位】X / 【牵头单位】X【配合单位】Y
  line     责任单位：X on its own line after a task
  closing  （责任部门：X） as its own paragraph closing a section item
  table    the 责任单位 / 牵头单位 / 配合单位 … column of a table row
  duty     a department heading (or "县教育局：") followed by its duties, under a 职责 heading
  task     a 分工表 row naming body tasks by number (任务21 / 21、22 / 21-23): see task_numbers

Coverage rules (what `covers` holds):
  * inline / bracket in a task paragraph: that paragraph.
  * a label on its own line (line / closing / bracket): the blocks before it back to the previous
    label, table or numbered item boundary (the numbered item itself included). When that item is
    the only labelled one of its parent section and the label is the section's last block, the
    label closes the whole parent section (repeatedly, upwards).
  * inheritance: a label attached to a numbered item (inline in it, or on the line right after
    its heading, or right before its sub-items) also covers the item's section — the following
    blocks up to the next item of the same or a higher level — except blocks that carry or are
    covered by a label of their own.
  * table: its own row. duty: the duty paragraph(s) under the department.
  * task: the numbered body tasks of its row, each up to the next task (section labels do not
    reach them).
Each assignment records the link it came from (Assignment.via, see model.VIAS).
Member rosters (组长/副组长/成员), 办公室设在… sentences and mechanism phrases in running text
(教育主管部门牵头、相关部门协同推进) are not assignments.
"""
from __future__ import annotations

from dataclasses import replace

from duibiao.extractors.model import Block, Document
from duibiao.responsibility.duties import duty_assignments
from duibiao.responsibility.labels import LabelGroup, block_groups, wrapped_labels
from duibiao.responsibility.model import FORMS, Assignment
from duibiao.responsibility.tables import table_assignments
from duibiao.responsibility.task_numbers import joined_assignments
from duibiao.responsibility.units import (
    dedupe,
    missing_departments,
    required_departments,
    split_units,
    unit_key,
)

__all__ = [
    "Assignment",
    "FORMS",
    "CoverageIndex",
    "extract_assignments",
    "covering",
    "unassigned_rows",
    "unit_key",
    "dedupe",
    "split_units",
    "required_departments",
    "missing_departments",
]


def extract_assignments(doc: Document) -> list[Assignment]:
    """Every responsibility assignment of the plan, in document order."""
    blocks = doc.blocks
    labels, anchors = _label_assignments(blocks)
    tables = [a for i, b in enumerate(blocks) if b.kind == "table" for a in table_assignments(b, i)]
    joined = joined_assignments(blocks, tables)
    duties = duty_assignments(blocks)
    _inherit(blocks, labels, anchors, owned_elsewhere={p for a in tables + joined + duties for p in a.covers})
    for a in labels:
        a.via = "section" if _covers_section(blocks, a) else "label"
    return sorted(labels + tables + joined + duties, key=_order)


def _covers_section(blocks: list[Block], a: Assignment) -> bool:
    """Whether a label covers more than the one item it is attached to (the items of a section)."""
    others = {j for j, _ in a.covers if blocks[j].level is not None and j != a.block}
    return len(others) >= (1 if blocks[a.block].level is not None else 2)


def _order(a: Assignment) -> tuple[int, int]:
    return a.block, -1 if a.row is None else a.row


class CoverageIndex:
    """The assignments that apply to each place, looked up without scanning them all.

    index.at(block, row) is what applies to a place, in document order. A whole-block coverage
    applies to every row of that block; a row coverage only to its row. Blank slots are included
    (their lead and support are empty) so that a caller can tell "assigned to nobody" from "no slot".
    """

    def __init__(self, assignments: list[Assignment]):
        self._by_place: dict[tuple[int, int | None], list[Assignment]] = {}
        for a in sorted(assignments, key=_order):
            for place in dict.fromkeys(a.covers):
                self._by_place.setdefault(place, []).append(a)

    def at(self, block: int, row: int | None) -> list[Assignment]:
        found = self._by_place.get((block, None), [])
        if row is not None and (block, row) in self._by_place:
            found = sorted({id(a): a for a in found + self._by_place[(block, row)]}.values(), key=_order)
        return list(found)


def covering(assignments: list[Assignment], block: int, row: int | None) -> list[Assignment]:
    """The assignments that apply to one place (see CoverageIndex, for many look-ups)."""
    return CoverageIndex(assignments).at(block, row)


def unassigned_rows(assignments: list[Assignment]) -> int:
    """Rows or task paragraphs with a blank responsibility slot: an empty unit cell in a task row, a
    "责任单位：" label with nothing after it. Each place is counted once."""
    return len({(a.block, a.row) for a in assignments if a.blank})


# --- labels in paragraphs ---------------------------------------------------------------------


def _label_assignments(blocks: list[Block]) -> tuple[list[Assignment], list[tuple[Assignment, int]]]:
    """The label assignments, and (assignment, numbered block whose section it heads) for those
    attached to an item, which _inherit extends over the item's section."""
    by_block: dict[int, list[LabelGroup]] = {}
    wrapped = wrapped_labels(blocks)
    continued: dict[int, list[int]] = {}  # label block → the lines its label was wrapped onto
    i = 0
    while i < len(blocks):
        groups = block_groups(replace(blocks[i], text=wrapped[i][0])) if i in wrapped else []
        if groups:
            continued[i] = wrapped[i][1]
        else:
            groups = block_groups(blocks[i])
        if groups:
            by_block[i] = groups
        i = continued[i][-1] + 1 if i in continued else i + 1
    tails = {j for used in continued.values() for j in used}
    label_blocks = set(by_block) | tails
    # Blocks that are nothing but a label (they may continue the label above them).
    only_label = {i for i, gs in by_block.items() if gs[0].standalone and blocks[i].level is None} | tails
    parents = _parents(blocks)
    out: list[Assignment] = []
    anchors: list[tuple[Assignment, int]] = []
    prev_standalone: tuple[int, Assignment] | None = None
    for i, g in ((i, g) for i, gs in by_block.items() for g in gs):
        standalone = g.standalone and len(by_block[i]) == 1
        # 牵头单位：X on one line and 配合单位：Y on the next are one assignment.
        if standalone and prev_standalone and prev_standalone[0] == i - 1 and g.roles == {"support"}:
            a = prev_standalone[1]
            a.support += [u for u in g.support if u not in a.support and u not in a.lead]
            a.blank = not a.lead and (a.blank or not a.support)
            a.covers += [(j, None) for j in continued.get(i, [])]
            continue
        a = Assignment(list(g.lead), list(g.support), g.form, i, None, [], blocks[i].location, blank=g.blank)
        if standalone:
            a.covers, anchor = _standalone_coverage(blocks, i, label_blocks, only_label, parents)
            prev_standalone = (continued.get(i, [i])[-1], a)
        else:
            a.covers = [(i, None)]
            anchor = i if blocks[i].level is not None else None
            prev_standalone = None
        a.covers += [(j, None) for j in continued.get(i, [])]
        out.append(a)
        if anchor is not None:
            anchors.append((a, anchor))
    return out, anchors


def _boundary(blocks: list[Block], j: int, ref: Block) -> bool:
    b = blocks[j]
    return b.kind == "table" or b.in_annex != ref.in_annex


def _parents(blocks: list[Block]) -> list[int | None]:
    """For each numbered block, the nearest numbered block before it of a higher level (its parent
    item); None for the others. One pass, keeping the open items of each level."""
    out: list[int | None] = [None] * len(blocks)
    open_items: list[int] = []  # numbered blocks, levels increasing
    for k, b in enumerate(blocks):
        if b.level is None:
            continue
        while open_items and blocks[open_items[-1]].level >= b.level:
            open_items.pop()
        out[k] = open_items[-1] if open_items else None
        open_items.append(k)
    return out


def _standalone_coverage(blocks: list[Block], i: int, label_blocks: set[int], only_label: set[int],
                         parents: list[int | None]):
    """(covers, anchor) of a label that is a block of its own."""
    label = blocks[i]
    covered: list[int] = []
    numbered = None
    j = i - 1
    while j >= 0 and j not in label_blocks and not _boundary(blocks, j, label):
        covered.append(j)
        if blocks[j].level is not None:
            numbered = j
            break
        j -= 1
    covered.reverse()
    nxt = _next_block(blocks, i, only_label)
    anchor = None
    if numbered is not None:
        level = blocks[numbered].level
        nb = blocks[nxt] if nxt is not None else None
        if nb is not None and not _boundary(blocks, nxt, label):
            if nb.level is not None and nb.level > level:
                anchor = numbered  # the label heads the item: its sub-items follow
            elif nb.level is None and numbered == i - 1 and blocks[numbered].kind == "heading":
                anchor = numbered  # 标题 / 责任单位：X / the item's text
        if anchor is None:
            covered = _close_parents(blocks, i, numbered, covered, label_blocks, nxt, parents)
    return [(j, None) for j in covered], anchor


def _next_block(blocks, i, only_label):
    """The first block after a label that is not a label continuing it."""
    j = i + 1
    while j < len(blocks) and j in only_label:
        j += 1
    return j if j < len(blocks) else None


def _section_end(blocks, nxt, label, level) -> bool:
    """True when the block after the label ends a section of `level` (or the text ends)."""
    if nxt is None or _boundary(blocks, nxt, label):
        return True
    lv = blocks[nxt].level
    return lv is not None and lv <= level


def _close_parents(blocks, i, numbered, covered, label_blocks, nxt, parents):
    """Extend a closing label to the parent section when it is that section's only label and its
    last block: （二）… / 1. … / 2. … / （责任单位：X） / （三）…"""
    label = blocks[i]
    item = numbered
    while True:
        parent = parents[item]
        if parent is None or any(_boundary(blocks, k, label) for k in range(parent, i)):
            return covered
        if any(k in label_blocks for k in range(parent, i)):
            return covered
        if not _section_end(blocks, nxt, label, blocks[parent].level):
            return covered
        covered = list(range(parent, i))
        item = parent


def _section(blocks: list[Block], n: int) -> list[int]:
    """The blocks of item n's section after n: up to the next item of the same or a higher level."""
    level = blocks[n].level
    out = []
    for j in range(n + 1, len(blocks)):
        b = blocks[j]
        if _boundary(blocks, j, blocks[n]) or (b.level is not None and b.level <= level):
            break
        out.append(j)
    return out


def _inherit(blocks: list[Block], labels: list[Assignment], anchors: list[tuple[Assignment, int]],
             owned_elsewhere: set) -> None:
    """A label attached to an item covers the item's section, except what carries its own label."""
    label_blocks = {a.block for a in labels}
    owned = set(owned_elsewhere) | {p for a in labels for p in a.covers} | {(b, None) for b in label_blocks}
    for a, anchor in sorted(anchors, key=lambda x: (-(blocks[x[1]].level or 0), x[0].block)):
        extra = [(j, None) for j in _section(blocks, anchor) if (j, None) not in owned]
        if not extra:
            continue
        a.covers = sorted(set(a.covers) | set(extra))
        owned |= set(extra)
