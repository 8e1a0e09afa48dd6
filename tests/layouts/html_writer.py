"""Re-typeset a plan as a portal page (HTML with rowspan/colspan) and as a PDF printed from that page by
headless Chromium, an independent PDF producer whose table rows break across pages."""
from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from layouts import text_writer
from layouts.source import Table

_PORTAL_LINES = ["发布时间：2023-04-12 09:30:15", "来源：县教育局", "作者：办公室", "浏览次数：1024"]
_STYLE = (
    "body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:16pt;margin:0 8mm}"
    "p{text-indent:2em;margin:0;line-height:1.6}"
    "table{border-collapse:collapse;width:100%;font-size:11pt}"
    "td,th{border:1px solid #000;padding:2pt 4pt;vertical-align:middle}"
    ".meta{color:#666;font-size:10pt;text-indent:0}"
)


def page(parts: list, portal: bool, pasted_width: int | None = None) -> str:
    """The page; with `pasted_width`, each run of paragraphs is one <p> of <br>-separated lines of that
    width, as a PDF's text pasted into a portal's editor comes out."""
    body = []
    if portal:
        body.append('<div class="nav">首页 &gt; 信息公开 &gt; 通知公告</div>')
        body.append('<p class="meta">' + "　".join(_PORTAL_LINES) + "</p>")
    lines: list[str] = []
    for part in parts:
        if pasted_width and not isinstance(part, Table):
            lines += text_writer.wrapped(part, pasted_width, "")
            continue
        if lines:
            body.append("<p>" + "<br>".join(html.escape(x) for x in lines) + "</p>")
            lines = []
        body.append(_table(part) if isinstance(part, Table) else f"<p>{html.escape(part)}</p>")
    if lines:
        body.append("<p>" + "<br>".join(html.escape(x) for x in lines) + "</p>")
    if portal:
        body.append('<div class="footer">主办：县人民政府办公室　技术支持：信息中心</div>')
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{_STYLE}</style></head><body>{"".join(body)}</body></html>'


def _table(table: Table) -> str:
    """Rows as <tr>; a header short of the body spans its first cell, a short body row its last; empty
    cells under a filled one in the first column are one cell with rowspan."""
    width = table.width
    rows = table.rows
    spans = _rowspans(rows)
    out = ["<table>"]
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = []
        extra = width - len(row)
        for c, text in enumerate(row):
            if r > 0 and c == 0 and spans.get(r) == 0:
                continue  # covered by the rowspan above
            attrs = ""
            if extra and len(row) > 1 and c == (0 if r == 0 else len(row) - 1):
                attrs = f' colspan="{extra + 1}"'  # a short header over the last columns, a short row over the first
            if r > 0 and c == 0 and spans.get(r, 1) > 1:
                attrs += f' rowspan="{spans[r]}"'
            cells.append(f"<{tag}{attrs}>{'<br>'.join(html.escape(x) for x in text.split(chr(10)))}</{tag}>")
        if len(row) == 1 and extra:
            cells.append(f"<{tag}></{tag}>" * extra)
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _rowspans(rows: list[list[str]]) -> dict[int, int]:
    """Row → rowspan of its first cell (0: covered). A filled first cell takes the empty ones below it
    when every row has the full width."""
    width = max(len(r) for r in rows)
    spans: dict[int, int] = {}
    start = None
    for r in range(1, len(rows)):
        full = len(rows[r]) == width
        first = rows[r][0].strip() if full else "x"
        if first or not full or start is None:
            start = r if full and first else None
            spans[r] = 1
        else:
            spans[start] += 1
            spans[r] = 0
    return spans


def portal_html(parts: list, out: Path) -> None:
    out.write_text(page(parts, portal=True), encoding="utf-8")


def pasted_portal_html(parts: list, out: Path) -> None:
    out.write_text(page(parts, portal=True, pasted_width=33), encoding="utf-8")


def chromium_pdf(parts: list, out: Path) -> None:
    """The page without the portal frame, printed to A4 by headless Chromium."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "plan.html"
        src.write_text(page(parts, portal=False), encoding="utf-8")
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def libreoffice_pdf(docx: Path, out: Path) -> None:
    """A .docx printed to PDF by LibreOffice (another producer)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), out)


LAYOUTS = {"html_portal": portal_html, "html_pdf_paste": pasted_portal_html, "pdf_chromium": chromium_pdf}
