"""Responsibility assignments: label forms, table columns, duty lists, coverage, unit keys."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

from duibiao.extractors import read_document  # noqa: E402
from duibiao.extractors.model import Block, Cell, Document  # noqa: E402
from duibiao.extractors.structure import finalize  # noqa: E402
from duibiao.extractors.text_reader import parse_lines  # noqa: E402
from duibiao.responsibility import (  # noqa: E402
    CoverageIndex,
    covering,
    dedupe,
    extract_assignments,
    missing_departments,
    required_departments,
    split_units,
    unassigned_rows,
    unit_key,
)
from duibiao.reports.units_text import render_assignments  # noqa: E402
from duibiao.responsibility.report import list_assignments  # noqa: E402
from duibiao.responsibility.units import catalog, looks_like_unit  # noqa: E402


def _doc(lines: list[str]) -> Document:
    return finalize(Document("t.txt", "txt", blocks=parse_lines(lines)))


def _table_doc(rows: list[list[str]], bold: dict | None = None, before: list[str] | None = None) -> Document:
    cells = [[Cell(t) for t in row] for row in rows]
    for (r, c), runs in (bold or {}).items():
        cells[r][c].bold = runs
    blocks = [Block("paragraph", t) for t in (before or ["附件"])]
    blocks.append(Block("table", "", rows=cells))
    return finalize(Document("t.docx", "docx", blocks=blocks))


def _find(doc: Document, start: str) -> int:
    return next(i for i, b in enumerate(doc.blocks) if b.text.startswith(start))


def _sample(name: str) -> Path:
    return ROOT / "samples" / f"{name}.txt"


# --- label forms --------------------------------------------------------------------------------


def test_inline_lead_and_support_label():
    doc = _doc([
        "三、工作任务",
        "1. 科学规划教育布局。优化教育资源配置，完善教育设施空间布局体系。（牵头单位：教育和体育事业中心，"
        "配合单位：发展改革局、建设局、高新区自然资源和规划分局）",
        "2. 加大教育经费投入。及时足额拨付义务教育经费。（责任单位：财政金融局）",
    ])
    a, b = extract_assignments(doc)
    assert a.form == "inline" and b.form == "inline"
    assert a.lead == ["教育和体育事业中心"]
    assert a.support == ["发展改革局", "建设局", "高新区自然资源和规划分局"]
    assert a.covers == [(1, None)]
    assert b.lead == ["财政金融局"] and b.support == [] and b.covers == [(2, None)]


def test_bracket_labels():
    doc = _doc([
        "1. 推进集团化办学，加强管理。【牵头单位】县教育局【配合单位】县财政局、县人社局",
        "2. 规范办学行为。",
        "【责任单位】县教育局、县公安局",
    ])
    a, b = extract_assignments(doc)
    assert (a.form, a.lead, a.support, a.covers) == ("bracket", ["县教育局"], ["县财政局", "县人社局"], [(0, None)])
    assert (b.form, b.lead, b.covers) == ("bracket", ["县教育局", "县公安局"], [(1, None)])


def test_line_label_covers_task_back_to_previous_label():
    doc = _doc([
        "四、主要任务",
        "（一）统筹协调，进一步完善义务教育优质均衡发展机制。",
        "1.依法落实义务教育财政投入。落实教育经费保障机制，确保教师的平均工资不低于当地公务员的平均工资。",
        "责任单位：财政局",
        "进一步落实各乡镇人民政府的教育职责，督促监护人保证适龄儿童、少年入学并完成义务教育。",
        "责任单位：各乡镇，司法局、教育局",
        "3.进一步创新教育管理机制。切实推进义务教育集团化办学。",
        "责任单位：教育局",
    ])
    a, b, c = extract_assignments(doc)
    assert a.form == "line" and a.lead == ["财政局"] and a.covers == [(2, None)]
    assert b.lead == ["各乡镇", "司法局", "教育局"] and b.covers == [(4, None)]
    assert c.covers == [(6, None)]
    assert covering([a, b, c], 1, None) == []  # the section heading is not the item the label closes


def test_line_labels_on_two_lines_are_one_assignment():
    doc = _doc(["1. 义务教育学校规范化建设，全面达标。", "牵头单位：县教育局", "配合单位：县财政局、县人社局", "2. 其他。"])
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局"] and a.support == ["县财政局", "县人社局"] and a.covers == [(0, None)]
    doc = _doc(["1. 义务教育学校规范化建设，全面达标。", "牵头单位：县教育局", "配合单位：", "2. 其他。"])
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局"] and not a.blank and unassigned_rows([a]) == 0


def test_closing_label_covers_the_section_item_it_closes():
    doc = _doc([
        "四、工作重点",
        "（一）科学规划，城乡一体，实现办学条件优质均衡。优化学校布局，适度设计办学规模，实行标准班额办学。",
        "（责任部门：区发改委、区自规分局、区财政局、区住房城乡建设交通局、区教育局、各乡街）",
        "（二）引育管用，优化配置，实现师资队伍优质均衡。根据实际需要补充教师；深入推进区管校聘管理改革。",
        "（责任部门：区委组织部、区委编办、区人社局、区教育局）",
        "五、工作措施",
        "（一）推进学校现代化建设。新建学校原则上按照有关标准和要求进行建设。",
    ])
    a, b = extract_assignments(doc)
    assert a.form == "closing" and a.covers == [(1, None)]
    assert a.lead[-1] == "各乡街"
    assert b.covers == [(3, None)]
    assert covering([a, b], 6, None) == []  # 五、 items have no slot


def test_closing_label_of_a_section_with_unlabelled_items_covers_the_section():
    doc = _doc([
        "四、主要任务",
        "（二）改善办学条件，全面推进标准化建设，确保各项指标达标。",
        "1. 建设校舍，扩大学位供给。",
        "2. 配备设备，更新教学仪器。",
        "（责任部门：县发改委、县住建局）",
        "（三）加强队伍建设，补充音体美教师。",
    ])
    (a,) = extract_assignments(doc)
    assert a.covers == [(1, None), (2, None), (3, None)]


def test_section_label_is_inherited_by_unlabelled_items():
    doc = _doc([
        "四、主要任务",
        "（一）强化师资。按标准配齐教师，落实编制管理。（牵头单位：县教育局；配合单位：县委编办、县人社局）",
        "1. 补充音体美专任教师，落实编制。",
        "2. 开展教师培训，提高教师素质。（责任单位：县财政局）",
        "（二）改善办学条件。",
        "（责任单位：县住建局）",
        "1. 建设校舍。",
        "2. 配备设备。",
        "五、保障措施",
    ])
    a, b, c = extract_assignments(doc)
    assert a.covers == [(1, None), (2, None)]  # item 2 has its own label
    assert b.lead == ["县财政局"] and b.covers == [(3, None)]
    assert c.form == "closing" and c.covers == [(4, None), (6, None), (7, None)]
    assert [x.lead for x in covering([a, b, c], 2, None)] == [["县教育局"]]


def test_label_right_after_a_heading_covers_the_item_text():
    doc = _doc(["（一）优化学校布局", "责任单位：县教育局", "完善学校布局动态调整机制，确保学位供给。", "另一段内容。",
                "（二）改善条件"])
    (a,) = extract_assignments(doc)
    assert a.covers == [(0, None), (2, None), (3, None)]


def test_lead_marked_in_a_single_list():
    doc = _doc(["1. 其他任务（责任单位：县教育局（牵头）、县财政局、县人社局）"])
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局"] and a.support == ["县财政局", "县人社局"]


def test_addressing_the_units_is_not_a_label():
    doc = _doc(["（二）改善条件。", "各责任单位：要高度重视，抓好落实。", "责任单位：要按时完成各项任务，确保取得实效。"])
    assert extract_assignments(doc) == []
    assert unassigned_rows(extract_assignments(doc)) == 0


def test_role_word_parenthesis():
    doc = _doc(["2. 落实经费，保障投入（县财政局牵头，县教育局、县人社局配合）。"])
    (a,) = extract_assignments(doc)
    assert a.form == "inline" and a.lead == ["县财政局"] and a.support == ["县教育局", "县人社局"]


def test_blank_label_counts_as_unassigned():
    doc = _doc(["1. 建设校舍，扩大学位。", "责任单位：", "2. 配备设备。（责任单位：）", "3. 其他。（牵头单位：县教育局，配合单位：）"])
    a, b, c = extract_assignments(doc)
    assert a.blank and a.covers == [(0, None)] and a.lead == []
    assert b.blank and b.covers == [(2, None)]
    assert not c.blank and c.lead == ["县教育局"]
    assert unassigned_rows([a, b, c]) == 2


def test_mechanism_phrases_and_leadership_lists_are_not_assignments():
    doc = _doc([
        "（一）加强组织领导。建立健全政府统一领导、教育主管部门牵头、相关部门单位协同推进的工作机制。",
        "1. 完善控辍保学机制。构建市级统筹、部门联动、镇街主抓的责任网络。",
        "2. 加强教师队伍建设。教育、人社、编制、财政等部门密切配合，多渠道补充教师。",
        "成立义务教育优质均衡发展工作领导小组，成员如下：",
        "组  长：刘  强    县委副书记、县长",
        "副组长：曹其虎    县委常委、宣传部部长",
        "成  员：郑  君    县委办公室主任",
        "高树青    县委机构编制委员会办公室主任",
        "领导小组办公室设在教育局，办公室主任由苗刚兼任。",
        "附件：县域义务教育优质均衡发展督导评估认定体系责任分工",
    ])
    assert extract_assignments(doc) == []


# --- tables ---------------------------------------------------------------------------------------


def test_table_unit_column_found_by_header_anywhere():
    doc = _table_doc([
        ["序号", "责任单位", "指标", "备注"],
        ["1", "编办、人社局、教育局", "每百名学生拥有高于规定学历教师数达到要求", ""],
        ["2", "财政局、教育局", "生均教学仪器设备值达到要求", ""],
    ])
    a, b = extract_assignments(doc)
    assert (a.form, a.block, a.row, a.covers) == ("table", 1, 1, [(1, 1)])
    assert a.lead == ["编办", "人社局", "教育局"] and b.lead == ["财政局", "教育局"]
    assert a.location.table == 1 and a.location.column == 2


def test_table_lead_and_support_columns():
    doc = _table_doc([
        ["任务", "牵头单位", "配合单位", "完成时限"],
        ["化解大班额，班额不超过45人", "县教育局", "县财政局\n县发展和改革\n委员会", "2024年"],
    ])
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局"] and a.support == ["县财政局", "县发展和改革委员会"]


def test_table_header_with_fewer_cells_is_aligned_from_the_right():
    doc = _table_doc([
        ["指标内容及评估要点", "是否达标", "存在问题", "整改措施", "整改时限", "责任部门"],
        ["1资源\n配置", "1.1每百名学生拥有高于规定学历教师数", "是", "无", "", "", "组织人事部\n（黑体为牵头单位，下同）"],
        ["", "2.1县域内义务教育学校规划布局合理", "否", "未编制", "完成编制", "2023年12月",
         "教育和体育事业中心\n发展改革局\n建设局\n高新区自然资源\n和规划分局"],
        ["", "4.5教育系统存在重大安全责任事故", "是", "无", "", "", "建设局\n综合行政执法\n与应急管理局\n市场监管局"],
        ["", "2.5小学、初中所有班级学生数分别不超过45人、50人", "否", "超额班级120个", "严格控制", "2025年9月", ""],
    ])
    a, b, c, d = extract_assignments(doc)
    assert a.lead == ["组织人事部"]  # the parenthetical note is dropped
    assert b.lead == ["教育和体育事业中心", "发展改革局", "建设局", "高新区自然资源和规划分局"]
    assert c.lead == ["建设局", "综合行政执法与应急管理局", "市场监管局"]
    assert d.blank and d.covers == [(1, 4)] and d.location.column == 7
    assert unassigned_rows([a, b, c, d]) == 1


def test_table_wrapped_cell_after_separator_and_blank_lines():
    doc = _table_doc([
        ["序号", "指标", "责任单位"],
        ["15", "留守儿童关爱体系健全，随迁子女就读比例不低于85%", "民政局、教育局、\n\n妇联、团委、残联"],
    ])
    (a,) = extract_assignments(doc)
    assert a.lead == ["民政局", "教育局", "妇联", "团委", "残联"]


def test_table_bold_units_are_the_lead():
    doc = _table_doc(
        [["指标", "责任单位"], ["每百名学生拥有骨干教师数达到1人以上", "县教育局\n县财政局\n县人社局"]],
        bold={(1, 1): ["县人社局"]},
    )
    (a,) = extract_assignments(doc)
    assert a.lead == ["县人社局"] and a.support == ["县教育局", "县财政局"]


def test_table_blank_cell_only_counts_for_task_rows():
    doc = _table_doc([
        ["一级指标", "二级指标", "责任部门", "备注"],
        ["社会认可度", "社会认可度调查的对象包括学生、家长、教师", "", "社会认可度必须达到85%以上。"],
        ["", "", "", "2025年"],  # nothing stated: not a task row
        ["", "所有学校制定章程", "教育局"],  # a row with fewer cells is aligned from the left
    ])
    assignments = extract_assignments(doc)
    assert [(a.row, a.blank) for a in assignments] == [(1, True), (3, False)]
    assert assignments[1].lead == ["教育局"]
    assert unassigned_rows(assignments) == 1


def test_table_without_unit_column_gives_nothing():
    doc = _table_doc([["指标", "目标值"], ["初中三年巩固率", "95%"]])
    assert extract_assignments(doc) == []


def test_table_self_assessment_column_is_not_a_unit_column():
    doc = _table_doc([
        ["序号", "重点任务", "责任科室预计达成情况", "责任单位"],
        ["1", "推进集团化办学，扩大优质教育资源覆盖面", "已完成80%", "县教育局"],
        ["2", "落实教师培训经费，按公用经费5%安排", "已完成", ""],
    ])
    a, b = extract_assignments(doc)
    assert a.lead == ["县教育局"] and a.support == [] and a.location.column == 4
    assert b.blank and b.lead == []


def test_table_header_below_a_title_row():
    doc = _table_doc([
        ["义务教育优质均衡发展重点任务责任分工"],
        ["序号", "重点任务", "牵头单位", "配合单位"],
        ["1", "化解大班额，班额不超过45人", "县教育局", "县财政局"],
    ])
    (a,) = extract_assignments(doc)
    assert (a.row, a.lead, a.support) == (2, ["县教育局"], ["县财政局"])


def _spanned(text: str) -> Cell:
    return Cell(text, spanned=True)


def test_table_two_row_header_unit_cell_over_lead_and_support():
    # As the .docx reader gives it: 责任单位 spans two columns (read once), the other headings span
    # two rows (repeated below, spanned).
    header = [Cell(t) for t in ("序号", "重点任务", "责任单位", "完成时限")]
    sub = [_spanned("序号"), _spanned("重点任务"), Cell("牵头"), Cell("配合"), _spanned("完成时限")]
    data = [Cell(t) for t in ("1", "化解大班额，班额不超过45人", "县教育局", "县财政局、县住建局", "2024年")]
    blank = [Cell(t) for t in ("2", "配齐音体美专任教师，落实编制", "", "", "2025年")]
    doc = finalize(Document("t.docx", "docx", blocks=[Block("paragraph", "附件"),
                                                      Block("table", "", rows=[header, sub, data, blank])]))
    a, b = extract_assignments(doc)
    assert a.row == 2 and a.lead == ["县教育局"] and a.support == ["县财政局", "县住建局"]
    assert b.blank and b.row == 3
    # As a text file gives it: the merged cells are empty on the row they do not start.
    doc = _table_doc([
        ["序号", "重点任务", "责任单位", "", "完成时限"],
        ["", "", "牵头单位", "配合单位", ""],
        ["1", "化解大班额，班额不超过45人", "县教育局", "县财政局", "2024年"],
    ])
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局"] and a.support == ["县财政局"]


# --- duty lists ---------------------------------------------------------------------------------


def test_duty_list_headings_and_inline_entries():
    doc = _doc([
        "附件",
        "一、工作专班成员名单",
        "组  长：崔加清  市委副书记、市长",
        "成  员：李士东  市发展和改革局局长",
        "工作专班下设办公室，办公室设在市教体局。",
        "二、工作专班工作职责",
        "（一）市政府办公室",
        "将义务教育优质均衡发展纳入市政府议事日程，协调召开相关会议。",
        "（二）市人力资源和社会保障局",
        "会同教体局落实好教师工资等待遇，按规定足额核定教师绩效工资总量。",
        "（三）各镇街",
        "依法保障适龄儿童少年就近入学。",
        "三、成员单位职责",
        "1. 县财政局：负责落实义务教育经费，足额拨付生均公用经费。",
        "2. 县残联：做好残疾儿童少年入学工作。",
    ])
    duties = extract_assignments(doc)
    assert [a.form for a in duties] == ["duty"] * 5
    assert [a.lead for a in duties] == [["市政府办公室"], ["市人力资源和社会保障局"], ["各镇街"], ["县财政局"], ["县残联"]]
    i = _find(doc, "会同教体局")
    assert [a.lead for a in covering(duties, i, None)] == [["市人力资源和社会保障局"]]  # 会同 is not a unit label
    assert duties[3].covers == [(_find(doc, "1. 县财政局"), None)]
    assert all(a.support == [] for a in duties)
    assert not covering(duties, _find(doc, "组  长"), None)


def test_duty_headings_that_name_their_unit_are_entries():
    doc = _doc([
        "三、部门职责",
        "（一）县教育局职责",
        "统筹推进义务教育优质均衡发展，制定年度工作计划。",
        "（二）县财政局工作职责",
        "落实义务教育经费，足额拨付生均公用经费。",
        "四、保障措施",
        "加强督导检查。",
    ])
    a, b = extract_assignments(doc)
    assert (a.form, a.lead, a.covers) == ("duty", ["县教育局"], [(2, None)])
    assert (b.lead, b.covers) == (["县财政局"], [(4, None)])


# --- units ----------------------------------------------------------------------------------------


def test_unit_splitting():
    assert split_units("各街道、镇、中心") == ["各街道", "镇", "中心"]
    assert split_units("县委组织部、编委办，人社局、教育局") == ["县委组织部", "编委办", "人社局", "教育局"]
    assert split_units("住房和城乡建设局、人力资源和社会保障局") == ["住房和城乡建设局", "人力资源和社会保障局"]
    assert split_units("教育局和财政局及各学校") == ["教育局", "财政局", "各学校"]
    assert split_units("教育局\xa0、民政局；公安局。") == ["教育局", "民政局", "公安局"]
    assert split_units("县教育局、县教育局（牵头）") == ["县教育局"]
    assert looks_like_unit("综合行政执法与应急管理局") and not looks_like_unit("县住房和城乡")


def test_unit_key_aliases():
    assert unit_key("区委编办") == unit_key("编委办") == unit_key("机构编制委员会办公室") == "编办"
    assert unit_key("市教育和体育局") == unit_key("教体局") == unit_key("教育局") == unit_key("教育和体育事业中心")
    assert unit_key("人社局") == unit_key("人力资源和社会保障局") == unit_key("区人力资源社会保障局")
    assert unit_key("发改委") == unit_key("县发展和改革局") == unit_key("发展改革局") == unit_key("发展和改革委员会")
    assert unit_key("住建局") == unit_key("住房和城乡建设局") == unit_key("区住房城乡建设交通局") == unit_key("建设局")
    assert unit_key("自然资源局") == unit_key("市自然资源和规划局") == unit_key("区自规分局")
    assert unit_key("卫健委") == unit_key("卫生健康局") == unit_key("卫生健康委员会")
    assert unit_key("市场监督管理局") == unit_key("市市场监管局") == unit_key("市监局")
    assert unit_key("组织部") == unit_key("组织人事部") == unit_key("县委组织部")
    assert unit_key("各乡镇") == unit_key("各镇街") == unit_key("各乡街") == unit_key("各街道") == unit_key("镇") == "乡镇"
    assert unit_key("宣传新闻中心") == "宣传"  # a 中心 that is not a township
    assert unit_key("市残联") == unit_key("残联") == "残联"
    assert unit_key("高新区消防救援大队") == "消防救援大队"
    assert unit_key("城市管理局") == "城市管理局"  # 市 belongs to the name here


def test_unit_key_party_committee_prefix():
    assert unit_key("县委政法委") == unit_key("政法委") == "政法委"
    assert unit_key("市委宣传部") == unit_key("宣传部") and unit_key("区委组织部") == unit_key("组织部")
    assert unit_key("县委办公室") == "办公室"


def test_unit_key_stems_group_other_spellings():
    assert unit_key("县教育和科学技术局") == unit_key("县教育科技局") == unit_key("教育局") == "教育"
    assert unit_key("县发展和改革委") == unit_key("发改委") == "发改"
    assert unit_key("县卫生健康委") == unit_key("卫健委") == "卫健"
    assert unit_key("县文化广电和旅游局") == unit_key("文旅局") == "文旅"
    assert unit_key("各街镇") == unit_key("各乡（镇）人民政府") == unit_key("各乡镇") == "乡镇"
    assert unit_key("县人民政府教育督导室") != "教育"  # another unit than the education bureau
    assert unit_key("各乡村学校") != "乡镇"


def test_role_words_agree_between_labels_and_lists():
    doc = _doc(["1. 建设校舍。（县教育局承办，县财政局参加）", "2. 配备设备。（责任单位：县教育局；参加单位：县财政局）"])
    a, b = extract_assignments(doc)
    assert (a.lead, a.support) == (["县教育局"], ["县财政局"])
    assert (b.lead, b.support) == (["县教育局"], ["县财政局"])
    assert dedupe(["县教育局", "", "县财政局", "县教育局"]) == ["县教育局", "县财政局"]


def test_coverage_index_gives_section_labels_to_their_items_and_cells_to_their_rows():
    doc = _doc([
        "四、主要任务",
        "（一）强化师资。（牵头单位：县教育局；配合单位：县委编办）",
        "1. 补充教师。",
        "2. 开展培训。（责任单位：县财政局）",
    ])
    doc.blocks.append(_table_doc([["指标", "责任单位"], ["每百名学生拥有骨干教师数达到1人以上", "县人社局"]]).blocks[-1])
    assignments = extract_assignments(doc)
    index = CoverageIndex(assignments)
    assert [a.lead for a in index.at(2, None)] == [["县教育局"]]
    assert [a.lead for a in index.at(3, None)] == [["县财政局"]]  # its own label, not the section's
    assert [a.lead for a in index.at(4, 1)] == [["县人社局"]] and index.at(4, None) == []


def test_required_departments_are_alias_keys():
    keys = {g["key"] for g in catalog()["alias"]}
    reqs = required_departments()
    assert {"G6", "G7", "G8", "G10", "Q4", "R6", "V4", "G1", "R1", "R3", "R4", "R5", "G3"} <= set(reqs)
    for entry in reqs.values():
        assert entry["why"] and all(k in keys for alts in entry["needs"] for k in alts)
    assert missing_departments("G8", ["区财政局", "区教育局"]) == [["人社"]]
    assert missing_departments("R4", ["县住房和城乡建设局"]) == []
    assert missing_departments("Q7", ["教育局"]) == []


# --- the real plans ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("qitai", 1), ("zibo_gaoxin", 1), ("haicheng", 0), ("qufu", 0), ("bengbu_longzihu", 0),
])
def test_unassigned_rows_on_seeds(name, expected):
    doc = read_document(_sample(name))
    assert unassigned_rows(extract_assignments(doc)) == expected


def test_qitai_line_labels_and_table():
    doc = read_document(_sample("qitai"))
    assignments = extract_assignments(doc)
    i = _find(doc, "3.规范学校办学行为")
    assert [a.lead for a in covering(assignments, i, None)] == [["教育局", "司法局"]]
    i = _find(doc, "进一步落实各乡镇人民政府")
    assert [a.lead for a in covering(assignments, i, None)] == [["各乡镇", "司法局", "教育局"]]
    t = next(i for i, b in enumerate(doc.blocks) if b.kind == "table")
    (g15,) = [r for r, row in enumerate(doc.blocks[t].rows) if row[2].text.startswith("15.")]
    assert covering(assignments, t, g15)[0].lead == ["民政局", "教育局", "妇联", "团委", "残联"]
    (s1,) = [a for a in assignments if a.blank]
    assert doc.blocks[t].rows[s1.row][1].text == "社会认可度"
    assert not any(a.block < _find(doc, "四、主要任务") for a in assignments)  # no roster entries


def test_zibo_inline_labels_and_annex_table():
    doc = read_document(_sample("zibo_gaoxin"))
    assignments = extract_assignments(doc)
    i = _find(doc, "2. 全力化解大校额")
    (a,) = covering(assignments, i, None)
    assert a.lead == ["发展改革局", "教育和体育事业中心"]
    assert a.support[-4:] == ["各街道", "镇", "中心", "城投公司"]
    units = {u for a in assignments for u in a.units}
    assert {"高新区自然资源和规划分局", "综合行政执法与应急管理局"} <= units
    assert not any("黑体" in u or u in ("高新区自然资源", "和规划分局") for u in units)


def test_bengbu_closing_labels():
    doc = read_document(_sample("bengbu_longzihu"))
    assignments = extract_assignments(doc)
    assert [a.form for a in assignments] == ["closing"] * 6
    i = _find(doc, "（二）引育管用")
    assert covering(assignments, i, None)[0].lead == ["区委组织部", "区委编办", "区人社局", "区教育局"]
    assert covering(assignments, _find(doc, "（二）加强教师队伍建设"), None) == []


def test_haicheng_table_rows():
    doc = read_document(_sample("haicheng"))
    assignments = extract_assignments(doc)
    assert all(a.form == "table" for a in assignments)
    by_row = {a.row: a for a in assignments}
    t = assignments[0].block
    rows = doc.blocks[t].rows
    s1 = next(r for r, row in enumerate(rows) if "社会认可度达到85%" in row[1].text)
    assert by_row[s1].lead == ["领导小组各成员单位"]
    g3 = next(r for r, row in enumerate(rows) if "每12个班级" in row[1].text)
    assert by_row[g3].lead == ["教育局", "各镇街"]


def test_qufu_duties_only():
    doc = read_document(_sample("qufu"))
    assignments = extract_assignments(doc)
    assert len(assignments) == 21 and all(a.form == "duty" for a in assignments)
    assert assignments[0].lead == ["市政府办公室"] and assignments[-1].lead == ["各镇街"]
    mechanism = _find(doc, "（一）加强组织领导")
    assert covering(assignments, mechanism, None) == []


def test_report_rows():
    doc = read_document(_sample("zibo_gaoxin"))
    assignments = extract_assignments(doc)
    rows = list_assignments(doc, assignments)
    assert len(rows) == len(assignments)
    first = rows[0]
    assert first["form"] == "inline" and first["form_name"] == "行内标注"
    assert first["covered"].startswith("1. 科学规划教育布局") and len(first["covered"]) <= 40
    assert first["location"] == doc.blocks[assignments[0].block].location.describe()
    blank = [r for r in rows if r["blank"]]
    assert len(blank) == 1 and "表1" in blank[0]["location"]
    assert "空白" in render_assignments(blank)


def test_docx_bold_unit_is_the_lead(tmp_path):
    try:  # the docx reader's test builders, beside this file
        from tests.docx_fixtures import build_docx, p, tbl, tc, tr
    except ImportError:
        try:
            from docx_fixtures import build_docx, p, tbl, tc, tr
        except ImportError:
            pytest.skip("docx_fixtures not available")

    body = p("附件") + tbl(
        tr(tc("指标"), tc("责任单位")),
        tr(tc("每百名学生拥有县级以上骨干教师数达到1人以上"), tc(p("县教育局") + p("县人社局", bold=True) + p("县财政局"))),
        cols=2,
    )
    doc = read_document(build_docx(tmp_path / "bold.docx", body))
    (a,) = extract_assignments(doc)
    assert a.form == "table" and a.lead == ["县人社局"] and a.support == ["县教育局", "县财政局"]
