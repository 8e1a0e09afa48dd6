"""Web pages (.html/.htm, also Word's "save as web page" files named .doc) → Document.

Only the standard library's html.parser is used; nothing is ever fetched (no external entities, no
DTD, no stylesheets, no images). Choices:

* Encoding: a BOM, else <meta charset> / <meta http-equiv="Content-Type" content="…; charset=…">
  (GB2312/GBK read as their superset GB18030), else what the .txt reader detects (UTF-8, GB18030, UTF-16).
* Paragraphs: one Block per block element (p, div, h1–h6, li, …) and per <br>-separated line, with
  whitespace collapsed as a browser does; a line break between two CJK characters in the source is
  dropped. A page whose <br> lines are a PDF's lines pasted into the portal's editor (wrapping.py tells
  them by their width) gets its paragraphs joined back. Location(paragraph=N) counts the paragraphs emitted; a table sits at N+1.
* Ignored: title, script, style, nav, noscript, template, forms' controls, svg, and header/footer unless they
  belong to an article/main/section (where a header holds the article's title).
* Tables: cells from td/th, one Cell per grid column (grid-true, as the .docx reader does): a cell
  with colspan/rowspan keeps them and is repeated in every grid position it covers with spanned=True
  (its origin keeps spanned=False). Bold
  (b/strong) stretches go to Cell.bold. A nested table is flattened into its cell, one line per row.
  A layout table (one column, or a cell holding a whole article) is not a table: its cells' content is
  read as paragraphs and tables in reading order.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from duibiao import regex_cache
from duibiao.extractors.model import Block, Cell, Document, Location, flat_row, table_block
from duibiao.extractors.text_reader import decode
from duibiao.extractors.wrapping import rejoin_paragraphs, wrap_joiner

_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote section article main aside center address pre hr "
    "form fieldset figure figcaption caption body html details summary header footer".split()
)
_SKIP = frozenset("title script style nav noscript template select button textarea iframe object svg math xml".split())
_PAGE_CHROME = frozenset(("header", "footer"))
_SECTIONING = frozenset(("article", "main", "section"))
_BOLD = frozenset(("b", "strong"))
_LAYOUT_CELL_CHARS = 3000  # a "cell" this long is a page's content area, not a table cell

_META_CHARSET = regex_cache.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.I)
# Only at the start of the page, and without backtracking: 20,000 unclosed "<!doctype [" stay linear.
_DOCTYPE_SUBSET = regex_cache.compile(r"\s*<!doctype[^>\[]*\[[^\]]*\]\s*>", re.I)
# A character reference no code point needs (more than 7 digits): html.unescape would convert it to an
# int of any length first.
_HUGE_CHARREF = regex_cache.compile(r"&#(?:[xX][0-9a-fA-F]{8,}|[0-9]{8,});?")
_LINE_BREAK = regex_cache.compile(r"[ \t\f]*[\r\n][ \t\r\n\f]*")
_SPACES = regex_cache.compile(r"[ \t\r\n\f]+")
_MAX_SPAN = 1000


def read_html(path: str, data: bytes, encoding: str | None = None) -> Document:
    text = _HUGE_CHARREF.sub("\ufffd", _DOCTYPE_SUBSET.sub("", decode_html(data, path, encoding), count=1))
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    blocks = rejoin_paragraphs(parser.blocks, parser.fresh, wrapped_only=True)
    return Document(source=str(path), format="html", blocks=blocks, warnings=parser.warnings)


def decode_html(data: bytes, path: str, encoding: str | None = None) -> str:
    """The page's text: the user's `encoding` if given, else BOM, then the declared charset, then what
    the .txt reader detects."""
    if encoding:
        return decode(data, path, encoding)
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        m = _META_CHARSET.search(data[:4096])
        declared = _encoding(m.group(1).decode("ascii")) if m else None
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass  # a wrong declaration: detect instead
    return decode(data, path)


def _encoding(label: str) -> str | None:
    label = label.lower()
    if label in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"):
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return None if name.startswith(("utf-16", "utf-32")) else name  # a byte-oriented file cannot be UTF-16


def _clean(raw: str) -> str:
    def joined(m: re.Match) -> str:  # a line break in the page's source is a wrap
        before = raw[m.start() - 1] if m.start() else ""
        return wrap_joiner(before, raw[m.end()] if m.end() < len(raw) else "")

    return _SPACES.sub(" ", _LINE_BREAK.sub(joined, raw)).replace("\xa0", " ").strip(" \u3000")


@dataclass
class _RawCell:
    rowspan: int
    colspan: int
    items: list = field(default_factory=list)  # str lines and nested tables (lists of Cell rows)
    bold: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines: list[str] = []
        for item in self.items:
            if isinstance(item, str):
                lines.append(item)
            else:
                lines.extend(flat_row(row) for row in item)
        return "\n".join(line for line in lines if line)


@dataclass
class _Table:
    rows: list[list[_RawCell]] = field(default_factory=list)
    cell: _RawCell | None = None
    row_open: bool = False


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.fresh: dict[int, bool] = {}  # body paragraph id → starts fresh (not right after a <br>)
        self.after_break = False  # the last body line ended at a <br>
        self.warnings: list[str] = []
        self.para_no = 0
        self.buf: list[str] = []
        self.bold_buf: list[str] = []
        self.bold = 0
        self.skip: list[str] = []
        self.sectioning = 0
        self.tables: list[_Table] = []

    # --- tags ----------------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        if self.skip or tag in _SKIP or (tag in _PAGE_CHROME and not self.sectioning):
            if tag in _SKIP or tag in _PAGE_CHROME:
                self.skip.append(tag)
            return
        if tag in _SECTIONING:
            self.sectioning += 1
        if tag in _BOLD:
            self.bold += 1
        elif tag == "br":
            self.flush(at_break=True)
        elif tag in _BLOCKS:
            self.flush()
        elif tag == "table":
            self.flush()
            self.tables.append(_Table())
        elif tag in ("tr", "thead", "tbody", "tfoot") and self.tables:
            self.close_cell()
            self.tables[-1].row_open = False
        elif tag in ("td", "th") and self.tables:
            self.open_cell(dict(attrs))
        elif tag in ("td", "th", "tr"):
            self.flush()

    def handle_endtag(self, tag):
        if self.skip:
            if tag in self.skip:
                while self.skip.pop() != tag:
                    pass
            return
        if tag in _SECTIONING:
            self.sectioning = max(0, self.sectioning - 1)
        if tag in _BOLD:
            self.bold = max(0, self.bold - 1)
            self.close_bold()
        elif tag in _BLOCKS:
            self.flush()
        elif tag in ("td", "th") and self.tables:
            self.close_cell()
        elif tag in ("tr", "thead", "tbody", "tfoot") and self.tables:
            self.close_cell()
            self.tables[-1].row_open = False
        elif tag == "table" and self.tables:
            self.close_table()

    def handle_data(self, data):
        if self.skip:
            return
        self.buf.append(data)
        if self.cell() is not None:
            if self.bold:
                self.bold_buf.append(data)
            elif data.strip():
                self.close_bold()

    def close(self):
        super().close()
        while self.tables:
            self.close_table()
        self.flush()

    # --- text ----------------------------------------------------------------------------------

    def cell(self) -> _RawCell | None:
        """The innermost open cell, where text goes; None in the page's body."""
        for table in reversed(self.tables):
            if table.cell is not None:
                return table.cell
        return None

    def flush(self, at_break: bool = False) -> None:
        """End the current line: a paragraph in the body, a line in a cell."""
        raw = "".join(self.buf)
        text = _clean(raw)
        self.buf = []
        cell = self.cell()
        if cell is not None:
            self.close_bold()
            if text:
                cell.items.append(text)
        elif text:
            block = self.paragraph(text)
            indented = raw.lstrip(" \t\r\n").startswith(("\u3000", "\xa0"))
            self.fresh[id(block)] = not self.after_break or indented
        if cell is None:
            self.after_break = at_break and bool(text)  # an empty line between two <br> is a blank line

    def close_bold(self) -> None:
        cell = self.cell()
        text = _clean("".join(self.bold_buf))
        self.bold_buf = []
        if cell is not None and text:
            cell.bold.append(text)

    def paragraph(self, text: str) -> Block:
        self.para_no += 1
        block = Block("paragraph", text, Location(paragraph=self.para_no))
        self.blocks.append(block)
        return block

    # --- tables --------------------------------------------------------------------------------

    def open_cell(self, attrs: dict) -> None:
        self.close_cell()
        self.flush()  # text between cells (browsers show it before the table)
        table = self.tables[-1]
        if not table.row_open:
            table.rows.append([])
            table.row_open = True
        rowspan = _span(attrs.get("rowspan"), 0, 65534)
        table.cell = _RawCell(rowspan=rowspan, colspan=max(_span(attrs.get("colspan"), 1, _MAX_SPAN), 1))
        table.rows[-1].append(table.cell)

    def close_cell(self) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.flush()
            self.tables[-1].cell = None

    def close_table(self) -> None:
        self.close_cell()
        table = self.tables.pop()
        self.flush()
        items = _layout_items(table) if _is_layout(table) else [self.grid(table.rows)]
        outer = self.cell()
        if outer is not None:
            outer.items.extend(items)
            return
        for item in items:
            if isinstance(item, str):
                self.paragraph(item)
            else:
                self.table_block(item)

    def table_block(self, rows: list[list[Cell]]) -> None:
        block = table_block(rows, self.para_no + 1)
        if block:
            self.blocks.append(block)

    def grid(self, raw_rows: list[list[_RawCell]]) -> list[list[Cell]]:
        """Rows of Cells: rowspan origins repeated (spanned=True) on the rows they cover."""
        budget = 10 * sum(len(r) for r in raw_rows) + 1000  # spans must not multiply a small page
        pending: dict[int, list] = {}  # grid column → [origin Cell, rows left, colspan]
        rows: list[list[Cell]] = []
        for index, raw in enumerate(raw_rows):
            row: list[Cell] = []
            started: dict[int, list] = {}
            column = 0

            def carry(at: int) -> int:
                nonlocal budget
                origin, _left, span = pending[at]
                if budget > 0:
                    budget -= span
                    origin.rowspan += 1
                    row.extend(Cell(origin.text, bold=list(origin.bold), spanned=True) for _ in range(span))
                return at + span

            for rc in raw:
                while column in pending:
                    column = carry(column)
                cell = Cell(rc.text(), bold=rc.bold, colspan=rc.colspan)
                row.append(cell)
                copies = max(min(rc.colspan - 1, budget), 0)
                budget -= copies
                row.extend(Cell(cell.text, bold=list(cell.bold), spanned=True) for _ in range(copies))
                left = rc.rowspan - 1 if rc.rowspan else len(raw_rows) - index - 1
                if left > 0:
                    started[column] = [cell, left, rc.colspan]
                column += rc.colspan
            for at in sorted(c for c in pending if c >= column):
                carry(at)
            pending = {c: [o, left - 1, s] for c, (o, left, s) in pending.items() if left > 1}
            pending.update(started)
            if row:
                rows.append(row)
        if budget <= 0:
            self.warnings.append("网页表格的合并单元格过多，部分合并单元格未在所跨的每一行、每一列重复")
        return rows


def _span(value: str | None, low: int, high: int) -> int:
    try:
        return min(max(int(str(value).strip()), low), high)
    except ValueError:
        return 1


def _is_layout(table: _Table) -> bool:
    """One column, or a cell holding a whole article: the table only lays out the page."""
    if all(len(row) <= 1 for row in table.rows):
        return True
    return any(len(cell.text()) > _LAYOUT_CELL_CHARS for row in table.rows for cell in row)


def _layout_items(table: _Table) -> list:
    """A layout table's content in reading order: lines and (data) tables."""
    return [item for row in table.rows for cell in row for item in cell.items]
