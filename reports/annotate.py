"""Word comments for drafters: the audit's problems as comments in a copy of the plan (.docx).

Each deviating indicator (looser, weakened, altered, inconsistent, incomplete, or stated with no
responsible unit) gets a comment on the runs that state it; the first paragraph gets one comment
listing the missing indicators. The document's text is not changed: a run is only split where the
quote starts or ends inside it, so the comment covers the quoted clause.

Blocks map back to the XML through their Location: a paragraph's number counts the body paragraphs as
extractors/docx_reader.py does; a table cell is (paragraph of the table, row, column). The quote's text
is the stable anchor: it is looked for in the located paragraph or cell first, then anywhere.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from duibiao.audit import AuditResult, audit_file
from duibiao.audit.findings import Finding
from duibiao.audit.verdicts import ALTERED, INCOMPLETE, INCONSISTENT, LOOSER, MISSING, WEAKENED
from duibiao.catalog import DEFAULT_STANDARD
from duibiao.errors import UnreadableDocument
from duibiao.extractors import DEFAULT_MAX_SIZE
from duibiao.normalizer.text import fold
from duibiao.reports.common import OutputRefused, atomic_output, refuse_overwrite
from duibiao.reports.grouping import finding_line

DEVIATING_KINDS = (LOOSER, INCONSISTENT, ALTERED, WEAKENED, INCOMPLETE, "no_unit")
AUTHOR, INITIALS = "duibiao", "DB"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _RPR, _TBL, _TR, _TC = (_W + n for n in ("p", "r", "t", "rPr", "tbl", "tr", "tc"))
_SKIP = {_W + "del", _W + "moveFrom"}
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_CONTAINERS = {_W + n for n in ("sdt", "sdtContent", "customXml")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Annotated:
    target: Path
    comments: int = 0
    indicators: list[str] = field(default_factory=list)  # deviating indicators commented on
    missing: list[str] = field(default_factory=list)


def annotate_docx(source: str | Path, target: str | Path, standard: str = DEFAULT_STANDARD,
                  max_size: int | None = DEFAULT_MAX_SIZE) -> Annotated:
    import docx

    source, target = Path(source), Path(target)
    not_docx = OutputRefused(f"只能为 Word 文档（.docx）添加批注：{source} 不是 .docx 文件")
    if source.suffix.lower() != ".docx":
        raise not_docx
    if target.suffix.lower() != ".docx":
        raise OutputRefused(f"批注后的文件应以 .docx 结尾：{target}")
    refuse_overwrite([target], [source])
    result = audit_file(source, standard=standard, max_size=max_size)  # detects the format by content
    if result.document.format != "docx":
        raise not_docx
    try:
        document = docx.Document(str(source))
    except Exception:
        raise UnreadableDocument(str(source), "python-docx 无法打开该 Word 文档，无法添加批注") from None
    done = add_comments(document, result, Annotated(target))
    with atomic_output(target) as tmp:
        document.save(str(tmp))
    return done


def add_comments(document, result: AuditResult, done: Annotated) -> Annotated:
    body = document.element.body
    located = _Located(body)
    groups: dict[tuple, list[Finding]] = {}
    for f in result.findings:
        if f.indicator and f.kind in DEVIATING_KINDS and f.quote:
            groups.setdefault((f.indicator, f.quote, repr(f.location)), []).append(f)
    for (iid, quote, _), findings in groups.items():
        ind = result.standard[iid]
        runs = located.runs_for(quote, findings[0].location)
        text = "\n".join([f"{ind.id} {ind.name}", *map(finding_line, findings), f"国家标准：{ind.wording}"])
        _comment(document, runs, text)
        done.comments += 1
        done.indicators += [iid] if iid not in done.indicators else []
    done.missing = [r.id for r in result.indicators if r.verdict.status == MISSING] if result.is_plan else []
    notes = [f.message for f in result.findings if f.kind == "not_a_plan"]
    if done.missing:
        lines = [f"{iid} {result.standard[iid].name}：{result.standard[iid].wording}" for iid in done.missing]
        notes.append(f"方案未提及以下{len(done.missing)}项国家标准指标：\n" + "\n".join(lines))
    first = located.all[0] if located.all else None
    for note in notes if first is not None else []:
        _comment(document, _text_runs(first), note)
        done.comments += 1
    return done


def _comment(document, runs: list, text: str) -> None:
    from docx.text.run import Run

    document.add_comment([Run(runs[0], document), Run(runs[-1], document)], text=text, author=AUTHOR,
                         initials=INITIALS)


class _Located:
    """Body paragraphs numbered as the docx reader numbers them, and tables by the paragraph they follow."""

    def __init__(self, body):
        self.paragraphs: dict[int, object] = {}
        self.tables: dict[int, list] = {}
        self.all = [p for p in body.iter(_P) if _text_runs(p)]
        self._walk(body, 0)

    def _walk(self, container, number: int) -> int:
        for child in container:
            if child.tag == _P:
                number += 1
                self.paragraphs[number] = child
            elif child.tag == _TBL:
                self.tables.setdefault(number + 1, []).append(child)
            elif child.tag in _CONTAINERS:
                number = self._walk(child, number)
        return number

    def runs_for(self, quote: str, location) -> list:
        """The runs of the quote (split at its ends), in the located place first; else the located
        paragraph or cell whole; else the first paragraph."""
        hinted = self._hinted(location)
        for p in hinted + self.all:
            runs = _match(p, quote)
            if runs:
                return runs
        fallback = [r for p in hinted for r in _text_runs(p)] or _text_runs(self.all[0])
        return [fallback[0], fallback[-1]]

    def _hinted(self, location) -> list:
        if location is None or location.paragraph is None:
            return []
        if location.table is None or location.row is None:
            p = self.paragraphs.get(location.paragraph)
            return [p] if p is not None else []
        found = []
        for tbl in self.tables.get(location.paragraph, []):
            rows = [tr for tr in tbl if tr.tag == _TR and not _marked(tr, "trPr", "del")]
            if location.row <= len(rows):
                cells = [tc for tc in rows[location.row - 1] if tc.tag == _TC and not _marked(tc, "tcPr", "cellDel")
                         and not _marked(tc, "tcPr", "hMerge", continued=True)]
                if location.column is not None and location.column <= len(cells):
                    found += [p for p in cells[location.column - 1].iter(_P) if _text_runs(p)]
        return found


def _marked(el, props: str, mark: str, continued: bool = False) -> bool:
    """Whether a row or cell carries a property (a deleted row, a deleted cell, a merge continuation)."""
    found = el.find(f"{_W}{props}/{_W}{mark}")
    return found is not None and (not continued or found.get(_W + "val") in (None, "continue"))


def _text_runs(p) -> list:
    """The paragraph's runs that show text (not inside deletions), in order."""
    out = []
    for r in p.iter(_R):
        ancestors = {a.tag for a in r.iterancestors() if a is not p}
        if not ancestors & _SKIP and r.find(_T) is not None:
            out.append(r)
    return out


def _match(p, quote: str) -> list | None:
    """First and last run of the quote in the paragraph, whitespace and full-width forms ignored."""
    chars, where = [], []
    runs = _text_runs(p)
    for ri, r in enumerate(runs):
        for t in r.iter(_T):
            for offset, ch in enumerate(t.text or ""):
                if not fold(ch).isspace() and ch not in _INVISIBLE:
                    chars.append(fold(ch))
                    where.append((ri, t, offset))
    needle = "".join(c for c in fold(quote) if not c.isspace() and c not in _INVISIBLE)
    start = "".join(chars).find(needle) if needle else -1
    if start < 0:
        return None
    (first, _, o0), (last, t1, o1) = where[start], where[start + len(needle) - 1]
    last_run = runs[last]
    if _simple(last_run) and o1 + 1 < len(t1.text):
        _split(last_run, o1 + 1)
    first_run = runs[first]
    if _simple(first_run) and o0 > 0:
        first_run = _split(first_run, o0)
        last_run = first_run if first == last else last_run
    return [first_run, last_run]


def _simple(r) -> bool:
    return [c.tag for c in r] in ([_T], [_RPR, _T])


def _split(r, at: int):
    """Split a simple run at `at`; return the new run holding the text from `at` on."""
    right = copy.deepcopy(r)
    left_t, right_t = r.find(_T), right.find(_T)
    text = left_t.text
    left_t.text, right_t.text = text[:at], text[at:]
    for t in (left_t, right_t):
        t.set(_XML_SPACE, "preserve")
    r.addnext(right)
    return right
