"""A Chinese Windows console (GBK): redirected or printed output never crashes on a character GBK
lacks; the report's marks fall back to symbols GBK has."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import main
from duibiao.cli_i18n import ERROR_HANDLER

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "samples" / "qitai.txt"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_redirected_report_under_gbk_exits_0(tmp_path, fmt):
    """`PYTHONIOENCODING=gbk duibiao audit plan.txt --format md > out.txt`, as cmd.exe runs it."""
    out = tmp_path / "out.txt"
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    with out.open("wb") as f:
        done = subprocess.run([sys.executable, "-m", "duibiao", "audit", str(PLAN), "--format", fmt],
                              stdout=f, stderr=subprocess.PIPE, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    text = out.read_bytes().decode("gbk")  # the whole file is valid GBK
    assert "对标审核报告" in text and "R1" in text
    assert b"Traceback" not in done.stderr


def test_report_marks_fall_back_to_gbk_symbols():
    result = CliRunner(charset="gbk").invoke(main, ["audit", str(PLAN)])
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("gbk")
    assert "√ R1 " in text  # ✓ is not in GBK; √ is


def test_error_naming_a_file_gbk_cannot_spell(tmp_path):
    missing = tmp_path / "方案✓🙂.txt"
    result = CliRunner(charset="gbk").invoke(main, ["audit", str(missing)])
    assert result.exit_code == 3
    assert "方案√?.txt" in result.stderr_bytes.decode("gbk")


def test_fallback_handler_keeps_what_the_code_page_has():
    assert "对标 ✓ ⚠ 🙂 —".encode("gbk", ERROR_HANDLER).decode("gbk") == "对标 √ ! ? —"
    assert "✓ é".encode("ascii", ERROR_HANDLER) == b"? ?"  # √ is not ASCII: plain "?"


def test_text_report_file_is_utf8_with_bom(tmp_path):
    """-o 报告.txt: UTF-8 whatever the console, with a BOM so that Notepad does not read it as GBK."""
    target = tmp_path / "报告.txt"
    result = CliRunner(charset="gbk").invoke(main, ["audit", str(PLAN), "-o", str(target)])
    assert result.exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "✓ R1 " in raw.decode("utf-8-sig")
