"""The workbench's JSON API and pages through Starlette's TestClient: uploads audited in worker
processes and kept in the ledger, versions of a region, carried decisions, and the safety rules
(token, Origin, CSP, upload names, escaping)."""
from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from duibiao.web.app import create_app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def plan_text(county: str, teachers=(4.2, 5.3), inserted: str = "") -> str:
    """A short plan of `county` with its own wording: R1 at `teachers`, R4 and G3-style lines with units."""
    return (
        f"{county}推进县域义务教育优质均衡发展实施方案\n{county}人民政府办公室\n"
        "为办好人民满意的教育，按照国家督导评估办法要求，结合本县实际，制定本方案。\n一、主要目标\n"
        f"到2027年，全县小学、初中每百名学生拥有高于规定学历教师数{inserted}分别达到{teachers[0]}人、"
        f"{teachers[1]}人以上，由县教育局牵头负责。\n"
        "小学、初中生均教学及辅助用房面积分别达到4.5平方米、5.8平方米，责任单位：县教育局、县发展改革局。\n"
        "所有学校班额不超过45人，由县教育局负责。\n"
    )


def upload(client, *files, wait=True, **headers):
    """files: (name, bytes); the API's answer per file."""
    response = client.post("/api/plans" + ("?wait=1" if wait else ""),
                           files=[("files", (name, data)) for name, data in files], headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["files"]


@pytest.fixture()
def client(tmp_path):
    with TestClient(create_app(tmp_path / "data", workers=1)) as c:
        yield c


def test_upload_three_plans_and_a_bad_file(client, tmp_path):
    answers = upload(client, *[(n, (SAMPLES / n).read_bytes()) for n in ("qufu.docx", "qitai.pdf", "haicheng.txt")],
                     ("坏文件.pdf", b"%PDF-1.4 not really"), ("说明.exe", b"MZ"))
    assert [a["status"] for a in answers] == ["done", "done", "done", "failed", "rejected"]
    assert answers[3]["reason"] and "不支持的文件类型" in answers[4]["reason"]
    ledger = client.get("/api/plans").json()["plans"]
    assert {p["region"] for p in ledger} == {"奇台县", "海城市", "曲阜市"}
    qufu = next(p for p in ledger if p["region"] == "曲阜市")
    assert qufu["doc_number"] and qufu["latest_version"] == 1 and qufu["review_status"] == "未审核"
    detail = client.get(f"/api/plans/{qufu['id']}").json()
    assert detail["audit"]["document"]["source"] == "qufu.docx"  # the uploaded name, not the stored one
    assert len(detail["findings"]) == len(detail["audit"]["findings"]) and detail["decisions"] == {}
    page = client.get("/").text
    assert "坏文件.pdf" in page and answers[3]["reason"] in page  # the bad file's reason on the ledger page
    again = upload(client, ("qufu-copy.docx", (SAMPLES / "qufu.docx").read_bytes()))
    assert again[0]["duplicate"] and again[0]["plan_id"] == qufu["id"]
    assert len(client.get("/api/plans").json()["plans"]) == 3


def test_revised_plan_becomes_version_two_with_decisions_carried(client):
    first = upload(client, ("青禾县方案.txt", plan_text("青禾县", (3.5, 5.3)).encode()))[0]
    plan_id = first["plan_id"]
    findings = client.get(f"/api/plans/{plan_id}").json()["findings"]
    looser = next(f for f in findings if f["indicator"] == "R1" and f["kind"] == "looser")
    missing = next(f for f in findings if f["indicator"] == "R2" and f["kind"] == "missing")
    response = client.post(f"/plans/{plan_id}/decisions", data={"key": missing["key"], "verdict": "false_positive",
                                                                "note": "另有文件规定", "version": "1"},
                           follow_redirects=False)
    assert response.status_code == 303
    second = upload(client, ("青禾县方案（修订稿）.txt", plan_text("青禾县").encode()))[0]
    assert second["plan_id"] == plan_id and second["version"] == 2
    ledger = client.get("/api/plans").json()["plans"]
    assert len(ledger) == 1 and ledger[0]["versions"] == 2 and ledger[0]["review_status"] == "审核中"
    latest = client.get(f"/api/plans/{plan_id}").json()
    carried = next(f for f in latest["findings"] if f["key"] == missing["key"])
    assert carried["decision"]["label"] == "误报" and carried["decision"]["version"] == 1
    assert looser["key"] not in {f["key"] for f in latest["findings"]}
    compare = client.get(f"/plans/{plan_id}/compare").text
    resolved = compare[compare.index('id="resolved"'):compare.index('id="new"')]
    assert looser["message"] in resolved
    remaining = compare[compare.index('id="remaining"'):]
    assert "审核判断：误报（另有文件规定），第1版作出" in remaining
    page = client.get(f"/plans/{plan_id}").text
    assert "已判断：误报（沿用第1版的判断）" in page
    workbook = load_workbook(io.BytesIO(client.get(f"/plans/{plan_id}/v2/workbook.xlsx").content))
    rows = list(workbook["问题清单"].iter_rows(values_only=True))
    review = [row[rows[0].index("复核结论"):] for row in rows[1:] if row[rows[0].index("指标")] == "R2"]
    assert review == [("误报", "另有文件规定")]  # the reviewer's word in the workbook's own columns


def test_everything_survives_a_restart(tmp_path):
    data = tmp_path / "data"
    with TestClient(create_app(data, workers=1)) as c:
        plan_id = upload(c, ("丰源县.txt", plan_text("丰源县", (3.0, 5.0)).encode()))[0]["plan_id"]
        key = c.get(f"/api/plans/{plan_id}").json()["findings"][0]["key"]
        assert c.post(f"/api/plans/{plan_id}/decisions", json={"key": key, "verdict": "confirmed"}).status_code == 200
    with TestClient(create_app(data, workers=1)) as c:
        plans = c.get("/api/plans").json()["plans"]
        assert [p["region"] for p in plans] == ["丰源县"]
        assert c.get(f"/api/plans/{plan_id}").json()["decisions"][key]["label"] == "确认"


def test_upload_names_never_become_paths_and_text_is_escaped(client, tmp_path):
    before = set(os.listdir(tmp_path))
    text = plan_text("石岭县", (3.0, 5.0), inserted="<script>alert('x')</script><b>")
    answer = upload(client, ("../../x.docx.txt", text.encode()), ("..\\..\\<img src=x onerror=alert(1)>.txt",
                                                                   plan_text("云岗县").encode()))
    assert [a["status"] for a in answer] == ["done", "done"], answer
    assert set(os.listdir(tmp_path)) == before and not (tmp_path.parent / "x.docx.txt").exists()
    stored = os.listdir(tmp_path / "data" / "files")
    assert len(stored) == 2 and all(len(Path(n).stem) == 32 and n.endswith(".txt") for n in stored)
    page = client.get(f"/plans/{answer[0]['plan_id']}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;" in page
    ledger = client.get("/").text
    assert "<img src=x" not in ledger
    assert answer[1]["file"] == "<img src=x onerror=alert(1)>.txt"  # kept as a name, shown escaped
    md = client.get(f"/plans/{answer[0]['plan_id']}/v1/audit.json")
    assert md.headers["content-disposition"].startswith("attachment;")
    assert "<script>" in json.loads(md.content)["audit"]["findings"][0]["quote"]  # JSON keeps the text as is


def test_limits_on_uploads(tmp_path):
    with TestClient(create_app(tmp_path / "data", workers=1, max_size=1024, max_files=2)) as c:
        answers = upload(c, ("大文件.txt", b"x" * 2048), wait=False)
        assert answers[0]["status"] == "rejected" and "大小上限" in answers[0]["reason"]
        response = c.post("/api/plans", files=[("files", (f"{i}.txt", b"x")) for i in range(3)])
        assert response.status_code == 400 and "最多 2 个" in response.json()["error"]
        assert c.post("/api/plans", data={"other": "1"}).status_code == 400
        assert not os.listdir(tmp_path / "data" / "files")


def test_token_is_required_when_set(tmp_path):
    with TestClient(create_app(tmp_path / "data", token="s3cret-token", workers=1)) as c:
        assert c.get("/api/plans").status_code == 401
        assert c.get("/api/plans", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/plans", files=[("files", ("a.txt", b"x"))]).status_code == 401
        page = c.get("/", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        assert c.get("/login").status_code == 401
        assert c.get("/api/plans", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        assert c.post("/login?next=/upload", data={"token": "wrong"}).status_code == 401
        entered = c.post("/login?next=/upload", data={"token": "s3cret-token"}, follow_redirects=False)
        assert entered.status_code == 303 and entered.headers["location"] == "/upload"
        assert c.get("/api/plans").status_code == 200  # the cookie from now on


def test_token_in_a_link_is_kept_in_a_cookie(tmp_path):
    with TestClient(create_app(tmp_path / "data", token="abc123", workers=1)) as c:
        assert c.get("/?token=nope", follow_redirects=False).status_code == 403
        link = c.get("/?token=abc123", follow_redirects=False)
        assert link.status_code == 303 and link.headers["location"] == "/"
        assert "httponly" in link.headers["set-cookie"].lower() and "samesite=strict" in link.headers["set-cookie"].lower()
        assert c.get("/").status_code == 200


def test_cross_site_requests_are_refused_and_pages_carry_a_csp(client):
    evil = client.post("/api/plans", files=[("files", ("a.txt", b"x"))], headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    same = client.post("/api/plans", files=[("files", ("a.exe", b"x"))], headers={"Origin": "http://testserver"})
    assert same.status_code == 200
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get("/", headers={"Host": "rebound.example"}).status_code == 400  # DNS rebinding


def test_research_and_downloads(client):
    ids = [upload(client, (f"{name}.txt", plan_text(name, ratio).encode()))[0]["plan_id"]
           for name, ratio in (("东川县", (3.0, 5.3)), ("西川县", (4.2, 5.3)))]
    query = "&".join(f"ids={i}" for i in ids)
    research = client.get(f"/research?{query}")
    assert research.status_code == 200 and "东川县" in research.text and 'class="v-looser"' in research.text
    assert client.get(f"/research/heatmap.png?{query}").content.startswith(b"\x89PNG")
    for url in (f"/research/tables.xlsx?{query}", f"/ledger/workbook.xlsx?{query}", "/ledger/export.xlsx",
                f"/plans/{ids[0]}/v1/workbook.xlsx", f"/plans/{ids[0]}/v1/opinion.docx"):
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"PK"), url
    assert client.get(f"/plans/{ids[0]}/v1/annotated.docx").status_code == 404  # a .txt plan has no Word copy
    assert client.get("/research").status_code == 400


def test_a_bug_in_a_report_is_one_chinese_line(tmp_path, monkeypatch):
    import duibiao.reports.opinion

    def broken(*_args):
        raise KeyError("bug")

    monkeypatch.setattr(duibiao.reports.opinion, "write_opinion", broken)
    with TestClient(create_app(tmp_path / "data", workers=1), raise_server_exceptions=False) as c:
        answer = upload(c, ("北岭县.txt", plan_text("北岭县").encode()))[0]
        plan_id = answer["plan_id"]
        assert answer["status"] == "done", answer
        response = c.get(f"/plans/{plan_id}/v1/opinion.docx")
        assert response.status_code == 500 and "内部错误（KeyError）" in response.text
        assert "Traceback" not in response.text


def test_a_word_plan_downloads_with_comments(client):
    import zipfile

    plan_id = upload(client, ("曲阜.docx", (SAMPLES / "qufu.docx").read_bytes()))[0]["plan_id"]
    response = client.get(f"/plans/{plan_id}/v1/annotated.docx")
    assert response.status_code == 200
    assert "filename*=UTF-8''%E6%9B%B2%E9%98%9C-" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        assert "word/comments.xml" in docx.namelist()
        assert docx.read("word/comments.xml").count(b"<w:comment ") > 3
