"""The reviewers' workbook for a batch of plans, to read in Excel/WPS and to print.

Sheets: 汇总 (a row per file, coloured by its worst finding, linked to its findings), 问题清单 (a row
per finding, with the suggested revision and the reviewer's own 复核结论 / 备注 columns), 指标对照
(plan × indicator, values by school level, coloured by verdict, a note on every red cell), 责任单位
(plan × indicator: the units), 图例 (what the colours and columns mean), and with `--previous` 已消失的复核
(decisions of the earlier workbook whose finding no longer exists).

Every sheet prints landscape, fitted to the page width, with its header row repeated and the sheet
name and page number in the header and footer. The workbook streams (write-only): rows go to disk as
they are added, so a province's batch does not hold every cell in memory. Every text cell passes
through reports/cells.py (no formula, no illegal character).
"""
from __future__ import annotations

import math
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult, Failure
from duibiao.audit.findings import ERROR, INFO, KIND_NAMES, SEVERITY_NAMES, WARNING
from duibiao.audit.verdicts import LOOSER, MISSING, PRESENT
from duibiao.reports.batch_story import Duplicate, duplicates
from duibiao.reports.cells import CellMaker, clean_text, safe_value
from duibiao.reports.common import (
    VERDICT_COLOURS, VERDICT_NAMES, VERDICT_ORDER, atomic_output, display_width, overall_verdict, units_text,
)
from duibiao.reports.review import DECISIONS, REVIEW_HEADERS, Decision, key_of, vanished
from duibiao.reports.suggest import suggest

SUMMARY_HEADERS = [
    "文件", "状态", "地区", "标题", "文号", "印发日期", "发文机关", "错误", "警告", "提示",
    "缺失指标", "低于标准指标", "无责任单位指标", "责任单位空缺处数", "重复报送", "原因",
]
FINDING_HEADERS = ["文件", "地区", "指标", "指标名称", "严重程度", "问题类型", "说明", "原文", "位置", "是否附件",
                   "修改建议", *REVIEW_HEADERS]
VANISHED_HEADERS = ["文件", "指标", "问题类型", "说明", "原文", *REVIEW_HEADERS]
SEVERITY_COLOURS = {ERROR: "F4A7A7", WARNING: "FFE08A", INFO: "CFE3F7"}  # light: text stays readable in print
_STATUS_AUDITED, _STATUS_UNREADABLE, _STATUS_SKIPPED = "已审核", "无法读取", "已跳过"
_MAX_WIDTH = 60  # characters (CJK counting double); longer text wraps
_SUMMARY_MAX_WIDTH = 36  # 汇总 is printed: narrower columns, more lines
_MATRIX_WIDTH = 16
_LINE_HEIGHT = 15  # points per wrapped line
_MAX_ROW_LINES = 12  # a taller row is cut on screen (the text stays whole in the cell)
_HEADER_FONT = Font(bold=True)
_WHITE = Font(color="FFFFFF")
_LINK_FONT = Font(color="0563C1", underline="single")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill(start_color="E7E6E6", end_color="E7E6E6", fill_type="solid")
_FILLS = {v: PatternFill(start_color=c, end_color=c, fill_type="solid") for v, c in VERDICT_COLOURS.items()}
_SEVERITY_FILLS = {s: PatternFill(start_color=c, end_color=c, fill_type="solid") for s, c in SEVERITY_COLOURS.items()}
_RED = (MISSING, LOOSER)  # the verdicts coloured red in 指标对照, each explained by a note


def write_workbook(batch: BatchResult, target: Path, previous: dict[str, Decision] | None = None) -> None:
    """Write the workbook; `previous` (read_decisions of an earlier workbook) fills 复核结论 and 备注."""
    with atomic_output(target) as tmp:
        build_workbook(batch, previous).save(tmp)


def build_workbook(batch: BatchResult, previous: dict[str, Decision] | None = None) -> Workbook:
    previous = previous or {}
    wb = Workbook(write_only=True)
    findings, first_row = _finding_rows(batch.audits, previous)
    dupes = {source: d for d in duplicates(batch) for source in d.sources}
    summary = [_summary_row(x, dupes) for x in batch.items] + [_skipped_row(f) for f in batch.skipped]
    links = [first_row.get(row[0]) for row in summary]
    _table(wb, "汇总", SUMMARY_HEADERS, summary, max_width=_SUMMARY_MAX_WIDTH,
           fills=[_summary_fills(x) for x in batch.items], links=links, freeze="D2")
    _table(wb, "问题清单", FINDING_HEADERS, [row for row, _ in findings], fills=[fill for _, fill in findings],
           freeze="E2", review=True)
    indicators = batch.audits[0].standard.indicators if batch.audits else []
    headers = ["文件", "地区"] + [f"{ind.id} {ind.name}" for ind in indicators]
    _table(wb, "指标对照", headers, [_matrix_row(a, _verdict_cell) for a in batch.audits], matrix=True,
           verdicts=[[overall_verdict(r) for r in a.indicators] for a in batch.audits],
           notes=[[_red_note(a, r) for r in a.indicators] for a in batch.audits])
    _table(wb, "责任单位", headers, [_matrix_row(a, _units_cell) for a in batch.audits], matrix=True)
    _legend(wb)
    if previous:
        _table(wb, "已消失的复核", VANISHED_HEADERS,
               [[d.source, d.indicator, d.kind, d.message, d.quote, d.decision, d.note]
                for d in vanished(previous, batch.audits)])
    return wb


# ---------------------------------------------------------------- rows


def _summary_row(item: AuditResult | Failure, dupes: dict[str, Duplicate]) -> list:
    if isinstance(item, Failure):
        return [item.path, _STATUS_UNREADABLE] + [""] * (len(SUMMARY_HEADERS) - 3) + [item.reason]
    meta, counts = item.document.metadata, item.counts()
    dupe = dupes.get(item.document.source)
    row = [item.document.source, _STATUS_AUDITED if item.is_plan else "非实施方案", meta.region, meta.title,
           meta.doc_number, meta.date, meta.issuer, counts[ERROR], counts[WARNING], counts[INFO]]
    if not item.is_plan:
        return row + ["", "", "", item.unassigned_rows, "", item.findings[0].message if item.findings else ""]

    def named(kind: str) -> str:
        """The indicators with a finding of this kind, code and name, in the standard's order."""
        found = {f.indicator for f in item.findings if f.kind == kind}
        return "、".join(f"{r.id} {r.verdict.indicator.name}" for r in item.indicators if r.id in found)

    return row + [named(MISSING), named(LOOSER), named("no_unit"), item.unassigned_rows,
                  dupe.describe(item.document.source) if dupe else "", ""]


def _skipped_row(skipped: Failure) -> list:
    return [skipped.path, _STATUS_SKIPPED] + [""] * (len(SUMMARY_HEADERS) - 3) + [skipped.reason]


def _summary_fills(item: AuditResult | Failure) -> dict[int, PatternFill]:
    """Column index → fill: the status by the worst finding, the counts by their severity."""
    if isinstance(item, Failure):
        return {1: _SEVERITY_FILLS[ERROR]}
    counts = item.counts()
    fills = {7 + i: _SEVERITY_FILLS[sev] for i, sev in enumerate((ERROR, WARNING, INFO)) if counts[sev]}
    worst = next((sev for sev in (ERROR, WARNING) if counts[sev]), None)
    if worst:
        fills[1] = _SEVERITY_FILLS[worst]
    return fills


def _finding_rows(audits: list[AuditResult], previous: dict[str, Decision]):
    """(row, fills) per finding, and the sheet row of each plan's first finding (for the links)."""
    rows, first_row = [], {}
    for a in audits:
        for f in a.findings:
            first_row.setdefault(a.document.source, len(rows) + 2)
            s = suggest(a, f)
            earlier = previous.get(key_of(a, f)) if previous else None
            rows.append(([
                a.document.source, a.document.metadata.region, f.indicator or "",
                a.standard[f.indicator].name if f.indicator else "", SEVERITY_NAMES[f.severity],
                KIND_NAMES.get(f.kind, f.kind), f.message, f.quote, f.where, "是" if f.in_annex else "否",
                s.text if s else "", earlier.decision if earlier else "", earlier.note if earlier else "",
            ], {4: _SEVERITY_FILLS[f.severity]}))
    return rows, first_row


def _matrix_row(a: AuditResult, cell) -> list:
    return [a.document.source, a.document.metadata.region] + [cell(r) for r in a.indicators]


def _verdict_cell(r) -> str:
    """The stated numbers labelled by school level (小学4.2/初中5.3), or the verdict in words."""
    return _level_values(r) or VERDICT_NAMES[overall_verdict(r)]


def _level_values(r) -> str:
    by_level: dict[str, list[float]] = {}
    for s in r.verdict.stated:
        values = by_level.setdefault(s.slot.level or "", [])
        if s.value not in values:
            values.append(s.value)
    order = {s.level or "": i for i, s in enumerate(r.verdict.indicator.slots)}
    return "/".join(
        level + "、".join(f"{x:g}" for x in sorted(values))
        for level, values in sorted(by_level.items(), key=lambda kv: order.get(kv[0], 99))
    )


def _red_note(a: AuditResult, r) -> str | None:
    """Why a red cell is red: the errors of the indicator, for a note on the cell."""
    if overall_verdict(r) not in _RED:
        return None
    lines = [f.message for f in a.findings if f.indicator == r.id and f.severity == ERROR]
    return "\n".join(lines) or VERDICT_NAMES[overall_verdict(r)]


def _units_cell(r) -> str:
    if r.verdict.status != PRESENT:
        return ""
    return units_text(r) or "未明确"


# ---------------------------------------------------------------- sheets


def _legend(wb) -> None:
    ws = wb.create_sheet("图例")
    _print_setup(ws, columns=2)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 80
    make = CellMaker(ws)
    ws.append([make("项目", font=_HEADER_FONT, fill=_HEADER_FILL), make("说明", font=_HEADER_FONT, fill=_HEADER_FILL)])
    rows = [
        ("严重程度", None, "汇总的“状态”“错误”“警告”“提示”列和问题清单的“严重程度”列按下列颜色标出："),
        (SEVERITY_NAMES[ERROR], _SEVERITY_FILLS[ERROR], "方案缺失指标或要求低于国家标准，须修改"),
        (SEVERITY_NAMES[WARNING], _SEVERITY_FILLS[WARNING],
         "表述不完整、弱化、改变口径、前后不一致、无责任单位，或未重申否决情形，应完善"),
        (SEVERITY_NAMES[INFO], _SEVERITY_FILLS[INFO], "高于国家标准，或缺少通常参与的部门，供参考"),
        ("指标对照", None, "单元格为方案所写数值，按学段标注（如“小学4.2/初中5.3”）；无数值时为结论。颜色表示结论："),
    ]
    for verdict in VERDICT_ORDER:
        rows.append((VERDICT_NAMES[verdict], _FILLS[verdict],
                     "红色单元格带批注，说明缺失或低于标准的具体内容" if verdict in _RED else ""))
    rows += [
        ("复核结论", None, "问题清单中供审核人填写：" + "、".join(DECISIONS) + "（下拉选择）；“备注”列可自由填写。"
                         "下次运行时用 --previous 指定本工作簿，仍然存在的问题会带入原有的复核结论和备注。"),
        ("已消失的复核", None, "上次工作簿中填写过复核结论、但本次已不存在的问题（例如方案已修改）。"),
        ("重复报送", None, "同一地区有两份及以上方案（不同文件或不同版本）时标出，并指明较新的一份。"),
        ("链接", None, "汇总中点击文件名，跳到问题清单中该方案的第一条问题。"),
    ]
    for label, fill, text in rows:
        font = _WHITE if fill is _FILLS.get(MISSING) else _HEADER_FONT if fill is None else None
        ws.append([make(label, font=font, fill=fill), make(text, alignment=_WRAP)])


def _print_setup(ws, columns: int, title_columns: str | None = None) -> None:
    """Landscape A4, fitted to the page width, header row repeated, sheet name and page number."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if title_columns:
        ws.print_title_cols = title_columns
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddHeader.center.text = "&A"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _table(wb, title: str, headers: list[str], rows: list[list], matrix: bool = False,
           verdicts: list[list[str]] | None = None, notes: list[list[str | None]] | None = None,
           fills: list[dict[int, PatternFill]] | None = None, links: list[int | None] | None = None,
           max_width: int = _MAX_WIDTH, freeze: str | None = None, review: bool = False):
    """A sheet: header row in bold, frozen, with an autofilter; widths from the content; long text
    wrapped, with the row as tall as its text. A `matrix` sheet (plan × indicator) has narrow indicator
    columns and the first two frozen; `verdicts` (one per indicator cell) colours its cells, `notes`
    add a note to a cell. `fills`: column index → fill per row; `links`: the 问题清单 row each row's
    first cell links to; `review`: the last two columns are the reviewer's, 复核结论 with a drop-down.

    Each row is appended as soon as its cells are styled, so the write-only workbook streams."""
    ws = wb.create_sheet(title)
    widths, wrapped = [], set()
    measured: dict = {}  # values repeat down a column (file, region, indicator): each measured once
    sizes = [[_measure(v, measured) for v in row] for row in rows]  # measured once
    for col in range(len(headers)):
        widest = max((size[col] for size in sizes if col < len(size)), default=0)
        limit = _MATRIX_WIDTH if matrix and col > 1 else max_width
        header = min(display_width(headers[col]), limit)
        width = max(min(widest, limit), header, 6) + 2
        if review and col >= len(headers) - 2:
            width = 10 if col == len(headers) - 2 else 24
        widths.append(width)
        ws.column_dimensions[get_column_letter(col + 1)].width = width
        if widest > limit:
            wrapped.add(col)
    ws.freeze_panes = freeze or ("C2" if matrix else "A2")
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    _print_setup(ws, len(headers), "A:B" if matrix else None)
    if review and rows:
        choice = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="复核结论", error="请从下拉列表中选择：" + "、".join(DECISIONS))
        column = get_column_letter(len(headers) - 1)
        choice.add(f"{column}2:{column}{len(rows) + 1}")
        ws.data_validations.append(choice)
    if matrix:
        ws.row_dimensions[1].height = 80
    make = CellMaker(ws)
    ws.append([make(h, font=_HEADER_FONT, alignment=_HEADER_ALIGN, fill=_HEADER_FILL) for h in headers])
    for r, row in enumerate(rows):
        lines = 1
        cells = []
        for c, value in enumerate(row):
            verdict = verdicts[r][c - 2] if verdicts and c >= 2 else None
            fill = _FILLS[verdict] if verdict else (fills[r].get(c) if fills and r < len(fills) else None)
            wrap = c in wrapped or matrix and c >= 2
            link = links[r] if c == 0 and links and r < len(links) else None
            font = _LINK_FONT if link else _WHITE if verdict == MISSING else None
            if wrap and value:
                lines = max(lines, _line_count(str(value), sizes[r][c], widths[c]))
            note = notes[r][c - 2] if notes and c >= 2 else None
            if font is None and fill is None and not (wrap or note or link):
                # A plain value costs openpyxl one cell instead of two (and no exception per cell)
                cells.append(safe_value(value))
                continue
            cell = make(value, font=font, fill=fill, alignment=_WRAP if wrap else None)
            if note:
                cell.comment = Comment(clean_text(note), "duibiao", width=300, height=120)
            if link:
                cell.hyperlink = Hyperlink(ref="", location=f"'问题清单'!A{link}", tooltip="查看该方案的问题")
            cells.append(cell)
        if lines > 1:
            ws.row_dimensions[r + 2].height = min(lines, _MAX_ROW_LINES) * _LINE_HEIGHT
        ws.append(cells)


def _measure(value, measured: dict) -> int:
    if value is None:
        return 0
    key = (value.__class__, value)  # 1 and 1.0 are equal keys but not equally wide
    if key not in measured:
        measured[key] = display_width(value)
    return measured[key]


def _line_count(text: str, size: int, width: int) -> int:
    """Lines a wrapped cell of `width` characters needs for `text` (`size` its display width)."""
    usable = max(width - 1, 1)
    if "\n" not in text:
        return max(1, math.ceil(size / usable))
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))
