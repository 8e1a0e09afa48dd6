"""Every command ends with one Chinese line and a documented exit code: the tool's own bugs are
internal errors (4), Ctrl-C is 130, and --debug, wherever it is written, shows the traceback."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, main
from duibiao.extractors import structure

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def broken_reader(monkeypatch):
    """A bug inside the reader, as a future regression would put it there."""
    def fail(doc):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(structure, "finalize", fail)
    import duibiao.extractors as extractors

    monkeypatch.setattr(extractors, "finalize", fail)


@pytest.mark.parametrize("command", [["extract"], ["units"], ["audit", "--format", "json"]])
def test_a_bug_is_an_internal_error_with_one_chinese_line(broken_reader, command):
    result = CliRunner().invoke(main, [command[0], str(SAMPLES / "qitai.txt"), *command[1:]])
    if command[0] == "audit":  # in a batch the file fails and the rest would go on: exit 3, reason named
        assert result.exit_code == 3 and "意外错误" in result.output
    else:
        assert result.exit_code == EXIT_INTERNAL, result.output
        assert result.output.startswith("内部错误（ZeroDivisionError") and result.output.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_before_or_after_the_subcommand(broken_reader, where):
    args = ["extract", str(SAMPLES / "qitai.txt")]
    args = ["--debug", *args] if where == "before" else [*args, "--debug"]
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, ZeroDivisionError)


def test_ctrl_c_exits_130(monkeypatch):
    import duibiao.extractors as extractors

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(extractors, "read_document", interrupted)
    result = CliRunner().invoke(main, ["extract", str(SAMPLES / "qitai.txt")])
    assert result.exit_code == EXIT_INTERRUPTED and "已中断" in result.output


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_ends_the_batch_and_its_workers(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    for i in range(40):
        (plans / f"p{i}.txt").write_bytes((SAMPLES / "qufu.txt").read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "duibiao", "audit", str(plans), "--jobs", "2", "-o", str(tmp_path / "x.xlsx")],
        stderr=subprocess.PIPE, start_new_session=True,
    )
    for _ in range(200):  # wait until the workers run
        if _children(proc.pid):
            break
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert workers
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 143, proc.stderr.read().decode()[-2000:]
    for _ in range(100):
        if not any(_alive(w) for w in workers):
            break
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    assert [p.name for p in tmp_path.iterdir()] == ["plans"]  # no workbook, not even the part written so far


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat")
    return state.exists() and state.read_text().split(")")[-1].split()[0] != "Z"


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM")
@pytest.mark.parametrize("command", ["extract", "units"])
def test_single_file_commands_keep_the_time_limit(monkeypatch, command):
    import duibiao.extractors as extractors

    def never_ends(*_args, **_kwargs):
        while True:
            time.sleep(0.05)

    monkeypatch.setattr(extractors, "read_document", never_ends)
    result = CliRunner().invoke(main, [command, str(SAMPLES / "qitai.txt"), "--timeout", "1"])
    assert result.exit_code == 3
    assert result.output.startswith(f"错误：{SAMPLES / 'qitai.txt'}：处理超时（超过 1 秒）")
