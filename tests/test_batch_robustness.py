"""A batch survives what a folder and a machine can do to it: every path is listed with what became of
it, and a worker that dies costs only the file that killed it."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import duibiao.audit.batch as batch_module
from duibiao.audit.batch import audit_batch, scan_paths

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, pipes and fork")


@posix_only
def test_every_entry_of_a_folder_is_audited_or_listed_with_a_reason(tmp_path):
    shutil.copy(SAMPLES / "qufu.txt", tmp_path / "方案 一.txt")
    (tmp_path / "统计表.xlsx").write_bytes(b"PK")
    os.mkfifo(tmp_path / "管道.txt")
    (tmp_path / "断链.docx").symlink_to(tmp_path / "不存在.docx")
    (tmp_path / "环.pdf").symlink_to(tmp_path / "环.pdf")
    (tmp_path / "子").mkdir()
    (tmp_path / "子" / "回到上级").symlink_to(tmp_path, target_is_directory=True)  # a folder loop
    files, skipped = scan_paths([tmp_path])
    assert files == [tmp_path / "方案 一.txt"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert set(reasons) == {"统计表.xlsx", "管道.txt", "断链.docx", "环.pdf", "回到上级"}
    assert "不是可审核" in reasons["统计表.xlsx"] and "管道" in reasons["管道.txt"]
    assert "链接" in reasons["断链.docx"] and "链接" in reasons["环.pdf"]


@posix_only
def test_a_link_loop_named_on_the_command_line_is_a_failure_not_a_crash(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    batch = audit_batch([loop, SAMPLES / "qitai.txt"])
    assert [f.path for f in batch.failures] == [str(loop)]
    assert len(batch.audits) == 1


@posix_only
def test_a_worker_that_dies_costs_only_its_own_file(tmp_path, monkeypatch):
    plans = []
    for i in range(6):
        plans.append(Path(shutil.copy(SAMPLES / "qufu.txt", tmp_path / f"p{i}.txt")))
    killer = Path(shutil.copy(SAMPLES / "qitai.txt", tmp_path / "killer.txt"))
    real = batch_module.audit_file

    def dies_on_killer(path, **kwargs):
        if Path(path).name == "killer.txt":
            os._exit(9)  # as the kernel's OOM killer would end it: no exception, no result
        return real(path, **kwargs)

    monkeypatch.setattr(batch_module, "audit_file", dies_on_killer)  # workers are forked from here
    batch = audit_batch([*plans[:3], killer, *plans[3:]], jobs=2)
    assert [f.path for f in batch.failures] == [str(killer)]
    assert "进程意外退出" in batch.failures[0].reason
    assert [a.document.source for a in batch.audits] == [str(p) for p in plans]
