"""The workbench's pages, downloads and JSON API (Starlette). Pages are Jinja2 templates sharing the
HTML report's environment and macros (reports/html.py), so plan text is always escaped."""
from __future__ import annotations

import contextlib
import functools
import json
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from duibiao.audit import AuditResult, audit_file
from duibiao.audit.batch import DEFAULT_TIMEOUT, BatchResult
from duibiao.audit.findings import ERROR, INFO, KIND_NAMES, SEVERITY_NAMES, WARNING
from duibiao.extractors import DEFAULT_MAX_SIZE
from duibiao.ledger import Ledger
from duibiao.ledger.keys import changes, finding_keys, keyed
from duibiao.ledger.store import VERDICTS, UnsupportedUpload, display_name
from duibiao.reports.html import TEMPLATES as REPORT_TEMPLATES, template_environment
from duibiao.web.jobs import AuditQueue
from duibiao.web.security import SecurityMiddleware, remember, token_matches

HERE = Path(__file__).parent
MAX_FILES = 100  # per request
MAX_REQUEST = 1024 * 1024 * 1024  # bytes of one upload request, whatever the files
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1", "testserver"]
DOWNLOADS = {
    "opinion.docx": "审核意见",
    "annotated.docx": "批注版",
    "workbook.xlsx": "审核工作簿",
    "audit.json": "审核结果",
}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def create_app(data_dir: Path | str | None = None, token: str | None = None, workers: int = 2,
               timeout: float = DEFAULT_TIMEOUT, max_size: int = DEFAULT_MAX_SIZE, max_files: int = MAX_FILES,
               loopback_only: bool = True) -> Starlette:
    """The workbench over the ledger in `data_dir`. With `loopback_only`, requests must name this
    machine as their host (a web page elsewhere cannot reach it by DNS rebinding)."""
    ledger = Ledger.open(data_dir)
    env = template_environment(str(HERE / "templates"))
    web = Workbench(ledger, env, token, max_size, max_files)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        web.queue = AuditQueue(ledger, workers=workers, timeout=timeout, max_size=max_size)
        try:
            yield
        finally:
            await run_in_threadpool(web.queue.close)

    middleware = [Middleware(SecurityMiddleware, token=token)]
    if loopback_only:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS))
    app = Starlette(routes=web.routes(), middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: web.error, Exception: web.unexpected})
    app.state.workbench = web
    return app


class Workbench:
    def __init__(self, ledger: Ledger, env, token: str | None, max_size: int, max_files: int):
        self.ledger, self.env, self.token = ledger, env, token
        self.max_size, self.max_files = max_size, max_files
        self.queue: AuditQueue | None = None
        # A version's audit never changes: the pages of recently opened plans skip unpickling it.
        self.result = functools.lru_cache(maxsize=32)(self._result)

    def routes(self) -> list:
        return [
            Route("/", self.ledger_page),
            Route("/upload", self.upload_page),
            Route("/plans/{plan_id:int}", self.plan_page),
            Route("/plans/{plan_id:int}/decisions", self.decide_form, methods=["POST"]),
            Route("/plans/{plan_id:int}/compare", self.compare_page),
            Route("/plans/{plan_id:int}/v{number:int}/{kind}", self.download),
            Route("/ledger/workbook.xlsx", self.ledger_workbook),
            Route("/ledger/export.{fmt}", self.ledger_export),
            Route("/research", self.research_page),
            Route("/research/heatmap.png", self.research_heatmap),
            Route("/research/tables.xlsx", self.research_tables),
            Route("/login", self.login, methods=["GET", "POST"]),
            Route("/api/plans", self.api_upload, methods=["POST"]),
            Route("/api/plans", self.api_ledger),
            Route("/api/plans/{plan_id:int}", self.api_plan),
            Route("/api/plans/{plan_id:int}/decisions", self.api_decide, methods=["POST"]),
            Route("/api/versions/{version_id:int}", self.api_version),
            Route("/static/verdicts.css", self.verdict_css),
            Route("/static/report.css", lambda _r: FileResponse(REPORT_TEMPLATES / "report.css", media_type="text/css")),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]

    # Helpers

    def page(self, name: str, request: Request, status_code: int = 200, **context) -> HTMLResponse:
        html = self.env.get_template(name).render(request=request, path=request.url.path, verdicts=VERDICTS,
                                                  **context)
        return HTMLResponse(html, status_code=status_code)

    async def error(self, request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return self.page("error.html", request, status_code=exc.status_code, message=exc.detail)

    async def unexpected(self, request: Request, exc: Exception) -> Response:
        """A bug shows one Chinese line (the traceback goes to the server's log), never a stack trace."""
        return await self.error(request, HTTPException(500, f"内部错误（{type(exc).__name__}），请把这份文件和操作步骤反馈给开发者"))

    def plan_or_404(self, plan_id: int) -> dict:
        plan = self.ledger.plan(plan_id)
        if plan is None:
            raise HTTPException(404, "没有这份方案")
        return plan

    def version_of(self, plan: dict, number: int | None) -> dict:
        if number is None:
            return plan["versions"][-1]
        found = next((v for v in plan["versions"] if v["number"] == number), None)
        if found is None:
            raise HTTPException(404, f"这份方案没有第{number}版")
        return found

    def _result(self, version_id: int) -> AuditResult:
        """The stored audit; made again from the kept file when it came from another version of the tool."""
        stored = self.ledger.result(version_id)
        if stored is not None:
            return stored
        result = audit_file(self.ledger.file_of(version_id)).without_blocks()
        name = self.ledger.version(version_id)["file"]
        return replace(result, document=replace(result.document, source=name))

    def selected(self, request: Request) -> list[dict]:
        ids = []
        for value in request.query_params.getlist("ids"):
            ids += [int(x) for x in value.split(",") if x.strip().isdigit()]
        plans = [p for p in (self.ledger.plan(i) for i in dict.fromkeys(ids)) if p]
        if not plans:
            raise HTTPException(400, "请先在方案台账中勾选方案")
        return plans

    def batch(self, plans: list[dict]) -> BatchResult:
        return BatchResult([self.result(p["latest_version_id"]) for p in plans])

    def write_workbook(self, versions: list[tuple[int, int]], target: Path) -> int:
        """The reviewers' workbook of (plan id, version id) pairs, with the decisions made here in its
        复核结论 and 备注 columns; returns the number of plans."""
        from duibiao.reports.excel import write_workbook
        from duibiao.reports.review import Decision, finding_key

        audits, decided = [], {}
        for plan_id, version_id in versions:
            result = self.result(version_id)
            audits.append(result)
            decisions = self.ledger.decisions(plan_id)
            for f, key in zip(result.findings, finding_keys(result.findings)):
                if key in decisions:
                    kind, source = KIND_NAMES.get(f.kind, f.kind), result.document.source
                    decided[finding_key(source, f.indicator, kind, f.message, f.quote)] = Decision(
                        source, f.indicator or "", kind, f.message, f.quote, decisions[key]["label"],
                        decisions[key]["note"])
        write_workbook(BatchResult(audits), target, decided)
        return len(audits)

    def verdict_css(self, _request: Request) -> Response:
        """A class per verdict in the reports' colours (white text on the darkest)."""
        from duibiao.reports.common import VERDICT_COLOURS

        rules = [f".v-{v}{{background:#{c}}}" for v, c in VERDICT_COLOURS.items()]
        return Response("\n".join(rules) + "\n.v-missing{color:#fff}\n", media_type="text/css")

    # Pages

    async def ledger_page(self, request: Request) -> Response:
        plans, failures = await run_in_threadpool(lambda: (self.ledger.plans(), self.ledger.failures()))
        return self.page("ledger.html", request, plans=plans, failures=failures,
                         busy=self.queue.busy() if self.queue else 0)

    async def upload_page(self, request: Request) -> Response:
        return self.page("upload.html", request, max_mb=self.max_size // (1024 * 1024), max_files=self.max_files)

    def plan_page(self, request: Request) -> Response:
        plan = self.plan_or_404(request.path_params["plan_id"])
        number = _int(request.query_params.get("version"))
        version = self.version_of(plan, number)
        result = self.result(version["id"])
        chosen = [s for s in request.query_params.getlist("severity") if s in SEVERITY_NAMES] or [ERROR, WARNING, INFO]
        shown = replace(result, findings=[f for f in result.findings if f.severity in chosen])
        keys = {id(f): k for f, k in zip(result.findings, finding_keys(result.findings))}
        return self.page("plan.html", request, plan=plan, version=version, result=result, shown=shown,
                         key_of=lambda f: keys[id(f)], decisions=self.ledger.decisions(plan["id"]),
                         chosen=chosen, downloads=self.downloads(version))

    def downloads(self, version: dict) -> dict[str, str]:
        kinds = dict(DOWNLOADS)
        if not version["file"].lower().endswith(".docx"):
            kinds.pop("annotated.docx")
        return kinds

    async def decide_form(self, request: Request) -> Response:
        plan_id = request.path_params["plan_id"]
        form = await request.form()
        number = _int(form.get("version")) or 1
        await run_in_threadpool(self._decide, plan_id, form.get("key", ""), form.get("verdict", ""),
                                form.get("note", ""), number)
        anchor = quote(str(form.get("key", "")), safe="")
        return RedirectResponse(f"/plans/{plan_id}?version={number}#f-{anchor}", status_code=303)

    def _decide(self, plan_id: int, key: str, verdict: str, note: str, number: int) -> None:
        self.plan_or_404(plan_id)
        if verdict not in VERDICTS or not key:
            raise HTTPException(400, "请选择 确认 / 误报 / 待核")
        self.ledger.decide(plan_id, str(key), verdict, str(note), number)

    def compare_page(self, request: Request) -> Response:
        plan = self.plan_or_404(request.path_params["plan_id"])
        later = self.version_of(plan, _int(request.query_params.get("to")))
        earlier_number = _int(request.query_params.get("from")) or (later["number"] - 1)
        earlier = self.version_of(plan, earlier_number) if earlier_number >= 1 else None
        diff = None
        if earlier:
            diff = changes(keyed(self.ledger.audit_json(earlier["id"])["findings"]),
                           keyed(self.ledger.audit_json(later["id"])["findings"]))
        return self.page("compare.html", request, plan=plan, earlier=earlier, later=later, diff=diff,
                         decisions=self.ledger.decisions(plan["id"]))

    def research_page(self, request: Request) -> Response:
        from duibiao.reports.common import VERDICT_NAMES
        from duibiao.reports.compare import matrix_table

        plans = self.selected(request)
        matrix = matrix_table(self.batch(plans))
        ids = ",".join(str(p["id"]) for p in plans)
        return self.page("research.html", request, plans=plans, ids=ids, columns=list(matrix.columns[2:]),
                         rows=matrix.to_dict("records"), verdict_names=VERDICT_NAMES)

    # Downloads

    def download(self, request: Request) -> Response:
        plan = self.plan_or_404(request.path_params["plan_id"])
        version = self.version_of(plan, request.path_params["number"])
        kind = request.path_params["kind"]
        if kind not in self.downloads(version):
            raise HTTPException(404, "没有这种下载")
        stem = f"{Path(version['file']).stem}-第{version['number']}版-{DOWNLOADS[kind]}"
        if kind == "audit.json":
            body = {"audit": self.ledger.audit_json(version["id"]), "decisions": self.ledger.decisions(plan["id"])}
            return _attachment(json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8"), stem + ".json",
                               "application/json")
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / ("out" + Path(kind).suffix)
            if kind == "opinion.docx":
                from duibiao.reports.opinion import write_opinion

                write_opinion(self.result(version["id"]), target)
            elif kind == "annotated.docx":
                from duibiao.reports.annotate import annotate_file

                target = annotate_file(self.ledger.file_of(version["id"]), target).target
            else:
                self.write_workbook([(plan["id"], version["id"])], target)
            return _attachment(target.read_bytes(), stem + target.suffix, _XLSX if kind.endswith("xlsx") else _DOCX)

    def ledger_workbook(self, request: Request) -> Response:
        plans = self.selected(request)
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "workbook.xlsx"
            count = self.write_workbook([(p["id"], p["latest_version_id"]) for p in plans], target)
            return _attachment(target.read_bytes(), f"审核工作簿-{count}份方案.xlsx", _XLSX)

    def ledger_export(self, request: Request) -> Response:
        from duibiao.ledger.export import MEDIA_TYPES, write_ledger

        fmt = request.path_params["fmt"]
        if fmt not in MEDIA_TYPES:
            raise HTTPException(404, "只能导出 .xlsx 或 .csv")
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"ledger.{fmt}"
            write_ledger(self.ledger.plans(), target)
            return _attachment(target.read_bytes(), f"方案台账.{fmt}", MEDIA_TYPES[fmt])

    def research_heatmap(self, request: Request) -> Response:
        from duibiao.reports.compare import write_chart

        batch = self.batch(self.selected(request))
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "heatmap.png"
            write_chart(batch, target)
            return _attachment(target.read_bytes(), "对照热力图.png", "image/png", inline=True)

    def research_tables(self, request: Request) -> Response:
        from duibiao.reports.compare import write_tables

        batch = self.batch(self.selected(request))
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "tables.xlsx"
            write_tables(batch, target)
            return _attachment(target.read_bytes(), f"对照研究-{len(batch.items)}份方案.xlsx", _XLSX)

    # Access token

    async def login(self, request: Request) -> Response:
        target = request.query_params.get("next", "/")
        target = target if target.startswith("/") and not target.startswith("//") else "/"
        if request.method == "POST":
            form = await request.form()
            if token_matches(str(form.get("token", "")), self.token):
                response = RedirectResponse(target, status_code=303)
                remember(response, self.token)
                return response
            return self.page("login.html", request, status_code=401, next=target, wrong=True)
        return self.page("login.html", request, status_code=401 if self.token else 200, next=target, wrong=False)

    # JSON API

    async def api_upload(self, request: Request) -> Response:
        """multipart `files` (one or more); ?wait=1 answers when their audits are done."""
        limit = min(self.max_files * (self.max_size + 64 * 1024), MAX_REQUEST)
        if int(request.headers.get("content-length") or 0) > limit:
            raise HTTPException(413, f"上传内容过大（一次最多 {self.max_files} 个文件，每个不超过 {_mb(self.max_size)}）")
        try:
            form = await request.form(max_files=self.max_files, max_fields=20)
        except HTTPException as e:
            raise HTTPException(400, f"上传格式不正确或文件过多（一次最多 {self.max_files} 个）：{e.detail}") from None
        uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile)]
        if not uploads:
            raise HTTPException(400, "没有收到文件（表单字段应为 files）")
        answers = [await self._accept(u) for u in uploads]
        queued = [a["id"] for a in answers if a.get("id")]
        if request.query_params.get("wait") and queued:
            await run_in_threadpool(self.queue.wait, queued, None)
            answers = [self._answer(a["id"], a["name"], a["duplicate"]) if a.get("id") else a for a in answers]
        return JSONResponse({"files": answers})

    async def _accept(self, upload: UploadFile) -> dict:
        name = display_name(upload.filename or "")
        data = await upload.read(self.max_size + 1)
        await upload.close()
        if len(data) > self.max_size:
            return {"name": name, "id": None, "plan_id": None, "status": "rejected",
                    "reason": f"文件超过大小上限（{_mb(self.max_size)}）"}
        try:
            added = await run_in_threadpool(self.ledger.add_upload, name, data)
        except UnsupportedUpload as e:
            return {"name": name, "id": None, "plan_id": None, "status": "rejected", "reason": str(e)}
        if added.status == "queued":
            self.queue.submit(added.version_id)
        return self._answer(added.version_id, name, added.duplicate)

    def _answer(self, version_id: int, name: str, duplicate: bool) -> dict:
        v = self.ledger.version(version_id)
        return {**v, "name": name, "version": v["number"], "duplicate": duplicate}

    async def api_ledger(self, request: Request) -> Response:
        return JSONResponse({"plans": await run_in_threadpool(self.ledger.plans)})

    def api_plan(self, request: Request) -> Response:
        plan = self.plan_or_404(request.path_params["plan_id"])
        version = self.version_of(plan, _int(request.query_params.get("version")))
        audit = self.ledger.audit_json(version["id"])
        decisions = self.ledger.decisions(plan["id"])
        findings = [{**f, "decision": decisions.get(f["key"])} for f in keyed(audit["findings"])]
        return JSONResponse({"plan": plan, "version": version, "audit": audit, "findings": findings,
                             "decisions": decisions})

    async def api_decide(self, request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            raise HTTPException(400, "请求内容应为 JSON") from None
        plan_id = request.path_params["plan_id"]
        plan = await run_in_threadpool(self.plan_or_404, plan_id)
        number = _int(str(body.get("version", ""))) or plan["latest_version"]
        await run_in_threadpool(self._decide, plan_id, str(body.get("key", "")), str(body.get("verdict", "")),
                                str(body.get("note", "")), number)
        return JSONResponse({"ok": True, "decisions": self.ledger.decisions(plan_id)})

    def api_version(self, request: Request) -> Response:
        v = self.ledger.version(request.path_params["version_id"])
        if v is None:
            raise HTTPException(404, "没有这个上传")
        return JSONResponse(v)


def _attachment(body: bytes, filename: str, media_type: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f"{disposition}; filename=\"download{Path(filename).suffix}\"; "
                               f"filename*=UTF-8''{quote(filename, safe='')}"})


def _int(value) -> int | None:
    return int(value) if value is not None and str(value).isdigit() else None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"
