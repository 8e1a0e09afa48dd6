"""The web-page reader: paragraphs, tables (rowspan/colspan), what is ignored, encodings, entities."""
from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from duibiao.extractors import Document, read_document
from duibiao.extractors.detect import detect_format
from duibiao.extractors.html_reader import read_html

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _read(html: str | bytes, tmp_path: Path | None = None) -> Document:
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_html("page.html", data)


def _texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def _rows(doc: Document, n: int = 0) -> list[list[tuple[str, bool]]]:
    table = [b for b in doc.blocks if b.kind == "table"][n]
    return [[(c.text, c.spanned) for c in row] for row in table.rows]


# --- paragraphs ---------------------------------------------------------------------------------


def test_paragraphs_from_block_elements_and_line_breaks():
    doc = _read(
        "<html><body><h1>奇台县实施方案</h1><div>一、指导思想<p>以习近平新时代\n中国特色社会主义思想为指导。</p></div>"
        "<ul><li>（一）学校布局</li><li>（二）办学条件</li></ul>第一行<br>第二行<br/>第三行</body></html>"
    )
    assert _texts(doc) == [
        "奇台县实施方案", "一、指导思想", "以习近平新时代中国特色社会主义思想为指导。",
        "（一）学校布局", "（二）办学条件", "第一行", "第二行", "第三行",
    ]  # fmt: skip
    assert [b.location.paragraph for b in doc.blocks] == list(range(1, 9))
    assert doc.format == "html"


def test_whitespace_is_collapsed_as_a_browser_does():
    doc = _read("<p>  Hello \n   world  </p><p>&nbsp;&nbsp;　　教育&nbsp;质量</p><pre>甲\n乙</pre>")
    assert _texts(doc) == ["Hello world", "教育 质量", "甲乙"]


def test_page_chrome_and_scripts_are_ignored():
    doc = _read(
        "<html><head><title>标题栏</title><style>p { color: red }</style><script>var x = '<p>脚本</p>';</script></head>"
        "<body><header>网站首页 | 政务公开</header><nav><a href='/'>导航</a></nav>"
        "<noscript>请启用脚本</noscript><p>正文第一段。</p><select><option>选项</option></select>"
        "<footer>版权所有 ©2024</footer></body></html>"
    )
    assert _texts(doc) == ["正文第一段。"]


def test_header_inside_an_article_is_kept():
    doc = _read("<header>站点</header><article><header><h1>实施方案</h1></header><p>正文。</p></article>")
    assert _texts(doc) == ["实施方案", "正文。"]


def test_entities_are_decoded_and_external_ones_never_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-77a1")
    doc = _read(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><html><body>'
        "<p>生师比&lt;13.5&amp;&#x4E2D;&#20013;&quot;&mdash;</p><p>引用&xxe;结束</p></body></html>"
    )
    text = "\n".join(_texts(doc))
    assert "生师比<13.5&中中\"—" in text
    assert "SECRET-77a1" not in text and "]>" not in text
    assert "引用" in text and "结束" in text


def test_deep_nesting_does_not_recurse():
    doc = _read("<div>" * 50_000 + "深处的文字" + "</div>" * 50_000)
    assert _texts(doc) == ["深处的文字"]


# --- encodings ----------------------------------------------------------------------------------

_PAGE = "<html><head>{meta}</head><body><p>奇台县义务教育优质均衡发展实施方案</p></body></html>"
_TEXT = ["奇台县义务教育优质均衡发展实施方案"]


@pytest.mark.parametrize(
    "meta, encoding",
    [
        ('<meta charset="gbk">', "gbk"),
        ("<meta charset=GB2312>", "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        ('<meta charset="utf-8">', "utf-8"),
        ("", "utf-8"),
        ("", "gb18030"),  # no declaration: UTF-8 fails, GB18030 is tried
        ('<meta charset="utf-8">', "gb18030"),  # a wrong declaration
        ('<meta charset="no-such-charset">', "gb18030"),
    ],
)
def test_encodings(meta, encoding):
    assert _texts(_read(_PAGE.format(meta=meta).encode(encoding))) == _TEXT


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_pages(encoding):
    assert _texts(_read(_PAGE.format(meta='<meta charset="utf-8">').encode(encoding))) == _TEXT


@pytest.mark.parametrize(
    "head",
    [b"<!DOCTYPE html>", b"\xef\xbb\xbf<html>", b"<?xml version='1.0'?><html>", b"  <HTML><BODY>", b"<meta charset=gbk>"],
)
def test_web_pages_are_detected_by_content(head):
    assert detect_format(head + b"<p>x</p>", "plan.doc") == "html"
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        assert detect_format("<html><p>x</p>".encode(encoding), "x") == "html"
    assert detect_format("一、总体要求 <html> 不是开头".encode(), "x") == "txt"


def test_word_web_page_named_doc_is_read(tmp_path):
    path = tmp_path / "另存为网页的方案.doc"
    path.write_bytes(
        _PAGE.format(meta='<meta http-equiv=Content-Type content="text/html; charset=gb2312">').encode("gb18030")
    )
    doc = read_document(path)
    assert doc.format == "html" and _texts(doc) == _TEXT


# --- tables -------------------------------------------------------------------------------------


def test_rowspan_and_colspan():
    doc = _read(
        "<p>附件</p><table>"
        "<tr><th>类别</th><th colspan='2'>指标</th><th>责任单位</th></tr>"
        "<tr><td rowspan='3'>资源配置</td><td>1</td><td>生师比</td><td rowspan=2>县教育局</td></tr>"
        "<tr><td>2</td><td>高于规定学历教师数</td></tr>"
        "<tr><td>3</td><td>骨干教师数</td><td>县人社局</td></tr>"
        "<tr><td>政府保障</td><td>4</td><td>规划</td><td>县发改委</td></tr></table>"
    )
    assert _rows(doc) == [
        [("类别", False), ("指标", False), ("指标", True), ("责任单位", False)],
        [("资源配置", False), ("1", False), ("生师比", False), ("县教育局", False)],
        [("资源配置", True), ("2", False), ("高于规定学历教师数", False), ("县教育局", True)],
        [("资源配置", True), ("3", False), ("骨干教师数", False), ("县人社局", False)],
        [("政府保障", False), ("4", False), ("规划", False), ("县发改委", False)],
    ]
    table = doc.blocks[1]
    assert table.location.paragraph == 2
    assert (table.rows[2][3].location.row, table.rows[2][3].location.column) == (3, 4)
    assert table.text.splitlines()[2] == "资源配置\t2\t高于规定学历教师数\t县教育局"
    assert (table.rows[0][1].colspan, table.rows[1][0].rowspan, table.rows[1][3].rowspan) == (2, 3, 2)


def test_cells_keep_their_lines_and_bold():
    doc = _read(
        "<table><tr><td><p><b>县教育局</b>牵头，<strong>县财政局</strong></p><p>配合</p></td><td>a<br>b</td></tr>"
        "<tr><td>c</td><td>d</td></tr></table>"
    )
    table = doc.blocks[0]
    assert table.rows[0][0].text == "县教育局牵头，县财政局\n配合"
    assert table.rows[0][0].bold == ["县教育局", "县财政局"]
    assert table.rows[0][1].text == "a\nb"


def test_implicitly_closed_cells_and_rows():
    doc = _read("<table><tr><td>a<td>b<tr><td>c<td>d</table><p>后文</p>")
    assert _rows(doc) == [[("a", False), ("b", False)], [("c", False), ("d", False)]]
    assert _texts(doc)[-1] == "后文"


def test_nested_table_is_flattened_into_its_cell():
    doc = _read(
        "<table><tr><td>任务</td><td>分工</td></tr><tr><td>建设</td>"
        "<td>说明<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr></table></td></tr></table>"
    )
    assert _rows(doc)[1] == [("建设", False), ("说明\n甲 乙\n丙 丁", False)]


def test_layout_table_is_read_as_paragraphs_and_tables():
    doc = _read(
        "<table><tr><td><h2>实施方案</h2><p>正文第一段。</p>"
        "<table><tr><td>指标</td><td>标准</td></tr><tr><td>生师比</td><td>13.5</td></tr></table>"
        "<p>正文第二段。</p></td></tr></table>"
    )
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table", "paragraph"]
    assert _texts(doc)[:2] == ["实施方案", "正文第一段。"]
    assert _rows(doc) == [[("指标", False), ("标准", False)], [("生师比", False), ("13.5", False)]]


def test_rowspan_cannot_multiply_a_small_page():
    rows = "<tr>" + "<td rowspan=0>x</td>" * 200 + "</tr>" + "<tr><td>y</td></tr>" * 5000  # 90 KB
    doc = _read(f"<table>{rows}</table>")
    raw = 200 + 5000
    assert raw < sum(len(r) for r in doc.blocks[0].rows) <= raw + 10 * raw + 1000  # not 1 000 000 copies
    assert doc.warnings


# --- round trips with the samples ---------------------------------------------------------------


def _page(doc: Document) -> str:
    """An HTML page with the document's model: paragraphs, tables with rowspan for merged cells."""
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>奇台县人民政府</title></head><body>']
    out.append("<header>奇台县人民政府网站</header><nav><a href='/'>首页</a></nav><article>")
    for block in doc.blocks:
        if block.kind != "table":
            out.append(f"<p>{escape(block.text)}</p>")
            continue
        out.append("<table border='1'>")
        for r, row in enumerate(block.rows):
            out.append("<tr>")
            for c, cell in enumerate(row):
                if cell.spanned:
                    continue
                span = 1
                while r + span < len(block.rows) and c < len(block.rows[r + span]) and block.rows[r + span][c].spanned:
                    span += 1
                attr = f" rowspan='{span}'" if span > 1 else ""
                out.append(f"<td{attr}>" + "<br>".join(escape(x) for x in cell.text.split("\n")) + "</td>")
            out.append("</tr>")
        out.append("</table>")
    out.append("</article><footer>版权所有</footer><script>analytics()</script></body></html>")
    return "\n".join(out)


def _squeeze(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


@pytest.mark.parametrize("sample", ["qitai.txt", "qitai.docx"])
def test_sample_as_a_web_page(tmp_path, sample):
    source = read_document(SAMPLES / sample)
    path = tmp_path / "奇台县 方案.html"
    path.write_text(_page(source), encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html" and doc.metadata == source.metadata
    assert [b.kind for b in doc.blocks] == [b.kind for b in source.blocks]
    assert [_squeeze(b.text) for b in doc.blocks] == [_squeeze(b.text) for b in source.blocks]
    tables = [b for b in source.blocks if b.kind == "table"]
    assert tables and all(len(b.rows) > 10 for b in tables)
    for n, table in enumerate(tables):
        expected = [[(_squeeze(c.text), c.spanned) for c in row] for row in table.rows]
        assert [[(_squeeze(t), s) for t, s in row] for row in _rows(doc, n)] == expected
    if sample.endswith(".docx"):
        assert any(c.spanned for t in tables for row in t.rows for c in row)
