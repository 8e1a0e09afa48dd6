"""Page images made ready for recognition: opened safely, scaled to one working size, a red seal's red
taken out, grey paper whitened, skew straightened; and the ruling lines of tables found (and erased, so
that they neither hide characters nor join boxes across cells).

Sizes are bounded before any large buffer exists: an image is refused or reduced while decoding (JPEG
draft mode), never decoded at full size when that would not fit comfortably in memory.
"""
from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from duibiao.errors import UnreadableDocument

WORK_SIDE = 1600  # pixels on the page's long side while recognising: A4 at about 137 dpi, body text ~30 px high
MAX_PIXELS = 80_000_000  # larger images are refused unless the decoder can reduce them while reading (JPEG)
_SKEW_LIMIT = 5.0  # degrees searched either way
_SKEW_STEP = 0.2


@contextmanager
def _header_only():
    """Let Pillow open a huge image's header (its own bomb check raises before we can reduce it)."""
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def image_frames(path: str, data: bytes, what: str = "图片") -> Iterator:
    """Each page of an image file (a multi-page TIFF has several), as a Pillow image no larger than the
    working size; one at a time, so that a 500-page TIFF never sits in memory at once."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with _header_only():
            img = Image.open(io.BytesIO(data))
            width, height = img.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise UnreadableDocument(path, f"{what}文件已损坏或格式无法识别，无法读取") from None
    if width * height > MAX_PIXELS:
        if img.format != "JPEG":
            raise UnreadableDocument(path, f"{what}尺寸过大（{width}×{height} 像素），请缩小到 8000 万像素以内或改存为 JPEG 后再审核")
        img.draft("RGB", (WORK_SIDE * width // max(width, height), WORK_SIDE * height // max(width, height)))
    for number in range(1, getattr(img, "n_frames", 1) + 1):
        try:
            with _header_only():
                img.seek(number - 1)
                if img.size[0] * img.size[1] > MAX_PIXELS and img.format != "JPEG":
                    raise UnreadableDocument(path, f"第{number}页图片尺寸过大（{img.size[0]}×{img.size[1]} 像素）")
                page = fit(ImageOps.exif_transpose(_plain(img)))
        except (OSError, ValueError, SyntaxError, EOFError):
            raise UnreadableDocument(path, f"{what}文件已损坏或不完整（第{number}页无法解码）") from None
        yield page


def _plain(img):
    """The frame in grey (bilevel and high-bit scans) or RGB (palette, alpha, CMYK)."""
    if img.mode in ("RGB", "L"):
        return img
    return img.convert("L" if img.mode in ("1", "I", "I;16", "F") else "RGB")


def fit(img):
    """The image scaled so that its long side is the working size."""
    from PIL import Image

    scale = WORK_SIDE / max(img.size)
    if abs(scale - 1) < 0.02:
        return img
    size = (max(1, round(img.size[0] * scale)), max(1, round(img.size[1] * scale)))
    return img.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)


def to_grey(img) -> np.ndarray:
    """Grey page (uint8) with a red seal's ink removed: inside a seal-shaped red area each pixel keeps
    its brightest channel, which is light for red ink and dark for black print under it. Red print
    elsewhere (a 红头 issuer line) is kept as dark text."""
    if img.mode == "L":
        return np.asarray(img, dtype=np.uint8).copy()
    rgb = np.asarray(img.convert("RGB"), dtype=np.int16)
    grey = np.asarray(img.convert("L"), dtype=np.uint8).copy()
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    red = ((r - np.maximum(g, b)) > 50) & (r > 110)
    if red.sum() < 200:
        return grey
    brightest = rgb.max(axis=2).astype(np.uint8)
    for x0, y0, x1, y1 in _seal_boxes(red):
        area = brightest[y0:y1, x0:x1]
        grey[y0:y1, x0:x1] = np.where(area > 140, 255, area)  # the seal's ink is bright in its red channel
    return grey


def _seal_boxes(red: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes of roughly round or square red areas at least a twentieth of the page across."""
    import cv2

    mask = cv2.dilate(red.astype(np.uint8), np.ones((9, 9), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    least = max(red.shape) / 20
    boxes = []
    for x, y, w, h, _area in stats[1:count]:
        if min(w, h) >= least and 0.6 <= w / h <= 1.6:
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    return boxes


def whiten(grey: np.ndarray) -> np.ndarray:
    """Stretch the levels so that the paper is white and the print dark (grey or yellowed paper, faint
    scans); speckle is left to the detector, which ignores marks that are not text."""
    paper = float(np.percentile(grey, 90))
    ink = float(np.percentile(grey, 1))
    if paper - ink < 30:
        return grey
    out = (grey.astype(np.float32) - ink) * (255.0 / (paper - ink))
    return np.clip(out, 0, 255).astype(np.uint8)


def ink(grey: np.ndarray) -> np.ndarray:
    """Binary mask (uint8 0/255) of dark print."""
    import cv2

    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def deskew(grey: np.ndarray) -> np.ndarray:
    """The page turned so that its text lines are level: by the angle whose row profile of ink is
    sharpest (text lines and gaps alternate)."""
    import cv2

    small = cv2.resize(ink(grey), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    best, best_score = 0.0, -1.0
    for angle in np.arange(-_SKEW_LIMIT, _SKEW_LIMIT + 1e-6, _SKEW_STEP):
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        rows = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = float(angle), score
    if abs(best) < _SKEW_STEP / 2:
        return grey
    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), best, 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


@dataclass
class Rulings:
    """Ruling lines found on a page: (x0, y0, x1, y1) pixel boxes of horizontal and vertical strokes."""

    horizontal: list[tuple[int, int, int, int]]
    vertical: list[tuple[int, int, int, int]]


def find_rulings(grey: np.ndarray) -> tuple[Rulings, np.ndarray]:
    """Table rulings (long thin strokes) and the page with them erased to white."""
    import cv2

    mask = ink(grey)
    h, w = grey.shape
    horizontal = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 20), 1)))
    vertical = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(30, h // 35))))
    found = Rulings(_strokes(horizontal, thin_axis=0), _strokes(vertical, thin_axis=1))
    if not found.horizontal and not found.vertical:
        return found, grey
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    erased = grey.copy()
    erased[lines > 0] = 255
    return found, erased


def _strokes(mask: np.ndarray, thin_axis: int) -> list[tuple[int, int, int, int]]:
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    out = []
    for x, y, w, h, _area in stats[1:count]:
        thickness = h if thin_axis == 0 else w
        if thickness <= 12:
            out.append((int(x), int(y), int(x + w), int(y + h)))
    return out
