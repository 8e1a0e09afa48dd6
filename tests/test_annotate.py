"""Word comments for drafters: every finding of the audit in a comment (one per indicator, one per blank
unit cell, the missing list on the title), each deviation with a suggested wording; re-annotating
replaces the tool's comments and keeps the drafter's; the text unchanged; outputs never overwritten
without --force; tracked number fixes with --suggest."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from duibiao.audit import audit_file
from duibiao.cli import main
from duibiao.extractors import read_document
from duibiao.reports.annotate import AUTHOR, INITIALS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DOCX = sorted(SAMPLES.glob("*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVISED = ("looser", "incomplete", "weakened", "altered", "inconsistent")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def comments_of(path: Path) -> list[tuple[str, str]]:
    return [(c.author, c.text) for c in docx.Document(str(path)).comments]


def covered_text(path: Path) -> dict[str, str]:
    """Comment id → the body text between its range start and end."""
    covered, open_ids = {}, set()
    for el in docx.Document(str(path)).element.body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id"))
            covered.setdefault(el.get(f"{W}id"), "")
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif el.tag == f"{W}t":
            for cid in open_ids:
                covered[cid] += el.text or ""
    return covered


def write_plan(path: Path) -> Path:
    """A fresh plan: a red header over a title wrapped on two lines, a class size above the standard,
    a hedged sentence, and a task table whose unit cell for one task is empty."""
    d = docx.Document()
    for text in ("青川县人民政府文件", "青政发〔2024〕7号", "青川县推进义务教育优质均衡发展", "工作方案", "一、主要目标",
                 "到2026年，全县小学、初中所有班级学生数分别控制在48人、52人以内。（牵头单位：县教育局）",
                 "原则上每百名学生拥有县级以上骨干教师数，小学、初中均达到1人以上。",
                 "附件：任务分解表"):
        d.add_paragraph(text)
    rows = [("序号", "工作任务", "责任单位"), ("1", "每年组织教师交流轮岗，交流比例达到10%以上", "县教育局"),
            ("2", "按时足额拨付教师工资，确保教师平均工资收入水平不低于当地公务员平均工资收入水平", "")]
    table = d.add_table(rows=len(rows), cols=3)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    d.save(str(path))
    return path


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("annotated")
    out = {}
    for source in DOCX:
        target = folder / f"{source.stem}-审核.docx"
        result = run("annotate", source, "-o", target)
        assert result.exit_code == 0, result.output
        assert "条批注" in result.stderr
        out[source.name] = target
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("fresh")
    plan = write_plan(folder / "青川县方案.docx")
    assert run("annotate", plan).exit_code == 0
    return plan, folder / "青川县方案-审核.docx"


def _blocks(path: Path) -> list[dict]:
    return read_document(path).to_dict()["blocks"]


@pytest.mark.parametrize("source", DOCX, ids=lambda p: p.name)
def test_text_is_unchanged(annotated, source):
    assert _blocks(annotated[source.name]) == _blocks(source)


@pytest.mark.parametrize("source", DOCX, ids=lambda p: p.name)
def test_every_finding_is_in_a_comment(annotated, source):
    document = docx.Document(str(annotated[source.name]))
    comments = list(document.comments)
    assert comments and all((c.author, c.initials) == (AUTHOR, INITIALS) for c in comments)
    result = audit_file(source)
    findings = result.to_dict()["findings"]
    by_indicator = {}
    for f in findings:
        if f["indicator"] and f["kind"] != "missing":
            by_indicator.setdefault(f["indicator"], []).append(f)
    for iid, found in by_indicator.items():
        mine = [c.text for c in comments if c.text.startswith(f"{iid} {result.standard[iid].name}\n")]
        assert len(mine) == 1, iid  # one comment per indicator, holding all its findings
        assert all(f["message"] in mine[0] for f in found), iid
        if any(f["kind"] in REVISED for f in found):
            assert "建议" in mine[0], iid
    blanks = [f for f in findings if f["kind"] == "blank_slot"]
    assert sum(c.text.startswith("[警告·责任单位空缺]") for c in comments) == len(blanks)
    missing = [f["indicator"] for f in findings if f["kind"] == "missing"]
    listing = [c.text for c in comments if c.text.startswith("方案未提及以下")]
    assert len(listing) == (1 if missing else 0)
    if missing:
        assert f"以下{len(missing)}项" in listing[0] and all(f"\n{iid} " in listing[0] for iid in missing)
    assert len(comments) == len(by_indicator) + len(blanks) + len(listing)
    body = document.element.body
    starts, ends = body.findall(f".//{W}commentRangeStart"), body.findall(f".//{W}commentRangeEnd")
    assert len(starts) == len(ends) == len(comments)


@pytest.mark.parametrize("name", ["qitai.docx", "qufu.docx"])
def test_annotating_twice_gives_the_comments_of_once(annotated, tmp_path, name):
    again = tmp_path / "again.docx"
    result = run("annotate", annotated[name], "-o", again)
    assert result.exit_code == 0, result.output
    assert comments_of(again) == comments_of(annotated[name])
    assert "替换了上次的" in result.stderr
    assert _blocks(again) == _blocks(SAMPLES / name)


def test_the_comment_covers_the_quoted_clause(annotated):
    result = audit_file(SAMPLES / "qufu.docx")
    finding = next(f for f in result.findings if f.indicator == "R2" and f.kind == "altered")
    assert finding.quote in covered_text(annotated["qufu.docx"]).values()


def test_missing_list_hangs_on_the_title_not_the_red_header(fresh):
    _, reviewed = fresh
    document = docx.Document(str(reviewed))
    covered = covered_text(reviewed)
    listing = next(c for c in document.comments if c.text.startswith("方案未提及以下"))
    assert covered[str(listing.comment_id)] == "青川县推进义务教育优质均衡发展工作方案"


def test_blank_unit_cell_gets_its_own_comment_on_the_empty_cell(fresh):
    _, reviewed = fresh
    document = docx.Document(str(reviewed))
    blank = [c for c in document.comments if c.text.startswith("[警告·责任单位空缺]")]
    assert len(blank) == 1 and "建议" in blank[0].text
    cell = document.tables[0].cell(2, 2)._tc
    assert cell.find(f".//{W}commentRangeStart").get(f"{W}id") == str(blank[0].comment_id)
    assert covered_text(reviewed)[str(blank[0].comment_id)] == ""


def test_comment_suggests_the_wording_in_the_plans_phrasing(fresh):
    _, reviewed = fresh
    g5 = next(c.text for c in docx.Document(str(reviewed)).comments if c.text.startswith("G5 "))
    assert "[错误·低于标准]" in g5 and "建议改为：" in g5
    assert "小学、初中所有班级学生数分别控制在45人、50人以内" in g5
    assert g5.count("国家标准：小学、初中所有班级学生数分别不超过45人、50人") == 1


def test_reannotating_keeps_the_drafters_comments_and_replies(fresh, tmp_path):
    _, reviewed = fresh
    document = docx.Document(str(reviewed))
    paragraph = document.paragraphs[6]
    document.add_comment(paragraph.runs, text="已按意见修改", author="起草人", initials="QC")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    again = tmp_path / "again.docx"
    assert run("annotate", edited, "-o", again).exit_code == 0
    authors = [a for a, _ in comments_of(again)]
    assert authors.count("起草人") == 1
    assert [c for c in comments_of(again) if c[0] == AUTHOR] == comments_of(reviewed)


def test_an_existing_output_is_kept_unless_forced(fresh, tmp_path):
    plan = shutil.copy(fresh[0], tmp_path / "方案.docx")
    first = run("annotate", plan)
    assert first.exit_code == 0 and (tmp_path / "方案-审核.docx").is_file()
    (tmp_path / "方案-审核.docx").write_bytes(b"drafter's replies")
    second = run("annotate", plan)
    assert second.exit_code == 0 and "方案-审核-2.docx" in second.stderr and "已存在" in second.stderr
    assert (tmp_path / "方案-审核.docx").read_bytes() == b"drafter's replies"
    assert (tmp_path / "方案-审核-2.docx").is_file()
    forced = run("annotate", plan, "--force")
    assert forced.exit_code == 0 and (tmp_path / "方案-审核.docx").read_bytes() != b"drafter's replies"
    # the reviewed copy checked again: never written over itself, a new numbered copy instead
    loop = run("annotate", tmp_path / "方案-审核.docx")
    assert loop.exit_code == 0 and (tmp_path / "方案-审核-3.docx").is_file()


def test_suggest_tracks_a_pure_number_fix(fresh, tmp_path):
    target = tmp_path / "修订.docx"
    result = run("annotate", fresh[0], "-o", target, "--suggest")
    assert result.exit_code == 0 and "2 处修订建议" in result.stderr
    body = docx.Document(str(target)).element.body
    deleted = ["".join(t.text for t in d.iter(f"{W}delText")) for d in body.iter(f"{W}del")]
    inserted = ["".join(t.text for t in i.iter(f"{W}t")) for i in body.iter(f"{W}ins")]
    assert sorted(deleted) == ["48", "52"] and sorted(inserted) == ["45", "50"]
    assert all(el.get(f"{W}author") == AUTHOR for el in [*body.iter(f"{W}del"), *body.iter(f"{W}ins")])
    # accepting the revisions (the reader shows them accepted) leaves a plan that meets G5
    accepted = audit_file(target)
    assert accepted.by_id("G5").verdict.flags == [] and "45人、50人" in accepted.by_id("G5").verdict.statements[0].text
    # annotating the revised copy again without --suggest rejects the tool's own pending revisions
    plain = tmp_path / "plain.docx"
    assert run("annotate", target, "-o", plain).exit_code == 0
    assert _blocks(plain) == _blocks(fresh[0])


def test_refuses_to_overwrite_its_input(tmp_path):
    plan = tmp_path / "方案.docx"
    shutil.copy(SAMPLES / "qitai.docx", plan)
    link = tmp_path / "链接.docx"
    link.symlink_to(plan)
    for target in (plan, link, tmp_path / "." / "方案.docx"):
        result = run("annotate", plan, "-o", target, "--force")
        assert result.exit_code == 2 and "拒绝覆盖" in result.stderr
    assert plan.read_bytes() == (SAMPLES / "qitai.docx").read_bytes()


def test_refuses_what_is_not_a_word_document(tmp_path):
    result = run("annotate", SAMPLES / "qitai.txt", "-o", tmp_path / "out.docx")
    assert result.exit_code == 2 and "只能为 Word 文档" in result.stderr
    fake = tmp_path / "fake.docx"
    shutil.copy(SAMPLES / "qitai.txt", fake)
    assert run("annotate", fake, "-o", tmp_path / "out.docx").exit_code == 2
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("name", ["方案.doc", "方案.wps", "改了扩展名的旧文档.docx"])
def test_old_word_file_without_libreoffice_says_save_as_docx(tmp_path, monkeypatch, name):
    monkeypatch.setattr("duibiao.extractors.legacy_office.find_office", lambda: None)
    plan = shutil.copy(ROOT / "tests" / "data" / "haicheng.doc", tmp_path / name)
    result = run("annotate", plan, "-o", tmp_path / "out.docx")
    assert result.exit_code == 2 and "请在 Word/WPS 中另存为 .docx" in result.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有安装 LibreOffice")
def test_old_word_file_is_annotated_through_libreoffice(tmp_path):
    plan = shutil.copy(ROOT / "tests" / "data" / "haicheng.doc", tmp_path / "海城.doc")
    result = run("annotate", plan)
    assert result.exit_code == 0, result.output
    assert comments_of(tmp_path / "海城-审核.docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有安装 LibreOffice")
def test_libreoffice_opens_the_annotated_file(annotated, tmp_path):
    source = annotated["qitai.docx"]
    command = ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    subprocess.run(command, capture_output=True, timeout=300, check=False)
    pdf = tmp_path / f"{source.stem}.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_annotate_respects_max_size(tmp_path):
    result = run("annotate", SAMPLES / "qufu.docx", "-o", tmp_path / "x.docx", "--max-size", "0.001")
    assert result.exit_code == 3 and "文件过大" in result.output
    assert not (tmp_path / "x.docx").exists()


FRESH_TEXT = """青川县推进义务教育优质均衡发展工作方案
一、主要目标
到2026年，全县小学、初中所有班级学生数分别控制在48人、52人以内，生均教学及辅助用房面积小学、初中分别达到4.5平方米以上、5.8平方米以上。（牵头单位：县教育局）
原则上每百名学生拥有县级以上骨干教师数，小学、初中均达到1人以上。（牵头单位：县教育局；配合单位：县人社局）
"""


@pytest.mark.parametrize("layout", ["hard_wrap", "soft_breaks"])
def test_comment_covers_a_quote_wrapped_over_lines(tmp_path, layout):
    """A sentence typeset line by line (one paragraph per line, or w:br inside runs) is still covered
    exactly: the comment spans the paragraphs or splits the runs at its ends."""
    from layouts import docx_writer
    from layouts.source import read_plan

    source = tmp_path / "plan.txt"
    source.write_text(FRESH_TEXT, encoding="utf-8")
    plan = tmp_path / "plan.docx"
    getattr(docx_writer, layout)(read_plan(source), plan)
    reviewed = tmp_path / "reviewed.docx"
    assert run("annotate", plan, "-o", reviewed).exit_code == 0
    result = audit_file(plan)
    covered = {"".join(text.split()) for text in covered_text(reviewed).values()}
    for iid in ("G5", "R2"):
        quote = next(f.quote for f in result.findings if f.indicator == iid and f.quote)
        assert "".join(quote.split()) in covered, iid
    assert _blocks(reviewed) == _blocks(plan)
