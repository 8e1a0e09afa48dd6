"""jieba word segmentation with the domain's terms, loaded on first use (jieba takes ~0.7 s to load)."""
from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

_TERMS = Path(__file__).resolve().parent / "domain_terms.txt"


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(_TERMS))
    return jieba


def tokenize(text: str) -> list[str]:
    """Words of text in search mode (compounds and their parts: 体育运动场馆, 运动, 场馆 …),
    punctuation and spaces dropped."""
    return [w for w in _jieba().lcut_for_search(text) if w.strip() and not _is_punct(w)]


def _is_punct(word: str) -> bool:
    return all(not ch.isalnum() for ch in word)
