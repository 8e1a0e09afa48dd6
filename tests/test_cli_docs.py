"""The command line documents itself, and the README documents the command line (sqlite-utils' habit):
every command and option has help text, and the README's command table names exactly the commands of
`duibiao --help` with options that exist."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from duibiao.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name)), command


COMMANDS = dict(_commands(main))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_has_help(name):
    command = COMMANDS[name]
    assert (command.help or command.short_help or "").strip(), name
    for param in command.params:
        if isinstance(param, click.Option):
            assert (param.help or "").strip(), f"{name} {param.opts}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_runs_in_chinese(name):
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0 and "Usage:" not in result.output and "用法" in result.output


def _readme_table() -> dict[str, str]:
    """Each command the README's table shows in a `duibiao …` example, with the text of its examples."""
    section = README.split("## 命令", 1)[1].split("\n## ", 1)[0]
    shown: dict[str, str] = {}
    for example in re.findall(r"`duibiao ([^`]+)`", section):
        words = example.split()
        name = " ".join(words[:2]) if " ".join(words[:2]) in COMMANDS else words[0]
        shown[name] = shown.get(name, "") + " " + example
    return shown


def test_the_readme_table_names_exactly_the_commands():
    assert set(_readme_table()) == set(COMMANDS)


def test_every_option_the_readme_table_shows_exists():
    for name, row in _readme_table().items():
        options = {opt for p in COMMANDS[name].params for opt in getattr(p, "opts", [])}
        shown = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b", row))
        assert shown <= options | {"--help", "-h"}, (name, shown - options)
