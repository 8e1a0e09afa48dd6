"""Word comments for drafters: every finding of the audit as a comment in a copy of the plan (.docx).

* one comment per indicator, on the words that state it, holding all of that indicator's findings
  (hints too, marked 提示) and what to write instead (建议改为：… from reports/suggest.py);
* one comment per blank 责任单位 cell, on that empty cell;
* the missing indicators in one comment on the plan's title (not on a red header above it).

The document's text is not changed: a run is only split where a quote starts or ends inside it.
Blocks are found again through their Location, numbered by the docx reader's own walk
(extractors/docx_reader.numbered_body); the quote's text is the anchor, looked for in the located
paragraph or cell first, then anywhere.

Re-annotating a file that already carries this tool's comments (author 对标审核) removes them first,
and rejects the tool's pending revisions, so the result is that of annotating the clean plan once; the
drafter's own comments and replies stay. `suggest=True` adds a tracked change (w:del/w:ins) for a
pure number fix (94% → 95%) that the drafter can accept or reject.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from duibiao import regex_cache
from duibiao.audit import AuditResult, audit_file
from duibiao.audit.findings import Finding, standard_text
from duibiao.audit.verdicts import LOOSER, MISSING
from duibiao.catalog import DEFAULT_STANDARD
from duibiao.errors import UnreadableDocument
from duibiao.extractors import DEFAULT_MAX_SIZE
from duibiao.extractors.docx_reader import located_rows, numbered_body
from duibiao.normalizer.text import DOC_NUMBER, fold
from duibiao.reports.common import OutputRefused, atomic_output, refuse_overwrite
from duibiao.reports.grouping import finding_line, quote_line
from duibiao.reports.suggest import suggest

AUTHOR, INITIALS = "对标审核", "对标"
# Authors of this tool's comments in files it wrote before (replaced like its current ones).
TOOL_AUTHORS = {AUTHOR, "duibiao"}
REVIEWED = "-审核"
LEGACY_FORMATS = {"ole": ".doc", "rtf": ".rtf"}  # detected format → suffix LibreOffice converts from
SAVE_AS_DOCX = "请在 Word/WPS 中另存为 .docx 后再添加批注"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _RPR, _DEL, _INS = (_W + n for n in ("p", "r", "t", "rPr", "del", "ins"))
_RANGE_START, _RANGE_END, _REFERENCE = (_W + n for n in ("commentRangeStart", "commentRangeEnd", "commentReference"))
_SKIP = {_DEL, _W + "moveFrom"}
# What a run may hold besides its properties for it to be split between characters.
_RUN_CONTENT = {_T, *(_W + n for n in ("br", "tab", "cr", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak"))}
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# A red header (某某县人民政府文件) or the document number line under it.
_HEADER = regex_cache.compile(rf"文件$|{DOC_NUMBER.pattern}$")  # the red header's lines above a title
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_W14_PARA = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


@dataclass
class Annotated:
    target: Path
    comments: int = 0
    indicators: list[str] = field(default_factory=list)  # indicators with a comment of their own
    missing: list[str] = field(default_factory=list)
    blank_cells: int = 0
    replaced: int = 0  # earlier comments of this tool removed
    revisions: int = 0  # tracked number fixes (--suggest)
    requested: Path | None = None  # the output asked for, when it existed and another name was used


def default_target(source: Path) -> Path:
    """方案.docx → 方案-审核.docx; a reviewed copy (方案-审核.docx, 方案-审核-2.docx) keeps that name."""
    stem = re.sub(rf"{REVIEWED}(?:-\d+)?$", "", source.stem) or source.stem
    return source.with_name(f"{stem}{REVIEWED}.docx")


def free_target(target: Path, inputs: list[Path], force: bool) -> Path:
    """`target`, or with --force absent and the file there (or it being the input) the first free
    <name>-2.docx, <name>-3.docx …"""
    taken = {p.resolve() for p in inputs}
    if (force or not target.exists()) and target.resolve() not in taken:
        return target
    n = 2
    while True:
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        if not candidate.exists() and candidate.resolve() not in taken:
            return candidate
        n += 1


def annotate_file(source: str | Path, target: str | Path | None = None, standard: str = DEFAULT_STANDARD,
                  max_size: int | None = DEFAULT_MAX_SIZE, force: bool = False, suggest: bool = False) -> Annotated:
    """Write a commented copy of `source` (.docx; .doc/.wps/.rtf through LibreOffice) and say what was done."""
    source = Path(source)
    requested = Path(target) if target is not None else default_target(source)
    if requested.suffix.lower() != ".docx":
        raise OutputRefused(f"批注后的文件应以 .docx 结尾：{requested}")
    if target is not None:
        refuse_overwrite([requested], [source])
    chosen = free_target(requested, [source], force)
    from duibiao.extractors import _read_bytes
    from duibiao.extractors.detect import detect_format

    data = _read_bytes(source, max_size)  # the size limit and messages of every reader
    fmt = detect_format(data, str(source))  # by content: a .doc renamed .docx is still converted
    if fmt in LEGACY_FORMATS:
        done = _annotate_converted(source, data, LEGACY_FORMATS[fmt], chosen, standard, max_size, suggest)
    elif fmt == "docx":
        done = _annotate_docx(source, source, chosen, standard, max_size, suggest)
    else:
        raise OutputRefused(f"只能为 Word 文档（.docx，或经 LibreOffice 转换的 .doc/.wps）添加批注：{source} 不是 Word 文档")
    done.requested = requested if chosen != requested else None
    return done


def _annotate_converted(source: Path, data: bytes, suffix: str, target: Path, standard, max_size, suggest
                        ) -> Annotated:
    """An old Word/WPS or RTF file: converted to .docx by LibreOffice when installed, then annotated."""
    from duibiao.extractors.legacy_office import convert_to_docx, find_office

    if find_office() is None:
        raise OutputRefused(f"{source} 是旧版 Word/WPS 或 RTF 文档，本机未安装 LibreOffice，无法直接添加批注：{SAVE_AS_DOCX}")
    with tempfile.TemporaryDirectory(prefix="duibiao-") as tmp:
        converted = Path(tmp) / f"{source.stem}.docx"
        converted.write_bytes(convert_to_docx(str(source), data, "旧版 Word/WPS 文档", suffix))
        return _annotate_docx(converted, source, target, standard, max_size, suggest)


def _annotate_docx(path: Path, source: Path, target: Path, standard, max_size, suggest) -> Annotated:
    import docx

    result = audit_file(path, standard=standard, max_size=max_size)
    try:
        document = docx.Document(str(path))
    except Exception:  # noqa: BLE001 (a damaged package fails in many ways inside python-docx)
        raise UnreadableDocument(str(source), "python-docx 无法打开该 Word 文档，无法添加批注") from None
    done = Annotated(target)
    done.replaced = remove_tool_marks(document)
    add_comments(document, result, done)
    if suggest:
        done.revisions = add_number_fixes(document, result)
    with atomic_output(target) as tmp:
        document.save(str(tmp))
    return done


# --- what the comments say ----------------------------------------------------------------------


def indicator_comment(result: AuditResult, iid: str, findings: list[Finding], anchor: str) -> str:
    """The comment of one indicator: its findings (each quote other than the anchored one shown), what
    to write instead (each distinct suggestion once), and the national standard once."""
    ind = result.standard[iid]
    lines = [f"{ind.id} {ind.name}"]
    for f in findings:
        lines.append(finding_line(f))
        if f.quote and _squeezed(f.quote) != _squeezed(anchor):
            lines.append(f"  {quote_line(f)}")
    lines += _advice(result, findings)
    if not any(ind.wording in line for line in lines):
        lines.append(standard_text(ind))  # a veto item reads as a veto condition, not a requirement
    return "\n".join(lines)


def missing_comment(result: AuditResult, missing: list[Finding]) -> str:
    lines = [f"方案未提及以下{len(missing)}项国家标准指标，建议逐项补充："]
    for f in missing:
        ind = result.standard[f.indicator]
        advice = suggest(result, f)
        wording = advice.wording if advice and advice.wording else ind.wording
        lines.append(f"{ind.id} {wording}" if wording.startswith(ind.name) else f"{ind.id} {ind.name}：{wording}")
    return "\n".join(lines)


def blank_cell_comment(result: AuditResult, f: Finding) -> str:
    return "\n".join([finding_line(f), *_advice(result, [f])])


def _advice(result: AuditResult, findings: list[Finding]) -> list[str]:
    texts = (s.text for s in (suggest(result, f) for f in findings) if s is not None)
    return list(dict.fromkeys(t for t in texts if t))


# --- placing them -------------------------------------------------------------------------------


def add_comments(document, result: AuditResult, done: Annotated) -> Annotated:
    located = _Located(document.element.body)
    by_indicator: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.indicator and f.kind != MISSING:
            by_indicator.setdefault(f.indicator, []).append(f)
    for r in result.indicators:  # in the standard's order
        findings = by_indicator.get(r.id)
        if not findings:
            continue
        quoted = next((f for f in findings if f.quote), None)
        statement = next((st for st in r.verdict.statements if st.strength != "topic"),
                         r.verdict.statements[0] if r.verdict.statements else None)
        quote, location = (quoted.quote, quoted.location) if quoted else (
            (statement.text, statement.location) if statement else ("", None))
        runs = located.runs_for(quote, location) if quote else located.title_runs(result)
        _comment(document, runs, indicator_comment(result, r.id, findings, quote))
        done.comments += 1
        done.indicators.append(r.id)
    for f in result.findings:
        if f.kind == "blank_slot":
            _comment_in_cell(document, located, f, blank_cell_comment(result, f))
            done.comments += 1
            done.blank_cells += 1
    missing = [f for f in result.findings if f.kind == MISSING] if result.is_plan else []
    done.missing = [f.indicator for f in missing]
    notes = [f.message for f in result.findings if f.kind == "not_a_plan"]
    if missing:
        notes.append(missing_comment(result, missing))
    for note in notes:
        _comment(document, located.title_runs(result), note)
        done.comments += 1
    return done


def _comment(document, runs: list, text: str) -> None:
    from docx.text.run import Run

    document.add_comment([Run(runs[0], document), Run(runs[-1], document)], text=text, author=AUTHOR,
                         initials=INITIALS)


def _comment_in_cell(document, located: _Located, f: Finding, text: str) -> None:
    """A comment on a table cell: on its text when it has some, else a point comment in the empty cell."""
    paragraphs = located.cell_paragraphs(f.location)
    runs = [r for p in paragraphs for r in _text_runs(p)]
    if runs:
        _comment(document, [runs[0], runs[-1]], text)
        return
    if not paragraphs:  # the cell is gone: on the located table's row text, else the title
        _comment(document, located.runs_for(f.quote, f.location), text)
        return
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    comment = document.comments.add_comment(text=text, author=AUTHOR, initials=INITIALS)
    p, cid = paragraphs[0], str(comment.comment_id)
    reference = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    reference.append(rpr)
    reference.append(OxmlElement("w:commentReference", attrs={qn("w:id"): cid}))
    for el in (OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid}),
               OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid}), reference):
        p.append(el)


class _Located:
    """Body paragraphs and tables by the paragraph number of their Location."""

    def __init__(self, body):
        self.paragraphs: dict[int, object] = {}
        self.tables: dict[int, list] = {}
        for number, el in numbered_body(body):
            if el.tag == _P:
                self.paragraphs[number] = el
            else:
                self.tables.setdefault(number, []).append(el)
        self.all = [p for p in body.iter(_P) if _text_runs(p)]

    def runs_for(self, quote: str, location) -> list:
        """The runs of the quote (split at its ends), in the located place first; else the located
        paragraph or cell whole; else the first paragraph."""
        hinted = self._hinted(location)
        for p in hinted + self.all:
            runs = _match([p], quote)
            if runs:
                return runs
        for window in self._windows(hinted):  # a quote the reader joined from wrapped lines
            runs = _match(window, quote)
            if runs:
                return runs
        fallback = [r for p in hinted for r in _text_runs(p)] or _text_runs(self.all[0])
        return [fallback[0], fallback[-1]]

    def _windows(self, hinted: list, size: int = 8):
        """Runs of consecutive paragraphs (a hard-wrapped sentence), from the located one first."""
        starts = [self.all.index(p) for p in hinted[:1] if p in self.all]
        for i in starts + [i for i in range(len(self.all)) if i not in starts]:
            yield self.all[i:i + size]

    def title_runs(self, result: AuditResult) -> list:
        """The plan's title as the document's metadata gives it, also where it wraps over several
        paragraphs (not a red header or a cover letter quoting it); else the first short paragraph
        naming a 方案, else the first paragraph."""
        key = _squeezed(result.document.metadata.title or "")
        texts = [_squeezed(_paragraph_text(p)) for p in self.all]
        for i, text in enumerate(texts):
            if not key or not text or not key.startswith(text):
                continue
            joined, j = text, i
            while joined != key and j + 1 < len(texts) and key.startswith(joined + texts[j + 1]):
                j += 1
                joined += texts[j]
            if joined == key:
                while i < j and _HEADER.search(texts[i]):  # a title read together with the header above it
                    i += 1
                return [_text_runs(self.all[i])[0], _text_runs(self.all[j])[-1]]
        short = next((p for p, text in zip(self.all, texts) if text.endswith("方案") and len(text) <= 40), None)
        runs = _text_runs(short if short is not None else self.all[0])
        return [runs[0], runs[-1]]

    def cell_paragraphs(self, location) -> list:
        if location is None or location.row is None or location.column is None:
            return []
        for tbl in self.tables.get(location.paragraph, []):
            rows = located_rows(tbl)
            if location.row <= len(rows) and location.column <= len(rows[location.row - 1]):
                return list(rows[location.row - 1][location.column - 1].iter(_P))
        return []

    def _hinted(self, location) -> list:
        if location is None or location.paragraph is None:
            return []
        if location.row is None:
            p = self.paragraphs.get(location.paragraph)
            return [p] if p is not None else []
        return [p for p in self.cell_paragraphs(location) if _text_runs(p)]


def _squeezed(text: str) -> str:
    return "".join(c for c in fold(text) if not c.isspace() and c not in _INVISIBLE)


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for r in _text_runs(p) for t in r.iter(_T))


def _text_runs(p) -> list:
    """The paragraph's runs that show text (not inside deletions), in order."""
    out = []
    for r in p.iter(_R):
        ancestors = {a.tag for a in r.iterancestors() if a is not p}
        if not ancestors & _SKIP and r.find(_T) is not None:
            out.append(r)
    return out


def _characters(paragraphs: list) -> tuple[str, list, list]:
    """The paragraphs' visible characters folded (spaces and invisible marks left out), each with its
    (run index, w:t, offset); and the runs."""
    chars, where = [], []
    runs = [r for p in paragraphs for r in _text_runs(p)]
    for ri, r in enumerate(runs):
        for t in r.iter(_T):
            for offset, ch in enumerate(t.text or ""):
                if not fold(ch).isspace() and ch not in _INVISIBLE:
                    chars.append(fold(ch))
                    where.append((ri, t, offset))
    return "".join(chars), where, runs


def _isolate(runs: list, where: list, start: int, end: int) -> list | None:
    """Split runs so that characters start..end-1 begin and end on run boundaries; their first and
    last run, or None when that would need splitting a run that holds more than text and breaks."""
    (first, t0, o0), (last, t1, o1) = where[start], where[end - 1]
    first_run, last_run = runs[first], runs[last]
    if o1 + 1 < len(t1.text) or _content(t1.itersiblings()):
        if not _splittable(last_run):
            return None
        _split_run(last_run, t1, o1 + 1)
    if o0 > 0 or _content(t0.itersiblings(preceding=True)):
        if not _splittable(first_run):
            return None
        first_run = _split_run(first_run, t0, o0)
        last_run = first_run if first == last else last_run
    return [first_run, last_run]


def _match(paragraphs: list, quote: str) -> list | None:
    """First and last run of the quote in the paragraphs, whitespace and full-width forms ignored;
    the quote's ends split off where the runs hold only text, else the whole runs."""
    text, where, runs = _characters(paragraphs)
    needle = _squeezed(quote)
    start = text.find(needle) if needle else -1
    if start < 0:
        return None
    isolated = _isolate(runs, where, start, start + len(needle))
    return isolated or [runs[where[start][0]], runs[where[start + len(needle) - 1][0]]]


def _content(elements) -> bool:
    return any(el.tag in _RUN_CONTENT for el in elements)


def _splittable(r) -> bool:
    return all(c.tag == _RPR or c.tag in _RUN_CONTENT for c in r)


def _split_run(r, t, at: int):
    """Split run `r` before character `at` of its w:t `t`; return the new run (after `r`) holding the
    rest of `t` and everything after it, with the same formatting."""
    right = r.makeelement(r.tag, r.attrib)
    rpr = r.find(_RPR)
    if rpr is not None:
        right.append(copy.deepcopy(rpr))
    children = list(r)
    after = children[children.index(t) + 1:]
    if at == 0:
        after.insert(0, t)
    elif at < len(t.text):
        rest = copy.deepcopy(t)
        t.text, rest.text = t.text[:at], t.text[at:]
        for piece in (t, rest):
            piece.set(_XML_SPACE, "preserve")
        right.append(rest)
    for child in after:
        right.append(child)  # moves it
    r.addnext(right)
    return right


# --- replacing an earlier annotation ------------------------------------------------------------


def remove_tool_marks(document) -> int:
    """Remove this tool's comments (and their anchors and entries in Word's comment extension parts)
    and reject its pending revisions; the drafter's comments and replies stay. The number removed."""
    body = document.element.body
    _reject_revisions(body)
    root = document.part._comments_part.element  # created empty when the file has none
    ours = [c for c in root.findall(_W + "comment") if c.get(_W + "author") in TOOL_AUTHORS]
    ids = {c.get(_W + "id") for c in ours}
    para_ids = {p.get(_W14_PARA) for c in ours for p in c.iter(_P)} - {None}
    for c in ours:
        root.remove(c)
    for el in list(body.iter(_RANGE_START, _RANGE_END, _REFERENCE)):
        if el.get(_W + "id") in ids:
            holder = el.getparent() if el.tag == _REFERENCE else el
            if el.tag == _REFERENCE and len([c for c in holder if c.tag != _RPR]) > 1:
                holder = el
            holder.getparent().remove(holder)
    _drop_extension_entries(document, para_ids)
    return len(ours)


def _drop_extension_entries(document, para_ids: set[str]) -> None:
    """Word's commentsExtended/commentsIds/commentsExtensible parts name comments by paragraph id:
    drop the removed comments' entries; a reply to one of them becomes a comment of its own."""
    if not para_ids:
        return
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or "comments" not in rel.reltype.rsplit("/", 1)[-1].lower():
            continue
        target = rel.target_part
        if target is document.part._comments_part:
            continue
        root = etree.fromstring(target.blob)
        changed = False
        for el in list(root):
            ids = {v for k, v in el.attrib.items() if k.endswith("}paraId")}
            if ids & para_ids:
                root.remove(el)
                changed = True
            elif el.get(_W15 + "paraIdParent") in para_ids:
                del el.attrib[_W15 + "paraIdParent"]
                changed = True
        if changed:
            target._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reject_revisions(body) -> None:
    """This tool's pending tracked changes undone: its insertions removed, its deletions restored."""
    for ins in list(body.iter(_INS)):
        if ins.get(_W + "author") in TOOL_AUTHORS:
            ins.getparent().remove(ins)
    for deleted in list(body.iter(_DEL)):
        if deleted.get(_W + "author") in TOOL_AUTHORS and deleted.getparent().tag == _P:
            for text in deleted.iter(_W + "delText"):
                text.tag = _T
            for child in list(deleted):
                deleted.addprevious(child)
            deleted.getparent().remove(deleted)


# --- --suggest: tracked number fixes ------------------------------------------------------------


def add_number_fixes(document, result: AuditResult) -> int:
    """For each threshold the plan sets looser than the standard with the same comparator, whose number
    its sentence writes once in digits, a tracked change from that number to the standard's."""
    body = document.element.body
    located = _Located(body)
    # annotation ids (revisions, comments, bookmarks) must not repeat within the document
    ids = [int(v) for el in body.iter() if (v := el.get(_W + "id", "")).isdigit()]
    revision = max(ids, default=0) + 1
    fixes: dict[int, tuple] = {}  # statement → (statement, {old: new})
    for r in result.indicators:
        for s in r.verdict.stated:
            if s.verdict == LOOSER and (not s.comparator or s.comparator == s.slot.comparator):
                fixes.setdefault(id(s.statement), (s.statement, {}))[1][f"{s.value:g}"] = f"{s.slot.value:g}"
    done = 0
    for statement, numbers in fixes.values():
        for run, new in _number_runs(located, statement, numbers):
            _track(run, new, revision)
            revision += 2
            done += 1
    return done


def _number_runs(located: _Located, statement, numbers: dict[str, str]) -> list[tuple]:
    """(run holding just the old number, split off; new number) for each number the statement writes
    exactly once in digits within one plain run, last first (so earlier positions stay valid)."""
    needle = _squeezed(statement.text)
    spans = []
    for old, new in numbers.items():
        hits = list(re.finditer(rf"(?<![\d.]){re.escape(old)}(?![\d.])", needle))
        if len(hits) == 1:
            spans.append((hits[0].start(), hits[0].end(), new))
    for p in located._hinted(statement.location) + located.all:
        text, where, runs = _characters([p])
        start = text.find(needle)
        if start < 0:
            continue
        out = []
        for begin, end, new in sorted(spans, reverse=True):
            span = _isolate(runs, where, start + begin, start + end)
            if span is not None and span[0] is span[1]:
                out.append((span[0], new))
        return out
    return []


def _track(run, new: str, revision: int) -> None:
    """Wrap `run` (holding just the old number) in w:del and put the new number after it in w:ins."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(tag: str, n: int):
        return OxmlElement(tag, attrs={qn("w:id"): str(n), qn("w:author"): AUTHOR, qn("w:date"): now})

    deleted, inserted = mark("w:del", revision), mark("w:ins", revision + 1)
    new_run = copy.deepcopy(run)
    new_run.find(_T).text = new
    run.addprevious(deleted)
    deleted.append(run)
    for t in run.findall(_T):
        t.tag = qn("w:delText")
    deleted.addnext(inserted)
    inserted.append(new_run)
