"""The HTML report: one self-contained page per plan (inline CSS, no scripts, no external assets), the
same content as the text report, each quote marked inside its whole paragraph or table cell; and an
index page for a batch."""
from __future__ import annotations

from html import escape
from urllib.parse import quote as url_quote

from duibiao.audit import AuditResult
from duibiao.audit.batch import Failure
from duibiao.audit.findings import ERROR, INFO, SEVERITY_NAMES, WARNING, Finding
from duibiao.reports.grouping import category_heading, category_views, document_findings, finding_tag, header_lines

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
 margin:2em auto;max-width:60em;padding:0 1em;color:#222;line-height:1.6;background:#fff}
h1{font-size:1.6em;border-bottom:2px solid #444;padding-bottom:.2em}
h2{font-size:1.25em;margin-top:1.6em;border-left:5px solid #555;padding-left:.4em}
h3{font-size:1.05em;margin:.2em 0}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f0f0f0;white-space:nowrap}
.counts span{display:inline-block;margin-right:1em;padding:.1em .6em;border-radius:3px}
.error{background:#fde0dc;color:#8b1a10}.warning{background:#fff3cd;color:#7a5a00}.info{background:#e3f2fd;color:#0d47a1}
.indicator{border:1px solid #ddd;border-left:6px solid #66bb6a;margin:.6em 0;padding:.4em .8em}
.indicator.worst-error{border-left-color:#c62828}.indicator.worst-warning{border-left-color:#ffa000}
.indicator.worst-info{border-left-color:#42a5f5}
.headline{color:#555;margin:.1em 0 .3em}
.self-assessment{color:#555;margin:.1em 0 .3em;padding-left:.6em;border-left:2px solid #ddd}
ul.findings{margin:.2em 0;padding-left:1.2em}
.tag{font-weight:bold;padding:0 .3em;border-radius:3px}
blockquote{margin:.3em 0 .5em;padding:.4em .8em;background:#fafafa;border-left:3px solid #ccc;white-space:pre-wrap}
mark{background:#ffeb3b;padding:0 .1em}
.where{color:#666;font-size:.9em}
"""


def render_html(result: AuditResult) -> str:
    meta = result.document.metadata
    title = meta.title or result.document.source
    body = [f"<h1>对标审核报告：{escape(title)}</h1>", _header(result)]
    general = document_findings(result)
    if general:
        body.append(_findings(result, general))
    if result.is_plan:
        for n, cat in enumerate(category_views(result)):
            body.append(f"<section><h2>{escape(category_heading(n, cat))}</h2>")
            for view in cat.indicators:
                ind = view.result.verdict.indicator
                body.append(
                    f'<div class="indicator worst-{view.worst or "none"}" id="{escape(ind.id)}">'
                    f"<h3>{escape(view.mark)} {escape(ind.id)} {escape(ind.name)}</h3>"
                    f'<p class="headline">{escape(view.headline)}</p>'
                )
                if view.self_assessment:
                    body.append(f'<p class="self-assessment">方案自评：{escape(view.self_assessment)}</p>')
                if view.findings:
                    body.append(_findings(result, view.findings))
                body.append("</div>")
            body.append("</section>")
    return _page(f"对标审核报告：{title}", body)


def render_index(entries: list[tuple[str, AuditResult | Failure]]) -> str:
    """entries: (link to the plan's page, its audit) or (anything, Failure) per input, in input order."""
    rows, failures = [], []
    for link, item in entries:
        if isinstance(item, Failure):
            failures.append(f"<tr><td>{escape(item.path)}</td><td>{escape(item.reason)}</td></tr>")
            continue
        counts, meta = item.counts(), item.document.metadata
        rows.append(
            f'<tr><td><a href="{escape(url_quote(link))}">{escape(item.document.source)}</a></td>'
            f"<td>{escape(meta.region or '')}</td><td>{escape(meta.title or '')}</td>"
            + "".join(f'<td class="{sev}">{counts[sev]}</td>' for sev in (ERROR, WARNING, INFO))
            + f"<td>{item.unassigned_rows}</td></tr>"
        )
    heads = "".join(f"<th>{h}</th>" for h in ("文件", "地区", "标题", *map(SEVERITY_NAMES.get, (ERROR, WARNING, INFO)),
                                                "责任单位空缺"))
    body = [f"<h1>对标审核报告汇总（{len(rows)}份方案）</h1>",
            f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"]
    if failures:
        body += [f"<h2>无法读取的文件（{len(failures)}个）</h2>",
                 f"<table><thead><tr><th>文件</th><th>原因</th></tr></thead><tbody>{''.join(failures)}</tbody></table>"]
    return _page("对标审核报告汇总", body)


def _page(title: str, body: list[str]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _header(result: AuditResult) -> str:
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in header_lines(result))
    counts = result.counts()
    spans = "".join(f'<span class="{sev}">{SEVERITY_NAMES[sev]} {counts[sev]}</span>' for sev in (ERROR, WARNING, INFO))
    return f'<table class="meta">{rows}</table><p class="counts">{spans}</p>'


def _findings(result: AuditResult, findings: list[Finding]) -> str:
    """A list of findings; a quote already shown just above is not repeated."""
    items, shown = [], None
    for f in findings:
        item = f'<li><span class="tag {f.severity}">{escape(finding_tag(f))}</span> {escape(f.message)}'
        if f.quote and (f.quote, f.location) != shown:
            item += f"<blockquote>{_highlight(_context(result, f), f.quote)}</blockquote>"
            if f.location:
                item += f'<div class="where">{"附件 " if f.in_annex else ""}{escape(f.where)}</div>'
        shown = (f.quote, f.location)
        items.append(item + "</li>")
    return '<ul class="findings">' + "".join(items) + "</ul>"


def _context(result: AuditResult, f: Finding) -> str:
    """The whole paragraph or cell the quote comes from."""
    if f.indicator:
        for st in result.by_id(f.indicator).verdict.statements:
            if st.text == f.quote and st.location == f.location:
                return st.context
    return f.quote


def _highlight(context: str, quote: str) -> str:
    i = context.find(quote)
    if i < 0:
        return f"<mark>{escape(quote)}</mark>"
    return escape(context[:i]) + f"<mark>{escape(quote)}</mark>" + escape(context[i + len(quote):])
