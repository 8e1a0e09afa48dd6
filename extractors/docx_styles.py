"""Word styles: bold, hidden and list numbering that paragraphs and runs inherit from their styles."""
from __future__ import annotations

from functools import lru_cache

from lxml import etree

from duibiao.extractors.ooxml import (
    B, FIRST_LINE, FIRST_LINE_CHARS, ILVL, IND, JC, NUMID, NUMPR, PPR, RPR, VAL, VANISH, W, first_child,
    int_value, is_on, parse_part,
)


class ParaStyle:
    __slots__ = ("bold", "hidden", "num_id", "ilvl", "style_id", "indent", "centred")

    def __init__(self, bold=False, hidden=False, num_id=None, ilvl=None, style_id=None, indent=False, centred=False):
        self.bold, self.hidden, self.num_id, self.ilvl, self.style_id = bold, hidden, num_id, ilvl, style_id
        self.indent, self.centred = indent, centred  # first-line indent; centred or right-aligned


def indent_and_alignment(ppr) -> tuple[bool | None, bool | None]:
    """(has a first-line indent, is centred or right-aligned) as a pPr states them, None where it is silent."""
    return stated_layout(first_child(ppr, IND), first_child(ppr, JC))


def stated_layout(ind, jc) -> tuple[bool | None, bool | None]:
    """indent_and_alignment of a pPr's first w:ind and w:jc (None: absent)."""
    indent = centred = None
    if ind is not None:
        values = [int_value_of(ind.get(FIRST_LINE)), int_value_of(ind.get(FIRST_LINE_CHARS))]
        if any(v is not None for v in values):
            indent = any(v is not None and v > 0 for v in values)
    if jc is not None:
        centred = jc.get(VAL) in ("center", "right", "end")
    return indent, centred


def int_value_of(text: str | None) -> int | None:
    try:
        return int(float(text)) if text is not None else None
    except ValueError:
        return None


# A styles part larger than this (bytes) is parsed for its own document only: a tree takes ~13 times
# its XML (python-docx's 350 KB: 4.6 MB), so the four kept hold ~30 MB at most.
MAX_KEPT_STYLES = 512 * 1024


def parsed_styles(xml: bytes) -> Styles | None:
    """The Styles of a styles part's XML, or None when it cannot be parsed. Kept for the last few
    distinct parts, by content: plans made from one template carry the same styles.xml, and its tree
    can be most of a plan's parsing (python-docx's template: 350 KB of table styles). A Styles only
    reads its tree and caches what it derives, so documents can share one. An odd-sized part is not
    kept, so that a batch never holds several huge trees."""
    return _kept_styles(xml) if len(xml) <= MAX_KEPT_STYLES else _styles(xml)


@lru_cache(maxsize=4)
def _kept_styles(xml: bytes) -> Styles | None:
    return _styles(xml)


def _styles(xml: bytes) -> Styles | None:
    root = parse_part(xml)
    return None if root is None else Styles(root)


class Styles:
    """Just what the reader needs from styles.xml: bold, hidden, and list numbering, with basedOn."""

    def __init__(self, root):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.default_bold = self.default_hidden = False
        self._para: dict[str | None, ParaStyle] = {}
        self._char: dict[str, tuple[bool | None, bool | None]] = {}
        if root is None:
            return
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            self.by_id.setdefault(sid, style)
            if style.get(W + "type") == "paragraph" and _on_attr(style.get(W + "default")):
                self.default_para = self.default_para or sid
        rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if rpr is not None:
            b, h = rpr_flags(rpr)
            self.default_bold, self.default_hidden = bool(b), bool(h)

    def _chain(self, sid: str | None):
        seen = set()
        while sid is not None and sid not in seen and len(seen) < 32:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                return
            yield style
            based = style.find(W + "basedOn")
            sid = based.get(VAL) if based is not None else None

    def para(self, sid: str | None) -> ParaStyle:
        if sid is None or sid not in self.by_id:
            sid = self.default_para
        cached = self._para.get(sid)
        if cached is not None:
            return cached
        bold, hidden = self._run_flags(sid)
        num_id = ilvl = indent = centred = None
        for style in self._chain(sid):
            ppr = style.find(PPR)
            if ppr is not None:
                own_indent, own_centred = indent_and_alignment(ppr)
                indent = indent if indent is not None else own_indent
                centred = centred if centred is not None else own_centred
            numpr = style.find(f"{PPR}/{NUMPR}")
            if numpr is not None:
                if num_id is None and numpr.find(NUMID) is not None:
                    num_id = numpr.find(NUMID).get(VAL)
                if ilvl is None and numpr.find(ILVL) is not None:
                    ilvl = int_value(numpr.find(ILVL))
        result = ParaStyle(
            self.default_bold if bold is None else bold,
            self.default_hidden if hidden is None else hidden,
            num_id,
            ilvl,
            sid,
            bool(indent),
            bool(centred),
        )
        self._para[sid] = result
        return result

    def char(self, sid: str) -> tuple[bool | None, bool | None]:
        cached = self._char.get(sid)
        if cached is None:
            cached = self._char[sid] = self._run_flags(sid)
        return cached

    def _run_flags(self, sid: str) -> tuple[bool | None, bool | None]:
        """Bold and hidden as the style and the styles it is based on set them (nearest wins)."""
        bold = hidden = None
        for style in self._chain(sid):
            rpr = style.find(RPR)
            if rpr is not None:
                b, h = rpr_flags(rpr)
                bold = b if bold is None else bold
                hidden = h if hidden is None else hidden
        return bold, hidden

    def numbering_style_num(self, sid: str) -> str | None:
        """The numId a numbering style (the target of w:numStyleLink) points to."""
        for style in self._chain(sid):
            num = style.find(f"{PPR}/{NUMPR}/{NUMID}")
            if num is not None:
                return num.get(VAL)
        return None


def _on_attr(val: str | None) -> bool:
    return val is not None and val.lower() in ("1", "true", "on")


def rpr_flags(rpr) -> tuple[bool | None, bool | None]:
    bold = hidden = None
    for child in rpr:
        if child.tag == B:
            bold = is_on(child)
        elif child.tag == VANISH:
            hidden = is_on(child)
    return bold, hidden
