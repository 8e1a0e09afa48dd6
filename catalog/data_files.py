"""Reading the catalog's TOML files, parsed once per version of a file rather than at every start.

Parsing the national standard (~9 ms) and the unit vocabulary, plus importing tomllib, was a steady
share of every audit's start-up. As Python keeps a module's bytecode, the parsed data is kept beside
the file in __pycache__ (duibiao/kept.py; valid for the file's size and modification time); a file
that changed is parsed again. Only the catalog's own files are kept so: a standard a reviewer keeps
on the desktop gets no __pycache__ folder beside it. Where nothing can be kept, or the data holds
values marshal cannot store (a TOML date), the file is simply parsed every time.
"""
from __future__ import annotations

from pathlib import Path

from duibiao import kept

CATALOG_DIR = Path(__file__).resolve().parent  # files under it have their parse kept


def read_toml(path: Path) -> dict:
    """The data of a TOML file. Raises OSError when it cannot be read, ValueError (tomllib's
    TOMLDecodeError, UnicodeDecodeError) when it is not valid UTF-8 TOML."""
    info = path.stat()
    stamp = (info.st_mtime_ns, info.st_size)
    kept_file = kept.kept_path(path.parent, path.name)
    data = kept.load_table(kept_file, stamp)
    if data:
        return data
    import tomllib  # only when a file is parsed: most runs never import it

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if path.resolve().is_relative_to(CATALOG_DIR):
        kept.keep(kept_file, (stamp, data))
    return data
