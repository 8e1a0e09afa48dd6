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
* Tables: rows come from the w:tc elements, not python-docx's row.cells, one Cell per grid column
  (grid-true): a cell merged over several columns (gridSpan) or rows (vMerge) keeps its colspan and
  rowspan and is repeated in every grid position it covers with spanned=True (its origin keeps
  spanned=False). The legacy hMerge joins its text into the cell before.
  Tracked-deleted rows are skipped; empty rows are kept so row numbers match what a person sees.
* Nested tables: a table inside a cell is flattened into that cell's text at its place, one line
  per row, cells separated by a space (vertically merged repeats omitted), so nothing is lost. A
  one-column table holding tables is a frame (templates, portal copies): its cells are read as body.
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

import re

from duibiao import regex_cache
from duibiao.errors import UnreadableDocument
from duibiao.extractors.docx_numbering import Numbering
from duibiao.extractors.docx_styles import ParaStyle, Styles, parsed_styles, rpr_flags, stated_layout
from duibiao.extractors.model import Block, Cell, Document, Location, flat_row, table_block
from duibiao.extractors.ooxml import (
    ALTCHUNK, BODY, BR, CELLDEL, CHAR, CHART, CR, CUSTOMXML, DEL, DOCTYPE, FLDCHAR, FLDCHARTYPE, FLDSIMPLE,
    FONT, GRIDBEFORE, GRIDSPAN, HMERGE, ILVL, IND, INLINE_CONTAINERS, INSTR, INSTRTEXT, JC, M_OMATH,
    M_OMATHPARA, M_T, MC_ALT, MOVEFROM, NOBREAKHYPHEN, NUMID, NUMPR, OBJECT, OFFICE, PAGEBREAKBEFORE, PIC,
    PPR, PSTYLE, PTAB, RPR, RSTYLE, RUBY, RUBYBASE, SDT, SDTCONTENT, SHAPES, SYM, TAB, TBL, TC, TCPR, TR,
    TRPR, TXBXCONTENT, TYPE, VAL, VMERGE, VML, P, R, T, W, first_child, int_value, is_on, is_placeholder,
    main_part, mc_branch, parse_part, read_part, related_parts,
)
from duibiao.extractors.wrapping import ends_paragraph, rejoin_paragraphs, wrap_joiner
from duibiao.extractors.zip_safety import check_sizes, open_archive

# Private-use marks for what becomes different text in the body and in cells.
_BR, _TAB, _PAGE = "\ue000", "\ue001", "\ue002"
# Run children that carry no text of the plan: formatting, layout marks, references to notes and
# comments (their text lives in other parts), deleted text.
_RUN_MARKS = frozenset(W + name for name in (
    "rPr", "lastRenderedPageBreak", "softHyphen", "commentReference", "annotationRef", "separator",
    "continuationSeparator", "delText", "delInstrText", "footnoteRef", "endnoteRef",
))
def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else "?"


_UNREAD_NAMES = {"footnoteReference": "脚注", "endnoteReference": "尾注", "sym": "无法识别的符号"}
# (font, code) → the mark it draws, for the check boxes and ticks of 是否达标/完成情况 columns.
_SYMBOL_FONT_MARKS = {
    ("wingdings", 0xFE): "☑", ("wingdings", 0xA8): "☐", ("wingdings", 0x6F): "☐", ("wingdings", 0x78): "☒",
    ("wingdings", 0xFC): "✓", ("wingdings", 0xFB): "✗", ("wingdings", 0xFD): "☒", ("wingdings", 0x9F): "•",
    ("wingdings 2", 0x52): "☑", ("wingdings 2", 0xA3): "☐", ("wingdings 2", 0x50): "✓", ("wingdings 2", 0x4F): "✗",
    ("wingdings 2", 0x54): "☒", ("symbol", 0xD6): "√", ("symbol", 0xB4): "×", ("symbol", 0xB7): "•",
}
MAX_GRID_COLUMNS = 63  # Word's own limit: a larger w:gridSpan is damage, not layout
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")
_TABS = regex_cache.compile(" *\ue001[\ue001 ]*")
_BREAKS = regex_cache.compile("[\ue000 ]*\ue000[\ue000 ]*")


# --- entry point -------------------------------------------------------------------------------


def read_docx(path: str, data: bytes) -> Document:
    """Read a .docx (or .docm/.dotx) file's body into the document model; structure is left to finalize()."""
    path = str(path)
    zf = open_archive(data, path)
    check_sizes(zf, path)  # before anything is inflated
    names = {n.lower().lstrip("/"): n for n in zf.namelist()}
    warnings: list[str] = []
    main = main_part(zf, names, path)
    if main is None:
        raise UnreadableDocument(path, "压缩包中没有 Word 正文（word/document.xml），不是有效的 Word 文档")
    xml = read_part(zf, main, path)
    if DOCTYPE.search(xml[:4096]):  # OOXML forbids DTDs; one here is an entity attack, not a document
        raise UnreadableDocument(path, "Word 文档的正文含有 DTD/实体声明（Word 文档不应有），可能是恶意构造的文件，已拒绝读取")
    root = parse_part(xml)
    if root is None:  # broken XML: read what libxml2's recovery mode can make of it
        root = parse_part(xml, recover=True)
        if root is None or first_child(root, BODY) is None:
            raise UnreadableDocument(path, "Word 文档的正文已损坏（XML 无法解析），无法读取")
        warnings.append("Word 文档的正文 XML 有损坏，已尽量读取其中可读的部分")
    related = related_parts(zf, names, main, path)
    styles = numbering = None
    broken = False
    for kind, parse in (("styles", parsed_styles), ("numbering", parse_part)):
        name = related.get(kind)
        if name is None:
            continue
        try:
            part = parse(read_part(zf, name, path))
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
    reader = _Reader(styles if styles is not None else Styles(None), numbering)
    body = first_child(root, BODY)
    if body is not None:
        try:
            reader.body(body)
            reader.blocks = rejoin_hard_returns(reader.blocks, reader.fresh)
        except RecursionError:
            raise UnreadableDocument(path, "Word 文档的结构嵌套过深（表格或文本框层层嵌套），无法读取") from None
    return Document(source=path, format="docx", blocks=reader.blocks, warnings=warnings + reader.warnings())


# --- the body ----------------------------------------------------------------------------------


class _Field:
    __slots__ = ("result", "instr", "drop")

    def __init__(self):
        self.result = False
        self.instr: list[str] = []
        self.drop = False


class _Reader:
    def __init__(self, styles: Styles, numbering_root):
        self.styles = styles
        self.numbering = Numbering(numbering_root, styles)
        self.blocks: list[Block] = []
        self.fresh: dict[int, bool] = {}  # id of a body paragraph's block → it starts visibly (indent, centring…)
        self.set_off = False  # of the paragraph last read
        self.page_ended = False  # the body paragraph before ended with a page or section break
        self.para_no = 0
        self.fields: list[_Field] = []
        self.keep = True  # False inside a field's instructions or a left-out field result
        self.images = self.objects = self.altchunks = 0
        self.unread: dict[str, int] = {}  # run content of kinds this reader does not read, by element name
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
        if self.unread:
            kinds = "、".join(f"{_UNREAD_NAMES.get(k, 'w:' + k)} {n} 处" for k, n in sorted(self.unread.items()))
            found.append(f"文档中有未能读取的内容：{kinds}")
        return found

    # block level, body and text boxes in the body

    def body(self, container, anchor: int | None = None) -> None:
        for child in _unwrapped(container):
            tag = child.tag
            if tag == P:
                self.body_paragraph(child, anchor)
            elif tag == TBL:
                self.body_table(child, anchor)
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
            fresh = self.set_off or self.page_ended or raw.lstrip(_BR)[:1] in (" ", "\u3000", _TAB, _PAGE)
            self.page_ended = raw.rstrip(_BR + " \u3000").endswith(_PAGE) or _ends_section(p)
            for part in _soft_paragraphs(raw.translate(_INVISIBLE)):
                text = _body_text(part)
                if text:
                    block = Block("paragraph", text, Location(paragraph=where))
                    self.fresh[id(block)] = fresh
                    self.blocks.append(block)
                    fresh = True
        for box in boxes:
            self.in_box(lambda box=box: self.body(box, where))

    def body_table(self, tbl, anchor: int | None) -> None:
        where = anchor if anchor is not None else self.para_no + 1
        cells = _layout_cells(tbl)
        if cells:  # a one-column frame around tables: its content is the body's
            for tc in cells:
                self.body(tc, where)
            return
        block = table_block(self.table_rows(tbl), where)
        if block:
            self.blocks.append(block)

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
        """The paragraph's text with its list label, marks still in; None for a deleted paragraph.
        Sets self.set_off: whether the paragraph has a first-line indent or is centred."""
        style_id = num_id = ilvl = None
        ind = jc = page_break = None  # the first of each, as Word reads them
        mark_deleted = False
        ppr = first_child(p, PPR)
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
                            ilvl = int_value(x)
                elif tag == RPR:
                    for x in child:
                        if x.tag == DEL or x.tag == MOVEFROM:
                            mark_deleted = True
                elif tag == IND:
                    ind = child if ind is None else ind
                elif tag == JC:
                    jc = child if jc is None else jc
                elif tag == PAGEBREAKBEFORE:
                    page_break = child if page_break is None else page_break
        style = self.styles.para(style_id)
        indent, centred = stated_layout(ind, jc)
        self.set_off = (
            bool(style.indent if indent is None else indent)
            or bool(style.centred if centred is None else centred)
            or (page_break is not None and is_on(page_break))
        )
        self.inline(p, pieces, boxes, style)
        self.end_paragraph_fields()
        text = "".join([t for t, _ in pieces])
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

    def inline(self, parent, pieces: list, boxes: list, style: ParaStyle) -> None:
        for el in _unwrapped(parent):
            tag = el.tag
            if tag == R:
                self.run(el, pieces, boxes, style)
            elif tag in INLINE_CONTAINERS:
                if tag == FLDSIMPLE and (el.get(INSTR) or "").strip().upper().startswith("TOC"):
                    self.toc = True
                    continue
                self.inline(el, pieces, boxes, style)
            elif tag == M_OMATHPARA or tag == M_OMATH:
                if self.keep:
                    pieces.append(("".join(t.text or "" for t in el.iter(M_T)), False))

    def run(self, r, pieces: list, boxes: list, style: ParaStyle) -> None:
        bold, hidden = style.bold, style.hidden
        rpr = first_child(r, RPR)
        if rpr is not None:
            b, h = rpr_flags(rpr)
            rstyle = first_child(rpr, RSTYLE)
            sid = rstyle.get(VAL) if rstyle is not None else None
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
            elif tag in SHAPES:
                if emit:
                    self.shapes(el, boxes)
            elif tag == RUBY:
                if buf:
                    pieces.append(("".join(buf), bold))
                    buf = []
                for part in el:
                    if part.tag == RUBYBASE:  # the base text; the w:rt guide above it is left out
                        self.inline(part, pieces, boxes, style)
            elif tag == SYM:
                if emit:
                    buf.append(self.symbol(el))
            elif tag not in _RUN_MARKS:
                self.unread[_local_name(tag)] = self.unread.get(_local_name(tag), 0) + 1
        if buf:
            pieces.append(("".join(buf), bold))

    def symbol(self, el) -> str:
        """A w:sym character (a check box ☑ in a 是否达标 cell, say), in Unicode where it is one of the
        common symbol-font marks; else left out and counted."""
        font = (el.get(FONT) or "").lower()
        try:
            code = int(el.get(CHAR) or "", 16)
        except ValueError:
            code = -1
        mark = _SYMBOL_FONT_MARKS.get((font, code & 0xFF))  # symbol fonts are also addressed at F000 + code
        if mark is None:
            self.unread["sym"] = self.unread.get("sym", 0) + 1
        return mark or ""

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
            branch = mc_branch(el)
            if branch is not None:
                self.shapes(branch, boxes)
            return
        if tag == OBJECT or tag == OFFICE + "OLEObject":
            self.objects += 1
            return
        if tag == PIC + "pic" or tag == VML + "imagedata" or tag == CHART + "chart":
            self.images += 1
            return
        for child in el:
            self.shapes(child, boxes)

    # tables

    def table_rows(self, tbl) -> list[list[Cell]]:
        origins: dict[int, Cell] = {}  # grid column → the cell above that a vertical merge continues
        rows: list[list[Cell]] = []
        for tr in _children(tbl, TR):
            trpr = first_child(tr, TRPR)
            column = 0
            if trpr is not None:
                if first_child(trpr, DEL) is not None:
                    continue
                column = int_value(first_child(trpr, GRIDBEFORE), 0) or 0
            row: list[Cell] = []
            for tc in _children(tr, TC):
                deleted, span, vmerge, hmerge = _cell_props(tc)
                if deleted:
                    continue
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
                    origin.rowspan += 1
                else:
                    cell = Cell(text, bold=bold, colspan=span)
                    origins[column] = cell
                    for covered in range(column + 1, column + span):
                        origins.pop(covered, None)
                row.append(cell)
                # grid-true: one cell per grid column, the columns a merged cell covers hold copies
                row.extend(Cell(cell.text, bold=cell.bold, spanned=True) for _ in range(min(span, MAX_GRID_COLUMNS - len(row) + 1) - 1))
                column += span
            rows.append(row)
        return rows

    def cell_content(self, tc) -> tuple[str, list[str]]:
        lines: list[str] = []
        bold: list[str] = []
        self.cell_blocks(tc, lines, bold)
        return "\n".join(lines), bold

    def cell_blocks(self, container, lines: list[str], bold: list[str]) -> None:
        for child in _unwrapped(container):
            tag = child.tag
            if tag == P:
                self.cell_paragraph(child, lines, bold)
            elif tag == TBL:
                for row in self.table_rows(child):
                    line = flat_row(row)
                    if line:
                        lines.append(line)
                    for c in row:
                        if not c.spanned:
                            bold.extend(c.bold)
            elif tag == ALTCHUNK:
                self.altchunks += 1

    def cell_paragraph(self, p, lines: list[str], bold: list[str]) -> None:
        pieces: list[tuple[str, bool]] = []
        boxes: list = []
        raw = self.paragraph(p, pieces, boxes)
        if raw is not None:
            text = raw.translate(_INVISIBLE).replace(_PAGE, "\n").replace(_BR, "\n")
            if _TAB in text:
                text = _TABS.sub(" ", text)
            for line in text.split("\n"):
                line = line.strip()
                if line:
                    lines.append(line)
            bold.extend(_bold_stretches(pieces))
        for box in boxes:
            self.in_box(lambda box=box: self.cell_blocks(box, lines, bold))


def _unwrapped(parent):
    """The children of a body, cell, table or row, with content controls (but not their placeholder
    text), custom XML and alternate content opened up."""
    for child in parent:
        if child.tag == SDT:
            content = first_child(child, SDTCONTENT)
            if content is not None and not is_placeholder(child):
                yield from _unwrapped(content)
        elif child.tag == CUSTOMXML:
            yield from _unwrapped(child)
        elif child.tag == MC_ALT:
            branch = mc_branch(child)
            if branch is not None:
                yield from _unwrapped(branch)
        else:
            yield child


def _layout_cells(tbl) -> list:
    """The cells of a table used as a frame (one cell per row, a table inside), else []."""
    cells = []
    for tr in _children(tbl, TR):
        row = list(_children(tr, TC))
        if len(row) != 1:
            return []
        cells.extend(row)
    return cells if any(tc.find(".//" + TBL) is not None for tc in cells) else []


def _children(parent, tag: str):
    """Rows of a table or cells of a row, also when wrapped in content controls or custom XML."""
    return (child for child in _unwrapped(parent) if child.tag == tag)


def numbered_body(body):
    """(paragraph number, element) of each body paragraph and table, numbered as their blocks'
    Location: every body paragraph counts, a table takes the number after the paragraphs before it.
    For writers that must find a block's XML again (Word comments)."""
    number = 0
    for child in _unwrapped(body):
        if child.tag == P:
            number += 1
            yield number, child
        elif child.tag == TBL:
            yield number + 1, child


def located_rows(tbl) -> list[list]:
    """A table's w:tc elements by the row and column of their cells' Location (deleted rows and cells
    and legacy merge continuations left out, as table_rows leaves them out; a merged cell in each grid
    column it covers)."""
    rows = []
    for tr in _children(tbl, TR):
        trpr = first_child(tr, TRPR)
        if trpr is not None and first_child(trpr, DEL) is not None:
            continue
        row = []
        for tc in _children(tr, TC):
            deleted, span, _vmerge, hmerge = _cell_props(tc)
            if deleted or (hmerge == "continue" and row):
                continue
            row.append(tc)
            row.extend([tc] * (min(span, MAX_GRID_COLUMNS - len(row) + 1) - 1))  # each grid column it covers
        rows.append(row)
    return rows


def _cell_props(tc) -> tuple[bool, int, str | None, str | None]:
    """(deleted, grid columns it spans, vMerge, hMerge) from a cell's tcPr, the first of each element
    read, in one pass; a merge without w:val is "continue"."""
    deleted, span, vmerge, hmerge = False, None, None, None
    tcpr = first_child(tc, TCPR)
    for child in tcpr if tcpr is not None else ():
        tag = child.tag
        if tag == CELLDEL:
            deleted = True
        elif tag == GRIDSPAN:
            span = child if span is None else span
        elif tag == VMERGE:
            vmerge = (child.get(VAL) or "continue") if vmerge is None else vmerge
        elif tag == HMERGE:
            hmerge = (child.get(VAL) or "continue") if hmerge is None else hmerge
    return deleted, min(max(int_value(span, 1) or 1, 1), MAX_GRID_COLUMNS), vmerge, hmerge


def _body_text(text: str) -> str:
    """A body paragraph's text: tabs to one space, soft breaks dropped between CJK, else a space."""
    if _TAB in text:
        text = _TABS.sub(" ", text)
    if _BR in text:
        text = _BREAKS.sub(lambda m: _break(text, m), text)
    return text.strip()


def _ends_section(p) -> bool:
    ppr = first_child(p, PPR)
    return ppr is not None and first_child(ppr, W + "sectPr") is not None


def _soft_paragraphs(text: str) -> list[str]:
    """A paragraph's parts: a page break always ends one (e.g. "附件1" on a new page), a soft line
    break where it ends a sentence or comes before a numbering label."""
    parts: list[str] = []
    for page in text.split(_PAGE):
        lines = page.split(_BR)
        current = lines[0]
        for line in lines[1:]:
            if current.strip() and line.strip() and ends_paragraph(current.replace(_TAB, " "), line.replace(_TAB, " ")):
                parts.append(current)
                current = line
            else:
                current += _BR + line
        parts.append(current)
    return parts


def rejoin_hard_returns(blocks: list[Block], fresh: dict[int, bool]) -> list[Block]:
    """Paragraphs cut by a hard return in mid-sentence, joined again. Only in a document that marks
    its paragraphs (indent, centring) often enough for an unmarked one to mean a continuation."""
    return rejoin_paragraphs(blocks, fresh) if sum(fresh.values()) >= 3 else blocks


def _break(text: str, m: re.Match) -> str:
    before = text[m.start() - 1] if m.start() > 0 else ""
    after = text[m.end()] if m.end() < len(text) else ""
    return wrap_joiner(before, after)


def _bold_stretches(pieces: list[tuple[str, bool]]) -> list[str]:
    """Each contiguous stretch of bold text on one line, stripped."""
    if not any([bold for _, bold in pieces]):
        return []
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
