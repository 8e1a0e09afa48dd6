"""The workbench in a real browser (Debian's chromium driven by Playwright): the whole review loop,
with screenshots as artifacts (under the test's tmp folder; also copied to $DUIBIAO_SCREENSHOTS when
set, e.g. docs/screenshots for the README). Skipped only when no chromium is installed."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect, sync_playwright

from test_web_api import plan_text

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="没有安装 chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
        "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`duibiao serve` as a user starts it, in its own process."""

    def __init__(self, data: Path, port: int, log: Path):
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "duibiao", "serve", "--data", str(data), "--port", str(port), "--no-browser",
             "--jobs", "1"], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.url + "/api/plans", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"工作台没有启动，见 {log}")
                time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        self.log.close()


def saved(download, folder: Path) -> Path:
    """A download under the name the server gave it (e.g. qufu-第1版-审核工作簿.xlsx)."""
    name = download.suggested_filename
    assert name.startswith("qufu-第1版-") and "/" not in name
    download.save_as(folder / name)
    return folder / name


def test_the_review_loop_in_chromium(tmp_path):
    shots = tmp_path / "screenshots"
    shots.mkdir()
    plans = tmp_path / "plans"
    plans.mkdir()
    for name in ("qufu.docx", "qitai.pdf", "haicheng.txt"):
        shutil.copy(SAMPLES / name, plans / name)
    (plans / "青禾县方案.txt").write_text(plan_text("青禾县", (3.5, 5.3)), encoding="utf-8")
    (plans / "损坏的方案.docx").write_bytes(b"PK\x03\x04 this is not a Word file")
    revised = tmp_path / "青禾县方案（修订稿）.txt"
    revised.write_text(plan_text("青禾县"), encoding="utf-8")
    data, port = tmp_path / "data", free_port()

    server = Server(data, port, tmp_path / "server.log")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        try:
            # 上传 a folder: three samples, a plan of our own and a broken file; each row ends audited or with a reason.
            page.goto(server.url + "/upload")
            page.set_input_files("#folder", plans)  # a whole folder, as when one is dropped
            rows = page.locator("#progress tbody tr")
            expect(rows).to_have_count(5)
            expect(page.locator("#progress td.done")).to_have_count(4, timeout=180_000)
            expect(page.locator("#progress td.failed")).to_have_count(1)
            expect(page.locator("#progress tr", has_text="损坏的方案.docx").locator("td.failed")).to_contain_text("无法审核")
            page.screenshot(path=shots / "upload.png", full_page=True)

            # 方案台账: a row per region, the broken file listed with its reason.
            page.goto(server.url + "/")
            expect(page.locator("#ledger tbody tr")).to_have_count(4)
            expect(page.locator("table.failures")).to_contain_text("损坏的方案.docx")
            page.fill("#filter", "曲阜")
            expect(page.locator("#ledger tbody tr:not(.hidden)")).to_have_count(1)
            page.fill("#filter", "")
            page.screenshot(path=shots / "ledger.png", full_page=True)

            # 方案详情 of a Word plan: downloads open in Excel's and Word's formats.
            page.click("#ledger a:text-is('曲阜市')")
            expect(page.locator("h1")).to_contain_text("曲阜市")
            expect(page.locator("mark").first).to_be_visible()
            with page.expect_download() as info:
                page.click("a.button:has-text('审核工作簿')")
            workbook = load_workbook(saved(info.value, tmp_path))
            assert "问题清单" in workbook.sheetnames and workbook["问题清单"].max_row > 1
            with page.expect_download() as info:
                page.click("a.button:has-text('审核意见')")
            opinion = docx.Document(saved(info.value, tmp_path))
            assert any("审核意见" in para.text for para in opinion.paragraphs)
            assert page.locator("a.button:has-text('批注版')").count() == 1
            page.screenshot(path=shots / "plan.png")

            # Mark a finding of 青禾县 误报; it stays after the page reloads.
            page.goto(server.url + "/")
            page.click("#ledger a:text-is('青禾县')")
            form = page.locator("div#R2 form.decide").first
            form.locator("input[value=false_positive]").check()
            form.locator("input[name=note]").fill("县里另有文件规定")
            form.locator("button").click()
            expect(page.locator("div#R2 .decided").first).to_have_text("已判断：误报")

            # 版本对比: the revised plan becomes version 2; R1 resolved, the decision carried over.
            page.goto(server.url + "/upload")
            page.set_input_files("#files", [revised])
            expect(page.locator("#progress td.done")).to_have_count(1, timeout=120_000)
            page.goto(server.url + "/")
            row = page.locator("#ledger tbody tr", has_text="青禾县")
            expect(row).to_contain_text("第2版")
            row.locator("a:text-is('版本对比')").click()
            expect(page.locator("#resolved")).to_contain_text("R1")
            expect(page.locator("#remaining")).to_contain_text("审核判断：误报（县里另有文件规定），第1版作出")
            page.screenshot(path=shots / "compare.png", full_page=True)

            # 对照研究 of every plan.
            page.goto(server.url + "/")
            page.check("#select-all")
            page.click("button:has-text('对照研究所选方案')")
            expect(page.locator("h1")).to_contain_text("对照研究（4份方案）")
            expect(page.locator("img.heatmap")).to_be_visible()
            heatmap = page.locator("img.heatmap")
            deadline = time.monotonic() + 60  # wait_for_function would need 'unsafe-eval', which the CSP refuses
            while not heatmap.evaluate("img => img.complete && img.naturalWidth") and time.monotonic() < deadline:
                time.sleep(0.3)
            assert heatmap.evaluate("img => img.naturalWidth") > 600
            page.screenshot(path=shots / "research.png", full_page=True)
        finally:
            server.stop()

        # After a restart everything is still there.
        server = Server(data, port, tmp_path / "server.log")
        try:
            page.goto(server.url + "/")
            expect(page.locator("#ledger tbody tr")).to_have_count(4)
            page.click("#ledger a:text-is('青禾县')")
            expect(page.locator("div#R2 .decided").first).to_have_text("已判断：误报（沿用第1版的判断）")
            expect(page.locator("p.versions")).to_contain_text("第1版")
        finally:
            server.stop()
            browser.close()
    assert len(list(shots.glob("*.png"))) == 5
    if os.environ.get("DUIBIAO_SCREENSHOTS"):
        target = Path(os.environ["DUIBIAO_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        for shot in shots.glob("*.png"):
            shutil.copy(shot, target / shot.name)
