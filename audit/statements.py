"""Find every statement of an indicator in a document: the clauses that state it, their numbers with
the role of each (audit.roles), hedges and place. Paragraphs and the content cells of tables are read
alike; unit columns, self-assessment columns (是否达标, 存在问题, 整改措施 …) and category columns are not
statements.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from duibiao import regex_cache
from duibiao.audit.roles import NumberRole, column_number_roles, is_year_heading, number_roles, section_roles
from duibiao.catalog import Standard
from duibiao.extractors.model import Block, Document, Location
from duibiao.extractors.tables import CATEGORY, CONTENT, SELF, column_roles, role_of
from duibiao.normalizer.hedges import hedge_positions
from duibiao.normalizer.matcher import TOPIC, Mention, matcher_for
from duibiao.normalizer.text import clean
from duibiao.normalizer.thresholds import SCHOOL_LEVELS, Quantity, parse_quantities

_SENTENCE_END = regex_cache.compile(r"[。！？!?\n]")
_WRAP = regex_cache.compile(r"(?<=[^。！？!?；;\n])\n(?=\S)")
_CLAUSE_END = regex_cache.compile(r"[，；：,;:]")
# A clause that names no indicator still belongs to the one before it when it carries its numbers
# ("每百名学生拥有音体美专任教师数，小学、初中均达到0.9人以上") or continues it (其中, 且, 并).
# A topic mention carries no numbers, and a clause with a measured quantity of its own (入学率) is not a
# continuation.
_CONTINUES = regex_cache.compile(r"^(?:其中|且|并|均|分别|同时)")
# A sentence continues the indicator of the sentence before it only when it opens with a school level
# ("……教师数。小学4.2人以上、初中5.3人以上。").
_OPENS_WITH_LEVEL = regex_cache.compile(
    r"^(?:(?:确保|力争|争取|并|且)?[ ]*(?:(?:到|至|于)?[ ]*20[0-9]{2}[ ]*年(?:底|末)?)?[ ]*[，,]?[ ]*)?"  # 确保到2025年
    "(?:" + "|".join(SCHOOL_LEVELS) + "|其中|分别|均)"
)
_OWN_QUANTITY = regex_cache.compile(r"率|比例|面积|规模|人数|数量")
# A clause that opens with a bare measure has dropped its subject, which is the subject of the clause
# before: 音乐、美术专用教室各1间以上，面积分别不小于96平方米、90平方米.
_BARE_MEASURE = regex_cache.compile(r"^(?:其|使用|建筑|每间)?(?:面积|比例|人数|数量|规模)")
_DATE_ONLY = regex_cache.compile(r"[ ]*(?:到|至|于|在)?[ ]*20[0-9]{2}[ ]*年(?:底|末|前|年底|年末)*[，,；;：:]?[ ]*")
# A line cut inside a number phrase: it ends with a digit or a joining word, or the next line opens with
# what follows a number (its unit, 以上, a list separator).
_CUT_END = regex_cache.compile(r"(?:[0-9.]|的|、|和|及|与|或|达到|不低于|不少于|不超过|不高于|分别)$")
_CUT_START = regex_cache.compile(r"(?:%|元|人|间|平方米|学时|以上|以下|以内|[、，,；])")
_SENTENCE_DONE = regex_cache.compile(r"[。！？!?；;：:）)]$")


@dataclass
class Statement:
    indicator: str
    strength: str  # quantity, topic or fuzzy (normalizer.matcher)
    text: str  # the clauses that state the indicator (cleaned)
    context: str  # the whole paragraph or cell, for reports
    block: int  # index in doc.blocks
    row: int | None  # table row index (0-based) for table cells
    location: Location
    in_annex: bool
    quantities: list[Quantity] = field(default_factory=list)
    roles: list[NumberRole] = field(default_factory=list)  # one per quantity: only targets/milestones are values
    hedges: list[str] = field(default_factory=list)
    self_assessment: dict[str, str] = field(default_factory=dict)  # header → cell, for table rows
    row_before: str = ""  # for a table cell, the content cells before it in its row (where a level may stand)

    @property
    def reports_only(self) -> bool:
        """True when the statement's numbers all describe the situation (现状, 差距, a quoted standard):
        it mentions the indicator without committing to it."""
        return bool(self.roles) and not any(r.is_value for r in self.roles)

    @property
    def lead_ins(self) -> list[str]:
        """For each quantity, the text since the previous one: where its level and cue words stand."""
        out, prev = [], 0
        for q in self.quantities:
            out.append(self.text[prev : q.start])
            prev = q.end
        return out


def collect_statements(doc: Document, standard: Standard) -> list[Statement]:
    matcher = matcher_for(standard)
    statements: list[Statement] = []
    sections = section_roles(doc.blocks)
    blocks = doc.blocks
    bi = 0
    while bi < len(blocks):
        block = blocks[bi]
        if block.kind == "table":
            statements += _table_statements(bi, block, matcher)
            bi += 1
            continue
        text, end = block.text, bi + 1
        while end < len(blocks) and _wrapped(text, blocks[end]):
            text += blocks[end].text
            end += 1
        statements += statements_in(_unwrap(text), matcher, bi, None, block.location, block.in_annex,
                                    section=sections[bi])[0]
        bi = end
    return statements


def _wrapped(text: str, nxt: Block) -> bool:
    """True when the paragraph `nxt` continues a sentence that a hard line break cut: the text before
    ends inside a number phrase (…分别达到2000 | 元以上, …教师总数的 | 10%) and `nxt` is no new item."""
    return (
        nxt.kind == "paragraph" and nxt.level is None
        and (bool(_CUT_END.search(text)) or bool(_CUT_START.match(nxt.text)))
        and not _SENTENCE_DONE.search(text)
    )


def _table_statements(bi: int, block: Block, matcher) -> list[Statement]:
    header_row, roles = column_roles(block)
    header = block.rows[header_row] if header_row is not None else []
    content = [ci for ci, role in enumerate(roles) if role == CONTENT]
    headings = {ci: _header_text(header, roles, ci) for ci in content}
    year_row = _year_row(block, header_row)  # 年度目标 over 2023年 | 2024年 | 2025年
    if year_row is not None:
        headings.update({ci: re.sub(r"\s+", "", cell.text) for ci, cell in enumerate(block.rows[year_row])
                         if ci in headings and cell.text.strip()})
    column_role = dict(zip(headings, column_number_roles(list(headings.values()))))
    out = []
    for ri, row in enumerate(block.rows or []):
        if ri in (header_row, year_row):
            continue
        self_assessment = {
            _header_text(header, roles, ci): _unwrap(cell.text)
            for ci, cell in enumerate(row)
            if role_of(roles, ci) == SELF and cell.text.strip()
        }
        # A row labelled in a category column (项目 | 2024年 | 2025年) names its indicator there: its cells of
        # numbers continue it, and a level in the label is theirs.
        label = "".join(_unwrap(c.text) for ci, c in enumerate(row) if role_of(roles, ci) == CATEGORY and not c.spanned)
        carry: list[Mention] = [m for m in matcher.find(label) if m.strength != TOPIC] if label else []
        # a cell of numbers continues the indicator named in the cell before it
        before = label + "\t" if carry else ""  # the row's content so far: 生均教学及辅助用房面积（小学） | 4.5平方米
        row_year = _row_year(row, roles)  # a row of one year's targets under headers naming the indicators
        for ci, cell in enumerate(row):
            if role_of(roles, ci) != CONTENT or cell.spanned or not cell.text.strip():
                continue
            if row_year:
                carry = [Mention(m.indicator, m.strength, -1, -1) for m in matcher.find(headings.get(ci, ""))]
            found, carry = statements_in(_unwrap(cell.text), matcher, bi, ri, cell.location, block.in_annex, carry,
                                         column=row_year or column_role.get(ci))
            for st in found:
                st.self_assessment = self_assessment
                st.row_before = headings.get(ci, "") + "\t" if row_year else before
            out += found
            before += _unwrap(cell.text) + "\t"
    return out


def _row_year(row, roles: list[str]) -> NumberRole | None:
    """MILESTONE of the year a row's first content cell names alone (2024年 | 4.2人 | 93%), else None."""
    first = next((c for ci, c in enumerate(row) if role_of(roles, ci) == CONTENT and c.text.strip()), None)
    heading = re.sub(r"\s+", "", first.text) if first else ""
    return column_number_roles([heading])[0] if is_year_heading(heading) else None


def _year_row(block: Block, header_row: int | None) -> int | None:
    """The row under the header that only names years (a sub-header of a spanning 年度目标 cell)."""
    if header_row is None or header_row + 1 >= len(block.rows or []):
        return None
    texts = [re.sub(r"\s+", "", c.text) for c in block.rows[header_row + 1] if c.text.strip()]
    return header_row + 1 if texts and all(is_year_heading(t) for t in texts) else None


def _unwrap(text: str) -> str:
    """A cell's or paragraph's lines as running text: a line break that does not end a sentence is a
    wrap (…分别达到2000⏎元以上)."""
    return _WRAP.sub("", text)


def _header_text(header, roles: list[str], column: int) -> str:
    """Header of a column, aligned from the right like column_roles does."""
    index = column - (len(roles) - len(header))
    return re.sub(r"\s+", "", header[index].text) if 0 <= index < len(header) else f"第{column + 1}列"


def statements_in(text: str, matcher, block: int, row: int | None, location: Location, in_annex: bool,
                  carry: list[Mention] | None = None, section: str | None = None,
                  column: NumberRole | None = None) -> tuple[list[Statement], list[Mention]]:
    """The statements of one paragraph or cell, and the mention its last numbers belong to (which the
    next cell of a table row may continue). `carry` is that mention from the cell before; `section` what
    the section heading says its numbers are, `column` the role the table column gives its numbers."""
    text = clean(text)
    out = []
    for i, (start, end) in enumerate(_spans(text, _SENTENCE_END)):
        sentence = text[start:end]
        continues = bool(carry) and (i == 0 or bool(_OPENS_WITH_LEVEL.match(sentence)))
        found, carry = _sentence_statements(sentence, text, matcher, block, row, location, in_annex,
                                            carry if continues else [], section, column)
        out += found
    return out, carry or []


def _spans(text: str, separator: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the pieces between separators; a piece keeps its closing separator."""
    spans, start = [], 0
    for m in separator.finditer(text):
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _sentence_statements(sentence: str, context: str, matcher, block, row, location, in_annex,
                         carry: list[Mention], section: str | None,
                         column: NumberRole | None) -> tuple[list[Statement], list[Mention]]:
    clauses = _spans(sentence, _CLAUSE_END)
    mentions_by_clause = matcher.find_each(sentence, clauses)
    if not any(mentions_by_clause) and not carry:
        return [], []
    quantities = parse_quantities(sentence)
    roles = number_roles(sentence, quantities, section, column)
    active: list[list[Mention]] = []  # the mentions each clause's numbers belong to
    previous = [Mention(m.indicator, m.strength, -1, -1) for m in carry]  # carried: before the sentence
    for ci, (s, e) in enumerate(clauses):
        own = [Mention(m.indicator, m.strength, m.start + s, m.end + s) for m in mentions_by_clause[ci]]
        if own and all(m.strength == TOPIC for m in own) and _CONTINUES.match(sentence[s:e]) \
                and _carries_numbers(previous):
            own = []  # "其中骨干教师不低于20%" continues the rule before it; 骨干教师 is its subject here
        if own:
            previous = own
        elif _carries_numbers(previous) and (_continues(sentence[s:e], quantities, s, e)
                                             or _DATE_ONLY.fullmatch(sentence, s, e)):
            previous = previous[-1:]  # 小学达到4.3平方米；到2025年底，分别达到4.5平方米…
        else:
            previous = []
        active.append(previous)
    statements = _group(sentence, context, clauses, active, quantities, roles, block, row, location, in_annex)
    return statements, previous if _carries_numbers(previous) else []


def _carries_numbers(mentions: list[Mention]) -> bool:
    return bool(mentions) and mentions[-1].strength != TOPIC


def _continues(clause: str, quantities: list[Quantity], start: int, end: int) -> bool:
    if _CONTINUES.match(clause) or _BARE_MEASURE.match(clause):
        return True
    first = next((q for q in quantities if start <= q.start < end), None)
    return first is not None and not _OWN_QUANTITY.search(clause[: first.start - start])


def _owner(q: Quantity, mentions: list[Mention]) -> str:
    """The indicator a number belongs to: the nearest mention before it, else the first one."""
    before = [m for m in mentions if m.start <= q.start]
    return (before[-1] if before else mentions[0]).indicator


def _group(sentence, context, clauses, active, quantities, roles, block, row, location,
           in_annex) -> list[Statement]:
    """One statement per indicator per run of consecutive clauses in which it is active."""
    runs: dict[str, list[int]] = {}  # indicator → clause indices of its current run
    statements: list[Statement] = []

    def close(iid: str):
        indices = runs.pop(iid)
        s, e = clauses[indices[0]][0], clauses[indices[-1]][1]
        mentions = [m for i in indices for m in active[i] if m.indicator == iid]
        strength = next((m.strength for m in mentions if m.strength != TOPIC), TOPIC)
        own = [
            i for i, q in enumerate(quantities)
            if s <= q.start < e and _owner(q, active[_clause_of(clauses, q.start)]) == iid
        ]
        text = sentence[s:e]
        own_roles = [roles[i] for i in own]
        statements.append(Statement(
            indicator=iid,
            strength=strength,
            text=text,
            context=context,
            block=block,
            row=row,
            location=location,
            in_annex=in_annex,
            quantities=[quantities[i].shifted(s) for i in own],
            roles=own_roles,
            hedges=_hedges(text, [quantities[i] for i in own], own_roles),
        ))

    for ci, mentions in enumerate(active):
        ids = {m.indicator for m in mentions}
        for iid in [i for i in runs if i not in ids]:
            close(iid)
        for iid in dict.fromkeys(m.indicator for m in mentions):
            runs.setdefault(iid, []).append(ci)
    for iid in list(runs):
        close(iid)
    return statements


def _hedges(text: str, quantities: list[Quantity], roles: list[NumberRole]) -> list[str]:
    """The hedges that weaken what the statement commits to. The parser attaches a hedge to the number
    it qualifies (Quantity.hedge), also from a dating clause before the statement (力争到2025年，…);
    a hedge of a figure of the situation weakens nothing (目前基本达到…)."""
    out, counted = [], set()
    for pos, word in hedge_positions(text):
        after = next((i for i, q in enumerate(quantities) if q.start > pos), None)
        if after is not None and quantities[after].hedge == word:
            counted.add(after)
            if not roles[after].is_value:
                continue
        out.append(word)
    return out + [q.hedge for i, (q, role) in enumerate(zip(quantities, roles))
                  if q.hedge and role.is_value and i not in counted]


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(clauses):
        if s <= pos < e:
            return i
    return len(clauses) - 1
