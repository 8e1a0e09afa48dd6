"""The command line, through click's CliRunner, on the real samples."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PLANS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("ext", [".txt", ".docx", ".pdf"])
@pytest.mark.parametrize("plan", PLANS)
def test_extract_json_has_metadata_and_blocks(plan, ext):
    result = run("extract", SAMPLES / f"{plan}{ext}", "--format", "json")
    assert result.exit_code == 0, result.output
    model = json.loads(result.output)
    assert set(model["metadata"]) == {"title", "region", "doc_number", "issuer", "date"}
    assert any(b["kind"] == "table" for b in model["blocks"]) == (plan != "qufu" and plan != "bengbu_longzihu")
    assert model["metadata"]["region"]


def test_extract_text_shows_metadata_and_annex():
    result = run("extract", SAMPLES / "qitai.txt")
    assert result.exit_code == 0
    assert "文号：奇政办发〔2021〕10号" in result.output
    assert "──────── 附件 ────────" in result.output


def test_audit_json_follows_the_guide():
    result = run("audit", SAMPLES / "haicheng.txt", "--format", "json")
    assert result.exit_code == 0, result.output
    audit = json.loads(result.output)
    assert [i["id"] for i in audit["indicators"]][:3] == ["R1", "R2", "R3"]
    r1 = audit["indicators"][0]
    assert {"id", "status", "flags", "values", "thresholds", "units", "evidence"} <= set(r1)
    assert r1["values"] == [4.2, 5.3]
    assert audit["document"]["region"] == "海城市"
    assert isinstance(audit["unassigned_rows"], int)
    assert all({"severity", "message", "quote", "location"} <= set(f) for f in audit["findings"])


def test_audit_text_is_grouped_by_category_errors_first():
    result = run("audit", SAMPLES / "qufu.txt")
    assert result.exit_code == 0
    out = result.output
    order = [out.index(name) for name in ("资源配置", "政府保障程度", "教育质量", "社会认可度", "否决项")]
    assert order == sorted(order)
    resources = out[out.index("一、资源配置"):out.index("二、政府保障程度")]
    assert resources.index("✗ R8") < resources.index("! R1")  # the missing R8 before warnings
    assert "原文：“确保每百名学生拥有1名以上市级骨干教师，”" in out


def test_audit_markdown():
    result = run("audit", SAMPLES / "zibo_gaoxin.txt", "--format", "md")
    assert result.exit_code == 0
    assert result.output.startswith("# 对标审核报告")
    assert "| ✓ | R1 " in result.output


def test_audit_with_a_provincial_standard():
    result = run("audit", SAMPLES / "qufu.txt", "--format", "json", "--standard", "example-province")
    g7 = next(i for i in json.loads(result.output)["indicators"] if i["id"] == "G7")
    assert g7["flags"] == []


def test_catalog_list_and_show():
    listing = run("catalog", "list")
    assert listing.exit_code == 0 and "共40项指标" in listing.output
    shown = run("catalog", "show", "r4")
    assert shown.exit_code == 0
    assert "小学≥4.5平方米；初中≥5.8平方米" in shown.output
    unknown = run("catalog", "show", "X1")
    assert unknown.exit_code == 2 and "没有编号或名称含“X1”的指标" in unknown.output


def test_units_lists_every_assignment_with_its_location():
    result = run("units", SAMPLES / "zibo_gaoxin.txt", "--format", "json")
    rows = json.loads(result.output)
    assert rows[0]["lead"] == ["教育和体育事业中心"]
    assert rows[0]["support"] == ["发展改革局", "建设局", "高新区自然资源和规划分局"]
    assert any(r["blank"] for r in rows)  # annex row 2.5 has an empty 责任部门 cell


@pytest.mark.parametrize("content, reason", [(b"", "文件为空"), (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "图片")])
def test_unreadable_file_gets_one_chinese_line_and_exit_3(tmp_path, content, reason):
    bad = tmp_path / "坏 文件.docx"
    bad.write_bytes(content)
    result = run("audit", bad)
    assert result.exit_code == 3
    assert str(bad) in result.output and reason in result.output
    assert "Traceback" not in result.output


def test_unknown_standard_is_a_clean_message():
    result = run("audit", SAMPLES / "qufu.txt", "--standard", "nowhere")
    assert result.exit_code == 2
    assert "找不到标准" in result.output


def _options(name: str) -> list:
    """Every option `name` of every command, subcommands included."""
    found, commands = [], [main]
    while commands:
        command = commands.pop()
        commands += list(getattr(command, "commands", {}).values())
        found += [p for p in command.params if p.name == name]
    return found


def test_option_defaults_are_the_library_defaults():
    """cli.py spells the defaults out so that --help imports nothing heavy; they must not drift."""
    from duibiao import catalog
    from duibiao.audit.batch import DEFAULT_TIMEOUT
    from duibiao.cli import _megabytes
    from duibiao.extractors import DEFAULT_MAX_SIZE

    standards, sizes, timeouts = _options("standard"), _options("max_size"), _options("timeout")
    assert standards and sizes and timeouts
    assert {p.default for p in standards} == {catalog.DEFAULT_STANDARD}
    assert {_megabytes(p.default) for p in sizes} == {DEFAULT_MAX_SIZE}
    assert {p.default for p in timeouts} == {DEFAULT_TIMEOUT}


def test_an_empty_folder_names_the_supported_suffixes(tmp_path):
    from duibiao.audit.batch import SUPPORTED_SUFFIXES

    result = run("audit", tmp_path)
    assert result.exit_code == 2
    assert f"没有找到可审核的方案文件（支持 {' '.join(SUPPORTED_SUFFIXES)}）" in result.output
