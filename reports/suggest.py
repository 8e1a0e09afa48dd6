"""Concrete revisions for findings: the wording a plan should use and the units it should name.

Shared by the reviewer's 审核意见 (reports/opinion.py) and the drafters' Word comments.

    from duibiao.reports.suggest import suggest
    for f in audit.findings:
        s = suggest(audit, f)        # None where there is nothing to revise (stricter, not a plan)
        s.wording                    # "小学、初中班额分别不超过45人、50人" ("" when only units are missing)
        s.units                      # ("县教育局", "县财政局"): lead first
        s.text                       # "建议改为：“…”。明确县教育局为牵头单位，县财政局为配合单位。"

The wording keeps the plan's own sentence where it has one: numbers below the standard are replaced by
the standard's, hedges (原则上, 力争 …) are dropped, missing school levels and sub-requirements are
appended. Where the plan has no usable sentence (indicator missing, mere mention, changed quantity) the
standard's own wording is used, with 全县/县域 as the plan's region says (全区, 全市).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from duibiao import regex_cache
from duibiao.audit.findings import VETO, Finding
from duibiao.audit.result import AuditResult, IndicatorResult
from duibiao.audit.statements import Statement
from duibiao.audit.verdicts import ALTERED, INCOMPLETE, INCONSISTENT, LOOSER, MISSING, WEAKENED
from duibiao.catalog import Indicator, Slot
from duibiao.normalizer.hedges import hedge_positions
from duibiao.responsibility import unit_key
from duibiao.responsibility.units import missing_departments, required_departments

_NO_UNIT, _BLANK_SLOT, _DEPARTMENT = "no_unit", "blank_slot", "department"
# Kinds for which a revision is proposed (stricter and not_a_plan need none).
REVISED_KINDS = (MISSING, LOOSER, INCONSISTENT, ALTERED, WEAKENED, INCOMPLETE, _NO_UNIT, _BLANK_SLOT, _DEPARTMENT)
_EDUCATION = "教育"
_COMPARATOR_WORDS = {">=": "不低于", ">": "高于", "<=": "不超过", "<": "低于", "=": "为"}
_UNIT_ENDINGS = ("办", "局", "委", "部")  # an alias key that already reads as a unit (编办)
_TRAILING = "。；;，,、 "
# The item's own number (1. / （三） / 二、 / 任务5：) is not part of the wording to use.
_LIST_LABEL = regex_cache.compile(r"^\s*(?:\d+[.．、)）](?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|任务\d+[：:])\s*")
_VETO_VERB = regex_cache.compile(r"^(?:存在|有)|(?<=[^\s])存在")


@dataclass(frozen=True)
class Suggestion:
    indicator: str | None
    kind: str
    wording: str  # the text the plan should use; "" when the suggestion is only about units
    units: tuple[str, ...] = ()  # the units the plan should name, lead first
    replaces: str = ""  # the plan's sentence the wording replaces ("" when it is added)

    @property
    def text(self) -> str:
        """The revision in one Chinese sentence or two, for an opinion or a comment."""
        parts = []
        if self.wording:
            verb = "建议全文统一表述为" if self.kind == INCONSISTENT else "建议改为" if self.replaces else "建议补充"
            parts.append(f"{verb}：“{self.wording}”。")
        if self.units and self.kind == _DEPARTMENT:
            parts.append(f"建议将{'、'.join(self.units)}列为该项任务的配合单位。")
        elif self.units:
            lead, *support = self.units
            unit_text = f"明确{lead}为牵头单位" + (f"，{'、'.join(support)}为配合单位" if support else "")
            parts.append(("并" if parts else "建议") + unit_text + "。")
        elif self.kind == _BLANK_SLOT:
            parts.append("建议补齐该任务的责任单位。")
        return "".join(parts)


def suggest(audit: AuditResult, finding: Finding) -> Suggestion | None:
    """The revision for one finding of `audit`, or None for kinds that need none."""
    if finding.kind not in REVISED_KINDS:
        return None
    if finding.indicator is None:  # a task whose unit slot is blank
        return Suggestion(None, finding.kind, "", _units_for(audit, None))
    result = audit.by_id(finding.indicator)
    ind = result.verdict.indicator
    region = audit.document.metadata.region or ""
    if finding.kind == _NO_UNIT:
        return Suggestion(ind.id, finding.kind, "", _units_for(audit, ind.id))
    if finding.kind == _DEPARTMENT:
        needed = missing_departments(ind.id, result.units)
        named = [alts for alts in needed if "或".join(alts) in finding.message] or needed
        return Suggestion(ind.id, finding.kind, "", _names(audit, named))
    if finding.kind == MISSING:
        return Suggestion(ind.id, finding.kind, standard_wording(ind, region))
    statement = _statement_of(result, finding)
    if finding.kind == INCONSISTENT:
        statement = _model_statement(result) or statement
    return Suggestion(ind.id, finding.kind, revised_wording(result, statement, region), replaces=statement.text)


def standard_wording(ind: Indicator, region: str = "") -> str:
    """The standard's wording as a plan should state it: a veto condition as something the county
    rules out (存在以考试方式招生 → 杜绝以考试方式招生), 全县/县域 as the region says."""
    text = ind.wording
    if ind.category == VETO:
        text = "杜绝" + _VETO_VERB.sub("", text, count=1) + "，确保不出现《办法》规定的否决情形"
    return _localised(text, region)


def revised_wording(result: IndicatorResult, statement: Statement, region: str = "") -> str:
    """The plan's sentence brought up to the standard, or the standard's wording where the sentence
    cannot carry it (a mere mention, a changed quantity, nothing of the standard's numbers stated)."""
    v = result.verdict
    ind = v.indicator
    unnamed_gap = any(s.level is None for s in v.missing_slots)  # "不低于20%" would not say of what
    if ALTERED in v.flags or statement.strength == "topic" or (ind.slots and not v.stated) or unnamed_gap:
        return standard_wording(ind, region)
    text = _raised_numbers(result, statement)
    text = _LIST_LABEL.sub("", _without_hedges(text)).rstrip(_TRAILING)
    additions = []
    if v.missing_slots:
        additions.append("；".join(_slot_phrase(s) for s in v.missing_slots))
    if v.missing_requirements:
        verb = "并杜绝" if ind.category == VETO else "并确保"
        additions.append(verb + "、".join(v.missing_requirements))
    return "，".join([text, *additions])


def _statement_of(result: IndicatorResult, finding: Finding) -> Statement:
    statements = result.verdict.statements
    return next(
        (st for st in statements if st.text == finding.quote and st.location == finding.location),
        next((st for st in statements if st.text == finding.quote), statements[0]),
    )


def _model_statement(result: IndicatorResult) -> Statement | None:
    """Of the statements giving the disagreeing numbers, the one to keep: none of its numbers below
    the standard, as many of the standard's numbers as possible."""
    v = result.verdict
    conflicting = v.inconsistent_slots()
    candidates = [s.statement for s in v.stated if s.slot in conflicting]
    good = [st for st in candidates
            if not any(s.statement is st and s.verdict == LOOSER for s in v.stated)]
    return max(good, key=lambda st: len(st.quantities), default=None)


def _raised_numbers(result: IndicatorResult, statement: Statement) -> str:
    """The statement with every number below the standard replaced by the standard's number and unit."""
    v = result.verdict
    replacements = []
    for q in statement.quantities:
        stated = next((s for s in v.stated if s.statement is statement and s.value == q.value), None)
        if stated and stated.verdict == LOOSER:
            slot = stated.slot
            replacements.append((q.start, q.end, f"{slot.value:g}{slot.unit or q.unit or ''}"))
    text = statement.text
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _without_hedges(text: str) -> str:
    for pos, word in reversed(hedge_positions(text)):
        text = text[:pos] + text[pos + len(word):]
    return text


def _slot_phrase(slot: Slot) -> str:
    return f"{slot.level or ''}{_COMPARATOR_WORDS[slot.comparator]}{slot.value:g}{slot.unit or ''}"


def _localised(text: str, region: str) -> str:
    """全县 / 县域 as the region's own level says (a district plan says 全区); 县级 is left alone, it
    names the county level whatever the region is called."""
    suffix = region[-1:] if region[-1:] in ("区", "市", "旗") else ""
    return text.replace("全县", f"全{suffix}").replace("县域", f"{suffix}域") if suffix else text


def _units_for(audit: AuditResult, indicator_id: str | None) -> tuple[str, ...]:
    """The education bureau as lead, and the departments the indicator needs as support, each as the
    plan spells it elsewhere."""
    needs = required_departments().get(indicator_id, {}).get("needs", []) if indicator_id else []
    return _names(audit, [[_EDUCATION]] + [alts for alts in needs if _EDUCATION not in alts])


def _names(audit: AuditResult, needed: list[list[str]]) -> tuple[str, ...]:
    """One name per entry of alternative alias keys: the plan's most frequent spelling of one of
    them, else the key as a department name (财政 → 财政部门)."""
    spellings = Counter(u for r in audit.indicators for u in r.units)
    out = []
    for alternatives in needed:
        mine = [(n, u) for u, n in spellings.items() if unit_key(u) in alternatives]
        if mine:
            out.append(max(mine)[1])
        else:
            key = alternatives[0]
            out.append(key if key.endswith(_UNIT_ENDINGS) else f"{key}部门")
    return tuple(dict.fromkeys(out))
