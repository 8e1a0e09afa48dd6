"""Audits for the workbench, off the web server's threads: a small queue served by worker processes.

Each worker thread owns one process (spawned, so it never inherits the server's threads). A file
gets `timeout` seconds; past that its process is killed and replaced (a process-level limit: the
batch's SIGALRM cannot interrupt code on a server thread) and the file is recorded as failed. A
worker that dies (out of memory, killed) costs only the file it held."""
from __future__ import annotations

import multiprocessing
import queue
import threading
from dataclasses import replace

from duibiao.audit import AuditResult
from duibiao.audit.batch import DEFAULT_TIMEOUT, Failure, audit_one, AuditJob
from duibiao.catalog import DEFAULT_STANDARD
from duibiao.extractors import DEFAULT_MAX_SIZE
from duibiao.ledger import Ledger

_STOP = None


def _serve(conn) -> None:
    """A worker process: audit each path received, send back the AuditResult or Failure."""
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is _STOP:
            return
        path, job = request
        conn.send(audit_one(path, job))


class _Worker:
    def __init__(self, context):
        self.context = context
        self.conn = self.process = None

    def audit(self, path: str, job: AuditJob, timeout: float, retry: bool = True) -> AuditResult | Failure:
        """The file's audit; a worker that dies is replaced and the file tried once more."""
        if self.process is None or not self.process.is_alive():
            self.conn, child = self.context.Pipe()
            self.process = self.context.Process(target=_serve, args=(child,), daemon=True)
            self.process.start()
            child.close()
        try:
            self.conn.send((path, job))
            if self.conn.poll(timeout):
                return self.conn.recv()
            reason = f"处理超时（超过 {timeout:g} 秒），已停止"
        except (EOFError, OSError):
            self.stop(kill=True)
            if retry:
                return self.audit(path, job, timeout, retry=False)
            reason = "审核进程两次意外退出（可能是内存不足），该文件未能审核"
        self.stop(kill=True)
        return Failure(path, reason)

    def stop(self, kill: bool = False) -> None:
        if self.process is None:
            return
        if not kill:
            try:
                self.conn.send(_STOP)
                self.process.join(5)
            except OSError:
                pass
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
        self.conn = self.process = None


class AuditQueue:
    """Queue uploaded versions; `workers` processes audit them and store each result in the ledger."""

    def __init__(self, ledger: Ledger, workers: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 standard: str = DEFAULT_STANDARD, max_size: int | None = DEFAULT_MAX_SIZE):
        self.ledger, self.timeout = ledger, timeout
        self.job = AuditJob(standard, None, max_size, None)  # the time limit is the process kill
        self.pending: queue.Queue[int | None] = queue.Queue()
        self._finished = threading.Condition()
        self._open: set[int] = set()
        context = multiprocessing.get_context("spawn")
        self._workers = [_Worker(context) for _ in range(max(1, workers))]
        self._threads = [threading.Thread(target=self._run, args=(w,), daemon=True, name=f"audit-{i}")
                         for i, w in enumerate(self._workers)]
        for t in self._threads:
            t.start()
        for version_id in ledger.queued():  # left over from a stopped server
            self.submit(version_id)

    def submit(self, version_id: int) -> None:
        with self._finished:
            if version_id in self._open:
                return
            self._open.add(version_id)
        self.pending.put(version_id)

    def wait(self, version_ids: list[int], timeout: float | None = None) -> bool:
        """Block until those versions are audited (or failed); False on timeout."""
        with self._finished:
            return self._finished.wait_for(lambda: not self._open.intersection(version_ids), timeout)

    def busy(self) -> int:
        with self._finished:
            return len(self._open)

    def close(self) -> None:
        for _ in self._threads:
            self.pending.put(_STOP)
        for t in self._threads:
            t.join(10)

    def _run(self, worker: _Worker) -> None:
        try:
            while (version_id := self.pending.get()) is not _STOP:
                try:
                    self._audit(worker, version_id)
                finally:
                    with self._finished:
                        self._open.discard(version_id)
                        self._finished.notify_all()
        finally:
            worker.stop()

    def _audit(self, worker: _Worker, version_id: int) -> None:
        version = self.ledger.version(version_id)
        item = worker.audit(str(self.ledger.file_of(version_id)), self.job, self.timeout)
        if isinstance(item, Failure):
            self.ledger.store_failure(version_id, item.reason)
            return
        # Reports name the file as the reviewer uploaded it, not by its generated name in the store.
        self.ledger.store_audit(version_id, replace(item, document=replace(item.document, source=version["file"])))
