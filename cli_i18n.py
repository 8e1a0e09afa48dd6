"""The command line in Chinese and safe on any console.

click writes its own words ("Usage:", "Options", "Error: No such option …") through gettext's `_` and
`ngettext`, looked up in each of its modules at call time: `install()` points those names at a Chinese
table (no .mo files to ship or compile). Messages not in the table stay as click wrote them.

`safe_console()` keeps the console's code page (a Chinese Windows console or a redirect under
PYTHONIOENCODING=gbk is GBK) and makes output that code page cannot encode degrade instead of raising
UnicodeEncodeError: the marks the reports use fall back to symbols GBK and other code pages have
(✓ → √, ✗ → ×), anything else to "?". Files the tool writes with -o are UTF-8 regardless.
"""
from __future__ import annotations

import codecs
import sys

# click's message ids (click 8.x) → Chinese.
MESSAGES = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受取值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在允许的范围 {range} 内。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件，不是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "deprecated": "已弃用",
    "Aborted!": "已中止。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Do you want to continue?": "是否继续？",
    "Press any key to continue...": "按任意键继续……",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "您是否要用 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（您是否要用其中之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值 {choices} 之一。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给出了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给出了 {len} 个。",
}
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils")

# Marks the reports print, with what every code page of a Chinese (or Western) console can show.
FALLBACKS = {
    "✓": "√", "✔": "√", "✗": "×", "✘": "×", "⚠": "!", "•": "·", "…": "...", "—": "-", "–": "-",
    "→": "->", "≥": ">=", "≤": "<=", "─": "-", "━": "-", "│": "|", "■": "#", "□": "o", "●": "*", "○": "o",
    "“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ",
}
ERROR_HANDLER = "duibiao-fallback"


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def install() -> None:
    """Make click speak Chinese (idempotent)."""
    import importlib

    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = translate
        if hasattr(module, "ngettext"):
            module.ngettext = ntranslate


def localise(command) -> None:
    """The usage line's placeholders in Chinese ([选项], 命令 [参数]...) for `command` and every
    subcommand (these are parameters of the commands, not gettext messages)."""
    import click

    command.options_metavar = "[选项]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "命令 [参数]..."
        for sub in command.commands.values():
            localise(sub)


def _fallback(error: UnicodeEncodeError) -> tuple[str, int]:
    """A character the console cannot show: a common symbol where the encoding has it, else "?"."""
    out = []
    for ch in error.object[error.start:error.end]:
        alt = FALLBACKS.get(ch, "?")
        try:
            alt.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            alt = "?"
        out.append(alt)
    return "".join(out), error.end


codecs.register_error(ERROR_HANDLER, _fallback)


def safe_console(*streams) -> None:
    """Let `streams` (default stdout and stderr) degrade instead of crash on characters their encoding
    lacks. A stream that is not a text stream we can reconfigure is left alone."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8", "utf-16", "utf-32") or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=ERROR_HANDLER)
        except (ValueError, OSError):  # a closed or detached stream
            continue
