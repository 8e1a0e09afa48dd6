"""Bad input through the command line: one Chinese line naming the file, exit 3, no traceback; what
can be opened is opened; inputs are never modified."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize(
    "name, reason",
    [("pdf_encrypted.pdf", "已加密"), ("pdf_scanned.pdf", "OCR")],
)
def test_pdf_that_cannot_be_read_says_why(name, reason):
    result = run("audit", "--no-ocr", DATA / name)
    assert result.exit_code == 3
    assert name in result.output and reason in result.output
    assert "Traceback" not in result.output


def test_password_opens_the_encrypted_pdf():
    result = run("extract", DATA / "pdf_encrypted.pdf", "--password", "secret")
    assert result.exit_code == 0
    assert "本文件已加密，仅供内部审核使用。" in result.output


def test_debug_shows_the_traceback():
    result = run("--debug", "audit", "--no-ocr", DATA / "pdf_scanned.pdf")
    assert result.exit_code == 3
    assert "Traceback" in result.output and "NeedsOCR" in result.output
    assert "Traceback" not in run("audit", "--no-ocr", DATA / "pdf_scanned.pdf").output


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_inputs_are_never_modified(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / "samples", plans, ignore=shutil.ignore_patterns("*.py"))
    before = _digest(plans)
    assert run("audit", plans, "-o", tmp_path / "审核结果.xlsx", "--jobs", "2").exit_code == 0
    assert run("annotate", plans / "qitai.docx", "-o", tmp_path / "qitai-审核.docx").exit_code == 0
    assert run("compare", plans, "-o", tmp_path / "对照.csv").exit_code == 0
    assert _digest(plans) == before


def test_good_and_bad_files_in_one_folder(tmp_path):
    shutil.copy(ROOT / "samples" / "haicheng.docx", tmp_path / "海城 方案.docx")
    shutil.copy(ROOT / "samples" / "qufu.pdf", tmp_path / "曲阜.pdf")
    shutil.copy(DATA / "pdf_scanned.pdf", tmp_path / "扫描件.pdf")
    (tmp_path / "空白.txt").write_bytes(b"")
    (tmp_path / "伪装.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("audit", "--no-ocr", tmp_path, "--format", "json")
    assert result.exit_code == 3
    assert '"region": "海城市"' in result.output and '"region": "曲阜市"' in result.output
    for bad in ("扫描件.pdf", "空白.txt", "伪装.docx"):
        assert f"{bad}：" in result.output
