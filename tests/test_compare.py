"""Comparison for researchers: long tables with numbers as numbers, canonical unit names, stable plan
ids, unreadable files as rows, a formatted workbook, optional Parquet and a heatmap with a CJK font."""
from __future__ import annotations

import csv
import json
import re
import shutil
import tomllib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from PIL import Image

from duibiao.reports import compare
from duibiao.audit.batch import expand_paths
from duibiao.catalog import load_standard
from duibiao.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DEVSET = ROOT.parent / "shared" / "devset" / "plans"
UNITS_TOML = ROOT / "catalog" / "units.toml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def read_csv(path: Path) -> list[dict]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Chinese
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    inputs = [SAMPLES] + ([DEVSET] if DEVSET.is_dir() else [])
    result = run("compare", *inputs, "-o", folder / "对照.csv", "--chart", folder / "对照.png", "--jobs", 2)
    assert result.exit_code == 0, result.output
    return folder


def test_every_value_and_national_value_is_a_number(outputs):
    rows = read_csv(outputs / "对照.csv")
    assert rows and list(rows[0]) == [c for c, _ in compare.NUMBER_COLUMNS]
    for row in rows:
        float(row["value"]), float(row["national"])  # no packed "12/1/90|96/90"
        assert row["role"] in {"target", "milestone", "current", "gap", "quote"}
        assert row["year"] == "" or re.fullmatch(r"20\d\d", row["year"])
    assert "flags" not in rows[0]


def test_numbers_match_the_json_audit(outputs, tmp_path):
    """The verdict of each number is the JSON's word for it, and each JSON threshold is a row."""
    plan = SAMPLES / "qufu.txt"
    audit = json.loads(run("audit", plan, "--format", "json").stdout)
    mine = [r for r in read_csv(outputs / "对照.csv") if r["file"].endswith("samples/qufu.txt")]
    expected = sorted((i["id"], t["level"] or "", float(t["value"]), float(t["national"]), t["verdict"] or "")
                      for i in audit["indicators"] for t in i["thresholds"])
    got = sorted((r["indicator"], r["level"], float(r["value"]), float(r["national"]), r["verdict"]) for r in mine)
    assert got == expected
    assert {r["verdict_label"] for r in mine if r["verdict"] == "equal"} == {"一致"}


def test_units_have_one_canonical_name_per_department(outputs):
    rows = read_csv(outputs / "对照-units.csv")
    assert rows and {r["role"] for r in rows} <= {"lead", "support"}
    groups = tomllib.loads(UNITS_TOML.read_text(encoding="utf-8"))["alias"]
    for row in rows:
        for group in groups:  # the first alias group whose stem the name contains gives its name
            stems = group.get("stems", [])
            if stems and re.search("|".join(stems), row["unit"]):
                assert row["unit_canonical"] == group["key"], row
                break
    teachers = {r["unit_canonical"] for r in rows if r["indicator"] in ("R1", "R2", "R3")}
    raw = {r["unit"] for r in rows if r["indicator"] in ("R1", "R2", "R3")}
    assert len(teachers) < len(raw)  # spellings of one department fold together
    assert all(r["source"] for r in rows)  # where the plan names the unit


def test_plan_ids_do_not_depend_on_the_other_inputs(outputs, tmp_path):
    alone = tmp_path / "alone.csv"
    assert run("compare", SAMPLES / "haicheng.docx", "-o", alone).exit_code == 0
    together = {r["file"]: r["plan"] for r in read_csv(outputs / "对照-plans.csv")}
    assert read_csv(tmp_path / "alone-plans.csv")[0]["plan"] == together[str(SAMPLES / "haicheng.docx")]
    assert len(set(together.values())) == len(together)  # qufu.docx, qufu.pdf, qufu.txt all distinct


def test_every_indicator_of_every_plan_has_a_verdict_row(outputs):
    rows = read_csv(outputs / "对照-indicators.csv")
    plans = len(expand_paths([SAMPLES] + ([DEVSET] if DEVSET.is_dir() else [])))
    assert len(rows) == plans * len(load_standard().indicators)
    assert {r["verdict"] for r in rows} <= set(compare.VERDICT_ORDER)


def test_every_national_indicator_is_in_one_group():
    groups = tomllib.loads(compare.GROUPS_FILE.read_text(encoding="utf-8"))
    listed = [iid for g in groups.values() for iid in g["indicators"]]
    assert sorted(listed) == sorted(i.id for i in load_standard().indicators)


def test_unreadable_files_are_rows_with_the_reason(tmp_path):
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("compare", SAMPLES / "qitai.txt", broken, "-o", tmp_path / "t.csv")
    assert result.exit_code == 3
    plans = {r["file"]: r for r in read_csv(tmp_path / "t-plans.csv")}
    assert plans[str(broken)]["status"] == "unreadable" and plans[str(broken)]["reason"]
    assert plans[str(SAMPLES / "qitai.txt")]["status"] == "audited"


def test_workbook_is_formatted(tmp_path):
    target = tmp_path / "对照.xlsx"
    assert run("compare", SAMPLES / "qitai.txt", SAMPLES / "qufu.txt", "-o", target).exit_code == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == [title for title, _ in compare.SHEETS.values()]
    numbers = wb["数值对照"]
    assert numbers.freeze_panes == "C3" and numbers.auto_filter.ref.startswith("A2:")
    assert numbers["A1"].font.bold and [c.value for c in numbers[2]] == [c for c, _ in compare.NUMBER_COLUMNS]
    header = [c.value for c in numbers[2]]
    value, verdict = header.index("value"), header.index("verdict")
    row = next(r for r in numbers.iter_rows(min_row=3) if r[verdict].value == "equal")
    assert isinstance(row[value].value, (int, float))
    assert row[verdict].fill.fgColor.rgb.endswith(compare.NUMBER_PALETTE["equal"])
    assert numbers.column_dimensions["F"].width > 10


def test_text_cells_cannot_become_formulas(tmp_path):
    plan = tmp_path / "=HYPERLINK(1).txt"
    plan.write_text((SAMPLES / "qitai.txt").read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "t.xlsx"
    assert run("compare", plan, "-o", target).exit_code == 0
    for ws in openpyxl.load_workbook(target):
        assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert run("compare", plan, "-o", tmp_path / "t.csv").exit_code == 0
    assert all(r["plan"].startswith("'=HYPERLINK") for r in read_csv(tmp_path / "t.csv"))


def test_parquet_when_asked(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    assert run("compare", SAMPLES / "qitai.txt", "-o", tmp_path / "t.parquet").exit_code == 0
    numbers = pd.read_parquet(tmp_path / "t.parquet")
    assert numbers["value"].dtype.kind == "f" and numbers["national"].dtype.kind == "f"
    assert set(pd.read_parquet(tmp_path / "t-units.parquet")["role"]) <= {"lead", "support"}


def test_chart_uses_a_cjk_font_found_by_path(outputs):
    with Image.open(outputs / "对照.png") as img:
        assert img.format == "PNG" and img.width > 800
    if compare._cjk_font_files():
        assert compare.cjk_font() is not None


def test_chart_without_a_cjk_font_keys_its_fallback_labels(tmp_path, monkeypatch):
    monkeypatch.setattr(compare, "_cjk_font_files", list)
    result = run("compare", SAMPLES / "qitai.txt", "-o", tmp_path / "t.csv", "--chart", tmp_path / "t.svg")
    assert result.exit_code == 0 and "未找到中文字体" in result.stderr
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    plan = read_csv(tmp_path / "t-plans.csv")[0]["plan"]
    assert "plan key" in svg and plan.split("-")[-1] in svg


def test_refuses_unknown_table_type(tmp_path):
    result = run("compare", SAMPLES / "qitai.txt", "-o", tmp_path / "t.json")
    assert result.exit_code == 2 and "对照表应为" in result.stderr


def test_never_overwrites_an_input(tmp_path):
    plan = shutil.copy(SAMPLES / "qitai.txt", tmp_path / "plan-units.csv")
    result = run("compare", plan, "-o", tmp_path / "plan.csv")
    assert result.exit_code == 2 and "拒绝覆盖" in result.stderr
