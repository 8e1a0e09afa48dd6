"""Text that continues (.docx): soft line breaks and hard returns in mid-sentence are wraps, those after a
finished sentence or before a numbering label are paragraph breaks; text pasted from a PDF is rejoined."""
from __future__ import annotations

from docx import Document as new_docx
from docx.shared import Pt

from duibiao.extractors import read_document


def _paragraphs(path, items):
    """items: (text, indented) or a list of lines for one paragraph with soft breaks between them."""
    doc = new_docx()
    for item in items:
        para = doc.add_paragraph()
        if isinstance(item, list):
            for k, line in enumerate(item):
                run = para.add_run(line)
                if k < len(item) - 1:
                    run.add_break()
            continue
        text, indented = item
        if indented:
            para.paragraph_format.first_line_indent = Pt(32)
        para.add_run(text)
    doc.save(path)
    return [b.text for b in read_document(path).blocks if b.kind != "table"]


def test_soft_breaks_end_paragraphs_only_after_a_sentence_or_before_a_label(tmp_path):
    texts = _paragraphs(tmp_path / "soft.docx", [
        ["（一）健全机制。建立县级联席会议制度，", "每季度研究一次推进工作。", "（二）保障经费。新增教育经费向薄弱学", "校倾斜。"],
    ])
    assert texts == ["（一）健全机制。建立县级联席会议制度，每季度研究一次推进工作。", "（二）保障经费。新增教育经费向薄弱学校倾斜。"]


def test_hard_return_in_mid_sentence_is_rejoined(tmp_path):
    texts = _paragraphs(tmp_path / "hard.docx", [
        ("各学校要在2026年底前完成功能教室改造，生均教学仪器设备值小学、初中分别达到", True),
        ("2000元以上、2500元以上。", False),
        ("每个乡镇建成一所寄宿制学校。", True),
        ("二、保障措施", True),
    ])
    assert texts[:2] == ["各学校要在2026年底前完成功能教室改造，生均教学仪器设备值小学、初中分别达到2000元以上、2500元以上。",
                         "每个乡镇建成一所寄宿制学校。"]


def test_text_pasted_from_a_pdf_is_rejoined_without_spaces(tmp_path):
    body = "全县义务教育学校全部达到省定办学条件标准，每百名学生拥有高于规定学历教师数小学初中分别达到4.2人以上、5.3人以上，校际差异系数小学不高于0.50。"
    lines = [body[k:k + 24] for k in range(0, len(body), 24)]
    items = [("　　一、工作目标", False)] + [(("　　" if k == 0 else "") + line, False) for k, line in enumerate(lines)]
    items += [("　　二、主要任务", False), ("　　（一）扩充学位。新建学校3所。", False)]
    texts = _paragraphs(tmp_path / "pasted.docx", items)
    assert texts == ["一、工作目标", body, "二、主要任务", "（一）扩充学位。新建学校3所。"]


def test_unmarked_document_is_left_as_written(tmp_path):
    """Without indents or centring a document gives no sign of where paragraphs start: nothing is joined."""
    items = [("关于印发创建方案的通知", False), ("各乡镇人民政府", False), ("现将方案印发给你们", False)]
    assert _paragraphs(tmp_path / "plain.docx", items) == [t for t, _ in items]


def test_annex_heading_after_an_unfinished_line_stands_alone(tmp_path):
    items = [("通知正文如下。", True), ("附件：创建工作任务分工表", True), ("附件", False), ("任务分工表", True)]
    texts = _paragraphs(tmp_path / "annex.docx", items)
    assert "附件" in texts


def test_soft_breaks_after_a_title_or_an_annex_heading_end_the_line(tmp_path):
    """A title (…实施方案, …的通知) or 附件2 typed above its text with a soft break stands alone, so the
    plan's title and region are still found; a line wrapped before …方案 in mid-sentence goes on."""
    texts = _paragraphs(tmp_path / "title.docx", [
        ["松溪区推进义务教育优质均衡发展实施方案", "为加快补齐办学条件短板，制定本方案。",
         "各街道要按照区政府印发的《推进工作实施方案", "》要求，逐项抓好落实。", "附件2", "重点任务分工表"],
    ])
    assert texts == ["松溪区推进义务教育优质均衡发展实施方案", "为加快补齐办学条件短板，制定本方案。",
                     "各街道要按照区政府印发的《推进工作实施方案》要求，逐项抓好落实。", "附件2", "重点任务分工表"]
    assert read_document(tmp_path / "title.docx").metadata.region == "松溪区"


def test_a_labelled_line_with_a_clause_inside_goes_on_after_a_break(tmp_path):
    """A short labelled line is a heading and ends its line; one with a clause inside (a comma) that
    stops without a full stop was cut in mid-sentence, and its figures go on the next line."""
    texts = _paragraphs(tmp_path / "label.docx", [
        ["（三）强化师资配备", "全县每年补充教师80名。",
         "2.更新教学设备，生均教学仪器设备值小学、初中分别达到2100元", "以上、2600元以上。"],
    ])
    assert texts == ["（三）强化师资配备", "全县每年补充教师80名。",
                     "2.更新教学设备，生均教学仪器设备值小学、初中分别达到2100元以上、2600元以上。"]


def test_an_annex_table_headed_fubiao_stands_alone_after_a_soft_break(tmp_path):
    """附表 (an annexed table) opens the annexes as 附件 does: typed below the last sentence with a soft
    break, it is not glued to that sentence."""
    texts = _paragraphs(tmp_path / "fubiao.docx", [
        ["各乡镇对照附表逐项整改，每月报送进展", "附表", "乡镇学校办学条件整改清单"],
    ])
    assert texts == ["各乡镇对照附表逐项整改，每月报送进展", "附表", "乡镇学校办学条件整改清单"]
