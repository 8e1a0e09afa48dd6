"""duibiao 命令行：对照《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）审核县域实施方案。

A thin click layer over the importable packages; the tool's own errors become one Chinese line.
"""
from __future__ import annotations

import codecs
import json
import signal
import sys
from pathlib import Path

import click

from duibiao import cli_i18n
from duibiao.errors import DuibiaoError  # noqa: E402

cli_i18n.install()  # click's own words (Usage:, Options, Error: …) in Chinese

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # the shell's 128 + SIGINT / SIGTERM
EXIT_CODES_HELP = """\b
退出码：
  0    审核已完成
  1    使用了 --fail-on，且发现了该级别（或更严重）的问题
  2    命令用法错误（参数不对、标准不存在、输出会覆盖输入文件等）
  3    有文件无法读取（能读取的文件照常审核和报告）
  4    程序内部错误（请加 --debug 重新运行，并把输出反馈给开发者）
  130  被 Ctrl-C 中断；143  被终止（SIGTERM）"""


class _Group(click.Group):
    """Turns every failure into one Chinese line and a documented exit code; --debug (anywhere on the
    command line) shows the traceback instead."""

    def main(self, *args, **kwargs):
        cli_i18n.safe_console()  # this run's streams: a GBK console or redirect degrades, never crashes
        cli_i18n.localise(self)
        return super().main(*args, **kwargs)

    def parse_args(self, ctx, args):
        end = args.index("--") if "--" in args else len(args)
        if "--debug" in args[:end]:
            args = ["--debug"] + [a for a in args[:end] if a != "--debug"] + args[end:]
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        debug = bool(ctx.params.get("debug"))
        previous = signal.signal(signal.SIGTERM, _terminated)
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except DuibiaoError as e:
            if debug:
                raise
            click.echo(f"错误：{e}", err=True)
            ctx.exit(EXIT_USAGE if _refused(e) else EXIT_UNREADABLE)
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except _Terminated:
            ctx.exit(EXIT_TERMINATED)
        except Exception as e:
            if debug:
                raise
            click.echo(f"内部错误（{type(e).__name__}：{e}）。请加 --debug 重新运行，并把输出反馈给开发者。", err=True)
            ctx.exit(EXIT_INTERNAL)
        finally:
            signal.signal(signal.SIGTERM, previous)


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that workers, LibreOffice and temporary files are cleaned
    up on the way out, as for Ctrl-C."""


_termination = {"requested": False}


def _terminated(_signum, _frame):
    # Raised wherever the main thread is; if that is a callback whose exceptions Python ignores (an
    # at-fork hook while a worker starts), the next progress step raises it again.
    _termination["requested"] = True
    raise _Terminated


def _unless_terminated(progress=None):
    def step(*args):
        if _termination["requested"]:
            raise _Terminated
        if progress:
            progress(*args)

    return step


def _refused(e: DuibiaoError) -> bool:
    """An output the tool would not write, or a standard it cannot find, is a usage error, not an
    unreadable input."""
    from duibiao.catalog import UnknownStandard
    from duibiao.reports.common import OutputRefused
    from duibiao.web.server import ServeRefused

    return isinstance(e, (OutputRefused, UnknownStandard, ServeRefused))


def _megabytes(value: float) -> int:
    return int(value * 1024 * 1024)


max_size_option = click.option(
    "--max-size", "max_size", type=click.FloatRange(min=0.001), default=50, show_default=True,
    callback=lambda _ctx, _param, mb: _megabytes(mb),
    help="单个文件的大小上限（MB），超过则拒绝读取（不读入内存）。",
)


def _remember_ocr(ctx, _param, off: bool) -> None:
    ctx.meta["duibiao.ocr"] = not off


no_ocr_option = click.option(
    "--no-ocr", is_flag=True, expose_value=False, callback=_remember_ocr,
    help="不做文字识别：扫描页跳过并提示，图片文件不读取（默认自动识别扫描件和 .png/.jpg/.tif 图片）。",
)


def _remember_encoding(ctx, _param, name: str | None) -> None:
    if name:
        try:
            codecs.lookup(name)
        except LookupError:
            raise click.BadParameter(f"未知的编码“{name}”（例如 utf-8、gbk、gb18030、big5）") from None
    ctx.meta["duibiao.encoding"] = name


encoding_option = click.option(
    "--encoding", default=None, expose_value=False, callback=_remember_encoding,
    help="文本文件（.txt）和网页的编码，如 gbk、big5；默认自动识别。",
)


def _encoding() -> str | None:
    return click.get_current_context().meta.get("duibiao.encoding")


def reading_options(command):
    """--password, --max-size, --no-ocr and --encoding, for every command that reads plan files."""
    options = (encoding_option, no_ocr_option, max_size_option, click.option("--password", default=None, help="加密 PDF 的密码。"))
    for option in options:
        command = option(command)
    return command


def _ocr_enabled() -> bool:
    return click.get_current_context().meta.get("duibiao.ocr", True)


def _ocr_options():
    """OCR as --no-ocr asks, with a progress bar over recognised pages when stderr is a terminal."""
    from duibiao.extractors.ocr import OcrOptions

    return OcrOptions(enabled=_ocr_enabled(), progress=_page_progress())


def _page_progress():
    """A progress callback (done, total) drawing a bar of recognised pages on a terminal; None elsewhere."""
    if not sys.stderr.isatty():
        return None
    bars = []

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label="识别扫描页", file=sys.stderr))
            bars[0].__enter__()
        bars[0].update(1)
        if done >= total:
            bars[0].__exit__(None, None, None)

    return update


DEFAULT_STANDARD = "national-2017"  # catalog.DEFAULT_STANDARD, kept literal so that --help does not import catalog


def standard_option(command):
    """--standard, for every command that audits or shows a standard."""
    return click.option("--standard", default=DEFAULT_STANDARD, show_default=True,
                        help="对照的标准：catalog/standards/ 中的标准编号，或一个 .toml 标准文件的路径。")(command)


force_option = click.option("--force", is_flag=True, help="覆盖已存在的输出文件（默认拒绝覆盖，原文件不动）。")


def _start_file_time_limit(ctx, _param, seconds: float) -> None:
    from duibiao.limits import start_time_limit

    ctx.call_on_close(start_time_limit(seconds, lambda: str(ctx.params.get("file", ""))))


file_timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=1), default=300, show_default=True, expose_value=False,
    callback=_start_file_time_limit, help="处理时限（秒）：超过则放弃该文件并说明原因。",
)


def batch_options(command):
    """--jobs and --timeout, for commands that audit many plans."""
    command = click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
                           help="同时审核的进程数。")(command)
    return click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
                        help="单个文件的处理时限（秒），超时的文件记为无法读取，其余照常审核。")(command)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 回溯信息。")
@click.version_option(package_name="duibiao", message="duibiao %(version)s")
@click.pass_context
def main(ctx, debug):
    """对标（duibiao）：县域义务教育优质均衡发展实施方案对照国家标准审核工具。

    --debug 可以写在命令行的任何位置。
    """
    ctx.obj = {"debug": debug}


class _ReadsPlans(click.Command):
    """A command whose help lists the file types the readers take, filled in when help is shown (so it
    follows the readers without importing them for every command)."""

    def format_help_text(self, ctx, formatter):
        from duibiao.audit.batch import SUPPORTED_SUFFIXES

        written = self.help
        self.help = written.replace("{readable}", " ".join(SUPPORTED_SUFFIXES))
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = written


@main.command(cls=_ReadsPlans)
@click.argument("file", type=click.Path(dir_okay=True, readable=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
@reading_options
@file_timeout_option
def extract(file, fmt, password, max_size):
    """读取方案文件，输出统一的文档模型。

    \b
    可读取：{readable}
    （.txt 可为 UTF-8/GBK 等编码；.doc/.wps 需安装 LibreOffice，自动转换为 .docx 后读取）。"""
    from duibiao.extractors import read_document

    doc = read_document(file, password=password, max_size=max_size, ocr=_ocr_options(), encoding=_encoding())
    if fmt == "json":
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return
    from duibiao.reports.extract_text import render_document

    click.echo(render_document(doc))


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="输出到文件：.xlsx 工作簿（汇总、问题清单、指标对照、责任单位），或 .html/.json/.md/.txt；"
                   "给出文件夹时每份方案写一个报告（HTML 另有 index.html）。不给出时输出到屏幕。")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default=None,
              help="报告格式：text 供阅读，json 供程序处理（字段见 docs/audit-format.md），md 为 Markdown，html 为网页。"
                   "默认 text；有 -o 时按其扩展名判断。")
@batch_options
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default=None,
              help="发现该级别（或更严重）的问题时以退出码 1 结束，便于在流水线中把关。")
@click.option("--opinion", "opinion_dir", type=click.Path(path_type=Path), default=None,
              help="在该文件夹为每份方案写一份审核意见初稿（Word .docx，可直接修改），可与 -o 同用。")
@click.option("--previous", type=click.Path(path_type=Path), default=None,
              help="上一次生成的 .xlsx 审核工作簿：其中仍然存在的问题带入原有的复核结论和备注，"
                   "已不存在的列在“已消失的复核”工作表。需与 -o 新工作簿.xlsx 同用。")
@force_option
@standard_option
@reading_options
@click.pass_context
def audit(ctx, paths, output, fmt, jobs, timeout, fail_on, opinion_dir, previous, force, standard, password,
          max_size):
    """对照标准审核一份或多份实施方案（文件或文件夹），报告缺失、弱化、改变口径等问题。

    \b
    例如：
      duibiao audit 方案.docx
      duibiao audit 方案文件夹 -o 审核结果.xlsx --jobs 4
      duibiao audit 方案文件夹 --format html -o 报告文件夹
    """
    from contextlib import nullcontext

    from duibiao.reports.output import render_many, resolve_target, streamed_workbook, write_reports

    target = resolve_target(output, fmt)
    decisions = _previous_decisions(previous, target)
    reading = dict(standard=standard, jobs=jobs, password=password, max_size=max_size, timeout=timeout)
    workbook = streamed_workbook(target, decisions)  # a .xlsx is written while the plans are audited
    with workbook or nullcontext():
        batch = _audit_paths(paths, reading, lambda files: _check_outputs(target, opinion_dir, files, force),
                             on_result=workbook.add if workbook else None)
        single = len(paths) == 1 and not paths[0].is_dir()
        if target.kind == "stdout":
            if batch.audits:
                click.echo(render_many(batch.audits, target.fmt, single))
        else:
            for path in write_reports(batch, target, single, decisions, workbook):
                click.echo(f"已写入 {path}", err=True)
    if opinion_dir is not None:
        from duibiao.reports.opinion import write_opinions

        written = write_opinions([a for a in batch.audits if a.is_plan], opinion_dir)
        click.echo(f"已在 {opinion_dir} 写入 {len(written)} 份审核意见初稿", err=True)
    if decisions:
        from duibiao.reports.review import vanished

        gone = vanished(decisions, batch.audits)
        kept = len(decisions) - len(gone)
        click.echo(f"已带入上次的复核结论 {kept} 条；{len(gone)} 条对应的问题本次已不存在，列在“已消失的复核”工作表", err=True)
    if not single:
        from duibiao.reports.batch_story import story_lines

        for line in story_lines(batch):
            click.echo(line, err=True)
    ctx.exit(EXIT_UNREADABLE if batch.failures else EXIT_FINDINGS if batch.reaches(fail_on) else EXIT_OK)


def _previous_decisions(previous: Path | None, target) -> dict | None:
    """The reviewer's decisions in the earlier workbook, read before auditing (a bad file stops here)."""
    if previous is None:
        return None
    if target.fmt != "xlsx" or target.kind != "file":
        raise click.UsageError("--previous 需与 -o 新工作簿.xlsx 同用")
    from duibiao.reports.review import read_decisions

    return read_decisions(previous)


def _check_outputs(target, opinion_dir: Path | None, files: list[Path], force: bool) -> None:
    """Refuse, before auditing, outputs that would overwrite an input or, without --force, any file."""
    from duibiao.reports.output import check_target

    check_target(target, files, force)
    if opinion_dir is not None:
        from duibiao.reports.common import refuse_overwrite
        from duibiao.reports.opinion import opinion_paths

        refuse_overwrite(opinion_paths([str(f) for f in files], opinion_dir), files, force)


def _audit_paths(paths, reading: dict, check=None, on_result=None):
    """Audit every plan under `paths` with a progress display on stderr for a batch; report the
    unreadable files there too. `on_result(i, item)`: each file's result as it arrives."""
    from duibiao.audit.batch import SUPPORTED_SUFFIXES, audit_batch, expand_paths

    files = expand_paths(paths)
    if not files:
        raise click.UsageError(f"没有找到可审核的方案文件（支持 {' '.join(SUPPORTED_SUFFIXES)}）")
    if check:
        check(files)
    reading = dict(reading, ocr=_ocr_enabled(), encoding=_encoding(), on_result=on_result)
    # The paths as given, not `files`: the batch lists what it skipped in the folders (a spreadsheet …).
    if len(files) == 1:
        batch = audit_batch(paths, page_progress=_page_progress(), progress=_unless_terminated(), **reading)
    elif sys.stderr.isatty():
        with click.progressbar(length=len(files), label="审核中", file=sys.stderr) as bar:
            batch = audit_batch(paths, progress=_unless_terminated(lambda *_: bar.update(1)), **reading)
    else:
        def counter(done, total, path):
            click.echo(f"[{done}/{total}] {path}", err=True)

        batch = audit_batch(paths, progress=_unless_terminated(counter), **reading)
    debug = click.get_current_context().find_root().obj.get("debug")
    for failure in batch.failures:
        if debug and failure.traceback:
            click.echo(failure.traceback, err=True)
        click.echo(f"错误：{failure.message}", err=True)
    return batch


@main.command()
@click.argument("file", type=click.Path(readable=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="批注后的 Word 文件；默认在原文件旁写“<原文件名>-审核.docx”（已存在时写 -审核-2.docx 等）。")
@click.option("--force", is_flag=True, help="输出文件已存在时直接覆盖（默认另存为 -2、-3…，以免丢失其中的回复）。")
@click.option("--suggest", is_flag=True,
              help="对只需改一个数字的问题（如 94% 改为 95%）加入修订标记，可在 Word/WPS 中逐条接受或拒绝。")
@standard_option
@max_size_option
@file_timeout_option
def annotate(file, output, force, suggest, standard, max_size):
    """为起草人在 Word 方案中以批注标出审核发现的全部问题，并给出建议写法。

    \b
    每项有问题的指标一条批注（挂在原文表述上），空缺的责任单位栏各一条，缺失指标列在标题的批注中。
    对已批注过的文件再次运行时，替换本工具上次的批注，保留起草人自己的批注和回复。
    .doc/.wps 文件在安装了 LibreOffice 时自动转换后批注。
    """
    from duibiao.reports.annotate import annotate_file

    done = annotate_file(file, output, standard, max_size, force=force, suggest=suggest)
    if done.requested:
        click.echo(f"{done.requested} 已存在，为免覆盖其中的回复，改写入 {done.target}（要覆盖请加 --force）", err=True)
    replaced = f"，替换了上次的 {done.replaced} 条批注" if done.replaced else ""
    revisions = f"，{done.revisions} 处修订建议" if suggest else ""
    click.echo(f"已写入 {done.target}：{done.comments} 条批注（{len(done.indicators)} 项指标有问题，"
               f"{done.blank_cells} 处责任单位空缺，{len(done.missing)} 项指标缺失）{revisions}{replaced}", err=True)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="对照表：.xlsx（四个工作表）、.csv（UTF-8 带 BOM；数值表写在此文件，责任单位、指标结论、方案清单"
                   "写在旁边的 <名称>-units.csv 等）或 .parquet（需安装 pyarrow：pip install \"duibiao[parquet]\"）。")
@click.option("--chart", type=click.Path(path_type=Path), default=None,
              help="结论热力图（.png/.svg/.pdf）：方案 × 指标，按类别分隔，色盲友好配色。")
@batch_options
@force_option
@standard_option
@reading_options
@click.pass_context
def compare(ctx, paths, output, chart, jobs, timeout, force, standard, password, max_size):
    """供研究者横向比较多份方案，输出便于统计分析的长表和热力图。

    \b
    数值表：每份方案陈述的每个数值一行（数值、国家标准值均为数字，另有学段、比较符、单位、
            目标/阶段目标/现状、年份、结论、是否含弱化词）；
    责任单位表：每项指标的每个责任单位一行（原文名称、统一名称、牵头/配合、出处）；
    指标结论表：每份方案 × 指标一行；方案清单：每个文件一行，无法读取的文件注明原因。
    方案编号由文件名和文件内容摘要组成，同一文件在不同批次中编号相同。
    """
    from duibiao.reports.common import refuse_overwrite
    from duibiao.reports.compare import CHART_SUFFIXES, TABLE_SUFFIXES, table_paths, write_chart, write_tables

    if output.suffix.lower() not in TABLE_SUFFIXES:
        raise click.UsageError(f"对照表应为 {'/'.join(TABLE_SUFFIXES)} 文件：{output}")
    if chart and chart.suffix.lower() not in CHART_SUFFIXES:
        raise click.UsageError(f"热力图应为 {'/'.join(CHART_SUFFIXES)} 文件：{chart}")
    reading = dict(standard=standard, jobs=jobs, password=password, max_size=max_size, timeout=timeout)
    outputs = list(dict.fromkeys(table_paths(output).values())) + ([chart] if chart else [])
    batch = _audit_paths(paths, reading, lambda files: refuse_overwrite(outputs, files, force))
    written = write_tables(batch, output)  # unreadable files too, as rows with the reason
    if chart and batch.audits:
        for warning in write_chart(batch, chart):
            click.echo(warning, err=True)
        written.append(chart)
    for path in written:
        click.echo(f"已写入 {path}", err=True)
    ctx.exit(EXIT_UNREADABLE if batch.failures else EXIT_OK)


@main.group("catalog")
def catalog_group():
    """查看标准目录（指标、阈值、同义表述）。"""


@catalog_group.command("list")
@standard_option
def catalog_list(standard):
    """列出标准的全部指标。"""
    from duibiao.catalog import load_standard
    from duibiao.reports.catalog_text import render_catalog_list

    click.echo(render_catalog_list(load_standard(standard)))


@catalog_group.command("show")
@click.argument("indicator")
@standard_option
def catalog_show(indicator, standard):
    """按编号或名称显示指标的官方表述、阈值、子要求和匹配规则，例如 `duibiao catalog show R4`、
    `duibiao catalog show 班额`（名称中的词找到的各项指标都会列出）。"""
    from duibiao.catalog import load_standard
    from duibiao.reports.catalog_text import find_indicators, render_indicator

    std = load_standard(standard)
    found = find_indicators(std, indicator)
    if not found:
        raise click.UsageError(f"没有编号或名称含“{indicator}”的指标；可用 `duibiao catalog list` 查看全部指标")
    click.echo("\n\n".join(render_indicator(std, ind) for ind in found))


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, readable=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式：text 供阅读，json 供程序处理。")
@reading_options
@file_timeout_option
def units(file, fmt, password, max_size):
    """列出方案中每一处责任单位（牵头/配合）及其位置。"""
    from duibiao.extractors import read_document
    from duibiao.responsibility import extract_assignments
    from duibiao.reports.units_text import render_assignments
    from duibiao.responsibility.report import list_assignments

    doc = read_document(file, password=password, max_size=max_size, ocr=_ocr_options(), encoding=_encoding())
    rows = list_assignments(doc, extract_assignments(doc))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(render_assignments(rows))


data_option = click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                           help="台账数据文件夹（数据库和上传的文件）；默认为当前用户的数据文件夹。")


@main.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；在局域网共享（如 0.0.0.0）时必须同时给出 --token。")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="端口。")
@click.option("--token", default=None, help="访问令牌：同事在浏览器中输入一次，之后保存在 Cookie 中。")
@click.option("--no-browser", is_flag=True, help="启动后不自动打开浏览器。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True, help="同时审核的进程数。")
@click.option("--timeout", type=click.FloatRange(min=1), default=300, show_default=True,
              help="单个文件的处理时限（秒），超时则停止该文件的审核进程。")
@max_size_option
def serve(data_dir, host, port, token, no_browser, jobs, timeout, max_size):
    """启动网页工作台（上传、方案台账、方案详情、版本对比、对照研究），并在浏览器中打开。"""
    from duibiao.web.server import serve as run_server

    run_server(data_dir, host, port, token, not no_browser, jobs, timeout, max_size,
               echo=lambda line: click.echo(line, err=True))


@main.group("ledger")
def ledger_group():
    """查看和导出网页工作台的方案台账。"""


@ledger_group.command("list")
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式。")
def ledger_list(data_dir, fmt):
    """列出台账中的方案：每个地区一行（最新版本、文号、问题数、审核状态）。"""
    from duibiao.ledger import Ledger
    from duibiao.ledger.export import render_ledger

    plans = Ledger.open(data_dir).plans()
    click.echo(json.dumps(plans, ensure_ascii=False, indent=2) if fmt == "json" else render_ledger(plans))


@ledger_group.command("export")
@data_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="导出的台账：.xlsx 或 .csv。")
def ledger_export(data_dir, output):
    """把台账导出为 Excel 工作簿或 CSV。"""
    from duibiao.ledger import Ledger
    from duibiao.ledger.export import MEDIA_TYPES, write_ledger

    if output.suffix.lower().lstrip(".") not in MEDIA_TYPES:
        raise click.UsageError(f"台账只能导出为 .xlsx 或 .csv：{output}")
    plans = Ledger.open(data_dir).plans()
    write_ledger(plans, output)
    click.echo(f"已写入 {output}（{len(plans)}个地区）", err=True)


if __name__ == "__main__":
    main()
