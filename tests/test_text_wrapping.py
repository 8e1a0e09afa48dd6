"""Text pasted from a PDF (into a text file or a portal's editor) keeps the PDF's lines: the readers
join them back into paragraphs, and leave alone text whose lines are its writer's own paragraphs.

tests/data/txt_hard_wrapped_pdf_paste.txt: a plan written for this test, broken into lines of 24
characters' width (tests/layouts/text_writer.py); tests/test_layouts.py runs the same on whole plans."""
from __future__ import annotations

from pathlib import Path

from duibiao.audit import audit_file
from duibiao.extractors.html_reader import read_html
from duibiao.extractors.text_reader import read_text

DATA = Path(__file__).parent / "data"
PASTE = DATA / "txt_hard_wrapped_pdf_paste.txt"


def _paragraphs(text: str) -> list[str]:
    doc = read_text("plan.txt", text.encode("utf-8"))
    return [b.text for b in doc.blocks if b.kind == "paragraph"]


def test_lines_of_a_pdf_paste_become_paragraphs_again():
    paragraphs = _paragraphs(PASTE.read_text(encoding="utf-8"))
    assert paragraphs[:2] == ["云岫县推进义务教育优质均衡发展三年行动计划", "一、总体目标"]
    target = paragraphs[2]
    assert target.startswith("到2026年") and target.endswith("不低于2200元、2700元。")
    assert "均不少于1.2人" in target  # a number cut by a line end is one number again
    # A responsibility label on a line of its own stays apart from the task above it; a unit name cut
    # by the line end is whole.
    assert "责任单位：县教育局、县委编办、县人力资源和社会保障局" in paragraphs
    assert len(paragraphs) == 8


def test_a_pdf_paste_audits_its_cut_sentences_and_units():
    audit = {i["id"]: i for i in audit_file(PASTE).to_dict()["indicators"]}
    assert {s["value"] for s in audit["R2"]["thresholds"]} == {1.2}
    assert {s["value"] for s in audit["R6"]["thresholds"]} == {2200.0, 2700.0}
    assert "县人力资源和社会保障局" in audit["R3"]["units"]["lead"]
    assert audit["G4"]["units"]["lead"] == ["县教育局", "县发展改革局", "县财政局"]


def test_a_writers_own_short_lines_are_not_joined():
    text = "\n".join([
        "附件2",
        "县创建工作领导小组成员名单",
        "组  长：王建华  县人民政府县长",
        "副组长：李明亮  县人民政府副县长",
        "成  员：赵志刚  县教育局局长",
        "孙丽娟  县财政局局长",
        "周国平  县人力资源和社会保障局局长",
        "领导小组办公室设在县教育局，办公室主任由县教育局局长兼任",
    ])
    assert _paragraphs(text) == [line.strip() for line in text.split("\n")]


def test_paragraphs_one_per_line_are_kept_even_without_a_full_stop():
    lines = [
        "1.加强组织领导，成立由县长任组长的创建工作领导小组",
        "2.加大经费投入，确保义务教育经费做到两个只增不减",
        "3.强化督导考核，将创建工作纳入乡镇年度绩效考核",
        "4.营造良好氛围，充分利用各类媒体宣传创建工作成效",
    ]
    assert _paragraphs("\n".join(lines)) == lines


def _html_paragraphs(body: str) -> list[str]:
    page = f'<html><head><meta charset="utf-8"></head><body><div class="article">{body}</div></body></html>'
    doc = read_html("page.html", page.encode("utf-8"))
    return [b.text for b in doc.blocks if b.kind == "paragraph"]


def test_a_pdf_pasted_into_a_portal_editor_is_read_as_paragraphs():
    lines = PASTE.read_text(encoding="utf-8").splitlines()
    paragraphs = _html_paragraphs("<p>" + "<br>".join(lines) + "</p>")
    assert paragraphs == _paragraphs("\n".join(lines))


def test_a_portal_page_whose_br_lines_are_paragraphs_keeps_them():
    lines = ["　　一、加强组织领导。县政府成立创建工作领导小组，统筹推进各项工作。",
             "　　二、加大经费投入。县财政每年安排专项资金，保障学校建设和设备购置。",
             "　　三、强化督导检查。县教育督导室每学期开展一次专项督导，通报结果。"]
    assert _html_paragraphs("<p>" + "<br>".join(lines) + "</p>") == [x.strip("　") for x in lines]


FIGURE_PARAGRAPHS = [
    "到2027年，全县小学、初中每百名学生拥有高于规定学历教师数分别达到4.5人、5.4人，生均教学仪器设备值分别达到2150元、2680元。",
    "县财政2025年、2026年、2027年分别安排1200万元、1500万元、1800万元专项资金，用于36所学校的校舍改造和设备购置。",
    "城区和镇区公办小学、初中就近划片入学比例分别达到100%和96%以上，初中三年巩固率达到97.5%以上。",
    "乡村学校教师周转宿舍建设纳入年度计划，2026年前新建120套，改造85套，满足交流轮岗教师的住宿需要。",
]


def test_lines_cut_by_width_rejoin_however_many_digits_they_hold():
    """A PDF's lines have one width, not one length: a line full of Latin digits holds many more
    characters than one of Chinese text, so the lines' lengths spread far; the text is still
    recognised as wrapped (measured as set: a Chinese character two columns, a digit one)."""
    from layouts.text_writer import wrapped

    paragraphs = [wrapped(text, 22, "\u3000\u3000") for text in FIGURE_PARAGRAPHS]
    full = [len(line.strip()) for lines in paragraphs for line in lines[:-1]]
    assert max(full) - min(full) > 5  # full lines of 20 to 28 characters
    lines = [line for lines in paragraphs for line in lines]
    assert _paragraphs("\n".join(lines)) == FIGURE_PARAGRAPHS
