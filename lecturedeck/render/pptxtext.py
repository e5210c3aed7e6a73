"""Write marked-up text into python-pptx text frames: runs, fonts per script, language tags, bullets."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.oxml.ns import qn

from ..source.markup import Run, parse
from .hanscript import han_script
from .textfit import BREAK, has_cjk, script_runs


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
    caps: bool = False  # drawn in capitals (written as cap="all", so what is measured is what is drawn)
    cjk_fonts: tuple[tuple[str, str], ...] = ()  # (language tag, East Asian font) for Chinese in another language


_R, _RPR, _T = qn("a:r"), qn("a:rPr"), qn("a:t")
_FILL, _SRGB, _LATIN, _EA = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin"), qn("a:ea")
_PPR, _END = qn("a:pPr"), qn("a:endParaRPr")


def write_runs(paragraph, text: str, style: Style, breaks: tuple[int, ...] = ()) -> None:
    """Fill a paragraph with the styled runs of marked-up text (each run names its fonts and language), with a line
    break before each plain-text offset in `breaks`.

    Chinese is tagged zh-CN or zh-TW by the characters it is written in, with the matching East Asian font; when
    they do not tell, by the deck's language if it is Chinese, else by deck.yaml's `chinese`. In a deck of another
    language each run of Chinese characters is tagged apart; in a Chinese deck each styled run as a whole. Italic
    never applies to CJK characters: no CJK font has italics, and a synthesized slant is unreadable.
    """
    p = paragraph._p
    anchor = p.find(qn("a:endParaRPr"))
    size = str(int(round(style.size * 100)))
    split = style.cjk_lang != style.lang  # Chinese inside a deck in another language: tag each script apart
    fonts = dict(style.cjk_fonts)
    for piece in _broken(_line_breaks(parse(text)), breaks):
        if piece.text == BREAK:
            br = etree.Element(qn("a:br"))
            etree.SubElement(br, _RPR, lang=style.lang, sz=size)
            _add(p, anchor, br)
            continue
        for chunk in script_runs(piece.text) if split or piece.italic else [piece.text]:
            run = etree.Element(_R)
            cjk = has_cjk(chunk)
            lang, east_asian = style.lang, style.east_asian
            if cjk:
                lang = style.cjk_lang
                script = han_script(chunk) if lang.startswith("zh") else None
                if script is not None:
                    lang = _TAGS[script]
                east_asian = fonts.get(lang, style.east_asian) if lang != style.lang else style.east_asian
            rpr = etree.SubElement(run, _RPR, lang=lang, sz=size)
            if cjk or style.lang.startswith("zh"):
                rpr.set("altLang", "en-US")
            if piece.bold or style.bold:
                rpr.set("b", "1")
            if piece.italic and not cjk:
                rpr.set("i", "1")
            if style.caps:
                rpr.set("cap", "all")
            etree.SubElement(etree.SubElement(rpr, _FILL), _SRGB, val=style.color)
            etree.SubElement(rpr, _LATIN, typeface=style.latin)
            etree.SubElement(rpr, _EA, typeface=east_asian)
            etree.SubElement(run, _T).text = chunk
            _add(p, anchor, run)


_TAGS = {"zh_Hans": "zh-CN", "zh_Hant": "zh-TW"}


def _add(p, anchor, element) -> None:
    if anchor is not None:
        anchor.addprevious(element)
    else:
        p.append(element)


def _line_breaks(runs: list[Run]) -> list[Run]:
    """The runs with each line break typed in the text (a literal newline) as a BREAK run of its own."""
    out = []
    for run in runs:
        for index, part in enumerate(run.text.split("\n")):
            if index:
                out.append(Run(BREAK))
            if part:
                out.append(Run(part, run.bold, run.italic))
    return out


def _broken(runs: list[Run], breaks: tuple[int, ...]) -> list[Run]:
    """The runs with a BREAK run before each plain-text offset in `breaks`."""
    if not breaks:
        return runs
    cuts, offset = set(breaks), 0
    out: list[Run] = []
    for run in runs:
        piece = ""
        for char in run.text:
            if offset in cuts and (piece or out):
                if piece:
                    out.append(Run(piece, run.bold, run.italic))
                out.append(Run(BREAK))
                piece = ""
            piece += char
            offset += 1
        if piece:
            out.append(Run(piece, run.bold, run.italic))
    return out


def set_paragraph(paragraph, text: str, style: Style, *, level: int = 0, bullet: str | None = None,
                  bullet_color: str | None = None, indent: float = 0.0, space_before: float = 0.0,
                  align: str | None = None, breaks: tuple[int, ...] = ()) -> None:
    """Write one paragraph: its runs, list level, bullet glyph (or none) and spacing, all explicit."""
    p = paragraph._p
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.Element(_PPR)
        p.insert(0, ppr)
    else:
        ppr.attrib.clear()
    if level:
        ppr.set("lvl", str(level))
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
    write_runs(paragraph, text, style, breaks)
    end = p.find(_END)
    if end is None:
        end = etree.SubElement(p, _END)
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
