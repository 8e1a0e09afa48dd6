"""The reviewers' workbook for a batch of plans: 汇总 (a row per file), 问题清单 (a row per finding),
指标对照 (plan × indicator, coloured by verdict) and 责任单位 (plan × indicator: the units)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from audit import AuditResult
from audit.batch import BatchResult, Failure
from audit.findings import ERROR, INFO, KIND_NAMES, SEVERITY_NAMES, WARNING
from audit.verdicts import LOOSER, MISSING, PRESENT
from reports.common import (
    VERDICT_COLOURS, VERDICT_NAMES, VERDICT_ORDER, atomic_output, display_width, overall_verdict, units_text,
    values_text,
)

SUMMARY_HEADERS = [
    "文件", "状态", "地区", "标题", "文号", "印发日期", "发文机关", "错误", "警告", "提示",
    "缺失指标", "低于标准指标", "无责任单位指标", "责任单位空缺处数", "原因",
]
FINDING_HEADERS = ["文件", "地区", "指标", "指标名称", "严重程度", "问题类型", "说明", "原文", "位置", "是否附件"]
_MAX_WIDTH = 60  # characters (CJK counting double); longer text wraps
_MATRIX_WIDTH = 16
_HEADER_FONT = Font(bold=True)
_WHITE = Font(color="FFFFFF")


def write_workbook(batch: BatchResult, target: Path) -> None:
    with atomic_output(target) as tmp:
        build_workbook(batch).save(tmp)


def build_workbook(batch: BatchResult) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    _table(wb.create_sheet("汇总"), SUMMARY_HEADERS, [_summary_row(x) for x in batch.items])
    _table(wb.create_sheet("问题清单"), FINDING_HEADERS, [row for a in batch.audits for row in _finding_rows(a)])
    if batch.audits:
        indicators = batch.audits[0].standard.indicators
        headers = ["文件", "地区"] + [f"{ind.id} {ind.name}" for ind in indicators]
        ws = _table(wb.create_sheet("指标对照"), headers, [_matrix_row(a, _verdict_cell) for a in batch.audits],
                    matrix=True)
        _colour(ws, batch.audits)
        _legend(ws, len(headers) + 2)
        _table(wb.create_sheet("责任单位"), headers, [_matrix_row(a, _units_cell) for a in batch.audits], matrix=True)
    else:
        for title in ("指标对照", "责任单位"):
            _table(wb.create_sheet(title), ["文件", "地区"], [])
    return wb


def _summary_row(item: AuditResult | Failure) -> list:
    if isinstance(item, Failure):
        return [item.path, "无法读取"] + [""] * (len(SUMMARY_HEADERS) - 3) + [item.reason]
    meta, counts = item.document.metadata, item.counts()
    row = [item.document.source, "已审核" if item.is_plan else "非实施方案", meta.region, meta.title,
           meta.doc_number, meta.date, meta.issuer, counts[ERROR], counts[WARNING], counts[INFO]]
    if not item.is_plan:
        return row + ["", "", "", item.unassigned_rows, item.findings[0].message if item.findings else ""]

    def ids(keep) -> str:
        return "、".join(r.id for r in item.indicators if keep(r))

    return row + [
        ids(lambda r: r.verdict.status == MISSING),
        ids(lambda r: LOOSER in r.verdict.flags),
        ids(lambda r: r.verdict.status == PRESENT and not r.units),
        item.unassigned_rows,
        "",
    ]


def _finding_rows(a: AuditResult) -> list[list]:
    return [
        [a.document.source, a.document.metadata.region, f.indicator or "",
         a.standard[f.indicator].name if f.indicator else "", SEVERITY_NAMES[f.severity],
         KIND_NAMES.get(f.kind, f.kind), f.message, f.quote, f.location.describe() if f.location else "",
         "是" if f.in_annex else "否"]
        for f in a.findings
    ]


def _matrix_row(a: AuditResult, cell) -> list:
    return [a.document.source, a.document.metadata.region] + [cell(r) for r in a.indicators]


def _verdict_cell(r) -> str:
    return values_text(r) or VERDICT_NAMES[overall_verdict(r)]


def _units_cell(r) -> str:
    if r.verdict.status != PRESENT:
        return ""
    return units_text(r) or "未明确"


def _fill(verdict: str) -> PatternFill:
    colour = VERDICT_COLOURS[verdict]
    return PatternFill(start_color=colour, end_color=colour, fill_type="solid")


def _colour(ws, audits: list[AuditResult]) -> None:
    for row, a in enumerate(audits, 2):
        for col, r in enumerate(a.indicators, 3):
            verdict = overall_verdict(r)
            cell = ws.cell(row, col)
            cell.fill = _fill(verdict)
            if verdict == MISSING:
                cell.font = _WHITE


def _legend(ws, column: int) -> None:
    ws.cell(1, column, "图例").font = _HEADER_FONT
    ws.column_dimensions[get_column_letter(column)].width = 14
    for row, verdict in enumerate(VERDICT_ORDER, 2):
        cell = ws.cell(row, column, VERDICT_NAMES[verdict])
        cell.fill = _fill(verdict)
        if verdict == MISSING:
            cell.font = _WHITE
    note = "单元格为方案所写数值（如“4.2/5.3”），无数值时为结论；颜色表示结论"
    ws.cell(len(VERDICT_ORDER) + 3, column, note).alignment = Alignment(wrap_text=True, vertical="top")


def _table(ws, headers: list[str], rows: list[list], matrix: bool = False):
    """Header row in bold, frozen, with an autofilter; widths from the content; long text wrapped."""
    ws.append(headers)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula
    for cell in ws[1]:
        cell.font = _HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "C2" if matrix else "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    for col in range(1, len(headers) + 1):
        cells = [ws.cell(r, col) for r in range(2, len(rows) + 2)]
        widest = max([display_width(c.value) for c in cells if c.value is not None], default=0)
        limit = _MATRIX_WIDTH if matrix and col > 2 else _MAX_WIDTH
        header = min(display_width(headers[col - 1]), limit)
        ws.column_dimensions[get_column_letter(col)].width = max(min(widest, limit), header, 6) + 2
        if widest > limit:
            for c in cells:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    if matrix:
        ws.row_dimensions[1].height = 48
    return ws

