"""PDF layout bugs, one small file each in tests/data (built by tests/data/make_layout_fixtures.py)."""
from __future__ import annotations

from pathlib import Path

from duibiao.extractors import read_document

DATA = Path(__file__).parent / "data"


def test_page_opening_with_two_tables_reads_as_one_table():
    """Three pasted pieces of one table, the page after the first break opening with two of them."""
    doc = read_document(DATA / "pdf_table_pieces_at_page_top.pdf")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    numbers = [row[0].text for row in tables[0].rows]
    assert numbers == ["序号"] + [str(i) for i in range(1, 41)]
    assert doc.blocks[-1].text == "以上任务按期完成。"


def test_browser_pdf_with_categories_merged_over_page_breaks_is_one_table():
    """Chromium draws a merged cell's rules on one page only and leaves a row cut by the page break
    open: the table still reads as one, row by row, no cell text lost (a cell's lines stay lines)."""
    doc = read_document(DATA / "pdf_browser_rowspan_over_page_break.pdf")
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [row[1].text.replace("\n", "") for row in table.rows] == ["序号"] + [str(i) for i in range(1, 46)]
    assert {row[3].text.replace("\n", "") for row in table.rows[1:]} == {"县教育局、县财政局、各乡镇人民政府"}
    assert [b.text for b in doc.blocks if b.kind != "table"] == ["附件：创建工作任务分工表", "以上任务按期完成。"]
    assert max(b.location.page for b in doc.blocks) > 1
