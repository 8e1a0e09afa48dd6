"""PDF layout bugs, one small file each in tests/data (built by tests/data/make_layout_fixtures.py)."""
from __future__ import annotations

import re
from pathlib import Path

from duibiao.extractors import read_document
from duibiao.responsibility import extract_assignments
from duibiao.responsibility.units import split_units

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


def test_browser_cell_text_painted_below_the_table_stays_in_its_cell():
    """A category written down a narrow merged cell whose first row ends a page (the next row moved
    whole to the next page): the browser paints its last characters under the table's last ruling
    line. They are the cell's, not a paragraph, and the table goes on over the break as one."""
    doc = read_document(DATA / "pdf_browser_cell_text_below_table.pdf")
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    labels = [re.match(r"[AB]\.\d+", row[1].text).group() for row in table.rows[1:]]
    assert labels == [f"A.{i}" for i in range(1, 13)] + [f"B.{i}" for i in range(1, 8)]
    assert [b.text for b in doc.blocks if b.kind != "table"] == ["附件：自评问题整改表", "以上问题按期整改。"]
    category = "".join(dict.fromkeys(row[0].text.replace("\n", "") for row in table.rows[13:]))
    assert category.startswith("二师资")
    assert max(b.location.page for b in doc.blocks) > 1


def test_browser_row_ending_a_page_is_not_joined_to_the_next():
    """Rows without serial numbers, task text without final punctuation: the row that ends a page and
    the row that opens the next stay two rows (every cell of the first ended on a short line)."""
    from data.make_layout_fixtures import ROW_TASKS, ROW_UNITS

    doc = read_document(DATA / "pdf_browser_row_boundary_at_page_break.pdf")
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [row[1].text.replace("\n", "") for row in table.rows[1:]] == [ROW_TASKS[i % 8] for i in range(40)]
    assert [row[2].text.replace("\n", "") for row in table.rows[1:]] == [ROW_UNITS[(i + 1) % 4] for i in range(40)]
    assert max(b.location.page for b in doc.blocks) > 1


def test_browser_last_row_cut_by_a_page_break_keeps_its_rest():
    """The table's last row cut by a page break: the browser draws its rest on the next page with the
    column rules and a bottom rule only. That rest is the row's (no paragraph), and the unit cell reads
    as its seven units."""
    from data.make_layout_fixtures import LAST_ROW_UNITS

    doc = read_document(DATA / "pdf_browser_last_row_over_page_break.pdf")
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert [row[0].text.replace("\n", "") for row in table.rows] == ["序号"] + [str(i) for i in range(1, 19)]
    assert [b.text for b in doc.blocks if b.kind != "table"] == ["附件：任务分工"]
    assert split_units(table.rows[-1][3].text) == LAST_ROW_UNITS


def test_browser_narrow_unit_columns_read_as_the_units_written():
    """Unit columns three characters wide: names wrap inside themselves (各乡镇 / 人民政 / 府, 市委编 /
    办) or fill a line exactly (各街道 / 办事处); each cell reads as the names written, and the table's
    assignments name them with their roles."""
    from data.make_layout_fixtures import NARROW_LEADS, NARROW_SUPPORTS

    doc = read_document(DATA / "pdf_browser_narrow_unit_columns.pdf")
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    assert any("\n" in row[6].text for row in table.rows[1:])  # the names do wrap in this file
    expected = [(NARROW_LEADS[i % 6], NARROW_SUPPORTS[i % 4].split("、")) for i in range(1, 13)]
    assert [(split_units(row[6].text), split_units(row[7].text)) for row in table.rows[1:]] == [([lead], sup) for lead, sup in expected]
    assignments = extract_assignments(doc)
    assert [(a.lead, a.support) for a in assignments] == [([lead], sup) for lead, sup in expected]


def _line_starts(name: str) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(DATA / name))
    return [line for page in pdf for line in page.get_textpage().get_text_range().splitlines()]


def test_browser_line_opening_with_a_comparison_sign_goes_on_the_paragraph():
    """A wrapped line that opens with a sign and its number (≥4.6人, <0.48) continues its paragraph:
    the sign cannot be wrapped apart from the number, so the line before could not have taken it."""
    from data.make_layout_fixtures import SIGN_SENTENCES, shifted_paragraphs

    name = "pdf_browser_line_opening_with_sign.pdf"
    assert sum(bool(re.match(r"[≥≤<>]\d", line)) for line in _line_starts(name)) >= 5  # the file does wrap so
    assert [b.text for b in read_document(DATA / name).blocks] == shifted_paragraphs(SIGN_SENTENCES)


def test_libreoffice_number_carried_with_the_punctuation_before_it_goes_on_the_paragraph():
    """LibreOffice carries a character, the comma after it and the number after that to the next line
    in one piece (…以 / 上、11.3平方米), leaving the line before a few characters short: still one
    paragraph."""
    from data.make_layout_fixtures import PUNCTUATION_SENTENCES, shifted_paragraphs

    name = "pdf_lo_number_after_punctuation.pdf"
    assert sum(bool(re.match(r".[、，]\s*\d", line)) for line in _line_starts(name)) >= 5  # the file does wrap so
    assert [b.text for b in read_document(DATA / name).blocks] == shifted_paragraphs(PUNCTUATION_SENTENCES)
