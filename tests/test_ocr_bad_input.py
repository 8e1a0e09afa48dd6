"""Bad images and endless scans: one clear Chinese message naming the file, or a bounded run that
makes progress; never a traceback or an out-of-memory crash."""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")

from click.testing import CliRunner
from PIL import Image

from duibiao.audit.batch import Failure, audit_batch
from duibiao.cli import main
from duibiao.errors import UnreadableDocument
from duibiao.extractors import read_document
from duibiao.extractors.ocr_engine import engine


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels and holds almost nothing."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b"")


def _jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG claiming width × height pixels, cut off before its image data."""
    sof = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"


def _reason(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as err:
        read_document(path)
    assert err.value.path == str(path)
    return err.value.reason


def test_damaged_png_is_named_as_damaged(tmp_path):
    bad = tmp_path / "扫描件.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    reason = _reason(bad)
    assert "图片（PNG）" in reason and "损坏" in reason


def test_truncated_photo_is_named_as_damaged(tmp_path):
    photo = tmp_path / "手机拍照.jpg"
    full = tmp_path / "full.jpg"
    Image.new("RGB", (800, 1100), (200, 200, 190)).save(full, quality=90)
    photo.write_bytes(full.read_bytes()[:400])
    assert "损坏" in _reason(photo)


def test_huge_png_is_refused_before_it_is_decoded(tmp_path):
    huge = tmp_path / "巨图.png"
    huge.write_bytes(_png_header(20_000, 20_000))
    reason = _reason(huge)
    assert "20000×20000" in reason and "过大" in reason


def test_huge_jpeg_is_reduced_while_decoding_or_refused(tmp_path):
    huge = tmp_path / "巨图.jpg"
    huge.write_bytes(_jpeg_header(20_000, 20_000))
    assert "损坏" in _reason(huge)  # reduced to the working size by the decoder, then found cut off


def test_cli_reports_a_bad_image_in_one_line(tmp_path):
    bad = tmp_path / "坏图.tif"
    bad.write_bytes(b"II*\x00" + bytes(100))
    result = CliRunner().invoke(main, ["audit", str(bad)])
    assert result.exit_code == 3
    assert "坏图.tif" in result.output and "图片（TIFF）" in result.output
    assert "Traceback" not in result.output


def test_five_hundred_page_scan_runs_page_by_page_within_the_time_limit(tmp_path):
    """A 500-page TIFF is streamed a page at a time and stopped by the per-file time limit."""
    pages = [Image.new("L", (400, 566), 235) for _ in range(500)]
    scan = tmp_path / "五百页.tif"
    pages[0].save(scan, save_all=True, append_images=pages[1:], compression="tiff_deflate")
    engine()  # models loaded beforehand (once per process), so that the time limit is spent on pages
    done: list[tuple[int, int]] = []
    batch = audit_batch([scan], timeout=60, page_progress=lambda n, total: done.append((n, total)))
    [item] = batch.items
    assert isinstance(item, Failure) and "超时" in item.reason
    assert done and done[0] == (1, 500) and len(done) < 500
