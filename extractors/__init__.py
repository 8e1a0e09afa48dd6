"""Readers that turn a plan file into one Document model, whatever its format.

    from duibiao.extractors import read_document
    doc = read_document("samples/qufu.docx")

Whatever the input, read_document returns a Document or raises UnreadableDocument (or one of its
subclasses) with one Chinese reason; the file's type is decided by its content, not its name.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from duibiao.errors import NeedsOCR, UnreadableDocument
from duibiao.extractors.detect import IMAGE_FORMATS, detect_format, unsupported
from duibiao.extractors.model import Block, Cell, Document, Location, Metadata
from duibiao.extractors.structure import finalize

__all__ = ["read_document", "DEFAULT_MAX_SIZE", "Document", "Block", "Cell", "Location", "Metadata"]

DEFAULT_MAX_SIZE = 50 * 1024 * 1024
"""Files larger than this many bytes are refused before they are read (a plan is a few MB at most)."""

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_BLANK_BYTES = b" \t\n\r\x0b\x0c\x00"  # whitespace, and NUL as in UTF-16/32 whitespace


def _is_blank(data: bytes) -> bool:
    """Nothing but BOMs, whitespace and NUL bytes (linear: 50 MB of spaces is no work for a regex stack)."""
    for bom in _BOMS:
        data = data.replace(bom, b"")
    return not data.translate(None, _BLANK_BYTES)



def read_document(
    path: str | Path,
    password: str | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    ocr=None,
    encoding: str | None = None,
) -> Document:
    """Read a plan (.txt, .docx, .pdf, .html, .doc/.wps/.rtf via LibreOffice; scanned PDF pages and
    .png/.jpg/.tif/.bmp images through OCR).

    max_size: the largest file accepted, in bytes (None: no limit); checked before reading the file.
    ocr: extractors.ocr.OcrOptions (None: recognise scans, one page at a time; OcrOptions(enabled=False)
    leaves scanned pages out and refuses images).
    encoding: the text encoding of a .txt or web page, overriding detection (None: detected).
    """
    where = str(path)
    data = _read_bytes(Path(path), max_size)
    if _is_blank(data):
        raise UnreadableDocument(where, "文件为空（只有空白字符）")
    fmt = detect_format(data, where)
    try:
        doc = _read(fmt, where, data, password, ocr, encoding)
    except RecursionError:
        raise UnreadableDocument(where, "文件结构嵌套过深，无法读取") from None
    if not any(b.text.strip() for b in doc.blocks):
        raise UnreadableDocument(where, "文件中没有可读取的文字")
    return finalize(doc)


def _read_bytes(path: Path, max_size: int | None) -> bytes:
    where = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableDocument(where, "这是一个文件夹，不是文件")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableDocument(where, "不是普通文件（可能是设备或管道），无法读取")
        if max_size is not None and info.st_size > max_size:
            raise UnreadableDocument(where, _too_large(info.st_size, max_size))
        with open(path, "rb") as f:
            if max_size is None:
                data = f.read()
            else:  # read(n) allocates n bytes first: ask for the file's size, then for what it grew by
                data = f.read(min(info.st_size, max_size) + 1)
                if len(data) > info.st_size:
                    data += f.read(max_size + 1 - len(data))
    except OSError as e:
        raise UnreadableDocument(where, _os_reason(e)) from None
    if max_size is not None and len(data) > max_size:  # the file grew after stat
        raise UnreadableDocument(where, _too_large(len(data), max_size))
    if not data:
        raise UnreadableDocument(where, "文件为空（0 字节）")
    return data


def _os_reason(e: OSError) -> str:
    if isinstance(e, (FileNotFoundError, NotADirectoryError)):
        return "文件不存在"
    if isinstance(e, PermissionError):
        return "没有读取权限"
    if isinstance(e, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    return f"无法读取文件（{e.strerror or e}）"


def _too_large(size: int, limit: int) -> str:
    from duibiao.extractors.zip_safety import megabytes  # here, so that reading a .txt never imports zipfile

    return f"文件过大（{megabytes(size)}），超过 {megabytes(limit)} 的上限；方案文件通常只有几 MB，如确需审核请调大上限（--max-size）"


def _read(fmt: str, path: str, data: bytes, password: str | None, ocr, encoding: str | None) -> Document:
    """The reader for fmt (imported on first use: the PDF libraries are slow to load)."""
    if fmt == "txt":
        from duibiao.extractors.text_reader import read_text

        return read_text(path, data, encoding)
    if fmt == "docx":
        from duibiao.extractors.docx_reader import read_docx

        return read_docx(path, data)
    if fmt in ("pdf", *IMAGE_FORMATS):
        from duibiao.extractors.ocr import OcrOptions

        ocr = OcrOptions() if ocr is None else ocr
    if fmt == "pdf":
        from duibiao.extractors.pdf_reader import read_pdf

        return read_pdf(path, data, password, ocr=ocr)
    if fmt in IMAGE_FORMATS:
        if not ocr.enabled:
            raise NeedsOCR(path, f"{fmt}需要文字识别（OCR）才能读取，而文字识别已关闭（--no-ocr）")
        from duibiao.extractors.image_reader import read_image

        return read_image(path, data, ocr, fmt)
    if fmt == "html":
        from duibiao.extractors.html_reader import read_html

        return read_html(path, data, encoding)
    if fmt in ("ole", "rtf"):
        from duibiao.extractors.legacy_office import read_legacy

        return read_legacy(path, data, fmt)
    raise unsupported(path, fmt)
