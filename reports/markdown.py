"""The Markdown report: the same content as the text report, for wikis and issue trackers."""
from __future__ import annotations

from duibiao.audit import AuditResult
from duibiao.reports.grouping import category_views, document_findings, finding_line, header_lines, quote_line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: AuditResult) -> str:
    meta = result.document.metadata
    lines = [f"# 对标审核报告：{meta.title or result.document.source}", ""]
    lines += [f"- **{label}**：{_cell(value)}" for label, value in header_lines(result)]
    for f in document_findings(result):
        q = quote_line(f)
        lines.append(f"- {finding_line(f)}" + (f" {q}" if q else ""))
    if not result.is_plan:
        return "\n".join(lines) + "\n"
    for cat in category_views(result):
        lines += ["", f"## {cat.name}", "", "| | 指标 | 结论 | 问题 |", "|---|---|---|---|"]
        for view in cat.indicators:
            ind = view.result.verdict.indicator
            problems = "<br>".join(
                _cell(finding_line(f) + (f" {quote_line(f)}" if quote_line(f) else "")) for f in view.findings
            )
            headline = view.headline + (f"<br>方案自评：{view.self_assessment}" if view.self_assessment else "")
            lines.append(f"| {view.mark} | {ind.id} {_cell(ind.name)} | {_cell(headline)} | {problems} |")
    return "\n".join(lines) + "\n"
