"""A cheap screen before a regex search: the strings a match cannot do without.

A plan has a few hundred clauses and the catalog some eighty indicator alternations; most clauses
name none of an indicator's words, so most searches fail. `required_strings` reads a pattern with the
standard library's own regex parser and returns sets of strings such that every match contains at
least one string of each set as a substring (生均(?:体育)?场馆 needs 生均 and 场馆; 生均|人均 one of
生均/人均; [甲乙]类 one of 甲/乙, and 类); a clause lacking one cannot match and its search is skipped.
What the parser cannot vouch for (case-insensitive parts, character categories, optional or negated
items) simply adds no set, so a screen never rejects a clause the pattern would match.

    screen = required_strings(r"生均(?:体育)?场馆")
    passes(screen, clause)
"""
from __future__ import annotations

import re
from pathlib import Path

from duibiao import kept

try:
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # not expected on Python ≥ 3.11; without the parser nothing is screened
    _sre = _sre_parse = None

Screen = tuple[frozenset[str], ...]  # every match holds one string of each set; () knows nothing
_LARGEST_RANGE = 64  # a character range wider than this ([\u4e00-\u9fa5]) is no screen


_FILE = kept.kept_path(Path(__file__).resolve().parent, "screens")
# Of the screens required_strings makes: a change to what it returns needs a new number, so that
# screens kept by the old code are made again.
_FORMAT = 1


def kept_screens(patterns: list[str]) -> list[Screen]:
    """required_strings() of each pattern, kept between runs in __pycache__ (duibiao/kept.py) as
    regex_cache keeps compilations: parsing the catalog's ~70 alternations is ~10 ms of each start-up."""
    known = kept.load_table(_FILE, _FORMAT)
    new = {p: required_strings(p) for p in patterns if p not in known}
    if new:
        kept.keep_table(_FILE, _FORMAT, known, new)
    return [known[p] if p in known else new[p] for p in patterns]


def required_strings(pattern: str) -> Screen:
    if _sre_parse is None:
        return ()
    try:
        parsed = _sre_parse.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return ()
        return tuple(_sequence(parsed))
    except (re.error, RecursionError, OverflowError):
        return ()
    except (AttributeError, TypeError, ValueError):  # the parser's internal form changed in a later Python
        return ()


def passes(screen: Screen, text: str) -> bool:
    """False when the text cannot match the screened pattern."""
    for needed in screen:
        for part in needed:
            if part in text:
                break
        else:
            return False
    return True


class ScreenIndex:
    """Many patterns' screens, looked up by character: which of them a text may match, without a
    Python loop over every pattern. Each pattern is filed under one character of each string of one
    of its sets (the character, and the set, that fewest other patterns need: 骨 of 骨干教师 rather
    than 教), then checked in full."""

    def __init__(self, screens: list[Screen]):
        self.screens = screens
        self.unscreened = [i for i, screen in enumerate(screens) if not screen]
        uses: dict[str, int] = {}
        for screen in screens:
            for char in {c for needed in screen for part in needed for c in part}:
                uses[char] = uses.get(char, 0) + 1

        def rarest(part: str) -> str:
            return min(part, key=uses.__getitem__)

        self.by_char: dict[str, list[int]] = {}
        for i, screen in enumerate(screens):
            if screen:
                key = min(screen, key=lambda needed: (len(needed), sum(uses[rarest(p)] for p in needed)))
                for char in {rarest(part) for part in key}:
                    self.by_char.setdefault(char, []).append(i)
        self.keys = frozenset(self.by_char)

    def candidates(self, text: str) -> list[int]:
        """Indexes, in order, of the patterns the text may match."""
        found = set(self.unscreened)
        for char in self.keys.intersection(text):
            found.update(self.by_char[char])
        return sorted(i for i in found if passes(self.screens[i], text))


def _sequence(items) -> list[frozenset[str]]:
    """The needs of a sequence; consecutive literal characters are needed together, as one string."""
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is _sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            found.append(frozenset((run,)))
            run = ""
        found += _item(op, arg)
    if run:
        found.append(frozenset((run,)))
    return found


def _item(op, arg) -> list[frozenset[str]]:
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in arg:
            if kind is _sre.LITERAL:
                chars.add(chr(value))
            elif kind is _sre.RANGE and value[1] - value[0] < _LARGEST_RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negation, a category, a wide range
                return []
        return [frozenset(chars)]
    if op is _sre.SUBPATTERN:
        _, add_flags, _, body = arg
        return [] if add_flags & re.IGNORECASE else _sequence(body)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        least, _, body = arg
        return _sequence(body) if least >= 1 else []
    if op is _sre.ATOMIC_GROUP:
        return _sequence(arg)
    if op is _sre.BRANCH:
        # One of the branches matches: a set that holds one of each branch's needs (its fewest
        # alternatives, of the longest strings).
        either: set[str] = set()
        for branch in arg[1]:
            needs = _sequence(branch)
            if not needs:
                return []
            either |= min(needs, key=lambda needed: (len(needed), -min(map(len, needed))))
        return [frozenset(either)]
    return []  # any character, anchors, look-arounds, back-references: nothing to require
