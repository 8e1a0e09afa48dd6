"""The catalog's TOML files are parsed once per version of a file: the parse kept in __pycache__ is
used while the file is unchanged, a changed file is read afresh, and nothing breaks where the parse
cannot be kept."""
from __future__ import annotations

import datetime
import marshal
import os
import sys

import pytest

from duibiao.catalog import UnknownStandard, load_standard
from duibiao.catalog import data_files
from duibiao.catalog.data_files import read_toml


@pytest.fixture(autouse=True)
def catalog_folder(tmp_path, monkeypatch):
    """tmp_path stands for the catalog's folder, bytecode allowed as in a user's install (the
    development environment sets PYTHONDONTWRITEBYTECODE)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(data_files, "CATALOG_DIR", tmp_path.resolve())


def _kept(path):
    return list((path.parent / "__pycache__").glob(f"{path.name}.*.marshal"))


def test_the_parse_is_kept_and_used_while_the_file_is_unchanged(tmp_path):
    path = tmp_path / "vocabulary.toml"
    path.write_text('[unit_name]\nsuffixes = ["局", "委员会"]\n', encoding="utf-8")
    assert read_toml(path) == {"unit_name": {"suffixes": ["局", "委员会"]}}
    [kept] = _kept(path)
    # Whatever the kept parse says is what is read while the file's size and time are unchanged:
    # proof that the file was not parsed again.
    stat = path.stat()
    kept.write_bytes(marshal.dumps(((stat.st_mtime_ns, stat.st_size), {"from": "kept"})))
    assert read_toml(path) == {"from": "kept"}


def test_a_changed_file_is_read_afresh(tmp_path):
    path = tmp_path / "standard.toml"
    path.write_text('id = "first"\n', encoding="utf-8")
    assert read_toml(path)["id"] == "first"
    path.write_text('id = "second version"\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert read_toml(path)["id"] == "second version"
    assert read_toml(path)["id"] == "second version"


def test_a_damaged_kept_parse_is_ignored(tmp_path):
    path = tmp_path / "standard.toml"
    path.write_text('name = "县域标准"\n', encoding="utf-8")
    read_toml(path)
    [kept] = _kept(path)
    kept.write_bytes(b"\x00not marshal data")
    assert read_toml(path) == {"name": "县域标准"}


def test_nowhere_to_keep_the_parse_still_reads_the_file(tmp_path):
    path = tmp_path / "standard.toml"
    path.write_text('name = "省定标准"\n', encoding="utf-8")
    (tmp_path / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    assert read_toml(path) == {"name": "省定标准"}
    assert read_toml(path) == {"name": "省定标准"}


def test_values_marshal_cannot_keep_are_read_every_time(tmp_path):
    path = tmp_path / "standard.toml"
    path.write_text("issued = 2017-04-26\n", encoding="utf-8")
    assert read_toml(path) == {"issued": datetime.date(2017, 4, 26)}
    assert read_toml(path) == {"issued": datetime.date(2017, 4, 26)}
    assert not any(p.suffix == ".part" for p in tmp_path.rglob("*"))


def test_nothing_is_kept_where_python_writes_no_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "standard.toml"
    path.write_text('name = "市级标准"\n', encoding="utf-8")
    assert read_toml(path) == {"name": "市级标准"}
    assert not (tmp_path / "__pycache__").exists()


def test_a_file_outside_the_catalog_gets_no_pycache_beside_it(tmp_path, monkeypatch):
    monkeypatch.setattr(data_files, "CATALOG_DIR", (tmp_path / "catalog").resolve())
    desktop = tmp_path / "desktop"
    desktop.mkdir()
    path = desktop / "my-province.toml"
    path.write_text('id = "my-province"\nextends = "national-2017"\n', encoding="utf-8")
    assert read_toml(path) == {"id": "my-province", "extends": "national-2017"}
    assert [p.name for p in desktop.iterdir()] == ["my-province.toml"]


def test_a_standard_file_that_is_not_toml_is_one_clear_error(tmp_path):
    broken = tmp_path / "broken-province.toml"
    broken.write_text('id = "broken"\n[[indicators]\n', encoding="utf-8")
    with pytest.raises(UnknownStandard, match="格式错误"):
        load_standard(str(broken))
    not_utf8 = tmp_path / "gbk-province.toml"
    not_utf8.write_bytes('id = "省标准"\n'.encode("gbk"))
    with pytest.raises(UnknownStandard, match="格式错误"):
        load_standard(str(not_utf8))
