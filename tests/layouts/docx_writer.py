"""Re-typeset a plan (tests/layouts/source.py parts) as .docx in the ways county offices produce them,
with python-docx and lxml only (never through the project's readers)."""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from lxml import etree
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from layouts.source import Table

_SENTENCE_END = re.compile(r"[。；！？：]")
_UNIT_HEADER = re.compile(r"责任|牵头")
_VML = "urn:schemas-microsoft-com:vml"


def new_document():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    return doc


def add_paragraph(doc, text: str, indent: bool = True, runs_of: int = 0):
    """A body paragraph; `runs_of` > 0 splits the text into runs of that many characters (as WPS does)."""
    para = doc.add_paragraph()
    if indent:
        para.paragraph_format.first_line_indent = Pt(32)
    step = runs_of or max(len(text), 1)
    for k in range(0, len(text), step):
        para.add_run(text[k:k + step])
    return para


def add_breaks(para, lines: list[str]) -> None:
    """One paragraph whose lines are separated by soft line breaks (w:br)."""
    for k, line in enumerate(lines):
        run = para.add_run(line)
        if k < len(lines) - 1:
            run.add_break()


def add_table(container, rows: list[list[str]], width: int, *, header: bool = True, soft_breaks: bool = False,
              vmerge: bool = False, unit_span: bool = False):
    """A bordered table of `width` grid columns; a header shorter than the body spans its first cell."""
    unit_col = _unit_column(rows[0]) if unit_span and header else None
    grid = width + (1 if unit_col is not None else 0)
    table = container.add_table(rows=len(rows), cols=grid)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        cells = _placed(row, width, is_header=header and r == 0)
        if unit_col is not None:
            cells = _split_units(cells, unit_col, r == 0)
        row_cells = table.rows[r].cells  # once a row: table.cell() lays out the whole grid at every call
        for c, text in enumerate(cells):
            cell = row_cells[c]
            if text is None:
                continue
            para = cell.paragraphs[0]
            lines = text.split("\n")
            if soft_breaks or len(lines) == 1:
                add_breaks(para, lines)
            else:
                para.add_run(lines[0])
                for line in lines[1:]:
                    cell.add_paragraph(line)
        _merge_row(table, r, cells)
    if header:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    if vmerge:
        _vertical_merges(table, rows, width)
    return table


def _placed(row: list[str], width: int, is_header: bool) -> list[str | None]:
    """Texts by grid column; None for a column covered by the cell on its left (gridSpan). As the .txt
    form means them, a short header stands over the last columns (its first cell spans the category
    columns) and a short body row over the first ones (its last cell spans the rest)."""
    if len(row) >= width:
        return list(row[:width])
    extra = width - len(row)
    if len(row) > 1 and is_header:
        return [row[0]] + [None] * extra + list(row[1:])
    if len(row) > 1:
        return list(row) + [None] * extra
    return list(row) + [""] * extra


def _merge_row(table, r: int, cells: list[str | None]) -> None:
    c = 0
    while c < len(cells):
        k = c + 1
        while k < len(cells) and cells[k] is None:
            k += 1
        if k - c > 1:
            table.cell(r, c).merge(table.cell(r, k - 1))
        c = k


def _vertical_merges(table, rows: list[list[str]], width: int) -> None:
    """Empty cells under a filled one in the leading category columns become one merged cell (w:vMerge)."""
    body = rows[1:]
    if any(len(r) < width for r in body):
        return  # short rows already span their first cell across
    first_full = next((c for c in range(width) if all(c < len(r) and r[c].strip() for r in body)), width)
    for c in range(min(first_full, 2)):
        start = None
        for r in range(1, len(rows) + 1):
            empty = r < len(rows) and not (c < len(rows[r]) and rows[r][c].strip())
            if empty and start is not None:
                continue
            if start is not None and r - start > 1:
                table.cell(start, c).merge(table.cell(r - 1, c))
            start = r if r < len(rows) else None


def _unit_column(header: list[str]) -> int | None:
    for c, text in enumerate(header):
        if _UNIT_HEADER.search(text):
            return c
    return None


def _split_units(cells: list, col: int, is_header: bool) -> list:
    """The unit column as two columns under one spanning 责任单位 header, no sub-header row: the first
    unit named leads, the others support."""
    text = cells[col] or ""
    if is_header:
        return cells[:col] + [text, None] + cells[col + 1:]
    units = [u for u in re.split(r"[、，,\n]", text) if u.strip()]
    lead = units[0] if units else ""
    rest = "、".join(units[1:])
    return cells[:col] + [lead, rest] + cells[col + 1:]


# --- layouts ----------------------------------------------------------------------------------------


def _paragraphs_and_tables(parts: list, out: Path, **table_options) -> None:
    """One paragraph per line, one table per table, written with add_table's options."""
    doc = new_document()
    for part in parts:
        if isinstance(part, Table):
            add_table(doc, part.rows, part.width, **table_options)
        else:
            add_paragraph(doc, part)
    doc.save(out)


def plain(parts: list, out: Path) -> None:
    """One paragraph per line, one table per table, a repeated header row."""
    _paragraphs_and_tables(parts, out)


def vmerge(parts: list, out: Path) -> None:
    """Category cells merged vertically over their rows."""
    _paragraphs_and_tables(parts, out, vmerge=True)


def pieces(parts: list, out: Path) -> None:
    """Each table pasted as up to four consecutive Word tables, the header only in the first; every
    other seam has an empty paragraph between the pieces."""
    doc = new_document()
    for part in parts:
        if not isinstance(part, Table):
            add_paragraph(doc, part)
            continue
        body = part.rows[1:]
        n = min(4, max(2, len(body) // 6)) if len(body) >= 4 else 1
        size = -(-len(body) // n)
        for k in range(n):
            chunk = body[k * size:(k + 1) * size]
            if not chunk:
                continue
            rows = ([part.rows[0]] if k == 0 else []) + chunk
            add_table(doc, rows, part.width, header=k == 0)
            if k % 2 == 1:
                doc.add_paragraph()
    doc.save(out)


def soft_breaks(parts: list, out: Path) -> None:
    """Paragraph breaks typed as soft line breaks (w:br) in runs of three paragraphs, cell lines as
    soft breaks, and every long paragraph cut by a hard return in mid-sentence."""
    doc = new_document()
    group: list[str] = []

    def flush():
        if group:
            add_breaks(doc.add_paragraph(), list(group))
            group.clear()

    for part in parts:
        if isinstance(part, Table):
            flush()
            add_table(doc, part.rows, part.width, soft_breaks=True)
            continue
        cut = _mid_sentence(part)
        if cut:
            flush()
            add_paragraph(doc, part[:cut])
            add_paragraph(doc, part[cut:], indent=False)
            continue
        group.append(part)
        if len(group) == 3:
            flush()
    flush()
    doc.save(out)


def _mid_sentence(text: str) -> int | None:
    """Where a hard return falls mid-sentence in a long paragraph: after a Chinese character that is
    neither the end of a clause nor next to a digit."""
    if len(text) < 60:
        return None
    for k in range(len(text) // 2, len(text) - 10):
        a, b = text[k - 1], text[k]
        if "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff":
            return k
    return None


def hard_wrap(parts: list, out: Path, width: int = 30) -> None:
    """Body text pasted from a PDF: each line of about `width` characters its own paragraph, the first
    line of every paragraph indented with two ideographic spaces (as the PDF showed it)."""
    doc = new_document()
    for part in parts:
        if isinstance(part, Table):
            add_table(doc, part.rows, part.width)
            continue
        lines = [part[k:k + width] for k in range(0, len(part), width)]
        for k, line in enumerate(lines):
            add_paragraph(doc, ("\u3000\u3000" if k == 0 else "") + line, indent=False)
    doc.save(out)


def wps(parts: list, out: Path) -> None:
    """As WPS writes: text in runs of a few characters, indents typed as ideographic spaces, tables
    with an empty last column and an empty last row."""
    doc = new_document()
    for part in parts:
        if isinstance(part, Table):
            rows = [r + [""] for r in part.rows] + [[""] * (part.width + 1)]
            add_table(doc, rows, part.width + 1)
        else:
            add_paragraph(doc, "\u3000\u3000" + part, indent=False, runs_of=5)
    doc.save(out)


def text_box(parts: list, out: Path) -> None:
    """The opening (red header: everything before the first heading) inside a text box anchored in the
    first paragraph."""
    doc = new_document()
    head = 0
    while head < len(parts) and not isinstance(parts[head], Table) and not re.match(r"^[一二三四五六七八九十]+、", parts[head]):
        head += 1
    head = min(head, 8)
    anchor = doc.add_paragraph()
    anchor._p.append(_text_box_run(parts[:head]))
    for part in parts[head:]:
        if isinstance(part, Table):
            add_table(doc, part.rows, part.width)
        else:
            add_paragraph(doc, part)
    doc.save(out)


def _text_box_run(texts: list[str]):
    """A w:r holding a VML text box with one paragraph per text."""
    run = OxmlElement("w:r")
    pict = OxmlElement("w:pict")
    shape = etree.SubElement(pict, f"{{{_VML}}}shape")
    shape.set("style", "width:420pt;height:200pt")
    box = etree.SubElement(shape, f"{{{_VML}}}textbox")
    content = OxmlElement("w:txbxContent")
    for text in texts:
        p = OxmlElement("w:p")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
        p.append(r)
        content.append(p)
    box.append(content)
    run.append(pict)
    return run


def nested(parts: list, out: Path) -> None:
    """Each table inside the single cell of an outer layout table (as portal or form templates do)."""
    doc = new_document()
    for part in parts:
        if isinstance(part, Table):
            outer = doc.add_table(rows=1, cols=1)
            cell = outer.cell(0, 0)
            add_table(cell, part.rows, part.width)
        else:
            add_paragraph(doc, part)
    doc.save(out)


def unit_span(parts: list, out: Path) -> None:
    """The 责任单位 header spans two columns, lead unit and supporting units, with no sub-header row."""
    _paragraphs_and_tables(parts, out, unit_span=True)


LAYOUTS = {
    "docx_plain": plain,
    "docx_vmerge": vmerge,
    "docx_pieces": pieces,
    "docx_soft_breaks": soft_breaks,
    "docx_hard_wrap": hard_wrap,
    "docx_wps": wps,
    "docx_text_box": text_box,
    "docx_nested": nested,
    "docx_unit_span": unit_span,
}
