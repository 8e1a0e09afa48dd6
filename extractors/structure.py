"""What every reader shares once it has blocks: traditional → simplified characters, table numbers,
outline levels from the numbering labels, where the annex starts, and the plan's metadata."""
from __future__ import annotations

import re

from duibiao import regex_cache
from duibiao.extractors.continuation import join_table_pieces
from duibiao.extractors.model import Block, Document, Metadata
from duibiao.normalizer.numerals import parse_chinese_number
from duibiao.normalizer.text import DOC_NUMBER

# Outline labels, most specific first: （一） before 一、, （1） before 1.
_LABELS = [
    (2, regex_cache.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")),
    (1, regex_cache.compile(r"^[一二三四五六七八九十]{1,3}\s*[、．.]")),
    (4, regex_cache.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    (3, regex_cache.compile(r"^\d{1,2}\s*[、．.](?!\d)")),
    (5, regex_cache.compile(r"^[①-⑳]")),
]
# A task numbered by the word 任务 (a convention of plans that list their tasks 任务1 … 任务30 and give
# their units in a 分工表 by those numbers): 任务1 / 【任务一】 / （任务12） / 重点任务3：
TASK_NUMERAL = r"[0-9]{1,3}|[一二三四五六七八九十百零〇两]{1,4}"
TASK_WORD_LABEL = regex_cache.compile(rf"^\s*[【\[（(]?\s*(?:重点|主要)?任务\s*(?P<n>{TASK_NUMERAL})(?![0-9])")
_HEADING_MAX = 40  # a labelled line this short, with no sentence inside, is a heading

# Characters that occur only in traditional writing; a few of them mean the text needs converting.
_TRADITIONAL_ONLY = set("於與為應當國學體區縣園產發這們來對時實會關點數標準資師辦務優質設")


def finalize(doc: Document) -> Document:
    """Fill in what readers leave to this module. Idempotent."""
    if _is_traditional(doc):
        _to_simplified(doc)
        doc.warnings.append("文档为繁体字，已转换为简体字后审核")
    doc.blocks = join_table_pieces(doc.blocks)
    _number_tables(doc.blocks)
    for block in doc.blocks:
        if block.kind != "table":
            _label_block(block)
    found = read_metadata(doc.blocks)  # portal lines are evidence here, then leave the text
    for name, value in found.to_dict().items():
        if getattr(doc.metadata, name) is None:
            setattr(doc.metadata, name, value)
    doc.blocks = drop_portal_lines(doc.blocks)
    doc.annex_start = find_annex_start(doc.blocks)
    if doc.annex_start is not None:
        for block in doc.blocks[doc.annex_start:]:
            block.in_annex = True
    _heading_paths(doc.blocks, doc.annex_start)
    return doc


def _heading_paths(blocks: list[Block], annex_start: int | None) -> None:
    """Location.section of every block and cell: the labels of the headings and numbered items above
    it, outermost first (三、（二）3.); the annex starts a path of its own."""
    open_labels: dict[int, str] = {}
    for i, block in enumerate(blocks):
        if i == annex_start:
            open_labels.clear()
        if block.level is not None and block.label:
            open_labels = {lv: lb for lv, lb in open_labels.items() if lv < block.level}
            open_labels[block.level] = re.sub(r"\s+", "", block.label)
        path = "".join(open_labels[lv] for lv in sorted(open_labels)) or None
        block.location.section = path
        for row in block.rows or []:
            for cell in row:
                cell.location.section = path


def _is_traditional(doc: Document) -> bool:
    sample = "".join(b.text for b in doc.blocks[:200])
    # Three different ones: not a stray character. 32 scans of the sample run in C, a set of its
    # characters would be built in Python's loop.
    return sum(ch in sample for ch in _TRADITIONAL_ONLY) >= 3


def _to_simplified(doc: Document) -> None:
    import zhconv  # only needed for traditional documents

    for block in doc.blocks:
        block.text = zhconv.convert(block.text, "zh-cn")
        for row in block.rows or []:
            for cell in row:
                cell.text = zhconv.convert(cell.text, "zh-cn")
                cell.bold = [zhconv.convert(b, "zh-cn") for b in cell.bold]


def _number_tables(blocks: list[Block]) -> None:
    n = 0
    for block in blocks:
        if block.kind == "table":
            n += 1
            block.location.table = n
            for row in block.rows or []:
                for cell in row:
                    cell.location.table = n


def outline_label(text: str) -> tuple[int, str] | None:
    """(level, label) of a numbering label at the start of text."""
    for level, pattern in _LABELS:
        m = pattern.match(text)
        if m:
            return level, m.group(0)
    return None


def is_heading(text: str) -> bool:
    """A labelled line this short, with no sentence inside."""
    found = outline_label(text)
    if not found:
        return False
    rest = text[len(found[1]):].strip().rstrip("。")
    return len(rest) <= _HEADING_MAX and not re.search(r"[。；;]", rest)


def _label_block(block: Block) -> None:
    found = outline_label(block.text)
    if not found:
        return
    block.level, block.label = found
    if is_heading(block.text):
        block.kind = "heading"


_ANNEX_HEADING = regex_cache.compile(r"^附\s*[件表]\s*\d*\s*[:：]?\s*$")  # 附件2, 附表: the annexes start
_ANNEX_LISTING = regex_cache.compile(r"^附\s*件\s*\d*\s*[:：]")


def is_annex_heading(text: str) -> bool:
    return bool(_ANNEX_HEADING.match(text.strip()))


def find_annex_start(blocks: list[Block]) -> int | None:
    """The annex starts at a line that is just 附件/附件1; failing that, after the body's list of annexes."""
    for i, block in enumerate(blocks):
        if block.kind != "table" and _ANNEX_HEADING.match(block.text):
            return i
    listing = [i for i, b in enumerate(blocks) if b.kind != "table" and _ANNEX_LISTING.match(b.text)]
    if listing and listing[-1] + 1 < len(blocks):
        return listing[-1] + 1
    return None


# --- metadata ---------------------------------------------------------------------------------

_DATE = regex_cache.compile(
    r"([12]\d{3}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_NOTICE = regex_cache.compile(r"关于印发(?:《(.+?)》|(.+?))的通知")
_PLAN_TITLE = regex_cache.compile(r"(方案|意见|计划|规划)$")
_ORGAN = r"(?:人民政府办公室|人民政府办公厅|人民政府|管理委员会办公室|管理委员会|管委会|办公室|委员会|教育局|教育和体育局|教育体育局)"
_PLACE = r"(?:自治州|自治县|自治旗|开发区|高新区|新区|县|市|区|旗|州(?!市))"
# A title opens with the place (奇台县, 淄博市高新区) unless it opens with what is done (关于…, 创建全国…区).
_NOT_A_PLACE = r"关于|创建|推进|推动|加快|全面|深入|进一步|巩固|提升|促进|加强|实施|落实|做好|开展|义务教育|县域|教育|全国"
_REGION_IN_TITLE = regex_cache.compile(rf"^((?:(?!{_NOT_A_PLACE})[\u4e00-\u9fa5]{{1,8}}?{_PLACE})+)")
_REGION_IN_ISSUER = regex_cache.compile(rf"^(.+{_PLACE}){_ORGAN}")
_HEAD_BLOCKS = 25  # the notice's head (文号, title, signature) sits in the first blocks


# Lines a portal page puts around a copied document (publication time, source, hit counts, index
# tables, breadcrumbs) and a red-header masthead (…人民政府办公室文件): evidence for the metadata,
# never the document's text.
_PORTAL_LINE = regex_cache.compile(
    r"^(?:(?:索引号|发文机关|发文单位|成文日期|发布日期|发布时间|时间|来源|信息来源|作者|浏览次数|点击数|"
    r"阅读次数|访问次数|文号|发文字号|主题分类|公文种类|字号|【?\s*字体)\s*[:：]|当前位置|首页\s*[>＞›»])"
)
_MASTHEAD = regex_cache.compile(rf"^[\u4e00-\u9fa5]{{2,20}}{_ORGAN}\s*文件$")
_PORTAL_FIELD = regex_cache.compile(r"(发文机关|发文单位|成文日期)\s*[:：]\s*(\S+)")
# "…办公室于2020年11月2日印发": issuer and date in one sentence.
_ISSUED_BY = regex_cache.compile(rf"^(\S{{2,30}}?{_ORGAN})\s*于?\s*{_DATE.pattern}\s*印发$")


def is_portal_line(text: str) -> bool:
    return bool(_PORTAL_LINE.match(text) or _MASTHEAD.match(text))


def drop_portal_lines(blocks: list[Block]) -> list[Block]:
    """Blocks without the portal lines of the document's head (before its first heading)."""
    out = []
    for i, block in enumerate(blocks):
        in_head = i < _HEAD_BLOCKS and not any(b.kind == "heading" for b in out)
        if in_head and block.kind != "table" and is_portal_line(block.text.strip()):
            continue
        out.append(block)
    return out


def read_metadata(blocks: list[Block]) -> Metadata:
    texts = [b.text.strip() for b in blocks if b.kind != "table"]
    portal = [t for t in texts[:_HEAD_BLOCKS] if is_portal_line(t)]
    texts = [t for i, t in enumerate(texts) if i >= _HEAD_BLOCKS or not is_portal_line(t)]
    fields = {k: v for line in portal for k, v in _PORTAL_FIELD.findall(line)}
    head = texts[:_HEAD_BLOCKS]
    meta = Metadata()
    meta.doc_number = _doc_number(head + portal)
    notice = _notice_title(head)
    if notice:
        prefix, plan = notice
        meta.title = plan
        meta.issuer = prefix or None
    if not meta.title:
        meta.title = _plan_title(head)
    issued = next((m for t in texts if (m := _ISSUED_BY.match(t))), None)
    if not meta.issuer:
        meta.issuer = _signature(texts) or (issued.group(1) if issued else None)
    if not meta.issuer:
        organ = fields.get("发文机关") or fields.get("发文单位")
        meta.issuer = organ if organ and re.search(_ORGAN + "$", organ) else None
    meta.date = _issue_date(texts)
    if not meta.date and "成文日期" in fields:
        m = _DATE.search(fields["成文日期"])
        meta.date = _iso(m) if m else None
    meta.region = _region(meta.title, meta.issuer)
    return meta


def _doc_number(head: list[str]) -> str | None:
    """The 文号: on a line of its own (or after 文号：), or glued to the notice title at either end
    (关于印发…的通知[X政办发[2022]7号]); never a citation inside a sentence."""
    for text in head:
        m = DOC_NUMBER.search(text)
        if not m:
            continue
        alone = len(text) <= len(m.group(0)) + 6
        glued = "通知" in text and not re.search(r"[，。；]", text) and (
            not text[: m.start()].strip(" 　[【") or not text[m.end():].strip(" 　]】")
        )
        if alone or glued:
            return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    return None


def _short_runs(head: list[str], max_len: int = 40):
    """Concatenations of up to four consecutive short lines, with the index of the first."""
    for i in range(len(head)):
        joined = ""
        for text in head[i : i + 4]:
            if len(text) > max_len:
                break
            joined += text
            yield i, joined


def _notice_title(head: list[str]) -> tuple[str, str] | None:
    """(issuer named before 关于 on its line or alone on the line above, or "", the plan's title)."""
    for i, joined in _short_runs(head):
        m = _NOTICE.search(joined)
        if m:
            start, k = m.start(), i  # into line k, where 关于 stands
            while start >= len(head[k]):
                start -= len(head[k])
                k += 1
            prefix = DOC_NUMBER.sub("", head[k][:start]).strip(" 　[]【】")
            if not prefix and k > i:  # the issuer on a line of its own above the title
                prefix = DOC_NUMBER.sub("", head[k - 1]).strip()
            return (prefix if re.search(_ORGAN + "$", prefix) else ""), (m.group(1) or m.group(2)).strip()
    return None


def _plan_title(head: list[str]) -> str | None:
    for _, joined in _short_runs(head):
        if _PLAN_TITLE.search(joined) and not joined.startswith(("附件", "根据", "为")):
            return joined
    return None


def _signature(texts: list[str]) -> str | None:
    """The issuing body signs on the line before the date line."""
    for i, text in enumerate(texts[:_HEAD_BLOCKS]):
        if _date_line(text) and i > 0 and re.search(_ORGAN + "$", texts[i - 1]):
            return texts[i - 1]
    return None


def _date_line(text: str) -> re.Match | None:
    m = _DATE.search(text)
    if m and len(text) - len(m.group(0)) <= 4:
        return m
    return None


def _issue_date(texts: list[str]) -> str | None:
    """An explicit '…印发' date wins; otherwise the notice's own date line."""
    for text in texts:
        m = _DATE.search(text)
        if m and re.search(r"日\s*印发\s*$", text):
            return _iso(m)
    for text in texts:
        m = _date_line(text)
        if m:
            return _iso(m)
    return None


def _iso(m: re.Match) -> str | None:
    year, month, day = (int(parse_chinese_number(g)) for g in m.groups())  # 2024 or 二〇二四, 9 or 九
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _region(title: str | None, issuer: str | None) -> str | None:
    if title:
        m = _REGION_IN_TITLE.match(title)
        if m:
            return m.group(1)
    if issuer:
        m = _REGION_IN_ISSUER.match(issuer)
        if m:
            return m.group(1)
    return None
