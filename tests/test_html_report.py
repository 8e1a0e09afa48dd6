"""The HTML report: self-contained, escaped, quotes marked in their paragraph; rendered in headless
Chromium (skipped only when no chromium binary is installed)."""
from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from duibiao.audit import audit_file
from duibiao.cli import main
from duibiao.reports.html import render_html
from duibiao.reports.markdown import render_markdown
from plans import audit_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="没有安装 chromium")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", *args, page.resolve().as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def qufu_page(tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("html") / "qufu.html"
    result = run("audit", SAMPLES / "qufu.docx", "-o", page)
    assert result.exit_code == 0, result.output
    return page


def test_page_is_self_contained(qufu_page):
    html = qufu_page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert not re.search(r"<script|<link|<img|src=|https?://|@import|url\(", html)
    assert "<title>对标审核报告：曲阜市创建全国义务教育优质均衡发展市工作实施方案</title>" in html


def test_quotes_are_marked_inside_their_whole_paragraph():
    result = audit_file(SAMPLES / "qufu.docx")
    html = render_html(result)
    quoted = [f for f in result.findings if f.quote]
    assert quoted and all(f"<mark>{escape(f.quote)}</mark>" in html for f in quoted)
    st = next(st for st in result.by_id("R1").verdict.statements if st.context != st.text)
    before = st.context[: st.context.index(st.text)]
    assert f"{before}<mark>{st.text}</mark>" in html


def test_text_from_the_plan_is_escaped(tmp_path):
    plan = tmp_path / "plan.txt"
    text = (SAMPLES / "qufu.txt").read_text(encoding="utf-8")
    assert "推进教师专业化建设" in text
    plan.write_text(text.replace("推进教师专业化建设", "推进<i>教师</i>专业化建设&"), encoding="utf-8")
    html = render_html(audit_file(plan))
    assert "<i>" not in html and "推进&lt;i&gt;教师&lt;/i&gt;专业化建设&amp;" in html


def test_the_plans_self_assessment_is_shown():
    """As in the text and Markdown reports (the plan of test_self_assessment_columns_are_shown_not_audited)."""
    result = audit_text(
        "优质均衡发展实施方案\n附件\n\t指标内容\n\t是否达标\n\t存在问题\n\t责任部门\n\n"
        "\t所有小学、初中规模不超过2000人，九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过2500人\n"
        "\t否\n\t华侨城小学现有2789人\n\t教育局\n"
    )
    html = render_html(result)
    g4 = html[html.index('id="G4"'):]
    g4 = g4[: g4.index("</div>")]
    assert "方案自评：是否达标：否；存在问题：华侨城小学现有2789人" in g4
    assert html.count("方案自评") == 1


def test_batch_writes_a_page_per_plan_and_an_index(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("qitai.txt", "qufu.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    out = tmp_path / "reports"
    result = run("audit", folder, "--format", "html", "-o", out)
    assert result.exit_code == 3
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "qitai.html", "qufu.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="qitai.html"' in index and 'href="qufu.html"' in index
    assert "无法读取的文件（1个）" in index and "broken.pdf" in index
    assert run("audit", folder, "--format", "html").exit_code == 2  # several HTML pages need a folder


@needs_chromium
def test_chromium_renders_the_page(tmp_path, qufu_page):
    shot = tmp_path / "shot.png"
    chromium(tmp_path, qufu_page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.is_file()
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 2000)
    dark = sum(image.histogram()[:128])
    assert image.getextrema()[0] < 60 and dark > 0.005 * 1280 * 2000  # text was drawn, not a blank page


@needs_chromium
def test_chromium_dom_has_title_and_marks(tmp_path, qufu_page):
    dom = chromium(tmp_path, qufu_page, "--dump-dom").stdout
    assert "<title>对标审核报告：曲阜市创建全国义务教育优质均衡发展市工作实施方案</title>" in dom
    assert dom.count("<mark>") == qufu_page.read_text(encoding="utf-8").count("<mark>") > 0
    assert "一、资源配置" in dom


def test_a_plan_named_index_keeps_its_page(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(SAMPLES / "qitai.txt", folder / "index.txt")
    shutil.copy(SAMPLES / "qufu.txt", folder / "other.txt")
    out = tmp_path / "reports"
    assert run("audit", folder, "--format", "html", "-o", out).exit_code == 0
    pages = sorted(p.name for p in out.iterdir())
    assert len(pages) == 3 and "index.html" in pages and "other.html" in pages
    plan_page = next(out / p for p in pages if p not in ("index.html", "other.html"))
    assert plan_page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "对标审核报告：" in plan_page.read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "对标审核报告汇总（2份方案）" in index and f'href="{plan_page.name}"' in index


def test_markdown_report_makes_plan_text_inert():
    result = audit_text(
        "某县义务教育优质均衡发展实施方案\n（一）到2025年，全县小学、初中每百名学生拥有高于规定学历教师数"
        "<script>alert(1)</script>分别达到3.0人、4.0人[点此](javascript:alert(2))，由县教育局负责。\n"
    )
    md = render_markdown(result)
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert not re.search(r"(?<!\\)\]\(", md) and r"\[点此\](javascript:" in md  # no link syntax left
