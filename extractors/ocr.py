"""OCR of scanned pages: PDF pages without a usable text layer and image files (.png/.jpg/.tif).

    from duibiao.extractors.ocr import OcrOptions
    read_document("扫描件.pdf", ocr=OcrOptions(jobs=2, progress=lambda done, total: ...))

Pages are recognised one at a time (a 500-page scan never sits in memory), in `jobs` worker processes
when asked, each loading the models once. Every block read from a recognised page carries the lowest
recogniser confidence of its lines (Block.confidence, Cell.confidence), so that reports can tell a
reviewer which numbers to check against the paper.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from duibiao import regex_cache
from duibiao.extractors.model import Block

if TYPE_CHECKING:  # the OCR stack (numpy, OpenCV, onnxruntime) loads only when a page is recognised
    from duibiao.extractors.ocr_page import OcrPage

LOW_CONFIDENCE = 0.85  # a block whose weakest recognised line scores below this needs checking by eye


@dataclass(frozen=True)
class OcrOptions:
    enabled: bool = True
    jobs: int = 1  # worker processes recognising pages side by side
    progress: Callable[[int, int], None] | None = None  # (pages done, pages to do), called in this process


NO_OCR = OcrOptions(enabled=False)


# --- PDF pages ----------------------------------------------------------------------------------

_pdf = None  # the document a worker renders pages from (opened once per worker)


def _open_pdf(data: bytes, password: str | None) -> None:
    import pypdfium2 as pdfium

    global _pdf
    _pdf = pdfium.PdfDocument(data, password=password)


def _pdf_page(number: int) -> OcrPage:
    from duibiao.extractors.ocr_page import read_page, render_size

    page = _pdf[number - 1]
    try:
        width, height = page.get_width(), page.get_height()
        image = page.render(scale=render_size(width, height)).to_pil()
    finally:
        page.close()
    return read_page(image, number, max(width, height))


def recognise_pdf_pages(data: bytes, password: str | None, numbers: list[int], options: OcrOptions) -> list[OcrPage]:
    """Render and recognise the given pages (1-based) of a PDF, in page order."""
    if options.jobs > 1 and len(numbers) > 1:
        return list(_parallel(numbers, _pdf_page, options, len(numbers), _open_pdf, (data, password)))
    _open_pdf(data, password)
    try:
        return list(_serial(numbers, _pdf_page, options, len(numbers)))
    finally:
        global _pdf
        _pdf.close()
        _pdf = None


# --- image files --------------------------------------------------------------------------------


def _image_page(task) -> OcrPage:
    from duibiao.extractors.ocr_page import read_page

    number, image = task
    return read_page(image, number)


def recognise_images(frames: Iterable, count: int, options: OcrOptions) -> list[OcrPage]:
    """Recognise the page images of an image file (a Pillow image per page), in order."""
    tasks = enumerate(frames, 1)
    if options.jobs > 1 and count > 1:
        return list(_parallel(tasks, _image_page, options, count))
    return list(_serial(tasks, _image_page, options, count))


# --- running pages ------------------------------------------------------------------------------


def _serial(tasks: Iterable, work: Callable, options: OcrOptions, total: int) -> Iterator[OcrPage]:
    for done, task in enumerate(tasks, 1):
        yield work(task)
        if options.progress:
            options.progress(done, total)


def _parallel(tasks: Iterable, work: Callable, options: OcrOptions, total: int, init=None, initargs=()) -> Iterator[OcrPage]:
    """work(task) for each task in worker processes, results in task order. At most two tasks per worker
    are queued (page images are large); on any interruption (the file's time limit) the workers are
    stopped instead of finishing their pages."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=options.jobs, initializer=init, initargs=initargs)
    pending: deque = deque()
    queue = iter(tasks)
    done = 0
    try:
        while True:
            pending.extend(pool.submit(work, task) for task in islice(queue, 2 * options.jobs - len(pending)))
            if not pending:
                break
            yield pending.popleft().result()
            done += 1
            if options.progress:
                options.progress(done, total)
    finally:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:  # a worker still on a page would otherwise run on after the time limit
            if p.is_alive():
                p.terminate()


# --- confidence ---------------------------------------------------------------------------------

_SPACE = regex_cache.compile(r"\s+")


def mark_confidence(blocks: list[Block], pages: list[OcrPage]) -> None:
    """Give each block (and table cell) from a recognised page the lowest confidence of the recognised
    lines it holds or that hold it."""
    by_page = {p.number: [(_SPACE.sub("", b.text), b.confidence) for b in p.boxes] for p in pages}
    for block in blocks:
        if block.rows is not None:
            for row in block.rows:
                for cell in row:
                    cell.confidence = _lowest(cell.text, by_page.get(cell.location.page))
            scores = [c.confidence for row in block.rows for c in row if c.confidence is not None]
            block.confidence = min(scores) if scores else None
        else:
            block.confidence = _lowest(block.text, by_page.get(block.location.page))


def _lowest(text: str, lines: list[tuple[str, float]] | None) -> float | None:
    if lines is None:
        return None
    text = _SPACE.sub("", text)
    if not text:
        return None
    scores = [score for line, score in lines if line and (line in text or text in line)]
    return min(scores) if scores else min((s for _, s in lines), default=None)


def describe_pages(numbers: list[int]) -> str:
    """第1、3-5页 style, for reports and warnings."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "第" + "、".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) + "页"
