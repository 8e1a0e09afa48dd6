"""The reviewers' workbook for a batch of plans: 汇总 (a row per file), 问题清单 (a row per finding),
指标对照 (plan × indicator, coloured by verdict) and 责任单位 (plan × indicator: the units)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult, Failure
from duibiao.audit.findings import ERROR, INFO, KIND_NAMES, SEVERITY_NAMES, WARNING
from duibiao.audit.verdicts import LOOSER, MISSING, PRESENT
from duibiao.reports.common import (
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
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_FILLS = {v: PatternFill(start_color=c, end_color=c, fill_type="solid") for v, c in VERDICT_COLOURS.items()}


def write_workbook(batch: BatchResult, target: Path) -> None:
    with atomic_output(target) as tmp:
        build_workbook(batch).save(tmp)


def build_workbook(batch: BatchResult) -> Workbook:
    """A streaming (write-only) workbook: rows go to disk as they are added, so a province's batch
    does not hold every cell in memory."""
    wb = Workbook(write_only=True)
    _table(wb, "汇总", SUMMARY_HEADERS, [_summary_row(x) for x in batch.items])
    _table(wb, "问题清单", FINDING_HEADERS, [row for a in batch.audits for row in _finding_rows(a)])
    if batch.audits:
        indicators = batch.audits[0].standard.indicators
        headers = ["文件", "地区"] + [f"{ind.id} {ind.name}" for ind in indicators]
        verdicts = [[overall_verdict(r) for r in a.indicators] for a in batch.audits]
        _table(wb, "指标对照", headers, [_matrix_row(a, _verdict_cell) for a in batch.audits], matrix=True,
               verdicts=verdicts)
        _table(wb, "责任单位", headers, [_matrix_row(a, _units_cell) for a in batch.audits], matrix=True)
    else:
        for title in ("指标对照", "责任单位"):
            _table(wb, title, ["文件", "地区"], [])
    return wb


def _summary_row(item: AuditResult | Failure) -> list:
    if isinstance(item, Failure):
        return [item.path, "无法读取"] + [""] * (len(SUMMARY_HEADERS) - 3) + [item.reason]
    meta, counts = item.document.metadata, item.counts()
    row = [item.document.source, "已审核" if item.is_plan else "非实施方案", meta.region, meta.title,
           meta.doc_number, meta.date, meta.issuer, counts[ERROR], counts[WARNING], counts[INFO]]
    if not item.is_plan:
        return row + ["", "", "", item.unassigned_rows, item.findings[0].message if item.findings else ""]

    def ids(kind: str) -> str:
        """The indicators with a finding of this kind, in the standard's order."""
        found = {f.indicator for f in item.findings if f.kind == kind}
        return "、".join(r.id for r in item.indicators if r.id in found)

    return row + [ids(MISSING), ids(LOOSER), ids("no_unit"), item.unassigned_rows, ""]


def _finding_rows(a: AuditResult) -> list[list]:
    return [
        [a.document.source, a.document.metadata.region, f.indicator or "",
         a.standard[f.indicator].name if f.indicator else "", SEVERITY_NAMES[f.severity],
         KIND_NAMES.get(f.kind, f.kind), f.message, f.quote, f.where,
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


def _styled(ws, value, font=None, fill=None, alignment=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if alignment:
        cell.alignment = alignment
    return cell


def _legend_cells(ws) -> list[list]:
    """The colour legend, written to the right of the indicator matrix, one entry per row."""
    entries = [[_styled(ws, "图例", font=_HEADER_FONT)]]
    for verdict in VERDICT_ORDER:
        font = _WHITE if verdict == MISSING else None
        entries.append([_styled(ws, VERDICT_NAMES[verdict], font=font, fill=_FILLS[verdict])])
    entries += [[], [_styled(ws, "单元格为方案所写数值（如“4.2/5.3”），无数值时为结论；颜色表示结论", alignment=_WRAP)]]
    return entries


def _table(wb, title: str, headers: list[str], rows: list[list], matrix: bool = False,
           verdicts: list[list[str]] | None = None):
    """A sheet: header row in bold, frozen, with an autofilter; widths from the content; long text
    wrapped. A `matrix` sheet (plan × indicator) has narrow indicator columns and the first two frozen;
    `verdicts` (one per indicator cell) colours its cells and adds the legend to the right.

    Each row is appended as soon as its cells are styled, so the write-only workbook streams."""
    ws = wb.create_sheet(title)
    wrapped = set()
    for col in range(1, len(headers) + 1):
        values = [row[col - 1] for row in rows if col - 1 < len(row) and row[col - 1] is not None]
        widest = max(map(display_width, values), default=0)
        limit = _MATRIX_WIDTH if matrix and col > 2 else _MAX_WIDTH
        header = min(display_width(headers[col - 1]), limit)
        ws.column_dimensions[get_column_letter(col)].width = max(min(widest, limit), header, 6) + 2
        if widest > limit:
            wrapped.add(col - 1)
    if verdicts is not None:
        ws.column_dimensions[get_column_letter(len(headers) + 2)].width = 14
    ws.freeze_panes = "C2" if matrix else "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    if matrix:
        ws.row_dimensions[1].height = 48
    legend = _legend_cells(ws) if verdicts is not None else []

    def append(line: int, cells: list) -> None:
        """Sheet row `line` (0 the header), with its legend entry one column after the table."""
        extra = legend[line] if line < len(legend) else []
        ws.append(cells + ([None] * (len(headers) + 1 - len(cells)) + extra if extra else []))

    append(0, [_styled(ws, h, font=_HEADER_FONT, alignment=_HEADER_ALIGN) for h in headers])
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            verdict = verdicts[r][c - 2] if verdicts and c >= 2 else None
            cells.append(_styled(
                ws, value,
                font=_WHITE if verdict == MISSING else None,
                fill=_FILLS[verdict] if verdict else None,
                alignment=_WRAP if c in wrapped else None,
            ))
        append(r + 1, cells)
    for line in range(len(rows) + 1, len(legend)):
        append(line, [])
