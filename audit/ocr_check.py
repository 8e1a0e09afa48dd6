"""Findings a reviewer must check against the paper: their quoted numbers were read by OCR from text
the recogniser was unsure of (Block.confidence / Cell.confidence below LOW_CONFIDENCE)."""
from __future__ import annotations

from duibiao import regex_cache
from duibiao.audit.findings import Finding
from duibiao.extractors.model import Document
from duibiao.extractors.ocr import LOW_CONFIDENCE

_SPACE = regex_cache.compile(r"\s+")
_DIGIT = regex_cache.compile(r"\d")


def flag_unsure_numbers(doc: Document, findings: list[Finding]) -> None:
    """Set Finding.ocr_confidence on each finding whose quote holds a number and comes from a block or
    cell recognised with low confidence."""
    if not doc.ocr_pages:
        return
    unsure = [(_SPACE.sub("", text), score) for text, score in _pieces(doc) if score < LOW_CONFIDENCE]
    if not unsure:
        return
    for f in findings:
        if not f.quote or not _DIGIT.search(f.quote):
            continue
        quote = _SPACE.sub("", f.quote)[:30]  # quotes may be cut short or cleaned at the end
        scores = [score for text, score in unsure if quote in text or text in quote]
        if scores:
            f.ocr_confidence = min(scores)


def _pieces(doc: Document):
    for block in doc.blocks:
        if block.rows is None:
            if block.confidence is not None:
                yield block.text, block.confidence
            continue
        for row in block.rows:
            for cell in row:
                if cell.confidence is not None:
                    yield cell.text, cell.confidence
