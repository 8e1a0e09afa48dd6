"""Word comments for drafters: a comment per deviating indicator, the missing ones on the first
paragraph, the document's text unchanged, inputs never overwritten."""
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
from duibiao.reports.annotate import AUTHOR, DEVIATING_KINDS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DOCX = sorted(SAMPLES.glob("*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


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


def _blocks(path: Path) -> list[dict]:
    return read_document(path).to_dict()["blocks"]


@pytest.mark.parametrize("source", DOCX, ids=lambda p: p.name)
def test_text_is_unchanged(annotated, source):
    assert _blocks(annotated[source.name]) == _blocks(source)


@pytest.mark.parametrize("source", DOCX, ids=lambda p: p.name)
def test_a_comment_per_deviating_indicator(annotated, source):
    document = docx.Document(str(annotated[source.name]))
    comments = list(document.comments)
    assert comments and all(c.author == AUTHOR for c in comments)
    result = audit_file(source)
    deviating = {f.indicator for f in result.findings if f.indicator and f.kind in DEVIATING_KINDS}
    for iid in deviating:
        ind = result.standard[iid]
        assert any(c.text.startswith(f"{iid} {ind.name}") and ind.wording in c.text for c in comments), iid
    missing = [r.id for r in result.indicators if r.verdict.status == "missing"]
    if missing:
        listing = [c for c in comments if c.text.startswith(f"方案未提及以下{len(missing)}项")]
        assert len(listing) == 1 and all(f"\n{iid} " in listing[0].text for iid in missing)
    body = document.element.body
    starts, ends = body.findall(f".//{W}commentRangeStart"), body.findall(f".//{W}commentRangeEnd")
    assert len(starts) == len(ends) == len(comments)


def test_the_comment_covers_the_quoted_clause(annotated):
    document = docx.Document(str(annotated["qufu.docx"]))
    result = audit_file(SAMPLES / "qufu.docx")
    finding = next(f for f in result.findings if f.indicator == "R2" and f.kind == "altered")
    covered = {}
    for p in document.element.body.iter(f"{W}p"):
        open_ids = set()
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart":
                open_ids.add(el.get(f"{W}id"))
            elif el.tag == f"{W}commentRangeEnd":
                open_ids.discard(el.get(f"{W}id"))
            elif el.tag == f"{W}t":
                for cid in open_ids:
                    covered[cid] = covered.get(cid, "") + (el.text or "")
    assert finding.quote in covered.values()


def test_refuses_to_overwrite_its_input(tmp_path):
    plan = tmp_path / "方案.docx"
    shutil.copy(SAMPLES / "qitai.docx", plan)
    link = tmp_path / "链接.docx"
    link.symlink_to(plan)
    for target in (plan, link, tmp_path / "." / "方案.docx"):
        result = run("annotate", plan, "-o", target)
        assert result.exit_code == 2 and "拒绝覆盖" in result.stderr
    assert plan.read_bytes() == (SAMPLES / "qitai.docx").read_bytes()


def test_refuses_what_is_not_a_docx(tmp_path):
    result = run("annotate", SAMPLES / "qitai.txt", "-o", tmp_path / "out.docx")
    assert result.exit_code == 2 and "只能为 Word 文档（.docx）添加批注" in result.stderr
    fake = tmp_path / "fake.docx"
    shutil.copy(SAMPLES / "qitai.txt", fake)
    assert run("annotate", fake, "-o", tmp_path / "out.docx").exit_code == 2
    assert not (tmp_path / "out.docx").exists()


def test_default_output_sits_beside_the_input(tmp_path):
    plan = tmp_path / "方案.docx"
    shutil.copy(SAMPLES / "haicheng.docx", plan)
    assert run("annotate", plan).exit_code == 0
    assert (tmp_path / "方案-审核.docx").is_file()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有安装 LibreOffice")
def test_libreoffice_opens_the_annotated_file(annotated, tmp_path):
    source = annotated["qitai.docx"]
    command = ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    subprocess.run(command, capture_output=True, timeout=300)
    pdf = tmp_path / f"{source.stem}.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_annotate_respects_max_size(tmp_path):
    from click.testing import CliRunner

    from duibiao.cli import main

    result = CliRunner().invoke(main, ["annotate", str(SAMPLES / "qufu.docx"), "-o", str(tmp_path / "x.docx"),
                                       "--max-size", "0.001"])
    assert result.exit_code == 3 and "文件过大" in result.output
    assert not (tmp_path / "x.docx").exists()
