"""Bad input never crashes the reader: every kind raises UnreadableDocument (or a subclass) with one
Chinese reason, what is readable is read, and hostile files (zip bombs, entities) are refused safely."""
from __future__ import annotations

import os
import random
import shutil
import struct
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from duibiao.errors import EncryptedDocument, UnreadableDocument, UnsupportedFormat
from duibiao.extractors import DEFAULT_MAX_SIZE, read_document
from duibiao.extractors import legacy_office, zip_safety
from docx_fixtures import build_docx, p, zip_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DATA = Path(__file__).resolve().parent / "data"
HAS_OFFICE = legacy_office.find_office() is not None
needs_office = pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice (soffice) is not installed")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts and process groups")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refused(path: Path, kind: type = UnreadableDocument, **kwargs) -> UnreadableDocument:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, **kwargs)
    assert type(info.value) is kind, info.value
    assert info.value.path == str(path) and info.value.reason
    assert "Traceback" not in info.value.reason
    return info.value


def _with_peak(read):
    """read()'s result and the peak of Python memory allocated meanwhile, in bytes."""
    tracemalloc.start()
    try:
        result = read()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()




# --- empty, random, truncated -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "文件为空（0 字节）"),
        (b"  \r\n\t\n  ", "文件为空（只有空白字符）"),
        (b"\xef\xbb\xbf", "文件为空（只有空白字符）"),
        (b"\xef\xbb\xbf \n", "文件为空（只有空白字符）"),
        ("\ufeff \r\n ".encode("utf-16"), "文件为空（只有空白字符）"),
        (" \n".encode("utf-16-be"), "文件为空（只有空白字符）"),
        ("\u3000\u3000\n".encode("utf-8"), "文件中没有可读取的文字"),
    ],
)
def test_empty_files(tmp_path, data, reason):
    assert _refused(_write(tmp_path, "空.txt", data)).reason == reason


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("size", [37, 4096, 100_000])
def test_random_bytes(tmp_path, seed, size):
    data = random.Random(seed * 1000 + size).randbytes(size)
    for name in ("random.txt", "random.docx", "random.pdf", "random"):
        try:
            read_document(_write(tmp_path, name, data))
        except UnreadableDocument as e:
            assert e.reason
        # (a short random string may happen to be valid GB18030 text: then it is read, which is fine)


def test_random_bytes_are_named_as_not_text(tmp_path):
    reason = _refused(_write(tmp_path, "noise.txt", random.Random(7).randbytes(8192))).reason
    assert reason == "文件内容无法识别：不是文本，也不是 Word、PDF 等可读取的文档"


@pytest.mark.parametrize("sample", ["qitai.docx", "qufu.pdf"])
def test_truncated_files(tmp_path, sample):
    data = (SAMPLES / sample).read_bytes()
    for cut in (1, 4, 10, 100, 1000, len(data) // 3, len(data) // 2, len(data) - 200, len(data) - 1):
        path = _write(tmp_path, f"cut{cut}{Path(sample).suffix}", data[:cut])
        try:
            read_document(path)
        except UnreadableDocument as e:
            assert e.reason and e.path == str(path)


def test_truncated_docx_message(tmp_path):
    data = (SAMPLES / "qitai.docx").read_bytes()
    reason = _refused(_write(tmp_path, "半个.docx", data[: len(data) // 2])).reason
    assert "已损坏或不完整" in reason


def test_truncated_pdf_is_unreadable(tmp_path):
    data = (SAMPLES / "qitai.pdf").read_bytes()
    _refused(_write(tmp_path, "半个.pdf", data[: len(data) // 2]))


# --- unsupported types ----------------------------------------------------------------------------


def _ole(streams: dict[str, bytes]) -> bytes:
    """A minimal Compound File Binary container (v3, 512-byte sectors) holding the given streams."""
    end, free, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    names = list(streams)
    dir_sectors = (len(names) + 1 + 3) // 4
    fat = [0xFFFFFFFD] + [s + 2 for s in range(dir_sectors - 1)] + [end]
    body, starts, sector = b"", [], 1 + dir_sectors
    for name in names:
        count = max(1, -(-len(streams[name]) // 512))
        starts.append(sector)
        fat += [sector + k + 1 for k in range(count - 1)] + [end]
        body += streams[name].ljust(count * 512, b"\0")
        sector += count
    assert len(fat) <= 128
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return struct.pack(
            "<64sHBBIII16sI8s8sIQ", raw, len(raw), kind, 1, none, right, child, b"", 0, b"", b"", start, size
        )

    entries = entry("Root Entry", 5, 1 if names else none, none, end, 0)
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else none
        entries += entry(name, 2, none, right, starts[i], len(streams[name]))
    entries = entries.ljust(dir_sectors * 512, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0, 4096, end, 0, end, 0,
    ) + struct.pack("<109I", 0, *[free] * 108)
    return header + struct.pack("<128I", *fat) + entries + body


_XLSX = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
_PPTX = zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<presentation/>"})
_ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"})


@pytest.mark.parametrize(
    "name, data, what",
    [
        ("scan.gif", b"GIF89a" + bytes(200), "图片（GIF）"),  # PNG/JPEG/TIFF are read by OCR: tests/test_ocr_bad_input.py
        ("plan.xlsx", _XLSX, "电子表格（.xlsx）"),
        ("plan.pptx", _PPTX, "演示文稿（.pptx）"),
        ("plan.odt", _ODT, "OpenDocument 文本（.odt）"),
        ("plan.xls", _ole({"Workbook": b"\x09\x08" + bytes(600)}), "电子表格（.xls）"),
        ("plan.ppt", _ole({"PowerPoint Document": bytes(600)}), "演示文稿（.ppt）"),
        ("plan.docx", _XLSX, "电子表格（.xlsx）"),  # the name does not matter
        ("files.zip", zip_bytes({"a.txt": b"hello", "b/c.txt": b"world"}), "压缩包，不是 Word 文档"),
    ],
)
def test_unsupported_types(tmp_path, name, data, what):
    reason = _refused(_write(tmp_path, name, data), UnsupportedFormat).reason
    assert reason.startswith(f"不支持的文件类型：{what}，请提供 .docx/.pdf/.txt"), reason


# --- the file system ------------------------------------------------------------------------------


def test_directory(tmp_path):
    assert _refused(tmp_path).reason == "这是一个文件夹，不是文件"


def test_missing_file(tmp_path):
    assert _refused(tmp_path / "没有这个文件.docx").reason == "文件不存在"
    assert _refused(tmp_path / "not_a_dir.txt" / "x.txt").reason == "文件不存在"


@posix_only
def test_unreadable_permissions(tmp_path):
    path = Path(shutil.copy(SAMPLES / "qitai.txt", tmp_path / "locked.txt"))
    path.chmod(0)
    if os.geteuid() != 0:
        assert _refused(path).reason == "没有读取权限"
        return
    # root reads a chmod 000 file: read it from a forked child that has dropped to the user nobody
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.setgid(65534)
            os.setuid(65534)
            read_document(path)
            answer = "read"
        except UnreadableDocument as e:
            answer = e.reason
        except BaseException as e:  # noqa: BLE001 - reported to the parent, never raised in the fork
            answer = repr(e)
        os.write(writer, answer.encode("utf-8"))
        os._exit(0)
    os.close(writer)
    os.waitpid(child, 0)
    with os.fdopen(reader, "rb") as answer:
        assert answer.read().decode("utf-8") == "没有读取权限"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "不是普通文件" in _refused(fifo).reason  # opening it would block forever


# --- readable whatever the name -------------------------------------------------------------------


def test_type_is_decided_by_content(tmp_path):
    as_pdf = shutil.copy(SAMPLES / "qitai.docx", tmp_path / "其实是 Word.pdf")
    as_txt = shutil.copy(SAMPLES / "qitai.pdf", tmp_path / "其实是 PDF.txt")
    assert read_document(as_pdf).format == "docx"
    assert read_document(as_txt).format == "pdf"
    assert read_document(as_pdf).metadata.doc_number == "奇政办发〔2021〕10号"


def test_path_with_spaces_and_chinese(tmp_path):
    folder = tmp_path / "县 方案 材料" / "奇台 县"
    folder.mkdir(parents=True)
    for suffix in (".txt", ".docx", ".pdf"):
        path = shutil.copy(SAMPLES / f"qitai{suffix}", folder / f"奇台县 实施 方案{suffix}")
        assert read_document(path).metadata.region == "奇台县"


# --- size ---------------------------------------------------------------------------------------


def test_file_above_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "巨大.txt"
    with open(path, "wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: nothing is written to disk
    reason, peak = _with_peak(lambda: _refused(path).reason)
    assert "文件过大（60 MB）" in reason and "50 MB" in reason and "--max-size" in reason
    assert peak < 1024 * 1024  # the 60 MB were never read
    assert DEFAULT_MAX_SIZE == 50 * 1024 * 1024


def test_max_size_parameter(tmp_path):
    path = shutil.copy(SAMPLES / "qitai.txt", tmp_path / "qitai.txt")
    assert "文件过大" in _refused(Path(path), max_size=1000).reason
    assert read_document(path, max_size=None).metadata.region == "奇台县"


def test_large_text_is_read_in_bounded_memory(tmp_path):
    """~20 MB of plan text (paragraphs and TAB tables): peak memory stays under 10× the file's size."""
    samples = [f.read_bytes() for f in sorted(SAMPLES.glob("*.txt"))]
    path = tmp_path / "large.txt"
    with open(path, "wb") as f:
        while f.tell() < 20 * 1024 * 1024:
            for data in samples:
                f.write(data + b"\n\n")
    size = path.stat().st_size
    doc, peak = _with_peak(lambda: read_document(path))
    assert len(doc.blocks) > 50_000 and sum(b.kind == "table" for b in doc.blocks) > 100
    assert peak < 10 * size, f"peak {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"


def test_flood_of_tiny_lines_is_refused(tmp_path):
    path = _write(tmp_path, "lines.txt", b"a\n" * 1_100_000)
    assert "文本行数过多" in _refused(path).reason


def test_many_one_cell_rows_are_linear(tmp_path):
    """A table of 100 000 one-cell rows used to be split into paragraphs with list.pop(0)."""
    path = _write(tmp_path, "cells.txt", "\t第一格\n\n".encode() * 100_000)
    doc = read_document(path)
    assert len(doc.blocks) == 100_000 and doc.blocks[-1].text == "第一格"


# --- old Office formats, RTF ----------------------------------------------------------------------


@needs_office
def test_doc_is_converted_with_libreoffice(tmp_path):
    path = shutil.copy(DATA / "haicheng.doc", tmp_path / "海城 方案.txt")  # type by content, not name
    doc = read_document(path)
    reference = read_document(SAMPLES / "haicheng.docx")
    assert doc.format == "doc" and "LibreOffice" in doc.warnings[0]
    assert doc.metadata == reference.metadata
    assert [b.text for b in doc.blocks] == [b.text for b in reference.blocks]
    tables = [[[(c.text, c.spanned) for c in r] for r in b.rows] for b in doc.blocks if b.kind == "table"]
    assert tables == [[[(c.text, c.spanned) for c in r] for r in b.rows] for b in reference.blocks if b.kind == "table"]


_RTF = rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 SimSun;}}\uc1\f0 \u22855?\u21488?\u21439?\par \u23454?\u26045?\u26041?\u26696?\par}"


@needs_office
def test_rtf_is_converted_with_libreoffice(tmp_path):
    doc = read_document(_write(tmp_path, "方案.rtf", _RTF))
    assert doc.format == "rtf" and [b.text for b in doc.blocks] == ["奇台县", "实施方案"]


@pytest.mark.parametrize("name, data", [("old.doc", (DATA / "haicheng.doc").read_bytes()), ("old.rtf", _RTF)])
def test_without_libreoffice_the_user_is_told_how_to_convert(tmp_path, monkeypatch, name, data):
    monkeypatch.setattr(legacy_office, "find_office", lambda: None)
    reason = _refused(_write(tmp_path, name, data)).reason
    assert "请用 WPS 或 Word 另存为 .docx 后再审核，或安装 LibreOffice" in reason
    assert ("旧版 Word/WPS 文档" if name.endswith(".doc") else "RTF") in reason


def _fake_office(tmp_path: Path, monkeypatch, script: str) -> Path:
    office = tmp_path / "fake-soffice"
    office.write_text("#!/bin/sh\n" + script)
    office.chmod(0o755)
    monkeypatch.setattr(legacy_office, "find_office", lambda: str(office))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


@posix_only
def test_conversion_uses_its_own_profile_and_cleans_up(tmp_path, monkeypatch):
    log = tmp_path / "args.txt"
    temp = _fake_office(tmp_path, monkeypatch, f'printf "%s\\n" "$@" > "{log}"\n')
    reason = _refused(_write(tmp_path, "old.doc", (DATA / "haicheng.doc").read_bytes())).reason
    assert "LibreOffice 无法转换" in reason  # the fake wrote no output
    args = log.read_text().splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert profile.startswith(f"-env:UserInstallation={temp.as_uri()}/")
    assert "--headless" in args and "docx:MS Word 2007 XML" in args
    assert list(temp.iterdir()) == []  # the temporary directory (profile, input, output) is gone


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@posix_only
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_conversion_timeout_kills_libreoffice(tmp_path, monkeypatch):
    pid_file = tmp_path / "child.pid"
    temp = _fake_office(tmp_path, monkeypatch, f'sleep 30 &\necho $! > "{pid_file}"\nwait\n')
    path = _write(tmp_path, "old.doc", (DATA / "haicheng.doc").read_bytes())
    with pytest.raises(UnreadableDocument) as info:
        legacy_office.read_legacy(str(path), path.read_bytes(), "ole", timeout=1)
    assert info.value.reason.startswith("LibreOffice 转换超时（超过 1 秒）")
    child = int(pid_file.read_text())
    for _ in range(50):
        if not _alive(child):
            break
        time.sleep(0.05)
    assert not _alive(child)  # soffice's own children are stopped too
    assert list(temp.iterdir()) == []


@posix_only
def test_conversion_output_that_is_not_a_docx(tmp_path, monkeypatch):
    script = (
        'while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
        'mkdir -p "$out" && echo garbage > "$out/input.docx"\n'
    )
    _fake_office(tmp_path, monkeypatch, script)
    assert "已损坏" in _refused(_write(tmp_path, "old.doc", (DATA / "haicheng.doc").read_bytes())).reason


def test_encrypted_office_document(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy_office, "find_office", lambda: pytest.fail("no conversion for an encrypted file"))
    data = _ole({"EncryptionInfo": bytes(300), "EncryptedPackage": bytes(5000)})
    reason = _refused(_write(tmp_path, "加密.docx", data), EncryptedDocument).reason
    assert reason.startswith("Word 文档已加密")


def test_encrypted_word_97_document(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy_office, "find_office", lambda: pytest.fail("no conversion for an encrypted file"))
    fib = struct.pack("<HHHHHH", 0xA5EC, 0xC1, 0, 0x0804, 0, 0x0100).ljust(4096, b"\0")  # fEncrypted
    data = _ole({"WordDocument": fib, "1Table": bytes(600)})
    assert _refused(_write(tmp_path, "加密.doc", data), EncryptedDocument).reason.startswith("Word 文档已加密")


def test_ole_directory_of_a_real_doc():
    streams = legacy_office.ole_streams((DATA / "haicheng.doc").read_bytes())
    assert {"worddocument", "1table"} <= streams
    assert legacy_office.ole_streams(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20)) == set()


# --- hostile packages -----------------------------------------------------------------------------


def _docx_with_document_xml(tmp_path: Path, chunks, name: str = "bomb.docx") -> Path:
    """A real .docx whose word/document.xml is replaced by the streamed chunks."""
    base = zipfile.ZipFile(build_docx(tmp_path / "base.docx", p("正文")))
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in base.infolist():
            if info.filename == "word/document.xml":
                with out.open("word/document.xml", "w") as f:
                    for chunk in chunks:
                        f.write(chunk)
            else:
                out.writestr(info.filename, base.read(info))
    return path


def _spaces(total: int):
    block = b" " * (1024 * 1024)
    for _ in range(total // len(block)):
        yield block


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    path = _docx_with_document_xml(tmp_path, _spaces(200 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    reason, peak = _with_peak(lambda: _refused(path).reason)
    assert "压缩炸弹" in reason and "word/document.xml" in reason
    assert peak < 20 * 1024 * 1024


def _patch_declared_size(data: bytes, name: bytes, size: int) -> bytes:
    """Make the local header and the central directory lie about a member's uncompressed size."""
    data = bytearray(data)
    # (signature, offset of the name length, of the name, of the uncompressed size)
    for signature, name_length, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            n = struct.unpack_from("<H", data, at + name_length)[0]
            if data[at + name_at : at + name_at + n] == name:
                struct.pack_into("<I", data, at + size_at, size)
            at += 4
    return bytes(data)


def test_lying_declared_size_is_not_trusted(tmp_path):
    honest = _docx_with_document_xml(tmp_path, _spaces(200 * 1024 * 1024)).read_bytes()
    path = _write(tmp_path, "liar.docx", _patch_declared_size(honest, b"word/document.xml", 10_000))
    reason, peak = _with_peak(lambda: _refused(path).reason)
    assert "损坏" in reason or "压缩炸弹" in reason
    assert peak < 20 * 1024 * 1024


def test_bounded_reader_stops_past_its_limit(tmp_path):
    zf = zipfile.ZipFile(_docx_with_document_xml(tmp_path, _spaces(3 * 1024 * 1024)))
    with pytest.raises(UnreadableDocument) as info:
        zip_safety.read_member(zf, "word/document.xml", "x.docx", limit=2 * 1024 * 1024)
    assert "压缩炸弹" in info.value.reason


def test_too_many_members(tmp_path):
    members = {f"word/media/{i}.txt": b"" for i in range(zip_safety.MAX_MEMBERS + 1)}
    members["word/document.xml"] = b"<w:document/>"
    assert "文件数过多" in _refused(_write(tmp_path, "many.docx", zip_bytes(members))).reason


def test_total_declared_size_limit(tmp_path):
    zf = zipfile.ZipFile(build_docx(tmp_path / "ok.docx", p("正文")))
    for info in zf.infolist():
        info.file_size = info.compress_size = zip_safety.MAX_TOTAL_SIZE // 4  # ratio 1:1, each under the limit
    with pytest.raises(UnreadableDocument) as info:
        zip_safety.check_sizes(zf, "ok.docx")
    assert "合计超过" in info.value.reason


def test_xml_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-3f9a2c")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}"><!ENTITY host SYSTEM "file:///etc/hostname">]>'
        f'<w:document xmlns:w="{w}"><w:body>'
        "<w:p><w:r><w:t>奇台县实施方案&xxe;&host;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>一、指导思想</w:t></w:r></w:p></w:body></w:document>"
    )
    path = _docx_with_document_xml(tmp_path, [xml.encode()], "xxe.docx")
    try:
        doc = read_document(path)
    except UnreadableDocument as e:
        text = e.reason
    else:
        text = "\n".join(b.text for b in doc.blocks) + "".join(doc.warnings)
        assert "一、指导思想" in text and "奇台县实施方案" in text
    assert "SECRET-3f9a2c" not in text
    hostname = Path("/etc/hostname")
    if hostname.exists() and len(hostname.read_text().strip()) >= 6:
        assert hostname.read_text().strip() not in text
