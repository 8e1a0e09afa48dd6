"""Opening ZIP packages (.docx and friends) without trusting them.

A hostile package can declare millions of members, or a member that inflates to gigabytes (a "zip
bomb"). Before anything is decompressed, open_archive() checks the end-of-central-directory record and
check_sizes() the declared sizes and compression ratios; read_member() then reads in chunks and stops
past its limit, so a member whose declared size lies cannot exhaust memory either.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

from duibiao.errors import UnreadableDocument

MAX_MEMBERS = 10_000  # a Word document has a few dozen parts; thousands of images is already odd
MAX_MEMBER_SIZE = 100 * 1024 * 1024  # declared uncompressed size of one member
MAX_TOTAL_SIZE = 300 * 1024 * 1024  # declared uncompressed size of all members together
MAX_RATIO = 100  # uncompressed : compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
_CHUNK = 1024 * 1024

CORRUPT = "文件已损坏或不完整（Word 文档/ZIP 压缩包无法打开），请重新获取原文件"
BOMB = "Word 文档解压后异常巨大（{what}），可能是恶意构造的压缩包（“压缩炸弹”），已拒绝读取"
# What zipfile and zlib raise on damaged or hostile archives.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    NotImplementedError,
    RuntimeError,
    struct.error,
)

_EOCD = b"PK\x05\x06"
_EOCD64 = b"PK\x06\x06"


def open_archive(data: bytes, path: str) -> zipfile.ZipFile:
    """The package as a ZipFile, once its member count is known to be sane."""
    count = declared_members(data)
    if count is not None and count > MAX_MEMBERS:
        raise UnreadableDocument(path, f"压缩包中的文件数过多（{count} 个，上限 {MAX_MEMBERS}），不像是 Word 文档，已拒绝读取")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise UnreadableDocument(path, CORRUPT) from None
    if len(zf.infolist()) > MAX_MEMBERS:  # the record above can understate the count
        raise UnreadableDocument(path, f"压缩包中的文件数过多（上限 {MAX_MEMBERS}），不像是 Word 文档，已拒绝读取")
    return zf


def declared_members(data: bytes) -> int | None:
    """The member count the end-of-central-directory record declares (ZIP64 aware); None if not found."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, at + 10)
    if count != 0xFFFF:
        return count
    at64 = data.rfind(_EOCD64, max(0, at - 4096), at)
    if at64 < 0 or at64 + 40 > len(data):
        return None
    (count64,) = struct.unpack_from("<Q", data, at64 + 32)
    return count64


def check_sizes(zf: zipfile.ZipFile, path: str) -> None:
    """Refuse a package whose declared sizes or compression ratios are those of a zip bomb."""
    total = 0
    for info in zf.infolist():
        size = info.file_size
        total += size
        if size > MAX_MEMBER_SIZE:
            raise UnreadableDocument(path, BOMB.format(what=f"{info.filename} 超过 {megabytes(MAX_MEMBER_SIZE)}"))
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise UnreadableDocument(path, BOMB.format(what=f"{info.filename} 压缩比 {ratio}:1"))
    if total > MAX_TOTAL_SIZE:
        raise UnreadableDocument(path, BOMB.format(what=f"合计超过 {megabytes(MAX_TOTAL_SIZE)}"))


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo | str, path: str, limit: int = MAX_MEMBER_SIZE) -> bytes:
    """A member's bytes, read in chunks; more than `limit` bytes (whatever was declared) is refused."""
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as f:
            while chunk := f.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    name = info.filename if isinstance(info, zipfile.ZipInfo) else info
                    raise UnreadableDocument(path, BOMB.format(what=f"{name} 超过 {megabytes(limit)}"))
                chunks.append(chunk)
    except ZIP_ERRORS:
        raise UnreadableDocument(path, CORRUPT) from None
    return b"".join(chunks)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"
