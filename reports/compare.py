"""Comparison for researchers: long ("tidy") tables of many plans, a workbook and a heatmap.

* numbers: one row per number a plan states for an indicator (value and national value as numbers,
  comparator, unit, role target/milestone/current…, year, verdict, hedged);
* units: one row per responsible unit of an indicator (as written, its canonical name from
  catalog/units.toml, lead/support, where the plan names it);
* indicators: one row per plan × indicator (the indicator's verdict);
* plans: one row per input file, the unreadable ones with the reason.

Verdicts use the audit JSON's words (a number: equal/stricter/looser/milestone; an indicator: missing,
looser … exact), with the Chinese labels of the workbook beside them. A plan's id is its file name
and a digest of its content, so it is the same whichever other files are compared with it.
Text cells go through reports/cells.py (formula injection, illegal characters). pandas and pyarrow
are imported only for Parquet output.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult, Failure
from duibiao.audit.verdicts import EARLIER, EQUAL, EXACT, LOOSER, STRICTER, StatedThreshold
from duibiao.catalog import Indicator, Slot
from duibiao.reports.cells import safe_row, text_cell
from duibiao.reports.common import (
    VERDICT_NAMES, VERDICT_ORDER, OutputRefused, atomic_output, display_width, overall_verdict,
)
from duibiao.responsibility import unit_key
from duibiao.responsibility.model import VIAS

TABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")
CHART_SUFFIXES = (".png", ".svg", ".pdf")
GROUPS_FILE = Path(__file__).resolve().parents[1] / "catalog" / "groups.toml"
# The Chinese words of a number's verdict: the workbook's words for the same judgement.
NUMBER_VERDICT_NAMES = {EQUAL: VERDICT_NAMES[EXACT], STRICTER: VERDICT_NAMES[STRICTER],
                        LOOSER: VERDICT_NAMES[LOOSER], EARLIER: "阶段目标（不单独评判）"}
ROLE_NAMES = {"target": "目标", "milestone": "阶段目标", "current": "现状", "gap": "差距", "quote": "引用标准"}
AUDITED, NOT_A_PLAN, UNREADABLE = "audited", "not_a_plan", "unreadable"
STATUS_NAMES = {AUDITED: "已审核", NOT_A_PLAN: "不是实施方案", UNREADABLE: "无法读取"}

# (column, Chinese header) of each table, in order.
NUMBER_COLUMNS = [
    ("plan", "方案编号"), ("file", "文件"), ("region", "地区"), ("province", "省份"),
    ("indicator", "指标"), ("indicator_name", "指标名称"), ("group", "指标组"), ("category", "类别"),
    ("level", "学段"), ("sub_quantity", "子项"), ("comparator", "方案比较符"), ("value", "方案数值"),
    ("unit", "单位"), ("national_comparator", "国家标准比较符"), ("national", "国家标准数值"),
    ("role", "数值性质"), ("year", "年份"), ("verdict", "结论代码"), ("verdict_label", "结论"),
    ("hedged", "含弱化词"), ("where", "位置"),
]
UNIT_COLUMNS = [
    ("plan", "方案编号"), ("file", "文件"), ("region", "地区"), ("indicator", "指标"),
    ("indicator_name", "指标名称"), ("group", "指标组"), ("unit", "责任单位（原文）"),
    ("unit_canonical", "责任单位（统一名称）"), ("role", "牵头/配合"), ("source", "出处"),
]
INDICATOR_COLUMNS = [
    ("plan", "方案编号"), ("file", "文件"), ("region", "地区"), ("indicator", "指标"),
    ("indicator_name", "指标名称"), ("group", "指标组"), ("category", "类别"), ("verdict", "结论代码"),
    ("verdict_label", "结论"), ("numbers", "方案数值个数"), ("units", "责任单位个数"),
]
PLAN_COLUMNS = [
    ("plan", "方案编号"), ("file", "文件"), ("region", "地区"), ("province", "省份"), ("title", "标题"),
    ("doc_number", "文号"), ("date", "印发日期"), ("status", "状态代码"), ("status_label", "状态"),
    ("reason", "原因"), ("present", "提及指标数"), ("missing", "缺失指标数"), ("errors", "错误"),
    ("warnings", "警告"), ("infos", "提示"),
]
SHEETS = {"numbers": ("数值对照", NUMBER_COLUMNS), "units": ("责任单位", UNIT_COLUMNS),
          "indicators": ("指标结论", INDICATOR_COLUMNS), "plans": ("方案清单", PLAN_COLUMNS)}
# Colour-blind-safe (Okabe & Ito 2008), one distinct hue per indicator verdict, worst first.
VERDICT_PALETTE = {
    "missing": "000000", "looser": "D55E00", "inconsistent": "CC79A7", "altered": "E69F00",
    "weakened": "F0E442", "incomplete": "56B4E9", "stricter": "0072B2", "exact": "009E73",
}
NUMBER_PALETTE = {EQUAL: VERDICT_PALETTE["exact"], STRICTER: VERDICT_PALETTE["stricter"],
                  LOOSER: VERDICT_PALETTE["looser"], EARLIER: "BBBBBB"}
NO_CJK_FONT = "警告：未找到中文字体（可安装 fonts-noto-cjk，Windows 自带微软雅黑），热力图中的中文改用编号，图中附有编号对照。"
# Font files with Chinese glyphs where systems usually keep them (fontconfig finds others).
KNOWN_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


@dataclass
class Tables:
    numbers: list[dict]
    units: list[dict]
    indicators: list[dict]
    plans: list[dict]

    def named(self) -> dict[str, list[dict]]:
        return {"numbers": self.numbers, "units": self.units, "indicators": self.indicators, "plans": self.plans}


# --- the tables ---------------------------------------------------------------------------------


def plan_id(source: str) -> str:
    """The file's stem and the first 8 hex digits of its content's SHA-256 (of its path when it
    cannot be read): the same plan gets the same id in every comparison."""
    try:
        digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
    except OSError:
        digest = hashlib.sha256(str(source).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{Path(source).stem}-{digest[:8]}"


@functools.cache
def _groups() -> dict[str, tuple[str, str]]:
    """Indicator ID → (group code, group name), from catalog/groups.toml."""
    with GROUPS_FILE.open("rb") as f:
        data = tomllib.load(f)
    return {iid: (code, g["name"]) for code, g in data.items() for iid in g["indicators"]}


def indicator_group(a: AuditResult, ind: Indicator) -> str:
    """The indicator's group name; for an indicator no group lists, its category's name."""
    found = _groups().get(ind.id)
    return found[1] if found else a.standard.categories.get(ind.category, ind.category)


def sub_quantity(ind: Indicator, slot: Slot) -> str:
    """Which of the standard's numbers: empty where the indicator sets one per level; else the slot's
    measure and its cue (音乐/美术 rooms), or its unit."""
    same_level = [s for s in ind.slots if s.level == slot.level]
    if len(same_level) < 2:
        return ""
    cue = slot.cue.pattern if slot.cue is not None else ""
    return "".join(filter(None, [slot.dimension or slot.unit or "", f"（{cue}）" if cue else ""]))


def build_tables(batch: BatchResult) -> Tables:
    tables = Tables([], [], [], [])
    for item in batch.items:
        if isinstance(item, Failure):
            tables.plans.append(_failed_plan(item))
            continue
        plan, file = plan_id(item.document.source), item.document.source
        region = item.document.metadata.region or ""
        tables.plans.append(_plan_row(plan, item))
        for r in item.indicators:
            ind = r.verdict.indicator
            common = {"plan": plan, "file": file, "region": region, "indicator": ind.id,
                      "indicator_name": ind.name, "group": indicator_group(item, ind)}
            category = item.standard.categories.get(ind.category, ind.category)
            for s in r.verdict.stated + r.verdict.reported:
                tables.numbers.append(_number_row(common, category, ind, s, item))
            for link in r.unit_links:
                tables.units.append({**common, "unit": link["unit"], "unit_canonical": unit_key(link["unit"]),
                                     "role": link["role"], "source": _link_source(link)})
            verdict = overall_verdict(r)
            tables.indicators.append({**common, "category": category, "verdict": verdict,
                                      "verdict_label": VERDICT_NAMES[verdict],
                                      "numbers": len(r.verdict.stated), "units": len(r.units)})
    return tables


def matrix_table(batch: BatchResult):
    """plan × indicator: each indicator's verdict, as a pandas DataFrame (columns plan, region, then
    the indicator IDs), for pages that show the matrix."""
    import pandas as pd

    rows = [{"plan": plan_id(a.document.source), "region": a.document.metadata.region or "",
             **{r.id: overall_verdict(r) for r in a.indicators}} for a in batch.audits]
    ids = [ind.id for ind in batch.audits[0].standard.indicators] if batch.audits else []
    return pd.DataFrame(rows, columns=["plan", "region", *ids])


def _number_row(common: dict, category: str, ind: Indicator, s: StatedThreshold, a: AuditResult) -> dict:
    verdict = s.verdict if s.role.is_value else None
    return {
        **common, "province": _province(a), "category": category, "level": s.slot.level or "",
        "sub_quantity": sub_quantity(ind, s.slot), "comparator": s.comparator or "", "value": _number(s.value),
        "unit": s.slot.unit or "", "national_comparator": s.slot.comparator, "national": _number(s.slot.value),
        "role": s.role.role, "year": s.role.year, "verdict": verdict or "",
        "verdict_label": NUMBER_VERDICT_NAMES.get(verdict, ROLE_NAMES.get(s.role.role, "")),
        "hedged": bool(s.statement.hedges), "where": s.statement.location.describe(),
    }


def _link_source(link: dict) -> str:
    """Where the plan makes the unit responsible, in words: 表格责任列 · 附件 表1 第3行 第3列."""
    return f"{VIAS.get(link['via'], link['via'])} · {link['where']}"


def _plan_row(plan: str, a: AuditResult) -> dict:
    meta = a.document.metadata
    status = AUDITED if a.is_plan else NOT_A_PLAN
    counts = a.counts()
    missing = sum(r.verdict.status != "present" for r in a.indicators)
    return {"plan": plan, "file": a.document.source, "region": meta.region or "", "province": _province(a),
            "title": meta.title or "", "doc_number": meta.doc_number or "", "date": meta.date or "",
            "status": status, "status_label": STATUS_NAMES[status], "reason": "",
            "present": len(a.indicators) - missing, "missing": missing,
            "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}


def _failed_plan(f: Failure) -> dict:
    return {"plan": plan_id(f.path), "file": f.path, "region": "", "province": "", "title": "", "doc_number": "",
            "date": "", "status": UNREADABLE, "status_label": STATUS_NAMES[UNREADABLE], "reason": f.reason,
            "present": None, "missing": None, "errors": None, "warnings": None, "infos": None}


def _province(a: AuditResult) -> str:
    """The province where the document names one (metadata readers may add it); else empty."""
    return getattr(a.document.metadata, "province", None) or ""


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


# --- writing them -------------------------------------------------------------------------------


def table_paths(target: Path) -> dict[str, Path]:
    """Where each table goes: a workbook holds all four; CSV and Parquet write the numbers table at
    `target` and the others beside it (<name>-units.csv …)."""
    if target.suffix.lower() == ".xlsx":
        return {name: target for name in SHEETS}
    return {name: target if name == "numbers" else target.with_name(f"{target.stem}-{name}{target.suffix}")
            for name in SHEETS}


def write_tables(batch: BatchResult, target: Path) -> list[Path]:
    """The tables as .csv (UTF-8 with BOM, for Excel), .xlsx or .parquet; the files written."""
    suffix = target.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise OutputRefused(f"对照表应为 {'/'.join(TABLE_SUFFIXES)} 文件：{target}")
    tables = build_tables(batch).named()
    paths = table_paths(target)
    if suffix == ".xlsx":
        write_workbook(tables, target)
        return [target]
    for name, rows in tables.items():
        columns = [c for c, _ in SHEETS[name][1]]
        with atomic_output(paths[name]) as tmp:
            (_write_parquet if suffix == ".parquet" else _write_csv)(rows, columns, tmp)
    return list(dict.fromkeys(paths.values()))


def _write_csv(rows: list[dict], columns: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(safe_row(row.get(c) for c in columns))


def _write_parquet(rows: list[dict], columns: list[str], path: Path) -> None:
    try:
        import pandas as pd
        import pyarrow  # noqa: F401  (pandas' Parquet engine)
    except ImportError:
        raise OutputRefused("写 Parquet 需要 pandas 和 pyarrow：pip install \"duibiao[parquet]\"；"
                            "或改用 .csv/.xlsx") from None
    frame = pd.DataFrame(rows, columns=columns)
    if "year" in frame:
        frame["year"] = frame["year"].astype("Int64")
    frame.to_parquet(path, index=False)


def write_workbook(tables: dict[str, list[dict]], target: Path) -> None:
    """One sheet per table: Chinese headers over a row of the column codes (as in the CSV), frozen
    headers and first columns, filters, widths, number formats and verdict colours."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold, header_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="34495E")
    small = Font(size=8, color="666666")
    fills = {code: PatternFill("solid", fgColor=colour)
             for code, colour in {**VERDICT_PALETTE, **NUMBER_PALETTE}.items()}
    light = {"000000", "0072B2", "D55E00", "009E73", "CC79A7"}  # dark fills get white text
    for name, (title, columns) in SHEETS.items():
        ws = wb.create_sheet(title)
        rows = tables[name]
        widths = [max([display_width(head)] + [display_width(str(r.get(c) or "")) for r in rows[:500]])
                  for c, head in columns]
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 6), 50)
        ws.freeze_panes = "C3" if name != "plans" else "B3"
        ws.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{len(rows) + 2}"
        ws.append([text_cell(ws, head, font=bold, fill=header_fill, alignment=Alignment(wrap_text=True))
                   for _, head in columns])
        ws.append([text_cell(ws, code, font=small) for code, _ in columns])  # pandas: read_excel(header=1)
        for row in rows:
            cells = []
            verdict = row.get("verdict") or row.get("status")
            for code, _ in columns:
                value = row.get(code)
                style = {}
                if code in ("verdict", "verdict_label") and verdict in fills:
                    colour = fills[verdict].fgColor.rgb[-6:]
                    style = {"fill": fills[verdict], "font": Font(color="FFFFFF" if colour in light else "000000")}
                cell = text_cell(ws, value, **style)
                if isinstance(value, float):
                    cell.number_format = "0.###"
                cells.append(cell)
            ws.append(cells)
    with atomic_output(target) as tmp:
        wb.save(tmp)


# --- the heatmap --------------------------------------------------------------------------------


def write_chart(batch: BatchResult, target: Path) -> list[str]:
    """A heatmap of indicator verdicts, plans × indicators, with category separators; returns warnings
    (Chinese) for the user."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    audits = batch.audits
    font = cjk_font()
    warnings = [] if font else [NO_CJK_FONT]
    text = {"fontproperties": font} if font else {}
    standard = audits[0].standard if audits else None
    indicators = list(standard.indicators) if standard else []
    plans = [(a.document.metadata.region or Path(a.document.source).stem, a) for a in audits]
    repeated = {label for label, _ in plans if sum(label == other for other, _ in plans) > 1}
    plans = [(f"{label}（{Path(a.document.source).name}）" if label in repeated else label, a) for label, a in plans]
    labels = [label if font or label.isascii() else f"P{i}" for i, (label, _) in enumerate(plans, 1)]
    codes = [[VERDICT_ORDER.index(overall_verdict(r)) for r in a.indicators] for _, a in plans]

    n_rows, n_cols = max(len(plans), 1), max(len(indicators), 1)
    label_size = max(5.5, min(9.0, 360 / n_rows))
    fig = Figure(figsize=(max(12, n_cols * 0.32 + 4), 4.5 + n_rows * label_size / 40), dpi=120)
    ax = fig.add_subplot()
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap(["#" + VERDICT_PALETTE[v] for v in VERDICT_ORDER])
    if codes:
        ax.imshow(codes, cmap=cmap, vmin=-0.5, vmax=len(VERDICT_ORDER) - 0.5, aspect="auto", interpolation="nearest")
    names = [f"{i.id} {_short(i.name)}" if font else i.id for i in indicators]
    ax.set_xticks(range(len(indicators)), names, rotation=90, fontsize=7, **text)
    ax.set_yticks(range(len(labels)), labels, fontsize=label_size, **text)
    ax.tick_params(top=False, labeltop=False, bottom=True, labelbottom=True)
    # category separators and names over the columns
    start = 0
    for k, ind in enumerate(indicators + [None]):
        if ind is None or ind.category != indicators[start].category:
            if start:
                ax.axvline(start - 0.5, color="white", linewidth=2.5)
            cat = indicators[start].category
            name = standard.categories.get(cat, cat) if font else cat
            ax.text((start + k - 1) / 2, -0.9, name, ha="center", va="bottom", fontsize=8, **text)
            start = k
    verdict_names = VERDICT_NAMES if font else {v: v for v in VERDICT_ORDER}
    legend = ax.legend(handles=[Patch(color="#" + VERDICT_PALETTE[v], label=verdict_names[v]) for v in VERDICT_ORDER],
                       loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="结论" if font else "verdict",
                       prop=font)
    if font:
        legend.get_title().set_fontproperties(font)
    key = [f"{lab} = {plan_id(a.document.source)}" for lab, (_, a) in zip(labels, plans) if lab.startswith("P")
           and not font]
    if key:  # the fallback labels, keyed to the plan column of the tables
        ax.text(1.01, 0.0, "plan key:\n" + "\n".join(key), transform=ax.transAxes, fontsize=6, va="bottom",
                family="monospace")
    ax.set_title("各方案对照国家标准的指标结论" if font else "Verdict per plan and indicator", pad=22, **text)
    fig.tight_layout()
    with atomic_output(target) as tmp:
        fig.savefig(tmp, format=target.suffix.lstrip(".").lower())
    return warnings


def _short(name: str, limit: int = 12) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


def cjk_font():
    """FontProperties of a font file with Chinese glyphs, found by path (fontconfig's list, then the
    usual install places) and registered with matplotlib directly, so a font installed after
    matplotlib built its cache is found too; None when there is none."""
    from matplotlib import font_manager

    for path in _cjk_font_files():
        try:
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path)
        except (OSError, RuntimeError, ValueError):
            continue
    return None


def _cjk_font_files() -> list[str]:
    found = []
    if shutil.which("fc-list"):
        try:
            listing = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                                     timeout=20, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        files = [line.split(":")[0].strip() for line in listing.splitlines() if line.strip()]
        # Sans faces first (legible at small sizes), regular weight before bold
        found += sorted(files, key=lambda p: ("Sans" not in p and "Hei" not in p, "Bold" in p, p))
    found += [p for p in KNOWN_CJK_FONTS if Path(p).is_file()]
    return list(dict.fromkeys(found))
