from pathlib import Path

import pytest

from duibiao.normalizer.hedges import find_hedges, hedge_positions
from duibiao.normalizer.thresholds import Quantity, parse_quantities


def q(text):
    """(value, unit, comparator, level) of every quantity, in order."""
    return [(x.value, x.unit, x.comparator, x.level) for x in parse_quantities(text)]


def values(text):
    return [x.value for x in parse_quantities(text)]


# --- comparators -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, comparator",
    [
        ("比例不低于50%", ">="),
        ("比例不少于50%", ">="),
        ("面积不小于96平方米", ">="),
        ("至少6项指标", ">="),
        ("上岗率达到100%", ">="),
        ("大于或等于0.5", ">="),
        ("大于等于0.5", ">="),
        ("≥85%", ">="),
        (">=85%", ">="),
        ("余项不能低于要求的85%", ">="),
        ("比例达到或超过20%", ">="),
        ("不得少于20%", ">="),
        ("不高于0.5", "<="),
        ("规模不超过2000人", "<="),
        ("系数不大于0.50", "<="),
        ("小于或等于0.45", "<="),
        ("小于等于0.45", "<="),
        ("不多于45人", "<="),
        ("不得超过50人", "<="),
        ("≤0.45", "<="),
        ("<=0.45", "<="),
        ("差异率低于0.15", "<"),
        ("差异率小于0.15", "<"),
        ("少于100人", "<"),
        ("不足100名学生", "<"),
        ("<0.15", "<"),
        ("超过2000人", ">"),
        ("高于90%", ">"),
        ("大于0.5", ">"),
        ("多于45人", ">"),
        (">0.5", ">"),
        ("辍学率为0", "="),
        ("等于100%", "="),
        ("每12个班级", None),
        ("所有学校按照年度公用经费预算总额的5%安排", None),
    ],
)
def test_prefix_comparators(text, comparator):
    [quantity] = parse_quantities(text)
    assert quantity.comparator == comparator


@pytest.mark.parametrize(
    "text, comparator",
    [
        ("95%以上", ">="),
        ("95%及以上", ">="),
        ("1间以上", ">="),
        ("0.45以下", "<="),
        ("45人及以下", "<="),
        ("3年内", "<="),
        ("0.45以内", "<="),
    ],
)
def test_suffix_comparators(text, comparator):
    [quantity] = parse_quantities(text)
    assert quantity.comparator == comparator


def test_达到_with_以上_and_alone_are_inclusive():
    assert q("社会认可度达到85%以上") == [(85, "%", ">=", None)]
    assert q("上岗率达到100%") == [(100, "%", ">=", None)]


def test_suffix_wins_over_prefix():
    assert q("达到45人以下") == [(45, "人", "<=", None)]


def test_full_width_symbols():
    assert q("差异率＜０．１５") == [(0.15, None, "<", None)]
    assert q("≧８５％") == [(85, "%", ">=", None)]


def test_comparator_in_an_earlier_clause_does_not_apply():
    assert q("比例不低于标准，实现85%") == [(85, "%", None, None)]


def test_comparator_far_before_the_number_without_的_does_not_apply():
    assert q("拥有高于规定学历教师数4.2人") == [(4.2, "人", None, None)]


# --- distribution over school levels ----------------------------------------------------------

def test_分别_pairs_levels_with_numbers():
    assert q("小学、初中每百名学生拥有高于规定学历教师数分别达到4.2人以上、5.3人以上") == [
        (4.2, "人", ">=", "小学"),
        (5.3, "人", ">=", "初中"),
    ]


@pytest.mark.parametrize("value", ["1", "0.9"])
def test_均_gives_one_quantity_per_level(value):
    text = f"每百名学生拥有县级以上骨干教师数：小学、初中均达到{value}人以上"
    assert q(text) == [(float(value), "人", ">=", "小学"), (float(value), "人", ">=", "初中")]


def test_两个_levels_joined_by_和_and_numbers_by_和():
    assert q("小学和初中区域内校际间综合差异系数分别不大于0.50和0.45") == [
        (0.5, None, "<=", "小学"),
        (0.45, None, "<=", "初中"),
    ]


def test_each_level_in_its_own_clause():
    assert q("所有指标校际差异系数，小学均小于或等于0.50，初中均小于或等于0.45") == [
        (0.5, None, "<=", "小学"),
        (0.45, None, "<=", "初中"),
    ]


def test_comparator_given_once_at_the_end_applies_to_both():
    assert q("小学、初中分别达到4.5平方米、5.8平方米以上") == [
        (4.5, "平方米", ">=", "小学"),
        (5.8, "平方米", ">=", "初中"),
    ]
    assert q("小学、初中分别为4.5平方米、5.8平方米以上") == [
        (4.5, "平方米", ">=", "小学"),
        (5.8, "平方米", ">=", "初中"),
    ]


def test_unit_given_once_at_the_end_applies_to_both():
    assert q("小学、初中分别达到2000、2500元以上") == [(2000, "元", ">=", "小学"), (2500, "元", ">=", "初中")]


def test_comma_separated_numbers():
    assert q("小学、初中所有班级学生数分别不超过45人，50人") == [
        (45, "人", "<=", "小学"),
        (50, "人", "<=", "初中"),
    ]


def test_percentages_per_level():
    assert q("城区和镇区公办小学、初中（均不含寄宿制学校）就近划片入学比例分别达到100%、95%以上") == [
        (100, "%", ">=", "小学"),
        (95, "%", ">=", "初中"),
    ]


def test_one_through_schools_get_one_quantity_per_level_named():
    text = "所有小学、初中规模不超过2000人，九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过2500人"
    assert q(text) == [
        (2000, "人", "<=", "小学"),
        (2000, "人", "<=", "初中"),
        (2500, "人", "<=", "九年一贯制"),
        (2500, "人", "<=", "十二年一贯制"),
    ]
    assert q("九年一贯制学校规模不超过2500人") == [(2500, "人", "<=", "九年一贯制")]


def test_distributed_quantities_share_the_span():
    text = "所有小学、初中规模不超过2000人"
    first, second = parse_quantities(text)
    assert (first.start, first.end) == (second.start, second.end)
    assert text[first.start:first.end] == "2000人"


def test_level_written_per_number():
    assert q("小学4.2人以上、初中5.3人以上") == [(4.2, "人", ">=", "小学"), (5.3, "人", ">=", "初中")]


def test_中小学_is_not_a_level():
    assert q("全县中小学教师培训完成率达到100%") == [(100, "%", ">=", None)]


def test_single_level_before_the_number():
    assert q("全县初中三年巩固率达到95%以上") == [(95, "%", ">=", "初中")]


def test_no_level():
    assert q("特殊教育学校生均公用经费不低于6000元") == [(6000, "元", ">=", None)]


# --- numerals --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("规模不超过两千人", [(2000, "人", "<=", None)]),
        ("生均公用经费不低于二千五百元", [(2500, "元", ">=", None)]),
        ("入学率达到百分之九十五", [(95, "%", ">=", None)]),
        ("入学率达到九十五％以上", [(95, "%", ">=", None)]),
        ("学业水平达到Ⅲ级以上", [(3, "级", ">=", None)]),
        ("差异系数不大于0.50", [(0.5, None, "<=", None)]),
        ("不足一百名学生", [(100, "人", "<", None)]),
        ("达到１２０个班", [(120, "班", ">=", None)]),
    ],
)
def test_numeral_forms(text, expected):
    assert q(text) == expected


def test_span_of_百分之_covers_the_whole_phrase():
    text = "入学率达到百分之九十五以上"
    [quantity] = parse_quantities(text)
    assert text[quantity.start:quantity.end] == "百分之九十五"


def test_spans_point_into_the_text_as_given():
    text = "社会认可度达到８５％以上"
    [quantity] = parse_quantities(text)
    assert text[quantity.start:quantity.end] == "８５％"


def test_roman_numeral_without_级_is_not_a_value():
    assert parse_quantities("Ⅲ、工作要求") == []


# --- units -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("4.2人以上", 4.2, "人"),
        ("按100名学生核定", 100, "人"),
        ("面积4.5平方米", 4.5, "平方米"),
        ("面积96㎡", 96, "平方米"),
        ("面积96m2", 96, "平方米"),
        ("面积96m²", 96, "平方米"),
        ("设备值2000元", 2000, "元"),
        ("投入50万元", 50, "万元"),
        ("投入五十万元", 50, "万元"),
        ("教室1间", 1, "间"),
        ("比例95%", 95, "%"),
        ("比例95％", 95, "%"),
        ("培训360学时", 360, "学时"),
        ("每12个班级", 12, "班"),
        ("超过30个班", 30, "班"),
        ("Ⅲ级以上", 3, "级"),
        ("至少6项指标", 6, "项"),
        ("县域26所中小学", 26, "所"),
        ("超额班级120个", 120, "个"),
        ("低于0.15", 0.15, None),
        ("共1.2万人", 12000, "人"),
    ],
)
def test_units(text, value, unit):
    [quantity] = parse_quantities(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


def test_n年m学时():
    assert q("教师5年360学时培训完成率达到100%") == [
        (5, "年", None, None),
        (360, "学时", None, None),
        (100, "%", ">=", None),
    ]


def test_duration_in_years():
    assert q("3年内实现全区义务教育由基本均衡向优质均衡跨越") == [(3, "年", "<=", None)]


def test_5级_is_returned_without_comparator():
    assert q("项目互补的5级培训体系") == [(5, "级", None, None)]


def test_所有_is_not_the_unit_所():
    assert parse_quantities("2.3所有小学") == []


# --- not quantities --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "全县初中三年巩固率",
        "四年巩固率",
        "九年一贯制学校",
        "十二年一贯制学校",
        "落实教育经费支出“两个只增不减”",
        "“四统一”",
        "教育经费“三个增长”的要求",
        "五育并举",
        "按照“一校一策”的原则",
        "一人一案",
        "实行师德失范一票否决制",
        "适龄三残儿童少年",
        "深入开展“五大行动”",
        "推进“三个课堂”建设与应用",
        "上述七项指标要求项项达标",
        "落实新时代中小学教师职业行为十项准则",
        "实施骨干教师、教学能手、学科带头人三级培养目标",
        "构建以“三名”工程为引领的教师人才雁阵",
        "进一步推进“251”人才培养计划",
        "学校安防建设“4个100%”全部达标",
        "每百名学生拥有网络多媒体教室数",
        "办好每一所“家门口的好学校”",
        "学习贯彻党的二十大和二十届二中、三中全会精神",
        "“十四五”发展规划",
        "城乡二元结构",
    ],
)
def test_numerals_in_names_are_not_quantities(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "一、指导思想",
        "（一）资源配置",
        "1.每百名学生拥有",
        "11. 全市每年交流轮岗",
        "1、加强领导",
        "（1）具体包括",
        "(2) 政府保障程度",
        "1）优化布局",
        "①每百名学生",
        "\t1.1每百名学生拥有高于规定学历教师数",
        "\t1.4生均教学及辅助用房面积",
        "\t2.3所有小学、初中",
        "\t2.10县级教育行政部门",
        "\t1资源\n配置",
        "序号\t1\t资源配置",
        "工作措施同（1.4）（1.5）",
        "第2阶段",
        "附件1:海城市推进义务教育优质均衡发展工作领导小组",
    ],
)
def test_ordinal_labels_are_not_quantities(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "力争2024年通过国家评估",
        "2022年秋季",
        "《高新区中小学、幼儿园布局专项规划（2023－2035）》",
        "规划期2023－2035",
        "2023-2024年",
        "2024年9月",
        "2024年9月12日",
        "第一阶段（2020年10月-12月）",
        "10-11月全面迎接国家审核认定",
        "二〇二四年",
        "2022级新生",
        "（教督〔2017〕6号）",
        "（国教督办函〔2017〕42号）",
        "鲁政办发〔2016〕1号",
        "根据《义务教育阶段学校学生学籍管理办法》",
        "5年规划",
        "100年校庆",
    ],
)
def test_years_dates_and_document_numbers_are_not_quantities(text):
    assert parse_quantities(text) == []


def test_years_do_not_hide_the_value_after_them():
    assert q("力争2022年社会认可度达到85%以上") == [(85, "%", ">=", None)]


def test_digits_glued_to_latin_letters_are_not_quantities():
    assert parse_quantities("建设5G网络，落实R1指标") == []


def test_label_followed_by_a_value():
    assert q("\t2.9教师5年360学时培训完成率达到100%") == [
        (5, "年", None, None),
        (360, "学时", None, None),
        (100, "%", ">=", None),
    ]


def test_number_at_line_start_with_a_unit_is_a_value():
    assert q("\t4.2人以上") == [(4.2, "人", ">=", None)]


def test_text_without_numbers():
    assert parse_quantities("") == []
    assert parse_quantities("县域内义务教育学校规划布局合理，符合国家规定要求") == []


# --- hedges ----------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["原则上", "力争", "基本", "逐步", "争取"])
def test_each_hedge_word(word):
    [quantity] = parse_quantities(f"所有小学{word}达到95%以上")
    assert quantity.hedge == word


def test_hedge_only_in_the_same_clause_before_the_number():
    assert [x.hedge for x in parse_quantities("力争如期完成，社会认可度达到85%以上")] == [None]
    assert [x.hedge for x in parse_quantities("社会认可度达到85%以上，力争如期完成")] == [None]


def test_hedge_applies_to_every_level():
    assert [x.hedge for x in parse_quantities("所有小学、初中规模原则上不超过2000人")] == ["原则上", "原则上"]


def test_hedge_on_a_duration():
    [quantity] = parse_quantities("力争在2年内，全面优化提升各项指标")
    assert (quantity.value, quantity.unit, quantity.hedge) == (2, "年", "力争")


@pytest.mark.parametrize(
    "text",
    [
        "基本装备配置标准统一，比例达到95%",
        "基本装备配置标准统一达到95%",
        "巩固义务教育基本均衡发展成果达到95%",
        "构建基本公共教育服务体系达到95%",
        "争取国家资金支持达到95%",
    ],
)
def test_terms_with_hedge_words_are_not_hedges(text):
    assert [x.hedge for x in parse_quantities(text)] == [None]


def test_find_hedges():
    assert find_hedges("力争2024年基本达到标准，逐步实现，原则上不超过，争取在2025年") == [
        "力争", "基本", "逐步", "原则上", "争取",
    ]
    assert find_hedges("基本装备配置标准统一、义务教育基本均衡、基本公共教育服务、争取项目资金支持") == []
    assert hedge_positions("规模原则上不超过") == [(2, "原则上")]


# --- sentences from the seed plans ------------------------------------------------------------

def test_seed_sentences():
    assert q("所有任课教师5年360学时培训完成率达到100%") == [
        (5, "年", None, None),
        (360, "学时", None, None),
        (100, "%", ">=", None),
    ]
    assert q("每12个班级配备面积达标的音乐、美术专用教室1间以上") == [
        (12, "班", None, None),
        (1, "间", ">=", None),
    ]
    assert q("特殊教育学校生均公用经费不低于8000元") == [(8000, "元", ">=", None)]
    assert q("保障初中学生四年巩固率95%以上") == [(95, "%", ">=", "初中")]
    assert q("在国家义务教育质量监测中，相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15") == [
        (3, "级", ">=", None),
        (0.15, None, "<", None),
    ]
    assert q("全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%；其中，骨干教师不低于交流轮岗教师总数的20%") == [
        (10, "%", ">=", None),
        (20, "%", ">=", None),
    ]
    assert q("每所学校至少6项指标达到上述要求,余项不能低于要求的85%") == [
        (6, "项", ">=", None),
        (85, "%", ">=", None),
    ]
    assert q("不足100名学生村小学和教学点按100名学生核定公用经费") == [
        (100, "人", "<", None),
        (100, "人", None, "小学"),
    ]
    assert q("确保每百名学生拥有1名以上市级骨干教师") == [(1, "人", ">=", None)]
    assert q("华侨城小学现有2789人") == [(2789, "人", None, "小学")]


def test_seed_sentence_with_hedge():
    assert parse_quantities("所有小学、初中规模原则上不超过2000人") == [
        Quantity(2000, "人", "<=", "小学", "原则上", 15, 20),
        Quantity(2000, "人", "<=", "初中", "原则上", 15, 20),
    ]


def test_quoted_standard_text_is_read():
    text = "保障“生均教学及辅助用房面积，小学、初中分别达到4.5平方米、5.8平方米以上；每12个班级配备音乐、美术专用教室1间以上”"
    assert q(text) == [
        (4.5, "平方米", ">=", "小学"),
        (5.8, "平方米", ">=", "初中"),
        (12, "班", None, None),
        (1, "间", ">=", None),
    ]


def test_seed_plan_gives_the_national_values():
    text = (Path(__file__).parents[1] / "samples" / "qitai.txt").read_text(encoding="utf-8")
    found = {(x.value, x.level) for x in parse_quantities(text) if x.unit == "人" and x.comparator == ">="}
    assert {(4.2, "小学"), (5.3, "初中"), (1, "小学"), (1, "初中"), (0.9, "小学"), (0.9, "初中")} <= found
    assert all(x.value != 2021 for x in parse_quantities(text))
