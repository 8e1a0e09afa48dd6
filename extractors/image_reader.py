"""Image files of plan pages (.png/.jpg/.tif, a scan or a phone photo) → Document, through OCR and the
PDF reader's layout code. Each image (each frame of a multi-page TIFF) is one page."""
from __future__ import annotations

import io

from duibiao.errors import UnreadableDocument
from duibiao.extractors.model import Document
from duibiao.extractors.ocr import OcrOptions, mark_confidence, recognise_images
from duibiao.extractors.ocr_image import image_frames
from duibiao.extractors.pdf_reader import NO_TEXT_RECOGNISED, blocks_from_pages


def read_image(path: str, data: bytes, options: OcrOptions, what: str = "图片") -> Document:
    """what: the image type as detect_format names it (图片（PNG）), for messages."""
    doc = Document(source=str(path), format="image")
    pages = recognise_images(image_frames(path, data, what), _frame_count(data), options)
    contents = [p.content() for p in pages]
    if not any(c.chars for c in contents):
        raise UnreadableDocument(path, NO_TEXT_RECOGNISED)
    doc.ocr_pages = [p.number for p in pages]
    doc.blocks = blocks_from_pages([c for c in contents if c.chars], doc.warnings)
    mark_confidence(doc.blocks, pages)
    return doc


def _frame_count(data: bytes) -> int:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            return getattr(img, "n_frames", 1)
    except Exception:  # noqa: BLE001 — image_frames reports a damaged file with its own message
        return 1
