"""Bounds on what a PDF's streams inflate to, checked before pdfium parses the file: a 1 MB file whose
content stream inflates to 1 GiB is refused instead of filling memory (as zip_safety does for .docx)."""
from __future__ import annotations

import zlib

from duibiao import regex_cache
from duibiao.errors import UnreadableDocument

MAX_STREAM = 256 * 1024 * 1024
"""Bytes one stream may inflate to: a 600 dpi A4 colour image is about 100 MB."""
MAX_NON_IMAGE = 512 * 1024 * 1024
"""Bytes all other streams together (page contents, fonts) may inflate to; a plan has a few MB."""

_STREAM = regex_cache.compile(rb">>\s*stream\r?\n")
_CHUNK = 1 << 20
_MAX_RATIO = 1032  # deflate writes a 258-byte copy in no fewer than 2 bits: no stream inflates further


def check_streams(path: str, data: bytes) -> None:
    """Inflate the Flate streams that could exceed the bounds, a chunk at a time, and refuse the file if
    a stream, or the non-image streams together, would exceed them. Damaged streams are left to the
    reader. A stream too short to inflate past a bound is not inflated (most of a plan's are)."""
    streams = list(_flate_streams(data))
    total_may_exceed = sum(_most(start, end) for start, end, image in streams if not image) > MAX_NON_IMAGE
    non_image = 0
    for start, end, image in streams:
        if not (total_may_exceed and not image) and _most(start, end) <= MAX_STREAM:
            continue
        size = _inflated_size(data[start:end], MAX_STREAM)
        if not image:
            non_image += size
        if size > MAX_STREAM or non_image > MAX_NON_IMAGE:
            from duibiao.extractors.zip_safety import megabytes  # here: reading a PDF needs no zipfile

            limit = MAX_STREAM if size > MAX_STREAM else MAX_NON_IMAGE
            raise UnreadableDocument(path, f"PDF 中的压缩数据解压后超过 {megabytes(limit)}，可能是恶意构造的文件，拒绝读取")


def _flate_streams(data: bytes):
    """Where each Flate stream's compressed bytes start and end, and whether it is an image."""
    for m in _STREAM.finditer(data):
        head = data[data.rfind(b"obj", max(0, m.start() - 4096), m.start()):m.start()]
        if b"FlateDecode" not in head:
            continue
        end = data.find(b"endstream", m.end())
        yield m.end(), end if end >= 0 else len(data), b"/Image" in head


def _most(start: int, end: int) -> int:
    """The most bytes the compressed data from start to end can inflate to."""
    return (end - start + 1) * _MAX_RATIO


def _inflated_size(compressed: bytes, limit: int) -> int:
    """How many bytes `compressed` inflates to, counting no further than just past `limit`."""
    inflater = zlib.decompressobj()
    size = 0
    pending = compressed
    try:
        while pending and size <= limit:
            inflated = len(inflater.decompress(pending, _CHUNK))
            if not inflated:  # the end of the stream: what is left is not zlib's (it may stay unconsumed)
                break
            size += inflated
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # a damaged stream: pdfium reads what it can
    return size
