"""Decide a file's type from its bytes; the extension only breaks ties."""
from __future__ import annotations

import io
import zipfile

# (magic prefix, format) for types we read or must name when refusing them.
_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old .doc/.wps/.xls
    (b"\x89PNG", "图片（PNG）"),
    (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"GIF8", "图片（GIF）"),
    (b"II*\x00", "图片（TIFF）"),
    (b"MM\x00*", "图片（TIFF）"),
    (b"{\\rtf", "rtf"),
]


def detect_format(data: bytes, name: str = "") -> str:
    """One of txt, docx, pdf, ole, html, rtf, or a Chinese description of an unsupported type."""
    head = data[:16]
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head.startswith(b"PK"):
        return _zip_format(data)
    if b"%PDF-" in data[:1024]:  # some PDFs carry junk before the header
        return "pdf"
    sniff = data[:2048].lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<html" in sniff[:512]:
        return "html"
    return "txt"


def _zip_format(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "损坏的压缩包"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "电子表格（.xlsx）"
    if "ppt/presentation.xml" in names:
        return "演示文稿（.pptx）"
    if "content.xml" in names:
        return "OpenDocument（.odt/.ods）"
    return "压缩包（不是 Word 文档）"
