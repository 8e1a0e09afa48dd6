"""The threshold grammar: numbers in plan text, with unit, comparator, school level and hedge.

parse_quantities() reads one clause or a whole document. It works on fold(text), which keeps every
offset, so spans point into the text as given.

Distribution over school levels: a list of numbers (separated by 、 ， 和 及 与) is matched with the last
enumeration of levels before it in the same clause, else with the levels its sentence named before it
when they are as many as the numbers. Equal lengths pair up in order ("小学、初中分别达到
4.2人以上、5.3人以上"); a single number with several levels yields one Quantity per level with the same
value and span ("小学、初中均达到1人以上", "九年一贯制学校、十二年一贯制学校…不超过2500人"); several
numbers with one level all get that level; any other mismatch leaves the level None.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from duibiao import regex_cache
from duibiao.normalizer.errors import GrammarError
from duibiao.normalizer.hedges import hedge_positions
from duibiao.normalizer.numerals import CHINESE_NUMERAL_CHARS, DIGITS, parse_chinese_number, roman_to_int
from duibiao.normalizer.text import DOC_NUMBER, fold


@dataclass(frozen=True)
class Quantity:
    value: float  # 95 for 95% ; 3 for Ⅲ级
    unit: str | None  # 人 平方米 元 万元 间 % 学时 年 班 级 项 所 个, or None for a bare number such as 0.15
    comparator: str | None  # ">=", ">", "<=", "<", "=", or None when the text gives none
    level: str | None  # 小学, 初中, 九年一贯制, 十二年一贯制, or None (not level-specific)
    hedge: str | None  # 原则上, 力争, 基本, 逐步, 争取 when one qualifies the number (see parse_quantities)
    start: int  # span of the number and its unit in the input text
    end: int
    list_index: int = 0  # place in its list of numbers (分别达到4.2人、5.3人: 0 and 1)
    list_size: int = 1

    def shifted(self, offset: int) -> Quantity:
        """The same number in the part of the text from `offset` on."""
        return replace(self, start=self.start - offset, end=self.end - offset)


_CN = CHINESE_NUMERAL_CHARS
_CN_DIGIT = "".join(DIGITS)
_NUMBER = regex_cache.compile(
    rf"(?P<pct>百分之[ ]*(?:[0-9]+(?:\.[0-9]+)?|[{_CN}]+(?:点[{_CN_DIGIT}]+)?))"
    r"|(?P<arabic>(?<![0-9.])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:万(?!元))?)"  # 1.2万人
    r"|(?P<roman>[Ⅰ-Ⅻⅰ-ⅻ])"
    rf"|(?P<chinese>(?<![0-9])[{_CN}]+(?:点[{_CN_DIGIT}]+)?)"
)
_UNITS = [
    ("平方米|平米|㎡|m²|m2", "平方米"),
    ("万元", "万元"),
    ("元", "元"),
    ("人(?![才民])|名", "人"),
    ("间", "间"),
    ("%", "%"),
    ("学时", "学时"),
    ("年", "年"),
    ("个班级|个班|班级|班", "班"),
    ("级", "级"),
    ("项", "项"),
    ("所(?![有需在属得以])", "所"),
    ("个", "个"),
]
_UNIT = regex_cache.compile("[ ]*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)) + ")")
# A numeral written in Chinese is a value only as a numeric phrase with one of these units (两千人, 九十五%);
# with 年 项 级 个 it names a term (三年巩固率, 七项指标, 三级培养, 两个只增不减).
_CHINESE_UNITS = {"人", "平方米", "元", "万元", "间", "%", "学时", "班", "所"}
_SUFFIX = regex_cache.compile(r"[ ]*(?:(?P<ge>[及或]?以上)|(?P<le>[及或]?以下|以内|之内))")

_EXCLUSIVE = {"低于": "<", "小于": "<", "少于": "<", "高于": ">", "大于": ">", "多于": ">", "超过": ">"}
_NEGATED = {"<": ">=", ">": "<="}
# A bound on what is to be removed states the opposite bound: 消除56人以上大班额 means fewer than 56.
_ELIMINATE = regex_cache.compile(r"消除|化解|杜绝|取消|严禁|禁止|避免|不得(?:出现|有|存在)|不再(?:有|出现|存在)")
_OPPOSITE = {">=": "<", ">": "<=", "<=": ">", "<": ">="}
_BASE = "|".join(_EXCLUSIVE)
_PREFIX = regex_cache.compile(
    r"(?P<le>小于或等于|小于等于|至多|最多|<=|≤)"
    r"|(?P<ge>大于或等于|大于等于|至少|最少|>=|≥|达到或超过|达到或高于|达到)"
    r"|(?P<lt>未达到|达不到|没有达到|不足|不到|<)"
    rf"|(?:不能|不得|不应|不宜|不可|不会|未|不)(?P<neg>{_BASE})"
    rf"|(?P<base>{_BASE})"
    r"|(?P<gt>>)"
    r"|(?P<eq>等于|=)"
    r"|(?P<wei>为)"  # 辍学率为0: only directly before the number
)
_GAP_AFTER_COMPARATOR = 2  # 达到了95%; longer gaps only when they end in 的 (不低于…总数的10%)
_LONG_GAP = 24

SCHOOL_LEVELS = ("十二年一贯制", "九年一贯制", "小学", "初中")  # longest first, for regex alternations
_LEVEL = regex_cache.compile("|".join(SCHOOL_LEVELS).replace("小学", "(?<!中)小学"))
_LEVEL_JOINER = regex_cache.compile(r"(?:学校|部)?[ ]*[、和及与][ ]*")
_LIST_SEPARATOR = regex_cache.compile(r"[ ]*[、，,和及与][ ]*")
# Where a clause ends; statement roles (audit/roles.py) cut clauses the same way.
CLAUSE_BREAK = regex_cache.compile(r"[，；。,;！？!?\n\t]")
_SENTENCE_BREAK = regex_cache.compile(r"[；。;！？!?\n\t]")
_FULL_STOP = regex_cache.compile(r"[。！？!?\n\t]")
_ONLY_A_DATE = regex_cache.compile(r"[ ]*(?:(?:到|在|于|至)?[ ]*[0-9]{4}[ ]*年[ ]*(?:底|末|前|内|年底|年末)*)?[ ]*")

# Spans whose numbers are never values: 文号, titles, short quoted names (“4个100%”, “三名”工程),
# four-character idioms (一校一策), and a few Chinese-numeral terms.
_TITLE = regex_cache.compile(r"《[^《》\n]{0,80}》")
_SHORT_QUOTE = regex_cache.compile(r"[“「‘\"][^“”「」‘’\"\n]{1,12}[”」’\"]")
# 56人以上大班额 / 66人以上超大班额 spell out the definition of a term, not a class-size limit.
_TERM = regex_cache.compile(r"一[^\s一]一[^\s，。；、,;]|[千万]人计划|二元(?:结构|化)"
                   r"|[0-9]+[ ]*人[ ]*(?:及)?以上(?:的)?(?:超)?大班额")
_HAS_COMPARATOR = regex_cache.compile(r"以上|以下|不低于|不超过|不少于|不高于|达到|低于|超过|小于|大于")

_DASH = "-－—–~～至"
_YEAR_RANGE_AFTER = regex_cache.compile(rf"[ ]*[{_DASH}][ ]*[0-9]{{4}}(?![0-9])")
_YEAR_RANGE_BEFORE = regex_cache.compile(rf"(?<![0-9])[0-9]{{4}}[ ]*[{_DASH}][ ]*$")
_YEAR_WORD = regex_cache.compile(r"[ ]*(?:年|届|级)")
_DATE = regex_cache.compile(rf"(?:[ ]*[{_DASH}][ ]*[0-9]{{1,2}})?[ ]*[月日号]")
_DURATION = regex_cache.compile(r"内|的|以内|一周期|为一周期|[ ]*[0-9]+[ ]*学时")  # after N年
_LABEL_END = regex_cache.compile(r"[ ]*[.、)）](?![0-9])")
_CELL_END = regex_cache.compile(r"[ ]*(?:[\n\t]|$)")
_SEGMENT_START = regex_cache.compile(r"[\n\t。；;：:][ ]*$")
_BRACKETED = regex_cache.compile(r"[（(〔\[［][ ]*$")
_BRACKET_CLOSE = regex_cache.compile(r"[ ]*[）)〕\]］]")
_REFERENCE = regex_cache.compile(r"(?:第|附件|附表)[ ]*$")
_LOOKBEHIND = 8  # characters of context the backward checks need


@dataclass
class _Item:
    value: float
    unit: str | None
    start: int
    end: int  # after the unit
    suffix: str | None  # comparator written after the number: 以上 以下 …
    after: int  # after the suffix


def parse_quantities(text: str) -> list[Quantity]:
    """Every number in `text` that can be a threshold value, with what the text says about it.

    A hedge qualifies the numbers after it in its clause up to the next number (in 原则上不超过2000人，九年
    一贯制学校不超过2500人 only 2000 is), and those of the next clauses when its own clause only dates
    them (力争到2025年，…达到95%); in 力争如期完成，社会认可度达到85% it qualifies its own verb.
    """
    folded = fold(text)
    numbers = list(_NUMBER.finditer(folded))
    if not numbers:  # a statement without figures (开齐开足课程): nothing more to read
        return []
    excluded = _excluded_spans(folded)
    items = [item for m in numbers if (item := _read(folded, m, excluded))]
    if not items:
        return []
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(folded)]
    sentence_breaks = [m.start() for m in _SENTENCE_BREAK.finditer(folded)]
    full_stops = [m.start() for m in _FULL_STOP.finditer(folded)]
    hedges = hedge_positions(folded)
    hedge_starts = [pos for pos, _ in hedges]
    quantities: list[Quantity] = []
    previous_end = 0
    for group in _group_lists(folded, items):
        first = group[0].start
        i = bisect.bisect_left(breaks, first) - 1
        clause = breaks[i] + 1 if i >= 0 else 0
        prefix = _prefix_comparator(folded[max(clause, previous_end):first])
        levels = _levels(folded[clause:first])
        if not levels and len(group) > 1:  # 小学达到4.3、初中达到5.5；到2025年，分别达到4.5、5.8
            i = bisect.bisect_left(full_stops, first) - 1
            named = list(dict.fromkeys(m.group() for m in _LEVEL.finditer(folded, full_stops[i] + 1 if i >= 0 else 0, first)))
            levels = named if len(named) == len(group) else []
        i = bisect.bisect_left(sentence_breaks, first) - 1
        scope = max(sentence_breaks[i] + 1 if i >= 0 else 0, previous_end)
        i = bisect.bisect_left(hedge_starts, first) - 1
        hedge = None
        if i >= 0 and hedge_starts[i] >= max(clause, previous_end):
            hedge = hedges[i][1]
        elif i >= 0 and hedge_starts[i] >= scope:
            after = hedge_starts[i] + len(hedges[i][1])
            j = bisect.bisect_left(breaks, after)
            if j < len(breaks) and _ONLY_A_DATE.fullmatch(folded, after, breaks[j]):
                hedge = hedges[i][1]
        found = _distribute(group, prefix, levels, hedge)
        if _ELIMINATE.search(folded[clause:first]):
            found = [replace(q, comparator=_OPPOSITE.get(q.comparator)) for q in found]
        quantities.extend(found)
        previous_end = group[-1].after
    return quantities


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    # A 文号 ends in 号; its pattern tries a run of up to 12 characters at each one of a sentence.
    patterns = (DOC_NUMBER, _TITLE, _TERM) if "号" in text else (_TITLE, _TERM)
    spans = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    spans += [m.span() for m in _SHORT_QUOTE.finditer(text) if not _HAS_COMPARATOR.search(m.group())]
    return spans


def _read(text: str, m: re.Match, excluded: list[tuple[int, int]]) -> _Item | None:
    """The number at `m` with its unit and suffix, or None when it is not a value."""
    start, end, kind, token = m.start(), m.end(), m.lastgroup, m.group()
    if any(a <= start < b for a, b in excluded):
        return None
    # "\n" stands for the start of the text, which is also the start of a segment
    before = ("\n" if start < _LOOKBEHIND else "") + text[max(0, start - _LOOKBEHIND):start]
    if _REFERENCE.search(before):
        return None
    multiplier = 1
    if kind == "chinese" and token.endswith("万") and text.startswith("元", end):
        end, token = end - 1, token[:-1]  # 五十万元: keep the unit 万元
    elif kind == "arabic" and token.endswith("万"):
        token, multiplier = token[:-1], 10_000
    if kind == "pct":
        unit, unit_end = "%", end
    else:
        unit_match = _UNIT.match(text, end)
        unit = _UNITS[int(unit_match.lastgroup[1:])][1] if unit_match else None
        unit_end = unit_match.end() if unit_match else end
    if kind == "arabic" and not _arabic_is_value(text, token, end, unit_end, before, unit):
        return None
    end = unit_end
    if kind == "roman" and unit != "级":
        return None
    if kind == "chinese" and (unit not in _CHINESE_UNITS or (token in ("一", "百") and before.endswith("每"))):
        return None
    try:
        value = multiplier * (float(roman_to_int(token)) if kind == "roman" else parse_chinese_number(token))
    except GrammarError:
        return None
    suffix = _SUFFIX.match(text, end)
    if suffix:
        return _Item(value, unit, start, end, ">=" if suffix.lastgroup == "ge" else "<=", suffix.end())
    if unit == "年" and text.startswith("内", end):
        return _Item(value, unit, start, end, "<=", end + 1)
    return _Item(value, unit, start, end, None, end)


def _arabic_is_value(text: str, token: str, end: int, unit_end: int, before: str, unit: str | None) -> bool:
    """False for labels (1. 1.1 （1）, a 序号 cell), years and dates, and digits glued to Latin letters.

    `end` is where the digits end, `unit_end` where the unit after them ends (== end without a unit).
    """
    nxt = text[end:end + 1]
    if before[-1].isascii() and before[-1].isalpha():
        return False
    if _BRACKETED.search(before) and _BRACKET_CLOSE.match(text, end):
        return False
    if _SEGMENT_START.search(before) and (
        _LABEL_END.match(text, end)
        or (unit is None and not _SUFFIX.match(text, end)
            and ("\u4e00" <= nxt <= "\u9fff" or (token.isdigit() and _CELL_END.match(text, end))))
    ):
        return False
    if len(token) == 4 and token.isdigit() and (
        _YEAR_WORD.match(text, end) or _YEAR_RANGE_AFTER.match(text, end) or _YEAR_RANGE_BEFORE.search(before)
    ):
        return False
    if _DATE.match(text, end):
        return False
    if unit == "年":
        return float(token.replace(",", "")) < 100 and bool(_DURATION.match(text, unit_end))
    return unit is not None or not (nxt.isascii() and nxt.isalpha())


def _group_lists(text: str, items: list[_Item]) -> list[list[_Item]]:
    """Numbers joined only by 、 ， 和 … form one list: 4.2人以上、5.3人以上 ; 45人，50人 ; 0.50和0.45."""
    groups: list[list[_Item]] = []
    for item in items:
        if groups and _LIST_SEPARATOR.fullmatch(text, groups[-1][-1].after, item.start):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _prefix_comparator(window: str) -> str | None:
    """The comparator written before a number; `window` runs from the clause start to the number."""
    match = None
    for match in _PREFIX.finditer(window):
        pass
    if match is None:
        return None
    gap = window[match.end():].strip()
    kind = match.lastgroup
    if kind == "wei":
        return "=" if not gap else None
    if len(gap) > _GAP_AFTER_COMPARATOR and not (gap.endswith("的") and len(gap) <= _LONG_GAP):
        return None
    if kind == "neg":
        return _NEGATED[_EXCLUSIVE[match.group(kind)]]
    if kind == "base":
        return _EXCLUSIVE[match.group(kind)]
    return {"le": "<=", "ge": ">=", "lt": "<", "gt": ">", "eq": "="}[kind]


def _levels(scope: str) -> list[str]:
    """The last enumeration of school levels in `scope`: 小学、初中 ; 九年一贯制学校、十二年一贯制学校 ; 初中."""
    group: list[str] = []
    last_end = -1
    for m in _LEVEL.finditer(scope):
        if not (group and _LEVEL_JOINER.fullmatch(scope, last_end, m.start())):
            group = []
        if m.group() not in group:
            group.append(m.group())
        last_end = m.end()
    return group


def _distribute(group: list[_Item], prefix: str | None, levels: list[str], hedge: str | None) -> list[Quantity]:
    units = [item.unit for item in group]
    for i in range(len(units) - 2, -1, -1):  # 分别达到2000、2500元以上: the last unit serves all
        units[i] = units[i] or units[i + 1]
    if len(levels) == len(group):
        pairs = list(enumerate(levels))
    elif len(group) == 1:
        pairs = [(0, level) for level in levels or [None]]
    else:
        pairs = [(i, levels[0] if len(levels) == 1 else None) for i in range(len(group))]
    return [
        Quantity(group[i].value, units[i], _comparator(group[i].suffix, prefix, group[-1].suffix), level, hedge,
                 group[i].start, group[i].end, i, len(group))
        for i, level in pairs
    ]


def _comparator(own: str | None, prefix: str | None, shared: str | None) -> str | None:
    """The number's own suffix, else the comparator before the list, else the suffix after the list's end.

    为 ("=") yields to a suffix at the end: 分别为4.5平方米、5.8平方米以上 means ≥ for both.
    """
    if own:
        return own
    if prefix == "=" and shared:
        return shared
    return prefix or shared
