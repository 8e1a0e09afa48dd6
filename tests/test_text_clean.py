import pytest

from duibiao.normalizer.text import clean, fold


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("４．２人以上", "4.2人以上"),
        ("９５％", "95%"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("＜０．１５", "<0.15"),
        ("＞＝＜", ">=<"),
        ("≦０．５０", "≤0.50"),
        ("≧８５％", "≥85%"),
        ("达到Ⅲ级以上", "达到Ⅲ级以上"),
        ("面积９６㎡", "面积96㎡"),
    ],
)
def test_full_width_forms_become_ascii(raw, expected):
    assert clean(raw) == expected


def test_chinese_punctuation_is_kept():
    text = "（一）小学、初中：分别；如下，见《办法》“四统一”。！？"
    assert clean(text) == text


def test_ideographic_space_and_whitespace_runs_collapse():
    assert clean("组\u3000\u3000长：  刘  强") == "组 长： 刘 强"
    assert clean("不低于\u00a06000元") == "不低于 6000元"


def test_newlines_are_kept_and_tab_runs_stay_one_tab():
    assert clean("第一行  \n\n  第二行") == "第一行 \n\n 第二行"
    assert clean("序号 \t\t 一级指标\t资源配置") == "序号\t一级指标\t资源配置"
    assert clean("a\r\nb\rc") == "a\nb\nc"


def test_zero_width_characters_are_dropped():
    assert clean("\ufeff小学\u200b初中") == "小学初中"


def test_fold_keeps_length_and_offsets():
    raw = "小学、初中分别达到４．２人以上\u3000（含）"
    folded = fold(raw)
    assert len(folded) == len(raw)
    assert folded == "小学、初中分别达到4.2人以上 （含）"
