"""What the .docx reader cannot read is said, not dropped (mammoth's habit): check boxes drawn with
symbol fonts read as the marks they show; notes and unknown symbols are counted in a warning."""
from __future__ import annotations

from duibiao.extractors import read_document
from docx_fixtures import build_docx, p, r, tbl, tc, tr

PLAN = "县域义务教育优质均衡发展实施方案"


def _sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def test_check_boxes_in_a_self_assessment_column_read_as_marks(tmp_path):
    rows = [
        tr(tc(p("指标")), tc(p("是否达标"))),
        tr(tc(p("班额")), tc("<w:p>" + _sym("Wingdings", "F0FE") + r("达标") + "</w:p>")),
        tr(tc(p("巩固率")), tc("<w:p>" + _sym("Wingdings 2", "A3") + r("未达标") + "</w:p>")),
    ]
    doc = read_document(build_docx(tmp_path / "boxes.docx", p(PLAN) + tbl(*rows, cols=2)))
    table = next(b for b in doc.blocks if b.kind == "table")
    assert [row[1].text for row in table.rows[1:]] == ["☑达标", "☐未达标"]
    assert not any("未能读取" in w for w in doc.warnings)


def test_unknown_symbols_and_note_references_are_counted_in_a_warning(tmp_path):
    body = p(PLAN) + "<w:p>" + r("班额不超过45人") + _sym("Webdings", "F021") + (
        '<w:r><w:footnoteReference w:id="1"/></w:r>') + "</w:p>"
    doc = read_document(build_docx(tmp_path / "notes.docx", body))
    warning = next(w for w in doc.warnings if "未能读取" in w)
    assert "脚注 1 处" in warning and "无法识别的符号 1 处" in warning
    assert "班额不超过45人" in doc.plain_text()
