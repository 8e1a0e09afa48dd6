"""Which indicators a clause states. The measured quantity decides: each indicator's regexes for the
quantity (strong), then for its topic (loose); a clause no regex recognises is compared with the
catalog's names and paraphrases by rapidfuzz, but only when it shares a jieba token that belongs to a
single indicator (so 生均体育运动场馆面积 never matches 生均教学及辅助用房面积).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from duibiao.catalog import Indicator, Standard

QUANTITY, TOPIC, FUZZY = "quantity", "topic", "fuzzy"
_FUZZY_MIN_SCORE = 70
# Fuzzy matching is for quantities phrased a little differently; it is only tried on clauses that
# name a measured quantity at all (per-student, per-hundred, a rate, an area or a value).
_FUZZY_TRIGGERS = ("生均", "人均", "每百名", "率", "面积", "比例", "价值", "设备值")


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
        self._quantity = _alternations(standard.indicators, "quantity")
        self._topic = _alternations(standard.indicators, "topic")
        self._fuzzy_index = None  # built on first use: jieba costs ~0.7 s to load

    def find(self, clause: str) -> list[Mention]:
        """Mentions in a clause, in text order; an indicator stated by its quantity is not also a topic."""
        strong = _search(self._quantity, clause, QUANTITY, skip=set())
        topics = _search(self._topic, clause, TOPIC, skip={m.indicator for m in strong})
        mentions = strong + topics
        if not mentions and any(t in clause for t in _FUZZY_TRIGGERS):
            mentions = self._fuzzy(clause)
        return sorted(mentions, key=lambda m: (m.start, m.indicator))

    def _fuzzy(self, clause: str) -> list[Mention]:
        if self._fuzzy_index is None:
            self._fuzzy_index = FuzzyIndex(self.standard)
        return self._fuzzy_index.find(clause)


def _alternations(indicators: tuple[Indicator, ...], kind: str) -> list[tuple[str, re.Pattern]]:
    return [
        (ind.id, re.compile("|".join(f"(?:{p.pattern})" for p in getattr(ind, kind))))
        for ind in indicators
        if getattr(ind, kind)
    ]


def _search(alternations, clause: str, strength: str, skip: set[str]) -> list[Mention]:
    """Each indicator's earliest mention in the clause, if any."""
    found = []
    for iid, pattern in alternations:
        if iid not in skip and (m := pattern.search(clause)):
            found.append(Mention(iid, strength, m.start(), m.end()))
    return found


class FuzzyIndex:
    """rapidfuzz partial ratio against each name and paraphrase; a candidate must also share a jieba
    token that belongs to its indicator alone. Character pairs of that kind are checked first, so
    jieba is loaded only for a clause that can match."""

    def __init__(self, standard: Standard):
        self.phrases = [(ind.id, text) for ind in standard.indicators for text in (ind.name, *ind.paraphrases)]
        self._distinctive: dict[tuple[str, str], set[str]] | None = None
        owners: dict[str, set[str]] = {}  # over all the catalog's text, official wording included
        for iid, text in self.phrases + [(ind.id, ind.wording) for ind in standard.indicators]:
            for pair in _pairs(text):
                owners.setdefault(pair, set()).add(iid)
        self.own_pairs = {iid: {p for p, o in owners.items() if o == {iid}} for iid, _ in self.phrases}

    def find(self, clause: str) -> list[Mention]:
        from rapidfuzz import fuzz

        pairs = _pairs(clause)
        candidates = [
            (iid, text, score)
            for iid, text in self.phrases
            if self.own_pairs[iid] & pairs and (score := fuzz.partial_ratio(text, clause)) >= _FUZZY_MIN_SCORE
        ]
        if not candidates:
            return []
        from duibiao.normalizer.segment import tokenize

        tokens = set(tokenize(clause))
        best: dict[str, float] = {}
        for iid, text, score in candidates:
            if self.distinctive()[(iid, text)] & tokens and score > best.get(iid, 0):
                best[iid] = score
        return [Mention(iid, FUZZY, 0, len(clause)) for iid in best]

    def distinctive(self) -> dict[tuple[str, str], set[str]]:
        """For each phrase, its tokens that no other indicator's phrases contain."""
        if self._distinctive is None:
            from duibiao.normalizer.segment import tokenize

            tokens = {(iid, text): tokenize(text) for iid, text in self.phrases}
            owners: dict[str, set[str]] = {}
            for (iid, _), words in tokens.items():
                for word in words:
                    owners.setdefault(word, set()).add(iid)
            self._distinctive = {
                key: {w for w in words if len(w) > 1 and owners[w] == {key[0]}} for key, words in tokens.items()
            }
        return self._distinctive


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


_MATCHERS: dict[tuple[str, str], Matcher] = {}


def matcher_for(standard: Standard) -> Matcher:
    """One matcher per standard per process."""
    key = (standard.id, standard.source)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher(standard)
    return _MATCHERS[key]
