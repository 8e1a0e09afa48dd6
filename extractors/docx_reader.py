"""Word (.docx) plans: the body's paragraphs and tables in reading order, read straight from the OOXML.

The package is opened with zipfile and its parts are parsed with lxml (no entity resolution, no
network, no DTD); no python-docx objects are built, which keeps a 20-page plan well under 0.1 s.
Only the main document part is read, plus styles.xml and numbering.xml to recover automatic list
labels and bold from styles. Headers, footers, footnotes, endnotes and comments are separate parts
and are never read.

Choices, so a reader of the code knows what to expect:

* Paragraphs: one Block per non-empty body paragraph (also inside w:sdt content controls and
  w:customXml). Location(paragraph=N) counts every body paragraph, empty ones too, so N is stable.
  A table sits at Location(paragraph=N+1) where N is the number of body paragraphs before it.
* Line breaks: in a body paragraph a w:br is a visual wrap and is dropped between CJK text (kept as
  one space between Latin words); a page break (w:br type="page") splits the paragraph into two
  blocks, so that e.g. "附件1" after a page break stands on a line of its own. Inside a table cell a
  w:br is kept as "\\n". Tabs become one space everywhere (TAB separates cells in Block.text).
* Tables: rows come from the w:tc elements, not python-docx's row.cells. A horizontally merged cell
  (gridSpan, or the legacy hMerge) is read once per row, so columns count cells as seen; a vertically
  merged cell is repeated on each row it spans with spanned=True (its origin keeps spanned=False).
  Tracked-deleted rows are skipped; empty rows are kept so row numbers match what a person sees.
* Nested tables: a table inside a cell is flattened into that cell's text at its place, one line
  per row, cells separated by a space (vertically merged repeats omitted), so nothing is lost.
* Text boxes (w:txbxContent in DrawingML or VML): their paragraphs are emitted right after the
  anchor paragraph, with the anchor's location; inside a cell they join the cell's text. Of an
  mc:AlternateContent only the first mc:Choice is read (mc:Fallback when there is no Choice).
* Tracked changes are shown accepted: w:ins/w:moveTo kept, w:del/w:moveFrom dropped; a paragraph whose
  mark was deleted and whose text is all deleted is dropped without advancing list numbering.
* Fields: only the result (between fldChar separate and end; w:fldSimple's runs) is kept. The
  result of a TOC field (an automatic table of contents) is left out, with a warning: it repeats the
  headings with page numbers, and a line such as "附件 12" would look like the annex heading.
* Hidden text (w:vanish on the run or its style) and content-control placeholder text are dropped.
* Automatic list numbering is turned back into the label in the text ("一、", "（一）", "1.", "①").
  As in Word, list counters belong to the abstract numbering definition (w:num instances sharing an
  abstractNum continue one sequence); a w:num's lvlOverride/startOverride restarts a level the first
  time that w:num is used at that level.
* Cell.bold: per paragraph line of a cell, each contiguous stretch of bold runs (bold from w:b on the
  run, its character style, or the paragraph style, w:b w:val="0" meaning not bold), stripped.
  Whitespace-only plain runs do not break a stretch.
"""
from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

from errors import UnreadableDocument
from extractors.model import Block, Cell, Document, Location, table_text
from extractors.zip_safety import check_sizes, open_archive, read_member

# --- names -------------------------------------------------------------------------------------

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_W = "{%s}" % _W_NS
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

BODY, P, R, T, TBL, TR, TC = (_W + n for n in ("body", "p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR, PSTYLE, RSTYLE = (_W + n for n in ("pPr", "rPr", "trPr", "tcPr", "pStyle", "rStyle"))
NUMPR, NUMID, ILVL = _W + "numPr", _W + "numId", _W + "ilvl"
SDT, SDTPR, SDTCONTENT, PLACEHOLDER = _W + "sdt", _W + "sdtPr", _W + "sdtContent", _W + "showingPlcHdr"
CUSTOMXML, ALTCHUNK, SECTPR = _W + "customXml", _W + "altChunk", _W + "sectPr"
INS, DEL, MOVETO, MOVEFROM = _W + "ins", _W + "del", _W + "moveTo", _W + "moveFrom"
TAB, PTAB, BR, CR = _W + "tab", _W + "ptab", _W + "br", _W + "cr"
NOBREAKHYPHEN, FLDCHAR, INSTRTEXT, FLDSIMPLE = _W + "noBreakHyphen", _W + "fldChar", _W + "instrText", _W + "fldSimple"
DRAWING, PICT, OBJECT, TXBXCONTENT = _W + "drawing", _W + "pict", _W + "object", _W + "txbxContent"
RUBY, RUBYBASE = _W + "ruby", _W + "rubyBase"
B, VANISH = _W + "b", _W + "vanish"
GRIDSPAN, GRIDBEFORE, VMERGE, HMERGE, CELLDEL = (
    _W + n for n in ("gridSpan", "gridBefore", "vMerge", "hMerge", "cellDel")
)
VAL, TYPE, FLDCHARTYPE, INSTR = _W + "val", _W + "type", _W + "fldCharType", _W + "instr"
MC_ALT, MC_CHOICE, MC_FALLBACK = _MC + "AlternateContent", _MC + "Choice", _MC + "Fallback"
M_OMATH, M_OMATHPARA, M_T = _M + "oMath", _M + "oMathPara", _M + "t"

# Inline elements whose children are read as if they were the paragraph's own.
_INLINE_CONTAINERS = frozenset(
    _W + n for n in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo")
)
_SHAPES = frozenset((DRAWING, PICT, OBJECT, MC_ALT))

# Private-use marks for what becomes different text in the body and in cells.
_BR, _TAB, _PAGE = "\ue000", "\ue001", "\ue002"
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")
_CJK = re.compile(
    r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff\u2018-\u201d\u2026\u2014]"
)
_TABS = re.compile(" *\ue001[\ue001 ]*")
_BREAKS = re.compile("[\ue000 ]*\ue000[\ue000 ]*")


# --- entry point -------------------------------------------------------------------------------


def read_docx(path: str, data: bytes) -> Document:
    """Read a .docx (or .docm/.dotx) file's body into the document model; structure is left to finalize()."""
    path = str(path)
    zf = open_archive(data, path)
    check_sizes(zf, path)  # before anything is inflated
    names = {n.lower().lstrip("/"): n for n in zf.namelist()}
    warnings: list[str] = []
    main = _main_part(zf, names, path)
    if main is None:
        raise UnreadableDocument(path, "压缩包中没有 Word 正文（word/document.xml），不是有效的 Word 文档")
    xml = _read_part(zf, main, path)
    if _DOCTYPE.search(xml[:4096]):  # OOXML forbids DTDs; one here is an entity attack, not a document
        raise UnreadableDocument(path, "Word 文档的正文含有 DTD/实体声明（Word 文档不应有），可能是恶意构造的文件，已拒绝读取")
    root = _parse(xml)
    if root is None:  # broken XML: read what libxml2's recovery mode can make of it
        root = _parse(xml, recover=True)
        if root is None or root.find(BODY) is None:
            raise UnreadableDocument(path, "Word 文档的正文已损坏（XML 无法解析），无法读取")
        warnings.append("Word 文档的正文 XML 有损坏，已尽量读取其中可读的部分")
    related = _related_parts(zf, names, main, path)
    styles = numbering = None
    broken = False
    for kind in ("styles", "numbering"):
        name = related.get(kind)
        if name is None:
            continue
        try:
            part = _parse(_read_part(zf, name, path))
        except UnreadableDocument:
            part = None
        if part is None:
            broken = True
        elif kind == "styles":
            styles = part
        else:
            numbering = part
    if broken:
        warnings.append("文档的样式或编号定义已损坏，自动编号和样式中的加粗可能未能还原")
    reader = _Reader(_Styles(styles), numbering)
    body = root.find(BODY)
    if body is not None:
        try:
            reader.body(body)
        except RecursionError:
            raise UnreadableDocument(path, "Word 文档的结构嵌套过深（表格或文本框层层嵌套），无法读取") from None
    return Document(source=path, format="docx", blocks=reader.blocks, warnings=warnings + reader.warnings())


def _read_part(zf: zipfile.ZipFile, name: str, path: str) -> bytes:
    data = read_member(zf, name, path)
    if _W_STRICT in data:  # "Strict Open XML" files: same vocabulary, another namespace
        data = data.replace(_W_STRICT, _W_NS.encode())
    return data


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _parse(data: bytes, recover: bool = False):
    """The root element, or None when the XML cannot be parsed."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _relationships(zf: zipfile.ZipFile, names: dict[str, str], rels_name: str, path: str) -> list[tuple[str, str]]:
    """(type, target part name) of a .rels part; empty when missing or broken."""
    actual = names.get(rels_name.lower())
    if actual is None:
        return []
    try:
        root = _parse(_read_part(zf, actual, path))
    except UnreadableDocument:  # a damaged .rels part: fall back on the usual part names
        return []
    if root is None:
        return []
    base = posixpath.dirname(posixpath.dirname(rels_name))  # "word/_rels/document.xml.rels" → "word"
    found = []
    for rel in root.iter(_PKG_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        if target.startswith("/"):
            name = target.lstrip("/")
        else:
            name = posixpath.normpath(posixpath.join(base, target))
        found.append((rel.get("Type") or "", name))
    return found


def _main_part(zf: zipfile.ZipFile, names: dict[str, str], path: str) -> str | None:
    for rel_type, name in _relationships(zf, names, "_rels/.rels", path):
        if rel_type.endswith("/officeDocument") and name.lower() in names:
            return names[name.lower()]
    return names.get("word/document.xml")


def _related_parts(zf: zipfile.ZipFile, names: dict[str, str], main: str, path: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    found: dict[str, str] = {}
    for rel_type, name in _relationships(zf, names, rels, path):
        kind = rel_type.rsplit("/", 1)[-1]
        if kind in ("styles", "numbering") and kind not in found and name.lower() in names:
            found[kind] = names[name.lower()]
    for kind in ("styles", "numbering"):  # a package without part relationships: the usual names
        if kind not in found and posixpath.join(folder, kind + ".xml").lower() in names:
            found[kind] = names[posixpath.join(folder, kind + ".xml").lower()]
    return found


def _on(el) -> bool:
    """An OOXML on/off property: present without w:val, or with a true value."""
    val = el.get(VAL)
    return val is None or val.lower() not in ("0", "false", "off", "none")


def _int(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(VAL))
    except (TypeError, ValueError):
        return default


def _mc_branch(alt):
    """The one branch of an mc:AlternateContent to read: the first Choice, else the Fallback."""
    fallback = None
    for child in alt:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK:
            fallback = child
    return fallback


def _placeholder(sdt) -> bool:
    pr = sdt.find(SDTPR)
    return pr is not None and pr.find(PLACEHOLDER) is not None


# --- styles ------------------------------------------------------------------------------------


class _ParaStyle:
    __slots__ = ("bold", "hidden", "num_id", "ilvl", "style_id")

    def __init__(self, bold=False, hidden=False, num_id=None, ilvl=None, style_id=None):
        self.bold, self.hidden, self.num_id, self.ilvl, self.style_id = bold, hidden, num_id, ilvl, style_id


class _Styles:
    """Just what the reader needs from styles.xml: bold, hidden, and list numbering, with basedOn."""

    def __init__(self, root):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.default_bold = self.default_hidden = False
        self._para: dict[str | None, _ParaStyle] = {}
        self._char: dict[str, tuple[bool | None, bool | None]] = {}
        if root is None:
            return
        for style in root.iter(_W + "style"):
            sid = style.get(_W + "styleId")
            if sid is None:
                continue
            self.by_id.setdefault(sid, style)
            if style.get(_W + "type") == "paragraph" and _on_attr(style.get(_W + "default")):
                self.default_para = self.default_para or sid
        rpr = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if rpr is not None:
            b, h = _rpr_flags(rpr)
            self.default_bold, self.default_hidden = bool(b), bool(h)

    def _chain(self, sid: str | None):
        seen = set()
        while sid is not None and sid not in seen and len(seen) < 32:
            seen.add(sid)
            style = self.by_id.get(sid)
            if style is None:
                return
            yield style
            based = style.find(_W + "basedOn")
            sid = based.get(VAL) if based is not None else None

    def para(self, sid: str | None) -> _ParaStyle:
        if sid is None or sid not in self.by_id:
            sid = self.default_para
        cached = self._para.get(sid)
        if cached is not None:
            return cached
        bold, hidden = self._run_flags(sid)
        num_id = ilvl = None
        for style in self._chain(sid):
            numpr = style.find(f"{PPR}/{NUMPR}")
            if numpr is not None:
                if num_id is None and numpr.find(NUMID) is not None:
                    num_id = numpr.find(NUMID).get(VAL)
                if ilvl is None and numpr.find(ILVL) is not None:
                    ilvl = _int(numpr.find(ILVL))
        result = _ParaStyle(
            self.default_bold if bold is None else bold,
            self.default_hidden if hidden is None else hidden,
            num_id,
            ilvl,
            sid,
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
                b, h = _rpr_flags(rpr)
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


def _rpr_flags(rpr) -> tuple[bool | None, bool | None]:
    bold = hidden = None
    for child in rpr:
        if child.tag == B:
            bold = _on(child)
        elif child.tag == VANISH:
            hidden = _on(child)
    return bold, hidden


# --- list numbering ----------------------------------------------------------------------------


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "suffix")

    def __init__(self, lvl):
        self.start = _int(lvl.find(_W + "start"), 0)
        fmt = lvl.find(_W + "numFmt")
        if fmt is None:  # a custom format lives in mc:AlternateContent; its Fallback names a standard one
            alt = lvl.find(MC_ALT)
            branch = None
            if alt is not None:
                branch = alt.find(MC_FALLBACK)
                if branch is None:
                    branch = alt.find(MC_CHOICE)
            fmt = branch.find(_W + "numFmt") if branch is not None else None
        self.fmt = (fmt.get(VAL) if fmt is not None else None) or "decimal"
        text = lvl.find(_W + "lvlText")
        self.text = text.get(VAL) if text is not None else None
        self.restart = _int(lvl.find(_W + "lvlRestart"))
        legal = lvl.find(_W + "isLgl")
        self.legal = legal is not None and _on(legal)
        suffix = lvl.find(_W + "suff")
        self.suffix = (suffix.get(VAL) if suffix is not None else None) or "tab"


class _Numbering:
    """Automatic list labels, counted the way Word counts them."""

    def __init__(self, root, styles: _Styles):
        self.styles = styles
        self.abstract: dict[str, etree._Element] = {}
        self.nums: dict[str, tuple[str, dict[int, tuple[int | None, etree._Element | None]]]] = {}
        self._levels: dict[str, dict[int, _Level]] = {}
        self._keys: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.seen: set[tuple[str, int]] = set()
        if root is None:
            return
        for el in root.iter(_W + "abstractNum"):
            aid = el.get(_W + "abstractNumId")
            if aid is not None:
                self.abstract.setdefault(aid, el)
        for el in root.iter(_W + "num"):
            nid = el.get(_W + "numId")
            ref = el.find(_W + "abstractNumId")
            if nid is None or ref is None or ref.get(VAL) is None:
                continue
            overrides = {}
            for ov in el.findall(_W + "lvlOverride"):
                try:
                    ilvl = int(ov.get(_W + "ilvl"))
                except (TypeError, ValueError):
                    continue
                start = ov.find(_W + "startOverride")
                overrides[ilvl] = (_int(start) if start is not None else None, ov.find(_W + "lvl"))
            self.nums.setdefault(nid, (ref.get(VAL), overrides))

    def _abstract_levels(self, aid: str, depth: int = 0) -> tuple[str, dict[int, etree._Element]]:
        """(counter key, level elements) of an abstractNum, following w:numStyleLink to the real one."""
        el = self.abstract.get(aid)
        if el is None:
            return aid, {}
        levels = {}
        for lvl in el.findall(_W + "lvl"):
            try:
                levels[int(lvl.get(_W + "ilvl"))] = lvl
            except (TypeError, ValueError):
                continue
        link = el.find(_W + "numStyleLink")
        if link is not None and depth < 4:
            num_id = self.styles.numbering_style_num(link.get(VAL) or "")
            if num_id in self.nums:
                return self._abstract_levels(self.nums[num_id][0], depth + 1)
        return aid, levels

    def levels(self, num_id: str) -> tuple[str, dict[int, _Level]]:
        cached = self._levels.get(num_id)
        if cached is None:
            aid, overrides = self.nums[num_id]
            key, elements = self._abstract_levels(aid)
            cached = {ilvl: _Level(lvl) for ilvl, lvl in elements.items()}
            for ilvl, (_start, lvl) in overrides.items():
                if lvl is not None:
                    cached[ilvl] = _Level(lvl)
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


_ENDS_LABEL = re.compile(r"[、，,．.:：;；)）\]】〕》」』\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]$")
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


# --- the body ----------------------------------------------------------------------------------


class _Field:
    __slots__ = ("result", "instr", "drop")

    def __init__(self):
        self.result = False
        self.instr: list[str] = []
        self.drop = False


class _Reader:
    def __init__(self, styles: _Styles, numbering_root):
        self.styles = styles
        self.numbering = _Numbering(numbering_root, styles)
        self.blocks: list[Block] = []
        self.para_no = 0
        self.fields: list[_Field] = []
        self.keep = True  # False inside a field's instructions or a left-out field result
        self.images = self.objects = self.altchunks = 0
        self.toc = False

    def warnings(self) -> list[str]:
        found = []
        if self.toc:
            found.append("文档中的自动目录已略去（目录只重复正文标题和页码）")
        if self.images:
            found.append(f"文档中有 {self.images} 张图片或图表（如公章、图表截图），图片中的文字未读取")
        if self.objects:
            found.append(f"文档中有 {self.objects} 个嵌入对象（如嵌入的 Excel 表格），其中的内容未读取")
        if self.altchunks:
            found.append(f"文档中有 {self.altchunks} 处以外部文件嵌入的内容（altChunk），未读取")
        return found

    # block level, body and text boxes in the body

    def body(self, container, anchor: int | None = None) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.body_paragraph(child, anchor)
            elif tag == TBL:
                self.body_table(child, anchor)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None and not _placeholder(child):
                    self.body(content, anchor)
            elif tag == CUSTOMXML:
                self.body(child, anchor)
            elif tag == MC_ALT:
                branch = _mc_branch(child)
                if branch is not None:
                    self.body(branch, anchor)
            elif tag == ALTCHUNK:
                self.altchunks += 1

    def body_paragraph(self, p, anchor: int | None) -> None:
        if anchor is None:
            self.para_no += 1
        where = anchor if anchor is not None else self.para_no
        pieces: list[tuple[str, bool]] = []
        boxes: list = []
        raw = self.paragraph(p, pieces, boxes)
        if raw is not None:
            parts = raw.translate(_INVISIBLE).split(_PAGE)
            for part in parts:
                text = _body_text(part)
                if text:
                    self.blocks.append(Block("paragraph", text, Location(paragraph=where)))
        for box in boxes:
            self.in_box(lambda box=box: self.body(box, where))

    def body_table(self, tbl, anchor: int | None) -> None:
        where = anchor if anchor is not None else self.para_no + 1
        rows = self.table_rows(tbl)
        if not any(c.text for row in rows for c in row):
            return
        for r, row in enumerate(rows, 1):
            for c, cell in enumerate(row, 1):
                cell.location = Location(paragraph=where, row=r, column=c)
        self.blocks.append(Block("table", table_text(rows), Location(paragraph=where), rows=rows))

    def in_box(self, read) -> None:
        """Read a text box's content with its own field state."""
        saved = self.fields, self.keep
        self.fields, self.keep = [], True
        try:
            read()
        finally:
            self.fields, self.keep = saved

    # paragraphs

    def paragraph(self, p, pieces: list, boxes: list) -> str | None:
        """The paragraph's text with its list label, marks still in; None for a deleted paragraph."""
        style_id = num_id = ilvl = None
        mark_deleted = False
        ppr = p.find(PPR)
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == PSTYLE:
                    style_id = child.get(VAL)
                elif tag == NUMPR:
                    for x in child:
                        if x.tag == NUMID:
                            num_id = x.get(VAL)
                        elif x.tag == ILVL:
                            ilvl = _int(x)
                elif tag == RPR:
                    for x in child:
                        if x.tag == DEL or x.tag == MOVEFROM:
                            mark_deleted = True
        style = self.styles.para(style_id)
        self.inline(p, pieces, boxes, style)
        self.end_paragraph_fields()
        text = "".join(t for t, _ in pieces)
        if mark_deleted and not text.strip(_BR + _TAB + _PAGE + " \u3000"):
            return None
        if num_id is None:
            num_id = style.num_id
        if num_id is None or num_id == "0":
            return text
        if ilvl is None:
            ilvl = style.ilvl
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style.style_id)
        label = self.numbering.label(num_id, ilvl)  # counted even when the paragraph is empty, as in Word
        body = text.lstrip(_TAB + " ")
        if label is None or not body.strip(_BR + _TAB + _PAGE + " \u3000"):
            return text
        return label[0] + label[1] + body

    def inline(self, parent, pieces: list, boxes: list, style: _ParaStyle) -> None:
        for el in parent:
            tag = el.tag
            if tag == R:
                self.run(el, pieces, boxes, style)
            elif tag in _INLINE_CONTAINERS:
                if tag == FLDSIMPLE and (el.get(INSTR) or "").strip().upper().startswith("TOC"):
                    self.toc = True
                    continue
                self.inline(el, pieces, boxes, style)
            elif tag == SDT:
                content = el.find(SDTCONTENT)
                if content is not None and not _placeholder(el):
                    self.inline(content, pieces, boxes, style)
            elif tag == MC_ALT:
                branch = _mc_branch(el)
                if branch is not None:
                    self.inline(branch, pieces, boxes, style)
            elif tag == M_OMATHPARA or tag == M_OMATH:
                if self.keep:
                    pieces.append(("".join(t.text or "" for t in el.iter(M_T)), False))

    def run(self, r, pieces: list, boxes: list, style: _ParaStyle) -> None:
        bold, hidden = style.bold, style.hidden
        rpr = r.find(RPR)
        if rpr is not None:
            b = h = sid = None
            for child in rpr:
                tag = child.tag
                if tag == B:
                    b = _on(child)
                elif tag == VANISH:
                    h = _on(child)
                elif tag == RSTYLE:
                    sid = child.get(VAL)
            if sid is not None and (b is None or h is None):
                sb, sh = self.styles.char(sid)
                b = sb if b is None else b
                h = sh if h is None else h
            if b is not None:
                bold = b
            if h is not None:
                hidden = h
        emit = self.keep and not hidden
        buf: list[str] = []
        for el in r:
            tag = el.tag
            if tag == T:
                if emit and el.text:
                    buf.append(el.text)
            elif tag == TAB or tag == PTAB:
                if emit:
                    buf.append(_TAB)
            elif tag == BR:
                if emit:
                    buf.append(_PAGE if el.get(TYPE) == "page" else _BR)
            elif tag == CR:
                if emit:
                    buf.append(_BR)
            elif tag == NOBREAKHYPHEN:
                if emit:
                    buf.append("-")
            elif tag == FLDCHAR:
                if buf:
                    pieces.append(("".join(buf), bold))
                    buf = []
                self.field_char(el.get(FLDCHARTYPE))
                emit = self.keep and not hidden
            elif tag == INSTRTEXT:
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instr.append(el.text or "")
            elif tag in _SHAPES:
                if emit:
                    self.shapes(el, boxes)
            elif tag == RUBY:
                if buf:
                    pieces.append(("".join(buf), bold))
                    buf = []
                for part in el:
                    if part.tag == RUBYBASE:  # the base text; the w:rt guide above it is left out
                        self.inline(part, pieces, boxes, style)
        if buf:
            pieces.append(("".join(buf), bold))

    def field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate":
            if self.fields and not self.fields[-1].result:
                field = self.fields[-1]
                field.result = True
                if "".join(field.instr).strip().upper().startswith("TOC"):
                    field.drop = True
                    self.toc = True
        elif kind == "end":
            if self.fields:
                self.fields.pop()
        self.keep = all(f.result and not f.drop for f in self.fields)

    def end_paragraph_fields(self) -> None:
        """A field whose instructions do not end in their paragraph is malformed: show what follows."""
        if self.fields and not self.keep:
            for field in self.fields:
                if not field.result:
                    field.result = True
            self.keep = all(not f.drop for f in self.fields)

    def shapes(self, el, boxes: list) -> None:
        """Collect the text boxes in a drawing (once per mc:AlternateContent); count images and objects."""
        tag = el.tag
        if tag == TXBXCONTENT:
            boxes.append(el)
            return
        if tag == MC_ALT:
            branch = _mc_branch(el)
            if branch is not None:
                self.shapes(branch, boxes)
            return
        if tag == OBJECT or tag == _O + "OLEObject":
            self.objects += 1
            return
        if tag == _PIC + "pic" or tag == _V + "imagedata" or tag == _CHART + "chart":
            self.images += 1
            return
        for child in el:
            self.shapes(child, boxes)

    # tables

    def table_rows(self, tbl) -> list[list[Cell]]:
        origins: dict[int, Cell] = {}  # grid column → the cell above that a vertical merge continues
        rows: list[list[Cell]] = []
        for tr in _children(tbl, TR):
            trpr = tr.find(TRPR)
            column = 0
            if trpr is not None:
                if trpr.find(DEL) is not None:
                    continue
                column = _int(trpr.find(GRIDBEFORE), 0) or 0
            row: list[Cell] = []
            for tc in _children(tr, TC):
                tcpr = tc.find(TCPR)
                span, vmerge, hmerge = 1, None, None
                if tcpr is not None:
                    if tcpr.find(CELLDEL) is not None:
                        continue
                    span = max(_int(tcpr.find(GRIDSPAN), 1) or 1, 1)
                    vm = tcpr.find(VMERGE)
                    if vm is not None:
                        vmerge = vm.get(VAL) or "continue"
                    hm = tcpr.find(HMERGE)
                    if hm is not None:
                        hmerge = hm.get(VAL) or "continue"
                text, bold = self.cell_content(tc)
                if hmerge == "continue" and row:  # legacy horizontal merge: part of the cell before
                    if text:
                        row[-1].text = "\n".join(filter(None, (row[-1].text, text)))
                        row[-1].bold.extend(bold)
                    column += span
                    continue
                origin = origins.get(column)
                if vmerge == "continue" and origin is not None:
                    cell = Cell(
                        "\n".join(filter(None, (origin.text, text))), bold=origin.bold + bold, spanned=True
                    )
                else:
                    cell = Cell(text, bold=bold)
                    origins[column] = cell
                    for covered in range(column + 1, column + span):
                        origins.pop(covered, None)
                row.append(cell)
                column += span
            rows.append(row)
        return rows

    def cell_content(self, tc) -> tuple[str, list[str]]:
        lines: list[str] = []
        bold: list[str] = []
        self.cell_blocks(tc, lines, bold)
        return "\n".join(lines), bold

    def cell_blocks(self, container, lines: list[str], bold: list[str]) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.cell_paragraph(child, lines, bold)
            elif tag == TBL:
                for row in self.table_rows(child):
                    line = " ".join(c.text.replace("\n", " ") for c in row if c.text and not c.spanned)
                    if line:
                        lines.append(line)
                    for c in row:
                        if not c.spanned:
                            bold.extend(c.bold)
            elif tag == SDT:
                content = child.find(SDTCONTENT)
                if content is not None and not _placeholder(child):
                    self.cell_blocks(content, lines, bold)
            elif tag == CUSTOMXML:
                self.cell_blocks(child, lines, bold)
            elif tag == MC_ALT:
                branch = _mc_branch(child)
                if branch is not None:
                    self.cell_blocks(branch, lines, bold)
            elif tag == ALTCHUNK:
                self.altchunks += 1

    def cell_paragraph(self, p, lines: list[str], bold: list[str]) -> None:
        pieces: list[tuple[str, bool]] = []
        boxes: list = []
        raw = self.paragraph(p, pieces, boxes)
        if raw is not None:
            text = raw.translate(_INVISIBLE).replace(_PAGE, "\n").replace(_BR, "\n")
            for line in _TABS.sub(" ", text).split("\n"):
                line = line.strip()
                if line:
                    lines.append(line)
            bold.extend(_bold_stretches(pieces))
        for box in boxes:
            self.in_box(lambda box=box: self.cell_blocks(box, lines, bold))


def _children(parent, tag: str):
    """Rows of a table or cells of a row, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == CUSTOMXML:
            yield from _children(child, tag)
        elif child.tag == MC_ALT:
            branch = _mc_branch(child)
            if branch is not None:
                yield from _children(branch, tag)


def _body_text(text: str) -> str:
    """A body paragraph's text: tabs to one space, soft breaks dropped between CJK, else a space."""
    if _TAB in text:
        text = _TABS.sub(" ", text)
    if _BR in text:
        text = _BREAKS.sub(lambda m: _break(text, m), text)
    return text.strip()


def _break(text: str, m: re.Match) -> str:
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    if not before or not after or before.isspace() or after.isspace():
        return ""
    if _CJK.match(before) or _CJK.match(after):
        return ""
    return " "


def _bold_stretches(pieces: list[tuple[str, bool]]) -> list[str]:
    """Each contiguous stretch of bold text on one line, stripped."""
    found: list[str] = []
    current: list[str] = []

    def close() -> None:
        text = "".join(current).strip()
        if text:
            found.append(text)
        current.clear()

    for text, bold in pieces:
        text = text.translate(_INVISIBLE).replace(_PAGE, _BR).replace(_TAB, " ")
        for k, segment in enumerate(text.split(_BR)):
            if k:
                close()
            if bold:
                current.append(segment)
            elif segment.strip():
                close()
            elif current:
                current.append(segment)
    close()
    return found
