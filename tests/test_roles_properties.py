"""Properties of number roles, comparators and yearly targets over generated wording."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duibiao.audit.roles import VALUE_ROLES, CURRENT, GAP, QUOTE, number_roles
from duibiao.audit.verdicts import EQUAL, LOOSER, STRICTER, compare
from duibiao.catalog import Slot
from duibiao.normalizer.thresholds import parse_quantities
from plans import indicator

ROLES = set(VALUE_ROLES) | {CURRENT, GAP, QUOTE}

# Ways to name R4 and to commit to a floor: the number follows the wording.
SUBJECTS = ["生均教学及辅助用房面积", "全县义务教育学校生均教学及辅助用房面积", "各校生均教学及辅助用房面积"]
FLOORS = ["达到", "不低于", "不少于", "不小于", "≥"]
SITUATION = ["目前仅为", "现有", "截至去年底仅有", "实际只有", "目前为"]
LEVELS = ["小学", "初中"]
NATIONAL = {"小学": 4.5, "初中": 5.8}
areas = st.decimals(min_value="3.0", max_value="9.9", places=1).map(float)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "." else c for c in text)


@settings(max_examples=300)
@given(st.text(alphabet="目前仅为现有尚差距缺口国家标准低于不足到年达以上，。、0123456789.人平方米%", max_size=40))
def test_every_number_gets_one_known_role(text):
    quantities = parse_quantities(text)
    roles = number_roles(text, quantities)
    assert len(roles) == len(quantities)
    assert {r.role for r in roles} <= ROLES
    for q in quantities:
        assert 0 <= q.list_index < q.list_size


@settings(max_examples=40)
@given(st.sampled_from(SUBJECTS), st.sampled_from(LEVELS), st.sampled_from(SITUATION), areas)
def test_a_figure_after_a_situation_word_is_never_a_value(subject, level, cue, value):
    got = indicator(f"{subject}{level}{cue}{value:g}平方米。", "R4")
    assert got["values"] == []
    assert "looser" not in got["flags"]


@settings(max_examples=40)
@given(st.sampled_from(SUBJECTS), st.sampled_from(LEVELS), st.sampled_from(FLOORS), areas)
def test_a_commitment_is_judged_by_its_value(subject, level, floor, value):
    text = f"{subject}{level}{floor}{value:g}平方米。"
    got, full_width = indicator(text, "R4"), indicator(_full_width(text), "R4")
    assert got["values"] == full_width["values"] == [value]
    national = NATIONAL[level]
    expected = "looser" if value < national else "stricter" if value > national else None
    assert (expected in got["flags"]) if expected else not {"looser", "stricter"} & set(got["flags"])


@settings(max_examples=30)
@given(st.lists(st.decimals(min_value="80", max_value="94.9", places=1).map(float), min_size=1, max_size=3),
       st.sampled_from([95, 96, 98]))
def test_milestones_before_a_final_target_that_meets_the_standard(milestones, final):
    years = range(2023, 2023 + len(milestones) + 1)
    parts = [f"{y}年达到{v:g}%" for y, v in zip(years, [*milestones, final])]
    got = indicator("初中三年巩固率" + "，".join(parts) + "。", "Q1")
    assert "looser" not in got["flags"] and "inconsistent" not in got["flags"]
    assert got["values"] == sorted({*milestones, float(final)})


FLOOR_SLOT = Slot(">=", 4.5, "平方米")
CEILING_SLOT = Slot("<=", 45, "人", direction="max")
STRICT_SLOT = Slot("<", 0.15, direction="max")


@given(st.floats(min_value=0.1, max_value=100, allow_nan=False), st.sampled_from(["<=", "<"]))
def test_a_ceiling_for_a_floor_is_always_looser(value, comparator):
    assert compare(FLOOR_SLOT, value, comparator) == LOOSER


@given(st.floats(min_value=1, max_value=100, allow_nan=False), st.sampled_from([">=", ">"]))
def test_a_floor_for_a_ceiling_is_always_looser(value, comparator):
    assert compare(CEILING_SLOT, value, comparator) == LOOSER


def test_strictness_of_the_bound_decides_at_the_same_value():
    assert compare(FLOOR_SLOT, 4.5, ">") == STRICTER
    assert compare(FLOOR_SLOT, 4.5, ">=") == compare(FLOOR_SLOT, 4.5, None) == EQUAL
    assert compare(STRICT_SLOT, 0.15, "<=") == LOOSER
    assert compare(STRICT_SLOT, 0.15, "<") == EQUAL
    assert compare(CEILING_SLOT, 45, "<") == STRICTER
