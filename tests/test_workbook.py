"""The reviewers' workbook: colours, names beside codes, frozen panes, print setup on every sheet, links,
the 复核结论 drop-down carried over with --previous, duplicates and the tally; and no formula from plan text."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from duibiao.cli import main
from duibiao.reports.common import VERDICT_COLOURS
from duibiao.reports.excel import SEVERITY_COLOURS

ROOT = Path(__file__).resolve().parents[1]

PLAN_A = """青杨县义务教育优质均衡发展实施方案
青政发〔2024〕3号
为推进县域义务教育优质均衡发展，制定本方案。
一、每百名学生拥有高于规定学历教师数小学、初中分别达到4.0人以上、5.3人以上。（牵头单位：县教育局）
二、生均体育运动场馆面积小学、初中分别达到7.5平方米以上、10.2平方米以上。
三、小学、初中所有班级学生数分别不超过45人、50人。（牵头单位：县教育局，配合单位：县住建局）
四、全县初中三年巩固率达到95%以上。（牵头单位：县教育局）
青杨县人民政府
2024年3月1日
"""
# The same county's revised plan: R1 raised to the standard, so its finding disappears.
PLAN_A2 = PLAN_A.replace("4.0人以上", "4.2人以上").replace("2024年3月1日", "2024年9月1日")
INJECTION = """红柳县义务教育优质均衡发展实施方案
为推进县域义务教育优质均衡发展，制定本方案。
| 指标 | 目标 | 责任单位 |
| 生均教学仪器设备值 | =HYPERLINK("http://evil.example","点击") 小学2000元以上 | =cmd|' /C calc'!A0 |
| 每百名学生拥有网络多媒体教室数 | +1+1 小学、初中分别达到2.3间以上、2.4间以上 | @SUM(A1) |
| 专任教师持有教师资格证上岗率 | -2+3 达到100% | -县教育局 |
社会认可度达到85%以上\x01。（牵头单位：\x02县教育局）
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    plans = tmp_path / "方案"
    plans.mkdir()
    (plans / "青杨县方案.txt").write_text(PLAN_A, encoding="utf-8")
    (plans / "红柳县方案.txt").write_text(INJECTION, encoding="utf-8")
    return plans


def _fill(cell) -> str:
    return (cell.fill.start_color.rgb or "")[-6:] if cell.fill and cell.fill.fill_type else ""


def test_sheets_colours_names_and_freeze(folder, tmp_path):
    out = tmp_path / "审核.xlsx"
    result = run("audit", folder, "-o", out)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:5] == ["汇总", "问题清单", "指标对照", "责任单位", "图例"]
    summary = wb["汇总"]
    header = [c.value for c in summary[1]]
    rows = {Path(r[0].value).name: r for r in summary.iter_rows(min_row=2)}
    qingyang = rows["青杨县方案.txt"]
    assert qingyang[header.index("地区")].value == "青杨县"
    assert _fill(qingyang[header.index("状态")]) == SEVERITY_COLOURS["error"]
    assert _fill(qingyang[header.index("错误")]) == SEVERITY_COLOURS["error"]
    assert "R1 每百名学生拥有高于规定学历教师数" in qingyang[header.index("低于标准指标")].value
    assert summary.freeze_panes == "D2" and header.index("地区") < 3
    findings = wb["问题清单"]
    fheader = [c.value for c in findings[1]]
    assert findings.freeze_panes == "E2" and {"地区", "指标"} <= set(fheader[:4])
    severities = {_fill(r[fheader.index("严重程度")]) for r in findings.iter_rows(min_row=2)}
    assert SEVERITY_COLOURS["error"] in severities and SEVERITY_COLOURS["warning"] in severities
    r1 = next(r for r in findings.iter_rows(min_row=2) if r[fheader.index("指标")].value == "R1"
              and r[fheader.index("问题类型")].value == "低于标准")
    assert r1[fheader.index("指标名称")].value == "每百名学生拥有高于规定学历教师数"
    assert "4.2" in r1[fheader.index("修改建议")].value
    link = qingyang[0].hyperlink
    assert link is not None and re.fullmatch(r"'问题清单'!A\d+", link.location)
    linked_row = int(link.location.rsplit("A", 1)[1])
    assert Path(findings.cell(linked_row, 1).value).name == "青杨县方案.txt"


def test_indicator_matrix_labels_levels_and_explains_red_cells(folder, tmp_path):
    out = tmp_path / "审核.xlsx"
    run("audit", folder, "-o", out)
    ws = openpyxl.load_workbook(out)["指标对照"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if Path(r[0].value).name == "青杨县方案.txt")
    r1 = row[header.index("R1 每百名学生拥有高于规定学历教师数")]
    assert r1.value == "小学4/初中5.3"
    assert _fill(r1) == VERDICT_COLOURS["looser"] and "低于国家标准" in r1.comment.text
    missing = row[header.index("R4 生均教学及辅助用房面积")]
    assert _fill(missing) == VERDICT_COLOURS["missing"] and missing.comment.text.startswith("方案未提及")
    units = openpyxl.load_workbook(out)["责任单位"]
    g5 = next(r for r in units.iter_rows(min_row=2) if Path(r[0].value).name == "青杨县方案.txt")[header.index("G5 班级学生数（班额）")]
    assert g5.value == "牵头：县教育局；配合：县住建局" and g5.alignment.wrap_text


def test_every_sheet_prints_landscape_fitted_with_titles_header_and_footer(folder, tmp_path):
    out = tmp_path / "审核.xlsx"
    run("audit", folder, "-o", out)
    for ws in openpyxl.load_workbook(out):
        assert ws.page_setup.orientation == "landscape", ws.title
        # fitToWidth defaults to 1 in OOXML (CT_PageSetup), so a writer may leave it out; 0 pages high: any number
        assert (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.oddHeader.center.text == "&A" and "&P" in ws.oddFooter.center.text, ws.title


def test_review_column_has_a_drop_down(folder, tmp_path):
    out = tmp_path / "审核.xlsx"
    run("audit", folder, "-o", out)
    ws = openpyxl.load_workbook(out)["问题清单"]
    header = [c.value for c in ws[1]]
    column = openpyxl.utils.get_column_letter(header.index("复核结论") + 1)
    [validation] = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"确认,误报,待核"'
    assert str(validation.sqref) == f"{column}2:{column}{ws.max_row}"
    assert header[-1] == "备注"


def test_plan_text_never_becomes_a_formula_and_control_characters_do_not_lose_the_workbook(folder, tmp_path):
    out = tmp_path / "审核.xlsx"
    result = run("audit", folder, "-o", out, "--opinion", tmp_path / "意见")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and not any(re.search(r"<f[ >]", s) for s in sheets)
    texts = [c.value for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert any("HYPERLINK" in t for t in texts)  # the text is kept, as text
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert len(list((tmp_path / "意见").glob("*.docx"))) == 2


def test_previous_keeps_decisions_whose_finding_remains_and_lists_the_vanished(folder, tmp_path):
    first = tmp_path / "第一次.xlsx"
    run("audit", folder, "-o", first)
    wb = openpyxl.load_workbook(first)
    ws = wb["问题清单"]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in ("指标", "问题类型", "复核结论", "备注", "文件")}
    decided = {}
    for r in range(2, ws.max_row + 1):
        if not ws.cell(r, col["文件"]).value.endswith("青杨县方案.txt"):
            continue
        key = (ws.cell(r, col["指标"]).value, ws.cell(r, col["问题类型"]).value)
        if key in (("R1", "低于标准"), ("R5", "无责任单位"), ("R4", "缺失")):
            ws.cell(r, col["复核结论"]).value = "确认"
            ws.cell(r, col["备注"]).value = f"已核 {key[0]}"
            decided[key] = r
    assert len(decided) == 3
    wb.save(first)
    (folder / "青杨县方案.txt").write_text(PLAN_A2, encoding="utf-8")  # R1 fixed in the new version
    second = tmp_path / "第二次.xlsx"
    result = run("audit", folder, "-o", second, "--previous", first)
    assert result.exit_code == 0, result.output
    assert "已带入上次的复核结论 2 条；1 条对应的问题本次已不存在" in result.stderr
    wb2 = openpyxl.load_workbook(second)
    ws2 = wb2["问题清单"]
    kept = {(ws2.cell(r, col["指标"]).value, ws2.cell(r, col["问题类型"]).value): ws2.cell(r, col["备注"]).value
            for r in range(2, ws2.max_row + 1) if ws2.cell(r, col["复核结论"]).value == "确认"}
    assert kept == {("R5", "无责任单位"): "已核 R5", ("R4", "缺失"): "已核 R4"}
    gone = list(wb2["已消失的复核"].iter_rows(min_row=2, values_only=True))
    assert len(gone) == 1 and gone[0][1] == "R1" and gone[0][-2:] == ("确认", "已核 R1")


def test_previous_that_is_not_a_workbook_is_one_chinese_line(folder, tmp_path):
    bad = tmp_path / "旧.xlsx"
    bad.write_text("不是工作簿", encoding="utf-8")
    result = run("audit", folder, "-o", tmp_path / "新.xlsx", "--previous", bad)
    assert result.exit_code == 3 and "无法读取上次的审核工作簿" in result.stderr and "Traceback" not in result.output
    assert run("audit", folder, "--previous", bad).exit_code == 2


def test_batch_names_the_newer_of_two_plans_for_one_region_and_ends_with_a_tally(folder, tmp_path):
    (folder / "青杨县方案（修订稿）.txt").write_text(PLAN_A2, encoding="utf-8")
    (folder / "说明.txt").write_text("这是一份会议通知，请各单位准时参加。\n", encoding="utf-8")
    (folder / "进度统计.xlsx").write_bytes(b"not a plan")
    out = tmp_path / "审核.xlsx"
    result = run("audit", folder, "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert "青杨县报送了 2 份方案" in result.stderr and "较新的是 青杨县方案（修订稿）.txt（印发日期 2024-09-01）" in result.stderr
    assert "说明.txt" in result.stderr and "进度统计.xlsx" in result.stderr
    assert lines[-1] == "已审核 3 份，0 份无法读取，2 份跳过"
    ws = openpyxl.load_workbook(out)["汇总"]
    header = [c.value for c in ws[1]]
    rows = {Path(r[0]).name: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert "本文件较新" in rows["青杨县方案（修订稿）.txt"][header.index("重复报送")]
    assert "较新的是" in rows["青杨县方案.txt"][header.index("重复报送")]
    assert rows["进度统计.xlsx"][header.index("状态")] == "已跳过" and rows["进度统计.xlsx"][-1]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_summary_of_fifteen_plans_prints_on_at_most_two_landscape_pages(tmp_path):
    out = tmp_path / "审核.xlsx"
    result = run("audit", ROOT / "samples", "-o", out, "--jobs", 2)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert [row[1] for row in wb["汇总"].iter_rows(min_row=2, values_only=True)].count("已审核") == 15
    for name in wb.sheetnames[1:]:  # print 汇总 alone
        del wb[name]
    only = tmp_path / "汇总.xlsx"
    wb.save(only)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(only)], check=True, capture_output=True, timeout=300)
    info = subprocess.run(["pdfinfo", str(tmp_path / "汇总.pdf")], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert pages <= 2 and width > height
