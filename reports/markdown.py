"""The Markdown report: the same content as the text report, for wikis and issue trackers.

Every piece of text from the plan is escaped: HTML special characters become entities (Markdown passes
raw HTML through, so a `<script>` in a plan would run in the reader's wiki) and Markdown punctuation is
backslash-escaped (a plan cannot add links, emphasis or table columns)."""
from __future__ import annotations

from html import escape

from duibiao import regex_cache
from duibiao.audit import AuditResult
from duibiao.reports.grouping import category_views, document_findings, finding_line, header_lines, quote_line

_MARKDOWN_PUNCTUATION = regex_cache.compile(r"([\\`*_\[\]|~])")  # inline syntax; our own markup starts each line


def _text(text: str) -> str:
    """Plan text made inert in Markdown, on one line."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escape(text, quote=False)).replace("\n", " ")


def render_markdown(result: AuditResult) -> str:
    meta = result.document.metadata
    lines = [f"# 对标审核报告：{_text(meta.title or result.document.source)}", ""]
    lines += [f"- **{label}**：{_text(value)}" for label, value in header_lines(result)]
    for f in document_findings(result):
        q = quote_line(f)
        lines.append(f"- {_text(finding_line(f))}" + (f" {_text(q)}" if q else ""))
    if not result.is_plan:
        return "\n".join(lines) + "\n"
    for cat in category_views(result):
        lines += ["", f"## {cat.name}", "", "| | 指标 | 结论 | 问题 |", "|---|---|---|---|"]
        for view in cat.indicators:
            ind = view.result.verdict.indicator
            problems = "<br>".join(
                _text(finding_line(f) + (f" {quote_line(f)}" if quote_line(f) else "")) for f in view.findings
            )
            headline = _text(view.headline) + (
                f"<br>方案自评：{_text(view.self_assessment)}" if view.self_assessment else "")
            lines.append(f"| {_text(view.mark)} | {ind.id} {_text(ind.name)} | {headline} | {problems} |")
    return "\n".join(lines) + "\n"
