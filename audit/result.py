"""The audit's result and its JSON form (docs/audit-format.md, docs/audit.schema.json)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from duibiao.audit.findings import ERROR, INFO, WARNING, Finding
from duibiao.audit.verdicts import PRESENT, Verdict
from duibiao.catalog import Standard
from duibiao.extractors.model import Document


SCHEMA_VERSION = "1.0"  # of the JSON form below; docs/audit.schema.json and docs/audit-format.md describe it


@dataclass
class IndicatorResult:
    verdict: Verdict
    lead: list[str]
    support: list[str]
    # How each unit reaches the indicator: {"unit", "role" (lead/support), "via" (label, section,
    # task-number, table-column, duty-list), "where"}, in document order of the assignments.
    unit_links: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.verdict.indicator.id

    @property
    def units(self) -> list[str]:
        return self.lead + self.support

    def to_dict(self) -> dict:
        v = self.verdict
        ind = v.indicator
        return {
            "id": ind.id,
            "name": ind.name,
            "category": ind.category,
            "status": v.status,
            "flags": v.flags,
            "values": v.values,
            # every number read for the indicator, with its role: only targets and milestones are values
            # (`values`); `comparator` is the one the plan wrote, null when it wrote none
            "thresholds": [
                {
                    "level": s.slot.level,
                    "comparator": s.comparator,
                    "value": s.value,
                    "unit": s.slot.unit,
                    "national": s.slot.value,
                    "national_comparator": s.slot.comparator,
                    "role": s.role.role,
                    **({"year": s.role.year} if s.role.year else {}),
                    "verdict": s.verdict if s.role.is_value else None,
                }
                for s in v.stated + v.reported
            ],
            "units": {"lead": self.lead, "support": self.support},
            "unit_links": self.unit_links,
            "evidence": [
                {
                    "text": st.text,
                    "strength": st.strength,
                    "location": st.location.to_dict(),
                    "where": st.location.describe(),
                    "in_annex": st.in_annex,
                    **({"self_assessment": st.self_assessment} if st.self_assessment else {}),
                }
                for st in v.statements
            ],
        }


@dataclass
class AuditResult:
    document: Document
    standard: Standard
    indicators: list[IndicatorResult]
    findings: list[Finding]
    unassigned_rows: int
    is_plan: bool = True

    def counts(self) -> dict[str, int]:
        return {sev: sum(f.severity == sev for f in self.findings) for sev in (ERROR, WARNING, INFO)}

    def without_blocks(self) -> "AuditResult":
        """The same result without the document's paragraphs and tables, which the reports of a batch
        do not need (each statement keeps its own paragraph): thousands of plans fit in memory."""
        doc = replace(self.document, blocks=[])
        return replace(self, document=doc)

    def by_id(self, indicator_id: str) -> IndicatorResult:
        return next(r for r in self.indicators if r.id == indicator_id)

    def to_dict(self) -> dict:
        meta = self.document.metadata.to_dict()
        return {
            "schema_version": SCHEMA_VERSION,
            "document": {
                "source": self.document.source,
                "format": self.document.format,
                **meta,
                "warnings": self.document.warnings,
                "ocr_pages": self.document.ocr_pages,
            },
            "standard": {"id": self.standard.id, "name": self.standard.name, "doc_number": self.standard.doc_number},
            "is_plan": self.is_plan,
            "summary": {
                "present": sum(r.verdict.status == PRESENT for r in self.indicators),
                "missing": sum(r.verdict.status != PRESENT for r in self.indicators),
                **self.counts(),
            },
            "indicators": [r.to_dict() for r in self.indicators],
            "findings": [f.to_dict() for f in self.findings],
            "unassigned_rows": self.unassigned_rows,
        }
