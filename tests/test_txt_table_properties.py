"""Properties of the .txt table reader: parse_lines never raises and loses no text, whatever the lines."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duibiao.extractors.model import table_text
from duibiao.extractors.text_reader import parse_lines

# Pieces of the TAB-cell export form, so that generated lines hit the table rules and their boundaries.
_PIECES = ["\t", " ", "\u3000", "\xa0", "一、", "（一）", "县教育局", "生师比", "13.5", "附件", "a", "。", "x"]
_piece_lines = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
_any_lines = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=40)
_long_lines = st.builds(lambda piece, n: piece * n, st.sampled_from(["\t县", "县 ", "\t", "ab"]), st.integers(500, 5000))
_lines = st.lists(st.one_of(st.just(""), _piece_lines, _any_lines, _long_lines), max_size=60)


def _visible(texts) -> str:
    return "".join(ch for text in texts for ch in text if not ch.isspace())


@settings(max_examples=400, deadline=None)
@given(_lines)
def test_parse_lines_never_raises_and_loses_no_text(lines):
    blocks = parse_lines(lines)
    # every non-whitespace character comes out once, in reading order
    assert _visible(b.text for b in blocks) == _visible(lines)
    for block in blocks:
        assert block.kind in ("paragraph", "table") and block.text.strip()
        assert block.location.paragraph is not None and 1 <= block.location.paragraph <= len(lines)
        if block.kind == "table":
            assert block.rows and block.text == table_text(block.rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=40))
def test_parse_lines_on_arbitrary_strings(lines):
    """Even lines that could not come from splitting a file (with newlines inside) never make it raise."""
    blocks = parse_lines(lines)
    assert _visible(b.text for b in blocks) == _visible(lines)
