"""Old Office files (.doc/.wps in an OLE container) and RTF: converted to .docx by LibreOffice, then read.

LibreOffice is optional: without `soffice`/`libreoffice` the user is told how to convert the file. Each
conversion runs headless with its own temporary profile (so it neither clashes with a running
LibreOffice nor with another conversion), under a timeout after which the whole process group is
killed; the temporary directory is removed afterwards.

The OLE container (Compound File Binary) is opened with olefile just far enough to list its streams,
and msoffcrypto-tool tells a password-protected document: that tells an encrypted Office document, a
spreadsheet or a presentation from a Word document, which is all that is needed before converting.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from duibiao.errors import EncryptedDocument, UnreadableDocument
from duibiao.extractors.detect import unsupported
from duibiao.extractors.docx_reader import read_docx
from duibiao.extractors.model import Document

CONVERT_TIMEOUT = 60.0  # seconds LibreOffice may take for one file
ENCRYPTED = "Word 文档已加密（设有打开密码），无法读取；请在 Word 或 WPS 中取消密码后另存为 .docx 再审核"
_SAVE_AS = "请用 WPS 或 Word 另存为 .docx 后再审核"
_KINDS = {  # OLE or RTF kind → (what it is, for messages; suffix given to LibreOffice)
    "doc": ("旧版 Word/WPS 文档（.doc/.wps）", ".doc"),
    "rtf": ("RTF 文档", ".rtf"),
}
_NOT_WORD = {"workbook": "电子表格（.xls）", "book": "电子表格（.xls）", "powerpoint document": "演示文稿（.ppt）"}
_WELL_KNOWN = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


def read_legacy(path: str, data: bytes, fmt: str, timeout: float = CONVERT_TIMEOUT) -> Document:
    """Read an OLE file (fmt "ole") or an RTF file (fmt "rtf") by converting it to .docx."""
    kind = "rtf" if fmt == "rtf" else "doc"
    if fmt == "ole":
        streams = ole_streams(data)
        if streams & {"encryptioninfo", "encryptedpackage"} or _encrypted(data):
            raise EncryptedDocument(path, ENCRYPTED)
        for stream, what in _NOT_WORD.items():
            if stream in streams and "worddocument" not in streams:
                raise unsupported(path, what)
    what, suffix = _KINDS[kind]
    doc = read_docx(path, convert_to_docx(path, data, what, suffix, timeout))
    doc.format = kind
    doc.warnings.insert(0, f"{what}已用 LibreOffice 转换为 .docx 后读取，个别版式细节可能有出入")
    return doc


def find_office() -> str | None:
    """The LibreOffice program on PATH (or in its usual install folder), if any."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _WELL_KNOWN if os.path.isfile(p)), None)


def convert_to_docx(path: str, data: bytes, what: str, suffix: str, timeout: float = CONVERT_TIMEOUT) -> bytes:
    office = find_office()
    if office is None:
        raise UnreadableDocument(path, f"这是{what}，本机没有可用于转换的 LibreOffice；{_SAVE_AS}，或安装 LibreOffice")
    with tempfile.TemporaryDirectory(prefix="duibiao-office-") as tmp:
        source = Path(tmp, "input" + suffix)
        source.write_bytes(data)
        outdir = Path(tmp, "out")
        command = [
            office,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(source),
        ]  # fmt: skip
        _run(command, timeout, path)
        result = outdir / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableDocument(path, f"LibreOffice 无法转换这个{what}（文件可能已损坏）；{_SAVE_AS}")
        return result.read_bytes()


def _run(command: list[str], timeout: float, path: str) -> None:
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so that all of it can be stopped
        )
    except OSError as e:
        raise UnreadableDocument(path, f"无法启动 LibreOffice（{e.strerror or e}）；{_SAVE_AS}") from None
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise UnreadableDocument(path, f"LibreOffice 转换超时（超过 {timeout:g} 秒）；{_SAVE_AS}") from None
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    """Kill what is left of the conversion's process group (soffice starts soffice.bin)."""
    if hasattr(os, "killpg"):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    elif proc.poll() is None:
        proc.kill()
    proc.wait()


# --- the OLE container --------------------------------------------------------------------------


def ole_streams(data: bytes) -> set[str]:
    """Lower-cased names of the entries in an OLE container's directory; empty when it cannot be read."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            return {path[-1].lower() for path in ole.listdir(streams=True, storages=True)}
    except (OSError, ValueError):  # what olefile raises for a damaged container
        return set()


def _encrypted(data: bytes) -> bool:
    """An Office document with an opening password (RC4 or XOR in a .doc, or an encrypted OOXML package)."""
    import msoffcrypto
    from msoffcrypto.exceptions import FileFormatError, ParseError

    try:
        return msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except (FileFormatError, ParseError, OSError, ValueError, struct.error):
        return False  # not a format msoffcrypto knows: LibreOffice will say what it is
