"""One regression test per finding of the fuzz campaign: each hostile file gets a result or one clear
Chinese message, in bounded time and memory, and what can be read is read."""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

from duibiao.errors import UnreadableDocument
from duibiao.extractors import read_document
from docx_fixtures import build_docx, p, r, tbl, tc, tr

FUZZ = Path(__file__).resolve().parent / "data" / "fuzz"
PLAN = "县域义务教育优质均衡发展实施方案"


def _docx_with_raw_body(path: Path, raw: str) -> Path:
    """A .docx whose body holds `raw` as written, byte for byte: what no XML library would write."""
    build_docx(path, p(PLAN) + p("MARKER"))
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    start = xml.rindex("<w:p>", 0, xml.index("MARKER"))
    end = xml.index("</w:p>", xml.index("MARKER")) + len("</w:p>")
    parts["word/document.xml"] = (xml[:start] + raw + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _read_or_refuse(path: Path):
    try:
        return read_document(path)
    except UnreadableDocument as e:
        assert e.reason and "Traceback" not in e.reason
        return None


def test_a_grid_span_of_a_billion_columns_is_capped(tmp_path):
    cell = tc(p("学校"), '<w:gridSpan w:val="1000000000"/>')
    path = build_docx(tmp_path / "span.docx", p(PLAN) + tbl(tr(cell, tc(p("班额"))), cols=2))
    doc = read_document(path)
    table = next(b for b in doc.blocks if b.kind == "table")
    assert any("班额" in c.text for row in table.rows for c in row)


def test_what_follows_200_nested_tables_is_read(tmp_path):
    nested = "<w:tbl><w:tr><w:tc>" * 200 + p("最深处") + "</w:tc></w:tr></w:tbl>" * 200
    path = _docx_with_raw_body(tmp_path / "nested.docx", nested + p("表格之后的段落"))
    text = read_document(path).plain_text()
    assert "表格之后的段落" in text and "最深处" in text


@pytest.mark.parametrize("reference", ["&#xD800;", "&#55296;", "&#x110000;", "&#" + "9" * 40 + ";"])
def test_a_character_reference_to_no_character_reads_as_a_replacement(tmp_path, reference):
    path = _docx_with_raw_body(tmp_path / "ref.docx", "<w:p>" + r(f"班额{reference}不超过45人") + "</w:p>")
    assert "班额\ufffd不超过45人" in read_document(path).plain_text()


def test_an_html_character_reference_of_5000_digits():
    doc = read_document(FUZZ / "html_charref_5000_digits.html")
    assert "优质均衡\ufffd" in doc.plain_text()


def test_an_unclosed_marked_section_is_an_answer_not_a_crash():
    _read_or_refuse(FUZZ / "html_marked_section_unclosed.html")


def test_20000_unclosed_doctypes_are_read_in_linear_time(tmp_path):
    path = tmp_path / "doctypes.html"
    path.write_bytes(b"<!doctype [" * 20000 + f"<p>{PLAN}</p>".encode())
    _read_or_refuse(path)


def test_fifty_megabytes_of_spaces_is_a_blank_file(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_bytes(b" " * 50_000_000)
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, max_size=None)
    assert "空白" in info.value.reason


def _pdf(content: bytes, pages: int = 1) -> bytes:
    """A minimal PDF: `pages` references to one page whose Flate content stream is `content`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b"3 0 R " * pages + b"] /Count %d >>" % pages,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _deflated(head: bytes, filler: bytes, megabytes: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = filler * (1024 * 1024 // len(filler))
    return packer.compress(head) + b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()


def test_a_content_stream_that_inflates_past_the_bound_is_refused(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf(_deflated(b"BT /F1 12 Tf 10 700 Td (plan) Tj ET ", b" ", 300)))
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(UnreadableDocument) as info:
        read_document(path)
    assert "解压后超过" in info.value.reason


def test_a_page_repeated_100000_times_is_read_up_to_the_page_bound(tmp_path):
    from duibiao.extractors.pdf_reader import MAX_PAGES

    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf(zlib.compress(b"BT /F1 12 Tf 10 700 Td (plan) Tj ET"), pages=100_000))
    doc = read_document(path)
    assert f"只读取了前{MAX_PAGES}页" in " ".join(doc.warnings)


def test_100000_identical_glyphs_on_one_row_are_all_kept():
    from duibiao.extractors.pdf_text import Char, dedupe

    row = [Char("a", x0=i * 0.6, x1=i * 0.6 + 0.5, top=700, bottom=701, size=1) for i in range(100_000)]
    assert len(dedupe(row)) == 100_000
    assert len(dedupe(row + row)) == 100_000  # each drawn twice: the copies go
