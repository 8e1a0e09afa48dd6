"""What each number of a statement is: the plan's commitment, or something it only reports.

Only targets and milestones are values of an indicator (docs/audit-format.md, 数值的认定规则). A
number's role comes from, in order: the column of the table it stands in (现状, 差距, 国家标准, 2024年 …),
the words of its own clause (仅为, 尚有, 目前, 缺口, 低于国家标准 …), and the section it sits under
(存在问题 / 基本情况 vs 工作目标 / 主要任务). A year the clause sets (到2024年, 2024年底前) makes a
commitment a milestone of that year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from duibiao import regex_cache
from duibiao.extractors.model import Block
from duibiao.extractors.tables import YEAR_HEADING
from duibiao.normalizer.thresholds import CLAUSE_BREAK, Quantity

TARGET, MILESTONE, CURRENT, GAP, QUOTE = "target", "milestone", "current", "gap", "quote"
VALUE_ROLES = (TARGET, MILESTONE)

# Words that report the situation. 已 only as a verb prefix of reaching/having (已达, 已有, 已建成).
_CURRENT = (r"(?<!不)仅|只有|尚有|仍有|还有|尚存|仍存在|目前|当前|现有|现状|现为|截至|截止|已达|已有|"
            r"已建|已经|实际|平均为|全县共有|共有|统计|摸底|调查显示|最低(?:的)?(?:仅|只)?为?|最高(?:的)?为?")
_GAP = r"差距|缺口|尚差|还差|相差|仍差|尚缺|缺少|短缺|需新增|需增加|需补充|超出|超过标准"
# A commitment word between a situation word and the number wins: 由目前的4.1平方米提高到4.5平方米以上.
_COMMIT = (r"确保|力争|争取|提高到|提升到|增加到|提高至|提升至|控制在|降至|降低到|计划|目标|要求|必须|实现|"
           r"逐步|原则上|应当|将")
# Words of a bound say the number is one, but not whose: 目前基本达到80% reports, 确保达到85%以上 commits.
_BOUND = r"达到|不低于|不少于|不高于|不超过|不大于|不小于"
_WEAK = "bound"
_CUE = regex_cache.compile(rf"(?P<current>{_CURRENT})|(?P<gap>{_GAP})|(?P<target>{_COMMIT})|(?P<bound>{_BOUND})")
# The national or provincial number cited in a problem statement: 低于国家标准7.5平方米, 国家标准为7.5平方米.
_QUOTE_BEFORE = regex_cache.compile(
    r"(?:国家|省定|省级|省|国定|上级|规定)(?:的)?(?:标准|要求|规定)(?:值|线)?(?:的|为|是|要求的?|[：:（(])?"
    r"(?:[ ]*(?:小学|初中|[、，,])[ ]*)*[ ]*$"
)
_PROBLEM = regex_cache.compile(r"(?<![不得])低于|不足|未达|达不到|不达标|差距|缺口|仅|尚|仍|目前|现有|超出|超过标准|短板")
# The county's own figure set beside a quoted standard.
_OWN_SIDE = regex_cache.compile(r"我县|本县|我区|本区|我市|本市|我旗|本旗|县定|区定")
# A sentence that measures the county against the standard reports its situation: 小学4.1平方米，低于国家标准…
_SHORT_OF_STANDARD = regex_cache.compile(r"(?:(?<![不得])低于|未达到|未达|达不到|不足|不达)(?:国家|省定|省级|省|规定)(?:的)?(?:标准|要求)"
                                r"|不达标|未达标|尚未达标|(?:对照|比照|对比)(?:国家|省定|省级|省)?(?:的)?标准")
# A change the clause commits to: the number before it is where the county starts from; a number right
# after the verb without 到 is the size of the change (较2022年提高0.5间).
_CHANGE = r"提高|提升|增加|增长|扩大|降低|减少|下降|压缩"
_CHANGED_TO = regex_cache.compile(rf"(?:{_CHANGE})(?:到|至)|降至")
_CHANGED_BY = regex_cache.compile(rf"(?:{_CHANGE})了?[ ]*(?:分别)?[ ]*(?:[0-9.]+[^0-9、，,；;。]{{0,4}}[、和及与][ ]*)*$")
# A number that qualifies a noun describes which schools or classes are meant, not a bound on them.
_DEFINES_GROUP = regex_cache.compile(r"[ ]*(?:以上|以下|以内)?[ ]*的[ ]*(?:学校|班级|班额|大班额|校|班|乡镇|学生)")
# In a situation section only an explicit commitment makes a number the plan's own.
_COMMITS = regex_cache.compile(r"到20[0-9]{2}年|确保|力争|争取|计划|目标|必须|将")
_OPEN_BRACKET = regex_cache.compile(r"[（(]")
_SENTENCE_BREAK = regex_cache.compile(r"[。；;！？!?\n]")

# The year a commitment is dated: 到2024年, 2024年底前, 2025年达到.
_YEAR = regex_cache.compile(r"(?P<year>20[0-9]{2})[ ]*年")
# Words that date a clause to the present: the bound the next clause reports has been reached.
_NOW = regex_cache.compile(r"截至|截止|目前|当前|现阶段")
_REPORT_DATE = regex_cache.compile(r"(?:截至|截止)(?:到)?[ ]*$")
_YEAR_JOINER = regex_cache.compile(r"(?:底|末)?[ ]*[、和及与,，][ ]*")

# Section headings: the situation (numbers are the county's state) or the commitment (numbers are targets).
_SITUATION_HEADING = regex_cache.compile(r"存在(?:的)?问题|主要问题|问题(?:与|和|及)不足|困难(?:和|与)问题|基本情况|基本现状|"
                                r"发展现状|现状(?:分析)?|工作基础|面临(?:的)?形势|问题清单|差距分析")
# A task title names what is to be done (补齐短板, 改善薄弱环节): its numbers are commitments.
_COMMITMENT_HEADING = regex_cache.compile(r"目标|任务|措施|举措|路径|要求|方向|步骤|安排|重点|工作|整改(?!前)|"
                                 r"补齐|提升|提高|改善|加强|推进|完善|实施|建设|落实|健全|解决|消除|化解")
_HEADING_TITLE = regex_cache.compile(r"[^。！？!?]{0,40}")


@dataclass(frozen=True)
class NumberRole:
    role: str
    year: int | None = None

    @property
    def is_value(self) -> bool:
        return self.role in VALUE_ROLES


def section_roles(blocks: list[Block]) -> list[str | None]:
    """For each block, CURRENT when the nearest section heading above it that says what its section holds
    describes the situation (存在问题, 基本情况 …); None otherwise. A heading naming both (存在问题及整改措施)
    says nothing."""
    out: list[str | None] = []
    open_items: list[tuple[int, str | None]] = []  # (outline level, what the heading says), levels increasing
    for b in blocks:
        if b.level is not None:
            while open_items and open_items[-1][0] >= b.level:
                open_items.pop()
            open_items.append((b.level, _heading_role(b.text)))  # 二、存在问题。全县… states its own section
        out.append(next((role for _, role in reversed(open_items) if role != ""), None))
    return out


def _heading_role(text: str) -> str | None:
    """CURRENT for a situation heading, None for a commitment heading, "" for one that says neither."""
    title = _HEADING_TITLE.match(text.strip()).group()
    situation, commitment = _SITUATION_HEADING.search(title), _COMMITMENT_HEADING.search(title)
    if situation and not commitment:
        return CURRENT
    return None if commitment else ""


# Column headings (the headers' text without spaces) that say what the column's numbers are.
_COLUMN_ROLES = [
    (GAP, regex_cache.compile(r"差距|缺口|差额|需新增|需增加|需补充")),
    (CURRENT, regex_cache.compile(r"现状|现有|基数|基础值|实际|目前|当前|完成值|达成值|实现值|已完成")),
    (QUOTE, regex_cache.compile(r"^(?:国家|省定|省级|省|国定|评估|达标)?(?:标准|规定)|^(?:国家|省定|省级|省)要求")),
]
_TARGET_COLUMN = regex_cache.compile(r"目标|我县|本县|我区|本区|县定|区定|规划|计划|[0-9]{4}年")


def column_number_roles(headings: list[str]) -> list[NumberRole | None]:
    """For each content column of a table, the role its numbers take (None: read from the text). A
    国家标准/省定标准 column is a quotation only beside a column of the county's own targets."""
    has_target = any(_TARGET_COLUMN.search(h) and _plain_role(h) is None for h in headings)
    out: list[NumberRole | None] = []
    for h in headings:
        role = _plain_role(h)
        year = YEAR_HEADING.match(h)
        if role == QUOTE and not has_target:
            role = None
        out.append(NumberRole(role) if role else NumberRole(MILESTONE, int(year.group(1))) if year else None)
    return out


def is_year_heading(heading: str) -> bool:
    """2024年, 到2025年底, 2025年目标: a column of one year's targets."""
    return bool(YEAR_HEADING.match(heading))


def _plain_role(heading: str) -> str | None:
    return next((role for role, pattern in _COLUMN_ROLES if pattern.search(heading)), None)


def number_roles(sentence: str, quantities: list[Quantity], section: str | None = None,
                 column: NumberRole | None = None) -> list[NumberRole]:
    """The role of each quantity of `sentence` (offsets into it)."""
    if column:
        return [column] * len(quantities)
    starts = sorted({q.start for q in quantities})
    return [_role(sentence, q, section, next((s for s in starts if s >= q.end), len(sentence))) for q in quantities]


def _role(sentence: str, q: Quantity, section: str | None, next_number: int) -> NumberRole:
    """`next_number` is where the next number of the sentence starts: words after it are its own
    (小学不低于7.5㎡（现状6.9㎡）)."""
    clause_start = _last_break(CLAUSE_BREAK, sentence, q.start)
    bracket = _OPEN_BRACKET.search(sentence, q.end)
    clause_end = min(_next_break(sentence, q.end), next_number, bracket.start() if bracket else len(sentence))
    before = sentence[clause_start:q.start]
    sentence_start = _last_break(_SENTENCE_BREAK, sentence, q.start)
    own_sentence = _sentence_of(sentence, q)
    if _QUOTE_BEFORE.search(before) and (
        _PROBLEM.search(own_sentence) or _OWN_SIDE.search(own_sentence, q.end - sentence_start)
    ):
        return NumberRole(QUOTE)  # 低于国家标准7.5平方米 ; 国家标准为7.5平方米，我县目标为8平方米
    cue = _nearest_cue(before)
    after = _first_cue(sentence[q.end:clause_end])  # 达到4.5平方米以上的学校仅有12所
    if cue in (GAP, CURRENT):
        return NumberRole(cue)
    if _CHANGED_BY.search(before):
        return NumberRole(GAP)
    if after:
        return NumberRole(after)
    if _CHANGED_TO.search(sentence, q.end, clause_end):  # 由2020年的6.2平方米增加到7.6平方米
        return NumberRole(CURRENT)
    if _DEFINES_GROUP.match(sentence, q.end):  # 规模超过2000人的学校有3所: the number sorts schools
        return NumberRole(CURRENT)
    if section == CURRENT and not _COMMITS.search(sentence, clause_start, clause_end):
        return NumberRole(CURRENT)
    if cue is None and _SHORT_OF_STANDARD.search(own_sentence):
        return NumberRole(CURRENT)
    unbounded = q.comparator in (None, "=")  # 为 states a figure, it sets no bound
    if cue is None and unbounded:  # 全县现有学校45所，…，生均面积小学4.1平方米
        if _nearest_cue(sentence[sentence_start:clause_start]) in (CURRENT, GAP):
            return NumberRole(CURRENT)
    if cue == _WEAK and not _COMMITS.search(sentence, clause_start, clause_end):
        previous_start = max(sentence_start, _last_break(CLAUSE_BREAK, sentence, max(0, clause_start - 1)))
        previous_clause = sentence[previous_start:clause_start]
        if _NOW.search(previous_clause):  # 截至2023年6月，全县残疾儿童少年入学率达到96.3%
            return NumberRole(CURRENT)
    year = _year(sentence, q)
    if year and cue is None and q.comparator == "=":  # 2022年，全县初中三年巩固率为93.5%
        return NumberRole(CURRENT)
    return NumberRole(MILESTONE, year) if year else NumberRole(TARGET)


def changes_to(text: str) -> bool:
    """True when `text` moves a figure to a new one: 提高到, 增加至, 降至."""
    return bool(_CHANGED_TO.search(text))


def _nearest_cue(text: str) -> str | None:
    """The kind of the last cue in `text`; a bound word yields to a situation or commitment word before
    it, and counts only where there is none."""
    kinds = [m.lastgroup for m in _CUE.finditer(text)]
    return next((k for k in reversed(kinds) if k != _WEAK), kinds[-1] if kinds else None)


def _first_cue(text: str) -> str | None:
    """A situation word after the number in its clause (56人以上大班额仍有47个); commitment words there
    (以上) describe the number itself and say nothing."""
    m = next((m for m in _CUE.finditer(text) if m.lastgroup in (CURRENT, GAP)), None)
    return m.lastgroup if m else None


def _year(sentence: str, q: Quantity) -> int | None:
    """The year the number's sentence commits it to: the nearest year before it (a committed number
    stands after its date: 到2025年达到…, 2024年达到…). A list of years pairs in order with a list of
    numbers of the same length (2023年、2024年、2025年分别达到93%、94%、95%)."""
    start = _last_break(_SENTENCE_BREAK, sentence, q.start)
    years: list[int] = []
    last_end = -1
    for m in _YEAR.finditer(sentence, start, q.start):
        if _REPORT_DATE.search(sentence, max(start, m.start() - 3), m.start()):
            continue  # 截至2023年6月 dates a report
        if not (years and _YEAR_JOINER.fullmatch(sentence, last_end, m.start())):
            years = []
        years.append(int(m.group("year")))
        last_end = m.end()
    if not years:
        return None
    return years[q.list_index] if len(years) == q.list_size > 1 else years[-1]


def _sentence_of(text: str, q: Quantity) -> str:
    start = _last_break(_SENTENCE_BREAK, text, q.start)
    m = _SENTENCE_BREAK.search(text, q.end)
    return text[start:m.start() if m else len(text)]


def _last_break(pattern: re.Pattern, text: str, pos: int) -> int:
    start = 0
    for m in pattern.finditer(text, 0, pos):
        start = m.end()
    return start


def _next_break(text: str, pos: int) -> int:
    m = CLAUSE_BREAK.search(text, pos)
    return m.start() if m else len(text)
