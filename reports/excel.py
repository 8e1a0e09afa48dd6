"""The reviewers' workbook for a batch of plans, to read in Excel/WPS and to print.

Sheets: 汇总 (a row per file, coloured by its worst finding, linked to its findings), 问题清单 (a row
per finding, with the suggested revision and the reviewer's own 复核结论 / 备注 columns), 指标对照
(plan × indicator, values by school level, coloured by verdict, a note on every red cell), 责任单位
(plan × indicator: the units), 图例 (what the colours and columns mean), and with `--previous` 已消失的复核
(decisions of the earlier workbook whose finding no longer exists).

Every sheet prints landscape, fitted to the page width, with its header row repeated and the sheet
name and page number in the header and footer. The workbook is written while the batch is audited
(WorkbookWriter, fed each plan's result as it arrives): 问题清单, 指标对照 and 责任单位 have fixed column
widths, so their rows stream to disk (XlsxWriter's constant_memory mode) in input order; only 汇总 and
已消失的复核, which need the whole batch, are written at the end. Every text cell passes through
reports/cells.py (no formula, no illegal character) and is written as a string, never as a formula.

    with WorkbookWriter("审核.xlsx") as book:
        batch = audit_batch(paths, jobs=2, on_result=book.add)
        book.close(batch.skipped)
"""
from __future__ import annotations

import math
import tempfile
from contextlib import ExitStack
from pathlib import Path

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult, Failure
from duibiao.audit.findings import ERROR, INFO, KIND_NAMES, SEVERITY_NAMES, WARNING
from duibiao.audit.verdicts import LOOSER, MISSING, PRESENT
from duibiao.reports.batch_story import duplicates
from duibiao.reports.cells import clean_text, neutralise, safe_value
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
# The sheets written while the batch runs keep a fixed layout, as a reviewer's office template would:
# (width in characters, CJK counting double; wrapped) by column header.
_STREAMED_COLUMNS = {
    "文件": (44, True), "地区": (20, True), "指标": (8, False), "指标名称": (30, True), "严重程度": (10, False),
    "问题类型": (14, False), "说明": (60, True), "原文": (60, True), "位置": (18, True), "是否附件": (10, False),
    "修改建议": (60, True), "复核结论": (10, False), "备注": (24, True),
}
_MATRIX_COLUMN = (18, True)  # an indicator of 指标对照 / 责任单位
_STATUS_AUDITED, _STATUS_UNREADABLE, _STATUS_SKIPPED = "已审核", "无法读取", "已跳过"
_MAX_WIDTH = 60  # characters (CJK counting double); longer text wraps
_SUMMARY_MAX_WIDTH = 36  # 汇总 is printed: narrower columns, more lines
_LINE_HEIGHT = 15  # points per wrapped line
_MAX_ROW_LINES = 12  # a taller row is cut on screen (the text stays whole in the cell)
_HEADER_FILL = "E7E6E6"
_LINK = "link"
_WHITE = "white"
_BOLD = "bold"
_FONTS = {_LINK: {"font_color": "#0563C1", "underline": 1}, _WHITE: {"font_color": "#FFFFFF"}, _BOLD: {"bold": True}}
_DUPLICATE_COLUMN = SUMMARY_HEADERS.index("重复报送")
_RED = (MISSING, LOOSER)  # the verdicts coloured red in 指标对照, each explained by a note
_FINDINGS_SHEET = "问题清单"


def write_workbook(batch: BatchResult, target: Path, previous: dict[str, Decision] | None = None) -> None:
    """Write the workbook of a finished batch; `previous` (read_decisions of an earlier workbook) fills
    复核结论 and 备注."""
    with WorkbookWriter(target, previous) as book:
        for i, item in enumerate(batch.items):
            book.add(i, item)
        book.close(batch.skipped)


class WorkbookWriter:
    """The workbook of a batch, written while the batch runs: `add(i, item)` for the i-th input file's
    result as soon as it arrives (in any order; rows are written in input order, each result once those
    before it have arrived), then `close(skipped)` writes 汇总 and saves. The file appears at `target`
    only when closed; used as a context manager, an exception before that leaves nothing behind. The
    output is opened on the first `add` or `close`, so checks made before the batch starts come first."""

    def __init__(self, target: Path, previous: dict[str, Decision] | None = None):
        self.target = Path(target)
        self.previous = previous or {}
        self.items: list[AuditResult | Failure] = []  # released, in input order
        self._waiting: dict[int, AuditResult | Failure] = {}
        self._book = None
        self._closed = False
        self._output = ExitStack()  # the temporary output file and XlsxWriter's scratch folder
        self._matrices: tuple[_Sheet, _Sheet] | None = None  # 指标对照, 责任单位: begun with the first plan's standard
        self._first_finding: dict[str, int] = {}  # plan → its first row in 问题清单 (1-based), for 汇总's links
        self._summary: list[tuple[list, dict[int, str]]] = []  # 汇总's (row, fills), but for 重复报送
        self._measured: dict = {}  # display widths, each distinct value measured once for every sheet
        self._summary_widths = _Widths(SUMMARY_HEADERS, self._measured)  # as the rows come, not after the last

    def __enter__(self) -> WorkbookWriter:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if not self._closed:  # an error, or never closed: the temporary files go, the target is left alone
            self._closed = True
            unfinished = error or _Unfinished()
            self._output.__exit__(type(unfinished), unfinished, trace)

    def add(self, index: int, item: AuditResult | Failure) -> None:
        self._waiting[index] = item
        while len(self.items) in self._waiting:
            self._release(self._waiting.pop(len(self.items)))

    def close(self, skipped: list[Failure] = ()) -> None:
        self._open()
        for index in sorted(self._waiting):  # only when an index was never added
            self._release(self._waiting.pop(index))
        batch = BatchResult(self.items, list(skipped))
        if self._matrices is None:
            self._start_matrices([])
        for sheet in (self._findings, *self._matrices):
            sheet.finish()
        self._write_summary(batch)
        if self.previous:
            rows = [[d.source, d.indicator, d.kind, d.message, d.quote, d.decision, d.note]
                    for d in vanished(self.previous, batch.audits)]
            widths = _Widths(VANISHED_HEADERS, self._measured)
            for row in rows:
                widths.add(row)
            sheet = _Sheet(self._formats, self._sheets["已消失的复核"], VANISHED_HEADERS, widths.columns(_MAX_WIDTH), "A2",
                           self._measured)
            for row in rows:
                sheet.row(row)
            sheet.finish()
        self._book.close()
        self._closed = True
        self._output.close()  # the finished file replaces the target

    # ------------------------------------------------------------ streaming

    def _open(self) -> None:
        if self._book is not None:
            return
        import xlsxwriter  # only workbooks pay for its import

        tmp = self._output.enter_context(atomic_output(self.target))
        # ignore_cleanup_errors: on Windows an abandoned writer's row files are still open
        scratch = self._output.enter_context(tempfile.TemporaryDirectory(prefix="duibiao-", ignore_cleanup_errors=True))
        self._book = book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "tmpdir": scratch})
        self._formats = _Formats(book)
        names = ["汇总", _FINDINGS_SHEET, "指标对照", "责任单位", "图例"] + (["已消失的复核"] if self.previous else [])
        self._sheets = {name: book.add_worksheet(name) for name in names}  # in the order the tabs show
        columns = [_STREAMED_COLUMNS[h] for h in FINDING_HEADERS]
        self._findings = _Sheet(self._formats, self._sheets[_FINDINGS_SHEET], FINDING_HEADERS, columns, "E2",
                                self._measured, review=True)
        _legend(self._formats, self._sheets["图例"])

    def _release(self, item: AuditResult | Failure) -> None:
        self._open()
        self.items.append(item)
        self._summary.append((_summary_row(item), _summary_fills(item)))
        self._summary_widths.add(self._summary[-1][0])
        if isinstance(item, Failure):
            return
        if self._matrices is None:
            self._start_matrices(item.standard.indicators)
        for row, fills in _finding_rows(item, self.previous):
            self._first_finding.setdefault(item.document.source, self._findings.rows + 2)
            self._findings.row(row, fills)
        verdicts, units = self._matrices
        colours = [overall_verdict(r) for r in item.indicators]
        errors: dict[str, list[str]] = {}
        for f in item.findings:
            if f.severity == ERROR:
                errors.setdefault(f.indicator, []).append(f.message)
        verdicts.row(_matrix_row(item, _verdict_cell), verdicts=colours,
                     notes=[_red_note(errors.get(r.id), v) for r, v in zip(item.indicators, colours)])
        units.row(_matrix_row(item, _units_cell))

    def _start_matrices(self, indicators) -> None:
        headers = ["文件", "地区"] + [f"{ind.id} {ind.name}" for ind in indicators]
        columns = [_STREAMED_COLUMNS["文件"], _STREAMED_COLUMNS["地区"]] + [_MATRIX_COLUMN] * len(indicators)
        self._matrices = tuple(_Sheet(self._formats, self._sheets[name], headers, columns, "C2", self._measured,
                                      matrix=True)
                               for name in ("指标对照", "责任单位"))

    def _write_summary(self, batch: BatchResult) -> None:
        for dupe in duplicates(batch):
            for row, _ in self._summary:
                if row[0] in dupe.sources:
                    row[_DUPLICATE_COLUMN] = dupe.describe(row[0])
                    self._summary_widths.add(row)
        rows = self._summary + [(_skipped_row(f), None) for f in batch.skipped]
        for row, _ in rows[len(self._summary):]:
            self._summary_widths.add(row)
        sheet = _Sheet(self._formats, self._sheets["汇总"], SUMMARY_HEADERS,
                       self._summary_widths.columns(_SUMMARY_MAX_WIDTH), "D2", self._measured)
        for row, fills in rows:
            sheet.row(row, fills, link=self._first_finding.get(row[0]))
        sheet.finish()


class _Unfinished(Exception):
    """The writer was left without close(): its partial output is discarded."""


# ---------------------------------------------------------------- rows


def _summary_row(item: AuditResult | Failure) -> list:
    """A file's row of 汇总; 重复报送 is filled in once the whole batch is known."""
    if isinstance(item, Failure):
        return [item.path, _STATUS_UNREADABLE] + [""] * (len(SUMMARY_HEADERS) - 3) + [item.reason]
    meta, counts = item.document.metadata, item.counts()
    row = [item.document.source, _STATUS_AUDITED if item.is_plan else "非实施方案", meta.region, meta.title,
           meta.doc_number, meta.date, meta.issuer, counts[ERROR], counts[WARNING], counts[INFO]]
    if not item.is_plan:
        return row + ["", "", "", item.unassigned_rows, "", item.findings[0].message if item.findings else ""]

    def named(kind: str) -> str:
        """The indicators with a finding of this kind, code and name, in the standard's order."""
        found = {f.indicator for f in item.findings if f.kind == kind}
        return "、".join(f"{r.id} {r.verdict.indicator.name}" for r in item.indicators if r.id in found)

    return row + [named(MISSING), named(LOOSER), named("no_unit"), item.unassigned_rows, "", ""]


def _skipped_row(skipped: Failure) -> list:
    return [skipped.path, _STATUS_SKIPPED] + [""] * (len(SUMMARY_HEADERS) - 3) + [skipped.reason]


def _summary_fills(item: AuditResult | Failure) -> dict[int, str]:
    """Column index → fill colour: the status by the worst finding, the counts by their severity."""
    if isinstance(item, Failure):
        return {1: SEVERITY_COLOURS[ERROR]}
    counts = item.counts()
    fills = {7 + i: SEVERITY_COLOURS[sev] for i, sev in enumerate((ERROR, WARNING, INFO)) if counts[sev]}
    worst = next((sev for sev in (ERROR, WARNING) if counts[sev]), None)
    if worst:
        fills[1] = SEVERITY_COLOURS[worst]
    return fills


def _finding_rows(a: AuditResult, previous: dict[str, Decision]):
    """(row, fills) per finding of one plan."""
    for f in a.findings:
        s = suggest(a, f)
        earlier = previous.get(key_of(a, f)) if previous else None
        yield [
            a.document.source, a.document.metadata.region, f.indicator or "",
            a.standard[f.indicator].name if f.indicator else "", SEVERITY_NAMES[f.severity],
            KIND_NAMES.get(f.kind, f.kind), f.message, f.quote, f.where, "是" if f.in_annex else "否",
            s.text if s else "", earlier.decision if earlier else "", earlier.note if earlier else "",
        ], {4: SEVERITY_COLOURS[f.severity]}


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


def _red_note(errors: list[str] | None, verdict: str) -> str | None:
    """Why a red cell is red: the indicator's errors, for a note on the cell."""
    if verdict not in _RED:
        return None
    return "\n".join(errors or ()) or VERDICT_NAMES[verdict]


def _units_cell(r) -> str:
    if r.verdict.status != PRESENT:
        return ""
    return units_text(r) or "未明确"


# ---------------------------------------------------------------- sheets


class _Formats:
    """One XlsxWriter format per combination of fill, font and wrapping, made on first use."""

    def __init__(self, book):
        self.book = book
        self._made: dict[tuple, object] = {}

    def __call__(self, fill: str | None = None, font: str | None = None, wrap: bool = False, header: bool = False):
        key = (fill, font, wrap, header)
        if key not in self._made:
            spec = dict(_FONTS.get(font, {}))
            if fill:
                spec.update(bg_color="#" + fill, pattern=1)
            if wrap:
                spec.update(text_wrap=True, valign="vcenter" if header else "top")
            self._made[key] = self.book.add_format(spec) if spec else None
        return self._made[key]


def _legend(formats: _Formats, ws) -> None:
    _print_setup(ws)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 80)
    header = formats(_HEADER_FILL, _BOLD)
    _write(ws, 0, 0, "项目", header)
    _write(ws, 0, 1, "说明", header)
    rows = [
        ("严重程度", None, "汇总的“状态”“错误”“警告”“提示”列和问题清单的“严重程度”列按下列颜色标出："),
        (SEVERITY_NAMES[ERROR], SEVERITY_COLOURS[ERROR], "方案缺失指标或要求低于国家标准，须修改"),
        (SEVERITY_NAMES[WARNING], SEVERITY_COLOURS[WARNING],
         "表述不完整、弱化、改变口径、前后不一致、无责任单位，或未重申否决情形，应完善"),
        (SEVERITY_NAMES[INFO], SEVERITY_COLOURS[INFO], "高于国家标准，或缺少通常参与的部门，供参考"),
        ("指标对照", None, "单元格为方案所写数值，按学段标注（如“小学4.2/初中5.3”）；无数值时为结论。颜色表示结论："),
    ]
    for verdict in VERDICT_ORDER:
        rows.append((VERDICT_NAMES[verdict], VERDICT_COLOURS[verdict],
                     "红色单元格带批注，说明缺失或低于标准的具体内容" if verdict in _RED else ""))
    rows += [
        ("复核结论", None, "问题清单中供审核人填写：" + "、".join(DECISIONS) + "（下拉选择）；“备注”列可自由填写。"
                         "下次运行时用 --previous 指定本工作簿，仍然存在的问题会带入原有的复核结论和备注。"),
        ("已消失的复核", None, "上次工作簿中填写过复核结论、但本次已不存在的问题（例如方案已修改）。"),
        ("重复报送", None, "同一地区有两份及以上方案（不同文件或不同版本）时标出，并指明较新的一份。"),
        ("链接", None, "汇总中点击文件名，跳到问题清单中该方案的第一条问题。"),
    ]
    for r, (label, fill, text) in enumerate(rows, 1):
        font = _WHITE if fill == VERDICT_COLOURS[MISSING] else _BOLD if fill is None else None
        _write(ws, r, 0, label, formats(fill, font))
        _write(ws, r, 1, text, formats(wrap=True))


def _print_setup(ws, title_columns: int = 0) -> None:
    """Landscape A4, fitted to the page width, header row repeated, sheet name and page number."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    if title_columns:
        ws.repeat_columns(0, title_columns - 1)
    ws.hide_gridlines(0)  # gridlines printed too
    ws.set_margins(left=0.4, right=0.4, top=1, bottom=1)
    ws.set_header("&C&A", margin=0.5)
    ws.set_footer("&C第 &P 页，共 &N 页", margin=0.5)


class _Widths:
    """Column widths from the content, for a sheet written whole at the end: each column as wide as
    its widest value (measured as rows are added) up to a maximum, and wrapped beyond it."""

    def __init__(self, headers: list[str], measured: dict):
        self.headers = headers
        self.widest = [0] * len(headers)
        self._measured = measured  # see _measure

    def add(self, row: list) -> None:
        for col, value in enumerate(row):
            self.widest[col] = max(self.widest[col], _measure(value, self._measured))

    def columns(self, max_width: int) -> list[tuple[int, bool]]:
        """(width, wrapped) per column."""
        return [(max(min(widest, max_width), min(display_width(header), max_width), 6) + 2, widest > max_width)
                for header, widest in zip(self.headers, self.widest)]


class _Sheet:
    """A sheet written row by row: header row in bold, frozen at `freeze`, with an autofilter and the
    print setup; `columns` (width, wrapped) fixed before the first row; a row as tall as its wrapped
    text. A `matrix` sheet (plan × indicator) has the first two columns frozen and repeated in print,
    and colours its indicator cells by verdict; `review`: the last two columns are the reviewer's,
    复核结论 with a drop-down."""

    def __init__(self, formats: _Formats, ws, headers: list[str], columns: list[tuple[int, bool]], freeze: str,
                 measured: dict, matrix: bool = False, review: bool = False):
        self.formats, self.ws, self.headers, self.review = formats, ws, headers, review
        self.widths = [width for width, _ in columns]
        self.wrapped = [wrap for _, wrap in columns]
        self.rows = 0
        self._measured = measured  # see _measure
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, width)
        row, col = int(freeze[1:]) - 1, ord(freeze[0]) - ord("A")
        ws.freeze_panes(row, col)
        _print_setup(ws, 2 if matrix else 0)
        if matrix:
            ws.set_row(0, 80)
        header = formats(_HEADER_FILL, _BOLD, wrap=True, header=True)
        for col, text in enumerate(headers):
            _write(ws, 0, col, text, header)
        self._plain = [formats(wrap=wrap) for wrap in self.wrapped]

    def row(self, values: list, fills: dict[int, str] | None = None, verdicts: list[str] | None = None,
            notes: list[str | None] | None = None, link: int | None = None) -> None:
        """Append a row. `fills`: column index → fill colour; `verdicts` / `notes`: per indicator cell (from
        the third column); `link`: the 问题清单 row the first cell links to."""
        r = self.rows + 1
        lines = 1
        for c, value in enumerate(values):
            wrap = self.wrapped[c]
            if wrap and value:
                lines = max(lines, self._lines(value, c))
            verdict = verdicts[c - 2] if verdicts and c >= 2 else None
            fill = VERDICT_COLOURS[verdict] if verdict else fills.get(c) if fills else None
            if c == 0 and link:
                self.ws.write_url(r, 0, f"internal:'{_FINDINGS_SHEET}'!A{link}", self.formats(fill, _LINK, wrap),
                                  string=safe_value(value), tip="查看该方案的问题")
                continue
            font = _WHITE if verdict == MISSING else None
            if fill or font:
                _write(self.ws, r, c, value, self.formats(fill, font, wrap))
            elif value is not None and value != "":  # an empty cell without colour shows nothing: not written
                _write(self.ws, r, c, value, self._plain[c])
            note = notes[c - 2] if notes and c >= 2 else None
            if note:
                self.ws.write_comment(r, c, clean_text(note), {"author": "duibiao", "width": 300, "height": 120})
        if lines > 1:
            self.ws.set_row(r, min(lines, _MAX_ROW_LINES) * _LINE_HEIGHT)
        self.rows += 1

    def finish(self) -> None:
        last = len(self.headers) - 1
        self.ws.autofilter(0, 0, self.rows, last)
        if self.review and self.rows:
            self.ws.data_validation(1, last - 1, self.rows, last - 1, {
                "validate": "list", "source": list(DECISIONS), "ignore_blank": True, "show_error": True,
                "error_title": "复核结论", "error_message": "请从下拉列表中选择：" + "、".join(DECISIONS)})

    def _lines(self, value, col: int) -> int:
        """Lines the wrapped cell needs for `value` at its column's width."""
        text = str(value)
        usable = max(self.widths[col] - 1, 1)
        if "\n" in text:
            return sum(max(1, math.ceil(display_width(line) / usable)) for line in text.split("\n"))
        return max(1, math.ceil(_measure(value, self._measured) / usable))


def _write(ws, row: int, col: int, value, cell_format=None) -> None:
    """One cell: numbers as numbers, everything else as safe text (never a formula); an empty cell only
    when it carries a format."""
    if isinstance(value, str) and value:
        ws.write_string(row, col, neutralise(value), cell_format)
    elif value is None or value == "":
        if cell_format is not None:
            ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, cell_format)
    else:
        ws.write_string(row, col, safe_value(value), cell_format)


def _measure(value, measured: dict) -> int:
    """The display width of `value`, kept in `measured`: values repeat (file, region, indicator, verdict)."""
    if value is None:
        return 0
    key = (value.__class__, value)  # 1 and 1.0 are equal keys but not equally wide
    if key not in measured:
        measured[key] = display_width(value)
    return measured[key]
