"""Compare what a plan states for one indicator with the standard: status, flags, values, thresholds.

The flags describe the plan as a whole (GUIDE.md): `incomplete` only when all statements together still
leave out a threshold or a sub-requirement; looser/stricter/altered/weakened when any statement is so;
`inconsistent` when one of the standard's numbers is given two different values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

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

_LEVEL_WORDS = re.compile("中小学|" + "|".join(SCHOOL_LEVELS))


@dataclass
class StatedThreshold:
    slot: Slot
    value: float
    comparator: str | None
    statement: Statement

    @property
    def verdict(self) -> str:
        if self.value == self.slot.value:
            return "equal"
        stricter = self.value > self.slot.value if self.slot.direction == "min" else self.value < self.slot.value
        return STRICTER if stricter else LOOSER


@dataclass
class Verdict:
    indicator: Indicator
    statements: list[Statement]
    status: str = MISSING
    flags: list[str] = field(default_factory=list)
    stated: list[StatedThreshold] = field(default_factory=list)
    missing_slots: list[Slot] = field(default_factory=list)
    missing_requirements: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    alterations: list[str] = field(default_factory=list)  # notes of the altered rules that fired
    stricter_notes: list[str] = field(default_factory=list)

    @property
    def values(self) -> list[float]:
        return sorted({s.value for s in self.stated})

    def inconsistent_slots(self) -> dict[Slot, list[float]]:
        by_slot: dict[Slot, set[float]] = {}
        for s in self.stated:
            by_slot.setdefault(s.slot, set()).add(s.value)
        return {slot: sorted(v) for slot, v in by_slot.items() if len(v) > 1}

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


def judge(indicator: Indicator, statements: list[Statement]) -> Verdict:
    v = Verdict(indicator, statements)
    if not statements:
        return v
    v.status = PRESENT
    for st in statements:
        for q, lead_in in zip(st.quantities, st.lead_ins):
            for slot in _slots_for(indicator.slots, q, lead_in):
                v.stated.append(StatedThreshold(slot, q.value, q.comparator, st))
    texts = [st.text for st in statements]
    v.stricter_notes = sorted({r.note for r in indicator.stricter for t in texts if r.fires(t)})
    v.alterations = sorted({r.note for r in indicator.altered for t in texts if r.fires(t)})
    v.hedges = sorted({h for st in statements for h in st.hedges})
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
    return any(st.strength != TOPIC for st in v.statements)


def levels_in(text: str) -> set[str] | None:
    found = set()
    for word in _LEVEL_WORDS.findall(text):
        found |= {"小学", "初中"} if word == "中小学" else {word}
    return found or None


def _slots_for(slots: tuple[Slot, ...], q: Quantity, lead_in: str) -> list[Slot]:
    """The standard's numbers a stated number stands for: same unit, a level it applies to, and the
    cue word before it where several slots share unit and level (骨干 → G11's 20%)."""
    levels = {q.level} if q.level else levels_in(lead_in)
    candidates = [
        s for s in slots
        if s.unit == q.unit and (s.level is None or levels is None or s.level in levels)
    ]
    cued = [s for s in candidates if s.cue and s.cue.search(lead_in)]
    if cued:
        return cued[:1]
    plain = [s for s in candidates if not s.cue]
    if plain:
        return plain
    return candidates[:1]
