"""Reading the catalog's TOML files, parsed once per version of a file rather than at every start.

Parsing the national standard (~9 ms) and the unit vocabulary, plus importing tomllib, was a steady
share of every audit's start-up. As Python keeps a module's bytecode, the parsed data is kept beside
the file in __pycache__ (marshal, valid for this Python and for the file's size and modification
time); a file that changed is parsed again. Only the catalog's own files are kept so: a standard
a reviewer keeps on the desktop gets no __pycache__ folder beside it. Where that folder cannot be
written, where Python is told to write no bytecode (PYTHONDONTWRITEBYTECODE, `python -B`), or where
the data holds values marshal cannot store, the file is simply parsed every time.
"""
from __future__ import annotations

import marshal
import os
import sys
from contextlib import suppress
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent  # files under it have their parse kept


def read_toml(path: Path) -> dict:
    """The data of a TOML file. Raises OSError when it cannot be read, ValueError (tomllib's
    TOMLDecodeError, UnicodeDecodeError) when it is not valid UTF-8 TOML."""
    info = path.stat()
    stamp = (info.st_mtime_ns, info.st_size)
    kept = path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"
    with suppress(OSError, ValueError, EOFError, TypeError):  # none kept yet, or unreadable: parse
        kept_stamp, data = marshal.loads(kept.read_bytes())
        if kept_stamp == stamp and isinstance(data, dict):
            return data
    import tomllib  # only when a file is parsed: most runs never import it

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if sys.dont_write_bytecode or not path.resolve().is_relative_to(CATALOG_DIR):
        return data
    with suppress(OSError, ValueError):  # a read-only install, or a TOML date marshal cannot store
        blob = marshal.dumps((stamp, data))
        kept.parent.mkdir(exist_ok=True)
        part = kept.with_name(f"{kept.name}.{os.getpid()}.part")  # never a half-written file in place
        try:
            part.write_bytes(blob)
            os.replace(part, kept)
        finally:
            part.unlink(missing_ok=True)
    return data
