import pytest

from duibiao.normalizer.errors import GrammarError
from duibiao.normalizer.numerals import parse_chinese_number, roman_to_int


@pytest.mark.parametrize(
    "text, value",
    [
        ("两千", 2000),
        ("二千五百", 2500),
        ("一百", 100),
        ("十二", 12),
        ("十", 10),
        ("九十五", 95),
        ("一百零五", 105),
        ("两千零五十", 2050),
        ("两千五", 2500),
        ("一百五", 150),
        ("三万五", 35000),
        ("一万二千", 12000),
        ("一亿二千万", 120_000_000),
        ("二〇二四", 2024),
        ("零", 0),
        ("四点二", 4.2),
        ("零点五零", 0.5),
        ("百分之九十五", 95),
        ("百分之百", 100),
        ("百分之95", 95),
        ("九十五％", 95),
        ("0.9", 0.9),
        ("4.2", 4.2),
        ("0.50", 0.5),
        ("2,000", 2000),
        ("９５", 95),
        (" 360 ", 360),
    ],
)
def test_parse_chinese_number(text, value):
    assert parse_chinese_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "人", "十百", "五十五十", "万万", "点五", "四点十", "百分之", "Ⅲ", "4.2.1"])
def test_non_numbers_raise_grammar_error(text):
    with pytest.raises(GrammarError):
        parse_chinese_number(text)


def test_grammar_error_is_a_value_error():
    assert issubclass(GrammarError, ValueError)


@pytest.mark.parametrize("text, value", [("Ⅰ", 1), ("Ⅲ", 3), ("Ⅳ", 4), ("Ⅻ", 12), ("ⅲ", 3), ("III", 3), ("IX", 9)])
def test_roman_to_int(text, value):
    assert roman_to_int(text) == value


@pytest.mark.parametrize("text", ["", "Ⅲ级", "IIII", "三", "3"])
def test_roman_to_int_rejects_non_roman(text):
    with pytest.raises(GrammarError):
        roman_to_int(text)
