"""Comparison for researchers: a tidy table (one row per plan × indicator × school level), a wide
plan × indicator matrix of verdicts, and a heatmap of the verdicts.

An indicator whose thresholds are set per level (R1: 小学 4.2, 初中 5.3) has a row per level; any other
indicator one row with level 全部. Where a row covers several of the standard's numbers (G3: 12 班, 1 间,
96 and 90 平方米), comparator, value, national and unit list them in the standard's order separated by
"/", an unstated one left empty; two different stated values for one number are joined by "|".
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult
from duibiao.audit.result import IndicatorResult
from duibiao.catalog import Indicator, Slot
from duibiao.reports.common import (
    VERDICT_COLOURS, VERDICT_NAMES, VERDICT_ORDER, atomic_output, overall_verdict, plan_labels,
)

ALL_LEVELS = "全部"
COLUMNS = ["plan", "region", "indicator", "indicator_name", "category", "level", "comparator", "value",
           "national", "unit", "verdict", "flags", "units"]
_CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Source Han Sans SC",
              "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC")
CHART_SUFFIXES = (".png", ".svg", ".pdf")
NO_CJK_FONT = "警告：未找到中文字体（如 Noto Sans CJK，Debian/Ubuntu 可安装 fonts-noto-cjk），热力图的标签改用英文。"


def level_slots(ind: Indicator) -> list[tuple[str, list[Slot]]]:
    """(level, the standard's numbers for it): a row per level, or one row 全部."""
    levels = list(dict.fromkeys(s.level for s in ind.slots if s.level))
    if not levels:
        return [(ALL_LEVELS, list(ind.slots))]
    return [(level, [s for s in ind.slots if s.level in (level, None)]) for level in levels]


def tidy_table(batch: BatchResult) -> pd.DataFrame:
    labels = dict(zip(batch.sources, plan_labels(batch.sources)))
    rows = [
        _row(labels[a.document.source], a, r, level, slots)
        for a in batch.audits for r in a.indicators for level, slots in level_slots(r.verdict.indicator)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def matrix_table(batch: BatchResult) -> pd.DataFrame:
    """plan × indicator: each indicator's overall verdict."""
    labels = dict(zip(batch.sources, plan_labels(batch.sources)))
    rows = [
        {"plan": labels[a.document.source], "region": a.document.metadata.region or "",
         **{r.id: overall_verdict(r) for r in a.indicators}}
        for a in batch.audits
    ]
    ids = [ind.id for ind in batch.audits[0].standard.indicators] if batch.audits else []
    return pd.DataFrame(rows, columns=["plan", "region", *ids])


def _row(plan: str, a: AuditResult, r: IndicatorResult, level: str, slots: list[Slot]) -> dict:
    v, ind = r.verdict, r.verdict.indicator
    stated = [sorted({s.value for s in v.stated if s.slot == slot}) for slot in slots]
    return {
        "plan": plan,
        "region": a.document.metadata.region or "",
        "indicator": ind.id,
        "indicator_name": ind.name,
        "category": a.standard.categories.get(ind.category, ind.category),
        "level": level,
        "comparator": _joined(s.comparator for s in slots),
        "value": _joined("|".join(f"{x:g}" for x in values) for values in stated) if any(stated) else "",
        "national": _joined(f"{s.value:g}" for s in slots),
        "unit": _joined(s.unit or "" for s in slots),
        "verdict": r.verdict.verdict_for(slots) if level != ALL_LEVELS else overall_verdict(r),
        "flags": ",".join(v.flags),
        "units": "、".join(r.units),
    }


def _joined(parts) -> str | int | float:
    parts = list(parts)
    if len(parts) == 1:
        try:
            number = float(parts[0])
        except ValueError:
            return parts[0]
        return int(number) if number.is_integer() else number
    return "/".join(parts)


def write_tables(batch: BatchResult, target: Path) -> list[Path]:
    """target.csv (+ target-matrix.csv beside it) or target.xlsx with two sheets; the files written."""
    tidy, wide = tidy_table(batch), matrix_table(batch)
    if target.suffix.lower() == ".xlsx":
        with atomic_output(target) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            tidy.to_excel(writer, sheet_name="对照明细", index=False)
            wide.to_excel(writer, sheet_name="指标矩阵", index=False)
        return [target]
    beside = target.with_name(f"{target.stem}-matrix{target.suffix}")
    for frame, path in ((tidy, target), (wide, beside)):
        with atomic_output(path) as tmp:
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
    return [target, beside]


def write_chart(batch: BatchResult, target: Path) -> list[str]:
    """A heatmap of verdicts, plans × indicators; returns warnings (Chinese) for the user."""
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    wide = matrix_table(batch)
    ids = list(wide.columns[2:])
    font, warnings = _cjk_font(), []
    if font is None:
        warnings.append(NO_CJK_FONT)
    plans = [p if font or p.isascii() else f"plan {i + 1}" for i, p in enumerate(wide["plan"])]
    codes = wide[ids].apply(lambda col: col.map(VERDICT_ORDER.index)).to_numpy()
    n = max(len(plans), 1)
    label_size = max(5.5, min(9.0, 360 / n))  # points; a row is a little taller than its label
    fig = Figure(figsize=(14, 2.6 + n * label_size / 40), dpi=120)
    ax = fig.add_subplot()
    cmap = ListedColormap(["#" + VERDICT_COLOURS[v] for v in VERDICT_ORDER])
    ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(VERDICT_ORDER) - 0.5, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(ids)), ids, rotation=90, fontsize=8)
    ax.set_yticks(range(len(plans)), plans, fontsize=label_size)
    ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False)
    names = VERDICT_NAMES if font else {v: v for v in VERDICT_ORDER}
    ax.legend(handles=[Patch(color="#" + VERDICT_COLOURS[v], label=names[v]) for v in VERDICT_ORDER],
              loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9, title="结论" if font else "verdict")
    ax.set_title("各方案对照国家标准的指标结论" if font else "Verdict per plan and indicator", pad=28)
    if font:
        for text in [ax.title, ax.get_legend().get_title(), *ax.get_legend().get_texts(), *ax.get_yticklabels()]:
            text.set_fontfamily(font)
    fig.tight_layout()
    with atomic_output(target) as tmp:
        fig.savefig(tmp, format=target.suffix.lstrip(".").lower())
    return warnings


def _cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in _CJK_FONTS if n in names), None) or next((n for n in sorted(names) if "CJK" in n), None)
