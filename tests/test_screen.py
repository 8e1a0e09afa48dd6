"""The matcher's screen of needed strings (normalizer/screen.py): it may only skip a search that would fail.
Patterns and texts here are written for this test; the catalog's own regexes are checked through the
matcher against clauses generated from their characters."""
from __future__ import annotations

import re
import sys

from hypothesis import given, settings, strategies as st

from duibiao import kept
from duibiao.catalog import load_standard
from duibiao.normalizer import screen as screen_module
from duibiao.normalizer.matcher import Matcher
from duibiao.normalizer.screen import ScreenIndex, kept_screens, passes, required_strings

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
    r"(?:[甲乙]等学校)|(?:示范学校)",
    r"培训(?:课时)+达标",
]


def test_needed_strings_of_a_pattern():
    # Literal characters in a row are needed together; an optional part splits them.
    assert required_strings(r"人均(?:运动)?场地面积") == (frozenset({"人均"}), frozenset({"场地面积"}))
    assert required_strings("校舍|教室") == (frozenset({"校舍", "教室"}),)
    assert required_strings("[甲乙丙]类学校") == (frozenset("甲乙丙"), frozenset({"类学校"}))
    # of each branch, its need with the fewest alternatives (and the longest strings) stands for it
    assert required_strings(r"(?:[甲乙]等学校)|(?:示范学校)") == (frozenset({"等学校", "示范学校"}),)
    # Nothing is required of what may be absent, case-folded, a wide range or a negated class.
    assert required_strings(r"(?:小学)?") == ()
    assert required_strings(r"(?i)abc教师") == ()
    assert required_strings(r"(?i:wifi)覆盖") == (frozenset({"覆盖"}),)
    assert required_strings(r"[一-龥]{2}考核") == (frozenset({"考核"}),)
    assert required_strings(r"[^初]中学生") == (frozenset({"中学生"}),)
    assert required_strings("(") == ()  # not a regex: nothing known, nothing skipped


def test_a_text_lacking_a_needed_string_is_screened_out():
    screen = required_strings(r"(?:每|逐)年.{0,6}培训")
    assert passes(screen, "逐年组织教师全员培训")
    assert not passes(screen, "每学期组织教师全员研修")  # no 培训: the pattern cannot match
    assert not passes(screen, "每年培养教师、训练学生")  # 培 and 训 apart are not 培训


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="人均运动场地面积校舍教室每逐年培训甲乙丙类学达标考核家访次"
                                          "课后外服务全推进试点初中小abcABC教师wifiWIFI覆盖0123等示范时", max_size=16))
def test_screen_never_rejects_a_match(pattern, text):
    if re.search(pattern, text):
        assert passes(required_strings(pattern), text)


def test_index_returns_the_patterns_that_pass_in_order():
    screens = [required_strings(p) for p in PATTERNS]
    index = ScreenIndex(screens)
    for text in ["学校人均运动场地面积达标", "每年开展课后服务", "WIFI覆盖全部教室", "没有任何相关字"]:
        expected = [i for i, s in enumerate(screens) if passes(s, text)]
        assert index.candidates(text) == expected
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


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), st.integers(0, 12))
def test_clauses_screened_on_their_sentence_find_what_each_clause_finds(words, cut):
    sentence = "，".join(words)[cut:]
    spans, start = [], 0
    for piece in sentence.split("，"):
        spans.append((start, start + len(piece)))
        start += len(piece) + 1
    assert _MATCHER.find_each(sentence, spans) == [_MATCHER.find(sentence[s:e]) for s, e in spans]


def test_screens_are_kept_between_runs_and_made_again_when_their_format_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    file = tmp_path / "__pycache__" / "screens.marshal"
    monkeypatch.setattr(screen_module, "_FILE", file)
    assert kept_screens(PATTERNS) == [required_strings(p) for p in PATTERNS]
    assert file.is_file()
    # a later run reads what was kept instead of parsing the pattern
    planted = (frozenset({"不在模式里"}),)
    kept.keep(file, (screen_module._FORMAT, {PATTERNS[0]: planted}))
    assert kept_screens(PATTERNS[:2]) == [planted, required_strings(PATTERNS[1])]
    # screens kept by code that made them otherwise are made again
    kept.keep(file, (screen_module._FORMAT + 1, {PATTERNS[0]: planted}))
    assert kept_screens(PATTERNS[:1]) == [required_strings(PATTERNS[0])]
