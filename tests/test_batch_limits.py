"""Limits that keep a batch going: a file over the size limit and a file that takes too long are
listed as failures with a reason; every other plan is still audited."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from click.testing import CliRunner

import duibiao.audit.batch as batch_module
from duibiao.audit.batch import audit_batch
from duibiao.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_file_over_max_size_is_refused_and_the_rest_audited(tmp_path):
    shutil.copy(SAMPLES / "qufu.txt", tmp_path / "小.txt")  # 22 KB
    shutil.copy(SAMPLES / "qitai.pdf", tmp_path / "大.pdf")  # ~250 KB
    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--max-size", "0.1", "--format", "json"])
    assert result.exit_code == 3
    assert "大.pdf" in result.output and "文件过大" in result.output and "--max-size" in result.output
    assert '"region": "曲阜市"' in result.output


def test_a_file_that_takes_too_long_is_given_up(monkeypatch):
    real = batch_module.audit_file

    def slow_for_qitai(path, **kwargs):
        if "qitai" in str(path):
            time.sleep(30)
        return real(path, **kwargs)

    monkeypatch.setattr(batch_module, "audit_file", slow_for_qitai)
    batch = audit_batch([SAMPLES / "qitai.txt", SAMPLES / "haicheng.txt"], timeout=1)
    assert [f.path for f in batch.failures] == [str(SAMPLES / "qitai.txt")]
    assert "处理超时" in batch.failures[0].reason
    assert [a.document.metadata.region for a in batch.audits] == ["海城市"]
