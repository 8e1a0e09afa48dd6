"""The per-file time limit every command applies (--timeout): SIGALRM in the main thread, so that a
hostile file is given up with one Chinese message instead of running forever. Where there is no
SIGALRM (Windows), or off the main thread, there is no limit: the web app limits its worker processes
instead."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Callable

from duibiao.errors import UnreadableDocument


def start_time_limit(seconds: float | None, path_of: Callable[[], str]) -> Callable[[], None]:
    """Start the clock; after `seconds` the main thread raises UnreadableDocument for the file that
    `path_of()` names then. Returns the function that stops the clock."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        return lambda: None

    def time_up(_signum, _frame):
        raise UnreadableDocument(path_of(), f"处理超时（超过 {seconds:g} 秒），已放弃；可用 --timeout 调大时限")

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def stop() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return stop


@contextmanager
def time_limit(seconds: float | None, path: str):
    stop = start_time_limit(seconds, lambda: path)
    try:
        yield
    finally:
        stop()
