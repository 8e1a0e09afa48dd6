"""PDF plans → Document.

Text comes from pdfium (about twenty times faster than pdfminer); tables are found as pdfplumber's
"lines" table finder finds them (pdf_grid), only on pages that draw ruling lines, on the edges pdfium
reads from the page's path objects. `engine="pdfplumber"` reads characters and edges with pdfplumber
instead — the reference the fast path is tested against (both give the same Document).

Every block has Location(page=N); table cells Location(page, row, column). Headings, annexes, table
numbers and metadata are left to structure.finalize.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from duibiao import regex_cache
from duibiao.errors import NeedsOCR, UnreadableDocument
from duibiao.extractors.model import Block, Document, Location
from duibiao.extractors.pdf_safety import check_streams
from duibiao.extractors.pdf_source import (
    CORRUPT, PageContent, UnreadablePage, open_pdfium, pdfium_page, plumber_pages,
)
from duibiao.extractors.pdf_tables import (
    LogicalTable, PageTable, continues, fill_text, find_tables, stitch, take_chars, to_block,
)
from duibiao.extractors.pdf_text import (
    Line, Margins, dedupe, group_lines, margins, starts_paragraph, strip_margins,
)
from duibiao.extractors.wrapping import join_lines

NO_TEXT = "PDF 没有可提取的文字层（可能是扫描件），需要先做 OCR 识别"
NO_TEXT_RECOGNISED = "扫描页中没有识别出文字（页面空白或过于模糊）"


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)  # body text outside tables
    tables: list[PageTable] = field(default_factory=list)


MAX_PAGES = 1000  # a county plan with its annexes has tens of pages


def read_pdf(path: str, data: bytes, password: str | None = None, *, engine: str = "pdfium", ocr=None) -> Document:
    """ocr: extractors.ocr.OcrOptions; pages without a usable text layer are recognised unless it is
    None or disabled (then they are left out with a warning)."""
    check_streams(path, data)
    doc = Document(source=str(path), format="pdf")
    contents = list(_contents(path, data, password, engine, doc.warnings))
    if not contents:
        raise UnreadableDocument(path, CORRUPT)
    scanned = [p.number for p in contents if _needs_ocr(p)]
    recognised = []
    if scanned and ocr is not None and ocr.enabled:
        from duibiao.extractors.ocr import recognise_pdf_pages

        recognised = recognise_pdf_pages(data, password, scanned, ocr)
        by_number = {p.number: p.content() for p in recognised}
        contents = [by_number.get(p.number, p) for p in contents]
        doc.ocr_pages = scanned
        scanned = []
    readable = [p for p in contents if _has_text(p) and p.number not in scanned]
    if not readable and recognised:
        raise UnreadableDocument(path, NO_TEXT_RECOGNISED)
    if not readable:
        raise NeedsOCR(path, NO_TEXT)
    if scanned:
        doc.warnings.append(f"第{'、'.join(map(str, scanned))}页没有文字层，需要 OCR")
    doc.blocks = blocks_from_pages(readable, doc.warnings)
    if recognised:
        from duibiao.extractors.ocr import mark_confidence

        mark_confidence(doc.blocks, recognised)
    return doc


def blocks_from_pages(pages: list[PageContent], warnings: list[str]) -> list[Block]:
    """Blocks of text pages (read from a PDF's text layer or recognised from images), in reading order."""
    layouts = [_layout(p, warnings) for p in pages]
    strip_margins([p.lines for p in layouts], [p.height for p in layouts])
    return _assemble(layouts)


def _contents(path: str, data: bytes, password: str | None, engine: str, warnings: list[str]):
    if engine == "pdfplumber":
        yield from plumber_pages(path, data, password)
        return
    pdf = open_pdfium(path, data, password)
    try:
        count = len(pdf)
        if count > MAX_PAGES:  # a page tree can repeat one page object any number of times
            warnings.append(f"文件有{count}页，只读取了前{MAX_PAGES}页")
            count = MAX_PAGES
        for i in range(count):
            try:
                yield pdfium_page(pdf, i)
            except UnreadablePage:
                warnings.append(f"第{i + 1}页无法读取，已跳过")
    finally:
        pdf.close()


def _has_text(page: PageContent) -> bool:
    return bool(page.chars)  # sources leave spaces out


def _needs_ocr(page: PageContent) -> bool:
    """A page that is a picture with (next to) no text, or whose glyphs are mostly unmapped ((cid:NN))."""
    marks = len(page.chars)
    if page.unmapped > marks:
        return True
    if marks == 0:
        return page.images > 0
    if page.image_cover <= 0.5:
        return False  # no page-sized picture: not a scan, its glyphs need not be counted
    words = sum(1 for c in page.chars if not (c.text.isdigit() or c.text in "-—–－·/第页共"))
    return words < 10  # a scan with, say, a page number stamped on it


def _layout(page: PageContent, warnings: list[str]) -> PageLayout:
    layout = PageLayout(page.number, page.width, page.height)
    chars = page.chars
    if page.edges:
        try:
            layout.tables = find_tables(page.edges, page.width, page.height, page.number)
        except Exception:  # noqa: BLE001 — a table finder failure must not lose the page's text
            warnings.append(f"第{page.number}页的表格无法识别，已按段落读取")
            layout.tables = []
        for table in layout.tables:
            chars = take_chars(table, chars)
            fill_text(table)
    layout.lines = group_lines(dedupe(chars), page.number)
    return layout


def _margins_by_size(layouts: list[PageLayout]) -> dict[tuple[int, int], Margins]:
    groups: dict[tuple[int, int], list[list[Line]]] = defaultdict(list)
    for p in layouts:
        groups[_size_key(p)].append(p.lines)
    out = {}
    for key, pages in groups.items():
        m = margins(pages)
        if m is not None:
            out[key] = m
    return out


def _size_key(p: PageLayout) -> tuple[int, int]:
    return round(p.width / 10), round(p.height / 10)


_CONTINUED = regex_cache.compile(r"^(续表\s*\d*|表\s*\d+\s*[（(]?续[）)]?)[:：]?$")


def _assemble(layouts: list[PageLayout]) -> list[Block]:
    page_margins = _margins_by_size(layouts)
    bottoms: dict[tuple[int, int], float] = defaultdict(float)
    for p in layouts:
        for y in [x.bottom for x in p.lines] + [t.bottom for t in p.tables]:
            bottoms[_size_key(p)] = max(bottoms[_size_key(p)], y)

    items: list[Block | LogicalTable] = []
    para: list[Line] = []
    para_margins: list[Margins] = []
    open_table: LogicalTable | None = None  # a table that ended its page: it may go on

    def flush() -> None:
        if para:
            text = join_lines([x.text for x in para])
            items.append(Block("paragraph", text, Location(page=para[0].page)))
            para.clear()

    for p in layouts:
        m = page_margins.get(_size_key(p)) or Margins(0, p.width)
        flow = sorted([(x.top, 0, x) for x in p.lines] + [(t.top, 1, t) for t in p.tables], key=lambda e: (e[0], e[1]))
        if open_table is not None and len(flow) > 1 and (flow[0][1], flow[1][1]) == (0, 1) and _CONTINUED.match(flow[0][2].text):
            flow.pop(0)  # "续表" above the continuation of the table that ended the page before
        for n, (_, kind, obj) in enumerate(flow):
            if kind == 0:
                if para and starts_paragraph(para[-1], obj, m, para_margins[-1], same_page=para[-1].page == obj.page):
                    flush()
                para.append(obj)
                para_margins.append(m)
                open_table = None
                continue
            flush()
            if open_table is not None and n == 0 and open_table.last.page == p.number - 1 and continues(open_table, obj):
                prev = open_table.last
                near = prev.bottom >= bottoms[_size_key(p)] - 3 * prev.em
                stitch(open_table, obj, near)
            else:
                open_table = LogicalTable.start(obj)
                items.append(open_table)
        if flow and flow[-1][1] == 0:
            open_table = None
    flush()
    blocks = [to_block(x) if isinstance(x, LogicalTable) else x for x in items]
    return [b for b in blocks if b.kind != "table" or b.rows]
