"""OCR of scanned plans: text, paragraphs, tables with unit columns, mixed PDFs, turned pages, seals.

Slow (each page is recognised, about half a minute on a busy 2-core machine): every page is read once
per module. Pages come from tests/data/scan_* (built by tests/data/make_scan_fixtures.py) and from
scans this file makes of a sample PDF with tests/scan_maker.py.
"""
from __future__ import annotations

import difflib
import io
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")

from PIL import Image  # noqa: E402

from duibiao import responsibility  # noqa: E402
from duibiao.errors import NeedsOCR  # noqa: E402
from duibiao.extractors import read_document  # noqa: E402
from duibiao.extractors.ocr import NO_OCR, OcrOptions  # noqa: E402
from duibiao.extractors.pdf_reader import read_pdf  # noqa: E402
from scan_maker import save_pdf, scan  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXPECTED = json.loads((DATA / "scan_fixtures.json").read_text(encoding="utf-8"))


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def recovered(expected: str, got: str) -> float:
    """Share of the expected characters found in order in what was read (whitespace ignored)."""
    expected, got = compact(expected), compact(got)
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / len(expected)


@pytest.fixture(scope="module")
def paragraphs_page():
    return read_document(DATA / "scan_paragraphs.jpg")


@pytest.fixture(scope="module")
def table_page():
    return read_document(DATA / "scan_duty_table.png")


def test_text_under_grey_paper_skew_and_seal_is_recovered(paragraphs_page):
    doc = paragraphs_page
    assert doc.format == "image" and doc.ocr_pages == [1]
    assert recovered("".join(EXPECTED["paragraphs"]), doc.plain_text()) >= 0.97
    assert "青石县教育和体育局" in compact(doc.plain_text())  # the issuer under the red seal


def test_recognised_lines_become_paragraphs_and_headings(paragraphs_page):
    texts = [compact(b.text) for b in paragraphs_page.blocks]
    for expected in EXPECTED["paragraphs"][1:-2]:
        best = max(texts, key=lambda t: recovered(expected, t))
        assert recovered(expected, best) >= 0.95, expected  # each paragraph is one block, wrapped lines joined
    headings = [b for b in paragraphs_page.blocks if b.kind == "heading"]
    assert [b.label for b in headings] == ["一、", "二、"]
    assert not any(re.fullmatch(r"[—\-]*1[—\-]*", t) for t in texts)  # the page number is dropped


def test_every_recognised_block_carries_its_confidence(paragraphs_page):
    scores = [b.confidence for b in paragraphs_page.blocks]
    assert all(s is not None and 0.5 <= s <= 1 for s in scores)
    assert paragraphs_page.to_dict()["blocks"][0]["confidence"] == round(scores[0], 3)


def test_ruled_table_becomes_a_grid_with_unit_columns_and_a_blank_slot(table_page):
    tables = [b for b in table_page.blocks if b.kind == "table"]
    assert len(tables) == 1
    rows = [[compact(c.text) for c in row] for row in tables[0].rows]
    assert rows[0] == EXPECTED["table"][0]
    assert len(rows) == len(EXPECTED["table"]) and all(len(r) == 4 for r in rows)
    assert [r[2] for r in rows[1:]] == [r[2] for r in EXPECTED["table"][1:]]
    assert all(c.confidence is not None for row in tables[0].rows for c in row if c.text)
    assignments = responsibility.extract_assignments(table_page)
    assert any(a.lead == ["县人社局"] and a.support == ["县编办"] for a in assignments)
    assert sum(a.blank for a in assignments) == 1


def test_mixed_pdf_reads_the_text_page_and_recognises_the_image_page():
    doc = read_document(DATA / "scan_mixed.pdf")
    assert doc.ocr_pages == [2] and not doc.warnings
    first = [b for b in doc.blocks if b.location.page == 1]
    second = [b for b in doc.blocks if b.location.page == 2]
    assert first and all(b.confidence is None for b in first)
    assert second and all(b.confidence is not None for b in second)
    assert recovered(EXPECTED["paragraphs"][3], "".join(b.text for b in second)) >= 0.95


def test_no_ocr_keeps_the_text_pages_only_and_refuses_images():
    doc = read_document(DATA / "scan_mixed.pdf", ocr=NO_OCR)
    assert doc.ocr_pages == [] and doc.warnings == ["第2页没有文字层，需要 OCR"]
    with pytest.raises(NeedsOCR) as err:
        read_document(DATA / "scan_duty_table.png", ocr=NO_OCR)
    assert "--no-ocr" in err.value.reason


def test_a_page_lying_on_its_side_is_turned_upright(tmp_path):
    turned = tmp_path / "横放.png"
    Image.open(DATA / "scan_paragraphs.jpg").rotate(90, expand=True).save(turned)
    doc = read_document(turned)
    assert recovered("".join(EXPECTED["paragraphs"]), doc.plain_text()) >= 0.95


def test_pages_are_recognised_in_parallel_workers_with_progress(tmp_path):
    pages = [Image.open(DATA / "scan_duty_table.png"), Image.open(DATA / "scan_paragraphs.jpg")]
    path = tmp_path / "两页.pdf"
    save_pdf([p.convert("L") for p in pages], path, dpi=150)
    seen = []
    doc = read_document(path, ocr=OcrOptions(jobs=2, progress=lambda done, total: seen.append((done, total))))
    assert seen == [(1, 2), (2, 2)] and doc.ocr_pages == [1, 2]
    assert [b.location.page for b in doc.blocks if b.kind == "table"] == [1]
    assert recovered(EXPECTED["paragraphs"][1], doc.plain_text()) >= 0.95


def test_scan_of_a_sample_page_reads_like_its_text_layer():
    """Page 2 of a sample PDF: its text layer against a copier scan of it (200 dpi, skew, seal)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(ROOT / "samples" / "qitai.pdf"))
    one = pdfium.PdfDocument.new()
    one.import_pages(source, [1])
    buf = io.BytesIO()
    one.save(buf)
    text_layer = read_pdf("page2.pdf", buf.getvalue())
    scanned = io.BytesIO()
    save_pdf(scan(buf.getvalue(), dpi=200, seed=7), scanned)
    doc = read_pdf("scan.pdf", scanned.getvalue(), ocr=OcrOptions())
    assert doc.ocr_pages == [1]
    assert recovered(text_layer.plain_text(), doc.plain_text()) >= 0.95
