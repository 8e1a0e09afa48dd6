"""Spreadsheet safety: text from a plan never becomes a formula, and bad characters never lose a workbook."""
import zipfile

from openpyxl import Workbook, load_workbook

from duibiao.reports.cells import clean_text, neutralise, safe_value, set_safe, text_cell

DANGEROUS = ['=HYPERLINK("http://evil.example","点此查看")', "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1:A2)",
             "\t=1+1", "\r=1+1"]


def test_formula_starts_are_quoted_and_plain_text_is_kept():
    for text in DANGEROUS:
        assert neutralise(text).startswith("'")
    assert neutralise("小学、初中班额分别不超过45人、50人") == "小学、初中班额分别不超过45人、50人"
    assert safe_value(4.5) == 4.5 and safe_value(None) is None and safe_value(3) == 3


def test_control_characters_and_surrogates_are_cleaned():
    assert clean_text("教育\x01局\x1f") == "教育局"
    assert clean_text("换行\n制表\t保留") == "换行\n制表\t保留"
    assert clean_text("坏\ud800字") == "坏\ufffd字"


def test_no_formula_element_in_either_kind_of_workbook(tmp_path):
    streamed = Workbook(write_only=True)
    ws = streamed.create_sheet("s")
    ws.append([text_cell(ws, t) for t in DANGEROUS + ["控制\x02字符", "坏\udc80字"]])
    streamed.save(tmp_path / "a.xlsx")
    normal = Workbook()
    for i, t in enumerate(DANGEROUS, 1):
        set_safe(normal.active.cell(row=i, column=1), t)
    normal.save(tmp_path / "b.xlsx")
    for name in ("a.xlsx", "b.xlsx"):
        with zipfile.ZipFile(tmp_path / name) as z:
            sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    values = [c.value for c in next(load_workbook(tmp_path / "a.xlsx").active.iter_rows())]
    assert values[0] == "'" + DANGEROUS[0] and "控制字符" in values and "坏\ufffd字" in values
