"""Tables that continue (extractors/continuation.py), on .docx files written here with python-docx."""
from __future__ import annotations

from docx import Document as new_docx

from duibiao.extractors import read_document

HEADER = ["序号", "工作任务", "牵头单位", "完成时限"]
ROWS = [[str(i), f"第{i}项任务：新建学校{i}所，配齐功能教室", "县教育局", "2025年底"] for i in range(1, 10)]


def _write(path, pieces, between=None):
    doc = new_docx()
    doc.add_paragraph("附件")
    for k, rows in enumerate(pieces):
        if k and between is not None:
            doc.add_paragraph(between)
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    doc.add_paragraph("以上任务按期完成。")
    doc.save(path)
    return read_document(path)


def _tables(doc):
    return [b for b in doc.blocks if b.kind == "table"]


def test_pieces_pasted_one_after_another_are_one_table(tmp_path):
    doc = _write(tmp_path / "pieces.docx", [[HEADER] + ROWS[:3], ROWS[3:6], ROWS[6:]], between="")
    (table,) = _tables(doc)
    assert [r[0].text for r in table.rows] == ["序号"] + [str(i) for i in range(1, 10)]
    assert [r[0].location.row for r in table.rows] == list(range(1, 11))


def test_header_repeated_on_each_piece_is_read_once(tmp_path):
    doc = _write(tmp_path / "repeated.docx", [[HEADER] + ROWS[:4], [HEADER] + ROWS[4:]], between="续表")
    (table,) = _tables(doc)
    assert sum(r[1].text == "工作任务" for r in table.rows) == 1
    assert len(table.rows) == 10
    assert not any(b.text == "续表" for b in doc.blocks)


def test_tables_with_their_own_headers_stay_apart(tmp_path):
    other = [["项目", "现状", "目标值", "差距"], ["生均校舍面积", "6.1", "7.5", "1.4"]]
    doc = _write(tmp_path / "two.docx", [[HEADER] + ROWS[:3], other])
    assert len(_tables(doc)) == 2


def test_tables_of_other_widths_stay_apart(tmp_path):
    doc = _write(tmp_path / "widths.docx", [[HEADER] + ROWS[:3], [r[:2] for r in ROWS[3:]]])
    assert len(_tables(doc)) == 2
