"""The ledger store: one SQLite database and a folder of uploaded files under generated names."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from duibiao.audit import AuditResult
from duibiao.audit.batch import SUPPORTED_SUFFIXES
from duibiao.errors import DuibiaoError
from duibiao.ledger.keys import changes, keyed
from duibiao.ledger.migrations import migrate
from duibiao.ledger.models import Decision, Plan, Version, now

DATABASE = "ledger.sqlite3"
FILES = "files"
VERDICTS = {"confirmed": "确认", "false_positive": "误报", "pending": "待核"}
REVIEW_STATES = ("未审核", "审核中", "已审核")


def default_data_dir() -> Path:
    """A per-user folder (e.g. ~/.local/share/duibiao, %LOCALAPPDATA%\\duibiao)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("duibiao", appauthor=False))


def display_name(upload_name: str) -> str:
    """The file's own name from what a browser sent (it may carry a folder path, / or \\)."""
    name = PureWindowsPath(PurePosixPath(upload_name or "").name).name.strip()
    return name[:200] or "未命名"


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("duibiao")
    except PackageNotFoundError:
        return "unknown"


class UnsupportedUpload(DuibiaoError):
    pass


class LedgerUnavailable(DuibiaoError):
    pass


def _cause(e: Exception) -> str:
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(getattr(e, "orig", None) or e).splitlines()[0]


@dataclass
class Upload:
    version_id: int
    name: str
    status: str  # queued, done, failed
    duplicate: bool  # the same file was uploaded before: its earlier version is returned


class Ledger:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.files = self.data_dir / FILES
        try:
            self.files.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(f"sqlite:///{self.data_dir / DATABASE}",
                                        connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            migrate(self.engine)
        except (OSError, SQLAlchemyError) as e:
            raise LedgerUnavailable(f"无法打开台账数据文件夹 {self.data_dir}（{_cause(e)}）；请用 --data 指定一个可写的文件夹") from None
        self._write = threading.Lock()  # one writer at a time (plans are created by region)

    @classmethod
    def open(cls, data_dir: Path | str | None = None) -> "Ledger":
        return cls(Path(data_dir) if data_dir else default_data_dir())

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # Uploads and audits

    def add_upload(self, upload_name: str, data: bytes) -> Upload:
        """Keep the file under a generated name and queue it; a file uploaded before is not stored twice."""
        name = display_name(upload_name)
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise UnsupportedUpload(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 {' '.join(SUPPORTED_SUFFIXES)}）")
        digest = hashlib.sha256(data).hexdigest()
        with self._write, self._session() as s:
            existing = s.scalar(select(Version).where(Version.sha256 == digest))
            if existing and existing.status == "failed":  # uploading it again is asking to try again
                existing.status, existing.reason = "queued", ""
                s.commit()
            if existing:
                return Upload(existing.id, existing.original_name, existing.status, True)
            stored = f"{uuid.uuid4().hex}{suffix}"
            tmp = self.files / f".{stored}.part"
            tmp.write_bytes(data)
            os.replace(tmp, self.files / stored)
            version = Version(original_name=name, stored_name=stored, sha256=digest, size=len(data))
            s.add(version)
            s.commit()
            return Upload(version.id, name, version.status, False)

    def file_of(self, version_id: int) -> Path:
        with self._session() as s:
            return self.files / s.get(Version, version_id).stored_name

    def queued(self) -> list[int]:
        """Versions whose audit has not finished (e.g. the server stopped): to be audited again."""
        with self._session() as s:
            return list(s.scalars(select(Version.id).where(Version.status == "queued").order_by(Version.id)))

    def store_audit(self, version_id: int, result: AuditResult) -> None:
        """The audit of a queued version: it joins its region's entry as the next version."""
        meta = result.document.metadata
        region = "".join((meta.region or "").split())
        counts = result.counts()
        with self._write, self._session() as s:
            version = s.get(Version, version_id)
            key = region or f"文件：{Path(version.original_name).stem}"
            plan = s.scalar(select(Plan).where(Plan.region_key == key))
            if plan is None:
                plan = Plan(region_key=key, region=region or Path(version.original_name).stem)
                s.add(plan)
                s.flush()
            number = s.scalar(select(func.max(Version.number)).where(Version.plan_id == plan.id)) or 0
            version.plan_id, version.number, version.status = plan.id, number + 1, "done"
            version.title, version.doc_number, version.date = meta.title or "", meta.doc_number or "", meta.date or ""
            version.errors, version.warnings, version.infos = counts["error"], counts["warning"], counts["info"]
            audit = result.to_dict()
            version.audit_json = json.dumps(audit, ensure_ascii=False)
            version.finding_keys = json.dumps([f["key"] for f in keyed(audit["findings"])])
            version.result_pickle = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            version.tool_version = _tool_version()
            if number:
                self._carry_decisions(s, plan, number, keyed(audit["findings"]))
            s.commit()

    @staticmethod
    def _carry_decisions(s: Session, plan: Plan, earlier_number: int, findings: list[dict]) -> None:
        """A decision on a finding whose sentence the revision reworded applies to its new wording too."""
        earlier = s.scalar(select(Version).where(Version.plan_id == plan.id, Version.number == earlier_number))
        decided = {d.finding_key: d for d in plan.decisions}
        for f in changes(keyed(json.loads(earlier.audit_json)["findings"]), findings)["remaining"]:
            d = decided.get(f.get("was"))
            if d and f["key"] not in decided:
                s.add(Decision(plan_id=plan.id, finding_key=f["key"], verdict=d.verdict, note=d.note,
                               version_number=d.version_number))

    def store_failure(self, version_id: int, reason: str) -> None:
        with self._write, self._session() as s:
            version = s.get(Version, version_id)
            version.status, version.reason = "failed", reason
            s.commit()

    def result(self, version_id: int) -> AuditResult | None:
        """The stored AuditResult; None when it was made by another version of the tool (audit again)."""
        with self._session() as s:
            version = s.get(Version, version_id)
            if version is None or version.result_pickle is None or version.tool_version != _tool_version():
                return None
            try:
                return pickle.loads(version.result_pickle)
            except Exception:  # classes changed since: the caller audits the kept file again
                return None

    # Reading the ledger

    def plans(self) -> list[dict]:
        """One row per region: its latest audited version, counts and review status."""
        with self._session() as s:
            plans = s.scalars(select(Plan).order_by(Plan.id)
                              .options(selectinload(Plan.versions), selectinload(Plan.decisions))).all()
            return [self._plan_row(s, p) for p in plans]

    def plan(self, plan_id: int) -> dict | None:
        with self._session() as s:
            p = s.get(Plan, plan_id)
            if p is None:
                return None
            row = self._plan_row(s, p)
            row["versions"] = [_version_row(v) for v in p.versions]
            return row

    def version(self, version_id: int) -> dict | None:
        with self._session() as s:
            v = s.get(Version, version_id)
            return _version_row(v) if v else None

    def failures(self) -> list[dict]:
        with self._session() as s:
            return [_version_row(v) for v in s.scalars(select(Version).where(Version.status == "failed")
                                                       .order_by(Version.id.desc()))]

    def audit_json(self, version_id: int) -> dict | None:
        with self._session() as s:
            v = s.get(Version, version_id)
            return json.loads(v.audit_json) if v and v.audit_json else None

    def _plan_row(self, s: Session, p: Plan) -> dict:
        latest = p.versions[-1]
        decisions = {d.finding_key: d.verdict for d in p.decisions}
        keys = json.loads(latest.finding_keys)
        decided = sum(decisions.get(k) in ("confirmed", "false_positive") for k in keys)
        status = REVIEW_STATES[0] if not decided else REVIEW_STATES[2] if decided == len(keys) else REVIEW_STATES[1]
        return {
            "id": p.id, "region": p.region, "versions": len(p.versions), "latest_version": latest.number,
            "latest_version_id": latest.id, "file": latest.original_name, "title": latest.title,
            "doc_number": latest.doc_number, "date": latest.date, "error": latest.errors,
            "warning": latest.warnings, "info": latest.infos, "review_status": status,
            "decided": decided, "findings": len(keys), "uploaded_at": latest.uploaded_at.isoformat(sep=" "),
        }

    # Decisions

    def decisions(self, plan_id: int) -> dict[str, dict]:
        with self._session() as s:
            rows = s.scalars(select(Decision).where(Decision.plan_id == plan_id))
            return {d.finding_key: {"verdict": d.verdict, "label": VERDICTS[d.verdict], "note": d.note,
                                    "version": d.version_number, "updated_at": d.updated_at.isoformat(sep=" ")}
                    for d in rows}

    def decide(self, plan_id: int, key: str, verdict: str, note: str, version_number: int) -> None:
        if verdict not in VERDICTS:
            raise ValueError(verdict)
        with self._write, self._session() as s:
            d = s.scalar(select(Decision).where(Decision.plan_id == plan_id, Decision.finding_key == key))
            if d is None:
                d = Decision(plan_id=plan_id, finding_key=key)
                s.add(d)
            d.verdict, d.note, d.version_number, d.updated_at = verdict, note[:2000], version_number, now()
            s.commit()


def _version_row(v: Version) -> dict:
    return {
        "id": v.id, "plan_id": v.plan_id, "number": v.number, "file": v.original_name, "status": v.status,
        "reason": v.reason, "title": v.title, "doc_number": v.doc_number, "date": v.date,
        "error": v.errors, "warning": v.warnings, "info": v.infos, "size": v.size,
        "uploaded_at": v.uploaded_at.isoformat(sep=" "),
    }


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
