"""`duibiao catalog list|show`: the standard as a person reads it."""
from __future__ import annotations

from duibiao.catalog import Indicator, Standard
from duibiao.normalizer.text import fold


def find_indicators(standard: Standard, query: str) -> list[Indicator]:
    """Indicators by ID (R4, r4), else those whose name, official wording or common paraphrases
    contain the query (班额, 巩固率), spaces and full-width forms ignored."""
    key = "".join(fold(query).split())
    if key.upper() in standard.by_id:
        return [standard[key.upper()]]
    if not key:
        return []
    return [i for i in standard.indicators
            if any(key in "".join(fold(text).split()) for text in (i.name, i.wording, *i.paraphrases))]


def render_catalog_list(standard: Standard) -> str:
    lines = [f"{standard.name}（{standard.doc_number}），共{len(standard.indicators)}项指标", ""]
    for code, name in standard.categories.items():
        members = [i for i in standard.indicators if i.category == code]
        if not members:
            continue
        lines.append(f"{name}（{len(members)}项）")
        lines += [f"  {i.id:<4} {i.name}" + _thresholds(i) for i in members]
    return "\n".join(lines)


def _thresholds(ind: Indicator) -> str:
    return f"  [{'；'.join(s.describe() for s in ind.slots)}]" if ind.slots else ""


def render_indicator(standard: Standard, ind: Indicator) -> str:
    lines = [
        f"{ind.id} {ind.name}（{standard.categories.get(ind.category, ind.category)}）",
        f"官方表述：{ind.wording}",
    ]
    if ind.slots:
        lines.append("阈值：" + "；".join(s.describe() for s in ind.slots))
    if ind.requirements:
        lines.append("子要求（缺少则为不完整）：" + "、".join(r.name for r in ind.requirements))
    if ind.paraphrases:
        lines.append("常见表述：" + "、".join(ind.paraphrases))
    lines.append("计量对象（正则）：" + "  ".join(ind.quantity))
    if ind.topic:
        lines.append("主题提及（正则）：" + "  ".join(ind.topic))
    for rule in ind.altered:
        lines.append(f"改变口径：{rule.pattern.pattern}（{rule.note}）")
    for rule in ind.stricter:
        lines.append(f"严于标准：{rule.pattern.pattern}（{rule.note}）")
    lines.append(f"来源：{standard.source}")
    return "\n".join(lines)
