"""Build the small PDFs that tests/test_pdf_reader.py reads. Run once, commit the outputs:

    .venv/bin/python tests/data/make_pdf_fixtures.py

Needs LibreOffice (`soffice`) and the CJK fonts at build time only; the tests never call them.
Writes into tests/data/:
  pdf_text.pdf        3 pages: running header, "第 N 页 共 M 页" footer, indented and unindented
                      (numbered) paragraphs, one paragraph running over a page break
  pdf_table.pdf       a bordered table over two pages: repeated header row, a row split by the page
                      break, a category cell merged down over the break, a header cell over two columns
  pdf_fake_bold.pdf   page 1 of pdf_text.pdf drawn twice, 0.4 pt apart (each glyph doubled)
  pdf_scanned.pdf     one page that is only an image
  pdf_mixed_scan.pdf  a text page, then an image-only page
  pdf_encrypted.pdf   a one-page PDF with open password "secret"
  pdf_fixtures.json   what the text and table fixtures contain, for the tests to compare with
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import build_renditions as br  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from docx import Document as new_docx  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from duibiao.extractors.model import Block, Cell  # noqa: E402

HEADER = "某某县教育体育局文件"
TITLE = "某某县义务教育优质均衡发展实施方案"
S = "为推进县域义务教育优质均衡发展，全面提高教育质量和办学水平，结合我县实际情况，"
INTRO = S + "制定本实施方案。"
LONG = (
    "坚持以人民为中心的发展思想，把义务教育优质均衡发展作为教育工作的重中之重，"
    + S * 9
    + "持续改善办学条件，优化教师资源配置，推动城乡学校协调发展，办好人民满意的教育。"
)
# Unindented numbered paragraphs of exactly two full lines (27 characters a line), ending in 。
NUMBERED = [
    "（一）优化学校布局。统筹城乡学校建设，合理规划学校布点，确保学位供给充足，满足入学需求。",
    "（二）改善办学条件。加快薄弱学校改造，完善教学仪器设备配备，全面达到省定办学标准要求。",
    "（三）加强队伍建设。完善教师补充机制，推进校长教师交流轮岗，提升教师队伍整体专业素质。",
]
TAIL = [
    "各乡镇、各有关部门要高度重视，加强组织领导，明确责任分工，确保各项任务落到实处。",
    "某某县人民政府办公室",
    "2024年3月15日",
]


def text_paragraphs() -> list[tuple[str, str]]:
    """(style, text) in order: title, indented body, heading, unindented numbered."""
    out = [("title", TITLE), ("body", INTRO), ("h1", "一、总体要求"), ("body", LONG), ("h1", "二、主要任务")]
    out += [("flush", t) for t in NUMBERED]
    out += [("body", S * 3 + "形成工作合力。"), ("h1", "三、保障措施")]
    out += [("body", LONG), ("body", TAIL[0]), ("right", TAIL[1]), ("right", TAIL[2])]
    return out


TABLE_ROWS = [
    ["类别", "评估指标", "责任单位", "备注"],
    ["资源配置", "每百名学生拥有高于规定学历教师数：小学、初中分别达到4.2人以上、5.3人以上。", "教育局", "刚性指标"],
    ["", "每百名学生拥有县级以上骨干教师数：小学、初中均达到1人以上。", "教育局、人社局", ""],
    ["", "生均教学及辅助用房面积：" + "小学、初中分别达到规定标准，新建学校严格按标准建设，" * 30 + "逐步消除差距。", "财政局、住建局", ""],
    ["", "生均体育运动场馆面积：小学、初中分别达到7.5平方米以上、10.2平方米以上。", "财政局", ""],
    ["", "生均教学仪器设备值：小学、初中分别达到2000元以上、2500元以上。", "财政局、教育局", ""],
    ["政府保障", "县域内义务教育学校规划布局合理，符合国家规定要求。", "自然资源局", "一票否决"],
    ["", "所有小学、初中每12个班级配备音乐、美术专用教室1间以上。", "教育局", ""],
]
TABLE_INTRO = ["附件", "县域义务教育优质均衡发展指标责任分工表"]


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def to_pdf(docx: Path, out_dir: Path, export: str = "pdf") -> Path:
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", export,
             "--outdir", str(out_dir), str(docx)])
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / (docx.stem + ".pdf")


def field_runs(para, instr: str) -> None:
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = para.add_run()
        br.run_fonts(run, "宋体", 14)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
            run._element.append(el)
        elif kind == "text":
            run.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)


def new_document(footer: str):
    doc = new_docx()
    br.set_page(doc)
    for para in doc.paragraphs:
        para._element.getparent().remove(para._element)
    section = doc.sections[0]
    head = section.header.paragraphs[0]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    br.run_fonts(head.add_run(HEADER), "宋体", 12)
    if footer == "of":  # 第 N 页 共 M 页
        foot = section.footer.paragraphs[0]
        for r in list(foot.runs):
            r._element.getparent().remove(r._element)
        br.run_fonts(foot.add_run("第 "), "宋体", 14)
        field_runs(foot, "PAGE")
        br.run_fonts(foot.add_run(" 页 共 "), "宋体", 14)
        field_runs(foot, "NUMPAGES")
        br.run_fonts(foot.add_run(" 页"), "宋体", 14)
    return doc


def add_paragraph(doc, style: str, text: str) -> None:
    para = doc.add_paragraph()
    if style == "title":
        br.paragraph_format(para, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, size=br.TITLE_SIZE)
        br.run_fonts(para.add_run(text), "方正小标宋简体", br.TITLE_SIZE)
    elif style == "right":
        br.paragraph_format(para, indent_chars=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
        para.paragraph_format.right_indent = br.Pt(br.BODY_SIZE * 4)
        br.run_fonts(para.add_run(text), br.BODY_FONT, br.BODY_SIZE)
    elif style == "flush":
        br.paragraph_format(para, indent_chars=0)
        br.run_fonts(para.add_run(text), br.BODY_FONT, br.BODY_SIZE)
    else:
        br.paragraph_format(para)
        br.run_fonts(para.add_run(text), "黑体" if style == "h1" else br.BODY_FONT, br.BODY_SIZE)


def build_text(tmp: Path) -> Path:
    doc = new_document("of")
    for style, text in text_paragraphs():
        add_paragraph(doc, style, text)
    path = tmp / "pdf_text.docx"
    doc.save(str(path))
    return to_pdf(path, tmp)


def build_table(tmp: Path) -> Path:
    doc = new_document("dash")
    for _ in range(4):
        add_paragraph(doc, "body", INTRO)
    add_paragraph(doc, "flush", TABLE_INTRO[0])
    add_paragraph(doc, "title", TABLE_INTRO[1])
    br.add_table(doc, Block("table", rows=[[Cell(t) for t in row] for row in TABLE_ROWS]))
    add_paragraph(doc, "body", "以上指标由各责任单位按职责分工落实。")
    path = tmp / "pdf_table.docx"
    doc.save(str(path))
    return to_pdf(path, tmp)


def build_encrypted(tmp: Path) -> Path:
    doc = new_document("dash")
    add_paragraph(doc, "body", "本文件已加密，仅供内部审核使用。")
    path = tmp / "pdf_encrypted.docx"
    doc.save(str(path))
    options = (
        '{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    return to_pdf(path, tmp, f"pdf:writer_pdf_Export:{options}")


def fake_bold(src: Path, out: Path) -> None:
    """Each glyph drawn twice, 0.4 pt apart, as some generators fake a bold face."""
    source = pdfium.PdfDocument(str(src))
    pdf = pdfium.PdfDocument.new()
    width, height = source[0].get_size()
    page = pdf.new_page(width, height)
    xobject = source.page_as_xobject(0, pdf)
    for dx in (0.0, 0.4):
        obj = xobject.as_pageobject()
        obj.transform(pdfium.PdfMatrix().translate(dx, 0))
        page.insert_obj(obj)
    page.gen_content()
    pdf.save(str(out))


def image_page(pdf: pdfium.PdfDocument, src: pdfium.PdfDocument, index: int) -> None:
    """A page holding only a picture of src's page `index` (what a scanner gives)."""
    width, height = src[index].get_size()
    bitmap = src[index].render(scale=0.5, grayscale=True)
    page = pdf.new_page(width, height)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()


def scans(text_pdf: Path) -> None:
    src = pdfium.PdfDocument(str(text_pdf))
    pdf = pdfium.PdfDocument.new()
    image_page(pdf, src, 0)
    pdf.save(str(HERE / "pdf_scanned.pdf"))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(src, [0])
    image_page(mixed, src, 1)
    mixed.save(str(HERE / "pdf_mixed_scan.pdf"))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="pdf-fixtures-"))
    try:
        text_pdf = build_text(tmp)
        shutil.copy(text_pdf, HERE / "pdf_text.pdf")
        shutil.copy(build_table(tmp), HERE / "pdf_table.pdf")
        shutil.copy(build_encrypted(tmp), HERE / "pdf_encrypted.pdf")
        fake_bold(HERE / "pdf_text.pdf", HERE / "pdf_fake_bold.pdf")
        scans(HERE / "pdf_text.pdf")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    expected = {
        "header": HEADER,
        "paragraphs": [text for _, text in text_paragraphs()],
        "long": LONG,
        "numbered": NUMBERED,
        "table_intro": TABLE_INTRO,
        "table_rows": TABLE_ROWS,
    }
    (HERE / "pdf_fixtures.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in sorted(HERE.glob("pdf_*.pdf")):
        print(name.name, name.stat().st_size)


if __name__ == "__main__":
    main()
