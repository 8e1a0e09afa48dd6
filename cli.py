"""duibiao 命令行：对照《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）审核县域实施方案。

A thin click layer over the importable packages; the tool's own errors become one Chinese line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

if __package__ in (None, ""):  # run as `python cli.py`: make the checkout's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from errors import DuibiaoError  # noqa: E402

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3


class _Group(click.Group):
    """Turns the tool's errors into a clean message and exit code; --debug shows the traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DuibiaoError as e:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"错误：{e}", err=True)
            ctx.exit(EXIT_UNREADABLE)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 回溯信息。")
@click.version_option(package_name="duibiao", message="duibiao %(version)s")
@click.pass_context
def main(ctx, debug):
    """对标（duibiao）：县域义务教育优质均衡发展实施方案对照国家标准审核工具。"""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@click.option("--password", default=None, help="加密 PDF 的密码。")
def extract(file, fmt, password):
    """读取方案文件（.txt/.docx/.pdf），输出统一的文档模型。"""
    from extractors import read_document

    doc = read_document(file, password=password)
    if fmt == "json":
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return
    from reports.extract_text import render_document

    click.echo(render_document(doc))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True,
              help="报告格式：text 供阅读，json 供程序处理（见 GUIDE.md），md 为 Markdown。")
@click.option("--standard", default="national-2017", show_default=True,
              help="对照的标准：catalog/standards/ 中的标准编号，或一个 .toml 标准文件的路径。")
@click.option("--password", default=None, help="加密 PDF 的密码。")
def audit(file, fmt, standard, password):
    """对照标准审核一份实施方案，报告缺失、弱化、改变口径等问题。"""
    from audit import audit_file

    result = audit_file(file, standard=standard, password=password)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "md":
        from reports.markdown import render_markdown

        click.echo(render_markdown(result))
    else:
        from reports.text import render_text

        click.echo(render_text(result))


@main.group("catalog")
def catalog_group():
    """查看标准目录（指标、阈值、同义表述）。"""


@catalog_group.command("list")
@click.option("--standard", default="national-2017", show_default=True, help="标准编号或 .toml 文件路径。")
def catalog_list(standard):
    """列出标准的全部指标。"""
    from catalog import load_standard
    from reports.catalog_text import render_catalog_list

    click.echo(render_catalog_list(load_standard(standard)))


@catalog_group.command("show")
@click.argument("indicator")
@click.option("--standard", default="national-2017", show_default=True, help="标准编号或 .toml 文件路径。")
def catalog_show(indicator, standard):
    """显示一项指标的官方表述、阈值、子要求和匹配规则，例如 `duibiao catalog show R4`。"""
    from catalog import load_standard
    from reports.catalog_text import render_indicator

    std = load_standard(standard)
    key = indicator.upper()
    if key not in std.by_id:
        raise click.UsageError(f"没有指标“{indicator}”；可用：{'、'.join(std.by_id)}")
    click.echo(render_indicator(std, std[key]))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--password", default=None, help="加密 PDF 的密码。")
def units(file, fmt, password):
    """列出方案中每一处责任单位（牵头/配合）及其位置。"""
    from extractors import read_document
    from responsibility import extract_assignments
    from responsibility.report import list_assignments, render_assignments

    doc = read_document(file, password=password)
    rows = list_assignments(doc, extract_assignments(doc))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(render_assignments(rows))


if __name__ == "__main__":
    main()
