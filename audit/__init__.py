"""Audit a plan against a standard.

    from duibiao.audit import audit_file
    result = audit_file("samples/qufu.docx")          # or audit_document(doc, standard)
    result.to_dict()                                  # the JSON audit of docs/audit-format.md
"""
from __future__ import annotations

from pathlib import Path

from duibiao.audit.ocr_check import flag_unsure_numbers
from duibiao.audit.findings import INFO, WARNING, Finding, sort_findings, verdict_findings
from duibiao.audit.result import AuditResult, IndicatorResult
from duibiao.audit.statements import Statement, collect_statements
from duibiao.audit.verdicts import PRESENT, judge
from duibiao import responsibility
from duibiao.catalog import DEFAULT_STANDARD, Standard, load_standard
from duibiao.extractors import DEFAULT_MAX_SIZE, Document, read_document
from duibiao.responsibility.report import covered_text

__all__ = ["audit_file", "audit_document", "AuditResult", "IndicatorResult", "Finding", "Statement"]

# A document that states fewer indicators than this and never names the programme is not a plan
# for this standard; it gets one clear finding instead of 40 "missing" errors.
_PLAN_MIN_INDICATORS = 8
_PLAN_WORDS = ("优质均衡", "督导评估")
# County-level units not named 县 whose own level word stands for 县级 (a county-level 市 is not among
# them: its 市级 is read as the prefecture's, docs/audit-format.md).
_COUNTY_LEVEL_NAMES = ("区", "旗")


def audit_file(
    path: str | Path,
    standard: str = DEFAULT_STANDARD,
    password: str | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    ocr=None,
    encoding: str | None = None,
) -> AuditResult:
    """ocr: extractors.ocr.OcrOptions (None: scanned pages and images are recognised, page by page);
    encoding: of a .txt or web page, overriding detection."""
    doc = read_document(path, password=password, max_size=max_size, ocr=ocr, encoding=encoding)
    return audit_document(doc, load_standard(standard))


def audit_document(doc: Document, standard: Standard | None = None) -> AuditResult:
    standard = standard or load_standard()
    statements = collect_statements(doc, standard)
    assignments = responsibility.extract_assignments(doc)
    by_indicator: dict[str, list[Statement]] = {}
    for st in statements:
        by_indicator.setdefault(st.indicator, []).append(st)
    coverage = responsibility.CoverageIndex(assignments)
    results, findings = [], []
    own_level = _own_level(doc)
    # the plan's target year: the latest it dates a committed number to (not 2026年迎接国家评估)
    final_year = max((r.year for st in statements for r in st.roles if r.is_value and r.year), default=None)
    for ind in standard.indicators:
        verdict = judge(ind, by_indicator.get(ind.id, []), own_level, final_year)
        lead, support, links = _units(verdict.statements, coverage)
        result = IndicatorResult(verdict, lead, support, links)
        results.append(result)
        missing = responsibility.missing_departments(ind.id, lead + support) if result.units else []
        findings += verdict_findings(verdict, result.units, missing)
    # One finding per blank slot, though a 分工表 row joined to body tasks yields two assignments.
    blank: dict[tuple, object] = {}
    for a in assignments:
        if a.blank:
            blank.setdefault((a.block, a.row), a)
    findings += [_blank_slot_finding(doc, a) for a in blank.values()]
    present = sum(r.verdict.status == PRESENT for r in results)
    is_plan = present >= _PLAN_MIN_INDICATORS or any(w in doc.plain_text() for w in _PLAN_WORDS)
    if not is_plan:
        findings = [Finding(None, INFO, "not_a_plan",
                            f"该文件不像是义务教育优质均衡发展实施方案（只识别到{present}项指标），未逐项列出缺失指标")]
    flag_unsure_numbers(doc, findings)
    order = {ind.id: i for i, ind in enumerate(standard.indicators)}
    return AuditResult(
        document=doc,
        standard=standard,
        indicators=results,
        findings=sort_findings(findings, order),
        unassigned_rows=responsibility.unassigned_rows(assignments),
        is_plan=is_plan,
    )


def _own_level(doc: Document) -> str | None:
    """区 or 旗 for a district's or banner's plan, whose 区级/旗级 is the county level of the standard."""
    region = doc.metadata.region or ""
    return region[-1] if region.endswith(_COUNTY_LEVEL_NAMES) else None


def _blank_slot_finding(doc: Document, assignment) -> Finding:
    task = covered_text(doc, assignment.covers[0]) if assignment.covers else ""
    return Finding(None, WARNING, "blank_slot", "任务的责任单位一栏为空", quote=task[:80],
                   location=assignment.location, in_annex=doc.blocks[assignment.block].in_annex)


def _units(statements: list[Statement], coverage: responsibility.CoverageIndex
           ) -> tuple[list[str], list[str], list[dict]]:
    """Units of the assignments covering any statement, as the plan spells them, in document order;
    a unit named twice (also under another spelling) is listed once, lead before support; and the
    link of each (unit_links of the JSON)."""
    # In document order: a set of (block, None) would iterate in an order that differs between runs
    # (None hashes by address), and so would which of two links to one unit is named.
    places = sorted({(st.block, -1 if st.row is None else st.row) for st in statements})
    covering = {id(a): a for block, row in places for a in coverage.at(block, None if row < 0 else row)}
    ordered = sorted(covering.values(), key=lambda a: (a.block, -1 if a.row is None else a.row))
    lead, support, seen, links = [], [], set(), []
    for a in ordered:
        for role, target, names in (("lead", lead, a.lead), ("support", support, a.support)):
            for name in names:
                key = responsibility.unit_key(name)
                if key not in seen:
                    seen.add(key)
                    target.append(name)
                    links.append({"unit": name, "role": role, "via": a.via, "where": a.location.describe()})
    return lead, support, links
