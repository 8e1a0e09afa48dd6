"""The ledger store and its commands: migrations written down, versions per region, exports that keep
text as text, `duibiao ledger`, the refusals of `duibiao serve`, and the audit queue's time limit."""
from __future__ import annotations

import csv
import time
import sqlite3

from click.testing import CliRunner
from openpyxl import load_workbook

from duibiao.audit import audit_file
from duibiao.cli import main
from duibiao.ledger import Ledger
from duibiao.ledger.keys import changes, keyed
from duibiao.ledger.migrations import SCHEMA_VERSION
from duibiao.web.jobs import AuditQueue
from test_web_api import plan_text


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def add(ledger: Ledger, name: str, text: str) -> int:
    upload = ledger.add_upload(name, text.encode("utf-8"))
    ledger.store_audit(upload.version_id, audit_file(ledger.file_of(upload.version_id)).without_blocks())
    return upload.version_id


def test_schema_version_is_recorded_and_a_newer_database_is_refused(tmp_path):
    Ledger.open(tmp_path)
    Ledger.open(tmp_path)  # reopening runs no step twice
    with sqlite3.connect(tmp_path / "ledger.sqlite3") as db:
        assert db.execute("SELECT version FROM schema_version").fetchall() == [(v,) for v in range(1, SCHEMA_VERSION + 1)]
        db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    result = run("ledger", "list", "--data", tmp_path)
    assert result.exit_code == 3 and "请升级 duibiao" in result.output


def test_versions_of_one_region_and_the_commands(tmp_path):
    ledger = Ledger.open(tmp_path)
    add(ledger, "柳溪县.txt", plan_text("柳溪县", (3.0, 5.3)))
    add(ledger, "柳溪县-修订.txt", plan_text("柳溪县"))
    add(ledger, "=HYPERLINK(1).txt", plan_text("桐川县", (4.0, 5.0)))
    plans = ledger.plans()
    assert [(p["region"], p["versions"], p["file"]) for p in plans] == [
        ("柳溪县", 2, "柳溪县-修订.txt"), ("桐川县", 1, "=HYPERLINK(1).txt")]
    listed = run("ledger", "list", "--data", tmp_path)
    assert listed.exit_code == 0 and "柳溪县  第2版" in listed.output and "桐川县  第1版" in listed.output
    assert run("ledger", "export", "--data", tmp_path, "-o", tmp_path / "台账.xlsx").exit_code == 0
    assert run("ledger", "export", "--data", tmp_path, "-o", tmp_path / "台账.csv").exit_code == 0
    rows = list(load_workbook(tmp_path / "台账.xlsx").active.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "地区", "最新版本") and rows[2][4] == "'=HYPERLINK(1).txt"
    with open(tmp_path / "台账.csv", encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[2][4] == "'=HYPERLINK(1).txt"
    assert run("ledger", "export", "--data", tmp_path, "-o", tmp_path / "台账.pdf").exit_code == 2


def test_serve_refuses_to_share_without_a_token(tmp_path):
    result = run("serve", "--host", "0.0.0.0", "--data", tmp_path, "--no-browser")
    assert result.exit_code == 2 and "需要访问令牌，已拒绝启动" in result.output
    result = run("serve", "--host", "0.0.0.0", "--token", "令牌", "--data", tmp_path, "--no-browser")
    assert result.exit_code == 2 and "访问令牌只能由英文字母" in result.output


def test_a_file_past_the_time_limit_is_stopped_and_recorded(tmp_path):
    ledger = Ledger.open(tmp_path)
    upload = ledger.add_upload("慢.txt", plan_text("慢县").encode("utf-8"))
    queue = AuditQueue(ledger, workers=1, timeout=0.01)  # less than a worker needs to start
    try:
        queue.submit(upload.version_id)
        assert queue.wait([upload.version_id], 120)
        worker = queue._workers[0]
        assert worker.process is None  # killed, a new one starts with the next file
    finally:
        queue.close()
    version = ledger.version(upload.version_id)
    assert version["status"] == "failed" and "处理超时" in version["reason"]
    again = ledger.add_upload("慢-重传.txt", plan_text("慢县").encode("utf-8"))  # the same file: tried again
    assert (again.version_id, again.status, again.duplicate) == (upload.version_id, "queued", True)
    assert ledger.queued() == [upload.version_id]


def test_a_database_of_the_first_schema_is_migrated(tmp_path):
    ledger = Ledger.open(tmp_path)
    version_id = add(ledger, "松江县.txt", plan_text("松江县", (3.0, 5.3)))
    plan_id = ledger.version(version_id)["plan_id"]
    key = keyed(ledger.audit_json(version_id)["findings"])[0]["key"]
    ledger.decide(plan_id, key, "confirmed", "", 1)
    ledger.engine.dispose()
    with sqlite3.connect(tmp_path / "ledger.sqlite3") as db:  # back to schema 1: no finding_keys column
        db.execute("ALTER TABLE versions DROP COLUMN finding_keys")
        db.execute("DELETE FROM schema_version WHERE version > 1")
    reopened = Ledger.open(tmp_path)
    assert reopened.plans()[0]["review_status"] == "审核中" and reopened.plans()[0]["decided"] == 1
    with sqlite3.connect(tmp_path / "ledger.sqlite3") as db:
        assert db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_serve_refuses_a_port_in_use(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("serve", "--port", taken.getsockname()[1], "--data", tmp_path, "--no-browser")
    assert result.exit_code == 2 and "端口可能已被占用" in result.output


def test_version_changes_keep_a_reworded_finding():
    def finding(indicator, kind, message, key):
        return {"indicator": indicator, "kind": kind, "message": message, "key": key}

    earlier = [finding("R1", "looser", "低于标准", "a"), finding("G5", "no_unit", "未明确责任单位", "b"),
               finding("Q1", "missing", "未提及", "c")]
    later = [finding("G5", "no_unit", "未明确责任单位", "b2"), finding("Q1", "missing", "未提及", "c"),
             finding("Q2", "weakened", "弱化", "d")]
    diff = changes(earlier, later)
    assert [f["key"] for f in diff["resolved"]] == ["a"]
    assert [f["key"] for f in diff["new"]] == ["d"]
    assert [f["key"] for f in diff["remaining"]] == ["b2", "c"] and diff["remaining"][0]["was"] == "b"


def test_a_decision_follows_a_reworded_sentence_into_the_next_version(tmp_path):
    ledger = Ledger.open(tmp_path)
    first = add(ledger, "溪口县.txt", plan_text("溪口县", (3.0, 5.3)))
    plan_id = ledger.version(first)["plan_id"]
    looser = next(f for f in keyed(ledger.audit_json(first)["findings"]) if f["kind"] == "looser")
    ledger.decide(plan_id, looser["key"], "confirmed", "请改为4.2人", 1)
    second = add(ledger, "溪口县-修订.txt", plan_text("溪口县", (3.0, 5.3), inserted="要"))
    now = next(f for f in keyed(ledger.audit_json(second)["findings"]) if f["kind"] == "looser")
    assert now["key"] != looser["key"] and now["message"] == looser["message"]  # the sentence was reworded
    carried = ledger.decisions(plan_id)[now["key"]]
    assert (carried["label"], carried["note"], carried["version"]) == ("确认", "请改为4.2人", 1)


def test_an_unusable_data_folder_is_one_clear_message(tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = run("ledger", "list", "--data", tmp_path / "a-file" / "ledger")
    assert result.exit_code == 3 and result.output.startswith("错误：无法打开台账数据文件夹")
    assert "Traceback" not in result.output


def test_a_worker_that_dies_is_replaced_and_the_file_tried_again(tmp_path):
    ledger = Ledger.open(tmp_path)
    version_id = ledger.add_upload("甲县.txt", plan_text("甲县").encode("utf-8")).version_id
    queue = AuditQueue(ledger, workers=1, timeout=120)
    try:
        queue.submit(version_id)
        worker = queue._workers[0]
        while not (worker.process and worker.process.is_alive()):  # the file is on its way to the worker
            time.sleep(0.01)
        worker.process.kill()  # as the kernel's OOM killer would, in the middle of the file
        assert queue.wait([version_id], 120)
    finally:
        queue.close()
    assert ledger.version(version_id)["status"] == "done"
