"""Write marked-up text into python-pptx text frames: runs, fonts per script, language tags, bullets."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Pt

from .markup import parse
from .textfit import has_cjk


@dataclass(frozen=True)
class Style:
    """How a paragraph's runs look and which language they are in."""

    size: float
    color: str
    latin: str
    east_asian: str
    lang: str
    cjk_lang: str
    bold: bool = False


def write_runs(paragraph, text: str, style: Style) -> None:
    """Fill a paragraph with the styled runs of marked-up text."""
    for piece in parse(text):
        run = paragraph.add_run()
        run.text = piece.text
        font = run.font
        font.size = Pt(style.size)
        font.bold = piece.bold or style.bold
        font.italic = piece.italic or None
        font.color.rgb = RGBColor.from_string(style.color)
        set_fonts(run, style, has_cjk(piece.text))


def set_fonts(run, style: Style, cjk: bool) -> None:
    """Name the Latin and East Asian fonts and the run's language, so renderers pick the right glyph forms."""
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", style.cjk_lang if cjk else style.lang)
    if cjk or style.lang.startswith("zh"):
        rpr.set("altLang", "en-US")
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    # Schema order inside a:rPr: ln, fill, effect, highlight, uLnTx, uLn, uFillTx, uFill, latin, ea, cs, sym, ...
    anchor = None
    for tag in ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"):
        anchor = rpr.find(qn(tag))
        if anchor is not None:
            break
    for tag, face in (("a:latin", style.latin), ("a:ea", style.east_asian)):
        element = etree.SubElement(rpr, qn(tag))
        element.set("typeface", face)
        if anchor is not None:
            anchor.addprevious(element)


def set_paragraph(paragraph, text: str, style: Style, *, level: int = 0, bullet: str | None = None,
                  bullet_color: str | None = None, indent: float = 0.0, space_before: float = 0.0,
                  align: str | None = None) -> None:
    """Write one paragraph: its runs, list level, bullet glyph (or none) and spacing, all explicit."""
    paragraph.level = level
    ppr = paragraph._p.get_or_add_pPr()
    if align:
        ppr.set("algn", align)
    if bullet:
        ppr.set("marL", str(int(indent * 12700)))
        ppr.set("indent", str(int(-0.9 * style.size * 12700)))
    else:
        ppr.set("marL", "0")
        ppr.set("indent", "0")
    for child in list(ppr):
        ppr.remove(child)
    spacing = etree.SubElement(ppr, qn("a:spcBef"))
    etree.SubElement(spacing, qn("a:spcPts")).set("val", str(int(space_before * 100)))
    if bullet:
        color = etree.SubElement(ppr, qn("a:buClr"))
        etree.SubElement(color, qn("a:srgbClr")).set("val", bullet_color or style.color)
        etree.SubElement(ppr, qn("a:buSzPct")).set("val", "70000" if bullet == "▶" else "100000")
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", bullet)
    else:
        etree.SubElement(ppr, qn("a:buNone"))
    write_runs(paragraph, text, style)
    end = paragraph._p.get_or_add_endParaRPr()
    end.set("lang", style.lang)
    end.set("sz", str(int(style.size * 100)))


def clear(text_frame) -> None:
    """Empty a text frame down to one bare paragraph."""
    txbody = text_frame._txBody
    paragraphs = txbody.findall(qn("a:p"))
    for extra in paragraphs[1:]:
        txbody.remove(extra)
    first = paragraphs[0]
    for child in list(first):
        first.remove(child)


def frame(text_frame, *, wrap: bool = True, anchor: str = "t", inset: float = 0.05) -> None:
    """Set wrapping, vertical anchor and insets (inches) of a text frame; no autofit: sizes are measured."""
    body_pr = text_frame._txBody.bodyPr
    body_pr.set("wrap", "square" if wrap else "none")
    body_pr.set("anchor", anchor)
    for side in ("lIns", "rIns", "tIns", "bIns"):
        body_pr.set(side, str(int(inset * 914400)))
    for child in list(body_pr):
        body_pr.remove(child)
    etree.SubElement(body_pr, qn("a:noAutofit"))
