"""Decide a file's type from its bytes, never from its name (a .docx named .pdf is read as Word)."""
from __future__ import annotations

import codecs

from duibiao.errors import UnreadableDocument, UnsupportedFormat

# (magic prefix, format) for types we read or must name when refusing them.
_MAGIC = [
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # old .doc/.wps/.xls/.ppt, encrypted Office files
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "图片（PNG）"),
    (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"GIF8", "图片（GIF）"),
    (b"II*\x00", "图片（TIFF）"),
    (b"MM\x00*", "图片（TIFF）"),
    (b"Rar!\x1a\x07", "压缩包（RAR）"),
    (b"7z\xbc\xaf\x27\x1c", "压缩包（7z）"),
    (b"\x1f\x8b", "压缩包（gz）"),
]
IMAGE_FORMATS = ("图片（PNG）", "图片（JPEG）", "图片（TIFF）", "图片（BMP）")  # read through OCR
# ZIP packages: (member that identifies the type, format).
_ZIP_KINDS = [
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "电子表格（.xlsx）"),
    ("ppt/presentation.xml", "演示文稿（.pptx）"),
    ("ofd.xml", "OFD 版式文件（.ofd）"),
]
_ODF = {
    b"application/vnd.oasis.opendocument.text": "OpenDocument 文本（.odt）",
    b"application/vnd.oasis.opendocument.spreadsheet": "OpenDocument 电子表格（.ods）",
    b"application/vnd.oasis.opendocument.presentation": "OpenDocument 演示文稿（.odp）",
    b"application/epub+zip": "电子书（EPUB）",
}
# UTF-16 starts: (prefix, bytes of BOM to skip, encoding); "<" with a NUL beside it is BOM-less UTF-16.
_UTF16 = (
    (codecs.BOM_UTF16_LE, 2, "utf-16-le"),
    (codecs.BOM_UTF16_BE, 2, "utf-16-be"),
    (b"<\x00", 0, "utf-16-le"),
    (b"\x00<", 0, "utf-16-be"),
)
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<table", b"<div", b"<p>")


def detect_format(data: bytes, name: str = "") -> str:
    """One of the formats read_document reads (txt, docx, pdf, html, ole, rtf, or an image type of
    IMAGE_FORMATS, read through OCR), or a Chinese description of an unsupported type (图片（GIF）, …).

    `name` is the file's path, used only in the UnreadableDocument raised for a ZIP that cannot be
    opened safely (damaged, or with an absurd number of members).
    """
    head = data[:16]
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "图片（WebP）"
    if head.startswith(b"BM") and data[6:10] == b"\0\0\0\0" and len(data) > 26:
        return "图片（BMP）"
    if head.startswith(b"PK"):
        return _zip_format(data, name)
    if b"%PDF-" in data[:1024]:  # some PDFs carry junk before the header
        return "pdf"
    if _looks_html(data[:2048]):
        return "html"
    return "txt"


def _looks_html(head: bytes) -> bool:
    """Markup at the start of the file (after a BOM, an XML declaration or comments)."""
    for prefix, skip, encoding in _UTF16:
        if head.startswith(prefix):
            head = head[skip:].decode(encoding, "ignore").encode("ascii", "ignore")
            break
    head = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if not head.startswith(b"<"):
        return False
    return any(mark in head for mark in _HTML_MARKS)


def _zip_format(data: bytes, path: str) -> str:
    from duibiao.extractors.zip_safety import open_archive, read_member  # zipfile: only ZIP content pays (~8 ms)

    zf = open_archive(data, path)
    names = {n.lower().lstrip("/"): n for n in zf.namelist()}
    for member, fmt in _ZIP_KINDS:
        if member in names:
            return fmt
    if "mimetype" in names:
        try:
            mimetype = read_member(zf, names["mimetype"], path, limit=200).strip()
        except UnreadableDocument:  # a damaged mimetype member: just not an OpenDocument file
            mimetype = b""
        if mimetype in _ODF:
            return _ODF[mimetype]
    return "压缩包，不是 Word 文档"


_HINTS = {"图片": "（图片或扫描件请先做文字识别 OCR）", "压缩包": "（压缩包请先解压）", "OFD": "（请改用 PDF 版）"}


def unsupported(path: str, what: str) -> UnsupportedFormat:
    """The error for a file whose content is of a type the tool does not read."""
    hint = next((h for prefix, h in _HINTS.items() if what.startswith(prefix)), "")
    return UnsupportedFormat(path, f"不支持的文件类型：{what}，请提供 .docx/.pdf/.txt{hint}")
