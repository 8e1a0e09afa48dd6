"""Numbers written in digits, in Chinese numerals, as 百分之…, or as Roman numerals."""
from __future__ import annotations

from duibiao import regex_cache
from duibiao.normalizer.errors import GrammarError
from duibiao.normalizer.text import fold

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

ROMAN = {chr(0x2160 + i): i + 1 for i in range(12)}  # Ⅰ–Ⅻ
ROMAN.update({chr(0x2170 + i): i + 1 for i in range(12)})  # ⅰ–ⅻ
_ASCII_ROMAN = regex_cache.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

_ARABIC = regex_cache.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")


def parse_chinese_number(s: str) -> float:
    """Read 95, 0.50, 2,000, 两千, 二千五百, 十二, 一百零五, 两千五, 四点二, 二〇二四, 百分之九十五 (→ 95), 95%."""
    text = fold(s).strip()
    if text.startswith("百分之"):
        text = text[3:].strip()
    elif text.endswith("%"):
        text = text[:-1].strip()
    if _ARABIC.fullmatch(text):
        return float(text.replace(",", ""))
    whole, _, fraction = text.partition("点")
    value = float(_chinese_integer(whole, s))
    if fraction:
        if any(c not in DIGITS for c in fraction):
            raise GrammarError(f"无法解析的数字：{s!r}")
        value += _digit_sequence(fraction) / 10 ** len(fraction)
    return value


def _digit_sequence(text: str) -> float:
    value = 0.0
    for c in text:
        value = value * 10 + DIGITS[c]
    return value


def _chinese_integer(text: str, original: str) -> float:
    if not text or any(c not in CHINESE_NUMERAL_CHARS for c in text):
        raise GrammarError(f"无法解析的数字：{original!r}")
    if all(c in DIGITS for c in text):  # digit by digit: 二〇二四, 九
        return _digit_sequence(text)
    total = section = 0
    pending: int | None = None  # a digit not yet multiplied by a unit
    last_small = 10_000  # units inside a section must decrease: 二千五百
    last_big = 10**9
    previous_unit = 0  # the unit right before the pending digit (两千五 = 2500), 0 after 零
    for c in text:
        if c in DIGITS:
            if pending is not None:
                raise GrammarError(f"无法解析的数字：{original!r}")
            if DIGITS[c] == 0:
                previous_unit = 0
            else:
                pending = DIGITS[c]
        elif c in SMALL_UNITS:
            unit = SMALL_UNITS[c]
            if unit >= last_small:
                raise GrammarError(f"无法解析的数字：{original!r}")
            section += (1 if pending is None else pending) * unit
            pending, last_small, previous_unit = None, unit, unit
        else:
            unit = BIG_UNITS[c]
            if unit >= last_big:
                raise GrammarError(f"无法解析的数字：{original!r}")
            section += pending or 0
            total += (section or 1) * unit
            section, pending, last_small, last_big, previous_unit = 0, None, 10_000, unit, unit
    if pending is not None:
        section += pending * max(previous_unit // 10, 1)
    return total + section


def roman_to_int(s: str) -> int:
    """Ⅲ → 3; also ⅲ and ASCII III."""
    text = fold(s).strip()
    if len(text) == 1 and text in ROMAN:
        return ROMAN[text]
    text = text.upper()
    if not text or not _ASCII_ROMAN.fullmatch(text):
        raise GrammarError(f"不是罗马数字：{s!r}")
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if v < nxt else v for v, nxt in zip(values, values[1:] + [0]))
