"""The PDF reader on small committed PDFs, one special case each (built by tests/data/make_pdf_fixtures.py)."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from duibiao.errors import EncryptedDocument, NeedsOCR, UnreadableDocument
from duibiao.extractors import read_document
from duibiao.extractors.pdf_reader import read_pdf
from duibiao.extractors.pdf_reader import _needs_ocr
from duibiao.extractors.pdf_source import Char, PageContent
from duibiao.extractors.pdf_text import Line, Margins, dedupe, group_lines, is_page_number, starts_paragraph, strip_margins

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).parent.parent / "samples"
EXPECTED = json.loads((DATA / "pdf_fixtures.json").read_text(encoding="utf-8"))


def read(name: str, password: str | None = None, engine: str = "pdfium"):
    path = DATA / name
    return read_pdf(str(path), path.read_bytes(), password, engine=engine)


def paragraphs(doc) -> list[str]:
    return [b.text for b in doc.blocks if b.kind != "table"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(name: str) -> list[str]:
    pdf = pdfium.PdfDocument(str(DATA / name))
    return [squeeze(page.get_textpage().get_text_range()) for page in pdf]


@pytest.fixture(scope="module")
def text_doc():
    return read("pdf_text.pdf")


@pytest.fixture(scope="module")
def table_doc():
    return read("pdf_table.pdf")


# --- text ----------------------------------------------------------------------------------------


def test_text_pdf_paragraphs_are_the_source_paragraphs(text_doc):
    assert paragraphs(text_doc) == EXPECTED["paragraphs"]


def test_page_number_lines_removed(text_doc):
    assert any(re.search(r"第\d+页共\d+页", t) for t in page_texts("pdf_text.pdf"))  # the PDF has them
    assert not any(re.search(r"第\s*\d+\s*页", b.text) for b in text_doc.blocks)


def test_running_header_removed(text_doc):
    assert all(EXPECTED["header"] in t for t in page_texts("pdf_text.pdf"))
    assert not any(EXPECTED["header"] in b.text for b in text_doc.blocks)


def test_wrapped_lines_joined_without_space(text_doc):
    assert EXPECTED["long"] in paragraphs(text_doc)  # a paragraph of many lines, CJK joined without spaces


def test_paragraph_joined_across_page_break(text_doc):
    pages = page_texts("pdf_text.pdf")
    long = EXPECTED["long"]
    crossing = [n for n in range(len(pages) - 1) if long[-20:] in pages[n + 1] and long[:20] in pages[n]]
    assert crossing, "the fixture should have the long paragraph run over a page break"
    blocks = [b for b in text_doc.blocks if b.text == long]
    assert [b.location.page for b in blocks][-1] == crossing[-1] + 1


def test_new_paragraph_at_first_line_indent(text_doc):
    texts = paragraphs(text_doc)
    i = texts.index(EXPECTED["paragraphs"][1])  # indented body paragraph after the centred title
    assert texts[i + 1] == "一、总体要求"
    assert texts[i + 2] == EXPECTED["long"]


def test_new_paragraph_at_numbering_label(text_doc):
    texts = paragraphs(text_doc)
    for item in EXPECTED["numbered"]:  # unindented, each two full lines ending in 。
        assert item in texts


def test_numbering_label_after_full_finished_line_starts_paragraph():
    m = Margins(80, 520)
    prev = Line("提升教师队伍整体专业素质。", 80, 516, 100, 116, 16)
    assert starts_paragraph(prev, Line("（二）改善办学条件。加快薄弱学校改造", 80, 520, 128, 144, 16, lead=16), m)
    assert not starts_paragraph(prev, Line("改善办学条件。加快薄弱学校改造，完善", 80, 520, 128, 144, 16, lead=16), m)


def test_line_not_split_when_next_word_would_not_fit():
    m = Margins(80, 520)
    prev = Line("学校布局合理，生均教学仪器设备值达到", 80, 490, 100, 116, 16)
    assert not starts_paragraph(prev, Line("2000元以上。", 80, 180, 128, 144, 16, lead=32), m)
    assert starts_paragraph(prev, Line("以上各项指标均达到要求。", 80, 280, 128, 144, 16, lead=16), m)


def _set(text: str, x0: float, top: float, size: float = 16) -> list[Char]:
    """Characters of one line as a CJK font sets them: ideographs and full-width signs one em wide,
    Latin digits and points half an em."""
    out = []
    for ch in text:
        width = size / 2 if ch.isascii() else size
        out.append(Char(ch, x0, x0 + width, top, top + size, size))
        x0 += width
    return out


@pytest.mark.parametrize("start, new_paragraph", [
    ("≥4.2人、初中≥5.3人", False),  # a sign goes with its number: ≥4.2 did not fit in 2.5 em
    ("＜0.45的学校逐年减少", False),
    ("±3.5个百分点以内", False),
    ("上、10.2平方米以上", False),  # carried with the comma before it, as LibreOffice does
    ("上、各校逐步达标。", True),  # 上、 would have fitted: the line before was ended
    ("4.2人以上的学校", True),
])
def test_line_start_that_could_not_have_fitted_goes_on(start, new_paragraph):
    m = Margins(80, 520)
    prev = Line("生均体育运动场馆面积达到", 80, 480, 100, 116, 16)  # 2.5 em short of the margin
    (line,) = group_lines(_set(start, 80, 128))
    assert starts_paragraph(prev, line, m) is new_paragraph


@pytest.mark.parametrize(
    "text", ["— 7 —", "-7-", "- 7 -", "第7页", "第 7 页 共 20 页", "7", "共20页 第7页", "7/20", "Page 3 of 9"]
)
def test_page_number_forms(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2024年", "第一章", "一、总体要求", "7项指标"])
def test_not_page_numbers(text):
    assert not is_page_number(text)


def body_line(text: str, top: float) -> Line:
    return Line(text, 80, 80 + 16 * len(text), top, top + 16, 16)


def page(*texts: str, top: float = 110) -> list[Line]:
    """Body lines 28 pt apart from `top`; None leaves a line's space empty."""
    return [body_line(t, top + 28 * i) for i, t in enumerate(texts) if t is not None]


def test_bare_number_at_page_foot_removed_but_not_in_the_body():
    pages = [
        page("正文第一行内容", "7", "正文最后一行") + [body_line("7", 790)],
        page("正文第一行内容继续", "正文最后一行") + [body_line("8", 790)],
    ]
    strip_margins(pages, [842, 842])
    assert [x.text for x in pages[0]] == ["正文第一行内容", "7", "正文最后一行"]
    assert [x.text for x in pages[1]] == ["正文第一行内容继续", "正文最后一行"]


def test_running_header_and_footer_removed_body_lines_kept():
    pages = [
        [body_line("某某县教育局文件", 40)] + page(f"正文第{n}页的内容", "各乡镇：", "特此通知。") + [body_line(f"第{n}期", 800)]
        for n in range(1, 5)
    ]
    strip_margins(pages, [842] * 4)
    assert [[x.text for x in p] for p in pages] == [[f"正文第{n}页的内容", "各乡镇：", "特此通知。"] for n in range(1, 5)]


def chars(text: str) -> list[Char]:
    return [Char(ch, 80 + 16 * i, 96 + 16 * i, 100, 116, 16) for i, ch in enumerate(text)]


def test_page_of_unmapped_glyphs_needs_ocr():
    assert _needs_ocr(PageContent(1, 595, 842, chars=chars("第一"), unmapped=300))
    assert not _needs_ocr(PageContent(1, 595, 842, chars=chars("正文内容共有十个以上的字"), unmapped=3))


def test_scan_with_page_number_needs_ocr():
    assert _needs_ocr(PageContent(1, 595, 842, chars=chars("— 3 —"), images=1, image_cover=0.95))
    signed = PageContent(1, 595, 842, chars=chars("某某县人民政府办公室2024年3月15日"), images=1, image_cover=0.05)
    assert not _needs_ocr(signed)  # a last page with a seal image is not a scan


def test_fake_bold_deduplicated():
    doc = read("pdf_fake_bold.pdf")
    texts = paragraphs(doc)
    # One page alone: its running header cannot be told from text, so it stays.
    assert texts[0] == EXPECTED["header"]
    assert texts[1:4] == EXPECTED["paragraphs"][:3]
    assert not any("优优" in t or "县县" in t for t in texts)


def _dedupe_by_comparing_all(chars: list[Char]) -> list[Char]:
    kept: list[Char] = []
    for c in chars:
        tol = max(c.size * 0.3, 0.5)
        if not any(k.text == c.text and abs(k.x0 - c.x0) <= tol and abs(k.top - c.top) <= tol for k in kept):
            kept.append(c)
    return kept


@pytest.mark.parametrize("seed", range(20))
def test_dedupe_drops_exactly_the_glyphs_drawn_again_within_a_third_of_their_size(seed):
    """Glyphs drawn again at offsets on both sides of the tolerance, anywhere on the page (so across
    dedupe's grid cells): dedupe keeps what comparing every pair keeps."""
    rng = random.Random(seed)
    sizes = {text: rng.choice((0.8, 10.5, 12, 16, 22)) for text in "县教育优质均衡A1。"}
    chars = []
    for _ in range(300):
        text = rng.choice(list(sizes))
        size, x, y = sizes[text], rng.uniform(-20, 560), rng.uniform(0, 800)
        for _ in range(rng.choice((1, 1, 2, 3))):
            dx, dy = rng.uniform(-0.45, 0.45) * size, rng.uniform(-0.45, 0.45) * size
            chars.append(Char(text, x + dx, x + dx + size, y + dy, y + dy + size, size))
    rng.shuffle(chars)
    expected = _dedupe_by_comparing_all(chars)
    assert len(expected) < len(chars)
    assert dedupe(chars) == expected


def test_every_block_has_its_page(text_doc, table_doc):
    for doc in (text_doc, table_doc):
        assert all(b.location.page for b in doc.blocks)
    assert [b.location.page for b in text_doc.blocks] == sorted(b.location.page for b in text_doc.blocks)


# --- tables --------------------------------------------------------------------------------------


def table_of(doc):
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    return tables[0]


def test_table_across_pages_stitched_into_one(table_doc):
    table = table_of(table_doc)
    pages = {c.location.page for row in table.rows for c in row}
    assert pages == {1, 2}
    expected = EXPECTED["table_rows"]
    assert len(table.rows) == len(expected)
    assert [squeeze(c.text) for c in table.rows[0]] == expected[0]  # the repeated header row appears once


def test_row_split_by_page_break_joined(table_doc):
    table = table_of(table_doc)
    long_row = EXPECTED["table_rows"][3]
    row = table.rows[3]
    assert [squeeze(c.text) for c in row[1:3]] == long_row[1:3]
    assert len(row) == len(long_row)
    assert row[1].location.page == 1 and table.rows[4][1].location.page == 2


def test_merged_cell_filled_on_every_row(table_doc):
    table = table_of(table_doc)
    column = [(squeeze(row[0].text), row[0].spanned) for row in table.rows[1:]]
    assert column == [("资源配置", False)] + [("资源配置", True)] * 4 + [("政府保障", False), ("政府保障", True)]


def test_table_cells_match_source(table_doc):
    table = table_of(table_doc)
    for got, want in zip(table.rows, EXPECTED["table_rows"]):
        assert [("" if c.spanned else squeeze(c.text)) for c in got] == want
        assert [c.location.column for c in got] == list(range(1, len(want) + 1))


def test_text_around_table_kept_in_order(table_doc):
    kinds = [b.kind for b in table_doc.blocks]
    assert kinds[-2:] == ["table", "paragraph"]
    texts = paragraphs(table_doc)
    assert texts[-3:-1] == EXPECTED["table_intro"]
    assert texts[-1] == "以上指标由各责任单位按职责分工落实。"


def test_horizontally_merged_header_cell_in_each_grid_column():
    doc = read_document(SAMPLES / "zibo_gaoxin.pdf")
    table = table_of(doc)
    header = table.rows[0]
    assert [squeeze(c.text) for c in header][:3] == ["指标内容及评估要点", "指标内容及评估要点", "是否达标"]
    assert [c.spanned for c in header][:3] == [False, True, False]
    assert header[0].colspan == 2
    assert len(header) == len(table.rows[1])


# --- pages without text, encryption, damage ------------------------------------------------------


def test_scanned_pdf_needs_ocr():
    with pytest.raises(NeedsOCR) as err:
        read("pdf_scanned.pdf")
    assert "OCR" in err.value.reason


def test_partly_scanned_pdf_reads_the_rest_and_warns():
    doc = read("pdf_mixed_scan.pdf")
    assert doc.warnings == ["第2页没有文字层，需要 OCR"]
    assert EXPECTED["paragraphs"][1] in paragraphs(doc)


def test_encrypted_pdf_without_password():
    with pytest.raises(EncryptedDocument) as err:
        read("pdf_encrypted.pdf")
    assert "--password" in err.value.reason


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_encrypted_pdf_wrong_password(engine):
    with pytest.raises(EncryptedDocument):
        read("pdf_encrypted.pdf", password="wrong", engine=engine)


def test_encrypted_pdf_with_password():
    doc = read("pdf_encrypted.pdf", password="secret")
    assert paragraphs(doc)[-1] == "本文件已加密，仅供内部审核使用。"
    assert paragraphs(read("pdf_encrypted.pdf", "secret", engine="pdfplumber")) == paragraphs(doc)


def test_encrypted_pdf_through_read_document():
    doc = read_document(DATA / "pdf_encrypted.pdf", password="secret")
    assert doc.format == "pdf"


@pytest.mark.parametrize("cut", [200, 1000])
def test_truncated_pdf_unreadable(cut, tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((DATA / "pdf_text.pdf").read_bytes()[:cut])
    with pytest.raises(UnreadableDocument):
        read_document(path)


def test_garbage_pdf_unreadable(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(UnreadableDocument) as err:
        read_document(path)
    assert err.value.reason == "PDF 文件已损坏，无法打开"


@pytest.mark.parametrize("seed", range(6))
def test_damaged_pdf_reads_or_fails_cleanly(seed, tmp_path):
    data = bytearray((DATA / "pdf_table.pdf").read_bytes())
    step = len(data) // 7
    start = step * (seed + 1)
    data[start : start + 400] = bytes((i * 37 + seed) % 256 for i in range(400))
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        read_document(path)
    except UnreadableDocument:
        pass


# --- the fast path reads what pdfplumber reads ---------------------------------------------------


@pytest.mark.parametrize("name", ["pdf_text.pdf", "pdf_table.pdf", "pdf_fake_bold.pdf", "pdf_mixed_scan.pdf"])
def test_pdfium_and_pdfplumber_agree_on_fixtures(name):
    fast, reference = read(name), read(name, engine="pdfplumber")
    assert [b.to_dict() for b in fast.blocks] == [b.to_dict() for b in reference.blocks]
    assert fast.warnings == reference.warnings


@pytest.mark.parametrize("name", ["qitai", "zibo_gaoxin"])
def test_pdfium_and_pdfplumber_agree_on_samples(name):
    path = SAMPLES / f"{name}.pdf"
    data = path.read_bytes()
    fast, reference = read_pdf(str(path), data), read_pdf(str(path), data, engine="pdfplumber")
    assert [b.to_dict() for b in fast.blocks] == [b.to_dict() for b in reference.blocks]


def scaled_text_pdf(path: Path) -> bytes:
    """Text set in a 1 pt font scaled up 16× by its matrix (as some generators write it)."""
    import ctypes

    import pypdfium2.raw as fp

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for n, text in enumerate(["Quality education plan", "for every county school"]):
        obj = fp.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(1.0))
        units = (text + "\x00").encode("utf-16-le")
        fp.FPDFText_SetText(obj, (ctypes.c_ushort * (len(units) // 2)).from_buffer_copy(units))
        fp.FPDFPageObj_Transform(obj, 16, 0, 0, 16, 100, 700 - 20 * n)
        fp.FPDFPage_InsertObject(page.raw, obj)
    fp.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))
    return path.read_bytes()


def test_font_size_includes_the_text_matrix(tmp_path):
    from duibiao.extractors.pdf_source import open_pdfium, pdfium_page, plumber_pages

    data = scaled_text_pdf(tmp_path / "scaled.pdf")
    fast = pdfium_page(open_pdfium("scaled.pdf", data, None), 0)
    reference = next(plumber_pages("scaled.pdf", data, None))
    assert [round(c.size) for c in fast.chars] == [round(c.size) for c in reference.chars] == [16] * len(fast.chars)
    doc = read_pdf(str(tmp_path / "scaled.pdf"), data)
    assert paragraphs(doc) == ["Quality education plan for every county school"]


def test_pdfium_declarations_agree_with_pypdfium2s_bindings():
    """pdfium_calls declares the functions, structures and constants it uses itself (pypdfium2's
    bindings are slow to import): the same arity and scalar types, handles and out-parameters as
    addresses, the same structure layouts and constant values as pypdfium2's generated bindings."""
    import ctypes

    import pypdfium2_raw as bindings

    from duibiao.extractors import pdfium_calls

    def kind(t):
        if t is None or t in (ctypes.c_void_p, ctypes.c_char_p) or isinstance(t, type(ctypes.POINTER(ctypes.c_int))):
            return "address" if t is not None else None
        return ctypes.sizeof(t), t._type_

    names = [n for n in vars(pdfium_calls) if n.startswith("FPDF")]
    functions = [n for n in names if callable(getattr(pdfium_calls, n)) and not isinstance(getattr(pdfium_calls, n), type)]
    assert len(functions) >= 30
    for name in functions:
        ours, theirs = getattr(pdfium_calls, name), getattr(bindings, name)
        assert [kind(t) for t in ours.argtypes] == [kind(t) for t in theirs.argtypes], name
        assert kind(ours.restype) == kind(theirs.restype), name
    for name in [n for n in names if isinstance(getattr(pdfium_calls, n), int)]:
        assert getattr(pdfium_calls, name) == getattr(bindings, name), name
    for struct in ("FS_MATRIX", "FS_RECTF", "FPDF_LIBRARY_CONFIG"):
        ours, theirs = getattr(pdfium_calls, struct), getattr(bindings, struct)
        for field_name, _ in ours._fields_:
            assert getattr(ours, field_name).offset == getattr(theirs, field_name).offset, (struct, field_name)
        assert [f for f, _ in ours._fields_] == [f for f, _ in theirs._fields_][:len(ours._fields_)]


def test_rectangle_paths_give_pdfplumber_edges():
    from pdfplumber.utils import rect_to_edges

    from duibiao.extractors.pdf_source import _edges_of

    rect = {"x0": 10, "x1": 110, "top": 20, "bottom": 20.5, "y0": 821.5, "y1": 822, "width": 100, "height": 0.5,
            "doctop": 20, "object_type": "rect"}
    ours = _edges_of([(10, 20.5), (110, 20.5), (110, 20), (10, 20)], closed=True)
    theirs = rect_to_edges(rect)
    key = lambda e: (e["orientation"], round(e["x0"], 3), round(e["x1"], 3), round(e["top"], 3), round(e["bottom"], 3))  # noqa: E731
    assert sorted(map(key, ours)) == sorted(map(key, theirs))


def test_characters_beyond_the_basic_plane_are_read_whole():
    """Names written with CJK Extension B-E characters (赵孟𫖯): pdfium gives each as two surrogate
    halves; read as one character, so the text can be written out (a lone half cannot be encoded)."""
    from data.make_layout_fixtures import NON_BMP_PARAGRAPHS

    doc = read_document(DATA / "pdf_browser_non_bmp_characters.pdf")
    assert paragraphs(doc) == NON_BMP_PARAGRAPHS
    assert json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")


def test_streams_each_within_the_bound_but_too_much_together_are_refused():
    """Three content streams of 200 MB each: none alone passes the bound on one stream, together they
    pass the bound on all non-image streams (each is too short for its size to be trusted unread)."""
    import zlib

    from duibiao.extractors.pdf_safety import MAX_NON_IMAGE, MAX_STREAM, check_streams

    packer = zlib.compressobj(9)
    chunk = b"0 0 m 1 1 l S " * (1024 * 1024 // 14)
    body = b"".join(packer.compress(chunk) for _ in range(200)) + packer.flush()
    assert MAX_STREAM > 200 * len(chunk) and 3 * 200 * len(chunk) > MAX_NON_IMAGE
    head = b"%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n"
    data = b"%PDF-1.4\n" + b"".join(head % (n, len(body)) + body + b"\nendstream\nendobj\n" for n in (1, 2, 3))
    check_streams("two.pdf", data[: data.index(b"3 0 obj")])  # two of them are within both bounds
    with pytest.raises(UnreadableDocument) as info:
        check_streams("three.pdf", data)
    assert "解压后超过 512" in info.value.reason


def test_a_stream_inflating_past_one_chunk_is_measured_to_its_end():
    """A Flate stream inflating to more than the 1 MB the safety check inflates at a time, followed by
    the usual end of line before endstream (a big table page, an embedded font): the check used to
    wait forever on the end of line zlib leaves unconsumed."""
    import zlib

    from duibiao.extractors.pdf_safety import MAX_STREAM, _inflated_size

    drawing = b"0 0 m 1 1 l S " * (3 * 1024 * 1024 // 14)
    assert _inflated_size(zlib.compress(drawing, 9) + b"\n", MAX_STREAM) == len(drawing)


def test_characters_are_asked_one_by_one_where_the_page_text_does_not_line_up(monkeypatch):
    """The page's text comes in one call when pdfium gives one UTF-16 unit per character; otherwise
    (a character left out or written as two units) each character's code is asked: the same glyphs."""
    from duibiao.extractors import pdf_source

    def glyphs() -> list[tuple]:
        pdf = pdf_source.open_pdfium("pdf_text.pdf", (DATA / "pdf_text.pdf").read_bytes(), None)
        return [(c.text, c.x0, c.top, c.size) for i in range(len(pdf)) for c in pdf_source.pdfium_page(pdf, i).chars]

    whole = glyphs()
    monkeypatch.setattr(pdf_source, "_TEXT_OF", lambda *args: 0)
    assert glyphs() == whole and len(whole) > 500
