"""Make scans of text PDFs as a county office's copier would: every page rendered to an image at a
given resolution on grey paper, with speckle and a slight skew, a red seal stamped over the top of
page 1, the pages saved as an image-only PDF (or as image files). Used by the OCR tests and by the
acceptance run:

    python tests/scan_maker.py plan.pdf scan.pdf [--dpi 200] [--seed 1]
"""
from __future__ import annotations

import argparse
import io
import math
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SEAL_RED = (210, 30, 40)


def render_pages(pdf: bytes | Path, dpi: int = 200) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


def age(page: Image.Image, rng: random.Random, skew: float, paper: int = 222, noise: float = 9.0) -> Image.Image:
    """Grey paper, speckle and a rotation of `skew` degrees (grey page in, grey page out)."""
    ink = np.asarray(page, dtype=np.float32) / 255.0
    grey = 25 + (paper - 25) * ink
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    grey += np_rng.normal(0, noise, grey.shape)
    specks = np_rng.random(grey.shape) < 0.0004
    grey[specks] = 40
    out = Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8), "L")
    return out.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=paper)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def stamp(page: Image.Image, centre: tuple[int, int], radius: int, words: str = "某某县教育局") -> Image.Image:
    """A red seal (ring, star, words around the top) multiplied over the page, as ink on paper is."""
    seal = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(seal)
    cx, cy = centre
    width = max(4, radius // 14)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=SEAL_RED, width=width)
    star = [
        (cx + radius * 0.3 * (1 if k % 2 == 0 else 0.4) * math.sin(math.pi * k / 5),
         cy - radius * 0.3 * (1 if k % 2 == 0 else 0.4) * math.cos(math.pi * k / 5))
        for k in range(10)
    ]
    draw.polygon(star, fill=SEAL_RED)
    font = _font(int(radius * 0.28))
    for i, ch in enumerate(words):
        angle = math.radians(-70 + 140 * i / max(1, len(words) - 1))
        x = cx + radius * 0.72 * math.sin(angle)
        y = cy - radius * 0.72 * math.cos(angle)
        draw.text((x, y), ch, fill=SEAL_RED, font=font, anchor="mm")
    paper = np.asarray(page.convert("RGB"), dtype=np.float32)
    ink = np.asarray(seal, dtype=np.float32)
    return Image.fromarray((paper * ink / 255).astype(np.uint8), "RGB")


def scan(pdf: bytes | Path, dpi: int = 200, seed: int = 1, seal: bool = True, max_skew: float = 1.0) -> list[Image.Image]:
    rng = random.Random(seed)
    pages = []
    for number, page in enumerate(render_pages(pdf, dpi), 1):
        skew = rng.uniform(-max_skew, max_skew)
        aged = age(page, rng, skew)
        if number == 1 and seal:
            w, h = aged.size
            aged = stamp(aged, (int(w * 0.62), int(h * 0.16)), int(w * 0.12))
        pages.append(aged)
    return pages


def save_pdf(pages: list[Image.Image], out: Path | io.BytesIO, dpi: int = 200) -> None:
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=80)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    save_pdf(scan(args.pdf, args.dpi, args.seed), args.out, args.dpi)


if __name__ == "__main__":
    main()
