"""The one document model every reader produces: blocks in reading order, each with its location."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass
class Location:
    """Where a piece of text came from. Indices are 1-based, as a person counts them."""

    page: int | None = None  # PDF page
    paragraph: int | None = None  # paragraph index in the source (txt: line number)
    table: int | None = None
    row: int | None = None
    column: int | None = None
    section: str | None = None  # heading path, the labels of the headings above: 三、（二）3.

    def describe(self) -> str:
        """Chinese, for reports, found the same way in every format: 三、（二）3. 第3页 表1 第4行 第2列.
        第12段 (a count a person cannot find in Word) only where there is no heading, page or table."""
        parts = [self.section] if self.section else []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行")
            if self.column is not None:
                parts.append(f"第{self.column}列")
        elif self.paragraph is not None and not parts:
            parts.append(f"第{self.paragraph}段")
        return " ".join(parts) or "位置未知"

    def to_dict(self) -> dict:
        # Its fields are plain values: asdict()'s deep copy was a tenth of writing an audit's JSON.
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass
class Cell:
    text: str
    location: Location = field(default_factory=Location)
    bold: list[str] = field(default_factory=list)  # text of bold runs (some plans mark the lead unit in bold)
    spanned: bool = False  # True when the text comes from a cell merged over several rows or columns
    confidence: float | None = None  # read by OCR: the recogniser's lowest score for this text (0–1)
    # Of a merged cell's origin (as docling-core's TableCell): the grid rows and columns it covers. Rows
    # are grid-true: each covered grid position holds a copy with spanned=True.
    rowspan: int = 1
    colspan: int = 1

    def to_dict(self) -> dict:
        d = {"text": self.text, "location": self.location.to_dict()}
        if self.bold:
            d["bold"] = self.bold
        if self.spanned:
            d["spanned"] = True
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 3)
        if self.rowspan > 1:
            d["rowspan"] = self.rowspan
        if self.colspan > 1:
            d["colspan"] = self.colspan
        return d


@dataclass
class Block:
    kind: BlockKind
    text: str = ""  # for a table: the rows' cells joined by tabs and newlines
    location: Location = field(default_factory=Location)
    rows: list[list[Cell]] | None = None  # tables only
    level: int | None = None  # outline level from the numbering label: 一、=1 （一）=2 1.=3 （1）=4 ①=5
    label: str | None = None  # the numbering label itself, e.g. "（一）"
    in_annex: bool = False
    confidence: float | None = None  # read by OCR: the recogniser's lowest score over its lines (0–1)

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "text": self.text, "location": self.location.to_dict()}
        if self.level is not None:
            d["level"] = self.level
            d["label"] = self.label
        if self.in_annex:
            d["in_annex"] = True
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 3)
        if self.rows is not None:
            d["rows"] = [[c.to_dict() for c in row] for row in self.rows]
        return d


@dataclass
class Metadata:
    title: str | None = None
    region: str | None = None  # the county/district/city the plan is for, e.g. 曲阜市
    doc_number: str | None = None  # 文号, brackets normalized to 〔〕
    issuer: str | None = None
    date: str | None = None  # ISO date of issue (印发)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    source: str  # path as given
    format: str  # txt, docx, pdf, html
    blocks: list[Block] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    annex_start: int | None = None  # index into blocks of the first annex block
    warnings: list[str] = field(default_factory=list)  # what could not be read, in Chinese
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text was recognised by OCR (1-based)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "format": self.format,
            "metadata": self.metadata.to_dict(),
            "annex_start": self.annex_start,
            "warnings": self.warnings,
            "ocr_pages": self.ocr_pages,
            "blocks": [b.to_dict() for b in self.blocks],
        }

    def plain_text(self) -> str:
        """All text in reading order, one block per line; tables row by row."""
        return "\n".join(b.text for b in self.blocks)


def table_text(rows: list[list[Cell]]) -> str:
    """Rows by lines, cells by tabs; a cell merged over several columns is written once."""
    return "\n".join("\t".join(c.text for k, c in enumerate(row) if not _column_copy(row, k)) for row in rows)


def _column_copy(row: list[Cell], k: int) -> bool:
    return k > 0 and row[k].spanned and row[k].text == row[k - 1].text


def table_block(rows: list[list[Cell]], paragraph: int) -> Block | None:
    """A table at body paragraph `paragraph`, its cells located by row and column; None when empty."""
    if not any(c.text for row in rows for c in row):
        return None
    for r, row in enumerate(rows, 1):
        for c, cell in enumerate(row, 1):
            cell.location = Location(paragraph=paragraph, row=r, column=c)
    return Block("table", table_text(rows), Location(paragraph=paragraph), rows=rows)


def flat_row(row: list[Cell]) -> str:
    """A row of a table nested in a cell, as one line of that cell (merged repeats left out)."""
    return " ".join(c.text.replace("\n", " ") for c in row if c.text and not c.spanned)
