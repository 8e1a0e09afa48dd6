"""The matcher's character screen (normalizer/screen.py): it may only skip a search that would fail.
Patterns and texts here are written for this test; the catalog's own regexes are checked through the
matcher against clauses generated from their characters."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from duibiao.catalog import load_standard
from duibiao.normalizer.matcher import Matcher
from duibiao.normalizer.screen import ScreenIndex, passes, required_chars

NATIONAL = load_standard()

PATTERNS = [
    r"人均(?:运动)?场地面积",
    r"校舍|教室",
    r"(?:每|逐)年.{0,6}培训",
    r"[甲乙丙]类学校(?:达标)?",
    r"[一-龥]{2}考核",
    r"(?i)abc教师",
    r"(?i:wifi)覆盖",
    r"家访\d*次",
    r"(?:课后|课外){1,2}服务",
    r"(?<=全面)推进(?!试点)",
    r"[^初]中学生",
    r"(?:小学)?",
]


def test_needed_characters_of_a_pattern():
    assert required_chars(r"人均(?:运动)?场地面积") == tuple(frozenset(c) for c in "人均场地面积")
    assert required_chars("校舍|教室") == (frozenset("校教"),)
    assert required_chars("[甲乙丙]类学校") == (frozenset("甲乙丙"), *(frozenset(c) for c in "类学校"))
    # Nothing is required of what may be absent, case-folded, a wide range or a negated class.
    assert required_chars(r"(?:小学)?") == ()
    assert required_chars(r"(?i)abc教师") == ()
    assert required_chars(r"(?i:wifi)覆盖") == (frozenset("覆"), frozenset("盖"))
    assert required_chars(r"[一-龥]{2}考核") == (frozenset("考"), frozenset("核"))
    assert required_chars(r"[^初]中学生") == tuple(frozenset(c) for c in "中学生")
    assert required_chars("(") == ()  # not a regex: nothing known, nothing skipped


def test_a_text_lacking_a_needed_character_is_screened_out():
    screen = required_chars(r"(?:每|逐)年.{0,6}培训")
    assert passes(screen, set("逐年组织教师全员培训"))
    assert not passes(screen, set("每学期组织教师全员研修"))  # no 训: the pattern cannot match


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="人均运动场地面积校舍教室每逐年培训甲乙丙类学达标考核家访次"
                                          "课后外服务全推进试点初中小abcABC教师wifiWIFI覆盖0123", max_size=16))
def test_screen_never_rejects_a_match(pattern, text):
    if re.search(pattern, text):
        assert passes(required_chars(pattern), set(text))


def test_index_returns_the_patterns_that_pass_in_order():
    screens = [required_chars(p) for p in PATTERNS]
    index = ScreenIndex(screens)
    for text in ["学校人均运动场地面积达标", "每年开展课后服务", "WIFI覆盖全部教室", "没有任何相关字"]:
        expected = [i for i, s in enumerate(screens) if passes(s, set(text))]
        assert index.candidates(set(text)) == expected
        assert all(i in expected for i, p in enumerate(PATTERNS) if re.search(p, text))


# Clauses built from the catalog's own wording and fragments of it, so that most of them do mention
# an indicator: the screened matcher must find exactly what searching every indicator finds.
_WORDS = [w for ind in NATIONAL.indicators for w in (ind.name, ind.wording, *ind.paraphrases)]
_MATCHER = Matcher(NATIONAL)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), st.integers(0, 12), st.integers(0, 40))
def test_screened_matcher_finds_what_a_full_search_finds(words, cut, length):
    text = "，".join(words)
    clause = text[cut:cut + length] if length else text
    screened = _MATCHER
    everything = [(iid, p) for kind in (screened._quantity, screened._topic) for iid, p in zip(kind.ids, kind.sources)]
    found = {(m.indicator, m.start) for m in screened.find(clause) if m.strength != "fuzzy"}
    searched = {iid for iid, p in everything if re.search(p, clause)}
    assert {iid for iid, _ in found} <= searched
    # every indicator a full search finds is found by the screened one (as quantity or topic)
    assert searched <= {m.indicator for m in screened.find(clause)}
