"""The package's regular expressions, compiled once and kept between runs as Python keeps bytecode.

Most audits are a new process, and compiling the catalog's and the readers' ~300 patterns took
about 0.12 s of each start-up (a third of a small plan's audit): `re` parses and compiles in Python,
and every class of CJK characters becomes a 64K-bit map. What `re` compiles a pattern to (its code,
flags and groups) is kept in __pycache__ (duibiao/kept.py) and handed to `_sre.compile`, the
constructor `re.compile` itself ends with; a pattern not kept yet is compiled by `re`'s own parser
and code generator, exactly as `re.compile` does.

This leans on `re`'s internals (`re._parser.parse`, `re._compiler._code`, `_sre.compile`), which
may change with a Python version: what is kept is named by the interpreter's cache tag and stamped
with `_sre.MAGIC`, `_sre` validates any code it is given, and at the first thing that does not fit
the module falls back to `re.compile` for the rest of the process. Patterns compiled here are the
package's own (the modules' constants and the catalog's files), never text read from a document.
"""
from __future__ import annotations

import atexit
import re
from pathlib import Path

from duibiao import kept

_FILE = kept.kept_path(Path(__file__).resolve().parent, "regexes")

_kept: dict[tuple[str | bytes, int], tuple] | None = None  # read on first use
_new: dict[tuple[str | bytes, int], tuple] = {}
_internals_fit = True


def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:  # noqa: A001 - a drop-in for re.compile
    """re.compile(pattern, flags), from the kept compilation when there is one. Raises re.error
    for a bad pattern, as re.compile does."""
    global _internals_fit
    flags = int(flags)
    if not _internals_fit or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    try:
        import _sre

        entry = _kept_entries().get(key)
        if entry is None:
            entry = _compilation(pattern, flags)
            _new[key] = entry
        return _sre.compile(pattern, *entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals that changed or a damaged file: plain re from now on
        _internals_fit = False
        _new.clear()
        return re.compile(pattern, flags)


def _compilation(pattern: str | bytes, flags: int) -> tuple:
    """What re._compiler.compile passes to _sre.compile, in types marshal can keep."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _kept_entries() -> dict[tuple[str | bytes, int], tuple]:
    global _kept
    if _kept is None:
        import _sre

        _kept = kept.load_table(_FILE, _sre.MAGIC)
        atexit.register(_keep_new)
    return _kept


def _keep_new() -> None:
    """At exit, keep what this process compiled (worker processes end without atexit: the parent keeps)."""
    if not _new or not _internals_fit or _kept is None:
        return
    import _sre

    kept.keep_table(_FILE, _sre.MAGIC, _kept, _new)
