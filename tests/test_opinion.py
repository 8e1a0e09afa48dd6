"""The reviewer's 审核意见 draft: every error and warning named in words with its quote, and a revision
proposed for every problem a drafter must fix; an official layout that Word/WPS and LibreOffice open."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from duibiao.catalog import load_standard
from duibiao.cli import main
from duibiao.reports.opinion import opinion_paths

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "samples").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "fresh_plans").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))
REVISED = {"looser", "incomplete", "weakened", "altered", "inconsistent", "no_unit", "missing", "blank_slot"}
STANDARD = load_standard()

FRESH = """云杉县义务教育优质均衡发展实施方案
一、目标任务
1. 原则上小学、初中所有班级学生数分别不超过46人、52人。（牵头单位：县教育科技局）
2. 每百名学生拥有高于规定学历教师数小学达到4.2人以上。
3. 全县初中四年巩固率达到95%以上。（责任单位：县教育科技局）
4. 特殊教育学校生均公用经费力争不低于6000元。（牵头单位：县财政局；配合单位：县教育科技局）
5. 社会认可度达到80%以上，社会认可度达到85%以上。（牵头单位：县教育科技局）
"""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _opinion(tmp_path: Path, plan: Path) -> tuple[dict, list[str]]:
    """The JSON audit and the paragraphs of the opinion written by `audit --opinion`."""
    out = tmp_path / "意见"
    result = CliRunner().invoke(main, ["audit", str(plan), "--format", "json", "--opinion", str(out)])
    assert result.exit_code in (0, 1), result.output
    [written] = list(out.glob("*.docx"))
    paragraphs = [p.text for p in docx.Document(str(written)).paragraphs]
    return json.loads(result.stdout), paragraphs


def _section(paragraphs: list[str], heading: str) -> list[str]:
    start = paragraphs.index(heading)
    rest = paragraphs[start + 1:]
    end = next((i for i, p in enumerate(rest) if re.match(r"^[一二三四五六七八九十]+、", p)), len(rest))
    return rest[:end]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One batch run over every plan and a fresh one: the JSON audits and the folder of drafts."""
    folder = tmp_path_factory.mktemp("opinions")
    fresh = folder / "云杉县方案.txt"
    fresh.write_text(FRESH, encoding="utf-8")
    plans = [*map(str, PLANS), str(fresh)]
    out = folder / "意见"
    result = CliRunner().invoke(main, ["audit", *plans, "--format", "json", "--opinion", str(out), "--jobs", "2"])
    assert result.exit_code in (0, 1), result.output
    audits = {a["document"]["source"]: a for a in json.loads(result.stdout)}
    return audits, dict(zip(plans, opinion_paths(plans, out)))


@pytest.mark.parametrize("plan", [*map(str, PLANS), "fresh"], ids=lambda p: Path(p).name)
def test_opinion_names_every_problem_with_its_quote_and_proposes_a_revision(plan, batch):
    audits, drafts = batch
    plan = next(p for p in drafts if p.endswith("云杉县方案.txt")) if plan == "fresh" else plan
    audit = audits[plan]
    paragraphs = [p.text for p in docx.Document(str(drafts[plan])).paragraphs]
    text = _squash("\n".join(paragraphs))
    revisions = _section(paragraphs, "五、修改意见")
    assert paragraphs[0] == f"关于《{audit['document']['title'] or Path(plan).stem}》的审核意见"
    for f in audit["findings"]:
        if f["severity"] not in ("error", "warning"):
            continue
        if f["indicator"]:
            name = STANDARD[f["indicator"]].name
            assert _squash(name) in text, f
        if f["quote"]:
            assert _squash(f["quote"]) in text, f
        if f["kind"] in REVISED:
            if f["indicator"]:
                item = [p for p in revisions if p.startswith("（") and f"{STANDARD[f['indicator']].name}（{f['indicator']}）" in p]
            else:
                item = [p for p in revisions if _squash(f["quote"]) in _squash(p)]
            assert item and "建议" in item[0], f


def test_problems_are_listed_one_is_two_is_and_revisions_raise_the_plans_numbers(tmp_path):
    path = tmp_path / "云杉县方案.txt"
    path.write_text(FRESH, encoding="utf-8")
    _, paragraphs = _opinion(tmp_path, path)
    problems = _section(paragraphs, "四、存在的主要问题")
    assert problems[0].startswith("一是") and problems[1].startswith("二是")
    revisions = "\n".join(_section(paragraphs, "五、修改意见"))
    assert "建议改为：“小学、初中所有班级学生数分别不超过45人、50人”" in revisions  # hedge and item number dropped
    assert "初中不低于5.3人" in revisions  # the missing level added to the plan's own sentence
    assert "全县初中三年巩固率达到95%以上" in revisions  # the changed quantity restored
    assert "明确县教育科技局为牵头单位" in revisions  # the plan's own name of the bureau
    assert "杜绝以考试方式招生" in revisions  # a veto item, as a condition to rule out
    comparison = "\n".join(_section(paragraphs, "三、主要指标对照情况"))
    assert "《办法》规定的否决情形：存在以考试方式招生的，不予认定" in comparison
    assert "（五）否决情形" in comparison
    basis = "\n".join(_section(paragraphs, "一、审核依据"))
    assert "县域义务教育优质均衡发展督导评估办法" in basis and "教督〔2017〕6号" in basis


def test_provincial_layer_is_named_in_the_basis(tmp_path):
    path = tmp_path / "云杉县方案.txt"
    path.write_text(FRESH, encoding="utf-8")
    out = tmp_path / "意见"
    result = CliRunner().invoke(main, ["audit", str(path), "--standard", "example-province", "--opinion", str(out)])
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(next(out.glob("*.docx")))).paragraphs]
    basis = "\n".join(_section(paragraphs, "一、审核依据"))
    assert "教督〔2017〕6号" in basis and load_standard("example-province").name in basis


def test_official_layout_fonts_and_page_numbers(tmp_path):
    path = tmp_path / "云杉县方案.txt"
    path.write_text(FRESH, encoding="utf-8")
    out = tmp_path / "意见"
    CliRunner().invoke(main, ["audit", str(path), "--opinion", str(out)])
    document = docx.Document(str(next(out.glob("*.docx"))))
    title = document.paragraphs[0].runs[0]
    east_asian = title._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asian == "黑体" and title.font.size.pt == 22
    body = next(p for p in document.paragraphs if p.text.startswith("你单位报送"))
    assert body.runs[0].font.name == "仿宋"
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "fldChar" in footer


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_every_opinion(batch, tmp_path):
    drafts = sorted(batch[1].values())
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *map(str, drafts)], check=True, capture_output=True, timeout=600)
    for draft in drafts:
        pdf = tmp_path / (draft.stem + ".pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "审核意见" in text and "五、修改意见" in text, draft.name
