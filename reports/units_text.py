"""`duibiao units FILE` as text: one line per responsibility assignment."""
from __future__ import annotations


def render_assignments(rows: list[dict]) -> str:
    """Plain text for a person: one line per assignment."""
    lines = []
    for r in rows:
        if r["blank"]:
            units = "（空白，未指定责任单位）"
        else:
            units = "、".join(r["lead"]) or "—"
            if r["support"]:
                units += "；配合：" + "、".join(r["support"])
        lines.append(f"{r['location']}  [{r['form_name']}]  {units}  ← {r['covered']}")
    return "\n".join(lines)
