"""Text cleaning: full-width forms to half-width, without touching Chinese punctuation."""
from __future__ import annotations

import re

from duibiao import regex_cache

_FOLD = {0x3000: " ", 0x00A0: " ", 0xFF05: "%", 0xFE6A: "%", 0xFF0E: ".",
         0xFF1C: "<", 0xFF1D: "=", 0xFF1E: ">", 0x2266: "≤", 0x2267: "≥"}
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ

# Most text has nothing to fold, and translate() looks up every character of it.
_FOLDABLE = regex_cache.compile("[" + "".join(map(chr, _FOLD)) + "]")
_ZERO_WIDTH = regex_cache.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_H_SPACE = regex_cache.compile(r"[^\S\n]+")  # whitespace runs inside a line

# A document number (文号): the issuer's short name, the year in brackets of any kind a plan or a portal
# copy uses, the serial number: 奇政办发〔2021〕10号, X政办发[2022]7号. Groups: issuer, year, serial.
DOC_NUMBER = regex_cache.compile(r"([\u4e00-\u9fa5]{1,12})\s*[〔［\[【（(]\s*((?:19|20)\d{2})\s*[〕］\]】）)]\s*(\d{1,4})\s*号")


def fold(text: str) -> str:
    """Map full-width digits, letters, ％ ． ＜＝＞ ≦≧ and the ideographic space to ASCII forms.

    One character in, one character out, so offsets into the result are offsets into `text`.
    Chinese punctuation （）：；，、《》“” and Roman numerals Ⅰ–Ⅻ are left as they are.
    """
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


def _collapse(match: re.Match) -> str:
    return "\t" if "\t" in match.group() else " "


def clean(text: str) -> str:
    """fold(), drop zero-width characters, normalize line ends, collapse whitespace runs in a line.

    A run that contains a tab becomes one tab (tabs separate table cells); any other run one space.
    """
    text = _ZERO_WIDTH.sub("", fold(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _H_SPACE.sub(_collapse, text)
