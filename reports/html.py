"""The HTML report: one self-contained page per plan (inline CSS, no scripts, no external assets), the
same content as the text report, each quote marked inside its whole paragraph or table cell; and an
index page for a batch.

Pages are Jinja2 templates (reports/templates/) with autoescaping, so text from a plan can never become
markup; the web workbench (duibiao.web) renders its pages from the same environment and macros.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from duibiao.audit import AuditResult
from duibiao.audit.batch import Failure
from duibiao.audit.findings import ERROR, INFO, SEVERITY_NAMES, WARNING, Finding
from duibiao.reports.grouping import category_heading, category_views, document_findings, finding_tag, header_lines

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=None)
def template_environment(*more_folders: str) -> Environment:
    """The report templates (and any `more_folders` searched first), autoescaped, with the helpers the
    audit macros use."""
    loader = ChoiceLoader([FileSystemLoader(list(more_folders)), FileSystemLoader(TEMPLATES)])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=False, lstrip_blocks=False)
    env.globals.update(
        header_lines=header_lines, category_views=category_views, document_findings=document_findings,
        category_heading=category_heading, finding_tag=finding_tag, quote_context=quote_context,
        highlight=highlight, severities=(ERROR, WARNING, INFO), severity_names=SEVERITY_NAMES,
    )
    return env


def render_html(result: AuditResult) -> str:
    title = result.document.metadata.title or result.document.source
    return template_environment().get_template("report.html").render(result=result, title=f"对标审核报告：{title}")


def render_index(entries: list[tuple[str, AuditResult | Failure]]) -> str:
    """entries: (link to the plan's page, its audit) or (anything, Failure) per input, in input order."""
    rows = [(link, item) for link, item in entries if not isinstance(item, Failure)]
    failures = [item for _, item in entries if isinstance(item, Failure)]
    return template_environment().get_template("report_index.html").render(
        title="对标审核报告汇总", rows=rows, failures=failures)


def quote_context(result: AuditResult, f: Finding) -> str:
    """The whole paragraph or cell the quote comes from."""
    if f.indicator:
        for st in result.by_id(f.indicator).verdict.statements:
            if st.text == f.quote and st.location == f.location:
                return st.context
    return f.quote


def highlight(context: str, quote: str) -> Markup:
    """The context, escaped, with the quote in <mark>."""
    i = context.find(quote)
    if i < 0:
        return Markup("<mark>{}</mark>").format(quote)
    return Markup("{}<mark>{}</mark>{}").format(context[:i], quote, context[i + len(quote):])
