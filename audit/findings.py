"""Findings: what a reviewer must act on, with severity, message, quote and location.

missing and looser are errors (a veto item the plan does not restate is a warning: it is a condition
under which a county is not recognised, not a requirement); incomplete, weakened, altered, inconsistent
and "no responsible unit" are warnings; stricter and a department the indicator needs but the plan does not name are info.
"""
from __future__ import annotations

from dataclasses import dataclass

from duibiao.audit.verdicts import (
    ALTERED, INCOMPLETE, INCONSISTENT, LOOSER, MISSING, STRICTER, WEAKENED, Verdict,
)
from duibiao.catalog import COMPARATOR_SIGNS
from duibiao.extractors.model import Location

ERROR, WARNING, INFO = "error", "warning", "info"
VETO = "V"  # the category of veto items (否决情形)
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
SEVERITY_NAMES = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
KIND_NAMES = {
    MISSING: "缺失",
    LOOSER: "低于标准",
    STRICTER: "高于标准",
    INCOMPLETE: "不完整",
    WEAKENED: "弱化",
    ALTERED: "改变口径",
    INCONSISTENT: "前后不一致",
    "no_unit": "无责任单位",
    "department": "缺少相关部门",
    "blank_slot": "责任单位空缺",
    "not_a_plan": "非实施方案",
}


@dataclass
class Finding:
    indicator: str | None
    severity: str
    kind: str
    message: str
    quote: str = ""
    location: Location | None = None
    in_annex: bool = False
    ocr_confidence: float | None = None  # set when the quoted number was read by OCR with low confidence

    @property
    def where(self) -> str:
        """The location in words (第12段, 第3页 表1 第4行 第2列); empty when there is none."""
        return self.location.describe() if self.location else ""

    def to_dict(self) -> dict:
        return {
            "indicator": self.indicator,
            "severity": self.severity,
            "kind": self.kind,
            "message": self.message,
            "quote": self.quote,
            "location": self.location.to_dict() if self.location else None,
            "where": self.where,
            "in_annex": self.in_annex,
            **({"ocr_confidence": round(self.ocr_confidence, 3)} if self.ocr_confidence is not None else {}),
        }


def verdict_findings(v: Verdict, units: list[str], missing_departments: list[list[str]]) -> list[Finding]:
    ind = v.indicator
    if v.status == MISSING:
        if ind.category == VETO:  # a condition the county must not meet, not a requirement it must state
            return [Finding(ind.id, WARNING, MISSING, f"方案未重申该否决情形。{standard_text(ind)}")]
        return [Finding(ind.id, ERROR, MISSING, f"方案未提及该指标。{standard_text(ind)}")]
    first = next((st for st in v.statements if st.strength != "topic"), v.statements[0])
    out = []

    def add(severity, kind, message, statement=first):
        out.append(Finding(ind.id, severity, kind, message, statement.text, statement.location, statement.in_annex))

    for s in v.stated:
        if s.verdict == LOOSER:
            add(ERROR, LOOSER, f"{_stated(s)}，低于国家标准{s.slot.describe()}", s.statement)
    if INCONSISTENT in v.flags:
        for slot, values in v.inconsistent_slots().items():
            numbers = "、".join(f"{x:g}" for x in values)
            add(WARNING, INCONSISTENT, f"方案多处表述的数值不一致：{numbers}（对应国家标准{slot.describe()}）")
    for note in v.alterations:
        add(WARNING, ALTERED, note, _first_matching(v, lambda st: any(r.fires(st.text) for r in ind.altered)))
    if WEAKENED in v.flags:
        hedged = _first_matching(v, lambda st: bool(st.hedges))
        add(WARNING, WEAKENED, f"以“{'、'.join(dict.fromkeys(hedged.hedges))}”弱化了硬性要求", hedged)  # each word once
    if INCOMPLETE in v.flags:
        add(WARNING, INCOMPLETE, _incomplete_message(v))
    if STRICTER in v.flags:
        strict = [s for s in v.stated if s.verdict == STRICTER]
        if strict:
            add(INFO, STRICTER, f"{_stated(strict[0])}，高于国家标准{strict[0].slot.describe()}", strict[0].statement)
        for note in v.stricter_notes:
            add(INFO, STRICTER, note)
    if not units:
        add(WARNING, "no_unit", "该指标未明确牵头单位或责任单位")
    for alternatives in missing_departments:  # about the plan's assignments, not about one sentence
        out.append(Finding(ind.id, INFO, "department", f"落实该指标通常需要{'或'.join(alternatives)}，方案未将其列为责任单位"))
    return out


def _stated(s) -> str:
    """方案小学要求为≤4.5平方米: the comparator as the plan wrote it (none when it wrote none)."""
    level = s.slot.level or ""
    sign = COMPARATOR_SIGNS.get(s.comparator, "")
    return f"方案{level}要求为{sign}{s.value:g}{s.slot.unit or ''}"


def _first_matching(v: Verdict, predicate):
    return next((st for st in v.statements if predicate(st)), v.statements[0])


def _incomplete_message(v: Verdict) -> str:
    parts = []
    if v.missing_slots:
        parts.append("缺少国家标准的数值要求（" + "；".join(s.describe() for s in v.missing_slots) + "）")
    if v.missing_requirements:
        parts.append("缺少“" + "”“".join(v.missing_requirements) + "”")
    if not parts:
        parts.append("只提及该指标的主题，没有作出明确承诺")
    return "表述不完整：" + "，".join(parts) + f"。{standard_text(v.indicator)}"


def standard_text(ind) -> str:
    """The standard's rule in words: 国家标准：… for a requirement, 否决情形：存在…的，不予认定 for a veto item."""
    if ind.category == VETO:
        return f"否决情形：{ind.wording}{'' if ind.wording.endswith('情况') else '的'}，不予认定"
    return f"国家标准：{ind.wording}"


def sort_findings(findings: list[Finding], order: dict[str, int]) -> list[Finding]:
    """Errors first, then by the standard's order of indicators."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], order.get(f.indicator, -1)))
