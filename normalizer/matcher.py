"""Which indicators a clause states. The measured quantity decides: each indicator's regexes for the
quantity (strong), then for its topic (loose); a clause no regex recognises is compared with the
catalog's names and paraphrases by rapidfuzz, but only when it shares a jieba token that belongs to a
single indicator (so 生均体育运动场馆面积 never matches 生均教学及辅助用房面积).
"""
from __future__ import annotations

from dataclasses import dataclass
from catalog import Indicator, Standard

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
        self._fuzzy_index = None  # built on first use: jieba costs ~0.7 s to load

    def find(self, clause: str) -> list[Mention]:
        """Mentions in a clause, in text order; an indicator stated by its quantity is not also a topic."""
        strong = [m for ind in self.standard.indicators for m in _search(ind, ind.quantity, clause, QUANTITY)]
        strong_ids = {m.indicator for m in strong}
        topics = [
            m
            for ind in self.standard.indicators
            if ind.id not in strong_ids
            for m in _search(ind, ind.topic, clause, TOPIC)
        ]
        mentions = strong + topics
        if not mentions and any(t in clause for t in _FUZZY_TRIGGERS):
            mentions = self._fuzzy(clause)
        return sorted(mentions, key=lambda m: (m.start, m.indicator))

    def _fuzzy(self, clause: str) -> list[Mention]:
        if self._fuzzy_index is None:
            self._fuzzy_index = FuzzyIndex(self.standard)
        return self._fuzzy_index.find(clause)


def _search(ind: Indicator, patterns, clause: str, strength: str) -> list[Mention]:
    """The first hit of each pattern; one mention per indicator and position."""
    found = {}
    for pattern in patterns:
        m = pattern.search(clause)
        if m:
            found.setdefault(m.start(), Mention(ind.id, strength, m.start(), m.end()))
    return list(found.values())[:1] if found else []


class FuzzyIndex:
    """rapidfuzz partial ratio against each name and paraphrase, gated by jieba tokens distinctive of
    one indicator."""

    def __init__(self, standard: Standard):
        from normalizer.segment import tokenize

        self._tokenize = tokenize
        self.entries = []  # (indicator id, phrase, distinctive tokens)
        token_owners: dict[str, set[str]] = {}
        phrases = {ind.id: [ind.name, *ind.paraphrases] for ind in standard.indicators}
        for iid, texts in phrases.items():
            for text in texts:
                for token in tokenize(text):
                    token_owners.setdefault(token, set()).add(iid)
        for iid, texts in phrases.items():
            for text in texts:
                tokens = tokenize(text)
                distinctive = {t for t in tokens if len(t) > 1 and token_owners[t] == {iid}}
                if distinctive:
                    self.entries.append((iid, text, distinctive))

    def find(self, clause: str) -> list[Mention]:
        from rapidfuzz import fuzz

        token_set = set(self._tokenize(clause))
        best: dict[str, float] = {}
        for iid, phrase, distinctive in self.entries:
            if not distinctive & token_set:
                continue
            score = fuzz.partial_ratio(phrase, clause)
            if score >= _FUZZY_MIN_SCORE and score > best.get(iid, 0):
                best[iid] = score
        return [Mention(iid, FUZZY, 0, len(clause)) for iid in best]


_MATCHERS: dict[tuple[str, str], Matcher] = {}


def matcher_for(standard: Standard) -> Matcher:
    """One matcher per standard per process."""
    key = (standard.id, standard.source)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher(standard)
    return _MATCHERS[key]
