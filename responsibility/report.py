"""Rows for `duibiao units FILE`: every responsibility assignment with where it is and what it covers
(rendered by reports/units_text.py)."""
from __future__ import annotations

from duibiao.extractors.model import Document
from duibiao.responsibility.model import FORMS, VIAS, Assignment

_PREVIEW = 40


def covered_text(doc: Document, place: tuple[int, int | None]) -> str:
    """The text of a covered place: a paragraph, or a table row without its empty cells."""
    block, row = place
    b = doc.blocks[block]
    if row is not None and b.rows is not None and 0 <= row < len(b.rows):
        text = " ".join(c.text for c in b.rows[row] if c.text.strip())
    else:
        text = b.text
    return " ".join(text.split())


def list_assignments(doc: Document, assignments: list[Assignment]) -> list[dict]:
    """One dict per assignment, in document order:
    form, form_name (Chinese), via (the link: label / section / task-number / table-column / duty-list),
    via_name (Chinese), lead, support, location (Chinese, e.g. 表1 第4行 第6列 / 第57段),
    covers (number of places), covered (first covered text, 40 characters), blank."""
    rows = []
    for a in assignments:
        first = covered_text(doc, a.covers[0])[:_PREVIEW] if a.covers else ""
        rows.append({
            "form": a.form,
            "form_name": FORMS.get(a.form, a.form),
            "via": a.via,
            "via_name": VIAS.get(a.via, a.via),
            "lead": list(a.lead),
            "support": list(a.support),
            "location": a.location.describe(),
            "covers": len(a.covers),
            "covered": first,
            "blank": a.blank,
        })
    return rows
