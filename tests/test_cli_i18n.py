"""The command line speaks Chinese: click's own words translated, every option described, extract's
help naming every readable type, catalog show finding indicators by name."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from duibiao.audit.batch import SUPPORTED_SUFFIXES
from duibiao.cli import main

ENGLISH = ("Usage:", "Options:", "Commands:", "[OPTIONS]", "COMMAND [ARGS]", "Show this message and exit", "Error:", "No such option",
           "Try '", "Missing argument")


def run(*args):
    return CliRunner().invoke(main, list(args))


def _commands(cmd=main, path=("duibiao",)):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _commands(sub, (*path, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands()], ids=" ".join)
def test_help_is_chinese(path):
    result = run(*path[1:], "--help")
    assert result.exit_code == 0
    assert "用法：" in result.output and "显示本帮助并退出。" in result.output
    assert not any(word in result.output for word in ENGLISH)


@pytest.mark.parametrize("args", [["audit", "--no-such-thing", "x.txt"], ["audit"], ["nosuchcommand"],
                                  ["audit", "x.txt", "--jobs", "zero"], ["annotate", "a.docx", "b.docx"]])
def test_usage_errors_are_chinese(args):
    result = run(*args)
    assert result.exit_code == 2
    assert "错误：" in result.stderr and "查看帮助" in result.stderr
    assert not any(word in result.stderr for word in ENGLISH)


def test_every_option_has_a_description():
    undescribed = [(" ".join(path), p.name) for path, cmd in _commands() for p in cmd.params
                   if isinstance(p, click.Option) and not (p.help or "").strip()]
    assert undescribed == []


def test_extract_help_lists_every_readable_type():
    text = run("extract", "--help").output
    assert all(suffix in text for suffix in SUPPORTED_SUFFIXES)


@pytest.mark.parametrize("query, expected", [("班额", "G5"), ("巩固率", "Q1"), ("r4", "R4"), ("教师资格证", "G12")])
def test_catalog_show_finds_indicators_by_name(query, expected):
    result = run("catalog", "show", query)
    assert result.exit_code == 0 and result.output.startswith(f"{expected} ")


def test_catalog_show_lists_every_indicator_a_word_names():
    result = run("catalog", "show", "骨干教师")
    firsts = [block.split()[0] for block in result.output.strip().split("\n\n")]
    assert {"R2", "G11"} <= set(firsts)


def test_catalog_show_unknown_name_is_a_usage_error():
    result = run("catalog", "show", "火星基地")
    assert result.exit_code == 2 and "没有编号或名称含“火星基地”的指标" in result.stderr
