"""What the batch reports (Excel, HTML, comparison, Word comments) share: one verdict word and colour per
plan × indicator, labels that tell plans apart, and outputs written atomically (never half a file)."""
from __future__ import annotations

import os
import unicodedata
from contextlib import contextmanager, suppress
from pathlib import Path

from duibiao.audit.findings import KIND_NAMES
from duibiao.audit.result import IndicatorResult
from duibiao.audit.verdicts import (
    ALTERED, EXACT, FLAG_ORDER, INCOMPLETE, INCONSISTENT, LOOSER, MISSING, PRESENT, STRICTER, WEAKENED,
)
from duibiao.errors import DuibiaoError

# Worst first; the order of Verdict.flags after `missing`, so an indicator's first flag is its verdict.
VERDICT_ORDER = [MISSING, *FLAG_ORDER, EXACT]
VERDICT_NAMES = {**{v: KIND_NAMES[v] for v in VERDICT_ORDER[:-1]}, EXACT: "一致"}
# missing/looser red, the four partial deviations amber, stricter blue, exact green.
VERDICT_COLOURS = {
    MISSING: "C62828",
    LOOSER: "EF5350",
    INCONSISTENT: "FF8F00",
    ALTERED: "FFA726",
    WEAKENED: "FFCA28",
    INCOMPLETE: "FFE082",
    STRICTER: "42A5F5",
    EXACT: "66BB6A",
}


class OutputRefused(DuibiaoError):
    """An output the tool will not write (it would overwrite an input, or its type is unknown)."""


def overall_verdict(r: IndicatorResult) -> str:
    v = r.verdict
    if v.status != PRESENT:
        return MISSING
    return v.flags[0] if v.flags else EXACT


def values_text(r: IndicatorResult) -> str:
    """The stated numbers, e.g. "4.2/5.3"; empty when the plan states none."""
    return "/".join(f"{x:g}" for x in r.verdict.values)


def units_text(r: IndicatorResult) -> str:
    parts = []
    if r.lead:
        parts.append("牵头：" + "、".join(r.lead))
    if r.support:
        parts.append("配合：" + "、".join(r.support))
    return "；".join(parts)


_LABEL_MAX = 80  # characters: a report name (label, suffix, "-审核意见") stays far below 255 bytes


def plan_labels(sources: list[str]) -> list[str]:
    """A distinct, stable label per source, usable as a file name: the file stem; the whole file name
    where two plans share a stem (qufu.docx, qufu.pdf); a number after the name where files in
    different folders share it too, never one that another plan's own name already has. Labels differ
    without regard to case (Windows and macOS file systems)."""
    stems = [Path(s).stem[:_LABEL_MAX] for s in sources]
    natural = [Path(s).name[:_LABEL_MAX] if stems.count(stem) > 1 else stem for s, stem in zip(sources, stems)]
    taken = {label.casefold() for label in natural}
    used: set[str] = set()
    labels = []
    for label in natural:
        if label.casefold() in used:
            n = 2
            while f"{label}-{n}".casefold() in taken | used:
                n += 1
            label = f"{label}-{n}"
        used.add(label.casefold())
        labels.append(label)
    return labels


def display_width(text: str) -> int:
    """Width of the longest line, CJK characters counting double."""
    lines = str(text).split("\n") or [""]
    return max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in lines)


def refuse_overwrite(targets: list[Path], inputs: list[Path], force: bool = True) -> None:
    """Refuse, before any audit, an output that could not or should not be written: one that is an
    input (also through a symlink or another spelling of its path), an existing file without `force`,
    a folder where a file is meant, a name too long, or a place under a file or an unwritable folder."""
    resolved = {_resolved(p) for p in inputs}
    for target in map(Path, targets):
        if len(target.name.encode("utf-8")) > 255:
            raise OutputRefused(f"输出文件名过长（超过 255 字节）：{target.name[:40]}…")
        if _resolved(target) in resolved:
            raise OutputRefused(f"输出文件 {target} 就是输入文件，拒绝覆盖；请另选输出路径")
        if target.is_dir():
            raise OutputRefused(f"输出文件 {target} 是一个已有的文件夹；请另选输出文件名")
        if target.exists() and not force:
            raise OutputRefused(f"输出文件 {target} 已存在；如要覆盖请加 --force")
        _refuse_unwritable_folder(target)


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a link loop
        return Path(os.path.abspath(path))


def _refuse_unwritable_folder(target: Path) -> None:
    folder = target.absolute().parent
    while not folder.exists() and not folder.is_symlink():
        folder = folder.parent
    if not folder.is_dir():
        raise OutputRefused(f"无法写入 {target}：{folder} 是文件，不是文件夹")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputRefused(f"无法写入 {target}：没有文件夹 {folder} 的写入权限")


@contextmanager
def atomic_output(target: Path):
    """Yield a temporary path in the target's folder; on success it is renamed onto the target."""
    import tempfile  # only written reports pay for its import (~7 ms), not a report on screen

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(target: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_output(target) as tmp:
        tmp.write_text(text, encoding=encoding)
