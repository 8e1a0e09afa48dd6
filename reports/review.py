"""The reviewer's own judgement in the workbook (复核结论 and 备注), kept across runs.

A finding is known by a stable key: the plan's file name (not its folder, so a batch may be re-run
from elsewhere), the indicator, the kind of problem, the message and the quote, as the 问题清单 sheet
shows them. `read_decisions` reads the decisions of an earlier workbook by that key, from the column
headers (so column order may change between versions).
"""
from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from duibiao.audit import AuditResult
from duibiao.audit.findings import KIND_NAMES, Finding
from duibiao.errors import DuibiaoError
from duibiao.reports.cells import FORMULA_STARTS, clean_text

DECISIONS = ("确认", "误报", "待核")
REVIEW_HEADERS = ["复核结论", "备注"]
_SHEET = "问题清单"
_KEY_HEADERS = ("文件", "指标", "问题类型", "说明", "原文")


class PreviousWorkbookError(DuibiaoError):
    """The earlier workbook given with --previous cannot be read."""


@dataclass(frozen=True)
class Decision:
    source: str
    indicator: str
    kind: str  # in words, as the sheet shows it (低于标准)
    message: str
    quote: str
    decision: str
    note: str


def finding_key(source: str, indicator: str | None, kind: str, message: str, quote: str) -> str:
    """The same for a finding of this run and for its row in an earlier workbook (whose cells were
    cleaned and neutralised by cells.py)."""
    parts = [Path(str(source)).name, indicator or "", kind, message, quote or ""]
    parts = [" ".join(clean_text(_unquoted(p)).split()) for p in parts]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def key_of(audit: AuditResult, f: Finding) -> str:
    """The key of a finding of this run, as its row in 问题清单 will show it."""
    return finding_key(audit.document.source, f.indicator, KIND_NAMES.get(f.kind, f.kind), f.message, f.quote)


def vanished(previous: dict[str, Decision], audits: list[AuditResult]) -> list[Decision]:
    """The earlier decisions whose finding no longer exists, in the earlier workbook's order."""
    keys = {key_of(a, f) for a in audits for f in a.findings}
    return [d for key, d in previous.items() if key not in keys]


def read_decisions(path: Path) -> dict[str, Decision]:
    """Every row of the earlier workbook's 问题清单 with a 复核结论 or a 备注, by finding key."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise PreviousWorkbookError(f"无法读取上次的审核工作簿 {path}（{type(e).__name__}），请确认它是本工具生成的 .xlsx 文件") from None
    try:
        if _SHEET not in wb.sheetnames:
            raise PreviousWorkbookError(f"上次的审核工作簿 {path} 中没有“{_SHEET}”工作表")
        rows = wb[_SHEET].iter_rows(values_only=True)
        header = [str(h or "") for h in next(rows, [])]
        missing = [h for h in (*_KEY_HEADERS, *REVIEW_HEADERS) if h not in header]
        if missing:
            raise PreviousWorkbookError(f"上次的审核工作簿 {path} 的“{_SHEET}”缺少列：{'、'.join(missing)}")
        at = {h: header.index(h) for h in (*_KEY_HEADERS, *REVIEW_HEADERS)}
        out = {}
        for row in rows:
            value = {h: _text(row[i]) if i < len(row) else "" for h, i in at.items()}
            if not (value["复核结论"] or value["备注"]):
                continue
            key = finding_key(*(value[h] for h in _KEY_HEADERS))
            out[key] = Decision(value["文件"], value["指标"], value["问题类型"], value["说明"], value["原文"],
                                value["复核结论"], value["备注"])
        return out
    finally:
        wb.close()


def _text(value) -> str:
    return "" if value is None else str(value)


def _unquoted(text: str) -> str:
    """Text as the audit gave it: the workbook keeps a neutralising "'" before = + - @ (cells.py)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
