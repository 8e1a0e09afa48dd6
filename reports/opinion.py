"""The reviewer's 审核意见 draft for one plan, as an editable Word document.

Laid out as an official document (GB/T 9704: A4, 仿宋 三号 body, 黑体 headings, page numbers in the
footer) and structured as provincial reviewers write these opinions:

    一、审核依据      the standard by name and 文号 (and the provincial layer when one is used)
    二、审核范围      the file, its 文号 and date
    三、主要指标对照情况  per category: 《办法》规定…；方案表述…（原文，位置）；审核结论…
    四、存在的主要问题  一是…二是…
    五、修改意见      per problem a concrete revision (reports/suggest.py) and the unit to name

    from duibiao.reports.opinion import write_opinion
    write_opinion(audit, Path("意见/曲阜市.docx"))
"""
from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from duibiao.audit import AuditResult
from duibiao.audit.findings import ERROR, INFO, KIND_NAMES, VETO, WARNING, Finding, standard_text
from duibiao.audit.verdicts import EXACT, MISSING, STRICTER
from duibiao.catalog import DEFAULT_STANDARD, load_standard
from duibiao.extractors.docx_numbering import chinese_number
from duibiao.reports.cells import clean_text
from duibiao.reports.common import atomic_output, overall_verdict, plan_labels
from duibiao.reports.grouping import category_views
from duibiao.reports.suggest import suggest

BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "仿宋", "黑体", "楷体"
_BODY_SIZE, _TITLE_SIZE = Pt(16), Pt(22)  # 三号, 二号
_LINE = Pt(28)  # fixed line spacing of official documents
_VETO_HEADING = "否决情形"
_PROBLEM_ORDER = [  # 四、存在的主要问题: one "X是…" per kind that occurs, in this order
    ("missing", "未提及《办法》规定的指标"),
    ("looser", "部分指标要求低于《办法》标准"),
    ("altered", "部分指标改变了《办法》的计量口径"),
    ("inconsistent", "部分指标前后表述不一致"),
    ("weakened", "部分硬性要求被弱化"),
    ("incomplete", "部分指标表述不完整"),
    ("veto", "未重申《办法》规定的否决情形"),
    ("no_unit", "部分任务未明确责任单位"),
    ("blank_slot", "部分任务的责任单位一栏空缺"),
]
_CONCLUSION = {EXACT: "符合《办法》要求", STRICTER: "高于《办法》要求", MISSING: "方案未作表述"}


def opinion_title(audit: AuditResult) -> str:
    return f"关于《{_plan_title(audit)}》的审核意见"


def write_opinion(audit: AuditResult, target: Path) -> None:
    with atomic_output(target) as tmp:
        build_opinion(audit).save(tmp)


def write_opinions(audits: list[AuditResult], folder: Path) -> list[Path]:
    """One draft per plan in `folder`, named after the plan files (unique also when two plans in
    different folders share a name); returns the files written."""
    names = plan_labels([a.document.source for a in audits])
    written = []
    for name, audit in zip(names, audits):
        target = Path(folder) / f"{name}-审核意见.docx"
        write_opinion(audit, target)
        written.append(target)
    return written


def opinion_paths(sources: list[str], folder: Path) -> list[Path]:
    """Where write_opinions puts the drafts of `sources` (to refuse overwriting an input beforehand)."""
    return [Path(folder) / f"{name}-审核意见.docx" for name in plan_labels(sources)]


def build_opinion(audit: AuditResult) -> WordDocument:
    doc = _new_document()
    _paragraph(doc, opinion_title(audit), font=HEADING_FONT, size=_TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    meta = audit.document.metadata
    issuer = meta.issuer or (f"{meta.region}人民政府" if meta.region else "方案起草单位")
    _paragraph(doc, f"{issuer}：", indent=False)
    _paragraph(doc, _opening(audit))
    _heading(doc, "一、审核依据")
    _paragraph(doc, _basis(audit))
    _heading(doc, "二、审核范围")
    _paragraph(doc, _scope(audit))
    for warning in audit.document.warnings:
        _paragraph(doc, f"读取说明：{warning}")
    if not audit.is_plan:
        _heading(doc, "三、审核结论")
        for f in audit.findings:
            _paragraph(doc, f.message)
        _closing(doc)
        return doc
    _heading(doc, "三、主要指标对照情况")
    _comparison(doc, audit)
    _heading(doc, "四、存在的主要问题")
    _problems(doc, audit)
    _heading(doc, "五、修改意见")
    _revisions(doc, audit)
    _closing(doc)
    return doc


# ---------------------------------------------------------------- sections


def _opening(audit: AuditResult) -> str:
    counts = audit.counts()
    present = sum(r.verdict.status != MISSING for r in audit.indicators)
    total = len(audit.indicators)
    return (f"你单位报送的《{_plan_title(audit)}》收悉。经对照《{_national().name}》逐项审核，方案对{total}项指标"
            f"中的{present}项作了表述，发现需要修改的问题{counts[ERROR]}处、需要完善的问题{counts[WARNING]}处"
            f"（另有提示{counts[INFO]}处）。现将审核意见反馈如下。")


def _basis(audit: AuditResult) -> str:
    national = _national()
    text = f"《{national.name}》（{national.doc_number}），以下简称《办法》"
    std = audit.standard
    if std.id != national.id:
        number = f"（{std.doc_number}）" if std.doc_number else ""
        text += f"；以及省级标准《{std.name}》{number}，其中高于《办法》的要求以省级标准为准"
    return f"{text}。"


def _scope(audit: AuditResult) -> str:
    meta = audit.document.metadata
    parts = [f"《{_plan_title(audit)}》"]
    if meta.region:
        parts.append(f"地区：{meta.region}")
    parts.append(f"文号：{meta.doc_number or '未标注'}")
    parts.append(f"印发日期：{meta.date or '未标注'}")
    if meta.issuer:
        parts.append(f"发文机关：{meta.issuer}")
    parts.append(f"审核文件：{Path(audit.document.source).name}")
    annex = "及附件" if audit.document.annex_start is not None else ""
    return "本次审核" + "，".join(parts) + f"，包括正文{annex}中的文字和表格。"


def _comparison(doc, audit: AuditResult) -> None:
    order = {r.id: i for i, r in enumerate(audit.indicators)}
    for n, cat in enumerate(category_views(audit)):
        name = _VETO_HEADING if cat.code == VETO else cat.name
        _heading(doc, f"（{chinese_number(n + 1)}）{name}", font=SUBHEADING_FONT)
        for i, view in enumerate(sorted(cat.indicators, key=lambda v: order[v.result.id]), 1):
            _paragraph(doc, f"{i}. " + _comparison_item(view.result, view.findings))


def _comparison_item(result, findings: list[Finding]) -> str:
    """《办法》规定…；方案表述…（原文，位置）；审核结论…"""
    ind = result.verdict.indicator
    rule = standard_text(ind).split("：", 1)[1]
    lead = f"{ind.name}（{ind.id}）。" + ("《办法》规定的否决情形：" if ind.category == VETO else "《办法》规定：") + rule
    serious = [f for f in findings if f.severity in (ERROR, WARNING) and f.kind != MISSING]
    if result.verdict.status == MISSING:
        return f"{lead}；方案表述：未见相关表述；审核结论：{_missing_conclusion(ind)}。"
    if not serious:
        quote, where = _evidence(result)
        verdict = overall_verdict(result)
        conclusion = _CONCLUSION.get(verdict, KIND_NAMES.get(verdict, verdict))
        if ind.category == VETO and verdict == EXACT:
            conclusion = "方案已明确杜绝该否决情形"
        units = "、".join(result.units)
        return f"{lead}；方案表述：“{quote}”（{where}）；审核结论：{conclusion}" + (f"，责任单位为{units}。" if units else "。")
    parts = [lead]
    for quote, where, group in _by_quote(serious):
        messages = "；".join(f"{KIND_NAMES.get(f.kind, f.kind)}，{_short(f.message)}" for f in group)
        parts.append(f"方案表述：“{quote}”（{where}）；审核结论：{messages}")
    return "；".join(parts) + "。"


def _problems(doc, audit: AuditResult) -> None:
    groups = _problem_groups(audit)
    if not groups:
        _paragraph(doc, "方案对《办法》各项指标的表述完整准确，未发现需要修改的问题。")
        return
    for n, (title, items) in enumerate(groups, 1):
        _paragraph(doc, f"{chinese_number(n)}是{title}：" + "；".join(items) + "。")


def _problem_groups(audit: AuditResult) -> list[tuple[str, list[str]]]:
    names = {r.id: r.verdict.indicator.name for r in audit.indicators}
    by_kind: dict[str, list[str]] = {}
    for f in audit.findings:
        if f.severity not in (ERROR, WARNING):
            continue
        veto = f.indicator is not None and audit.standard[f.indicator].category == VETO
        kind = "veto" if f.kind == MISSING and veto else f.kind
        if f.indicator is None:
            item = f"“{_clip(f.quote)}”（{_where(f)}）{_short(f.message)}"
        elif kind in (MISSING, "veto", "no_unit"):
            item = f"{names[f.indicator]}（{f.indicator}）"
        else:
            item = f"{names[f.indicator]}（{f.indicator}）{_short(f.message)}，原文“{_clip(f.quote)}”（{_where(f)}）"
        by_kind.setdefault(kind, []).append(item)
    return [(title, list(dict.fromkeys(by_kind[kind]))) for kind, title in _PROBLEM_ORDER if kind in by_kind] + [
        (KIND_NAMES.get(kind, kind), items) for kind, items in by_kind.items()
        if kind not in dict(_PROBLEM_ORDER)
    ]


def _revisions(doc, audit: AuditResult) -> None:
    """For each indicator with a problem, one paragraph of revisions; then the tasks with a blank unit."""
    names = {r.id: r.verdict.indicator.name for r in audit.indicators}
    by_indicator: dict[str | None, list[str]] = {}
    for f in audit.findings:
        s = suggest(audit, f)
        if s is None or not s.text:
            continue
        text = s.text if f.severity != INFO else f"（供参考）{s.text}"
        if f.indicator is None:
            text = f"“{_clip(f.quote)}”（{_where(f)}）：{text}"
        by_indicator.setdefault(f.indicator, []).append(text)
    if not by_indicator:
        _paragraph(doc, "无。")
        return
    n = 0
    for r in audit.indicators:
        if r.id in by_indicator:
            n += 1
            _paragraph(doc, f"（{chinese_number(n)}）{names[r.id]}（{r.id}）：" + "".join(dict.fromkeys(by_indicator[r.id])))
    for text in dict.fromkeys(by_indicator.get(None, [])):
        n += 1
        _paragraph(doc, f"（{chinese_number(n)}）责任单位空缺的任务{text}")


def _closing(doc) -> None:
    _paragraph(doc, "请据此修改完善方案后重新报送。")
    _paragraph(doc, "")
    _paragraph(doc, "审核单位（盖章）", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, "年    月    日", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)


# ---------------------------------------------------------------- helpers


def _national():
    return load_standard(DEFAULT_STANDARD)


def _plan_title(audit: AuditResult) -> str:
    title = audit.document.metadata.title or Path(audit.document.source).stem
    return title.strip("《》 ")


def _missing_conclusion(ind) -> str:
    if ind.category == VETO:
        return "方案未重申该否决情形，建议补充（警告）"
    return "方案未提及该指标（错误）"


def _evidence(result) -> tuple[str, str]:
    statements = result.verdict.statements
    st = next((s for s in statements if s.strength != "topic"), statements[0])
    return st.text, ("附件 " if st.in_annex else "") + st.location.describe()


def _by_quote(findings: list[Finding]) -> list[tuple[str, str, list[Finding]]]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.quote, _where(f)), []).append(f)
    return [(q, w, g) for (q, w), g in groups.items()]


def _where(f: Finding) -> str:
    return ("附件 " if f.in_annex else "") + (f.where or "位置未知")


def _short(message: str) -> str:
    """A finding's message without the standard's full text (stated once in the item's 规定)."""
    for marker in ("。国家标准：", "。否决情形："):
        message = message.split(marker)[0]
    return message.rstrip("。")


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _new_document() -> WordDocument:
    doc = WordDocument()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = _BODY_SIZE
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _page_number(section.footer.paragraphs[0])
    return doc


def _paragraph(doc, text: str, font: str = BODY_FONT, size=_BODY_SIZE, align=None, indent: bool = True):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = _LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent and align is None:
        fmt.first_line_indent = Pt(32)  # two characters
    if align is not None:
        p.alignment = align
    if text:
        _run(p, text, font, size)
    return p


def _heading(doc, text: str, font: str = HEADING_FONT):
    return _paragraph(doc, text, font=font)


def _run(p, text: str, font: str, size):
    run = p.add_run(clean_text(text))
    run.font.name = font
    run.font.size = size
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _page_number(p) -> None:
    """— 1 — centred in the footer, from a PAGE field (Word and WPS number the pages themselves)."""
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", BODY_FONT, Pt(14))
    run = _run(p, "", BODY_FONT, Pt(14))
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text.strip() == "PAGE" else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)
    _run(p, " —", BODY_FONT, Pt(14))
