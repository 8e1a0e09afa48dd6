"""The ledger as a table (.xlsx or .csv): one row per region, as the 方案台账 page shows it."""
from __future__ import annotations

import csv
from pathlib import Path

from duibiao.reports.cells import safe_row, text_cell
from duibiao.reports.common import atomic_output

COLUMNS = [
    ("id", "编号"), ("region", "地区"), ("latest_version", "最新版本"), ("versions", "版本数"), ("file", "文件"),
    ("title", "标题"), ("doc_number", "文号"), ("date", "印发日期"), ("error", "错误"), ("warning", "警告"),
    ("info", "提示"), ("review_status", "审核状态"), ("decided", "已判断问题数"), ("findings", "问题数"),
    ("uploaded_at", "上传时间（UTC）"),
]
MEDIA_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "csv": "text/csv; charset=utf-8"}


def write_ledger(plans: list[dict], target: Path) -> None:
    """Every cell is written as text where it is text (never a formula), see reports/cells.py."""
    target = Path(target)
    rows = [[p[key] for key, _ in COLUMNS] for p in plans]
    headers = [label for _, label in COLUMNS]
    with atomic_output(target) as tmp:
        if target.suffix.lower() == ".csv":
            with open(tmp, "w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerows([headers, *map(safe_row, rows)])
            return
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("方案台账")
        for row in [headers, *rows]:
            ws.append([text_cell(ws, v) for v in row])
        wb.save(tmp)


def render_ledger(plans: list[dict]) -> str:
    """The ledger for a terminal: a line per region."""
    if not plans:
        return "台账中还没有方案。"
    lines = [f"台账：{len(plans)}个地区"]
    for p in plans:
        lines.append(f"{p['id']:>4}  {p['region']}  第{p['latest_version']}版  {p['doc_number'] or '（无文号）'}  "
                     f"{p['date'] or '（无日期）'}  错误{p['error']} 警告{p['warning']} 提示{p['info']}  {p['review_status']}")
    return "\n".join(lines)
