"""Readers that turn a plan file into one Document model, whatever its format.

    from extractors import read_document
    doc = read_document("samples/qufu.docx")
"""
from __future__ import annotations

from pathlib import Path

from errors import UnreadableDocument, UnsupportedFormat
from extractors.detect import detect_format
from extractors.model import Block, Cell, Document, Location, Metadata
from extractors.structure import finalize

__all__ = ["read_document", "Document", "Block", "Cell", "Location", "Metadata"]


def read_document(path: str | Path, password: str | None = None) -> Document:
    """Read a plan (.txt, .docx, .pdf …); the type is decided by the file's content."""
    path = Path(path)
    if path.is_dir():
        raise UnreadableDocument(str(path), "这是一个文件夹，不是文件")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(str(path), "文件不存在") from None
    except PermissionError:
        raise UnreadableDocument(str(path), "没有读取权限") from None
    except OSError as e:
        raise UnreadableDocument(str(path), f"无法读取文件（{e.strerror or e}）") from None
    if not data.strip():
        raise UnreadableDocument(str(path), "文件为空")
    fmt = detect_format(data, path.name)
    doc = _reader(fmt, str(path))(str(path), data, password)
    if not any(b.text.strip() for b in doc.blocks):
        raise UnreadableDocument(str(path), "文件中没有可读取的文字")
    return finalize(doc)


def _reader(fmt: str, path: str):
    if fmt == "txt":
        from extractors.text_reader import read_text

        return lambda p, data, _password: read_text(p, data)
    if fmt == "docx":
        from extractors.docx_reader import read_docx

        return lambda p, data, _password: read_docx(p, data)
    if fmt == "pdf":
        from extractors.pdf_reader import read_pdf

        return read_pdf
    raise UnsupportedFormat(path, f"不支持的文件类型（{fmt}）；支持 .txt、.docx、.pdf")
