"""The OOXML package of a Word document: element names, safe parsing of its parts (no entities, no
DTD, no network), relationships and small attribute helpers, shared by the .docx readers."""
from __future__ import annotations

import posixpath
import re
import zipfile

from duibiao import regex_cache
from duibiao.errors import UnreadableDocument
from duibiao.extractors.zip_safety import read_member
from lxml import etree

# --- element names ---------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
W = "{%s}" % W_NS
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
VML = "{urn:schemas-microsoft-com:vml}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

BODY, P, R, T, TBL, TR, TC = (W + n for n in ("body", "p", "r", "t", "tbl", "tr", "tc"))
PPR, RPR, TRPR, TCPR, PSTYLE, RSTYLE = (W + n for n in ("pPr", "rPr", "trPr", "tcPr", "pStyle", "rStyle"))
NUMPR, NUMID, ILVL = W + "numPr", W + "numId", W + "ilvl"
SDT, SDTPR, SDTCONTENT, PLACEHOLDER = W + "sdt", W + "sdtPr", W + "sdtContent", W + "showingPlcHdr"
CUSTOMXML, ALTCHUNK = W + "customXml", W + "altChunk"
DEL, MOVEFROM = W + "del", W + "moveFrom"  # w:ins and w:moveTo are read like their content (INLINE_CONTAINERS)
TAB, PTAB, BR, CR = W + "tab", W + "ptab", W + "br", W + "cr"
NOBREAKHYPHEN, FLDCHAR, INSTRTEXT, FLDSIMPLE = W + "noBreakHyphen", W + "fldChar", W + "instrText", W + "fldSimple"
DRAWING, PICT, OBJECT, TXBXCONTENT = W + "drawing", W + "pict", W + "object", W + "txbxContent"
RUBY, RUBYBASE = W + "ruby", W + "rubyBase"
SYM, FONT, CHAR = W + "sym", W + "font", W + "char"
B, VANISH = W + "b", W + "vanish"
IND, JC, PAGEBREAKBEFORE = W + "ind", W + "jc", W + "pageBreakBefore"
FIRST_LINE, FIRST_LINE_CHARS = W + "firstLine", W + "firstLineChars"
GRIDSPAN, GRIDBEFORE, VMERGE, HMERGE, CELLDEL = (
    W + n for n in ("gridSpan", "gridBefore", "vMerge", "hMerge", "cellDel")
)
VAL, TYPE, FLDCHARTYPE, INSTR = W + "val", W + "type", W + "fldCharType", W + "instr"
MC_ALT, MC_CHOICE, MC_FALLBACK = MC + "AlternateContent", MC + "Choice", MC + "Fallback"
M_OMATH, M_OMATHPARA, M_T = M + "oMath", M + "oMathPara", M + "t"

# Inline elements whose children are read as if they were the paragraph's own.
INLINE_CONTAINERS = frozenset(
    W + n for n in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple", "dir", "bdo")
)
SHAPES = frozenset((DRAWING, PICT, OBJECT, MC_ALT))


def read_part(zf: zipfile.ZipFile, name: str, path: str) -> bytes:
    data = read_member(zf, name, path)
    if W_STRICT in data:  # "Strict Open XML" files: same vocabulary, another namespace
        data = data.replace(W_STRICT, W_NS.encode())
    return _CHARREF.sub(_valid_charref, data)


_CHARREF = regex_cache.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")


def _valid_charref(m: re.Match) -> bytes:
    """A reference to a surrogate or past U+10FFFF becomes U+FFFD: libxml2 would store it as bytes
    that are not UTF-8, and reading that element's text would fail."""
    digits = m.group(1)
    if len(digits) > 8:
        return b"&#xFFFD;"
    code = int(digits[1:], 16) if digits[:1] in b"xX" else int(digits)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m.group(0)


DOCTYPE = regex_cache.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def parse_part(data: bytes, recover: bool = False):
    """The root element, or None when the XML cannot be parsed."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        recover=recover,
        huge_tree=True,  # deep nesting (tables in tables) is legitimate; the zip guard already bounds size
    )
    try:
        return etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def relationships(zf: zipfile.ZipFile, names: dict[str, str], rels_name: str, path: str) -> list[tuple[str, str]]:
    """(type, target part name) of a .rels part; empty when missing or broken."""
    actual = names.get(rels_name.lower())
    if actual is None:
        return []
    try:
        root = parse_part(read_part(zf, actual, path))
    except UnreadableDocument:  # a damaged .rels part: fall back on the usual part names
        return []
    if root is None:
        return []
    base = posixpath.dirname(posixpath.dirname(rels_name))  # "word/_rels/document.xml.rels" → "word"
    found = []
    for rel in root.iter(PKG_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        if target.startswith("/"):
            name = target.lstrip("/")
        else:
            name = posixpath.normpath(posixpath.join(base, target))
        found.append((rel.get("Type") or "", name))
    return found


def main_part(zf: zipfile.ZipFile, names: dict[str, str], path: str) -> str | None:
    for rel_type, name in relationships(zf, names, "_rels/.rels", path):
        if rel_type.endswith("/officeDocument") and name.lower() in names:
            return names[name.lower()]
    return names.get("word/document.xml")


def related_parts(zf: zipfile.ZipFile, names: dict[str, str], main: str, path: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    found: dict[str, str] = {}
    for rel_type, name in relationships(zf, names, rels, path):
        kind = rel_type.rsplit("/", 1)[-1]
        if kind in ("styles", "numbering") and kind not in found and name.lower() in names:
            found[kind] = names[name.lower()]
    for kind in ("styles", "numbering"):  # a package without part relationships: the usual names
        if kind not in found and posixpath.join(folder, kind + ".xml").lower() in names:
            found[kind] = names[posixpath.join(folder, kind + ".xml").lower()]
    return found


def is_on(el) -> bool:
    """An OOXML on/off property: present without w:val, or with a true value."""
    val = el.get(VAL)
    return val is None or val.lower() not in ("0", "false", "off", "none")


def int_value(el, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(VAL))
    except (TypeError, ValueError):
        return default


def first_child(parent, tag: str):
    """The first child with this tag, or None: parent.find(tag) for a plain tag name, without lxml's
    ElementPath machinery (several µs a call, paid for every paragraph, run and table cell)."""
    for element in parent:
        if element.tag == tag:
            return element
    return None


def mc_branch(alt):
    """The one branch of an mc:AlternateContent to read: the first Choice, else the Fallback."""
    fallback = None
    for child in alt:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK:
            fallback = child
    return fallback


def is_placeholder(sdt) -> bool:
    pr = first_child(sdt, SDTPR)
    return pr is not None and first_child(pr, PLACEHOLDER) is not None
