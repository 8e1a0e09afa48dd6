"""Build the small scanned pages that tests/test_ocr.py reads. Run once, commit the outputs:

    .venv/bin/python tests/data/make_scan_fixtures.py

Pages are typeset here with Pillow in a CJK font (fresh wording, not the samples') and then aged by
tests/scan_maker.py (grey paper, speckle, skew, a red seal). Writes into tests/data/:
  scan_paragraphs.jpg  a plan's first page: title, numbered headings, indented paragraphs wrapping over
                       lines, a red seal over the issuer's name, "— 1 —" at the foot; skewed 0.8°
  scan_duty_table.png  an annex 责任分工表 on clean grey paper: a ruled grid 序号|工作任务|牵头单位|配合单位,
                       row 3 with both unit cells blank; skewed -0.5°
  scan_mixed.pdf       page 1 of pdf_text.pdf (a text layer) followed by scan_paragraphs.jpg as an image page
  scan_fixtures.json   what the pages say, for the tests to compare with
"""
from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from scan_maker import _font, age, stamp  # noqa: E402

DPI = 150
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = 180
BODY = 33  # 三号 at 150 dpi
TITLE = "青石县推进义务教育优质均衡发展工作方案"
ISSUER = "青石县教育和体育局"
PARAGRAPHS = [
    ("heading", "一、工作目标"),
    ("body", "到2026年，全县小学、初中每百名学生拥有高于规定学历教师数分别达到4.6人以上和5.4人以上，"
             "音乐、美术专任教师数每百名学生均达到0.95人以上，确保通过国家评估认定。"),
    ("heading", "二、重点任务"),
    ("body", "（一）改善办学条件。新建学校按标准配足场馆，小学、初中生均教学及辅助用房面积分别达到4.5平方米和5.8平方米，"
             "每12个班级配备音乐、美术专用教室各1间以上。"),
    ("body", "（二）控制班额规模。逐步消除大班额，小学班额不超过45人，初中班额不超过50人。"),
]
TABLE = [
    ["序号", "工作任务", "牵头单位", "配合单位"],
    ["1", "新建改扩建校舍", "县教体局", "县发改委、县财政局"],
    ["2", "补充音体美教师", "县人社局", "县编办"],
    ["3", "控制学校班额", "", ""],
    ["4", "落实教师工资待遇", "县财政局", "县教体局"],
]


def _wrap(text: str, font, width: int, indent: int) -> list[str]:
    lines, line, limit = [], "", width - indent
    for ch in text:
        if font.getlength(line + ch) > limit:
            lines.append(line)
            line, limit = "", width
        line += ch
    return lines + [line] if line else lines


def paragraphs_page() -> tuple[Image.Image, list[str]]:
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    body, big = _font(BODY), _font(44)
    y = MARGIN
    draw.text((PAGE[0] / 2, y), TITLE, font=big, fill=0, anchor="mt")
    y += 110
    width = PAGE[0] - 2 * MARGIN
    for kind, text in PARAGRAPHS:
        indent = 2 * BODY
        for n, line in enumerate(_wrap(text, body, width, indent)):
            draw.text((MARGIN + (indent if n == 0 else 0), y), line, font=body, fill=0)
            y += int(BODY * 1.75)
    y += 40
    draw.text((PAGE[0] - MARGIN, y), ISSUER, font=body, fill=0, anchor="rt")
    issuer_centre = (int(PAGE[0] - MARGIN - body.getlength(ISSUER) / 2), y + BODY // 2)
    draw.text((PAGE[0] - MARGIN, y + 60), "2024年5月8日", font=body, fill=0, anchor="rt")
    draw.text((PAGE[0] / 2, PAGE[1] - 120), "— 1 —", font=body, fill=0, anchor="mt")
    aged = age(page, random.Random(3), skew=0.8)
    sealed = stamp(aged, issuer_centre, 150, "青石县教育和体育局")
    return sealed, [TITLE] + [text for _, text in PARAGRAPHS] + [ISSUER, "2024年5月8日"]


def table_page() -> Image.Image:
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    body = _font(28)
    draw.text((MARGIN, MARGIN), "附件", font=_font(BODY), fill=0)
    draw.text((PAGE[0] / 2, MARGIN + 70), "重点任务责任分工表", font=_font(40), fill=0, anchor="mt")
    widths = [90, 330, 200, 300]
    x0, top, row_h = (PAGE[0] - sum(widths)) // 2, MARGIN + 160, 80
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    for r, row in enumerate(TABLE):
        y = top + r * row_h
        for c, text in enumerate(row):
            draw.text(((xs[c] + xs[c + 1]) / 2, y + row_h / 2), text, font=body, fill=0, anchor="mm")
    for r in range(len(TABLE) + 1):
        draw.line((xs[0], top + r * row_h, xs[-1], top + r * row_h), fill=0, width=3)
    for x in xs:
        draw.line((x, top, x, top + len(TABLE) * row_h), fill=0, width=3)
    return age(page, random.Random(5), skew=-0.5, noise=0)  # speckle only: PNG keeps its size small


def mixed_pdf(scan: Image.Image) -> bytes:
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(HERE / "pdf_text.pdf")), [0])
    buf = io.BytesIO()
    scan.convert("RGB").save(buf, format="PDF", resolution=DPI, quality=75)
    out.import_pages(pdfium.PdfDocument(buf.getvalue()))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def main() -> None:
    page, texts = paragraphs_page()
    page.save(HERE / "scan_paragraphs.jpg", quality=75)
    table_page().save(HERE / "scan_duty_table.png", optimize=True)
    (HERE / "scan_mixed.pdf").write_bytes(mixed_pdf(page))
    fixtures = {"paragraphs": texts, "table": TABLE}
    (HERE / "scan_fixtures.json").write_text(json.dumps(fixtures, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
