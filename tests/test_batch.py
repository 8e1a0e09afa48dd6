"""Batch audit for reviewers: folders, the Excel workbook, parallel runs, unreadable files, exit codes."""
from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import duibiao.audit.batch as batch_module
from duibiao.audit import audit_file
from duibiao.audit.batch import audit_batch, expand_paths
from duibiao.audit.findings import KIND_NAMES, SEVERITY_NAMES
from duibiao.cli import main
from duibiao.reports.common import VERDICT_COLOURS, atomic_output, overall_verdict
from duibiao.reports.text import render_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHEETS = ["汇总", "问题清单", "指标对照", "责任单位"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def sheet_values(path: Path) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbooks")
    out = {}
    for jobs in (1, 2):
        path = folder / f"审核结果-{jobs}.xlsx"
        result = run("audit", SAMPLES, "-o", path, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        out[jobs] = path
    return out


def test_expand_paths_finds_every_supported_file_sorted_once():
    files = expand_paths([SAMPLES])
    assert len(files) == 15
    assert files == sorted(files)
    assert {f.suffix for f in files} == {".txt", ".docx", ".pdf"}
    again = expand_paths([SAMPLES / "qufu.txt", SAMPLES, "./samples/qufu.txt"])
    assert again[0] == SAMPLES / "qufu.txt" and len(again) == 15


def test_workbook_has_the_four_sheets_and_a_summary_row_per_plan(workbooks):
    wb = openpyxl.load_workbook(workbooks[1])
    assert wb.sheetnames[:4] == SHEETS
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0][:2] == ("文件", "状态")
    audited = [row for row in summary[1:] if row[1] != "已跳过"]  # files of other types are listed as skipped
    assert [row[0] for row in audited] == [str(p) for p in expand_paths([SAMPLES])]
    assert {row[1] for row in audited} == {"已审核"}
    for ws in map(wb.__getitem__, SHEETS):
        assert ws.freeze_panes in ("C2", "D2", "E2") and ws.auto_filter.ref.startswith("A1:")


def test_every_finding_of_the_json_audits_is_listed(workbooks):
    listed = Counter(row[:1] + row[2:3] + row[4:8] for row in sheet_values(workbooks[1])["问题清单"][1:])
    expected = Counter()
    for path in expand_paths([SAMPLES]):
        for f in audit_file(path).to_dict()["findings"]:
            expected[(str(path), f["indicator"] or None, SEVERITY_NAMES[f["severity"]],
                      KIND_NAMES[f["kind"]], f["message"], f["quote"] or None)] += 1
    assert listed == expected


def test_indicator_sheet_is_coloured_by_verdict(workbooks):
    ws = openpyxl.load_workbook(workbooks[1])["指标对照"]
    result = audit_file(SAMPLES / "bengbu_longzihu.docx")
    for col, r in enumerate(result.indicators, 3):
        assert ws.cell(2, col).fill.start_color.rgb.endswith(VERDICT_COLOURS[overall_verdict(r)])
    r1 = result.by_id("R1")
    assert ws.cell(2, 3).value == ("/".join(f"{x:g}" for x in r1.verdict.values) or "不完整")
    legend = [row[0] for row in openpyxl.load_workbook(workbooks[1])["图例"].iter_rows(values_only=True)]
    assert legend.index("缺失") < legend.index("低于标准")


def test_parallel_jobs_give_the_same_workbook(workbooks):
    assert sheet_values(workbooks[1]) == sheet_values(workbooks[2])


def test_unreadable_files_are_listed_and_the_rest_reported(tmp_path):
    folder = tmp_path / "方案"
    folder.mkdir()
    shutil.copy(SAMPLES / "qitai.txt", folder / "qitai.txt")
    shutil.copy(SAMPLES / "haicheng.docx", folder / "haicheng.docx")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "random.docx").write_bytes(os.urandom(4096))
    out = tmp_path / "审核结果.xlsx"
    result = run("audit", folder, "-o", out, "--jobs", 2)
    assert result.exit_code == 3, result.output
    assert "empty.pdf" in result.stderr and "random.docx" in result.stderr
    rows = {Path(row[0]).name: row for row in sheet_values(out)["汇总"][1:]}
    assert set(rows) == {"qitai.txt", "haicheng.docx", "empty.pdf", "random.docx"}
    for name in ("empty.pdf", "random.docx"):
        assert rows[name][1] == "无法读取" and rows[name][-1]
    for name in ("qitai.txt", "haicheng.docx"):
        assert rows[name][1] == "已审核" and rows[name][2]
    assert not list(tmp_path.glob("**/*.part"))


def test_an_unexpected_exception_in_one_file_becomes_a_failure(monkeypatch):
    real = batch_module.audit_file

    def flaky(path, **kwargs):
        if path.endswith("qitai.txt"):
            raise RuntimeError("boom")
        return real(path, **kwargs)

    monkeypatch.setattr(batch_module, "audit_file", flaky)
    batch = audit_batch([SAMPLES / "qitai.txt", SAMPLES / "qufu.txt"])
    assert [a.document.source for a in batch.audits] == [str(SAMPLES / "qufu.txt")]
    assert "意外错误" in batch.failures[0].reason and "boom" in batch.failures[0].reason


def test_fail_on_sets_exit_code_1():
    assert run("audit", SAMPLES / "qufu.txt", "--fail-on", "error").exit_code == 1
    assert run("audit", SAMPLES / "haicheng.txt", "--fail-on", "error").exit_code == 0
    assert run("audit", SAMPLES / "haicheng.txt", "--fail-on", "warning").exit_code == 1
    assert run("audit", SAMPLES / "qufu.txt").exit_code == 0


def test_one_file_without_output_keeps_todays_report():
    result = run("audit", SAMPLES / "qitai.txt")
    assert result.exit_code == 0
    assert result.stdout == render_text(audit_file(SAMPLES / "qitai.txt")) + "\n"
    assert result.stderr == ""
    assert isinstance(json.loads(run("audit", SAMPLES / "qitai.txt", "--format", "json").stdout), dict)


def test_several_files_print_one_report_after_another():
    files = [SAMPLES / "qitai.txt", SAMPLES / "qufu.txt"]
    listed = json.loads(run("audit", *files, "--format", "json").stdout)
    assert [d["document"]["source"] for d in listed] == [str(f) for f in files]
    result = run("audit", *files)
    assert result.stdout.count("对标审核报告\n") == 2
    assert "[1/2]" in result.stderr and "[2/2]" in result.stderr and "[1/2]" not in result.stdout


def test_refuses_to_overwrite_an_input(tmp_path):
    plan = tmp_path / "plan.txt"
    shutil.copy(SAMPLES / "qitai.txt", plan)
    link = tmp_path / "link.txt"
    link.symlink_to(plan)
    for target in (plan, link):
        result = run("audit", plan, "-o", target)
        assert result.exit_code == 2 and "拒绝覆盖" in result.stderr
    assert plan.read_bytes() == (SAMPLES / "qitai.txt").read_bytes()


def test_json_and_markdown_files(tmp_path):
    result = run("audit", SAMPLES / "qitai.txt", SAMPLES / "qufu.docx", "-o", tmp_path / "out.json")
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))) == 2
    assert run("audit", SAMPLES / "qitai.txt", "-o", tmp_path / "out.md").exit_code == 0
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# 对标审核报告")
    assert run("audit", SAMPLES / "qitai.txt", "-o", tmp_path / "out.xyz").exit_code == 2


def test_atomic_output_leaves_nothing_behind_on_failure(tmp_path):
    target = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError):
        with atomic_output(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_one_unreadable_file_gives_one_chinese_line_and_exit_3(tmp_path):
    result = run("audit", tmp_path / "不存在.txt")
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.startswith("错误：") and "文件不存在" in result.stderr
