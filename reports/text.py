"""The text report: for a person reading in a terminal, in Chinese."""
from __future__ import annotations

from duibiao.audit import AuditResult
from duibiao.reports.grouping import (
    category_heading, category_views, document_findings, finding_line, header_lines, quote_line,
)


def render_text(result: AuditResult) -> str:
    lines = ["对标审核报告", "=" * 12]
    lines += [f"{label}：{value}" for label, value in header_lines(result)]
    for f in document_findings(result):
        lines.append(finding_line(f))
        q = quote_line(f)
        lines += [f"  {q}"] if q else []
    if not result.is_plan:
        return "\n".join(lines)
    for n, cat in enumerate(category_views(result)):
        lines += ["", category_heading(n, cat)]
        for view in cat.indicators:
            ind = view.result.verdict.indicator
            lines.append(f"  {view.mark} {ind.id} {ind.name}：{view.headline}")
            if view.self_assessment:
                lines.append(f"      方案自评：{view.self_assessment}")
            for f in view.findings:
                lines.append(f"      {finding_line(f)}")
                q = quote_line(f)
                if q:
                    lines.append(f"        {q}")
    return "\n".join(lines)
