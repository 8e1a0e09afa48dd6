"""Compare what a plan states for one indicator with the standard: status, flags, values, thresholds.

The flags describe the plan as a whole (docs/audit-format.md): `incomplete` only when all statements together still
leave out a threshold or a sub-requirement; looser/stricter/altered/weakened when any statement is so;
`inconsistent` when one of the standard's numbers is given two different values for the same year.

Only the plan's commitments are values (audit.roles). A yearly milestone before the final target is a
value but is judged neither looser nor inconsistent with the final target; the final target and undated
statements decide. A stated number is compared with the standard by its comparator and its value: a
ceiling where the standard sets a floor is looser, an inclusive bound where the standard's is strict is
looser, a strict bound where it is inclusive is stricter.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from duibiao import regex_cache
from duibiao.audit.dimensions import fits
from duibiao.audit.roles import MILESTONE, TARGET, NumberRole, changes_to
from duibiao.audit.statements import Statement
from duibiao.catalog import Indicator, Slot
from duibiao.normalizer.matcher import TOPIC
from duibiao.normalizer.thresholds import SCHOOL_LEVELS, Quantity

PRESENT, MISSING = "present", "missing"
LOOSER, STRICTER, INCOMPLETE, WEAKENED, ALTERED, INCONSISTENT = (
    "looser", "stricter", "incomplete", "weakened", "altered", "inconsistent",
)
FLAG_ORDER = [LOOSER, INCONSISTENT, ALTERED, WEAKENED, INCOMPLETE, STRICTER]
EXACT = "exact"  # the verdict word of a present indicator with no flag (not a flag itself)
EQUAL = "equal"  # a stated number as demanding as the standard's
EARLIER = "milestone"  # a yearly milestone before the final target: not judged against the standard

_FLOORS, _CEILINGS, _STRICT = (">=", ">"), ("<=", "<"), (">", "<")

_LEVEL_WORDS = regex_cache.compile("中小学|" + "|".join(SCHOOL_LEVELS))
_ORDINARY_LEVELS = ("小学", "初中")
_SHARED = regex_cache.compile(r"均|都|皆|一律")  # one number for every item of the list before it


@dataclass
class StatedThreshold:
    slot: Slot
    value: float
    comparator: str | None  # as read in the plan; None when it states none
    statement: Statement
    role: NumberRole = NumberRole(TARGET)
    decisive: bool = True  # False for a milestone before the final target
    start: int = 0  # where the number stands in its statement

    @property
    def verdict(self) -> str:
        return compare(self.slot, self.value, self.comparator) if self.decisive else EARLIER


def compare(slot: Slot, value: float, comparator: str | None) -> str:
    """EQUAL, STRICTER or LOOSER: a stated bound (value and comparator) against the standard's slot.
    A slot whose comparator is "=" (按100名学生核定) and a plan stating no bound compare values only."""
    floor = slot.direction == "min"
    bounded = slot.comparator in _FLOORS + _CEILINGS and comparator in _FLOORS + _CEILINGS
    if bounded and (comparator in _FLOORS) != floor:
        return LOOSER  # 不高于4.5平方米 for ≥4.5
    if value != slot.value:
        return STRICTER if (value > slot.value) == floor else LOOSER
    if bounded and (comparator in _STRICT) != (slot.comparator in _STRICT):
        return STRICTER if comparator in _STRICT else LOOSER
    return EQUAL


@dataclass
class Verdict:
    indicator: Indicator
    statements: list[Statement]
    status: str = MISSING
    flags: list[str] = field(default_factory=list)
    stated: list[StatedThreshold] = field(default_factory=list)  # the plan's values: targets and milestones
    reported: list[StatedThreshold] = field(default_factory=list)  # figures of the situation, gaps, quotes
    missing_slots: list[Slot] = field(default_factory=list)
    missing_requirements: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    alterations: list[str] = field(default_factory=list)  # notes of the altered rules that fired
    stricter_notes: list[str] = field(default_factory=list)

    @property
    def values(self) -> list[float]:
        return sorted({s.value for s in self.stated})

    def inconsistent_slots(self) -> dict[Slot, list[float]]:
        """The standard's numbers the plan gives different values for the same year (the final target
        and undated statements count as one year)."""
        by_year: dict[tuple, set[float]] = {}
        for s in self.stated:
            # an undated step before a dated one in the same sentence stands alone (6000元以上，2024年提高到7000元)
            year = None if s.decisive else s.role.year or (id(s.statement), s.start)
            by_year.setdefault((s.slot, year), set()).add(s.value)
        out: dict[Slot, set[float]] = {}
        for (slot, _), values in by_year.items():
            if len(values) > 1:
                out.setdefault(slot, set()).update(values)
        return {slot: sorted(v) for slot, v in out.items()}

    def verdict_for(self, slots: list[Slot]) -> str:
        """The verdict for some of the standard's numbers (one school level): missing, the worst flag or
        exact. Those numbers alone decide looser, inconsistent, incomplete and stricter (as in `_flags`);
        altered and weakened are the indicator's."""
        if self.status != PRESENT:
            return MISSING
        mine = [s for s in self.stated if s.slot in slots]
        flags = {f for f in self.flags if f not in (LOOSER, INCONSISTENT, INCOMPLETE, STRICTER)}
        if any(s.verdict == LOOSER for s in mine):
            flags.add(LOOSER)
        if any(slot in slots for slot in self.inconsistent_slots()):
            flags.add(INCONSISTENT)
        if INCOMPLETE in self.flags and (any(s in self.missing_slots for s in slots) or self.missing_requirements):
            flags.add(INCOMPLETE)
        if LOOSER not in flags and (any(s.verdict == STRICTER for s in mine) or self.stricter_notes):
            flags.add(STRICTER)
        return next((f for f in FLAG_ORDER if f in flags), EXACT)


def judge(indicator: Indicator, statements: list[Statement], own_level: str | None = None,
          final_year: int | None = None) -> Verdict:
    """`own_level` is the level word of the plan's own region when it is a county-level unit named
    otherwise than 县 (区, 旗): its 区级以上 is the standard's 县级以上. `final_year` is the latest year the
    plan dates a commitment to (its target year), when known."""
    v = Verdict(indicator, statements)
    committed = [st for st in statements if not st.reports_only]
    seen = set()  # a number the parser repeats for each level (小学、初中每12个班级) fills a level-free slot once
    for st in statements:
        previous_level = None  # 小学达到4.5平方米以上，其中2023年达到4.2平方米: still 小学
        lead_ins = st.lead_ins
        for i, q in enumerate(st.quantities):
            lead_in = st.row_before + lead_ins[i]
            if q.level is None and levels_in(lead_in) is None and previous_level:
                q = replace(q, level=previous_level)
            previous_level = q.level
            first = st.quantities[max(0, i - q.list_index)]
            before_list = st.row_before + st.text[: first.start]
            for slot in _slots_for(indicator.slots, q, lead_in, lead_ins[max(0, i - q.list_index)], before_list):
                if (id(st), q.start, slot) in seen:
                    continue
                seen.add((id(st), q.start, slot))
                target = v.stated if st.roles[i].is_value else v.reported
                target.append(StatedThreshold(slot, q.value, q.comparator, st, st.roles[i], start=q.start))
    if not statements:
        return v
    v.status = PRESENT  # a figure of the situation mentions the indicator: present, and incomplete below
    _mark_milestones(v.stated, final_year)
    texts = [st.text for st in committed]  # the rules judge what the plan commits to
    if own_level:
        texts = [t.replace(f"{own_level}级", "县级") for t in texts]
    v.stricter_notes = sorted({r.note for r in indicator.stricter for t in texts if r.fires(t)})
    v.alterations = sorted({r.note for r in indicator.altered for t in texts if r.fires(t)})
    v.hedges = sorted({h for st in committed for h in st.hedges})
    filled = {s.slot for s in v.stated}
    v.missing_slots = [s for s in indicator.slots if s not in filled]
    v.missing_requirements = [r.name for r in indicator.requirements if not any(r.pattern.search(t) for t in texts)]
    v.flags = _flags(v)
    return v


def _flags(v: Verdict) -> list[str]:
    flags = set()
    verdicts = {s.verdict for s in v.stated}
    if LOOSER in verdicts:
        flags.add(LOOSER)
    elif STRICTER in verdicts or v.stricter_notes:
        flags.add(STRICTER)
    if v.inconsistent_slots():
        flags.add(INCONSISTENT)
    if v.alterations:
        flags.add(ALTERED)
    if v.hedges:
        flags.add(WEAKENED)
    if not _complete(v):
        flags.add(INCOMPLETE)
    return [f for f in FLAG_ORDER if f in flags]


def _complete(v: Verdict) -> bool:
    if v.stricter_notes:  # a rule stricter than the standard's numbers stands in for them (项项达标)
        return True
    if v.indicator.slots or v.indicator.requirements:
        return not v.missing_slots and not v.missing_requirements
    return any(st.strength != TOPIC and not st.reports_only for st in v.statements)


def levels_in(text: str) -> set[str] | None:
    found = set()
    for word in _LEVEL_WORDS.findall(text):
        found |= {"小学", "初中"} if word == "中小学" else {word}
    return found or None


def _listed_cues(slots: list[Slot], text: str) -> list[Slot]:
    """The slots whose cue words `text` names, in the order it names them (by each cue's last mention)."""
    found = []
    for s in slots:
        last = None
        for last in s.cue.finditer(text) if s.cue else ():
            pass
        if last:
            found.append((last.start(), s))
    return [s for _, s in sorted(found, key=lambda pair: pair[0])]


def _mark_milestones(stated: list[StatedThreshold], plan_final_year: int | None) -> None:
    """A dated value decides the verdict only when it is its slot's latest and, where undated statements
    of the slot exist, dated in the plan's final year (the latest the plan or the indicator names). An
    undated value that its sentence then changes to a dated one (提高到) is a step before it."""
    years = [s.role.year for s in stated if s.role.year]
    final_year = max(years + [plan_final_year or 0], default=None)
    for s in stated:
        if s.role.year is None:
            # 达到6000元以上，2024年提高到7000元: the undated figure is the step before the dated one
            s.decisive = not any(o.statement is s.statement and o.slot == s.slot and o.role.year and o.start > s.start
                                 and changes_to(o.statement.text[s.start:o.start]) for o in stated)
            if not s.decisive:
                s.role = NumberRole(MILESTONE)
            continue
        mine = [o for o in stated if o.slot == s.slot]
        latest = max(o.role.year or 0 for o in mine)
        undated = any(o.role.year is None for o in mine)
        s.decisive = s.role.year == latest and (not undated or s.role.year == final_year)
        s.role = NumberRole(TARGET if s.decisive else MILESTONE, s.role.year)


def _slots_for(slots: tuple[Slot, ...], q: Quantity, lead_in: str, list_lead_in: str,
               before_list: str = "") -> list[Slot]:
    """The standard's numbers a stated number stands for: same unit, a level it applies to, a value its
    dimension allows, and the cue word before it where several slots share unit and level (骨干 → G11's
    20%). A list of numbers after 分别/均 pairs in order with the cue words before the list
    (音乐、美术专用教室面积分别不小于96平方米、90平方米); `list_lead_in` is the text since the number
    before the list, `before_list` all of the statement before it, where a list whose clause dropped its
    subject finds its cue words (音乐、美术专用教室各1间以上，面积分别不小于96平方米、90平方米)."""
    # A number naming no level is for 小学 and 初中; a 一贯制 school is a type a plan names when it means it
    # (义务教育学校规模不超过2000人，九年一贯制学校…不超过2500人).
    levels = {q.level} if q.level else levels_in(lead_in) or set(_ORDINARY_LEVELS)
    candidates = [
        s for s in slots
        if s.unit == q.unit and (s.level is None or s.level in levels)
        and fits(s.dimension, q.value, list_lead_in)
    ]
    listed = _listed_cues(candidates, list_lead_in)
    if q.list_size > 1 and len(listed) != q.list_size:
        listed = _listed_cues(candidates, before_list)
    if q.list_size > 1 and len(listed) == q.list_size:
        return [listed[q.list_index]]
    if q.list_size == 1 and len(listed) > 1 and _SHARED.search(list_lead_in):
        return listed  # 音乐、美术教室面积均不小于96平方米
    cued = _listed_cues(candidates, lead_in)
    if cued:
        return cued[-1:]  # the one named last before the number
    plain = [s for s in candidates if not s.cue]
    if plain:
        return plain
    return candidates[:1]
