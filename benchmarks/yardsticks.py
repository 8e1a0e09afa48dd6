"""Loops the benchmarks time over a folder in one process: python-docx and pdfplumber doing the least
a reader does with each file (the yardsticks duibiao is compared with), and duibiao's PDF reader
alone. run.py runs each in a fresh process and reads the wall and CPU seconds it prints:

    python benchmarks/yardsticks.py docx_walk|pdfplumber_text|pdf_reader FOLDER
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import docx
import pdfplumber
from duibiao.extractors.pdf_reader import read_pdf


def docx_walk(path: Path) -> None:
    """python-docx merely opening a file and walking its paragraphs and table cells."""
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text


def pdfplumber_text(path: Path) -> None:
    with pdfplumber.open(path) as document:
        for page in document.pages:
            page.extract_text()


def pdf_reader(path: Path) -> None:
    """duibiao's PDF reader (pdfium's text, ruled tables), no audit."""
    read_pdf(str(path), path.read_bytes())


LOOPS = {"docx_walk": ("*.docx", docx_walk), "pdfplumber_text": ("*.pdf", pdfplumber_text), "pdf_reader": ("*.pdf", pdf_reader)}


def main() -> None:
    pattern, each = LOOPS[sys.argv[1]]
    start, cpu = time.perf_counter(), time.process_time()
    for path in sorted(Path(sys.argv[2]).glob(pattern)):
        each(path)
    print(time.perf_counter() - start, time.process_time() - cpu)


if __name__ == "__main__":
    main()
