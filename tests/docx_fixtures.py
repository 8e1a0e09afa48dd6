"""Builders of small .docx files for the reader's tests: python-docx for the package, raw OOXML for
what python-docx has no API for (numbering definitions, tracked changes, text boxes, fields)."""
from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def p(text: str = "", **props) -> str:
    """A paragraph of one run; props: style, num=(numId, ilvl), bold."""
    ppr = ""
    if props.get("style"):
        ppr += f'<w:pStyle w:val="{props["style"]}"/>'
    if props.get("num") is not None:
        num_id, ilvl = props["num"]
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    rpr = "<w:rPr><w:b/></w:rPr>" if props.get("bold") else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(content: str, tcpr: str = "") -> str:
    """A table cell; content is block XML, or plain text made into one paragraph."""
    if not content.startswith("<"):
        content = p(content)
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content or '<w:p/>'}</w:tc>"


def tbl(*rows: str, cols: int = 3) -> str:
    grid = "".join('<w:gridCol w:w="2000"/>' for _ in range(cols))
    return f'<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def text_box(*paragraphs: str) -> str:
    """A floating text box as Word 2010+ writes it: a DrawingML Choice and a VML Fallback copy."""
    content = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"'
        ' locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:extent cx="1000000" cy="500000"/><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape id="tb1" style="width:100pt;height:50pt">'
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def numbering_xml(abstracts: dict[int, list[tuple]], nums: dict[int, tuple]) -> str:
    """abstracts: id → [(ilvl, numFmt, lvlText, start, extra XML)]; nums: numId → (abstractId, overrides XML)."""
    parts = []
    for aid, levels in abstracts.items():
        lvls = "".join(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
            for ilvl, fmt, text, start, extra in levels
        )
        parts.append(f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
    for nid, (aid, overrides) in nums.items():
        parts.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>')
    return f'<w:numbering {_DECLS}>{"".join(parts)}</w:numbering>'


def build_docx(
    path: Path,
    body: str,
    numbering: str | None = None,
    styles: str = "",
    header: str | None = None,
    footer: str | None = None,
) -> Path:
    """A .docx whose body is exactly `body` (OOXML fragments), saved at path."""
    document = docx.Document()
    body_el = document.element.body
    for child in list(body_el):
        if not child.tag.endswith("}sectPr"):
            body_el.remove(child)
    sect = body_el[-1] if len(body_el) else None
    fragment = parse_xml(f"<w:body {_DECLS}>{body}</w:body>")
    for child in list(fragment):
        if sect is not None:
            sect.addprevious(child)
        else:
            body_el.append(child)
    if numbering is not None:
        document.part.numbering_part._element = parse_xml(numbering)
    if styles:
        styles_el = document.styles.element
        for style in parse_xml(f"<w:styles {_DECLS}>{styles}</w:styles>"):
            styles_el.append(copy.deepcopy(style))
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        document.sections[0].footer.paragraphs[0].text = footer
    document.save(str(path))
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive (a .docx, or anything zipped) holding exactly these members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()
