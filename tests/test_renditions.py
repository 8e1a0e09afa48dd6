"""Acceptance test of the .docx and .pdf readers: each sample plan's renditions (samples/NAME.docx and
samples/NAME.pdf, built from samples/NAME.txt by samples/build_renditions.py) read back as the .txt does:
its characters in order, its table rows cell by cell, whole paragraphs, and the same metadata."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from rapidfuzz.distance import LCSseq

from duibiao.extractors import read_document

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "samples"
NAMES = ["bengbu_longzihu", "haicheng", "qitai", "qufu", "zibo_gaoxin"]
FORMATS = [
    "pdf",
    pytest.param(
        "docx",
        marks=pytest.mark.skipif(
            not (ROOT / "extractors" / "docx_reader.py").exists(), reason="extractors/docx_reader.py not written yet"
        ),
    ),
]
_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)\]】]*$")


def squeeze(text: str) -> str:
    return _WS.sub("", text)


@lru_cache(maxsize=None)
def read(name: str, ext: str):
    return read_document(SAMPLES / f"{name}.{ext}")


def tables(doc) -> list[list[list[tuple[str, bool]]]]:
    """Each table as rows of (text without whitespace, spanned), trailing empty cells dropped."""
    out = []
    for block in doc.blocks:
        if block.kind != "table":
            continue
        rows = []
        for row in block.rows:
            cells = [(squeeze(c.text), c.spanned) for c in row]
            while cells and not cells[-1][0]:
                cells.pop()
            rows.append(cells)
        out.append(rows)
    return out


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_characters_recovered_in_order(name, ext):
    want = squeeze(read(name, "txt").plain_text())
    got = squeeze(read(name, ext).plain_text())
    common = LCSseq.similarity(want, got)
    assert common >= 0.99 * len(want), f"{name}.{ext}: {common}/{len(want)} characters in order"


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_table_rows_come_back_cell_by_cell(name, ext):
    want, got = tables(read(name, "txt")), tables(read(name, ext))
    assert len(got) == len(want)
    for t, (want_rows, got_rows) in enumerate(zip(want, got), 1):
        assert len(got_rows) == len(want_rows), f"table {t}: {len(got_rows)} rows, want {len(want_rows)}"
        for r, (want_row, got_row) in enumerate(zip(want_rows, got_rows), 1):
            # A cell merged down from above (spanned) stands for the .txt's empty cell.
            got_cells = ["" if spanned else text for text, spanned in got_row]
            while got_cells and not got_cells[-1]:
                got_cells.pop()
            assert got_cells == [text for text, _ in want_row], f"table {t} row {r}"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_paragraphs_are_whole(name):
    """Every PDF paragraph lies inside one .txt paragraph (or table cell) and does not stop mid-sentence
    where the .txt paragraph goes on."""
    txt = read(name, "txt")
    pieces = [squeeze(b.text) for b in txt.blocks if b.kind != "table"]
    pieces += [squeeze(c.text) for b in txt.blocks if b.kind == "table" for row in b.rows for c in row]
    for block in read(name, "pdf").blocks:
        if block.kind == "table":
            continue
        text = squeeze(block.text)
        homes = [p for p in pieces if text in p]
        assert homes, f"page {block.location.page}: {block.text[:40]!r} is not one paragraph of the .txt"
        ends_paragraph = any(p.endswith(text) for p in homes)
        assert ends_paragraph or _SENTENCE_END.search(text), f"page {block.location.page}: cut mid-sentence: {text[-30:]!r}"


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_metadata_as_from_txt(name, ext):
    want, got = read(name, "txt").metadata, read(name, ext).metadata
    assert (got.doc_number, got.date, got.issuer) == (want.doc_number, want.date, want.issuer)


@pytest.mark.parametrize("name", NAMES)
def test_pdf_blocks_carry_pages(name):
    doc = read(name, "pdf")
    assert all(b.location.page for b in doc.blocks)
    for block in doc.blocks:
        for row in block.rows or []:
            assert all(c.location.page and c.location.row and c.location.column for c in row)
