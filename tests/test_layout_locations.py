"""Locations a person can find, the same for every format: the heading path (三、（二）3.), the page
for PDFs, table/row/column for cells."""
from __future__ import annotations

from docx import Document as new_docx

from duibiao.extractors import read_document

LINES = [
    "三、主要任务",
    "（二）改善办学条件",
    "1.新建扩建学校。新建小学2所。",
    "各乡镇配合做好用地保障。",
    "2.配齐教学仪器。生均教学仪器设备值达标。",
    "四、保障措施",
    "加强组织领导。",
]


def _where(doc) -> dict[str, str]:
    return {b.text: b.location.describe() for b in doc.blocks}


def test_heading_path_same_in_txt_and_docx(tmp_path):
    txt = tmp_path / "plan.txt"
    txt.write_text("\n".join(LINES), encoding="utf-8")
    docx = new_docx()
    for line in LINES:
        docx.add_paragraph(line)
    docx.save(tmp_path / "plan.docx")
    from_txt, from_docx = _where(read_document(txt)), _where(read_document(tmp_path / "plan.docx"))
    assert from_txt == from_docx
    assert from_txt["各乡镇配合做好用地保障。"] == "三、（二）1."
    assert from_txt["2.配齐教学仪器。生均教学仪器设备值达标。"] == "三、（二）2."
    assert from_txt["加强组织领导。"] == "四、"


def test_cells_carry_the_heading_path_and_table_position(tmp_path):
    docx = new_docx()
    docx.add_paragraph("二、重点任务")
    table = docx.add_table(rows=2, cols=2)
    for r, row in enumerate([["任务", "责任单位"], ["新建学校", "县教育局"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    docx.save(tmp_path / "t.docx")
    doc = read_document(tmp_path / "t.docx")
    cell = next(b for b in doc.blocks if b.kind == "table").rows[1][1]
    assert cell.location.describe() == "二、 表1 第2行 第2列"
