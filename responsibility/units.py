"""Unit names: split a unit list into names, tell a unit from running text, and compare names.

The vocabulary (place prefixes, alias groups, unit-name endings, departments each indicator needs)
is data in catalog/units.toml, loaded once per process.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from duibiao import regex_cache
from duibiao.catalog.data_files import read_toml

CATALOG = Path(__file__).resolve().parent.parent / "catalog" / "units.toml"

# Separators between names in a list. Whitespace and line breaks are handled apart: they separate
# only when the text before them is a complete name (a wrapped cell breaks inside names).
_SEPARATORS = "、，,；;／/"
_SEP_RE = regex_cache.compile(f"[{_SEPARATORS}]")
_SPACE = regex_cache.compile(r"[\s\u3000\xa0]+")
_CONNECTORS = "和及与暨"
_STRIP = " \t\r\n\u3000\xa0。．.：:、，,；;！!？?“”\"'‘’《》<>【】[]（）()"
# Role words, the one list: after names (教育局牵头，财政局配合) and in labels (牵头单位：, 配合部门：).
LEAD_WORDS = ("牵头", "负责", "主责", "主办", "承办")
SUPPORT_WORDS = ("配合", "协办", "协助", "协同", "参与", "参加")
_ROLES = "|".join(LEAD_WORDS + SUPPORT_WORDS)
_ROLE_TAIL = regex_cache.compile(rf"(?:{_ROLES})$")
_ROLE_HEAD = regex_cache.compile(rf"(?:{_ROLES})")
_ROLE_NOTE = regex_cache.compile(rf"[（(]\s*({_ROLES})\s*[）)]")
_ETC_TAIL = regex_cache.compile(r"等(?:有关|相关|其他)?(?:部门|单位)?$")
_NOTE = regex_cache.compile(r"[（(][^（()）]*[）)]")  # innermost parentheses
_SENTENCE_PUNCT = regex_cache.compile(r"[，。；;：:！？,]")
_BREAKS = regex_cache.compile(r"[\n\s\u3000\xa0]+")
_EMPTY_VALUES = {"", "无", "暂无", "待定", "待明确", "/", "-", "—", "——", "－", "略"}


@functools.cache
def catalog() -> dict:
    return read_toml(CATALOG)


@functools.cache
def _unit_suffixes() -> tuple[str, ...]:
    return tuple(catalog()["unit_name"]["suffixes"])


@functools.cache
def _not_unit_endings() -> tuple[str, ...]:
    return tuple(catalog()["unit_name"].get("not_unit_endings", []))


def _township_exact() -> frozenset[str]:
    return next((exact for key, _, exact in _aliases() if key == "乡镇"), frozenset())


def drop_notes(text: str) -> str:
    """Remove parenthetical notes, nested ones included: 组织人事部（黑体为牵头单位，下同） → 组织人事部."""
    prev = None
    while prev != text:
        prev = text
        text = _NOTE.sub("", text)
    return text


def clean_unit(name: str) -> str:
    """A name without notes, whitespace, surrounding punctuation, a leading 由 or a trailing 等."""
    s = _SPACE.sub("", drop_notes(name)).strip(_STRIP)
    s = _ETC_TAIL.sub("", s).strip(_STRIP)
    if s.startswith("由") and len(s) > 2:
        s = s[1:]
    return s


def is_empty_value(text: str) -> bool:
    """A unit slot with nothing in it (or only 无 / 待定 / a dash)."""
    return _SPACE.sub("", drop_notes(text)).strip(_STRIP) in _EMPTY_VALUES


@functools.cache
def looks_like_unit(name: str) -> bool:
    """True for a complete unit name: ends like one (局, 委, 中心, 街道, 公司 …) and is short, with no
    sentence punctuation. A bare township word (镇, 中心, 街道) counts."""
    s = clean_unit(name)
    if not s or len(s) > 30 or _SENTENCE_PUNCT.search(s):
        return False
    if s in _township_exact():
        return True
    if s.endswith(_not_unit_endings()):
        return False
    return s.endswith(_unit_suffixes()) and len(s) >= 2


def _join_wrapped(parts: list[str]) -> list[str]:
    """Pieces separated by a line break or a space: join them when the break is inside a name. A
    piece ending at a complete name followed by one opening a new unit is two names; the break is a
    wrap when the name ahead only completes the one before (县委 / 编办, 各乡 / 镇人民政府)."""
    parts = [p for p in (part.strip(" \t\u3000\xa0") for part in parts) if p]
    if len(parts) > 2 and all(len(p) == 1 for p in parts):
        return ["".join(parts)]  # one character a line: a column one character wide, every break a wrap
    out: list[str] = []
    for i, part in enumerate(parts):
        if out and not out[-1].endswith(tuple(_SEPARATORS)) and (
            not looks_like_unit(last := _last_name(out[-1]))  # 高新区自然资源 / 和规划分局
            or part[0] in _CONNECTORS  # 综合行政执法 / 与应急管理局 (split again later if both are names)
            or (not looks_like_unit(ahead := _name_ahead(parts, i)) and looks_like_unit(last + ahead))  # 县教育局 / 办公
            or names_one_department(last, ahead)  # 县残疾人联 / 合会
            or _completes(last, ahead)
        ):
            out[-1] += part
        else:
            out.append(part)
    return out


def _name_ahead(parts: list[str], i: int) -> str:
    """The name that parts[i] opens, taken on over the following pieces while it is incomplete and
    no separator ends it (a narrow cell writes 编 / 办 one character a line)."""
    name = ""
    for part in parts[i:]:
        token = _SEP_RE.split(part)[0]
        name += token
        if token != part or looks_like_unit(name) or len(name) > 30:
            break
    return name


def _completes(left: str, right: str) -> bool:
    """Whether `right` (a complete name or not) goes on the complete name `left` rather than starting
    a unit of its own: `left` is only a jurisdiction (县委 / 编办), or both name the same department
    and together still do (各乡 / 镇人民政府), or `right` cannot stand without a place (各乡镇 / 人民政府).
    A name opening with a jurisdiction or 各 (县政府, 各街道) is always a new unit."""
    if not right or right.startswith("各") or right[: len(right) - len(strip_place(right))] in _bare_places():
        return False
    if left in _bare_places() or right.startswith(_openings_needing_place()):
        return True
    key = alias_key(clean_unit(left))
    return key is not None and alias_key(clean_unit(right)) == key == alias_key(clean_unit(left + right))


@functools.cache
def _openings_needing_place() -> tuple[str, ...]:
    return tuple(catalog()["unit_name"].get("openings_needing_place", []))


def names_one_department(left: str, right: str) -> bool:
    """Two pieces that only together name a known department (县残疾人联 + 合会 = 县残疾人联合会), or
    that a word of unit names runs across (区人力资源和社 + 会保障局: 社会)."""
    key = alias_key(clean_unit(left + right))
    if key is not None and key not in (alias_key(clean_unit(left)), alias_key(clean_unit(right))):
        return True
    return any(left.endswith(w[:k]) and right.startswith(w[k:]) for w in _words_inside_names()
               for k in range(1, len(w)))


@functools.cache
def _words_inside_names() -> tuple[str, ...]:
    return tuple(catalog()["unit_name"].get("words_inside_names", []))


def _last_name(text: str) -> str:
    return _SEP_RE.split(text)[-1]


def _split_glued(token: str) -> list[str]:
    """Names written one after another without a separator (lines of a cell run together):
    县教育局县财政局, 财政金融局教育和体育事业中心. A split needs two complete names that are two
    departments: both sides known and different, or the right one opening with a jurisdiction word
    (县, 区, 高新区 …: 宣传新闻中心高新区消防救援大队); 县教育局办公室 and 县人民政府教育督导室 stay whole."""
    for k in range(2, len(token) - 1):
        left, right = token[:k], token[k:]
        if right.startswith(_unit_suffixes()) or not (looks_like_unit(left) and looks_like_unit(right)):
            continue  # 人社|局教育… cuts a name before its own ending
        keys = alias_key(left), alias_key(right)
        right_prefix = right[: len(right) - len(strip_place(right))]
        if (None not in keys and keys[0] != keys[1]) or right_prefix in _bare_places():
            role = _ROLE_HEAD.match(right)  # 县教育局（牵头）县财政局: the role word is the left name's
            if role and looks_like_unit(right[role.end():]):
                left, right = left + role.group(), right[role.end():]
            return [left] + _split_glued(right)
    return [token]


@functools.cache
def _bare_places() -> frozenset[str]:
    """Jurisdiction words that open a unit's name on their own (县, 区委, 自治县 …)."""
    return frozenset(catalog()["prefix"]["suffixes"])


def _split_connectors(token: str) -> list[str]:
    """教育局和财政局 → 教育局 / 财政局; 住房和城乡建设局 stays whole (住房 is not a complete name)."""
    for i, ch in enumerate(token):
        if ch in _CONNECTORS and 0 < i < len(token) - 1:
            left, right = token[:i], token[i + 1 :]
            if looks_like_unit(left) and looks_like_unit(_ROLE_TAIL.sub("", right)):
                return [left] + _split_connectors(right)
    return [token]


def split_roles(text: str) -> tuple[list[str], list[str], bool]:
    """Read a unit list into (lead names, support names, whether a role word was seen).

    Names are split on 、，,；; and on line breaks or spaces that fall between complete names;
    parenthetical notes are dropped. Without role words every name is a lead. A role word after
    names assigns them: 县教育局牵头，县财政局、县人社局配合 → lead 县教育局, support 县财政局, 县人社局.
    """
    lead, support, saw_role = _split_roles(text)
    return list(lead), list(support), saw_role


# A plan repeats its unit lists (the cells of a 分工表, a label after each task): about two in five
# are read before in the same plan.
@functools.lru_cache(maxsize=2048)
def _split_roles(text: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    text = drop_notes(_ROLE_NOTE.sub(r"\1", text))  # 县教育局（牵头） → 县教育局牵头
    pieces = _join_wrapped(_BREAKS.split(text))
    tokens: list[str] = []
    for piece in pieces:
        for token in _SEP_RE.split(piece):
            tokens.extend(n for t in _split_connectors(token.strip(_STRIP)) for n in _split_glued(t))
    lead: list[str] = []
    support: list[str] = []
    pending: list[str] = []
    saw_role = False
    for token in tokens:
        m = _ROLE_TAIL.search(token)
        if m:
            saw_role = True
            name = clean_unit(token[: m.start()])
            if name:
                pending.append(name)
            (lead if m.group() in LEAD_WORDS else support).extend(pending)
            pending = []
            continue
        name = clean_unit(token)
        if name and name not in _EMPTY_VALUES:
            pending.append(name)
    # Names after the last role word: support when only a lead was marked (县教育局（牵头）、县财政局).
    (support if lead and not support else lead).extend(pending)
    return tuple(dedupe(lead)), tuple(u for u in dedupe(support) if u not in lead), saw_role


def split_units(text: str) -> list[str]:
    """All names of a unit list, in order, without duplicates."""
    lead, support, _ = split_roles(text)
    return lead + support  # split_roles leaves no name in both


def dedupe(names: list[str]) -> list[str]:
    """The names in their first order, each once, empty ones left out."""
    return [n for n in dict.fromkeys(names) if n]


# --- comparison -------------------------------------------------------------------------------


@functools.cache
def _place_prefix() -> tuple[re.Pattern, tuple[str, ...], tuple[str, ...]]:
    p = catalog()["prefix"]
    ordered = sorted(p["suffixes"], key=len, reverse=True)
    suffixes = "|".join(map(re.escape, ordered))
    pattern = regex_cache.compile(rf"[\u4e00-\u9fa5]{{0,{int(p['max_place_chars'])}}}?(?:{suffixes})")
    return pattern, tuple(p.get("keep_words", [])), tuple(s for s in ordered if len(s) > 1)


def strip_place(name: str) -> str:
    """Drop the shortest jurisdiction prefix (奇台县 / 区委 / 高新区 …) unless the character belongs to
    the name (市场监督管理局, 城市管理局, 各社区). A prefix ending where a longer suffix starts is taken
    with that suffix: 县委政法委 → 政法委, not 委政法委 (but 县委员会… keeps its 委)."""
    pattern, keep, long_suffixes = _place_prefix()
    for end in range(1, len(name)):
        if not pattern.fullmatch(name, 0, end):
            continue
        longer = next((s for s in long_suffixes if name.startswith(s, end - 1)), None)
        if longer and end - 1 + len(longer) < len(name) and name[end - 1 + len(longer)] != "员":
            end += len(longer) - 1
        last, nxt, before = name[end - 1], name[end], name[end - 2] if end >= 2 else ""
        if any(w == last + nxt or w == before + last for w in keep):
            continue
        return name[end:]
    return name


@functools.cache
def _aliases() -> list[tuple[str, re.Pattern | None, frozenset[str]]]:
    """(key, stem pattern, exact names) of each alias group, in catalog order."""
    out = []
    for group in catalog()["alias"]:
        stems = group.get("stems", [])
        out.append((group["key"], regex_cache.compile("|".join(stems)) if stems else None, frozenset(group.get("exact", []))))
    return out


@functools.cache
def unit_key(name: str) -> str:
    """The comparison key of a unit name: an alias group's key (教育, 编办, 乡镇 …) or the name
    without its place prefix. 区委编办, 编委办 and 机构编制委员会办公室 all give 编办."""
    s = clean_unit(name)
    return alias_key(s) or strip_place(s) or s


@functools.cache
def alias_key(s: str) -> str | None:
    """The key of the first alias group that a cleaned name belongs to, or None."""
    bare = strip_place(s)
    for key, stems, exact in _aliases():
        if (stems and stems.search(s)) or s in exact or bare in exact:
            return key
    return None


# --- departments each indicator needs -----------------------------------------------------------


def required_departments() -> dict[str, dict]:
    """Indicator ID → {"needs": [[alternative keys], …], "why": Chinese reason}."""
    return catalog().get("required_departments", {})


def missing_departments(indicator: str, units: list[str]) -> list[list[str]]:
    """The `needs` entries of an indicator that none of `units` meets (empty when all are met or the
    indicator has no requirement)."""
    entry = required_departments().get(indicator)
    if not entry:
        return []
    keys = {unit_key(u) for u in units}
    return [alts for alts in entry["needs"] if not keys & set(alts)]
