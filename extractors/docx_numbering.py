"""Automatic list numbering: the labels Word draws (一、 （一） 1. ①) recovered from numbering.xml."""
from __future__ import annotations

import re

from duibiao import regex_cache
from duibiao.extractors.docx_styles import Styles
from duibiao.extractors.ooxml import (
    MC_ALT,
    MC_CHOICE,
    MC_FALLBACK,
    PSTYLE,
    VAL,
    W,
    int_value,
    is_on,
)
from lxml import etree


class Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "suffix")

    def __init__(self, lvl):
        self.start = int_value(lvl.find(W + "start"), 0)
        fmt = lvl.find(W + "numFmt")
        if fmt is None:  # a custom format lives in mc:AlternateContent; its Fallback names a standard one
            alt = lvl.find(MC_ALT)
            branch = None
            if alt is not None:
                branch = alt.find(MC_FALLBACK)
                if branch is None:
                    branch = alt.find(MC_CHOICE)
            fmt = branch.find(W + "numFmt") if branch is not None else None
        self.fmt = (fmt.get(VAL) if fmt is not None else None) or "decimal"
        text = lvl.find(W + "lvlText")
        self.text = text.get(VAL) if text is not None else None
        self.restart = int_value(lvl.find(W + "lvlRestart"))
        legal = lvl.find(W + "isLgl")
        self.legal = legal is not None and is_on(legal)
        suffix = lvl.find(W + "suff")
        self.suffix = (suffix.get(VAL) if suffix is not None else None) or "tab"


class Numbering:
    """Automatic list labels, counted the way Word counts them."""

    def __init__(self, root, styles: Styles):
        self.styles = styles
        self.abstract: dict[str, etree._Element] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, etree._Element | None]]]] = {}
        self._levels: dict[str, dict[int, Level]] = {}
        self._keys: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[tuple[str, int]] = set()
        if root is None:
            return
        for el in root.iter(W + "abstractNum"):
            aid = el.get(W + "abstractNumId")
            if aid is not None:
                self.abstract.setdefault(aid, el)
        for el in root.iter(W + "num"):
            nid = el.get(W + "numId")
            ref = el.find(W + "abstractNumId")
            if nid is None or ref is None or ref.get(VAL) is None:
                continue
            overrides = {}
            for ov in el.findall(W + "lvlOverride"):
                try:
                    ilvl = int(ov.get(W + "ilvl"))
                except (TypeError, ValueError):
                    continue
                start = ov.find(W + "startOverride")
                overrides[ilvl] = (int_value(start) if start is not None else None, ov.find(W + "lvl"))
            self.nums.setdefault(nid, (ref.get(VAL), overrides))

    def _abstract_levels(self, aid: str, depth: int = 0) -> tuple[str, dict[int, etree._Element]]:
        """(counter key, level elements) of an abstractNum, following w:numStyleLink to the real one."""
        el = self.abstract.get(aid)
        if el is None:
            return aid, {}
        levels = {}
        for lvl in el.findall(W + "lvl"):
            try:
                levels[int(lvl.get(W + "ilvl"))] = lvl
            except (TypeError, ValueError):
                continue
        link = el.find(W + "numStyleLink")
        if link is not None and depth < 4:
            num_id = self.styles.numbering_style_num(link.get(VAL) or "")
            if num_id in self.nums:
                return self._abstract_levels(self.nums[num_id][0], depth + 1)
        return aid, levels

    def levels(self, num_id: str) -> tuple[str, dict[int, Level]]:
        cached = self._levels.get(num_id)
        if cached is None:
            aid, overrides = self.nums[num_id]
            key, elements = self._abstract_levels(aid)
            cached = {ilvl: Level(lvl) for ilvl, lvl in elements.items()}
            for ilvl, (_start, lvl) in overrides.items():
                if lvl is not None:
                    cached[ilvl] = Level(lvl)
            self._levels[num_id] = cached
            self._keys[num_id] = key
        return self._keys[num_id], cached

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        """The level whose w:pStyle names the paragraph's style (a style that numbers without w:ilvl)."""
        if num_id in self.nums and style_id is not None:
            _aid, elements = self._abstract_levels(self.nums[num_id][0])
            for ilvl, lvl in elements.items():
                ps = lvl.find(PSTYLE)
                if ps is not None and ps.get(VAL) == style_id:
                    return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """(label, separator) for the next paragraph of list num_id at level ilvl; None when unnumbered."""
        if num_id not in self.nums:
            return None
        key, levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(key, {})
        start_override = self.nums[num_id][1].get(ilvl, (None, None))[0]
        if (num_id, ilvl) not in self.seen and start_override is not None:
            counters[ilvl] = start_override
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        self.seen.add((num_id, ilvl))
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet" or not level.text:
            return None

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            ref = levels.get(k)
            n = counters.get(k, ref.start if ref is not None else 1)
            fmt = ref.fmt if ref is not None else "decimal"
            if level.legal and fmt != "none":
                fmt = "decimal"
            return format_number(n, fmt)

        text = re.sub(r"%([1-9])", value, level.text).strip()
        if not text:
            return None
        sep = "" if level.suffix == "nothing" or _ENDS_LABEL.search(text) else " "
        return text, sep


_ENDS_LABEL = regex_cache.compile(r"[、，,．.:：;；)）\]】〕》」』\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]$")
_CN_DIGITS = "〇一二三四五六七八九"
_CN_UNITS = ["", "十", "百", "千"]
_LEGAL = str.maketrans("〇一二三四五六七八九十百千", "零壹贰叁肆伍陆柒捌玖拾佰仟")
_GAN = "甲乙丙丁戊己庚辛壬癸"
_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def chinese_number(n: int) -> str:
    """一, 十, 十一, 二十, 一百零一 … (as Word's chineseCounting/chineseCountingThousand)."""
    if n <= 0 or n >= 10000:
        return _CN_DIGITS[0] if n == 0 else str(n)
    digits = str(n)
    out, zero = [], False
    for i, ch in enumerate(digits):
        d = int(ch)
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零")
        zero = False
        out.append(_CN_DIGITS[d] + _CN_UNITS[len(digits) - 1 - i])
    text = "".join(out)
    return text[1:] if 10 <= n < 20 else text


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return "⓪" if n == 0 else str(n)


def _letters(n: int) -> str:
    if not 0 < n <= 780:  # Word repeats the letter: a … z, aa … zz, up to 780
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A list counter in an OOXML w:numFmt; unknown formats fall back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n).translate(_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseLegal"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional":
        return _GAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _ZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _circled(n)
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)
