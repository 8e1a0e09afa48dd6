"""Build the layout-bug PDFs of tests/data (needs LibreOffice): python tests/data/make_layout_fixtures.py

pdf_table_pieces_at_page_top.pdf: an annex table pasted as three Word tables with empty paragraphs
between, the first running over a page break so that the page after opens with two tables (the
LibreOffice-PDF crash "'PageTable' object has no attribute 'text'").
pdf_browser_rowspan_over_page_break.pdf (needs Chromium): an HTML table whose category cells span
many rows across page breaks, printed by the browser (it draws a merged cell's rules on one page only,
and leaves a row cut by the break without its ruling line).
pdf_browser_cell_text_below_table.pdf (needs Chromium): a category written down a narrow merged cell
whose first row ends a page, the next row moved whole to the next page: the browser paints the
category's last characters under the table's last ruling line.
pdf_browser_row_boundary_at_page_break.pdf (needs Chromium): rows without serial numbers whose task
text ends without punctuation, one of them ending a page: the next page's first row is a row of its
own (each cell's last line on the page before ended short).
pdf_browser_last_row_over_page_break.pdf (needs Chromium): the table's last row, its unit cell one
unit per line, cut by a page break: the browser draws the rest with column rules and a bottom rule
only.
pdf_browser_narrow_unit_columns.pdf (needs Chromium): nine columns, the unit columns three characters
wide, so that unit names wrap inside themselves or fill a line exactly (各乡镇 / 人民政 / 府).
pdf_browser_line_opening_with_sign.pdf (needs Chromium): paragraphs whose figures carry a comparison
sign (≥4.2人), shifted a character at a time so that wrapped lines open with the sign and its number.
pdf_lo_number_after_punctuation.pdf: paragraphs shifted a character at a time so that LibreOffice
carries a character, its comma and the number after it to the next line as one piece (…以 / 上、10.2),
leaving the line before a few characters short.
pdf_browser_non_bmp_characters.pdf (needs Chromium): names written with characters beyond U+FFFF
(CJK Extension B-E: 赵孟𫖯, 𬌗), which pdfium gives as two surrogate halves."""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from layouts.docx_writer import plain  # noqa: E402
from layouts.html_writer import chromium_pdf, libreoffice_pdf  # noqa: E402
from layouts.source import Table  # noqa: E402


def table_pieces_at_page_top(out: Path) -> None:
    doc = Document()
    doc.add_paragraph("附件：创建工作任务分工表")
    rows = [[str(i), f"第{i}项：改造薄弱学校功能教室，配齐实验仪器。", "县教育局"] for i in range(1, 41)]
    for k, piece in enumerate((rows[:34], rows[34:37], rows[37:])):
        piece = ([["序号", "工作任务", "牵头单位"]] if k == 0 else []) + piece
        table = doc.add_table(rows=len(piece), cols=3)
        table.style = "Table Grid"
        for r, row in enumerate(piece):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if k < 2:
            doc.add_paragraph()
    doc.add_paragraph("以上任务按期完成。")
    docx = out.with_suffix(".docx")
    doc.save(docx)
    libreoffice_pdf(docx, out)
    docx.unlink()


def browser_rowspan_over_page_break(out: Path) -> None:
    rows = [["类别", "序号", "工作任务", "牵头单位"]]
    for k, category in enumerate(["资源配置", "政府保障", "教育质量"]):
        for i in range(1, 16):
            n = k * 15 + i
            task = f"第{n}项：改造薄弱学校功能教室，配齐实验仪器和图书，完成后组织验收并建立台账。"
            rows.append([category if i == 1 else "", str(n), task, "县教育局、县财政局、各乡镇人民政府"])
    chromium_pdf(["附件：创建工作任务分工表", Table(rows), "以上任务按期完成。"], out)


def browser_cell_text_below_table(out: Path) -> None:
    rows = [["指标及要点", "是否达标", "存在问题", "整改措施", "整改时限", "责任部门"]]
    for i in range(1, 13):
        rows.append(["一办学\n条件" if i == 1 else "", f"A.{i}乡村学校图书室藏书按生均标准补足，并定期更新馆藏目录",
                     "是", "无", "", "", "县教育和体育局\n县财政局"])
    rows.append(["二\n师\n资\n队\n伍\n建\n设", "B.1教师全员培训", "是", "无", "", "", "县教育和体育局"])
    for i in range(2, 8):
        rows.append(["", f"B.{i}在核定编制总额内统筹调配各校教师岗位，定期开展校长教师交流并公示交流名单和去向",
                     "是", "无", "", "", "县委组织部\n县教育和体育局\n县人力资源和社会保障局"])
    chromium_pdf(["附件：自评问题整改表", Table(rows), "以上问题按期整改。"], out)


ROW_TASKS = ["完善学校安全防控体系并定期开展应急演练", "统筹城乡学校布局调整", "落实教师培训经费保障",
             "推进集团化办学和城乡学校结对帮扶全覆盖", "保障随迁子女平等接受义务教育", "建立控辍保学动态监测机制",
             "配齐配足音乐美术专用教室和器材", "落实乡村教师生活补助和周转宿舍建设"]
ROW_UNITS = ["县教育局", "县财政局、县人社局", "县教育局、各乡镇人民政府", "县发展和改革局"]


def browser_row_boundary_at_page_break(out: Path) -> None:
    rows = [["类别", "工作任务", "责任单位", "备注"]]
    for i in range(40):
        rows.append(["保障措施" if i == 0 else "", ROW_TASKS[i % len(ROW_TASKS)], ROW_UNITS[(i + 1) % len(ROW_UNITS)], ""])
    chromium_pdf(["附件：任务清单", Table(rows), "各单位按期完成。"], out)


LAST_ROW_UNITS = ["县教育局", "县公安局", "县应急管理局", "县市场监督管理局", "县卫生健康局", "县交通运输局", "各乡镇人民政府"]


def browser_last_row_over_page_break(out: Path) -> None:
    rows = [["序号", "工作任务", "完成时限", "责任单位"]]
    for i in range(1, 18):
        rows.append([str(i), f"第{i}项：改造薄弱学校功能教室，配齐实验仪器和图书，完成后组织验收。", "2025年底", "县教育局\n县财政局"])
    rows.append(["18", "落实校园安全管理责任。", "长期", "\n".join(LAST_ROW_UNITS)])
    chromium_pdf(["附件：任务分工", Table(rows)], out)


NARROW_LEADS = ["市委编办", "市教育局", "各乡镇人民政府", "市委宣传部", "各街道办事处", "市财政局"]
NARROW_SUPPORTS = ["市人社局、市教育局", "市公安局、各乡镇人民政府", "市委组织部、市残疾人联合会", "市发展和改革局、市自然资源局"]


def browser_narrow_unit_columns(out: Path) -> None:
    rows = [["类别", "序号", "评估指标", "国家标准", "现状", "是否达标", "牵头单位", "配合单位", "完成时限"]]
    for i in range(1, 13):
        rows.append(["办学条件" if i == 1 else "", str(i), "每百名学生拥有网络多媒体教室数和体育运动场馆面积",
                     "小学≥2.3间；初中≥2.4间", "小学2.1间；初中2.5间，3所学校未达标", "否",
                     NARROW_LEADS[i % len(NARROW_LEADS)], NARROW_SUPPORTS[i % len(NARROW_SUPPORTS)], "2025年8月"])
    chromium_pdf(["附件：指标任务分解表", Table(rows)], out)


FILLER = "全县统筹推进城乡学校建设和管理改革并逐年加大财政投入力度同时完善督导考核问责机制"
SIGN_SENTENCES = ["每百名学生拥有高于规定学历教师数小学≥4.6人、初中≤5.9人，逐年提高。",
                  "县域内校际差异系数小学<0.48、初中>0.41的情况要逐步扭转，年底前复核。"]
PUNCTUATION_SENTENCES = ["生均体育运动场馆面积小学、初中分别达到6.5平方米以上、11.3平方米以上，并逐年复核。",
                         "各校按标准配备计算机教室，2026年底前完成设备更新和验收工作。"]


def shifted_paragraphs(sentences: list[str]) -> list[str]:
    """Each sentence after 1 to 34 filler characters (more than a line's width at 16 pt on A4), so
    that some line of the rendered text breaks at every place in it."""
    return [FILLER[:k] + "，" + sentence for k in range(1, 35) for sentence in sentences]


def browser_line_opening_with_sign(out: Path) -> None:
    chromium_pdf(shifted_paragraphs(SIGN_SENTENCES), out)


NON_BMP_PARAGRAPHS = [FILLER + "，学校管理工作由县教育局副局长赵孟𫖯牵头，每学期检查一次。",
                      FILLER + "，𬌗山镇中心学校、𬭎溪小学的改扩建工程于2026年底前完工。"]


def browser_non_bmp_characters(out: Path) -> None:
    chromium_pdf(NON_BMP_PARAGRAPHS, out)


def lo_number_after_punctuation(out: Path) -> None:
    docx = out.with_suffix(".docx")
    plain(shifted_paragraphs(PUNCTUATION_SENTENCES), docx)
    libreoffice_pdf(docx, out)
    docx.unlink()


if __name__ == "__main__":
    table_pieces_at_page_top(HERE / "pdf_table_pieces_at_page_top.pdf")
    browser_rowspan_over_page_break(HERE / "pdf_browser_rowspan_over_page_break.pdf")
    browser_cell_text_below_table(HERE / "pdf_browser_cell_text_below_table.pdf")
    browser_row_boundary_at_page_break(HERE / "pdf_browser_row_boundary_at_page_break.pdf")
    browser_last_row_over_page_break(HERE / "pdf_browser_last_row_over_page_break.pdf")
    browser_narrow_unit_columns(HERE / "pdf_browser_narrow_unit_columns.pdf")
    browser_line_opening_with_sign(HERE / "pdf_browser_line_opening_with_sign.pdf")
    lo_number_after_punctuation(HERE / "pdf_lo_number_after_punctuation.pdf")
    browser_non_bmp_characters(HERE / "pdf_browser_non_bmp_characters.pdf")
