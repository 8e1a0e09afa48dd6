"""One page image → what the PDF layout code reads from a text page: characters with boxes and ruling-line
edges, in points. Recognised lines are split into per-character boxes (Chinese print is set on a square
grid; Latin letters and digits take about half a square), so that the PDF reader's line grouping, page
margin stripping, paragraph joining and grid table finder work on a scan as on a text PDF.

Orientation is decided from the detected boxes before recognition: a page of tall boxes is turned a
quarter, and one whose lines the direction model reads as upside down is turned half a turn.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from duibiao.extractors import ocr_engine
from duibiao.extractors.ocr_engine import TextBox
from duibiao.extractors.ocr_image import WORK_SIDE, Rulings, deskew, find_rulings, to_grey, whiten
from duibiao.extractors.pdf_source import Char, PageContent, _edge

A4_LONG_SIDE = 842.0  # points: an image file is laid out as a page of this size
_BOX_TO_SIZE = 1.1  # a detected line box is about this many times the font size high


@dataclass
class OcrPage:
    """A recognised page: lines of text and ruling strokes in points, top-down as PDF pages are read."""

    number: int
    width: float
    height: float
    boxes: list[TextBox] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)

    def content(self) -> PageContent:
        """The page as the PDF reader's layout code takes it."""
        page = PageContent(self.number, self.width, self.height, edges=self.edges)
        usual = _usual_height(self.boxes)
        for box in self.boxes:
            page.chars.extend(_chars(box, usual))
        return page


def read_page(image, number: int, long_side: float = A4_LONG_SIDE) -> OcrPage:
    """Recognise a Pillow page image (already at the working size) as page `number`, whose long side
    measures `long_side` points."""
    import cv2

    grey = deskew(whiten(to_grey(image)))
    rulings, clean = find_rulings(grey)
    quads = ocr_engine.detect(_rgb(clean))
    if _mostly_tall(quads):
        grey = cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)
        rulings, clean = find_rulings(grey)
        quads = ocr_engine.detect(_rgb(clean))
    lines = ocr_engine.crops(_rgb(clean), quads)
    if ocr_engine.upside_down_share(lines) > 0.5:
        grey = cv2.rotate(grey, cv2.ROTATE_180)
        rulings, clean = find_rulings(grey)
        quads = ocr_engine.detect(_rgb(clean))
    quads = _split_at_rulings(quads, rulings)
    lines = ocr_engine.crops(_rgb(clean), quads)
    scale = long_side / max(grey.shape)
    boxes = [_scaled(b, scale) for b in ocr_engine.recognise(lines, quads)]
    height, width = grey.shape
    return OcrPage(number, width * scale, height * scale, boxes, _edges(rulings, scale))


def _rgb(grey: np.ndarray) -> np.ndarray:
    return np.repeat(grey[:, :, None], 3, axis=2)


def _mostly_tall(quads: list[np.ndarray]) -> bool:
    """Most elongated boxes stand upright: the page lies on its side."""
    tall = wide = 0
    for q in quads:
        w = float(np.linalg.norm(q[0] - q[1]))
        h = float(np.linalg.norm(q[0] - q[3]))
        if h > 2 * w:
            tall += 1
        elif w > 2 * h:
            wide += 1
    return tall >= 3 and tall > 2 * wide


def _split_at_rulings(quads: list[np.ndarray], rulings: Rulings) -> list[np.ndarray]:
    """Boxes cut where a table's vertical ruling crosses them: with the rulings erased, the detector
    may read the texts of neighbouring cells as one line."""
    out = []
    for q in quads:
        x0, y0 = q.min(axis=0)
        x1, y1 = q.max(axis=0)
        height = y1 - y0
        cuts = sorted(
            (rx0 + rx1) / 2
            for rx0, ry0, rx1, ry1 in rulings.vertical
            if x0 + height / 2 < (rx0 + rx1) / 2 < x1 - height / 2 and min(ry1, y1) - max(ry0, y0) > height / 2
        )
        if not cuts:
            out.append(q)
            continue
        edges = [x0, *cuts, x1]
        for left, right in zip(edges, edges[1:]):
            out.append(np.array([[left, y0], [right, y0], [right, y1], [left, y1]], dtype=np.float32))
    return out


def _scaled(b: TextBox, s: float) -> TextBox:
    return TextBox(b.text, b.x0 * s, b.top * s, b.x1 * s, b.bottom * s, b.confidence)


def _edges(rulings: Rulings, s: float) -> list[dict]:
    edges = []
    for x0, y0, x1, y1 in rulings.horizontal:
        y = (y0 + y1) / 2 * s
        edges.append(_edge(x0 * s, x1 * s, y, y, "h"))
    for x0, y0, x1, y1 in rulings.vertical:
        x = (x0 + x1) / 2 * s
        edges.append(_edge(x, x, y0 * s, y1 * s, "v"))
    return edges


def _usual_height(boxes: list[TextBox]) -> float:
    heights = sorted(b.bottom - b.top for b in boxes)
    return heights[len(heights) // 2] if heights else 0.0


def _chars(box: TextBox, usual: float) -> list[Char]:
    """The line's characters laid side by side across its box. A box within a third of the page's usual
    line height gets the usual size: detected boxes vary by a few pixels within one font size, which
    would otherwise read as a change of style between lines."""
    height = box.bottom - box.top
    if usual and abs(height - usual) <= usual / 3:
        height = usual
    size = height / _BOX_TO_SIZE
    middle = (box.top + box.bottom) / 2
    weights = [0.5 if ord(ch) < 128 else 1.0 for ch in box.text]
    unit = (box.x1 - box.x0) / (sum(weights) or 1)
    out, x = [], box.x0
    for ch, w in zip(box.text, weights):
        if not ch.isspace():
            out.append(Char(ch, x, x + w * unit, middle - size / 2, middle + size / 2, size))
        x += w * unit
    return out


def render_size(width: float, height: float) -> float:
    """The scale that renders a page of this size in points at the working size."""
    return WORK_SIDE / max(width, height)
