"""Units reach a task through every link a plan uses: task numbers joined to an annex 分工表, merged unit
cells over several task rows, section labels and duty lists, each assignment keeping its link (via).
Plans here are written for these tests; none of their sentences comes from a sample."""
from __future__ import annotations

import pytest

from duibiao.audit import audit_document
from duibiao.extractors import read_document
from duibiao.extractors.model import Block, Cell, Document
from duibiao.extractors.structure import finalize
from duibiao.extractors.text_reader import parse_lines
from duibiao.responsibility import extract_assignments, unassigned_rows
from duibiao.responsibility.report import list_assignments
from duibiao.responsibility.task_numbers import task_numbers

from docx_fixtures import build_docx, p, tc, tr, tbl


def _doc(lines: list[str]) -> Document:
    return finalize(Document("t.txt", "txt", blocks=parse_lines(lines)))


def _table(rows: list[list[str]]) -> list[str]:
    """The TAB-cell text form of a table: a TAB before each cell, a blank line between rows."""
    out: list[str] = []
    for row in rows:
        out += ["\t" + c for c in row] + [""]
    return out


def _units_of(doc: Document, start: str) -> list[tuple[str, list[str], list[str]]]:
    """(via, lead, support) of every assignment covering the block that starts with `start`."""
    block = next(i for i, b in enumerate(doc.blocks) if b.text.startswith(start))
    return [(a.via, a.lead, a.support) for a in extract_assignments(doc) if (block, None) in a.covers]


# --- reading task numbers ------------------------------------------------------------------------


@pytest.mark.parametrize("cell, numbers", [
    ("7", [7]),
    ("12、13", [12, 13]),
    ("4-6", [4, 5, 6]),
    ("任务8—任务10", [8, 9, 10]),
    ("２１～２３", [21, 22, 23]),  # full-width, as pasted from a WPS table
    ("第3项", [3]),
    ("一、三", [1, 3]),
    ("5，9", [5, 9]),
])
def test_task_number_cells(cell, numbers):
    assert task_numbers(cell) == numbers


@pytest.mark.parametrize("cell", ["2025年12月", "县教育局", "", "3.5", "10-2", "每年"])
def test_cells_that_name_no_task(cell):
    assert task_numbers(cell) == []


# --- task numbers joined to a 分工表 --------------------------------------------------------------

_WORDED_BODY = [
    "二、攻坚任务",
    "（一）师资建设",
    "任务1：引进紧缺学科教师，每百名学生拥有体育、艺术专任教师数小学和初中均达到0.9人以上。",
    "任务2：落实教师工资待遇，教师平均工资收入水平不低于当地公务员平均工资收入水平。",
    "建立工资待遇联动调整机制。",
    "任务3：推进校长教师交流轮岗。",
    "（二）条件改善",
    "任务4：新建改扩建校舍，生均教学及辅助用房面积小学不低于4.5平方米、初中不低于5.8平方米。",
    "任务5：按标准配备音乐美术专用教室。",
    "三、保障措施",
    "县财政局要统筹安排专项资金。",
    "附件",
    "攻坚任务责任分工",
]


def test_worded_tasks_take_the_units_of_their_rows():
    doc = _doc(_WORDED_BODY + _table([
        ["编号", "牵头单位", "配合单位"],
        ["1", "县教育局", "县委编办、县人社局"],
        ["2、3", "县人社局", "县财政局"],
        ["4-5", "县发展和改革局", "县教育局\n县自然资源局"],
    ]))
    assert _units_of(doc, "任务1") == [("task-number", ["县教育局"], ["县委编办", "县人社局"])]
    assert _units_of(doc, "任务2") == [("task-number", ["县人社局"], ["县财政局"])]
    # The paragraph after a task belongs to it, up to the next task.
    assert _units_of(doc, "建立工资待遇") == [("task-number", ["县人社局"], ["县财政局"])]
    assert _units_of(doc, "任务3") == [("task-number", ["县人社局"], ["县财政局"])]
    assert _units_of(doc, "任务5") == [("task-number", ["县发展和改革局"], ["县教育局", "县自然资源局"])]
    # A heading above the tasks ends the last one: 三、保障措施 is nobody's task.
    assert _units_of(doc, "县财政局要统筹") == []


def test_a_task_without_a_row_has_no_units_and_a_blank_row_is_counted():
    doc = _doc(_WORDED_BODY + _table([
        ["序号", "牵头单位", "配合单位"],
        ["1", "县教育局", ""],
        ["2", "", "县财政局"],
        ["4", "", ""],
    ]))
    assert _units_of(doc, "任务3") == []
    assert _units_of(doc, "任务2") == [("task-number", [], ["县财政局"])]
    assert _units_of(doc, "任务4") == [("task-number", [], [])]
    assert [a.blank for a in extract_assignments(doc) if a.via == "task-number"] == [False, True, True]
    # Row 2 leaves its lead blank, row 4 both unit cells: a table of task numbers has a task on every row.
    assert unassigned_rows(extract_assignments(doc)) == 2


def test_items_numbered_through_the_body_join_a_table_without_task_text():
    doc = _doc([
        "三、主要举措",
        "（一）办学条件",
        "1.完成薄弱学校改造项目。",
        "2.更新实验室仪器设备。",
        "（二）队伍建设",
        "3.开展教师全员培训。",
        "4.完善骨干教师评选办法。",
        "附件：任务清单",
    ] + _table([
        ["序号", "牵头部门", "协办部门", "完成时间"],
        ["1、2", "县发改局", "县教育局", "2025年底"],
        ["3-4", "县教育局", "县财政局", "2026年"],
    ]))
    assert _units_of(doc, "2.更新") == [("task-number", ["县发改局"], ["县教育局"])]
    assert _units_of(doc, "4.完善") == [("task-number", ["县教育局"], ["县财政局"])]


def test_a_table_that_only_counts_its_own_rows_is_not_joined():
    """Items 1. 2. restarting in each section are no task numbers; nor does a self-contained
    indicator table with 序号 1, 2, 3 refer to body items that say something else."""
    restarting = [
        "二、任务",
        "（一）硬件",
        "1.建设学校食堂。",
        "2.改造学生宿舍。",
        "（二）软件",
        "1.培训校长。",
        "2.培训班主任。",
        "附件",
    ]
    own_rows = _table([
        ["序号", "评估内容", "责任单位"],
        ["1", "每百名学生拥有县级以上骨干教师数达到1人以上", "县教育局"],
        ["2", "特殊教育学校生均公用经费不低于6000元", "县财政局"],
        ["3", "初中三年巩固率达到95%以上", "各乡镇人民政府"],
    ])
    doc = _doc(restarting + own_rows)
    assert not any(a.via == "task-number" for a in extract_assignments(doc))
    continuous = [
        "二、任务",
        "1.建设学校食堂。",
        "2.改造学生宿舍。",
        "3.开展送教上门。",
        "附件",
    ]
    doc = _doc(continuous + own_rows)
    assert not any(a.via == "task-number" for a in extract_assignments(doc))
    assert _units_of(doc, "1.建设") == []


def test_audit_reads_an_indicator_in_a_joined_task_with_its_rows_units():
    doc = _doc(_WORDED_BODY + _table([
        ["任务序号", "牵头单位", "配合单位"],
        ["1", "县教育局", "县委编办"],
        ["4", "县住房和城乡建设局", "县教育局"],
    ]))
    result = audit_document(doc)
    assert (result.by_id("R3").lead, result.by_id("R3").support) == (["县教育局"], ["县委编办"])
    assert (result.by_id("R4").lead, result.by_id("R4").support) == (["县住房和城乡建设局"], ["县教育局"])
    assert result.by_id("G8").units == []  # task 2 has no row
    links = {i["id"]: i["unit_links"] for i in result.to_dict()["indicators"]}
    assert [(x["unit"], x["role"], x["via"]) for x in links["R4"]] == [
        ("县住房和城乡建设局", "lead", "task-number"), ("县教育局", "support", "task-number")]


# --- merged unit cells -----------------------------------------------------------------------------

_VMERGE_START = '<w:vMerge w:val="restart"/>'
_VMERGE = "<w:vMerge/>"


def test_a_unit_cell_merged_over_task_rows_gives_its_units_to_each(tmp_path):
    """A Word table whose 牵头单位 cell spans three task rows, 配合单位 two of them."""
    body = (
        p("附件")
        + p("攻坚任务分工")
        + tbl(
            tr(tc("序号"), tc("攻坚任务"), tc("牵头单位"), tc("配合单位")),
            tr(tc("1"), tc("新建城东九年一贯制学校，新增学位一千二百个"), tc("县教育局", _VMERGE_START),
               tc("县自然资源局", _VMERGE_START)),
            tr(tc("2"), tc("改造农村学校运动场，铺设塑胶跑道"), tc("", _VMERGE), tc("", _VMERGE)),
            tr(tc("3"), tc("为乡村学校配齐音乐美术器材"), tc("", _VMERGE), tc("县财政局")),
            tr(tc("4"), tc("完善家长学校和家庭教育指导服务"), tc("县妇联"), tc("")),
            cols=4,
        )
    )
    doc = read_document(build_docx(tmp_path / "merged.docx", body))
    rows = [(a.row, a.lead, a.support, a.via) for a in extract_assignments(doc)]
    assert rows == [
        (1, ["县教育局"], ["县自然资源局"], "table-column"),
        (2, ["县教育局"], ["县自然资源局"], "table-column"),
        (3, ["县教育局"], ["县财政局"], "table-column"),
        (4, ["县妇联"], [], "table-column"),
    ]
    assert unassigned_rows(extract_assignments(doc)) == 0


def test_soft_line_breaks_in_a_unit_cell_separate_units_and_a_wrapped_name_stays_whole(tmp_path):
    br = '<w:r><w:br/></w:r>'
    cell = (f'<w:p><w:r><w:t>县教育局</w:t></w:r>{br}<w:r><w:t>县卫生健康委员会</w:t></w:r>{br}'
            f'<w:r><w:t>县残疾人联</w:t></w:r></w:p><w:p><w:r><w:t>合会</w:t></w:r></w:p>')
    body = p("附件") + tbl(
        tr(tc("重点任务"), tc("责任单位")),
        tr(tc("做好适龄残疾儿童入学评估和送教上门"), tc(cell)),
        cols=2,
    )
    doc = read_document(build_docx(tmp_path / "breaks.docx", body))
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局", "县卫生健康委员会", "县残疾人联合会"]


# --- the link each assignment keeps ----------------------------------------------------------------


def test_each_link_is_named_in_the_units_listing():
    doc = _doc([
        "四、工作措施",
        "（一）改善条件",
        "【责任单位】县教育局、县财政局",
        "1.改造老旧校舍。",
        "2.更新课桌椅。",
        "（二）规范管理",
        "1.规范学籍管理。（牵头单位：县教育局；配合单位：县公安局）",
        "五、部门职责",
        "（一）县民政局",
        "做好困境儿童救助保护工作。",
        "附件",
    ] + _table([
        ["工作内容", "责任单位"],
        ["开展校园周边环境整治", "县市场监督管理局"],
    ]))
    rows = list_assignments(doc, extract_assignments(doc))
    assert [(r["via"], r["lead"]) for r in rows] == [
        ("section", ["县教育局", "县财政局"]),
        ("label", ["县教育局"]),
        ("duty-list", ["县民政局"]),
        ("table-column", ["县市场监督管理局"]),
    ]
    assert [r["via_name"] for r in rows] == ["章节标注", "标注", "部门职责清单", "表格责任列"]


# --- names and labels cut by hard line breaks ------------------------------------------------------


def test_labels_wrapped_over_hard_line_breaks_read_joined():
    doc = _doc([
        "三、重点工作",
        "1.实施校舍扩容工程，新增教室八十间。（牵头单位：县教育",
        "局；配合单位：县发展和改革局、县住",
        "房和城乡建设局）",
        "2.建立留守儿童关爱台账。",
        "责任单位：县民政局、县妇女联",
        "合会、",
        "县教育局",
        "3.推进智慧校园建设。",
        "【责任",
        "单位】县工业和信息化局",
    ])
    rows = [(a.form, a.lead, a.support) for a in extract_assignments(doc)]
    assert rows == [
        ("inline", ["县教育局"], ["县发展和改革局", "县住房和城乡建设局"]),
        ("line", ["县民政局", "县妇女联合会", "县教育局"], []),
        ("bracket", ["县工业和信息化局"], []),
    ]
    # The label covers its item; the wrapped lines are part of the label, not another task.
    assert _units_of(doc, "2.建立") == [("label", ["县民政局", "县妇女联合会", "县教育局"], [])]
    assert _units_of(doc, "3.推进") == [("label", ["县工业和信息化局"], [])]


def test_a_complete_label_does_not_swallow_the_next_paragraph():
    doc = _doc([
        "1.开展校园安全隐患排查。",
        "责任单位：县教育局、县公安局",
        "县消防救援大队组织开展消防演练。",
    ])
    (a,) = extract_assignments(doc)
    assert a.lead == ["县教育局", "县公安局"]


# --- prefixes of prefecture and autonomous levels ----------------------------------------------------


@pytest.mark.parametrize("name, same_as", [
    ("州教育局", "县教育局"),
    ("自治县民宗局", "县民宗局"),
    ("自治州民族宗教事务委员会", "县民宗局"),
    ("盟财政局", "县财政局"),
    ("旗人力资源和社会保障局", "县人社局"),
    ("盟委编办", "县委编办"),
    ("市辖区民政局", "区民政局"),
    ("团州委", "共青团某县委员会"),
    ("自治县残疾人联合会", "县残联"),
])
def test_prefecture_and_autonomous_prefixes_compare_like_a_county(name, same_as):
    from duibiao.responsibility import unit_key
    assert unit_key(name) == unit_key(same_as)


def test_prefixes_are_not_confused_with_other_departments():
    from duibiao.responsibility import unit_key
    assert unit_key("州民政局") != unit_key("州民宗局")
    assert unit_key("自治县妇联") != unit_key("自治县残联")


def test_a_table_whose_task_cells_open_with_the_task_number_is_joined():
    doc = _doc(_WORDED_BODY + _table([
        ["重点任务", "责任单位"],
        ["任务2：落实教师待遇", "县人社局、县财政局"],
        ["任务4：校舍建设", "县住房和城乡建设局"],
    ]))
    assert _units_of(doc, "任务2") == [("task-number", ["县人社局", "县财政局"], [])]
    assert _units_of(doc, "任务4") == [("task-number", ["县住房和城乡建设局"], [])]
    assert _units_of(doc, "任务1") == []


def test_a_merged_lead_cell_under_a_spanning_header_reaches_the_numbered_tasks(tmp_path):
    """责任单位 spans 牵头 | 配合; the 牵头 cell is merged over two rows keyed by task numbers."""
    span, restart, cont = '<w:gridSpan w:val="2"/>', _VMERGE_START, _VMERGE
    body = (
        p("二、主要任务") + p("任务1：扩建城区学校，新增学位。") + p("任务2：改造乡村学校运动场。")
        + p("任务3：配齐乡村学校音乐美术器材。") + p("附件")
        + tbl(
            tr(tc("序号", restart), tc("任务内容", restart), tc("责任单位", span)),
            tr(tc("", cont), tc("", cont), tc("牵头"), tc("配合")),
            tr(tc("1-2"), tc("校舍和运动场建设"), tc("县教育局", restart), tc("县发改局")),
            tr(tc("3"), tc("器材配备"), tc("", cont), tc("县财政局")),
            cols=4,
        )
    )
    doc = read_document(build_docx(tmp_path / "spanning.docx", body))
    assert _units_of(doc, "任务2") == [("task-number", ["县教育局"], ["县发改局"])]
    assert _units_of(doc, "任务3") == [("task-number", ["县教育局"], ["县财政局"])]


_NUMBERED_BODY = [
    "二、主要任务",
    "1.加快义务教育学校校舍建设，新建教学楼三栋。",
    "2.配齐配足义务教育学校音乐、美术专用教室。",
    "3.完善义务教育学校教师交流轮岗制度。",
    "4.健全义务教育阶段控辍保学工作机制。",
    "附件",
]


def test_a_table_repeating_the_words_of_the_items_it_numbers_is_joined():
    doc = _doc(_NUMBERED_BODY + _table([
        ["序号", "工作内容", "牵头单位"],
        ["1", "校舍建设", "县住房和城乡建设局"],
        ["2", "音乐、美术专用教室", "县教育局"],
        ["3", "教师交流轮岗", "县人社局"],
    ]))
    assert _units_of(doc, "3.完善") == [("task-number", ["县人社局"], [])]
    assert _units_of(doc, "4.健全") == []


def test_a_table_sharing_only_common_words_with_the_items_is_not_joined():
    """Every row shares 义务教育 with every item, and row 1 talks about item 4's subject."""
    doc = _doc(_NUMBERED_BODY + _table([
        ["序号", "工作内容", "牵头单位"],
        ["1", "义务教育控辍保学", "各乡镇人民政府"],
        ["2", "义务教育学校教师培训", "县教育局"],
        ["3", "义务教育经费保障", "县财政局"],
    ]))
    assert not any(a.via == "task-number" for a in extract_assignments(doc))


def test_a_column_pointing_at_the_tasks_wins_over_the_tables_own_count():
    doc = _doc(_WORDED_BODY + _table([
        ["序号", "对应任务", "牵头单位"],
        ["1", "4", "县住房和城乡建设局"],
        ["2", "1、2", "县教育局"],
        ["3", "5", "县财政局"],
    ]))
    assert _units_of(doc, "任务4") == [("task-number", ["县住房和城乡建设局"], [])]
    assert _units_of(doc, "任务2") == [("task-number", ["县教育局"], [])]
    assert _units_of(doc, "任务3") == []


def test_an_html_unit_cell_with_rowspan_covers_each_row_and_br_separates_units(tmp_path):
    page = tmp_path / "rowspan.html"
    page.write_text(
        "<html><body><p>附件</p><table border='1'>"
        "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td>1</td><td>推进农村寄宿制学校建设</td><td rowspan='2'>县教育局</td>"
        "<td>县财政局<br>县住房和城乡建设局</td></tr>"
        "<tr><td>2</td><td>完善学生资助政策体系</td><td>县民政局</td></tr>"
        "<tr><td>3</td><td>加强校园及周边治安管理</td><td>县公安局</td><td></td></tr>"
        "</table></body></html>", encoding="utf-8")
    doc = read_document(page)
    assert [(a.lead, a.support) for a in extract_assignments(doc)] == [
        (["县教育局"], ["县财政局", "县住房和城乡建设局"]),
        (["县教育局"], ["县民政局"]),
        (["县公安局"], []),
    ]


def test_parenthesised_items_numbered_through_the_body_are_tasks_too():
    doc = _doc([
        "二、具体措施",
        "1.优化办学条件",
        "（1）新建城北小学。",
        "（2）扩建实验中学运动场。",
        "2.加强队伍建设",
        "（3）招聘紧缺学科教师。",
        "（4）开展校长领导力培训。",
        "附件",
    ] + _table([
        ["对应措施", "牵头单位", "配合单位"],
        ["1-2", "县教育局", "县发展和改革局"],
        ["3", "县人社局", "县教育局"],
        ["4", "县教育局", ""],
    ]))
    assert _units_of(doc, "（2）扩建") == [("task-number", ["县教育局"], ["县发展和改革局"])]
    assert _units_of(doc, "（3）招聘") == [("task-number", ["县人社局"], ["县教育局"])]
    assert _units_of(doc, "2.加强") == []


@pytest.mark.parametrize("heading", ["实施单位", "实施主体", "落实部门", "承担单位"])
def test_other_names_of_a_unit_column(heading):
    doc = _doc(["附件"] + _table([
        ["序号", "工作事项", heading],
        ["1", "推进城乡学校结对帮扶全覆盖", "县教育局、各乡镇人民政府"],
    ]))
    assert [a.lead for a in extract_assignments(doc)] == [["县教育局", "各乡镇人民政府"]]


def test_a_deadline_named_after_implementation_is_no_unit_column():
    doc = _doc(["附件"] + _table([
        ["序号", "工作事项", "责任单位", "实施时间"],
        ["1", "推进城乡学校结对帮扶全覆盖", "县教育局", "2025年"],
    ]))
    assert [(a.lead, a.support) for a in extract_assignments(doc)] == [(["县教育局"], [])]


def test_labels_inside_the_cells_of_a_table_without_a_unit_column_cover_their_rows():
    doc = _doc(["三、重点任务"] + _table([
        ["序号", "任务", "具体措施"],
        ["1", "改善寄宿条件", "为乡镇寄宿制学校配齐热水设施。（牵头单位：县教育局；配合单位：县财政局）"],
        ["2", "加强营养改善", "落实农村学生营养改善计划。"],
        ["3", "推进校园安保", "配齐专职保安和安防设施。【责任单位】县公安局"],
    ]))
    rows = [(a.row, a.lead, a.support, a.via) for a in extract_assignments(doc)]
    assert rows == [(1, ["县教育局"], ["县财政局"], "label"), (3, ["县公安局"], [], "label")]


@pytest.mark.parametrize("cell, units", [
    ("区委编办、区人力资源和社\n会保障局", ["区委编办", "区人力资源和社会保障局"]),
    ("县民政局\n县社会福利院", ["县民政局", "县社会福利院"]),
    ("旗残疾人联\n合会、旗卫生健康委员\n会", ["旗残疾人联合会", "旗卫生健康委员会"]),
])
def test_a_unit_cell_wrapped_inside_a_name_reads_one_name(cell, units):
    from duibiao.responsibility import split_units
    assert split_units(cell) == units


def test_a_unit_column_that_also_names_people_keeps_only_the_units():
    doc = _doc(["附件"] + _table([
        ["序号", "工作事项", "责任单位及责任人"],
        ["1", "推进集团化办学全覆盖", "县教育局 李明\n县财政局 王芳"],
        ["2", "完善学生资助体系", "县民政局、周强"],
        ["3", "落实教师待遇", "人社 赵敏、财政"],
    ]))
    assert [a.lead for a in extract_assignments(doc)] == [["县教育局", "县财政局"], ["县民政局"], ["人社", "财政"]]


def test_sections_numbered_once_through_the_body_join_a_table_naming_them():
    doc = _doc([
        "三、重点任务",
        "（一）实施学校扩容工程。新建两所九年一贯制学校。",
        "1.完成选址。",
        "2.完成立项。",
        "（二）实施教师素质提升工程。开展全员轮训。",
        "1.组织骨干研修。",
        "（三）实施家校共育工程。办好家长学校。",
        "四、保障措施",
        "附件",
    ] + _table([
        ["对应任务", "牵头单位", "配合单位"],
        ["（一）", "县教育局", "县发展和改革局"],
        ["（二）、（三）", "县教育局", "县妇联"],
    ]))
    assert _units_of(doc, "2.完成立项") == [("task-number", ["县教育局"], ["县发展和改革局"])]
    assert _units_of(doc, "（三）实施家校") == [("task-number", ["县教育局"], ["县妇联"])]
    assert _units_of(doc, "四、保障措施") == []


def test_a_table_chooses_the_numbering_holding_its_numbers():
    """Sections （一）–（三） and items 1.–6. both run through the body; refs up to 6 can only be the items."""
    doc = _doc([
        "二、任务",
        "（一）硬件",
        "1.新建食堂。", "2.改造宿舍。",
        "（二）队伍",
        "3.招聘教师。", "4.培训校长。",
        "（三）管理",
        "5.规范学籍。", "6.规范收费。",
        "附件",
    ] + _table([
        ["序号", "牵头单位"],
        ["1-2", "县住房和城乡建设局"],
        ["3、4", "县人社局"],
        ["5-6", "县市场监督管理局"],
    ]))
    assert _units_of(doc, "4.培训") == [("task-number", ["县人社局"], [])]
    assert _units_of(doc, "6.规范") == [("task-number", ["县市场监督管理局"], [])]


@pytest.mark.parametrize("cell, units", [
    ("县教育局县财政局", ["县教育局", "县财政局"]),  # two lines of a cell run together
    ("区住房和城乡建设局区城投集团", ["区住房和城乡建设局", "区城投集团"]),
    ("人社局教育和体育事业中心", ["人社局", "教育和体育事业中心"]),
    ("县教育局办公室", ["县教育局办公室"]),
    ("县人民政府教育督导室", ["县人民政府教育督导室"]),
    ("县公安局城区派出所", ["县公安局城区派出所"]),
])
def test_names_run_together_are_split_only_between_two_departments(cell, units):
    from duibiao.responsibility import split_units
    assert split_units(cell) == units


def test_a_role_word_between_names_run_together_stays_with_the_first():
    from duibiao.responsibility.units import split_roles
    assert split_roles("县教育局（牵头）县财政局县人社局")[:2] == (["县教育局"], ["县财政局", "县人社局"])
