"""`duibiao units FILE` as text: one line per responsibility assignment."""
from __future__ import annotations


def render_assignments(rows: list[dict]) -> str:
    """Plain text for a person: one line per assignment."""
    lines = []
    for r in rows:
        if r["blank"] and not r["support"]:
            units = "（空白，未指定责任单位）"
        else:
            units = "、".join(r["lead"]) or ("（牵头单位空白）" if r["blank"] else "—")
            if r["support"]:
                units += "；配合：" + "、".join(r["support"])
        # The form names the link except for a label over a whole section.
        link = f"{r['form_name']}，{r['via_name']}" if r["via"] == "section" else r["form_name"]
        lines.append(f"{r['location']}  [{link}]  {units}  ← {r['covered']}")
    return "\n".join(lines)
