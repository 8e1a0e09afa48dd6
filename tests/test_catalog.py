"""The catalog: the national standard as data, provincial layers, and the matcher built on it."""
from __future__ import annotations

import pytest

from duibiao.catalog import UnknownStandard, available_standards, load_standard
from duibiao.normalizer.matcher import matcher_for
from duibiao.normalizer.text import clean

NATIONAL = load_standard()


def _ids(text: str) -> list[str]:
    return [m.indicator for m in matcher_for(NATIONAL).find(clean(text))]


def test_national_standard_has_the_forty_indicators_in_order():
    ids = [i.id for i in NATIONAL.indicators]
    expected = [f"R{n}" for n in range(1, 10)] + [f"G{n}" for n in range(1, 16)]
    expected += [f"Q{n}" for n in range(1, 10)] + ["S1"] + [f"V{n}" for n in range(1, 7)]
    assert ids == expected
    assert NATIONAL.doc_number == "教督〔2017〕6号"


def test_thresholds_per_level():
    r1 = {(s.level, s.comparator, s.value, s.unit) for s in NATIONAL["R1"].slots}
    assert r1 == {("小学", ">=", 4.2, "人"), ("初中", ">=", 5.3, "人")}
    r9 = {(s.level, s.comparator, s.value) for s in NATIONAL["R9"].slots}
    assert r9 == {("小学", "<=", 0.5), ("初中", "<=", 0.45)}
    g4 = {s.level for s in NATIONAL["G4"].slots}
    assert g4 == {"小学", "初中", "九年一贯制", "十二年一贯制"}


def test_sub_requirements_are_data():
    assert [r.name for r in NATIONAL["G2"].requirements] == [
        "建设标准统一", "教师编制标准统一", "生均公用经费基准定额统一", "基本装备配置标准统一",
    ]
    assert any(s.cue and s.cue.pattern == "骨干" for s in NATIONAL["G11"].slots)


@pytest.mark.parametrize("indicator", [i.id for i in NATIONAL.indicators])
def test_each_indicator_is_found_from_its_official_wording(indicator):
    assert indicator in _ids(NATIONAL[indicator].wording)


@pytest.mark.parametrize(
    "indicator, paraphrase",
    [(i.id, p) for i in NATIONAL.indicators for p in i.paraphrases],
)
def test_each_indicator_is_found_from_its_paraphrases(indicator, paraphrase):
    assert indicator in _ids(paraphrase)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("生均体育运动场馆面积达到标准", "R5"),
        ("生均教学及辅助用房面积达到标准", "R4"),
        ("各校体育运动场地人均面积达到7.5平方米", "R5"),  # rapidfuzz fallback, gated by 运动/场地
        ("学生人均教学仪器设备价值达到2000元", "R6"),
        ("每百名学生拥有音体美专任教师数达到0.9人", "R3"),
    ],
)
def test_the_measured_quantity_decides(text, expected):
    ids = _ids(text)
    assert ids == [expected]


def test_provincial_layer_overrides_one_threshold_and_keeps_the_rest():
    province = load_standard("example-province")
    assert "example-province" in available_standards()
    assert [s.value for s in province["G7"].slots] == [8000]
    assert province["R1"].slots == NATIONAL["R1"].slots
    assert len(province.indicators) == 40


def test_a_standard_file_given_by_path(tmp_path):
    layer = tmp_path / "my-province.toml"
    layer.write_text('id = "my"\nname = "某省"\nextends = "national-2017"\n[[overrides]]\nid = "Q1"\n'
                     'thresholds = [{ comparator = ">=", value = 96, unit = "%" }]\n', encoding="utf-8")
    assert [s.value for s in load_standard(str(layer))["Q1"].slots] == [96]


def test_unknown_standard_and_unknown_override_are_clear_errors(tmp_path):
    with pytest.raises(UnknownStandard, match="找不到标准"):
        load_standard("no-such-standard")
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "bad"\nname = "x"\nextends = "national-2017"\n[[overrides]]\nid = "Z9"\n', encoding="utf-8")
    with pytest.raises(UnknownStandard, match="Z9"):
        load_standard(str(bad))


def test_an_added_indicator_in_a_new_category_is_listed(tmp_path):
    layer = tmp_path / "extra.toml"
    layer.write_text('id = "extra"\nname = "某省"\nextends = "national-2017"\n[[indicators]]\nid = "P1"\n'
                     'name = "省级附加指标"\nwording = "课后服务覆盖率达到100%"\nquantity = ["课后服务"]\n', encoding="utf-8")
    standard = load_standard(str(layer))
    assert list(standard.categories)[-1] == "P"
    from duibiao.reports.catalog_text import render_catalog_list

    assert "P1" in render_catalog_list(standard)


# ---------------------------------------------------------------- where each pattern comes from
import re  # noqa: E402
import tomllib  # noqa: E402
from pathlib import Path  # noqa: E402

from duibiao.catalog import PATTERN_SOURCES, STANDARDS_DIR, pattern_entries  # noqa: E402

_ROOT = Path(__file__).resolve().parent.parent
_DEVSET = _ROOT.parent / "shared" / "devset" / "plans"
_RAW = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(STANDARDS_DIR.glob("*.toml"))}
_TERMS = {term: meaning for raw in _RAW.values() for term, meaning in raw.get("terms", {}).items()}
_ENTRIES = [
    (name, d["id"], kind, pattern, source)
    for name, raw in _RAW.items()
    for d in raw.get("indicators", []) + raw.get("overrides", [])
    for kind, pattern, source in pattern_entries(d)
]
# A drafting convention must be seen in this many different plans (samples and the devset).
_CONVENTION_MIN_PLANS = 2


def _plans() -> list[str]:
    files = sorted((_ROOT / "samples").glob("*.txt")) + sorted(_DEVSET.glob("*.txt"))
    return [clean(p.read_text(encoding="utf-8")) for p in files]


def _of(source: str):
    return [pytest.param(iid, kind, pattern, id=f"{name}-{iid}-{kind}-{pattern}")
            for name, iid, kind, pattern, s in _ENTRIES if s == source]


@pytest.mark.parametrize("name, iid, kind, pattern, source", _ENTRIES)
def test_every_pattern_says_where_it_comes_from(name, iid, kind, pattern, source):
    assert source in PATTERN_SOURCES, f"{name} {iid} {kind} '{pattern}' has no source"


@pytest.mark.parametrize("iid, kind, pattern", _of("standard"))
def test_a_standard_pattern_matches_the_indicators_official_wording(iid, kind, pattern):
    assert re.search(pattern, clean(NATIONAL[iid].wording))


@pytest.mark.parametrize("iid, kind, pattern", _of("term"))
def test_a_term_pattern_rests_on_a_documented_term(iid, kind, pattern):
    terms = [t for t in _TERMS if t in pattern or re.search(pattern, t)]
    assert terms, f"'{pattern}' names no term of [terms]"
    assert all(_TERMS[t].strip() for t in terms)


@pytest.mark.parametrize("iid, kind, pattern", _of("convention"))
def test_a_convention_pattern_is_seen_in_several_plans(iid, kind, pattern):
    if not _DEVSET.is_dir():
        pytest.skip("../shared/devset is not here")
    seen = sum(1 for text in _plans() if re.search(pattern, text))
    assert seen >= _CONVENTION_MIN_PLANS, f"'{pattern}' occurs in {seen} plan(s)"


@pytest.mark.parametrize(
    "quantity, message",
    [
        ("quantity.guess = ['作业']", "guess"),  # a pattern source the catalog does not know
        ("quantity.standard = ['课业负担(过重']", "Q8.*课业负担"),  # a broken regex in a province's own file
    ],
)
def test_a_bad_pattern_in_a_provinces_file_is_a_clear_error_when_loaded(tmp_path, quantity, message):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "b"\nname = "x"\nextends = "national-2017"\n[[overrides]]\nid = "Q8"\n'
                   f"{quantity}\n", encoding="utf-8")
    with pytest.raises(UnknownStandard, match=message):
        load_standard(str(bad))


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("各校要配齐小学科学教师和初中实验员", "R3"),  # 小学 + 科学, not the 小学科 of 音体美
        ("全面加强学校财务管理和信息化建设", "Q3"),  # finance, not 学校管理与教学信息化
        ("每百名学生拥有科学专任教师数达到1人", "R3"),  # a science teacher is not a PE or arts teacher
        ("本学期新增科任教师12名，覆盖小学科任教师缺口", "R3"),
    ],
)
def test_similar_words_do_not_reach_the_wrong_indicator(text, wrong):
    assert wrong not in _ids(text)
