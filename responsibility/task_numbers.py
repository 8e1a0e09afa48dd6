"""Units joined by task number: the body numbers its tasks (任务1 … 任务30, or 1. 2. … or （一）（二）… running through
the body without restarting) and a 分工表 gives the units by those numbers (序号 | 任务 | 牵头单位 | 配合单位,
with rows such as "21、22" or "21-23" naming several tasks). Each task then takes the units of its rows.

A table is joined only when its rows refer to the body's tasks: the body writes 任务N, the number
column's heading or cells say 任务, a row names several tasks, the table has no task text of its own, or
most rows repeat words of the task they number. A table that states its own tasks and merely counts its
rows (序号 1, 2, 3 …) keeps them to itself.
"""
from __future__ import annotations

import re
from dataclasses import replace

from duibiao import regex_cache
from duibiao.extractors.model import Block
from duibiao.extractors.structure import TASK_NUMERAL, TASK_WORD_LABEL
from duibiao.extractors.tables import CONTENT, TableHeader, role_of, table_header
from duibiao.normalizer.errors import GrammarError
from duibiao.normalizer.numerals import parse_chinese_number
from duibiao.normalizer.text import fold
from duibiao.responsibility.model import Assignment
from duibiao.responsibility.tables import unit_columns

# A cell naming task numbers: 21 / 21、22 / 21-23 / 任务21—23 / 第5项 / 5.
_RANGE_SEP = r"\s*[-－—–~～至到]+\s*"
_LIST_SEP = r"\s*[、，,;；/和及]\s*"
_REF = rf"(?:任务|第)?\s*[（(]?\s*(?:{TASK_NUMERAL})\s*[）)]?\s*(?:项|条|号)?"
_NUMBER_CELL = regex_cache.compile(rf"^\s*{_REF}(?:(?:{_RANGE_SEP}|{_LIST_SEP}){_REF})*\s*[.。．、]?\s*$")
_ONE_REF = regex_cache.compile(rf"(?P<n>{TASK_NUMERAL})(?P<range>{_RANGE_SEP}(?:任务|第)?\s*(?P<m>{TASK_NUMERAL}))?")
_LABEL_PUNCT = regex_cache.compile(r"[（()）、．.\s]")  # around the numeral of an outline label
_REFERS_HEADING = regex_cache.compile(r"任务|对应|条目")  # a number column that points at the body's tasks
_MIN_TASKS = 3  # a body numbering fewer items than this is not a task list
_MIN_NUMBERED_ROWS = 2
_NUMBER_COLUMN_SHARE = 0.6  # of a column's filled data cells that must be task numbers
_MAX_RANGE = 50
_SHARED_CHARS = 4  # a row "repeats words of its task" when they share a run this long
_COMPARED_CHARS = 80  # of a task's text: its title and first sentence


def _number(text: str) -> int | None:
    try:
        value = parse_chinese_number(text)
    except GrammarError:
        return None
    return int(value) if value == int(value) and value > 0 else None


def task_numbers(text: str) -> list[int]:
    """The task numbers a 分工表 cell names, in order: "21、22" → [21, 22], "21-23" → [21, 22, 23];
    [] when the cell is not a list of task numbers."""
    text = fold(text)
    if not _NUMBER_CELL.match(text):
        return []
    out: list[int] = []
    for m in _ONE_REF.finditer(text):
        first = _number(m.group("n"))
        last = _number(m.group("m")) if m.group("range") else first
        if first is None or last is None or not 0 <= last - first <= _MAX_RANGE:
            return []
        out.extend(range(first, last + 1))
    return list(dict.fromkeys(out))


def _cell_refs(text: str) -> list[int]:
    """Task numbers of a cell: a list of numbers, or a task text opening with its number (任务3：…)."""
    found = task_numbers(text)
    if not found and (m := TASK_WORD_LABEL.match(fold(text))) and (n := _number(m.group("n"))) is not None:
        found = [n]
    return found


def body_numberings(blocks: list[Block]) -> list[tuple[dict[int, int], bool]]:
    """The ways the body may number its tasks, each as ({task number: block index}, whether it writes
    任务N): 任务N labels, then each outline level below the chapters (（一）, 1., （1）) whose numbers
    run through the body without restarting."""
    worded: dict[int, int] = {}
    items: dict[int, list[tuple[int, int]]] = {}  # outline level → (number, block)
    for i, b in enumerate(blocks):
        if b.kind == "table" or b.in_annex:
            continue
        m = TASK_WORD_LABEL.match(fold(b.text))
        if m and (n := _number(m.group("n"))) is not None:
            worded.setdefault(n, i)
        elif b.level is not None and b.level > 1 and b.label:
            if (n := _number(_LABEL_PUNCT.sub("", fold(b.label)))) is not None:
                items.setdefault(b.level, []).append((n, i))
    out = [(worded, True)] if len(worded) >= _MIN_TASKS else []
    for level in sorted(items):
        numbers = [n for n, _ in items[level]]
        if len(numbers) >= _MIN_TASKS and all(a < b for a, b in zip(numbers, numbers[1:])):
            out.append((dict(items[level]), False))
    return out


def _task_places(blocks: list[Block], start: int, starts: set[int]) -> list[int]:
    """The task's block and what follows it up to the next task, a heading above it, a table or the annex."""
    level = blocks[start].level
    out = [start]
    for j in range(start + 1, len(blocks)):
        b = blocks[j]
        if j in starts or b.kind == "table" or b.in_annex:
            break
        if b.level is not None and b.level <= (level if level is not None else 2):
            break
        out.append(j)
    return out


def _number_column(rows, header: TableHeader, skip: set[int]) -> tuple[int, list[list[int]]] | None:
    """(column, task numbers of each row) of the column whose filled data cells are mostly task numbers;
    of several, one headed 对应任务 / 任务编号 before a 序号 that counts the table's own rows."""
    width = max((len(r) for r in rows), default=0)
    first = header.rows[-1] + 1
    found = []
    for c in range(width):
        if c in skip:
            continue
        cells = [row[c] if c < len(row) else None for row in rows]
        filled = [cell for cell in cells[first:] if cell is not None and cell.text.strip() and not cell.spanned]
        refs = [_cell_refs(cell.text) if cell is not None and not cell.spanned else [] for cell in cells]
        numbered = sum(1 for r in refs[first:] if r)
        if numbered >= _MIN_NUMBERED_ROWS and numbered >= _NUMBER_COLUMN_SHARE * len(filled):
            heading = header.texts[c] if c < len(header.texts) else ""
            found.append((not _REFERS_HEADING.search(heading), c, refs))
    return min(found, key=lambda f: (f[0], f[1]))[1:] if found else None


def _shared_run(a: str, b: str) -> int:
    """Length of the longest run of characters two texts share (whitespace ignored)."""
    from difflib import SequenceMatcher  # here: only plans with a 分工表 import it

    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)[:_COMPARED_CHARS]
    if not a or not b:
        return 0
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def _repeats_its_task(text: str, own: str, others: list[str]) -> bool:
    """A row's text repeats words of the task it numbers, more than of any other task: 义务教育 or
    每百名学生 shared with every task proves nothing."""
    shared = _shared_run(text, own)
    return shared >= _SHARED_CHARS and all(_shared_run(text, o) < shared for o in others)


def joined_assignments(blocks: list[Block], tables: list[Assignment]) -> list[Assignment]:
    """For each 分工表 row that names body tasks by number, an assignment of its units to those tasks."""
    numberings = body_numberings(blocks)
    if not numberings:
        return []
    by_table: dict[int, list[Assignment]] = {}
    for a in tables:
        by_table.setdefault(a.block, []).append(a)
    out: list[Assignment] = []
    for index, row_assignments in by_table.items():
        block = blocks[index]
        header = table_header(block)
        rows = block.rows or []
        found = _number_column(rows, header, set(unit_columns(header))) if header else None
        if found is None:
            continue
        column, refs = found
        named = [n for r in refs for n in r]
        # The numbering the table refers to: the one holding most of its numbers (the first of equals).
        tasks, worded = max(numberings, key=lambda t: sum(n in t[0] for n in named))
        if not named or sum(n in tasks for n in named) < _NUMBER_COLUMN_SHARE * len(named):
            continue
        starts = set(tasks.values())
        content = [c for c in range(len(header.roles)) if c != column and role_of(header.roles, c) == CONTENT]

        def row_text(r: int) -> str:
            return "".join(rows[r][c].text for c in content if c < len(rows[r]))

        heading = header.texts[column] if column < len(header.texts) else ""
        numbered = [a for a in row_assignments if refs[a.row]]
        refers = (
            worded
            or bool(_REFERS_HEADING.search(heading))
            or any(len(refs[a.row]) > 1 or "任务" in rows[a.row][column].text for a in numbered)
            or not any(row_text(a.row).strip() for a in numbered)
            or sum(_repeats_its_task(row_text(a.row), blocks[tasks[n]].text,
                                     [blocks[i].text for m, i in tasks.items() if m != n])
                   for a in numbered for n in refs[a.row][:1] if n in tasks) * 2 > len(numbered)
        )
        if not refers:
            continue
        for a in numbered:
            places = [(j, None) for n in refs[a.row] if n in tasks for j in _task_places(blocks, tasks[n], starts)]
            if places:
                out.append(replace(a, lead=list(a.lead), support=list(a.support), form="task",
                                   covers=list(dict.fromkeys(places)), via="task-number"))
    return out
