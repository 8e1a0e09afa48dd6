"""What every human-readable report shows, in the order it shows it: the plan's header, then the
indicators grouped by category (资源配置 / 政府保障程度 / 教育质量 / 社会认可度 / 否决项), worst first."""
from __future__ import annotations

from dataclasses import dataclass

from duibiao.audit import AuditResult
from duibiao.audit.findings import ERROR, INFO, KIND_NAMES, SEVERITY_NAMES, SEVERITY_ORDER, WARNING, Finding
from duibiao.audit.result import IndicatorResult
from duibiao.audit.verdicts import PRESENT
from duibiao.extractors.docx_numbering import chinese_number
from duibiao.extractors.ocr import describe_pages

_MARK = {ERROR: "✗", WARNING: "!", INFO: "i", None: "✓"}


@dataclass
class IndicatorView:
    result: IndicatorResult
    findings: list[Finding]

    @property
    def worst(self) -> str | None:
        severities = [f.severity for f in self.findings if f.kind != "department"]
        return min(severities, key=SEVERITY_ORDER.get) if severities else None

    @property
    def mark(self) -> str:
        return _MARK[self.worst]

    @property
    def headline(self) -> str:
        r = self.result
        v = r.verdict
        if v.status != PRESENT:
            return "缺失"
        flags = "、".join(KIND_NAMES[f] for f in v.flags)
        values = "、".join(f"{x:g}" for x in v.values)
        parts = [flags or "与国家标准一致"]
        if values:
            parts.append(f"数值：{values}")
        parts.append("责任单位：" + ("、".join(r.units) if r.units else "未明确"))
        return "；".join(parts)


    @property
    def self_assessment(self) -> str | None:
        """The plan's own self-assessment of the indicator (是否达标, 存在问题, 整改措施 …), if it has one."""
        for st in self.result.verdict.statements:
            if st.self_assessment:
                return "；".join(f"{k}：{' '.join(v.split())}" for k, v in st.self_assessment.items())
        return None


@dataclass
class CategoryView:
    code: str
    name: str
    indicators: list[IndicatorView]


def header_lines(result: AuditResult) -> list[tuple[str, str]]:
    meta = result.document.metadata
    counts = result.counts()
    present = sum(r.verdict.status == PRESENT for r in result.indicators)
    total = len(result.indicators)
    lines = [
        ("方案", meta.title or "（未识别标题）"),
        ("地区", meta.region or "（未识别）"),
        ("文号", meta.doc_number or "（无）"),
        ("发文机关", meta.issuer or "（未识别）"),
        ("印发日期", meta.date or "（未识别）"),
        ("文件", result.document.source),
        ("对照标准", f"{result.standard.name}（{result.standard.doc_number}）"),
        ("概况", f"{total}项指标中提及{present}项、缺失{total - present}项；"
                 f"{SEVERITY_NAMES[ERROR]}{counts[ERROR]}条、{SEVERITY_NAMES[WARNING]}{counts[WARNING]}条、"
                 f"{SEVERITY_NAMES[INFO]}{counts[INFO]}条；责任单位空缺{result.unassigned_rows}处"),
    ]
    if result.document.ocr_pages:
        lines.append(("文字识别", f"{describe_pages(result.document.ocr_pages)}为扫描件，经文字识别（OCR）读取；"
                                 "标有“请核对原件”的数值来自识别可信度低的文字"))
    return lines + [("注意", w) for w in result.document.warnings]


def category_views(result: AuditResult) -> list[CategoryView]:
    by_indicator: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        by_indicator.setdefault(f.indicator, []).append(f)
    views = []
    for code, name in result.standard.categories.items():
        members = [
            IndicatorView(r, by_indicator.get(r.id, []))
            for r in result.indicators
            if r.verdict.indicator.category == code
        ]
        members.sort(key=lambda v: SEVERITY_ORDER.get(v.worst, 3))
        if members:
            views.append(CategoryView(code, name, members))
    return views


def document_findings(result: AuditResult) -> list[Finding]:
    """Findings that belong to no indicator (blank unit slots, not a plan)."""
    return [f for f in result.findings if f.indicator is None]


def category_heading(n: int, cat: CategoryView) -> str:
    """The heading of the n-th category shown (from 0): 一、资源配置（7项）."""
    return f"{chinese_number(n + 1)}、{cat.name}（{len(cat.indicators)}项）"


def finding_tag(f: Finding) -> str:
    """[严重程度·问题类型], e.g. [错误·低于标准]."""
    return f"[{SEVERITY_NAMES[f.severity]}·{KIND_NAMES.get(f.kind, f.kind)}]"


def finding_line(f: Finding) -> str:
    check = "（数值为低可信度识别结果，请核对原件）" if f.ocr_confidence is not None else ""
    return f"{finding_tag(f)} {f.message}{check}"


def quote_line(f: Finding) -> str | None:
    if not f.quote:
        return None
    annex = "附件 " if f.in_annex else ""
    return f"原文：“{f.quote}”（{annex}{f.where}）"
