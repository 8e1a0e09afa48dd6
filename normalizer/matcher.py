"""Which indicators a clause states. The measured quantity decides: each indicator's regexes for the
quantity (strong), then for its topic (loose). A clause that names a measured quantity (生均, 每百名,
率, 面积 …) but that no quantity regex recognises is compared with the catalog's names, paraphrases and
official wording by rapidfuzz, on character bigrams: an indicator is a candidate only when the clause
shares bigrams that belong to it alone (运动场, 辅助用房, 多媒体 …), so 科学教师 never reaches the
PE/arts teachers of R3 and 生均公用经费 alone never reaches 特殊教育学校's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from duibiao import regex_cache
from duibiao.catalog import Indicator, Standard
from duibiao.normalizer.screen import ScreenIndex, kept_screens, passes
from duibiao.normalizer.text import clean

QUANTITY, TOPIC, FUZZY = "quantity", "topic", "fuzzy"
# Fuzzy matching is for quantities phrased a little differently; it is only tried on clauses that
# name a measured quantity at all (per student, per hundred, a rate, a percentage, an area or a value).
_FUZZY_TRIGGERS = regex_cache.compile(r"生均|人均|每生|每名学生|每百|百名学生|率|\d%|面积|比例|比重|占比|价值|设备值|经费")
# A candidate needs this much of its own vocabulary in the clause: the summed weight of shared bigrams,
# each weighing 1 / (number of indicators whose catalog text has it), counting only bigrams that at most
# two indicators share;
_FUZZY_MIN_OWN_WEIGHT = 1.5
# and this rapidfuzz partial ratio against its closest name, paraphrase or wording;
_FUZZY_MIN_SCORE = 55
# and two bigrams no other indicator uses (入学率 alone is any enrolment rate; 残疾 + 入学率 is Q2's;
# 学校生均公用经费 is any school's, 特殊教育学校生均公用经费 G7's).
_FUZZY_MIN_OWN_PAIRS = 2


@dataclass(frozen=True)
class Mention:
    indicator: str
    strength: str  # quantity, topic or fuzzy
    start: int
    end: int


class Matcher:
    def __init__(self, standard: Standard):
        self.standard = standard
        # One alternation per indicator: a search finds its earliest mention in one pass.
        self._quantity = _Alternations(standard.indicators, "quantity")
        self._topic = _Alternations(standard.indicators, "topic")
        # Both kinds' screens in one index (the topic patterns' numbers follow the quantity ones'): a
        # text is screened once.
        self._screens = ScreenIndex(self._quantity.screens + self._topic.screens)
        self._fuzzy_index: FuzzyIndex | None = None  # built on the first clause that needs it
        # A clause that is exactly an indicator's name in the standard (学校规模 in the 指标 column of a
        # comparison table) names its measured quantity, whatever the regexes know.
        self._by_name = {clean(ind.name): ind.id for ind in standard.indicators}

    def find(self, clause: str) -> list[Mention]:
        """Mentions in a clause, in text order; an indicator stated by its quantity is not also a topic.
        A topic mention in a clause that names a quantity the fuzzy index ties to the same indicator
        becomes a fuzzy one (每生教学仪器设备价值 is R6's quantity, though only its topic regex fires)."""
        return self._find(clause, self._screens.candidates(clause))

    def find_each(self, text: str, spans: list[tuple[int, int]]) -> list[list[Mention]]:
        """find() of each clause text[start:end]. The patterns are screened once on the whole text: a
        pattern a clause matches passes the screen of any text that holds the clause."""
        candidates = self._screens.candidates(text)
        if not candidates:
            if not _FUZZY_TRIGGERS.search(text) and not any(name in text for name in self._by_name):
                return [[] for _ in spans]  # no clause can mention an indicator in any way
            return [self._find(text[s:e], candidates) for s, e in spans]
        screens = self._screens.screens
        return [self._find(clause, [i for i in candidates if passes(screens[i], clause)])
                for clause in [text[s:e] for s, e in spans]]

    def _find(self, clause: str, candidates: list[int]) -> list[Mention]:
        """`candidates`: of self._screens, those the clause passes."""
        quantities = len(self._quantity.screens)
        strong = _search(self._quantity, clause, [i for i in candidates if i < quantities], QUANTITY,
                         skip=set()) if candidates else []
        named = self._by_name.get(clause.strip(" \u3000：:"))
        if named and not strong:
            strong = [Mention(named, QUANTITY, 0, len(clause))]
        topics = _search(self._topic, clause, [i - quantities for i in candidates if i >= quantities], TOPIC,
                         skip={m.indicator for m in strong}) if candidates else []
        if not strong and _FUZZY_TRIGGERS.search(clause):
            fuzzy = self._fuzzy().find(clause)
            if topics:
                topics = [Mention(m.indicator, FUZZY, m.start, m.end) if m.indicator == fuzzy else m for m in topics]
            elif fuzzy:
                topics = [Mention(fuzzy, FUZZY, 0, len(clause))]
        mentions = strong + topics
        return sorted(mentions, key=lambda m: (m.start, m.indicator)) if len(mentions) > 1 else mentions

    def _fuzzy(self) -> FuzzyIndex:
        if self._fuzzy_index is None:
            self._fuzzy_index = FuzzyIndex(self.standard)
        return self._fuzzy_index


class _Alternations:
    """One regex per indicator, and the strings each needs in a clause it can match. A regex is
    compiled when a clause first passes its screen: the indicators a plan never names (a fifth to a
    third of them in a typical plan) cost it no compiling."""

    def __init__(self, indicators: tuple[Indicator, ...], kind: str):
        named = [ind for ind in indicators if getattr(ind, kind)]
        self.ids = [ind.id for ind in named]
        self.sources = ["|".join(f"(?:{p})" for p in getattr(ind, kind)) for ind in named]
        self.screens = kept_screens(self.sources)
        self._compiled: dict[int, re.Pattern] = {}

    def pattern(self, i: int) -> re.Pattern:
        if i not in self._compiled:
            self._compiled[i] = regex_cache.compile(self.sources[i])
        return self._compiled[i]


def _search(alternations: _Alternations, clause: str, candidates: list[int], strength: str,
            skip: set[str]) -> list[Mention]:
    """Each indicator's earliest mention in the clause, if any. Only the candidates (the patterns whose
    needed strings the clause has) are searched: few of them."""
    found = []
    for i in candidates:
        iid = alternations.ids[i]
        if iid not in skip and (m := alternations.pattern(i).search(clause)):
            found.append(Mention(iid, strength, m.start(), m.end()))
    return found


class FuzzyIndex:
    """Each indicator's catalog text (name, paraphrases, official wording) as character bigrams, each
    bigram weighted by how few indicators use it; rapidfuzz scores a clause against the phrases of the
    indicators whose own bigrams it contains. Built once per matcher, on the first clause that needs it."""

    def __init__(self, standard: Standard):
        phrases = {
            ind.id: [ind.name, *ind.paraphrases, _NUMBERS.sub("", ind.wording)] for ind in standard.indicators
        }
        owners: dict[str, set[str]] = {}
        for iid, texts in phrases.items():
            for text in texts:
                for pair in _pairs(text):
                    owners.setdefault(pair, set()).add(iid)
        # Only quantities are matched this way: an indicator without thresholds (规划布局, 四统一 …) has
        # no numbers for a fuzzy mention to carry, and its regexes say all the catalog knows of it.
        self.phrases = {ind.id: phrases[ind.id] for ind in standard.indicators if ind.slots}
        self.weights: dict[str, dict[str, float]] = {iid: {} for iid in self.phrases}
        for pair, ids in owners.items():
            if len(ids) <= 2:
                for iid in ids & self.weights.keys():
                    self.weights[iid][pair] = 1 / len(ids)
        # the same weights by bigram: a clause looks up its own few bigrams
        self.owners: dict[str, list[tuple[str, float]]] = {}
        for iid, weights in self.weights.items():
            for pair, weight in weights.items():
                self.owners.setdefault(pair, []).append((iid, weight))

    def find(self, clause: str) -> str | None:
        """The indicator whose quantity the clause names, if one stands out."""
        candidates = self._owning(clause)
        if not candidates:
            return None
        from rapidfuzz import fuzz, process  # loaded only once a clause has candidates (many plans have none)

        best: tuple[float, str] | None = None
        for iid in candidates:
            _, score, _ = process.extractOne(clause, self.phrases[iid], scorer=fuzz.partial_ratio)
            if score >= _FUZZY_MIN_SCORE and (best is None or score > best[0]):
                best = (score, iid)
        return best[1] if best else None

    def _owning(self, clause: str) -> list[str]:
        """The indicators (in catalog order) of which the clause holds enough own bigrams to be compared
        with their phrases. Weights are 1 or 1/2: their sums do not depend on the order of adding."""
        weight: dict[str, float] = {}
        own_pairs: dict[str, int] = {}
        for pair in _pairs(clause):
            for iid, w in self.owners.get(pair, ()):
                weight[iid] = weight.get(iid, 0) + w
                own_pairs[iid] = own_pairs.get(iid, 0) + (w == 1)
        return [iid for iid in self.weights
                if weight.get(iid, 0) >= _FUZZY_MIN_OWN_WEIGHT and own_pairs.get(iid, 0) >= _FUZZY_MIN_OWN_PAIRS]


_NUMBERS = regex_cache.compile(r"[\d.]+(?:%|人|间|元|平方米|项)?")  # thresholds are no part of what a quantity is called


def _pairs(text: str) -> set[str]:
    """The character bigrams of the text made of word characters other than digits."""
    other = {m.start() for m in _NOT_WORD.finditer(text)}
    return {text[i : i + 2] for i in range(len(text) - 1) if i not in other and i + 1 not in other}


_NOT_WORD = regex_cache.compile(r"[\W\d]")


_MATCHERS: dict[tuple[str, str], Matcher] = {}


def matcher_for(standard: Standard) -> Matcher:
    """One matcher per standard per process."""
    key = (standard.id, standard.source)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher(standard)
    return _MATCHERS[key]
