"""Plain-text plans: encoding detection and tables rebuilt from the TAB-cell export form.

In that form each table cell starts on a line beginning with a TAB; lines without a TAB continue the
cell above; a blank line followed by a TAB line ends a row. A cell may itself contain blank lines
(a vertically merged category cell is exported as blank lines then its text).
"""
from __future__ import annotations

import codecs
import re

from duibiao import regex_cache
from duibiao.errors import UnreadableDocument
from duibiao.extractors.model import Block, Cell, Document, Location, table_text
from duibiao.extractors.wrapping import rejoin_paragraphs

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Export artefacts that are not part of the document's text.
_ARTEFACTS = regex_cache.compile(r"\[bookmark: [^\]]*\]")
_NEWLINE = regex_cache.compile(r"\r\n?|\n")
# Characters of ordinary Chinese or Latin text: a correct decoding of a plan is made almost only of these.
# Left to re's cache, compiled on first use: only a file that is not UTF-8 needs it, and its ranges
# cost ~3 ms to compile.
_COMMON = r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u25ff\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
# C0 control bytes other than whitespace and ESC: text in any supported 8-bit encoding has none.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])
_SAMPLE = 64 * 1024
MAX_LINES = 1_000_000  # a plan has a few thousand lines
NOT_TEXT = "文件内容无法识别：不是文本，也不是 Word、PDF 等可读取的文档"


# Legacy encodings a plan may come in when it is not UTF-8: GB18030 (and its subsets GBK/GB2312),
# Big5 from Taiwan/Hong Kong, and Japanese ones a misconfigured export may produce. Big5 bytes
# often decode as GB18030 without error, into nonsense: charset-normalizer tells them apart.
_LEGACY_ENCODINGS = ["gb18030", "big5", "cp932", "euc_jp"]


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 (BOM or not), then GB18030/GBK, Big5 or a Japanese
    encoding as charset-normalizer judges; `encoding` (the user's --encoding) overrides the detection."""
    if encoding:
        return _decode(data, encoding, path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, path)
    utf16 = _utf16_endianness(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise UnreadableDocument(path, NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    guess = from_bytes(data[:_SAMPLE], cp_isolation=_LEGACY_ENCODINGS).best()
    for encoding in ([guess.encoding] if guess else []) + ["gb18030"]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(path, "文本编码无法识别（支持 UTF-8、GB18030/GBK、Big5、UTF-16；可用 --encoding 指定）")


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableDocument(path, f"文本不是有效的 {encoding.upper().removesuffix('-SIG')} 编码，文件可能已损坏") from None


def _utf16_endianness(data: bytes) -> str | None:
    """utf-16-le or utf-16-be for BOM-less UTF-16 text, else None.

    ASCII-heavy text shows NUL bytes on one side of each pair; Chinese text has few NULs, so both byte
    orders are tried on a sample and kept only when nearly every character is ordinary text.
    """
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4:
        return None
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    if max(zeros_even, zeros_odd) > 0.2 * half and min(zeros_even, zeros_odd) < 0.05 * half:
        return "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
    if sample.count(0) == 0 and _valid_utf8(sample):
        return None
    scores = {enc: _text_score(sample.decode(enc, "replace")) for enc in ("utf-16-le", "utf-16-be")}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0.9 else None


def _valid_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start > len(sample) - 4  # only a character cut at the sample's end
    return True


def _text_score(text: str) -> float:
    return len(re.findall(_COMMON, text)) / max(len(text), 1)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 100


def read_text(path: str, data: bytes, encoding: str | None = None) -> Document:
    text = decode(data, path, encoding)
    if "\x00" in text:
        raise UnreadableDocument(path, NOT_TEXT)
    if "[bookmark: " in text:
        text = _ARTEFACTS.sub("", text)
    count = text.count("\n") + text.count("\r") - text.count("\r\n")
    if count > MAX_LINES:  # each line becomes an object: a flood of tiny lines would exhaust memory
        raise UnreadableDocument(path, f"文本行数过多（{count} 行，上限 {MAX_LINES} 行），不像是一份方案文件")
    lines = _NEWLINE.split(text)
    del text  # a large file's text is held once, as its lines
    return Document(source=path, format="txt", blocks=parse_lines(lines))


def _is_cell_start(line: str) -> bool:
    return line.lstrip(" ").startswith("\t")


def _is_blank(line: str) -> bool:
    return not line.strip(" \u3000")


def parse_lines(lines: list[str]) -> list[Block]:
    """Paragraphs (one per non-blank line, or per run of lines when the text was hard-wrapped) and
    tables (from TAB-cell lines), in order."""
    blocks: list[Block] = []
    fresh: dict[int, bool] = {}  # paragraph block id → starts fresh (first, after a blank line, indented)
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cell_start(line):
            rows, i = _read_table(lines, i)
            blocks.extend(_table_blocks(rows))
            continue
        if _is_tab_row(line) and i + 1 < len(lines) and _is_tab_row(lines[i + 1]):
            rows, i = _read_tab_rows(lines, i)
            blocks.extend(_table_blocks(rows))
            continue
        if line.strip():
            block = Block("paragraph", line.strip(), Location(paragraph=i + 1))
            fresh[id(block)] = i == 0 or _is_blank(lines[i - 1]) or line[:1] in (" ", "\u3000")
            blocks.append(block)
        i += 1
    return rejoin_paragraphs(blocks, fresh, wrapped_only=True)


def _read_table(lines: list[str], i: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Rows of (cell text, line number) from line i; returns the rows and the first line after the table."""
    rows: list[list[tuple[str, int]]] = []
    row: list[list] = []  # cells as [list of text lines, line number]
    while i < len(lines):
        line = lines[i]
        if _is_cell_start(line):
            row.append([[line.lstrip(" ")[1:]], i + 1])
            i += 1
            continue
        if _is_blank(line):
            j = i
            while j < len(lines) and _is_blank(lines[j]):
                j += 1
            if j < len(lines) and _is_cell_start(lines[j]):
                rows.append(row)  # blank line then a new cell: the row ends
                row = []
                i = j
                continue
            if j < len(lines) and _continues_cell(lines, j):
                row[-1][0].extend([""] * (j - i))
                i = j
                continue
            break
        if line.startswith((" ", "\u3000")):  # an indented line after a cell starts new text
            break
        row[-1][0].append(line)
        i += 1
    if row:
        rows.append(row)
    return [[("\n".join(t).strip(), n) for t, n in r] for r in rows], i


def _is_tab_row(line: str) -> bool:
    """A row of a table pasted from Excel or Word into a text file: text, a TAB, more text."""
    return "\t" in line.strip() and not _is_cell_start(line)


def _read_tab_rows(lines: list[str], i: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Consecutive TAB-separated rows from line i, one row a line, one cell between TABs."""
    rows = []
    while i < len(lines) and _is_tab_row(lines[i]):
        rows.append([(cell.strip(), i + 1) for cell in lines[i].strip().split("\t")])
        i += 1
    return rows, i


def _continues_cell(lines: list[str], j: int) -> bool:
    """Text after blank lines belongs to the cell above when a TAB line follows it before the next blank."""
    while j < len(lines) and not _is_blank(lines[j]):
        if _is_cell_start(lines[j]):
            return True
        if lines[j].startswith((" ", "\u3000")):
            return False
        j += 1
    return False


def _table_blocks(rows: list[list[tuple[str, int]]]) -> list[Block]:
    """Drop rows whose cells are all empty; one-cell rows before or after the table are paragraphs."""
    rows = [r for r in rows if any(text for text, _ in r)]
    start, end = 0, len(rows)
    while start < end and len(rows[start]) == 1:
        start += 1
    while end > start and len(rows[end - 1]) == 1:
        end -= 1
    head, rows, tail = rows[:start], rows[start:end], rows[end:]
    blocks = [_paragraphs_of(r[0]) for r in head]
    if rows:
        start = rows[0][0][1]
        cells = [
            [Cell(text, Location(paragraph=n, row=ri + 1, column=ci + 1)) for ci, (text, n) in enumerate(r)]
            for ri, r in enumerate(rows)
        ]
        blocks.append([Block("table", table_text(cells), Location(paragraph=start), rows=cells)])
    blocks.extend(_paragraphs_of(r[0]) for r in tail)
    return [b for group in blocks for b in group]


def _paragraphs_of(cell: tuple[str, int]) -> list[Block]:
    text, n = cell
    return [
        Block("paragraph", part.strip(), Location(paragraph=n + k))
        for k, part in enumerate(text.split("\n"))
        if part.strip()
    ]
