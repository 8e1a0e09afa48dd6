"""Comparison for researchers: the tidy table (plan × indicator × level), the matrix and the heatmap."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from PIL import Image

import duibiao.reports.compare as compare
from duibiao.audit.batch import BatchResult, audit_batch, expand_paths
from duibiao.catalog import load_standard
from duibiao.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def rows_per_plan() -> int:
    """From the standard's slots: a row per level for level-specific thresholds, else one row."""
    return sum(len({s.level for s in ind.slots if s.level}) or 1 for ind in load_standard().indicators)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    result = run("compare", SAMPLES, "-o", folder / "对照.csv", "--chart", folder / "对照.png", "--jobs", 2)
    assert result.exit_code == 0, result.output
    return folder


def test_csv_has_one_row_per_plan_indicator_and_level(outputs):
    raw = (outputs / "对照.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # utf-8-sig, so Excel reads the Chinese
    tidy = pd.read_csv(outputs / "对照.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(tidy.columns) == compare.COLUMNS
    plans = len(expand_paths([SAMPLES]))
    assert len(tidy) == plans * rows_per_plan()
    assert not tidy.duplicated(["plan", "indicator", "level"]).any()
    assert set(tidy["level"]) == {"小学", "初中", "九年一贯制", "十二年一贯制", "全部"}
    r1 = tidy[(tidy.plan == "qufu.txt") & (tidy.indicator == "R1")].set_index("level")
    assert r1.loc["小学", "value"] == "4.2" and r1.loc["初中", "national"] == "5.3"
    assert r1.loc["小学", "verdict"] == "exact" and r1.loc["小学", "category"] == "资源配置"


def test_matrix_csv_beside_it(outputs):
    wide = pd.read_csv(outputs / "对照-matrix.csv", encoding="utf-8-sig")
    assert len(wide) == 15 and list(wide.columns[2:]) == [i.id for i in load_standard().indicators]
    assert set(wide.iloc[:, 2:].to_numpy().ravel()) <= set(compare.VERDICT_ORDER)


def test_chart_is_a_png(outputs):
    image = Image.open(outputs / "对照.png")
    assert image.format == "PNG" and image.size[0] > 1000


def test_xlsx_has_the_tidy_table_and_the_matrix(tmp_path):
    out = tmp_path / "对照.xlsx"
    assert run("compare", SAMPLES / "qitai.txt", SAMPLES / "qufu.txt", "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["对照明细", "指标矩阵"]
    assert wb["对照明细"].max_row == 1 + 2 * rows_per_plan() and wb["指标矩阵"].max_row == 3


def test_a_looser_level_is_judged_on_its_own(tmp_path):
    plan = tmp_path / "looser.txt"
    text = (SAMPLES / "qufu.txt").read_text(encoding="utf-8")
    assert "分别达到4.2人以上、5.3人以上" in text
    plan.write_text(text.replace("分别达到4.2人以上、5.3人以上", "分别达到4.0人以上、5.3人以上"), encoding="utf-8")
    tidy = compare.tidy_table(audit_batch([plan]))
    r1 = tidy[tidy.indicator == "R1"].set_index("level")
    assert r1.loc["小学", "verdict"] == "looser" and r1.loc["小学", "value"] == 4
    assert r1.loc["初中", "verdict"] == "exact"


def test_chart_grows_with_the_number_of_plans(tmp_path):
    batch = audit_batch([SAMPLES / "qitai.txt", SAMPLES / "qufu.txt"])
    many = BatchResult([
        dataclasses.replace(a, document=dataclasses.replace(a.document, source=f"方案{i:03d}.txt"))
        for i in range(50) for a in batch.audits
    ])
    assert compare.write_chart(batch, tmp_path / "few.png") == []
    compare.write_chart(many, tmp_path / "many.png")
    assert Image.open(tmp_path / "many.png").size[1] > 2 * Image.open(tmp_path / "few.png").size[1]


def test_without_a_cjk_font_it_warns_and_uses_ascii_labels(tmp_path, monkeypatch):
    monkeypatch.setattr(compare, "_cjk_font", lambda: None)
    shutil.copy(SAMPLES / "qitai.txt", tmp_path / "奇台.txt")
    result = run("compare", tmp_path / "奇台.txt", "-o", tmp_path / "c.csv", "--chart", tmp_path / "c.png")
    assert result.exit_code == 0 and "未找到中文字体" in result.stderr
    assert (tmp_path / "c.png").is_file()


def test_usage_errors(tmp_path):
    assert run("compare", SAMPLES / "qitai.txt", "-o", tmp_path / "c.txt").exit_code == 2
    assert run("compare", SAMPLES / "qitai.txt", "-o", tmp_path / "c.csv", "--chart", tmp_path / "c.gif").exit_code == 2
    plan = tmp_path / "plan.csv"  # a plan saved under an odd name: read by its content, never overwritten
    shutil.copy(SAMPLES / "qitai.txt", plan)
    result = run("compare", plan, "-o", plan)
    assert result.exit_code == 2 and "拒绝覆盖" in result.stderr
    assert plan.read_bytes() == (SAMPLES / "qitai.txt").read_bytes()
