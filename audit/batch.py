"""Audit many plans at once: files as given, folders searched recursively; one unreadable file never
stops the others.

    from duibiao.audit.batch import audit_batch
    batch = audit_batch(["samples"], jobs=4)
    batch.audits     # AuditResult per readable plan, in input order (without the document's blocks)
    batch.failures   # Failure(path, reason) per file that could not be read
    batch.skipped    # Failure(path, reason) per file found in a folder and not audited (not a plan type, a pipe…)
"""
from __future__ import annotations

import gc
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from duibiao.audit import AuditResult, audit_file
from duibiao.audit.findings import SEVERITY_ORDER
from duibiao.catalog import DEFAULT_STANDARD, load_standard
from duibiao.errors import DuibiaoError, UnreadableDocument
from duibiao.extractors import DEFAULT_MAX_SIZE
from duibiao.limits import time_limit

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
DEFAULT_TIMEOUT = 300.0  # seconds one file may take in a batch before it is given up


@dataclass(frozen=True)
class AuditJob:
    """What a worker needs to audit one file (picklable)."""

    standard: str
    password: str | None
    max_size: int | None
    timeout: float | None
    ocr: bool = True  # recognise scanned pages and images
    encoding: str | None = None  # of text files and web pages, when the user names it
    page_jobs: int = 1  # processes recognising one file's pages side by side

Progress = Callable[[int, int, Path], None]  # (done, total, the file just finished)
OnResult = Callable[[int, "AuditResult | Failure"], None]  # (the file's index in input order, its result)


@dataclass
class Failure:
    path: str
    reason: str  # Chinese, for the user
    traceback: str = ""  # for --debug

    @property
    def message(self) -> str:
        return f"{self.path}：{self.reason}"


@dataclass
class BatchResult:
    items: list[AuditResult | Failure]  # one per input file, in input order
    skipped: list[Failure] = field(default_factory=list)  # found in a folder, not audited, with the reason

    @property
    def audits(self) -> list[AuditResult]:
        return [x for x in self.items if isinstance(x, AuditResult)]

    @property
    def failures(self) -> list[Failure]:
        return [x for x in self.items if isinstance(x, Failure)]

    @property
    def sources(self) -> list[str]:
        """Each input file's path as given, in input order."""
        return [x.path if isinstance(x, Failure) else x.document.source for x in self.items]

    def reaches(self, level: str | None) -> bool:
        """True when some finding is at least as severe as `level` (error, warning)."""
        if level is None:
            return False
        return any(SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[level] for a in self.audits for f in a.findings)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders searched recursively for every supported type (sorted, hidden files and
    Word's ~$ lock files left out). The command line's order is kept; a file named twice counts once."""
    return scan_paths(paths)[0]


def scan_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """expand_paths, plus every entry of the folders that is not audited, with the reason (another file
    type, a pipe or device, a link to nothing or a link loop). Folder links are not followed, so a
    loop of links cannot make the search endless."""
    files: list[Path] = []
    skipped: list[Failure] = []
    seen: set[str] = set()

    def add(f: Path) -> None:
        key = _identity(f)
        if key not in seen:
            seen.add(key)
            files.append(f)

    for p in map(Path, paths):
        if not _is_folder(p):
            add(p)  # named on the command line: the reader says what is wrong with it, if anything
            continue
        for root, dirs, names in os.walk(p, onerror=lambda e: skipped.append(_skip(Path(e.filename), e))):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "~$")))
            for name in [d for d in dirs if os.path.islink(os.path.join(root, d))]:
                skipped.append(Failure(os.path.join(root, name), "指向文件夹的链接，未跟随（避免循环或重复审核）"))
                dirs.remove(name)
            for name in sorted(names):
                if name.startswith((".", "~$")):
                    continue
                f = Path(root, name)
                reason = _not_auditable(f)
                if reason:
                    skipped.append(Failure(str(f), reason))
                else:
                    add(f)
    return files, skipped


def _is_folder(p: Path) -> bool:
    try:
        return p.is_dir()
    except OSError:
        return False


def _identity(f: Path) -> str:
    try:
        return str(f.resolve())
    except (OSError, RuntimeError):  # a link loop: the path itself is the best name it has
        return os.path.abspath(f)


def _not_auditable(f: Path) -> str:
    """Why a file found in a folder is not audited ('' when it is)."""
    if f.suffix.lower() not in SUPPORTED_SUFFIXES:
        return "不是可审核的方案文件类型，已跳过"
    try:
        mode = os.stat(f).st_mode
    except OSError as e:
        return _skip(f, e).reason
    if not stat.S_ISREG(mode):
        return "不是普通文件（可能是管道或设备），已跳过"
    return ""


def _skip(f: Path, e: OSError) -> Failure:
    if os.path.islink(f):
        return Failure(str(f), "链接指向的文件不存在或形成循环，已跳过")
    return Failure(str(f), f"无法访问（{e.strerror or e}），已跳过")


def audit_batch(
    paths: Iterable[str | Path],
    standard: str = DEFAULT_STANDARD,
    jobs: int = 1,
    password: str | None = None,
    progress: Progress | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    timeout: float | None = DEFAULT_TIMEOUT,
    ocr: bool = True,
    page_progress: Callable[[int, int], None] | None = None,
    encoding: str | None = None,
    on_result: OnResult | None = None,
) -> BatchResult:
    """Audit every plan under `paths`; with jobs > 1 in that many processes (same result, same order).
    A file larger than `max_size` bytes, or taking longer than `timeout` seconds, becomes a Failure.
    Scanned pages are recognised unless `ocr` is False; a single file's pages in `jobs` processes,
    reported to `page_progress(done, total)`. `on_result(i, item)` receives each file's result as it
    arrives (in any order with jobs > 1), so a report can be written while the others are audited."""
    files, skipped = scan_paths(paths)
    load_standard(standard)  # an unknown standard stops here, before any file is read
    job = AuditJob(standard, password, max_size, timeout, ocr=ocr, page_jobs=jobs if len(files) == 1 else 1, encoding=encoding)
    items: list[AuditResult | Failure | None] = [None] * len(files)

    # Results stay until the batch ends: moved out of the cyclic collector's generations once stored,
    # they are not walked again by every full collection (which grew with the batch and took most of
    # the parent's CPU while workers ran). Not when the caller keeps objects frozen of its own.
    freeze = gc.get_freeze_count() == 0

    def done(i: int, item: AuditResult | Failure, count: int) -> None:
        items[i] = item
        if freeze:
            gc.freeze()
        if on_result:
            on_result(i, item)
        if progress:
            progress(count, len(files), files[i])

    try:
        if jobs <= 1 or len(files) <= 1:
            for i, f in enumerate(files):
                done(i, audit_one(str(f), job, page_progress), i + 1)
        else:
            _audit_in_workers(files, job, jobs, done)
    finally:
        if freeze:
            gc.unfreeze()
    return BatchResult(items, skipped)


def _audit_in_workers(files: list[Path], job: AuditJob, jobs: int, done: Callable) -> None:
    """Audit in `jobs` processes. A worker that dies (out of memory, killed) breaks its pool and every
    file still in it: those files are retried once, each in a pool of its own, so only the file that
    kills its worker is reported."""
    import multiprocessing  # only batches pay for these imports
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    count = 0
    pending, retry = list(range(len(files))), False
    while pending:
        broken: list[int] = []
        for group in ([[i] for i in pending] if retry else [pending]):
            pool = ProcessPoolExecutor(max_workers=min(jobs, len(group)))
            try:
                futures = {pool.submit(audit_one, str(files[i]), job): i for i in group}
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        item = future.result()
                    except BrokenProcessPool:
                        if not retry:
                            broken.append(i)
                            continue
                        item = Failure(str(files[i]), "处理该文件的进程意外退出（可能内存不足或被终止），重试一次仍失败")
                    except Exception as e:  # its result could not be sent back
                        item = Failure(str(files[i]), _unexpected(e), format_exc())
                    count += 1
                    done(i, item, count)
            except BaseException:
                # Interrupted (Ctrl-C, SIGTERM), possibly inside the pool's own locked code: stop the
                # workers without the pool's locks, so none outlives the batch and nothing waits on it.
                for process in multiprocessing.active_children():
                    process.terminate()
                raise
            pool.shutdown(wait=True)
        pending, retry = sorted(broken), True


def audit_one(path: str, job: AuditJob, page_progress: Callable[[int, int], None] | None = None) -> AuditResult | Failure:
    """One file's audit as a batch (and the web app's workers) need it: the result without the
    document's blocks, or a Failure with the reason; never an exception."""
    from duibiao.extractors.ocr import OcrOptions

    ocr = OcrOptions(job.ocr, job.page_jobs, page_progress)
    try:
        with time_limit(job.timeout, path):
            result = audit_file(path, standard=job.standard, password=job.password, max_size=job.max_size, ocr=ocr,
                                encoding=job.encoding)
            return result.without_blocks()
    except UnreadableDocument as e:
        return Failure(path, e.reason, format_exc())
    except DuibiaoError as e:
        return Failure(path, str(e), format_exc())
    except Exception as e:  # a bug in one file's audit must not stop the batch
        return Failure(path, _unexpected(e), format_exc())


def format_exc() -> str:
    """The traceback being handled (shown with --debug); traceback is imported only once a file fails."""
    import traceback

    return traceback.format_exc()


def _unexpected(e: Exception) -> str:
    return f"处理时出现意外错误（{type(e).__name__}：{e}），请将该文件反馈给开发者"
