"""Data kept beside the code in __pycache__, as Python keeps a module's bytecode: the parse of the
catalog's TOML files (catalog/data_files.py) and the package's compiled regular expressions
(regex_cache.py). Stored with marshal, whose format belongs to this Python; files are named with
its cache tag. Nothing is kept where the folder cannot be written or where Python is told to write
no bytecode (PYTHONDONTWRITEBYTECODE, `python -B`); what cannot be kept is simply made again."""
from __future__ import annotations

import marshal
import os
import sys
from contextlib import suppress
from pathlib import Path


def kept_path(folder: Path, name: str) -> Path:
    return folder / "__pycache__" / f"{name}.{sys.implementation.cache_tag}.marshal"


def load(path: Path) -> object | None:
    """What was kept at `path`, or None when nothing (readable) is there."""
    with suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(path.read_bytes())
    return None


def keep(path: Path, data: object) -> None:
    """Keep `data` at `path`, never leaving a half-written file in place; silently not at all where
    bytecode is not written, the folder is read-only or marshal cannot store a value."""
    if sys.dont_write_bytecode:
        return
    with suppress(OSError, ValueError):
        blob = marshal.dumps(data)
        path.parent.mkdir(exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        try:
            part.write_bytes(blob)
            os.replace(part, path)
        finally:
            part.unlink(missing_ok=True)


# More entries than this in one table means definitions come and go (a province's standard being
# edited): the table starts again from what the process asked for.
MAX_ENTRIES = 5000


def load_table(path: Path, stamp: object) -> dict:
    """The entries kept at `path` by keep_table with this `stamp` (a format number, a library
    version); empty when there are none or they were kept under another stamp."""
    found = load(path)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == stamp and isinstance(found[1], dict):
        return found[1]
    return {}


def keep_table(path: Path, stamp: object, known: dict, new: dict) -> None:
    """Keep the entries `known` (as load_table gave them) with `new` added, under `stamp`."""
    entries = {**known, **new} if len(known) + len(new) <= MAX_ENTRIES else dict(new)
    keep(path, (stamp, entries))
