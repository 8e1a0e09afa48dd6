"""Hedge words that weaken a hard requirement: 原则上, 力争, 基本, 逐步, 争取."""
from __future__ import annotations

from duibiao import regex_cache

# 基本 starts terms as often as it hedges: 基本装备配置标准, 基本均衡, 基本公共教育服务, 基本原则 …
_NOT_HEDGE_AFTER_JIBEN = "装备|均衡|公共|原则|办学条件|建设|需求|情况|知识|技能|国策|方略"
# 争取 with an object is "to obtain": 争取国家资金支持, 争取项目资金
_NOT_HEDGE_AFTER_ZHENGQU = "(?:国家|上级|省级|中央|更多)?(?:项目|资金|支持|政策)"

# Traditional forms (力爭, 原則上, 爭取) read like the simplified ones: a simplified plan may carry a pasted
# traditional phrase, which the document-wide conversion (extractors.structure) leaves as it is.
_HEDGE = regex_cache.compile(
    rf"原[则則]上|力[争爭]|逐步|基本(?!{_NOT_HEDGE_AFTER_JIBEN})|[争爭]取(?!{_NOT_HEDGE_AFTER_ZHENGQU})"
)


def hedge_positions(text: str) -> list[tuple[int, str]]:
    """(offset, word) of every hedge in `text`, in order."""
    return [(m.start(), m.group()) for m in _HEDGE.finditer(text)]


def find_hedges(text: str) -> list[str]:
    """The hedge words in `text`, in order of appearance, one entry per occurrence."""
    return [word for _, word in hedge_positions(text)]
