"""`duibiao extract --format text`: the document model as a person reads it."""
from __future__ import annotations

from duibiao.extractors.model import Document

_META_LABELS = [("title", "标题"), ("region", "地区"), ("doc_number", "文号"), ("issuer", "发文机关"), ("date", "印发日期")]


def render_document(doc: Document) -> str:
    lines = [f"文件：{doc.source}（{doc.format}）"]
    meta = doc.metadata.to_dict()
    lines += [f"{label}：{meta[key] or '（未识别）'}" for key, label in _META_LABELS]
    for warning in doc.warnings:
        lines.append(f"注意：{warning}")
    lines.append("")
    for i, block in enumerate(doc.blocks):
        if i == doc.annex_start:
            lines.append("──────── 附件 ────────")
        where = block.location.describe()
        if block.kind == "table":
            lines.append(f"[表格 {where}，{len(block.rows or [])}行]")
            for row in block.rows or []:
                lines.append("  | " + " | ".join(c.text.replace("\n", " ") for c in row) + " |")
        else:
            indent = "  " * ((block.level or 1) - 1)
            marker = "#" if block.kind == "heading" else " "
            lines.append(f"{marker} {indent}{block.text}  〔{where}〕")
    return "\n".join(lines)
