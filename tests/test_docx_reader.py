"""The .docx reader: body order, merged cells, nested tables, text boxes, tracked changes, list numbering,
bold lead units, breaks, fields, and clean errors. Fixtures are built in tmp_path (tests/docx_fixtures.py)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parent.parent

from duibiao.errors import UnreadableDocument
from duibiao.extractors import read_document
from duibiao.extractors.docx_numbering import chinese_number, format_number
from duibiao.extractors.docx_reader import read_docx
from docx_fixtures import build_docx, numbering_xml, p, r, tbl, tc, text_box, tr

SAMPLES = ROOT / "samples"


def read(path: Path):
    return read_docx(str(path), path.read_bytes())


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


# 1. body order ---------------------------------------------------------------------------------


def test_paragraphs_and_tables_in_body_order(tmp_path):
    body = (
        p("一、总体要求")
        + p("")  # empty: skipped, but counted in the paragraph numbers
        + tbl(tr(tc("指标"), tc("责任单位")), tr(tc("校舍"), tc("教育局")), cols=2)
        + p("二、主要任务")
        + '<w:sdt><w:sdtPr/><w:sdtContent>' + p("控件中的段落") + "</w:sdtContent></w:sdt>"
        + '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + p("单击此处输入文字。")
        + "</w:sdtContent></w:sdt>"
        + p("   \u3000 ")
    )
    doc = read(build_docx(tmp_path / "order.docx", body))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "一、总体要求"),
        ("table", "指标\t责任单位\n校舍\t教育局"),
        ("paragraph", "二、主要任务"),
        ("paragraph", "控件中的段落"),
    ]
    assert [b.location.paragraph for b in doc.blocks] == [1, 3, 3, 4]
    table = doc.blocks[1]
    assert [[(c.location.row, c.location.column) for c in row] for row in table.rows] == [
        [(1, 1), (1, 2)],
        [(2, 1), (2, 2)],
    ]
    assert doc.format == "docx" and doc.blocks[0].level is None  # structure is finalize()'s job


# 2. merged cells -------------------------------------------------------------------------------


def test_horizontal_merge_in_each_grid_column(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "附表：任务分解"
    for c, text in enumerate(["指标", "目标", "责任单位"]):
        table.cell(1, c).text = text
    path = tmp_path / "hmerge.docx"
    document.save(str(path))
    (block,) = read(path).blocks
    assert [[c.text for c in row] for row in block.rows] == [["附表：任务分解"] * 3, ["指标", "目标", "责任单位"]]
    assert [c.spanned for c in block.rows[0]] == [False, True, True]
    assert block.rows[0][0].colspan == 3
    assert block.text == "附表：任务分解\n指标\t目标\t责任单位"


def test_vertical_merge_attached_to_each_row(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    rows = [["资源配置", "1.生师比", "编办"], ["", "2.骨干教师", "教育局"], ["", "3.体育艺术教师", "人社局"],
            ["政府保障", "4.学校规划", "自然资源局"]]
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            if text:
                table.cell(ri, ci).text = text
    table.cell(0, 0).merge(table.cell(2, 0))  # python-docx writes vMerge restart / continue
    path = tmp_path / "vmerge.docx"
    document.save(str(path))
    (block,) = read(path).blocks
    assert [[c.text for c in row] for row in block.rows] == [
        ["资源配置", "1.生师比", "编办"],
        ["资源配置", "2.骨干教师", "教育局"],
        ["资源配置", "3.体育艺术教师", "人社局"],
        ["政府保障", "4.学校规划", "自然资源局"],
    ]
    assert [row[0].spanned for row in block.rows] == [False, True, True, False]
    assert [row[0].location.row for row in block.rows] == [1, 2, 3, 4]
    assert all(not c.spanned for row in block.rows for c in row[1:])


def test_vertical_merge_under_a_column_span(tmp_path):
    """A cell spanning two grid columns merged down, next to gridBefore-shifted rows."""
    span2 = '<w:gridSpan w:val="2"/>'
    body = tbl(
        tr(tc("类别", span2 + '<w:vMerge w:val="restart"/>'), tc("内容")),
        tr(tc("", span2 + "<w:vMerge/>"), tc("第二项")),
        tr(tc("甲"), tc("乙"), tc("丙")),
    )
    (block,) = read(build_docx(tmp_path / "span.docx", body)).blocks
    assert [[(c.text, c.spanned) for c in row] for row in block.rows] == [
        [("类别", False), ("类别", True), ("内容", False)],
        [("类别", True), ("类别", True), ("第二项", False)],
        [("甲", False), ("乙", False), ("丙", False)],
    ]
    assert (block.rows[0][0].rowspan, block.rows[0][0].colspan) == (2, 2)


# 3. nested tables ------------------------------------------------------------------------------


def test_nested_table_text_kept(tmp_path):
    inner = tbl(tr(tc("学校"), tc("班额")), tr(tc("一中"), tc("45人")), cols=2)
    body = tbl(tr(tc("达标情况"), tc(p("见下表：") + inner + p("均已达标"))), cols=2)
    (block,) = read(build_docx(tmp_path / "nested.docx", body)).blocks
    assert len(block.rows) == 1 and len(block.rows[0]) == 2
    assert block.rows[0][1].text == "见下表：\n学校 班额\n一中 45人\n均已达标"


# 4. text boxes ---------------------------------------------------------------------------------


def test_text_box_read_once(tmp_path):
    body = (
        p("正文第一段")
        + "<w:p>" + r("锚点段落") + text_box(p("文本框第一行"), p("文本框第二行")) + "</w:p>"
        + "<w:p>" + text_box(p("空段落中的文本框")) + "</w:p>"
        + p("正文最后一段")
        + tbl(tr(tc("<w:p>" + r("单元格") + text_box(p("格中文本框")) + "</w:p>")), cols=1)
    )
    doc = read(build_docx(tmp_path / "box.docx", body))
    assert texts(doc)[:5] == ["正文第一段", "锚点段落", "文本框第一行", "文本框第二行", "空段落中的文本框"]
    assert texts(doc)[5] == "正文最后一段"
    assert doc.blocks[6].rows[0][0].text == "单元格\n格中文本框"
    assert [b.location.paragraph for b in doc.blocks[:6]] == [1, 2, 2, 2, 3, 4]
    assert sum(t.count("文本框第一行") for t in texts(doc)) == 1  # Choice read, VML Fallback not


# 5. tracked changes ----------------------------------------------------------------------------


def test_tracked_deletion_dropped(tmp_path):
    meta = 'w:id="{}" w:author="审核人" w:date="2021-03-01T00:00:00Z"'
    numbering = numbering_xml({1: [(0, "chineseCounting", "%1、", 1, "")]}, {1: (1, "")})
    body = (
        "<w:p>" + r("生师比达到")
        + f"<w:del {meta.format(1)}><w:r><w:delText>17：1</w:delText></w:r></w:del>"
        + f"<w:ins {meta.format(2)}>" + r("省定标准") + "</w:ins>"
        + r("。") + "</w:p>"
        + "<w:p>" + f"<w:moveFrom {meta.format(3)}>" + r("被移走的句子。") + "</w:moveFrom>" + r("保留的句子。") + "</w:p>"
        + "<w:p>" + f"<w:moveTo {meta.format(4)}>" + r("被移走的句子。") + "</w:moveTo>" + "</w:p>"
        + p("第一项", num=(1, 0))
        # a whole numbered paragraph deleted: text and mark; it must not take a number
        + f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del {meta.format(5)}/>'
        + f"</w:rPr></w:pPr><w:del {meta.format(6)}><w:r><w:delText>删除的一项</w:delText></w:r></w:del></w:p>"
        + p("第二项", num=(1, 0))
        + tbl(
            tr(tc("保留行")),
            f"<w:tr><w:trPr><w:del {meta.format(7)}/></w:trPr>" + tc("删除的行") + "</w:tr>",
            cols=1,
        )
    )
    doc = read(build_docx(tmp_path / "tracked.docx", body, numbering=numbering))
    assert texts(doc) == ["生师比达到省定标准。", "保留的句子。", "被移走的句子。", "一、第一项", "二、第二项", "保留行"]


# 6. headers, footers, footnotes ----------------------------------------------------------------


def _add_footnotes(path: Path) -> None:
    """Give the package a footnotes part with one footnote, related from the document part."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>脚注：数据来源于教育统计年报</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            dst.writestr(info, data)
        dst.writestr("word/footnotes.xml", notes)
    path.write_bytes(out.getvalue())


def test_headers_and_footers_not_in_body(tmp_path):
    body = p("正文内容") + '<w:p><w:r><w:t>有脚注的句子</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    path = build_docx(tmp_path / "hf.docx", body, header="奇台县人民政府办公室文件", footer="— 1 —")
    _add_footnotes(path)
    names = zipfile.ZipFile(path).namelist()
    assert any("header" in n for n in names) and any("footer" in n for n in names) and "word/footnotes.xml" in names
    doc = read(path)
    assert texts(doc) == ["正文内容", "有脚注的句子"]


# 7. list numbering -----------------------------------------------------------------------------


def test_list_numbering_recovered(tmp_path):
    restart_after_1 = '<w:lvlRestart w:val="1"/>'
    numbering = numbering_xml(
        {
            1: [
                (0, "chineseCounting", "%1、", 1, ""),
                (1, "chineseCounting", "（%2）", 1, ""),
                (2, "decimal", "%3.", 1, ""),
                (3, "decimal", "（%4）", 1, ""),
                (4, "decimalEnclosedCircle", "%5", 1, ""),
            ],
            2: [(0, "bullet", "\u25cf", 1, "")],
            3: [(0, "ideographTraditional", "%1、", 1, ""), (1, "lowerLetter", "%2)", 1, restart_after_1)],
            4: [(0, "decimal", "%1.", 5, "")],
            5: [(0, "chineseCountingThousand", "第%1条", 1, '<w:suff w:val="space"/>')],
        },
        {
            1: (1, ""),
            2: (2, ""),
            3: (3, ""),
            4: (4, ""),
            # the same definition restarted at 3 by an override
            5: (4, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>'),
            6: (5, ""),
            7: (4, ""),  # another instance of definition 4 without override: continues its count
        },
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="PlanHeading1"><w:name w:val="Plan Heading 1"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="PlanHeading2"><w:name w:val="Plan Heading 2"/>'
        '<w:basedOn w:val="PlanHeading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    body = (
        p("指导思想", num=(1, 0))
        + p("工作目标", num=(1, 0))
        + p("学校布局科学化。", num=(1, 1))
        + p("办学条件标准化。", num=(1, 1))
        + p("生师比", num=(1, 2))
        + p("生均面积", num=(1, 2))
        + p("小学", num=(1, 3))
        + p("加强领导", num=(1, 4))
        + p("落实责任", num=(1, 4))
        + p("保障措施", style="PlanHeading1")  # numbering inherited from the paragraph style
        + p("组织保障", style="PlanHeading2")  # deeper level restarted: （一）
        + p("达标", num=(1, 2))  # 1. again: restarted under the new （一）
        + p("要点一", num=(2, 0))  # bullets: no label
        + p("第一阶段", num=(3, 0))
        + p("摸底", num=(3, 1))
        + p("整改", num=(3, 1))
        + p("第二阶段", num=(3, 0))
        + p("验收", num=(3, 1))
        + p("自第五项起", num=(4, 0))
        + p("", num=(4, 0))  # an empty item: not emitted, but it takes number 6 as in Word
        + p("续编", num=(4, 0))
        + p("从三开始", num=(5, 0))
        + p("接着编", num=(7, 0))
        + p("总则", num=(6, 0))
        + p("不编号", num=(0, 0))
    )
    doc = read(build_docx(tmp_path / "numbering.docx", body, numbering=numbering, styles=styles))
    assert texts(doc) == [
        "一、指导思想",
        "二、工作目标",
        "（一）学校布局科学化。",
        "（二）办学条件标准化。",
        "1.生师比",
        "2.生均面积",
        "（1）小学",
        "①加强领导",
        "②落实责任",
        "三、保障措施",
        "（一）组织保障",
        "1.达标",
        "要点一",
        "甲、第一阶段",
        "a)摸底",
        "b)整改",
        "乙、第二阶段",
        "a)验收",
        "5.自第五项起",
        "7.续编",
        "3.从三开始",
        "4.接着编",
        "第一条 总则",
        "不编号",
    ]


def test_list_numbering_feeds_outline_levels(tmp_path):
    numbering = numbering_xml(
        {1: [(0, "chineseCounting", "%1、", 1, ""), (1, "chineseCounting", "（%2）", 1, "")]}, {1: (1, "")}
    )
    body = p("县域义务教育优质均衡发展实施方案") + p("工作目标", num=(1, 0)) + p("资源配置", num=(1, 1))
    path = build_docx(tmp_path / "outline.docx", body, numbering=numbering)
    doc = read_document(path)
    assert [(b.kind, b.level, b.label) for b in doc.blocks[1:]] == [("heading", 1, "一、"), ("heading", 2, "（一）")]


@pytest.mark.parametrize(
    "n, fmt, expected",
    [
        (1, "decimal", "1"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCountingThousand", "二十三"),
        (105, "chineseCountingThousand", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (10, "ideographTraditional", "癸"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircleChinese", "⑳"),
        (21, "decimalEnclosedCircle", "㉑"),
        (2, "lowerLetter", "b"),
        (28, "upperLetter", "BB"),
        (4, "upperRoman", "IV"),
        (3, "chineseLegalSimplified", "叁"),
        (5, "bullet", ""),
        (7, "someFutureFormat", "7"),
    ],
)
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_chinese_number_reads_like_a_person_writes():
    assert [chinese_number(n) for n in (1, 9, 10, 15, 30, 99, 100, 110, 1010)] == [
        "一", "九", "十", "十五", "三十", "九十九", "一百", "一百一十", "一千零一十"
    ]


# 8. bold ---------------------------------------------------------------------------------------


def test_bold_lead_unit_recorded(tmp_path):
    styles = (
        '<w:style w:type="character" w:styleId="LeadUnit"><w:name w:val="Lead Unit"/>'
        "<w:rPr><w:b/></w:rPr></w:style>"
    )
    cell = (
        "<w:p>" + r("县教育局", "<w:b/>") + r("牵头，") + r("县财政局", '<w:rStyle w:val="LeadUnit"/>')
        + r("、") + r("县人社局", '<w:rStyle w:val="LeadUnit"/><w:b w:val="0"/>') + r("配合") + "</w:p>"
        + "<w:p>" + r("县编办", "<w:b/>") + r(" ") + r("（主责）", '<w:b w:val="true"/>')
        + r("不加粗", '<w:b w:val="false"/>') + "</w:p>"
    )
    body = tbl(tr(tc("任务"), tc(cell)), cols=2)
    (block,) = read(build_docx(tmp_path / "bold.docx", body, styles=styles)).blocks
    lead = block.rows[0][1]
    assert lead.text == "县教育局牵头，县财政局、县人社局配合\n县编办 （主责）不加粗"
    assert lead.bold == ["县教育局", "县财政局", "县编办 （主责）"]
    assert block.rows[0][0].bold == []


def test_documents_read_in_turn_keep_their_own_styles(tmp_path):
    """Parsed styles are kept between documents: one style id, bold in one plan and not in the next."""
    def plan(name: str, bold: str) -> Path:
        styles = (
            '<w:style w:type="character" w:styleId="Zhuze"><w:name w:val="Zhuze"/>'
            f'<w:rPr><w:b w:val="{bold}"/></w:rPr></w:style>'
        )
        cell = "<w:p>" + r("县发改局", '<w:rStyle w:val="Zhuze"/>') + r("负责") + "</w:p>"
        return build_docx(tmp_path / name, tbl(tr(tc("事项"), tc(cell)), cols=2), styles=styles)

    marked, plain = plan("marked.docx", "1"), plan("plain.docx", "0")
    for path, expected in ((marked, ["县发改局"]), (plain, []), (marked, ["县发改局"])):
        (block,) = read(path).blocks
        assert block.rows[0][1].bold == expected, path.name


def test_only_styles_parts_of_a_sane_size_are_kept_between_documents():
    from duibiao.extractors.docx_styles import MAX_KEPT_STYLES, parsed_styles

    def part(padding: int) -> bytes:
        return (
            '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:style w:type="character" w:styleId="Qiantou"><w:rPr><w:b/></w:rPr></w:style>'
            f'<!--{"x" * padding}--></w:styles>'
        ).encode()

    small, huge = part(10), part(MAX_KEPT_STYLES)
    assert parsed_styles(small) is parsed_styles(bytes(small))
    assert parsed_styles(huge) is not parsed_styles(huge)
    assert parsed_styles(huge).char("Qiantou") == (True, None)


# 9. breaks and tabs ----------------------------------------------------------------------------


def test_line_breaks_and_tabs(tmp_path):
    br = "<w:r><w:br/></w:r>"
    tab = "<w:r><w:tab/></w:r>"
    body = (
        "<w:p>" + r("全面提高义务教育") + br + r("保障水平") + "</w:p>"
        + "<w:p>" + r("Quality") + br + r("Education") + "</w:p>"
        + "<w:p>" + r("组长：") + tab + tab + r("刘强") + tab + r("县长") + "</w:p>"
        + "<w:p>" + r("正文最后一句。") + '<w:r><w:br w:type="page"/></w:r>' + r("附件1") + "</w:p>"
        + tbl(tr(tc("<w:p>" + r("教育局") + br + r("财政局") + tab + r("人社局") + "</w:p>")), cols=1)
    )
    doc = read(build_docx(tmp_path / "breaks.docx", body))
    assert texts(doc)[:5] == ["全面提高义务教育保障水平", "Quality Education", "组长： 刘强 县长", "正文最后一句。", "附件1"]
    assert doc.blocks[5].rows[0][0].text == "教育局\n财政局 人社局"


# 10. text fidelity -----------------------------------------------------------------------------


def test_field_results_and_special_characters(tmp_path):
    def fld(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    body = (
        "<w:p>" + r("截至") + fld("begin") + '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月" </w:instrText></w:r>'
        + fld("separate") + r("2021年3月") + fld("end") + r("底") + "</w:p>"
        + '<w:p><w:fldSimple w:instr=" REF 目标 "><w:r><w:t>见第二部分</w:t></w:r></w:fldSimple></w:p>'
        + "<w:p>" + r("第") + fld("begin") + "<w:r><w:instrText> PAGE </w:instrText></w:r>" + fld("end") + r("页") + "</w:p>"
        + '<w:p><w:r><w:t>G</w:t><w:noBreakHyphen/><w:t>20</w:t><w:sym w:font="Wingdings" w:char="F0FC"/></w:r></w:p>'
        + '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:t>可见文字</w:t></w:r></w:p>'
        + '<w:p><w:hyperlink r:id="rId99"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink><w:r><w:t>\u200b</w:t></w:r></w:p>'
        # an automatic table of contents: left out
        + "<w:p>" + r("目录") + "</w:p>"
        + "<w:p>" + fld("begin") + '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        + fld("separate") + r("附件") + "<w:r><w:tab/></w:r>" + r("12") + "</w:p>"
        + "<w:p>" + r("一、指导思想 3") + fld("end") + "</w:p>"
        + p("正文开始")
    )
    doc = read(build_docx(tmp_path / "fields.docx", body))
    assert texts(doc) == ["截至2021年3月底", "见第二部分", "第页", "G-20✓", "可见文字", "链接文字", "目录", "正文开始"]
    assert any("目录" in w for w in doc.warnings)


# 11. errors ------------------------------------------------------------------------------------


def test_corrupt_docx_message(tmp_path):
    good = build_docx(tmp_path / "good.docx", p("正文")).read_bytes()
    truncated = good[: len(good) // 2]
    with pytest.raises(UnreadableDocument) as info:
        read_docx("truncated.docx", truncated)
    assert "损坏" in info.value.reason and info.value.path == "truncated.docx"

    no_body = io.BytesIO()
    with zipfile.ZipFile(no_body, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(UnreadableDocument) as info:
        read_docx("nobody.docx", no_body.getvalue())
    assert "word/document.xml" in info.value.reason

    garbage = io.BytesIO()
    with zipfile.ZipFile(garbage, "w") as z:
        z.writestr("word/document.xml", b"\x00\x01 not xml at all")
    with pytest.raises(UnreadableDocument) as info:
        read_docx("garbage.docx", garbage.getvalue())
    assert "损坏" in info.value.reason

    # a bad CRC inside an otherwise well-formed zip
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", b"<w:document xmlns:w='urn:x'/>" * 4)
    data = bytearray(stored.getvalue())
    at = data.index(b"<w:document")
    data[at + 1] ^= 0xFF
    with pytest.raises(UnreadableDocument):
        read_docx("crc.docx", bytes(data))


def test_damaged_xml_read_as_far_as_possible(tmp_path):
    good = build_docx(tmp_path / "good.docx", p("第一段") + p("第二段"))
    src = zipfile.ZipFile(good)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: data.index("第二段".encode()) + len("第二段".encode())]  # cut off mid-document
            dst.writestr(info, data)
    doc = read_docx("cut.docx", out.getvalue())
    assert texts(doc)[0] == "第一段"
    assert doc.warnings and "损坏" in doc.warnings[0]


def test_external_entities_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>开头&x;结尾</w:t></w:r></w:p></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    with pytest.raises(UnreadableDocument, match="DTD") as refused:
        read_docx("xxe.docx", buf.getvalue())
    assert "TOP-SECRET" not in str(refused.value)


# full pipeline, speed, samples -----------------------------------------------------------------


def test_read_document_full_pipeline(tmp_path):
    body = (
        p("奇政办发〔2021〕10号")
        + p("关于印发奇台县创建义务教育优质均衡发展县实施方案的通知")
        + p("奇台县人民政府办公室")
        + p("2021年2月28日")
        + p("一、指导思想")
        + p("以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针。")
        + p("附件")
        + tbl(tr(tc("指标"), tc("责任单位")), tr(tc("生师比"), tc(p("教育局", bold=True)))
              , cols=2)
    )
    path = build_docx(tmp_path / "plan.docx", body, header="页眉文字")
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.metadata.doc_number == "奇政办发〔2021〕10号"
    assert doc.metadata.region == "奇台县"
    assert doc.metadata.date == "2021-02-28"
    assert doc.blocks[4].kind == "heading" and doc.blocks[4].level == 1
    table = doc.blocks[-1]
    assert table.kind == "table" and table.location.table == 1 and table.in_annex
    assert table.rows[1][1].bold == ["教育局"] and table.rows[1][1].location.describe() == "表1 第2行 第2列"
    assert "页眉文字" not in doc.plain_text()


def test_twenty_pages_of_numbered_runs_read_whole(tmp_path):
    numbering = numbering_xml(
        {1: [(0, "chineseCounting", "%1、", 1, ""), (1, "chineseCounting", "（%2）", 1, "")]}, {1: (1, "")}
    )
    sentence = "全面提高义务教育保障水平和服务能力，推进县域义务教育优质均衡发展，办好人民满意的教育。"
    parts = []
    for k in range(40):
        parts.append(p("主要任务", num=(1, 0)))
        for j in range(6):
            parts.append(p(f"任务{j}", num=(1, 1)))
            parts.append("<w:p>" + "".join(r(sentence[i : i + 9]) for i in range(0, len(sentence), 9)) + "</w:p>")
    rows = [tr(tc(f"{i}"), tc("资源配置"), tc(sentence), tc("教育局", ), tc("2022年")) for i in range(80)]
    parts.append(tbl(*rows, cols=5))
    path = build_docx(tmp_path / "long.docx", "".join(parts), numbering=numbering)
    data = path.read_bytes()
    read_docx("warm.docx", data)
    doc = read_docx(str(path), data)
    assert len(doc.blocks) == 40 * 13 + 1


@pytest.mark.skipif(not list(SAMPLES.glob("*.docx")), reason="no .docx renditions in samples/")
@pytest.mark.parametrize("docx_path", sorted(SAMPLES.glob("*.docx")), ids=lambda path: path.stem)
def test_sample_rendition_reads_like_its_text(docx_path):
    txt_path = docx_path.with_suffix(".txt")
    if not txt_path.exists():
        pytest.skip("no .txt beside the rendition")
    from_txt, from_docx = read_document(txt_path), read_document(docx_path)
    assert from_docx.metadata == from_txt.metadata
    assert from_docx.annex_start == from_txt.annex_start
    assert [(b.kind, b.text) for b in from_docx.blocks if b.kind != "table"] == [
        (b.kind, b.text) for b in from_txt.blocks if b.kind != "table"
    ]
    assert sum(b.kind == "table" for b in from_docx.blocks) == sum(b.kind == "table" for b in from_txt.blocks)


def _rewrite_part(path: Path, name: str, change) -> bytes:
    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(data) if info.filename == name else data)
    return out.getvalue()


def test_strict_open_xml_namespace(tmp_path):
    path = build_docx(tmp_path / "strict.docx", p("严格模式的正文") + tbl(tr(tc("甲"), tc("乙")), cols=2))
    data = _rewrite_part(
        path,
        "word/document.xml",
        lambda xml: xml.replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        ),
    )
    doc = read_docx("strict.docx", data)
    assert texts(doc) == ["严格模式的正文", "甲\t乙"]


def test_images_and_embedded_objects_warned(tmp_path):
    picture = (
        '<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="2" name="公章"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
    ole = '<w:r><w:object><v:shape id="o1"/><o:OLEObject ProgID="Excel.Sheet.12" ShapeID="o1"/></w:object></w:r>'
    body = "<w:p>" + r("奇台县人民政府") + picture + "</w:p>" + "<w:p>" + ole + "</w:p>"
    doc = read(build_docx(tmp_path / "media.docx", body))
    assert texts(doc) == ["奇台县人民政府"]
    assert any("1 张图片" in w for w in doc.warnings)
    assert any("1 个嵌入对象" in w for w in doc.warnings)
