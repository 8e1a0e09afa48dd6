from hypothesis import given, settings
from hypothesis import strategies as st

from duibiao.normalizer.errors import GrammarError
from duibiao.normalizer.thresholds import Quantity, parse_quantities

# The grammar's own vocabulary, so that generated text hits its rules and their boundaries.
VOCABULARY = [
    "0", "1", "4.2", "0.50", "2000", "2,000", "2024", "12", "95", ".", "、", "，", ",", "；", ";", "。", "：",
    "\n", "\t", " ", "\u3000", "（", "）", "(", ")", "〔", "〕", "《", "》", "“", "”", "\"",
    "０", "５", "％", "．", "＜", "＞", "＝", "≦", "≧", "≤", "≥", "<", ">", "=", "-", "－", "—", "~", "至",
    "零", "〇", "一", "二", "两", "三", "四", "五", "九", "十", "百", "千", "万", "亿", "点", "百分之",
    "Ⅲ", "ⅲ", "Ⅻ", "级", "人", "名", "平方米", "㎡", "m2", "m²", "元", "万元", "间", "%", "学时", "年", "内",
    "个班级", "班", "项", "所", "所有", "个", "月", "日", "号", "第", "附件", "每", "的",
    "以上", "以下", "以内", "及", "或", "和", "与", "达到", "不低于", "不少于", "不小于", "不高于", "不超过",
    "不大于", "至少", "低于", "小于", "超过", "高于", "大于", "多于", "少于", "不足", "不能", "小于或等于",
    "大于或等于", "为", "等于", "分别", "均", "小学", "初中", "中小学", "九年一贯制", "十二年一贯制", "学校",
    "原则上", "力争", "基本", "基本装备", "基本均衡", "逐步", "争取", "争取资金", "一校一策", "四统一",
    "A", "G", "x",
]
VALID_COMPARATORS = {None, ">=", ">", "<=", "<", "="}


def _check(text: str) -> None:
    try:
        quantities = parse_quantities(text)
    except GrammarError:
        return
    for quantity in quantities:
        assert isinstance(quantity, Quantity)
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.comparator in VALID_COMPARATORS


@settings(max_examples=500)
@given(st.text())
def test_arbitrary_text(text):
    _check(text)


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=40).map("".join))
def test_text_from_the_grammar_vocabulary(text):
    _check(text)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=3)), max_size=30).map("".join))
def test_vocabulary_mixed_with_arbitrary_text(text):
    _check(text)
