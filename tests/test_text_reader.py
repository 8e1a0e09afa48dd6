"""The .txt reader: encodings, line ends, TAB-cell tables, and the samples' metadata."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from duibiao.errors import UnreadableDocument
from duibiao.extractors import read_document
from duibiao.extractors.structure import finalize
from duibiao.extractors.text_reader import decode, parse_lines, read_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
QITAI = (SAMPLES / "qitai.txt").read_text(encoding="utf-8")


def _read(data: bytes):
    return finalize(read_text("plan.txt", data))


# --- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gb18030", b""),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ],
)
@pytest.mark.parametrize("sample", ["qitai", "qufu", "zibo_gaoxin"])
def test_encodings(encoding, bom, sample):
    text = (SAMPLES / f"{sample}.txt").read_text(encoding="utf-8")
    data = bom + text.encode(encoding)
    assert decode(data, "x") == text
    expected = _read(text.encode("utf-8"))
    doc = _read(data)
    assert [b.to_dict() for b in doc.blocks] == [b.to_dict() for b in expected.blocks]
    assert doc.metadata == expected.metadata


def test_gb18030_characters_outside_gbk():
    text = "𠀀县（扩展B区汉字）实施方案\n"
    assert decode(text.encode("gb18030"), "x") == text


def test_short_utf16_without_bom():
    assert decode("一、总体要求\r\n".encode("utf-16-le"), "x") == "一、总体要求\r\n"
    assert decode("Plan 2024\n".encode("utf-16-be"), "x") == "Plan 2024\n"


def test_broken_bom_text_is_reported():
    with pytest.raises(UnreadableDocument) as info:
        decode(codecs.BOM_UTF8 + "方案".encode("gb18030"), "bad.txt")
    assert "不是有效的 UTF-8 编码" in info.value.reason and info.value.path == "bad.txt"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends(newline):
    doc = read_text("x", newline.join(["第一段", "", "\t甲", "\t乙", "", "\t丙", "\t丁", "", "第二段"]).encode())
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert doc.blocks[1].text == "甲\t乙\n丙\t丁"
    assert [b.location.paragraph for b in doc.blocks] == [1, 3, 9]


def test_export_artefacts_are_removed():
    doc = read_text("x", "[bookmark: _GoBack]发展区实施方案\n".encode())
    assert doc.blocks[0].text == "发展区实施方案"


# --- TAB-cell tables ----------------------------------------------------------------------------

_TABLE = [
    "前言段落",
    "\t附件：重点任务分工表",  # a one-cell row before the table: a paragraph
    "",
    "\t类别",
    "\t指标",
    "\t责任单位",
    "",  # a blank line followed by a TAB line ends the row
    "\t资源配置",
    "\t生师比",
    "",  # a blank line inside a cell, then its continuation (a TAB line follows before the next blank)
    "达到国家标准",
    "\t县教育局",
    "县财政局",  # a line without TAB continues the cell above
    "",
    "",
    "\t政府保障",
    "\t规划",
    "\t县发改委",
    "",
    "\t注：以上为主要任务",  # a one-cell row after the table: a paragraph
    "",
    "后记段落",
]


def test_tab_cell_table():
    blocks = parse_lines(_TABLE)
    assert [(b.kind, b.location.paragraph) for b in blocks] == [
        ("paragraph", 1), ("paragraph", 2), ("table", 4), ("paragraph", 20), ("paragraph", 22),
    ]  # fmt: skip
    table = blocks[2]
    assert [[c.text for c in row] for row in table.rows] == [
        ["类别", "指标", "责任单位"],
        ["资源配置", "生师比\n\n达到国家标准", "县教育局\n县财政局"],
        ["政府保障", "规划", "县发改委"],
    ]
    assert [(c.location.paragraph, c.location.row, c.location.column) for c in table.rows[1]] == [
        (8, 2, 1), (9, 2, 2), (12, 2, 3),
    ]  # fmt: skip
    assert [blocks[1].text, blocks[3].text] == ["附件：重点任务分工表", "注：以上为主要任务"]


def test_text_after_blank_lines_ends_the_table():
    blocks = parse_lines(["\t甲", "\t乙", "", "正文继续。", "", "下一段。"])
    assert [(b.kind, b.text) for b in blocks] == [("table", "甲\t乙"), ("paragraph", "正文继续。"), ("paragraph", "下一段。")]


def test_indented_line_after_a_cell_starts_new_text():
    blocks = parse_lines(["\t甲", "\t乙", "　　二、工作目标", "正文。"])
    assert [(b.kind, b.text) for b in blocks] == [("table", "甲\t乙"), ("paragraph", "二、工作目标"), ("paragraph", "正文。")]


def test_one_cell_rows_only_become_paragraphs():
    blocks = parse_lines(["\t第一行", "", "\t第二行", "续行", "", "\t第三行"])
    assert [(b.kind, b.text, b.location.paragraph) for b in blocks] == [
        ("paragraph", "第一行", 1), ("paragraph", "第二行", 3), ("paragraph", "续行", 4), ("paragraph", "第三行", 6),
    ]  # fmt: skip


def test_sample_table():
    doc = read_document(SAMPLES / "qitai.txt")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1 and len(tables[0].rows) == 34 and {len(r) for r in tables[0].rows} == {5}


# --- metadata -----------------------------------------------------------------------------------

_METADATA = {
    "qitai": ("奇政办发〔2021〕10号", "奇台县人民政府办公室", "2021-02-28", "奇台县"),
    "qufu": ("曲政办字〔2024〕17号", "曲阜市人民政府办公室", "2024-09-03", "曲阜市"),
    "bengbu_longzihu": ("龙政〔2024〕19号", "龙子湖区人民政府", "2024-09-14", "龙子湖区"),  # 印发 line wins
    "haicheng": (None, None, None, "海城市"),
    "zibo_gaoxin": (None, "淄博高新技术产业开发区管理委员会办公室", None, "淄博高新技术产业开发区"),
}


@pytest.mark.parametrize("sample", sorted(_METADATA))
def test_sample_metadata(sample):
    meta = read_document(SAMPLES / f"{sample}.txt").metadata
    assert (meta.doc_number, meta.issuer, meta.date, meta.region) == _METADATA[sample]


def test_bengbu_issue_date_is_the_printing_date_not_the_signature_date():
    text = (SAMPLES / "bengbu_longzihu.txt").read_text(encoding="utf-8")
    assert "2024年9月12日" in text and "2024年9月14日印发" in text
    assert read_document(SAMPLES / "bengbu_longzihu.txt").metadata.date == "2024-09-14"


@pytest.mark.parametrize("written", ["奇政办发[2021]10号", "奇政办发（2021）10号", "奇政办发(2021)10号", "奇政办发【2021】10号"])
def test_doc_number_brackets_are_normalised(written):
    data = QITAI.replace("奇政办发〔2021〕10号", written, 1).encode("utf-8")
    assert _read(data).metadata.doc_number == "奇政办发〔2021〕10号"


@pytest.mark.parametrize("sample", sorted(_METADATA))
def test_traditional_characters_give_the_same_metadata(sample):
    import zhconv
    text = (SAMPLES / f"{sample}.txt").read_text(encoding="utf-8")
    traditional = zhconv.convert(text, "zh-tw")
    assert traditional != text
    doc = _read(traditional.encode("utf-8"))
    assert doc.metadata == _read(text.encode("utf-8")).metadata
    assert "繁体" in doc.warnings[0]


@pytest.mark.parametrize(
    "title, region",
    [
        ("淄博市高新区推动义务教育优质均衡发展实施方案", "淄博市高新区"),
        ("某某县巩固义务教育优质均衡成果方案", "某某县"),
        ("某某新区提升教育质量方案", "某某新区"),
        ("某某县2024年义务教育工作方案", "某某县"),
        ("创建全国义务教育优质均衡发展区实施方案", None),  # no place in the title: the issuer decides
    ],
)
def test_region_from_titles_of_any_wording(title, region):
    from duibiao.extractors.structure import _region

    assert _region(title, None) == region


def test_date_written_in_chinese_numerals(tmp_path):
    text = "某某县人民政府办公室\n二〇二四年九月三日\n某某县推进义务教育优质均衡发展实施方案\n"
    path = tmp_path / "方案.txt"
    path.write_text(text, encoding="utf-8")
    assert read_document(path).metadata.date == "2024-09-03"
