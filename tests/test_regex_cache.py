"""The kept compilations of the package's regular expressions (regex_cache.py) behave as re.compile:
after a real audit every kept pattern, rebuilt from the kept file, finds the same matches as re's own
compilation in a real plan's text; a damaged file or a bad pattern changes nothing for the user."""
from __future__ import annotations

import _sre
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from duibiao import kept, regex_cache

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def cache_file(tmp_path, monkeypatch):
    """A fresh kept file in tmp_path, bytecode allowed as in a user's install, nothing read yet."""
    path = tmp_path / "__pycache__" / "regexes.marshal"
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(regex_cache, "_FILE", path)
    monkeypatch.setattr(regex_cache, "_kept", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    monkeypatch.setattr(regex_cache, "_internals_fit", True)
    return path


# An audit in a new process, its patterns kept in the file named: every module's constants and the
# catalog's patterns go through regex_cache as in a user's run.
_AUDIT_KEEPING = """
import sys
from pathlib import Path
from duibiao import regex_cache
regex_cache._FILE = Path(sys.argv[1])
from duibiao.audit import audit_file
audit_file(sys.argv[2])
"""


def test_kept_patterns_match_as_re_compiles_them(tmp_path):
    cache_file = tmp_path / "__pycache__" / "regexes.marshal"
    plan = SAMPLES / "qitai.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", _AUDIT_KEEPING, str(cache_file), str(plan)], check=True, env=env)
    _, entries = kept.load(cache_file)
    assert len(entries) > 100
    lines = plan.read_text(encoding="utf-8").splitlines()
    for (pattern, flags), entry in entries.items():
        rebuilt = _sre.compile(pattern, *entry)
        expected = re.compile(pattern, flags)
        assert (rebuilt.pattern, rebuilt.flags, rebuilt.groups, rebuilt.groupindex) == \
            (expected.pattern, expected.flags, expected.groups, expected.groupindex)
        if isinstance(pattern, str):
            for line in lines:
                assert [m.span() for m in rebuilt.finditer(line)] == [m.span() for m in expected.finditer(line)], \
                    (pattern, line)


def test_a_kept_pattern_is_used_without_compiling_again(cache_file, monkeypatch):
    regex_cache.compile(r"生均(?:教学及辅助用房|体育运动场馆)面积")
    regex_cache._keep_new()
    monkeypatch.setattr(regex_cache, "_kept", None)
    monkeypatch.setattr(regex_cache, "_new", {})

    def must_not_compile(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "_compilation", must_not_compile)
    assert regex_cache.compile(r"生均(?:教学及辅助用房|体育运动场馆)面积").search("生均体育运动场馆面积达标")


def test_a_damaged_kept_file_falls_back_to_re(cache_file):
    cache_file.parent.mkdir()
    kept.keep(cache_file, (_sre.MAGIC, {("班额", 0): (0, [1, 2, 3], 0, {}, ())}))
    pattern = regex_cache.compile("班额")
    assert pattern.search("大班额") and regex_cache._internals_fit is False
    assert regex_cache.compile(r"\d+人").findall("45人、50人") == ["45人", "50人"]


def test_a_bad_pattern_is_re_error_as_with_re_compile(cache_file):
    with pytest.raises(re.error):
        regex_cache.compile(r"校舍(?:面积")
    assert regex_cache._internals_fit is True


def test_nothing_is_kept_where_python_writes_no_bytecode(cache_file, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    regex_cache.compile(r"音体美专任教师")
    regex_cache._keep_new()
    assert not cache_file.parent.exists()
