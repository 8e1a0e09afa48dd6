"""What the batch reports (Excel, HTML, comparison, Word comments) share: one verdict word and colour per
plan × indicator, labels that tell plans apart, and outputs written atomically (never half a file)."""
from __future__ import annotations

import os
import tempfile
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


def plan_labels(sources: list[str]) -> list[str]:
    """File stems; the whole file name where two plans share a stem (qufu.docx, qufu.pdf); a number
    after the name where files in different folders share it too."""
    stems = [Path(s).stem for s in sources]
    labels = [Path(s).name if stems.count(stem) > 1 else stem for s, stem in zip(sources, stems)]
    seen: dict[str, int] = {}
    for i, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[i] = f"{label}-{seen[label]}"
    return labels


def display_width(text: str) -> int:
    """Width of the longest line, CJK characters counting double."""
    lines = str(text).split("\n") or [""]
    return max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in lines)


def refuse_overwrite(targets: list[Path], inputs: list[Path]) -> None:
    """Refuse to write over any input file (also through a symlink or another spelling of its path)."""
    resolved = {Path(p).resolve() for p in inputs}
    for target in targets:
        if Path(target).resolve() in resolved:
            raise OutputRefused(f"输出文件 {target} 就是输入文件，拒绝覆盖；请另选输出路径")


@contextmanager
def atomic_output(target: Path):
    """Yield a temporary path in the target's folder; on success it is renamed onto the target."""
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
