"""What a PDF page holds, as plain records: its characters (with boxes) and its ruling-line edges.

Two sources give the same records: pdfium (fast; the default) and pdfplumber (the reference, used
by tests to check that the fast path reads the same). Edges are in pdfplumber's form so that its
"lines" table finder can run on either. Coordinates are PDF points, top-down, as pdfplumber's.

pdfium is called directly (pdfium_calls), not through pypdfium2's helpers or bindings: importing
those costs some 50 ms at each start and gives nothing a read-only pass over the pages needs.
"""
from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field

from duibiao.errors import EncryptedDocument, UnreadableDocument
from duibiao.extractors import pdfium_calls as fp

ENCRYPTED = "PDF 已加密，请用 --password 提供密码"
CORRUPT = "PDF 文件已损坏，无法打开"


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)  # pdfplumber edge dicts (only when ruling lines exist)
    images: int = 0
    image_cover: float = 0.0  # the largest image's share of the page area
    unmapped: int = 0  # glyphs without a Unicode mapping


_SPACES = {9, 10, 13, 32, 0xA0, 0x3000, 0x2002, 0x2003, 0x2009}


def _clean(code: int) -> str | None:
    """The character for a code point; None for unmapped glyphs and lone surrogates. Kangxi radicals →
    unified ideographs."""
    if code < 32 or code in (0xFFFD, 0xFFFE, 0xFFFF) or 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF:
        return None
    ch = chr(code)
    if 0x2E80 <= code <= 0x2FDF:
        ch = unicodedata.normalize("NFKC", ch)
    return ch


# --- pdfium --------------------------------------------------------------------------------------


class UnreadablePage(Exception):
    """pdfium could not load a page (the rest of the document may still be read)."""


class PdfiumDocument:
    """An open pdfium document, holding the bytes it reads from (pdfium does not copy them)."""

    def __init__(self, handle: int, data: bytes):
        self.handle, self._data = handle, data

    def __len__(self) -> int:
        return fp.FPDF_GetPageCount(self.handle)

    def close(self) -> None:
        if self.handle:
            fp.FPDF_CloseDocument(self.handle)
            self.handle = None


def open_pdfium(path: str, data: bytes, password: str | None) -> PdfiumDocument:
    handle = fp.FPDF_LoadMemDocument64(data, len(data), None if password is None else password.encode("utf-8"))
    if handle is None or fp.FPDF_GetPageCount(handle) < 1:
        error = fp.FPDF_GetLastError()
        if handle is not None:
            fp.FPDF_CloseDocument(handle)
        if error in (fp.FPDF_ERR_PASSWORD, fp.FPDF_ERR_SECURITY):
            raise EncryptedDocument(path, ENCRYPTED)
        raise UnreadableDocument(path, CORRUPT)
    return PdfiumDocument(handle, data)


def pdfium_page(doc: PdfiumDocument, index: int) -> PageContent:
    page = fp.FPDF_LoadPage(doc.handle, index)
    if page is None:
        raise UnreadablePage
    try:
        box = (ctypes.c_float * 4)()  # left, bottom, right, top
        if fp.FPDFPage_GetMediaBox(page, *fp.addresses(box)):
            left, top = box[0], box[3]
        else:
            left, top = 0.0, 792.0  # no MediaBox of its own: US Letter, as pypdfium2 assumes
        content = PageContent(index + 1, fp.FPDF_GetPageWidthF(page), fp.FPDF_GetPageHeightF(page))
        paths = _walk_objects(page, content)
        content.chars, content.unmapped = _pdfium_chars(page, left, top)
        if paths:
            content.edges = _pdfium_edges(paths, left, top)
        return content
    finally:
        fp.FPDF_ClosePage(page)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class _Object(ctypes.c_void_p):
    """A page object's handle as pdfium returns it: ctypes gives a c_void_p subclass back as it is
    (not as an int), ready for the next call."""


# called for every object of a page: without argument checks (pdfium_calls.unchecked)
_PAGE_OBJECT = fp.unchecked(fp.FPDFPage_GetObject)
_PAGE_OBJECT.restype = _Object
_FORM_OBJECT = fp.unchecked(fp.FPDFFormObj_GetObject)
_FORM_OBJECT.restype = _Object
_TYPE_OF = fp.unchecked(fp.FPDFPageObj_GetType)


def _walk_objects(page: int, content: PageContent) -> list[tuple[int, tuple]]:
    """Count images (into content); return the path objects, each with the transform of the form
    XObjects it is drawn in (forms are walked after the objects around them)."""
    paths = []
    matrix = fp.FS_MATRIX()
    stack: list[tuple[int | None, tuple]] = [(None, _IDENTITY)]  # None: the page itself
    page_handle = ctypes.c_void_p(page)
    while stack:
        form, parent = stack.pop()
        if form is None:
            objects = [_PAGE_OBJECT(page_handle, i) for i in range(fp.FPDFPage_CountObjects(page))]
        else:
            objects = [_FORM_OBJECT(form, i) for i in range(fp.FPDFFormObj_CountObjects(form))]
        for obj in objects:
            kind = _TYPE_OF(obj)
            if kind == fp.FPDF_PAGEOBJ_PATH:
                paths.append((obj, parent))
            elif kind == fp.FPDF_PAGEOBJ_IMAGE:
                content.images += 1
                content.image_cover = max(content.image_cover, _cover(obj, content))
            elif kind == fp.FPDF_PAGEOBJ_FORM:
                stack.append((obj, _compose(_matrix(obj, matrix), parent)))
    return paths


def _matrix(obj: int, matrix) -> tuple:
    fp.FPDFPageObj_GetMatrix(obj, ctypes.addressof(matrix))
    return matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f


def _cover(obj: int, content: PageContent) -> float:
    box = (ctypes.c_float * 4)()  # left, bottom, right, top
    if not fp.FPDFPageObj_GetBounds(obj, *fp.addresses(box)):
        return 0.0
    return _share(box[2] - box[0], box[3] - box[1], content)


def _share(width: float, height: float, content: PageContent) -> float:
    return max(0.0, min(width, content.width)) * max(0.0, min(height, content.height)) / (content.width * content.height or 1)


# the calls made for every glyph and text object (see pdfium_calls.unchecked)
_UNICODE_OF = fp.unchecked(fp.FPDFText_GetUnicode)
_TEXT_OF = fp.unchecked(fp.FPDFText_GetText)
_MAP_ERROR = fp.unchecked(fp.FPDFText_HasUnicodeMapError)
_LOOSE_BOX = fp.unchecked(fp.FPDFText_GetLooseCharBox, result=False)
_OBJECT_OF = fp.unchecked(fp.FPDFText_GetTextObject)
_MATRIX_OF = fp.unchecked(fp.FPDFText_GetMatrix, result=False)
_FONT_SIZE = fp.unchecked(fp.FPDFText_GetFontSize)
_ORIGIN_OF = fp.unchecked(fp.FPDFText_GetCharOrigin, result=False)


def _pdfium_chars(page: int, left: float, top: float) -> tuple[list[Char], int]:
    handle = fp.FPDFText_LoadPage(page)
    if handle is None:
        raise UnreadablePage
    text = ctypes.c_void_p(handle)
    map_error, loose_box, object_of = _MAP_ERROR, _LOOSE_BOX, _OBJECT_OF
    try:
        box, matrix, origin = fp.FS_RECTF(), fp.FS_MATRIX(), (ctypes.c_double * 2)()
        box_at, matrix_at = ctypes.c_void_p(ctypes.addressof(box)), ctypes.c_void_p(ctypes.addressof(matrix))
        x_at, y_at = map(ctypes.c_void_p, fp.addresses(origin))
        chars: list[Char] = []
        unmapped = 0
        # pdfium gives every glyph of one text object the object's transform and font size, and an
        # unrotated object (b == 0) draws all its glyphs on one baseline: these are asked once per
        # object (the baseline again where a glyph's box is not at the height of the one before)
        current = size = baseline = box_top = box_bottom = None
        flat = False
        high = None  # pdfium gives a character beyond U+FFFF as its two UTF-16 halves
        count = fp.FPDFText_CountChars(handle)
        for i, code in enumerate(_codes(text, count) or [_UNICODE_OF(text, i) for i in range(count)]):
            if code in _SPACES:  # spaces are inferred from gaps: pdfium and pdfminer disagree on them
                continue
            if 0xD800 <= code < 0xDC00:
                unmapped += high is not None
                high = code
                continue
            if high is not None:  # the glyph's second half (the same box) or a lone first half
                if 0xDC00 <= code <= 0xDFFF:
                    code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                else:
                    unmapped += 1
                high = None
            ch = chr(code) if 0x3000 <= code < 0xD800 else _clean(code)  # CJK needs no cleaning
            if ch is None or map_error(text, i) == 1:
                unmapped += 1
                continue
            loose_box(text, i, box_at)
            obj = object_of(text, i)
            if obj != current or obj is None:
                current = obj
                _MATRIX_OF(text, i, matrix_at)  # the text's transform: the font size is scaled by it
                a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
                scale = abs(d) if b == 0 and c == 0 else abs(a * d - b * c) ** 0.5
                size = _FONT_SIZE(text, i) * scale
                flat = b == 0
                box_top = None
            if not (flat and box.top == box_top and box.bottom == box_bottom):
                _ORIGIN_OF(text, i, x_at, y_at)
                baseline = top - origin[1]
                box_top, box_bottom = box.top, box.bottom
            glyph_size = size or (box.top - box.bottom)
            chars.append(Char(ch, box.left - left, box.right - left, baseline - glyph_size, baseline, glyph_size))
        return chars, unmapped + (high is not None)
    finally:
        fp.FPDFText_ClosePage(handle)


def _codes(text, count: int) -> list[int] | None:
    """The code of each of a text page's characters, from one call; None where pdfium's text does not
    hold one UTF-16 unit per character (it leaves some out, or writes one as two): ask each then."""
    units = (ctypes.c_ushort * (2 * count + 1))()  # two units a character at most, and the NUL
    if _TEXT_OF(text, 0, count, units) != count + 1:
        return None
    return units[:count]


def _pdfium_edges(paths: list[tuple[int, tuple]], left: float, top: float) -> list[dict]:
    edges: list[dict] = []
    matrix = fp.FS_MATRIX()
    point = (ctypes.c_float * 2)()
    x_at, y_at = fp.addresses(point)
    for obj, parent in paths:
        m = _compose(_matrix(obj, matrix), parent)
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        for s in range(fp.FPDFPath_CountSegments(obj)):
            seg = fp.FPDFPath_GetPathSegment(obj, s)
            fp.FPDFPathSegment_GetPoint(seg, x_at, y_at)
            x, y = point[0], point[1]
            px = m[0] * x + m[2] * y + m[4] - left
            py = top - (m[1] * x + m[3] * y + m[5])
            if fp.FPDFPathSegment_GetType(seg) == fp.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append(([(px, py)], False))
            else:
                subpaths[-1][0].append((px, py))
            if fp.FPDFPathSegment_GetClose(seg):
                subpaths[-1] = (subpaths[-1][0], True)
        for points, closed in subpaths:
            edges.extend(_edges_of(points, closed))
    return edges


def _compose(m, parent):
    a, b, c, d, e, f = m
    pa, pb, pc, pd, pe, pf = parent
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd, e * pa + f * pc + pe, e * pb + f * pd + pf)


def _edges_of(points: list[tuple[float, float]], closed: bool) -> list[dict]:
    """Edges as pdfplumber makes them from lines, rectangles and curves: one per straight segment."""
    if closed and len(points) > 2 and points[0] != points[-1]:
        points = points + [points[0]]
    edges = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if abs(x0 - x1) < 0.01:
            orientation = "v"
        elif abs(y0 - y1) < 0.01:
            orientation = "h"
        else:
            continue
        edges.append(_edge(min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1), orientation))
    return edges


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "curve_edge",
    }


# --- pdfplumber (reference) ----------------------------------------------------------------------


def plumber_pages(path: str, data: bytes, password: str | None):
    """Yield PageContent for every page, read by pdfplumber. Raises the tool's errors."""
    import io

    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as e:  # pdfminer raises many unrelated types for broken files
        names = " ".join(type(x).__name__ for x in (e, *e.args)).lower()
        if "password" in names or "encrypt" in names:
            raise EncryptedDocument(path, ENCRYPTED) from None
        raise UnreadableDocument(path, CORRUPT) from None
    with pdf:
        try:
            yield from _plumber_contents(pdf)
        except Exception:  # noqa: BLE001 — pdfminer's errors on damaged content have no common base
            raise UnreadableDocument(path, CORRUPT) from None


def _plumber_contents(pdf):
    for page in pdf.pages:
        content = PageContent(page.page_number, float(page.width), float(page.height))
        for c in page.chars:
            text = c["text"]
            if len(text) == 1 and ord(text) in _SPACES:
                continue
            ch = None if text.startswith("(cid:") or len(text) != 1 else _clean(ord(text))
            if ch is None:
                content.unmapped += 1
                continue
            content.chars.append(Char(ch, c["x0"], c["x1"], c["top"], c["bottom"], c["size"]))
        content.images = len(page.images)
        for image in page.images:
            share = _share(image["x1"] - image["x0"], image["bottom"] - image["top"], content)
            content.image_cover = max(content.image_cover, share)
        if len(page.lines) + len(page.rects) + len(page.curves) >= 1:
            content.edges = [_edge(e["x0"], e["x1"], e["top"], e["bottom"], e["orientation"]) for e in page.edges]
        yield content
