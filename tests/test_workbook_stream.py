"""The workbook written while a batch is audited: results arriving in any order give the workbook of the
finished batch, a writer left unfinished leaves no file, and audit_batch hands every result over once."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from duibiao.audit.batch import Failure, audit_batch
from duibiao.reports.excel import WorkbookWriter, write_workbook

# Three counties written for this test, in three styles: a numbered list, a table, a plan that misses most.
PLANS = {
    "1_松岭县.txt": """松岭县推进义务教育优质均衡发展工作方案
松政办〔2025〕12号
一、小学、初中每百名学生拥有高于规定学历教师数分别不低于4.2人、5.3人。（责任单位：县教体局）
二、小学、初中生均体育运动场馆面积分别达到7.0平方米、10.2平方米。（责任单位：县教体局、县自然资源局）
三、义务教育学校班额小学不超过45人，初中不超过50人。
松岭县人民政府办公室
2025年4月8日
""",
    "2_石溪区.txt": """石溪区义务教育优质均衡发展实施方案
| 序号 | 指标 | 目标 | 牵头单位 |
| 1 | 生均教学仪器设备值 | 小学、初中分别达到2000元、2500元以上 | 区教育局 |
| 2 | 每百名学生拥有网络多媒体教室数 | 小学、初中分别达到2.3间、2.4间 | =区财政局 |
| 3 | 全区初中三年巩固率 | 达到93% | 区教育局 |
""",
    "3_枫桥县.txt": """枫桥县关于做好义务教育优质均衡发展有关工作的通知
各校要高度重视，做好迎检准备。
""",
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    for name, text in PLANS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "4_坏文件.pdf").write_bytes(b"%PDF-1.4\nbroken")  # a Failure among the results
    return audit_batch([folder])


def contents(path: Path) -> dict:
    """Every sheet's values, and the cells' fills, notes and links."""
    out = {}
    for ws in openpyxl.load_workbook(path):
        out[ws.title] = [[(c.value, c.fill.fgColor.rgb if c.fill.fill_type else None,
                           c.comment.text if c.comment else None, c.hyperlink.location if c.hyperlink else None)
                          for c in row] for row in ws.iter_rows()]
    return out


def test_results_in_any_order_give_the_workbook_of_the_finished_batch(batch, tmp_path):
    assert len(batch.items) == 4 and isinstance(batch.items[-1], Failure)
    write_workbook(batch, tmp_path / "整批.xlsx")
    with WorkbookWriter(tmp_path / "逐份.xlsx") as book:
        for i in (2, 0, 3, 1):  # the last to arrive is the second file: the rows wait for it
            book.add(i, batch.items[i])
        book.close(batch.skipped)
    whole, streamed = contents(tmp_path / "整批.xlsx"), contents(tmp_path / "逐份.xlsx")
    assert streamed == whole
    files = [Path(row[0][0]).name for row in whole["汇总"][1:]]
    assert files == ["1_松岭县.txt", "2_石溪区.txt", "3_枫桥县.txt", "4_坏文件.pdf"]
    findings = [Path(row[0][0]).name for row in whole["问题清单"][1:]]
    assert findings == sorted(findings, key=files.index) and "3_枫桥县.txt" in findings
    matrix = [Path(row[0][0]).name for row in whole["指标对照"][1:]]
    assert matrix == files[:3]  # the unreadable file has no row there
    assert all(cell[0] is None or not str(cell[0]).startswith("=") for row in whole["问题清单"] for cell in row)


def test_streamed_sheets_have_fixed_widths_and_wrapped_long_text(batch, tmp_path):
    write_workbook(batch, tmp_path / "一批.xlsx")
    write_workbook(type(batch)(batch.items[:1]), tmp_path / "一份.xlsx")
    for name in ("问题清单", "指标对照", "责任单位"):
        many, one = (openpyxl.load_workbook(tmp_path / f)[name] for f in ("一批.xlsx", "一份.xlsx"))
        assert {k: d.width for k, d in many.column_dimensions.items()} == \
               {k: d.width for k, d in one.column_dimensions.items()}, name
    ws = openpyxl.load_workbook(tmp_path / "一批.xlsx")["问题清单"]
    header = [c.value for c in ws[1]]
    quote = header.index("原文")
    long_rows = [r for r in ws.iter_rows(min_row=2) if len(str(r[quote].value or "")) > 40]
    assert long_rows and all(r[quote].alignment.wrap_text for r in long_rows)
    assert all(ws.row_dimensions[r[0].row].height for r in long_rows)  # taller than one line


def test_a_writer_left_unfinished_leaves_no_file(batch, tmp_path):
    target = tmp_path / "out" / "审核.xlsx"
    with pytest.raises(KeyboardInterrupt):
        with WorkbookWriter(target) as book:
            book.add(0, batch.items[0])
            raise KeyboardInterrupt
    with WorkbookWriter(target) as book:
        book.add(0, batch.items[0])  # never closed
    assert list(target.parent.iterdir()) == []


def test_a_writer_never_fed_writes_nothing_until_closed(tmp_path):
    target = tmp_path / "审核.xlsx"
    with WorkbookWriter(target):
        pass
    assert not tmp_path.joinpath("审核.xlsx").exists() and list(tmp_path.iterdir()) == []
    with WorkbookWriter(target) as book:
        book.close([])
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["汇总", "问题清单", "指标对照", "责任单位", "图例"]
    assert [c.value for c in wb["指标对照"][1]] == ["文件", "地区"]


def test_audit_batch_hands_every_result_over_once(batch, tmp_path):
    folder = Path(batch.sources[0]).parent
    seen = []
    again = audit_batch([folder], jobs=2, on_result=lambda i, item: seen.append((i, item)))
    assert sorted(i for i, _ in seen) == [0, 1, 2, 3]
    assert [item for _, item in sorted(seen, key=lambda x: x[0])] == again.items
