"""Build the .docx and .pdf renditions of the sample plans from their .txt form.

    .venv/bin/python samples/build_renditions.py            # all samples/*.txt
    .venv/bin/python samples/build_renditions.py qitai      # only samples/qitai.txt

Each samples/NAME.txt is parsed by tests/layouts/source.py, independently of the product's readers
(renditions that tests compare with the .txt must not inherit what the .txt reader makes of it), and
written as samples/NAME.docx laid out like a county office's file (A4, GB/T 9704
margins, 仿宋_GB2312 三号 body with a two-character first-line indent, 黑体/楷体 headings, 小标宋 title,
bordered tables with a repeating header row, vertically merged category cells, "— 7 —" page numbers),
then converted to samples/NAME.pdf by LibreOffice (`soffice --headless`, private profile). Table rows
may break across pages, as in real files. Run from anywhere; paths are taken relative to this file.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

from docx import Document as new_docx  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402

from duibiao.extractors.model import Block, Cell  # noqa: E402
from duibiao.extractors.structure import outline_label  # noqa: E402

sys.path.insert(0, str(HERE.parent / "tests"))
from layouts.source import Table, read_plan  # noqa: E402

BODY_FONT = "仿宋_GB2312"  # falls back to 仿宋 through the font table
FONTS = {  # font → fallback named in the font table (w:altName)
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "黑体": "SimHei",
    "方正小标宋简体": "小标宋",
    "宋体": "SimSun",
}
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
LINE_PITCH = 28  # exact line spacing (pt), about 22 lines a page


def run_fonts(run, east_asia: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    _set_fonts(run._element.get_or_add_rPr(), east_asia, hint=True)


def _set_fonts(rpr, east_asia: str, hint: bool = False) -> None:
    """Times New Roman for Latin text and `east_asia` for Chinese, in the rPr's w:rFonts (added if
    missing); `hint` makes Word pick the East Asian font for shared characters (quotes, dashes)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")
    fonts.set(qn("w:eastAsia"), east_asia)
    if hint:
        fonts.set(qn("w:hint"), "eastAsia")


def add_font_table_fallbacks(doc) -> None:
    """Declare each Chinese font with its fallback (w:altName) so a reader without it substitutes well."""
    font_part = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            font_part = rel.target_part
    if font_part is None:
        return
    from lxml import etree

    root = etree.fromstring(font_part.blob)
    for name, alt in FONTS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_el = etree.SubElement(font, qn("w:altName"))
        alt_el.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
    font_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    style = doc.styles["Normal"]
    style.font.size = Pt(BODY_SIZE)
    _set_fonts(style.element.get_or_add_rPr(), BODY_FONT)
    page_number_footer(section)


def page_number_footer(section) -> None:
    """A centred "— N —" footer with a PAGE field."""
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run_fonts(para.add_run("— "), "宋体", 14)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = para.add_run()
        run_fonts(run, "宋体", 14)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        elif kind == "text":
            run.text = text
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)
    run_fonts(para.add_run(" —"), "宋体", 14)


def paragraph_format(para, *, indent_chars: float = 2, align=None, size: float = BODY_SIZE) -> None:
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(LINE_PITCH, size + 6))
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    if align is not None:
        para.alignment = align
    else:
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)
        ind = para._element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))


def outline_level(para, level: int) -> None:
    ppr = para._element.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level - 1))
    ppr.append(el)


# --- which block is what -----------------------------------------------------------------------

_DATE_LINE = re.compile(r"^[0-9〇零一二三四五六七八九]{4}\s*年.{1,3}月.{1,3}日\s*(印发)?$")
_DOC_NO = re.compile(r"〔\d{4}〕\s*\d+\s*号$")


def title_blocks(blocks: list[Block], title: str | None) -> set[int]:
    """Indices of the short lines that make up the notice title and the plan title(s)."""
    found: set[int] = set()
    texts = [b.text.strip() if b.kind != "table" else "\0" for b in blocks]
    wanted = re.compile(r"^(关于印发.+的通知|.{4,60}(实施方案|工作方案|方案))$")
    for i in range(min(len(texts), 40)):
        joined = ""
        for j in range(i, min(i + 3, len(texts))):
            if len(texts[j]) > 40 or re.search(r"[。；，:：]", texts[j]) or _DATE_LINE.match(texts[j]):
                break
            joined += texts[j]
            if wanted.match(joined) or (title and joined == title):
                found.update(range(i, j + 1))
                break
    return found


def signature_blocks(blocks: list[Block]) -> set[int]:
    """Date lines, and the issuing body's line right above one."""
    found = set()
    for i, b in enumerate(blocks):
        if b.kind != "table" and _DATE_LINE.match(b.text.strip()):
            found.add(i)
            if i > 0 and blocks[i - 1].kind != "table" and len(blocks[i - 1].text) <= 30 and not re.search(
                r"[。；：]", blocks[i - 1].text
            ):
                found.add(i - 1)
    return found


# --- tables ---------------------------------------------------------------------------------------


def table_grid(rows: list[list[str]]) -> tuple[int, int]:
    """(number of grid columns, how many columns the header's first cell spans)."""
    width = max(len(r) for r in rows)
    body_widths = [len(r) for r in rows[1:]] or [width]
    common = max(set(body_widths), key=body_widths.count)
    head_span = 2 if len(rows[0]) == common - 1 and len(rows) > 1 else 1
    return width, head_span


def merge_columns(rows: list[list[str]]) -> list[int]:
    """Category columns: left of the first column that is filled on every body row, with empty cells
    that follow a filled one."""
    body = rows[1:]
    width = max(len(r) for r in rows)
    filled = [all(c < len(r) and r[c].strip() for r in body) for c in range(width)]
    text_col = filled.index(True) if True in filled else width
    return [c for c in range(text_col) if any(c < len(r) and not r[c].strip() for r in body)]


def _single_borders(tag: str, edges: tuple[str, ...]):
    """A w:tcBorders / w:tblBorders element with a thin single black line on each edge."""
    borders = OxmlElement(tag)
    for edge in edges:
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    return borders


def set_cell_borders(cell) -> None:
    cell._element.get_or_add_tcPr().append(_single_borders("w:tcBorders", ("top", "left", "bottom", "right")))


def set_table_borders(table) -> None:
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    table._element.tblPr.append(_single_borders("w:tblBorders", edges))


def fill_cell(cell, text: str, size: float, bold: bool = False) -> None:
    parts = [p.strip() for p in text.split("\n")] or [""]
    para = cell.paragraphs[0]
    for k, part in enumerate(parts):
        if k:
            para = cell.add_paragraph()
        para.paragraph_format.space_before = para.paragraph_format.space_after = Pt(0)
        para.paragraph_format.line_spacing = 1.0
        if part:
            run_fonts(para.add_run(part), BODY_FONT, size, bold)


def column_widths(rows: list[list[str]], width: int, head_span: int, size: float, total_mm: float) -> list[float]:
    """Wide enough for each header word, the rest shared by how much text a column holds."""
    char_mm = size * 0.3528
    minimum = [0.0] * width
    volume = [1.0] * width
    for r, texts in enumerate(rows):
        shift = head_span - 1 if r == 0 else 0
        for k, text in enumerate(texts):
            c = k + shift if k else 0
            lines = text.split("\n")
            if r == 0 and not (k == 0 and head_span > 1):
                minimum[c] = max(minimum[c], max(len(p) for p in lines) * char_mm + 2.5)
            minimum[c] = max(minimum[c], 2 * char_mm + 2.5)
            volume[c] += len(text)
    spare = total_mm - sum(minimum)
    weights = [v**0.5 for v in volume]
    return [m + spare * w / sum(weights) for m, w in zip(minimum, weights)]


def add_table(doc, block: Block) -> None:
    rows = [[c.text for c in r] for r in block.rows]
    width, head_span = table_grid(rows)
    size = 12 if width <= 5 else 10.5
    table = doc.add_table(rows=len(rows), cols=width)
    table.autofit = False
    set_table_borders(table)
    widths = column_widths(rows, width, head_span, size, 156)
    for c, w in enumerate(widths):
        table.columns[c].width = Mm(w)
        for cell in table.columns[c].cells:
            cell.width = Mm(w)
    # The header row repeats on each page.
    trpr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)
    for r, texts in enumerate(rows):
        shift = head_span - 1 if r == 0 else 0
        for c in range(width):
            cell = table.cell(r, c)
            set_cell_borders(cell)
            if r == 0 and c < head_span:
                text = texts[0] if c == 0 else ""
            else:
                k = c - shift
                text = texts[k] if k < len(texts) else ""
            fill_cell(cell, text, size, bold=(r == 0))
    if head_span > 1:
        table.cell(0, 0).merge(table.cell(0, head_span - 1))
    for c in merge_columns(rows):
        r = 1
        while r < len(rows):
            end = r
            while end + 1 < len(rows) and not (rows[end + 1][c].strip() if c < len(rows[end + 1]) else ""):
                end += 1
            if end > r and (rows[r][c].strip() if c < len(rows[r]) else ""):
                table.cell(r, c).merge(table.cell(end, c))
            r = end + 1
    doc.add_paragraph()  # Word needs a paragraph between tables; also ends the table cleanly


def plan_blocks(txt: Path) -> list[Block]:
    """The plan's paragraphs and tables as blocks, a short labelled line a heading of its level."""
    blocks = []
    for part in read_plan(txt):
        if isinstance(part, Table):
            blocks.append(Block("table", rows=[[Cell(t) for t in row] for row in part.rows]))
            continue
        label = outline_label(part)
        heading = label is not None and len(part) <= 40 and not re.search(r"[。；;]", part)
        blocks.append(Block("heading" if heading else "paragraph", part, level=label[0] if label else None))
    return blocks


def build_docx(txt: Path, out: Path) -> None:
    blocks = plan_blocks(txt)
    doc = new_docx()
    set_page(doc)
    add_font_table_fallbacks(doc)
    for para in doc.paragraphs:  # the template's empty paragraph, if any
        para._element.getparent().remove(para._element)
    signatures = signature_blocks(blocks)
    titles = title_blocks(blocks, None) - signatures
    for i, block in enumerate(blocks):
        if block.kind == "table":
            add_table(doc, block)
            continue
        text = block.text.strip()
        para = doc.add_paragraph()
        if i in titles:
            paragraph_format(para, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, size=TITLE_SIZE)
            run_fonts(para.add_run(text), "方正小标宋简体", TITLE_SIZE)
        elif i in signatures:
            paragraph_format(para, indent_chars=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
            para.paragraph_format.right_indent = Pt(BODY_SIZE * 4)
            run_fonts(para.add_run(text), BODY_FONT, BODY_SIZE)
        elif _DOC_NO.search(text) and len(text) <= 20:
            paragraph_format(para, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER)
            run_fonts(para.add_run(text), BODY_FONT, BODY_SIZE)
        elif re.match(r"^附\s*件\s*\d*\s*[:：]?\s*$", text):
            paragraph_format(para, indent_chars=0, align=WD_ALIGN_PARAGRAPH.LEFT)
            run_fonts(para.add_run(text), "黑体", BODY_SIZE)
        elif block.kind == "heading" and block.level in (1, 2):
            paragraph_format(para)
            outline_level(para, block.level)
            run_fonts(para.add_run(text), "黑体" if block.level == 1 else "楷体_GB2312", BODY_SIZE)
        else:
            paragraph_format(para)
            run_fonts(para.add_run(text), BODY_FONT, BODY_SIZE)
    doc.save(str(out))


def to_pdf(docx: Path) -> None:
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx.parent),
                str(docx),
            ],
            check=True,
            timeout=180,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main(names: list[str]) -> None:
    txts = [HERE / f"{n}.txt" for n in names] if names else sorted(HERE.glob("*.txt"))
    for txt in txts:
        out = txt.with_suffix(".docx")
        build_docx(txt, out)
        to_pdf(out)
        print(f"{txt.name} → {out.name}, {txt.with_suffix('.pdf').name}")


if __name__ == "__main__":
    main(sys.argv[1:])
