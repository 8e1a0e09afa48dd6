"""The OCR engine: PP-OCRv4 Chinese detection, direction and recognition models as shipped inside the
rapidocr-onnxruntime wheel, run on onnxruntime's CPU build. Nothing is downloaded at run time (offices
reading plans are often offline); the models are loaded once per process, on first use.

The steps are driven one by one (not through RapidOCR.__call__) so that a page's orientation can be
decided from its detected boxes and direction votes before the expensive recognition runs.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from duibiao import regex_cache
from duibiao.errors import DuibiaoError

MIN_SCORE = 0.5  # recognitions below this are noise (specks, stamp fragments), not text


class OcrUnavailable(DuibiaoError):
    """The OCR package (rapidocr-onnxruntime) is not installed."""


@dataclass(slots=True)
class TextBox:
    """One recognised line of text, in pixels of the page image it was read from."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


_engine = None


def engine():
    """The RapidOCR instance of this process (models loaded on first call)."""
    global _engine
    if _engine is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise OcrUnavailable("没有安装文字识别组件 rapidocr-onnxruntime，无法识别扫描件；请重新安装 duibiao") from None
        # One thread per session: onnxruntime's spinning worker threads waste most of a busy machine's
        # time; parallel work comes from page workers (--jobs) instead. Detection runs at a reduced
        # size (text stays well above the detector's smallest), recognition on full-size line crops.
        _engine = RapidOCR(print_verbose=False, intra_op_num_threads=1, inter_op_num_threads=1,
                           det_limit_type="max", det_limit_side_len=1216)
    return _engine


def _unwrapped(step):
    """rapidocr wraps whatever interrupts a model run (the per-file time limit among them) in its own
    error type; raise the original, so that a time-out is reported as one."""

    @functools.wraps(step)
    def run(*args, **kwargs):
        try:
            return step(*args, **kwargs)
        except Exception as e:
            if type(e).__name__ == "ONNXRuntimeError" and e.__cause__ is not None:
                raise e.__cause__ from None
            raise

    return run


@_unwrapped
def detect(rgb: np.ndarray) -> list[np.ndarray]:
    """Text line quadrilaterals (4×2 float arrays), top to bottom."""
    boxes, _ = engine().text_det(rgb)
    if boxes is None or len(boxes) == 0:
        return []
    return list(engine().sorted_boxes(boxes))


def crops(rgb: np.ndarray, quads: list[np.ndarray]) -> list[np.ndarray]:
    return engine().get_crop_img_list(rgb, quads)


@_unwrapped
def upside_down_share(images: list[np.ndarray]) -> float:
    """Share of line images the direction model reads as turned 180°."""
    if not images:
        return 0.0
    _, votes, _ = engine().text_cls(images)
    return sum(1 for label, score in votes if "180" in label and score > 0.9) / len(images)


@_unwrapped
def recognise(images: list[np.ndarray], quads: list[np.ndarray]) -> list[TextBox]:
    """Text of each upright line image, placed at the bounding box of its quadrilateral."""
    if not images:
        return []
    results, _ = engine().text_rec(images)
    out = []
    for quad, (text, score) in zip(quads, results):
        text = clean_text(text)
        if not text.strip() or score < MIN_SCORE:
            continue
        xs, ys = quad[:, 0], quad[:, 1]
        out.append(TextBox(text, float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()), float(score)))
    return out


_CJK = r"[\u3400-\u9fff]"
_DOT_AS_FULL_STOP = regex_cache.compile(rf"(?<=[%）])[·•](?={_CJK}|$)|(?<={_CJK})[·•]$")  # 黄土情·家国梦 keeps its dot
_ONE_AS_DASH = regex_cache.compile(r"(?<=[\d年月日])一(?=\d)")


def clean_text(text: str) -> str:
    """Undo the recogniser's usual confusions on Chinese print: 丶 (a radical, never used in prose) for
    the enumeration comma 、; a middle dot for the full stop 。 ending a line or following % or ）; 一 for
    the dash of a range between numbers or dates (2024年3月—4月), where the numeral cannot stand."""
    text = text.replace("丶", "、")
    text = _ONE_AS_DASH.sub("—", text)
    return _DOT_AS_FULL_STOP.sub("。", text)
