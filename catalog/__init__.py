"""The standards as data: catalog/standards/*.toml, loaded into Standard objects.

A standard file may `extends = "<id>"` another and list `[[overrides]]` (fields replaced per indicator,
e.g. a province's stricter thresholds) and extra `[[indicators]]`; a provincial standard is one more file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from duibiao import regex_cache
from duibiao.catalog.data_files import read_toml
from duibiao.errors import DuibiaoError

STANDARDS_DIR = Path(__file__).resolve().parent / "standards"
DEFAULT_STANDARD = "national-2017"
_MAX_COMPARATORS = ("<=", "<")
# Where a pattern comes from (tests/test_catalog.py checks each): the standard's own wording, a domain
# term documented in the file's [terms] table, or a drafting convention seen across several plans.
PATTERN_SOURCES = ("standard", "term", "convention")
_PATTERN_LISTS = ("quantity", "topic")
_RULE_LISTS = ("requirements", "altered", "stricter")
COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}


class UnknownStandard(DuibiaoError):
    pass


@dataclass(frozen=True)
class Slot:
    """One number the standard sets: a level's threshold, or one part of a composite rule."""

    comparator: str
    value: float
    unit: str | None = None
    level: str | None = None
    cue: re.Pattern | None = None  # picks this slot when several share unit and level
    direction: str = "min"  # "min": a larger stated number is stricter; "max": a smaller one is
    dimension: str | None = None  # what the number measures (audit/dimensions.py): per_100_students, share …

    def describe(self) -> str:
        """Chinese, for reports: 小学≥4.5平方米."""
        return f"{self.level or ''}{COMPARATOR_SIGNS[self.comparator]}{self.value:g}{self.unit or ''}"


# Rules and requirements keep their regexes as written and compile them on first use: a plan that
# never commits to an indicator (half of them in a sparse plan) never pays to compile its rules.
@dataclass(frozen=True)
class Rule:
    regex: str
    note: str = ""
    unless_regex: str | None = None

    @cached_property
    def pattern(self) -> re.Pattern:
        return regex_cache.compile(self.regex)

    @cached_property
    def unless(self) -> re.Pattern | None:
        return regex_cache.compile(self.unless_regex) if self.unless_regex else None

    def fires(self, text: str) -> bool:
        return bool(self.pattern.search(text)) and not (self.unless and self.unless.search(text))


@dataclass(frozen=True)
class Requirement:
    name: str
    regex: str

    @cached_property
    def pattern(self) -> re.Pattern:
        return regex_cache.compile(self.regex)


@dataclass(frozen=True)
class Indicator:
    id: str
    category: str  # R, G, Q, S, V
    name: str
    wording: str
    # Regexes as written: the matcher compiles each indicator's into one alternation (compiling them
    # one by one as well would double the catalog's share of every audit's start-up).
    quantity: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    paraphrases: tuple[str, ...] = ()
    slots: tuple[Slot, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    altered: tuple[Rule, ...] = ()
    stricter: tuple[Rule, ...] = ()
    source: str = field(default="", compare=False)  # the standard file it was loaded from

    def __reduce__(self):
        # Sent between processes by reference: the receiver uses its own cached catalog.
        return _indicator_in, (self.source, self.id)


@dataclass(frozen=True)
class Standard:
    id: str
    name: str
    doc_number: str
    categories: dict[str, str]
    indicators: tuple[Indicator, ...]
    source: str = ""
    by_id: dict[str, Indicator] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.by_id.update({i.id: i for i in self.indicators})

    def __getitem__(self, indicator_id: str) -> Indicator:
        return self.by_id[indicator_id]

    def __reduce__(self):
        return _load_standard, (self.source,)  # source is already resolved: no path look-ups per result


def available_standards() -> list[str]:
    return sorted(p.stem for p in STANDARDS_DIR.glob("*.toml"))


def load_standard(name: str = DEFAULT_STANDARD) -> Standard:
    """Load a standard by id (a file in catalog/standards/) or by path to a .toml file; once per
    process and file, however it is named."""
    return _load_standard(str(_standard_path(name).resolve()))


def _categories(named: dict[str, str], indicators: tuple["Indicator", ...]) -> dict[str, str]:
    """The standard's categories in order, plus any an added indicator brings without naming it, so
    that every indicator appears in the grouped reports."""
    out = dict(named)
    for ind in indicators:
        out.setdefault(ind.category, ind.category)
    return out


def _standard_path(name: str) -> Path:
    path = Path(name) if name.endswith(".toml") else STANDARDS_DIR / f"{name}.toml"
    if not path.is_file():
        raise UnknownStandard(f"找不到标准“{name}”；可用的标准：{'、'.join(available_standards())}")
    return path


@cache
def _load_standard(path: str) -> Standard:
    raw = _load_raw(path)
    indicators = tuple(_indicator(d, raw["_source"]) for d in raw["indicators"])
    return Standard(
        id=raw["id"],
        name=raw.get("name", raw["id"]),
        doc_number=raw.get("doc_number", ""),
        categories=_categories(raw.get("categories", {}), indicators),
        indicators=indicators,
        source=raw["_source"],
    )


def _load_raw(name: str, seen: tuple[str, ...] = ()) -> dict:
    path = _standard_path(name)
    if str(path) in seen:
        raise UnknownStandard(f"标准文件循环继承：{' → '.join(seen)}")
    try:
        raw = read_toml(path)
    except ValueError as e:  # tomllib's TOMLDecodeError, or text that is not UTF-8
        raise UnknownStandard(f"标准文件 {path} 格式错误：{e}") from None
    raw["_source"] = str(path)
    base_id = raw.get("extends")
    if not base_id:
        return raw
    base = _load_raw(base_id, seen + (str(path),))
    merged = {**base, **{k: v for k, v in raw.items() if k not in ("indicators", "overrides")}}
    merged["categories"] = {**base.get("categories", {}), **raw.get("categories", {})}
    overrides = {o["id"]: o for o in raw.get("overrides", [])}
    unknown = set(overrides) - {d["id"] for d in base["indicators"]}
    if unknown:
        raise UnknownStandard(f"标准文件 {path} 覆盖了不存在的指标：{'、'.join(sorted(unknown))}")
    merged["indicators"] = [{**d, **overrides.get(d["id"], {})} for d in base["indicators"]]
    merged["indicators"] += raw.get("indicators", [])
    return merged


def pattern_entries(d: dict) -> list[tuple[str, str, str | None]]:
    """(kind, regex, source) of every pattern of one indicator's raw data. A pattern list is either
    grouped by source (`quantity.standard = [...]`, `quantity.term = [...]`) or a plain list (a
    provincial file may add patterns without saying where they come from: source None)."""
    out = []
    for kind in _PATTERN_LISTS:
        value = d.get(kind) or ()
        groups = value.items() if isinstance(value, dict) else [(None, value)]
        out += [(kind, p, source) for source, patterns in groups for p in patterns]
    for kind in _RULE_LISTS:
        out += [(kind, r["pattern"], r.get("source")) for r in d.get(kind, ())]
    return out


def _check_sources(d: dict, path: str) -> None:
    unknown = {s for _, _, s in pattern_entries(d) if s is not None and s not in PATTERN_SOURCES}
    if unknown:
        raise UnknownStandard(f"标准文件 {path} 中指标 {d.get('id')} 的模式来源未知：{'、'.join(sorted(unknown))}"
                              f"（可用：{'、'.join(PATTERN_SOURCES)}）")


def _patterns(value, kind: str) -> tuple[str, ...]:
    return tuple(p for k, p, _ in pattern_entries({kind: value}) if k == kind)


def _indicator_in(source: str, indicator_id: str) -> Indicator:
    return _load_standard(source)[indicator_id]


def _check_regexes(d: dict, path: str) -> None:
    """A standard written outside this package (a province's file) has its regexes checked as it is
    loaded, so that a typo is one clear message and not a failure in the middle of an audit; the
    bundled ones are checked by the tests and compile on first use."""
    if _bundled(path):
        return
    regexes = [p for _, p, _ in pattern_entries(d)] + [r["pattern"] for r in d.get("requirements", ())]
    regexes += [r.get(k) for key in ("altered", "stricter") for r in d.get(key, ()) for k in ("pattern", "unless")]
    for regex in filter(None, regexes):
        try:
            regex_cache.compile(regex)
        except re.error as e:
            raise UnknownStandard(f"标准文件 {path} 中指标 {d.get('id')} 的正则表达式“{regex}”有误：{e}") from None


@cache
def _bundled(path: str) -> bool:
    """Whether a standard's file is one of this package's (asked for each of its indicators)."""
    return Path(path).resolve().is_relative_to(STANDARDS_DIR)


def _indicator(d: dict, source: str) -> Indicator:
    _check_sources(d, source)
    _check_regexes(d, source)
    return Indicator(
        id=d["id"],
        category=d.get("category", d["id"][0]),
        name=d["name"],
        wording=d["wording"],
        quantity=_patterns(d.get("quantity"), "quantity"),
        topic=_patterns(d.get("topic"), "topic"),
        paraphrases=tuple(d.get("paraphrases", ())),
        slots=tuple(_slot(t) for t in d.get("thresholds", ())),
        requirements=tuple(Requirement(r["name"], r["pattern"]) for r in d.get("requirements", ())),
        altered=tuple(_rule(r) for r in d.get("altered", ())),
        stricter=tuple(_rule(r) for r in d.get("stricter", ())),
        source=source,
    )


def _slot(t: dict) -> Slot:
    comparator = t["comparator"]
    return Slot(
        comparator=comparator,
        value=float(t["value"]),
        unit=t.get("unit"),
        level=t.get("level"),
        cue=regex_cache.compile(t["cue"]) if t.get("cue") else None,
        direction=t.get("direction", "max" if comparator in _MAX_COMPARATORS else "min"),
        dimension=t.get("dimension"),
    )


def _rule(r: dict) -> Rule:
    return Rule(r["pattern"], r.get("note", ""), r.get("unless"))
