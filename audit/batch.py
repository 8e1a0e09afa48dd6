"""Audit many plans at once: files as given, folders searched recursively; one unreadable file never
stops the others.

    from duibiao.audit.batch import audit_batch
    batch = audit_batch(["samples"], jobs=4)
    batch.audits     # AuditResult per readable plan, in input order (without the document's blocks)
    batch.failures   # Failure(path, reason) per file that could not be read
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from traceback import format_exc
from typing import Callable, Iterable

from duibiao.audit import AuditResult, audit_file
from duibiao.audit.findings import SEVERITY_ORDER
from duibiao.catalog import DEFAULT_STANDARD, load_standard
from duibiao.errors import DuibiaoError, UnreadableDocument
from duibiao.extractors import DEFAULT_MAX_SIZE

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".wps", ".html", ".htm")
DEFAULT_TIMEOUT = 300.0  # seconds one file may take in a batch before it is given up


@dataclass(frozen=True)
class _Job:
    """What a worker needs to audit one file (picklable)."""

    standard: str
    password: str | None
    max_size: int | None
    timeout: float | None

Progress = Callable[[int, int, Path], None]  # (done, total, the file just finished)


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
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        found = [p]
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith((".", "~$")) for part in f.relative_to(p).parts)
            )
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def audit_batch(
    paths: Iterable[str | Path],
    standard: str = DEFAULT_STANDARD,
    jobs: int = 1,
    password: str | None = None,
    progress: Progress | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> BatchResult:
    """Audit every plan under `paths`; with jobs > 1 in that many processes (same result, same order).
    A file larger than `max_size` bytes, or taking longer than `timeout` seconds, becomes a Failure."""
    files = expand_paths(paths)
    load_standard(standard)  # an unknown standard stops here, before any file is read
    job = _Job(standard, password, max_size, timeout)
    items: list[AuditResult | Failure | None] = [None] * len(files)

    def done(i: int, item: AuditResult | Failure, count: int) -> None:
        items[i] = item
        if progress:
            progress(count, len(files), files[i])

    if jobs <= 1 or len(files) <= 1:
        for i, f in enumerate(files):
            done(i, _audit_one(str(f), job), i + 1)
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed  # only batches pay for it

        with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
            futures = {pool.submit(_audit_one, str(f), job): i for i, f in enumerate(files)}
            for count, future in enumerate(as_completed(futures), 1):
                i = futures[future]
                try:
                    item = future.result()
                except Exception as e:  # the worker died or its result could not be sent back
                    item = Failure(str(files[i]), _unexpected(e))
                done(i, item, count)
    return BatchResult(items)


class _TimeUp(Exception):
    pass


@contextmanager
def _time_limit(seconds: float | None):
    """Interrupt the work after `seconds` (SIGALRM; where there is none, or off the main thread, no limit)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def time_up(_signum, _frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _audit_one(path: str, job: _Job) -> AuditResult | Failure:
    try:
        with _time_limit(job.timeout):
            result = audit_file(path, standard=job.standard, password=job.password, max_size=job.max_size)
            return result.without_blocks()
    except _TimeUp:
        return Failure(path, f"处理超时（超过 {job.timeout:g} 秒），已跳过；可用 --timeout 调大时限", format_exc())
    except UnreadableDocument as e:
        return Failure(path, e.reason, format_exc())
    except DuibiaoError as e:
        return Failure(path, str(e), format_exc())
    except Exception as e:  # a bug in one file's audit must not stop the batch
        return Failure(path, _unexpected(e), format_exc())


def _unexpected(e: Exception) -> str:
    return f"处理时出现意外错误（{type(e).__name__}：{e}），请将该文件反馈给开发者"
