"""Where `duibiao audit` puts its reports: stdout, one file (.xlsx workbook, .html, .json, .md, .txt)
or a folder with one report per plan (plus index.html for HTML). Files are written atomically and
never over an input."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult
from duibiao.reports.common import OutputRefused, plan_labels, refuse_overwrite, write_text

FORMAT_OF_SUFFIX = {".txt": "text", ".md": "md", ".json": "json", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}
SUFFIX_OF_FORMAT = {"text": ".txt", "md": ".md", "json": ".json", "html": ".html"}
_HTML_NEEDS_DIR = "多份方案的 HTML 报告请用 -o 指定一个文件夹（每份方案一个文件，另有 index.html）"
# A plain-text report starts with a BOM: older Windows Notepad otherwise reads UTF-8 as GBK.
_ENCODINGS = {"text": "utf-8-sig"}
_SEPARATORS = {"text": "\n\n" + "─" * 40 + "\n\n", "md": "\n---\n\n"}


@dataclass
class Target:
    kind: str  # stdout, file or dir
    fmt: str  # text, md, json, html or xlsx
    path: Path | None = None


def resolve_target(output: Path | None, fmt: str | None) -> Target:
    """What -o and --format ask for; a path without an extension (or an existing folder) is a folder."""
    if output is None:
        return Target("stdout", fmt or "text")
    if len(output.name.encode("utf-8")) > 255:
        raise OutputRefused(f"输出文件名过长（超过 255 字节）：{output.name[:40]}…")
    if output.is_dir() or str(output).endswith(("/", os.sep)) or not output.suffix:
        return Target("dir", fmt or "html", output)
    by_suffix = FORMAT_OF_SUFFIX.get(output.suffix.lower())
    if by_suffix == "xlsx" and fmt not in (None, "xlsx"):
        raise OutputRefused(f"输出文件 {output} 是 Excel 工作簿，不能与 --format {fmt} 同用")
    if by_suffix is None and fmt is None:
        raise OutputRefused(f"无法从扩展名判断输出格式：{output}；请使用 .xlsx/.html/.json/.md/.txt，或用 --format 指定")
    return Target("file", by_suffix if by_suffix == "xlsx" else fmt or by_suffix, output)


def render(result: AuditResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "md":
        from duibiao.reports.markdown import render_markdown

        return render_markdown(result)
    if fmt == "html":
        from duibiao.reports.html import render_html

        return render_html(result)
    from duibiao.reports.text import render_text

    return render_text(result)


def render_many(audits: list[AuditResult], fmt: str, single: bool) -> str:
    """One plan's report as today; several one after another (text, md) or a JSON list."""
    if single and len(audits) == 1:
        return render(audits[0], fmt)
    if fmt == "json":
        return json.dumps([a.to_dict() for a in audits], ensure_ascii=False, indent=2)
    if fmt == "html":
        raise OutputRefused(_HTML_NEEDS_DIR)
    return _SEPARATORS[fmt].join(render(a, fmt).rstrip("\n") for a in audits)


def check_target(target: Target, inputs: list[Path], force: bool = False) -> None:
    """Refuse before auditing what could not, or should not (an existing file, without `force`), be written."""
    if target.kind != "dir" and target.fmt == "html" and len(inputs) > 1:
        raise OutputRefused(_HTML_NEEDS_DIR)
    if target.kind == "file":
        refuse_overwrite([target.path], inputs, force)
    if target.kind == "dir":
        if target.path.exists() and not target.path.is_dir():
            raise OutputRefused(f"输出文件夹 {target.path} 是一个已有的文件；请另选文件夹")
        names = _dir_names([str(p) for p in inputs], target.fmt)
        names += ["index.html"] if target.fmt == "html" else []
        refuse_overwrite([target.path / name for name in names], inputs, force)


def streamed_workbook(target: Target, previous: dict | None = None):
    """A WorkbookWriter to feed while the batch is audited (audit_batch's on_result) when -o names a
    .xlsx file, else None; write_reports then finishes it."""
    if target.kind != "file" or target.fmt != "xlsx":
        return None
    from duibiao.reports.excel import WorkbookWriter

    return WorkbookWriter(target.path, previous)


def write_reports(batch: BatchResult, target: Target, single: bool, previous: dict | None = None,
                  workbook=None) -> list[Path]:
    """Write the reports for -o; return the files written. `previous`: the reviewer's decisions from an
    earlier workbook (reports/review.py), carried into a new one; `workbook`: the streamed_workbook
    already fed with this batch's results, closed here."""
    if target.kind == "file":
        if workbook is not None:
            workbook.close(batch.skipped)
        elif target.fmt == "xlsx":
            from duibiao.reports.excel import write_workbook

            write_workbook(batch, target.path, previous)
        else:
            write_text(target.path, render_many(batch.audits, target.fmt, single).rstrip("\n") + "\n",
                       _ENCODINGS.get(target.fmt, "utf-8"))
        return [target.path]
    names = _dir_names(batch.sources, target.fmt)
    written = []
    for name, x in zip(names, batch.items):
        if isinstance(x, AuditResult):
            write_text(target.path / name, render(x, target.fmt).rstrip("\n") + "\n", _ENCODINGS.get(target.fmt, "utf-8"))
            written.append(target.path / name)
    if target.fmt == "html":
        from duibiao.reports.html import render_index

        entries = list(zip(names, batch.items))
        write_text(target.path / "index.html", render_index(entries))
        written.append(target.path / "index.html")
    return written


def _dir_names(sources: list[str], fmt: str) -> list[str]:
    """A report name per source; in HTML the index page's name is taken first, so a plan named index.*
    is labelled apart from it."""
    reserved = ["index.html"] if fmt == "html" else []
    return [label + SUFFIX_OF_FORMAT[fmt] for label in plan_labels(reserved + sources)[len(reserved):]]
