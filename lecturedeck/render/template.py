"""The starting presentation: an institution's template used as is, or the default made 16:9 and themed."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Inches

from ..problems import WARNING, DeckError, Problem, display_path
from ..source.theme import Theme

_SP, _PH_PATH = qn("p:sp"), f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_CAP_PATH = f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}"
_TITLE_TYPES = ("title", "ctrTitle")
MAX_TEMPLATE_BYTES = 300_000_000  # a template's parts unpacked: fonts and a few pictures, not videos
_TITLE_PLACEHOLDERS = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
Place = tuple[Path | None, int | None]  # the file and line of `template:` in deck.yaml


def open_template(theme: Theme, template: Path | None, needed: set[str],
                  place: Place = (None, None)) -> tuple[PptxPresentation, list[Problem]]:
    """A Presentation to add slides to, with every layout in `needed` present, and warnings (slides a template
    held, which are left out). `place` is the deck.yaml file and line of `template:`, for messages."""
    warnings: list[Problem] = []
    if template is not None:
        prs = _open(template, place)
        dropped = _drop_slides(prs)
        if dropped:
            warnings.append(Problem(*place, "template", f"the template {display_path(template)} holds {dropped} "
                                    f"slide{'s' if dropped != 1 else ''}; left out of the deck (expected layouts only: "
                                    "delete the slides from the template to silence this)", WARNING, "template"))
    else:
        prs = Presentation()
        _widen(prs, theme)
        _restyle_theme(prs, theme)
    names = {layout.name for layout in prs.slide_layouts}
    missing = sorted(needed - names)
    shown = f"{display_path(template)}: " if template else ""
    if missing:
        raise DeckError([Problem(*place, "template", f"{shown}layouts not found (expected {', '.join(missing)}, got "
                                                     f"{', '.join(sorted(names)) or 'none'})")])
    untitled = sorted(name for name in needed if placeholder_box(layout(prs, name), _TITLE_PLACEHOLDERS) is None)
    if untitled:
        raise DeckError([Problem(*place, "template", f"{shown}layouts without a title placeholder (expected a title "
                                                     f"box in {', '.join(untitled)}: every slide has a title)")])
    return prs, warnings


def _open(template: Path, place: Place) -> PptxPresentation:
    """The template as a Presentation; a problem naming it when it is not one."""
    shown = display_path(template)
    if not zipfile.is_zipfile(template):
        raise DeckError([Problem(*place, "template", f"{shown}: not a PowerPoint file (expected a .pptx, which is a "
                                                      "zip package, got a file that is not a zip)")])
    with zipfile.ZipFile(template) as package:
        names = set(package.namelist())
        unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > MAX_TEMPLATE_BYTES:  # python-pptx reads every part into memory
        raise DeckError([Problem(*place, "template", f"{shown}: template is too large once unpacked (expected at most "
                                                      f"{MAX_TEMPLATE_BYTES // 10**6} MB, got {unpacked // 10**6} MB: "
                                                      "remove large pictures or media from it)")])
    if "ppt/presentation.xml" not in names:
        raise DeckError([Problem(*place, "template", f"{shown}: not a PowerPoint presentation (expected a .pptx saved "
                                                      "by PowerPoint or LibreOffice, got a zip package without "
                                                      "ppt/presentation.xml: a Word or Excel file renamed?)")])
    try:
        prs = Presentation(str(template))
        for item in prs.slide_layouts:  # every part a build reads, read now: a broken one is the template's fault
            item.name, item.slide_master.placeholders, list(item.placeholders)
        return prs
    except Exception as exc:  # python-pptx raises many kinds for a package that is not a presentation
        detail = str(exc).replace(str(template), shown).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, KeyError):
            detail = f"a broken package: a part it refers to is missing ({detail.strip(chr(34))})"
        if "template.main+xml" in detail:
            detail = "a PowerPoint template (.potx) renamed: open it in PowerPoint and save it as .pptx"
        raise DeckError([Problem(*place, "template", f"{shown}: not a PowerPoint presentation (expected a .pptx "
                                                      f"saved by PowerPoint or LibreOffice, got {detail})")]) from None


def _drop_slides(prs) -> int:
    """Take the template's own slides out of the package (they would be written before ours); how many."""
    id_list = prs.slides._sldIdLst
    slides = list(id_list)
    for sld_id in slides:
        rId = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rId)
    return len(slides)


def layout(prs, name: str):
    """The slide layout of this name."""
    return next(item for item in prs.slide_layouts if item.name == name)


def box_of(shape) -> tuple[float, float, float, float] | None:
    """A shape's box in inches; for a placeholder python-pptx looks in its layout, then its master (None when
    nothing places it)."""
    if shape.left is None or shape.width is None:
        return None
    return tuple(round(v / 914400, 4) for v in (shape.left, shape.top, shape.width, shape.height))


def placeholder_box(layout_, types) -> tuple[float, float, float, float] | None:
    """The box in inches of a layout's first placeholder of one of these types (None when it has none placed)."""
    names = {PP_PLACEHOLDER.to_xml(t) for t in types}
    for shape in layout_.placeholders:
        if shape._element.ph_type is not None and PP_PLACEHOLDER.to_xml(shape._element.ph_type) in names:
            return box_of(shape)
    return None


def draws_in_capitals(layout_, kind: str) -> bool:
    """True when a layout draws placeholders of this type in capitals: `cap` on the layout's placeholder, else on
    the master's, else in the master's title or body text style."""
    same = _TITLE_TYPES if kind in _TITLE_TYPES else (kind,)
    master = layout_.slide_master
    for owner in (layout_, master):
        for sp in owner.shapes._spTree.iterchildren(_SP):
            ph = sp.find(_PH_PATH)
            if ph is None or ph.get("type", "obj") not in same:
                continue
            style = sp.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{_CAP_PATH}")
            if style is not None and style.get("cap"):
                return style.get("cap") != "none"
            break
    group = "titleStyle" if kind in _TITLE_TYPES else "bodyStyle" if kind in ("body", "obj", "subTitle") else None
    if group is not None:
        style = master._element.find(f"{qn('p:txStyles')}/{qn('p:' + group)}/{_CAP_PATH}")
        if style is not None and style.get("cap"):
            return style.get("cap") != "none"
    return False


def _widen(prs, theme: Theme) -> None:
    """Make the default 4:3 template 16:9, stretching master and layout shapes across the new width."""
    old = prs.slide_width
    prs.slide_width = Inches(theme.width)
    prs.slide_height = Inches(theme.height)
    prs.part._element.find(qn("p:sldSz")).attrib.pop("type", None)  # the default says screen4x3
    ratio = prs.slide_width / old
    for owner in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in owner._element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None:
                off.set("x", str(int(int(off.get("x")) * ratio)))
            if ext is not None:
                ext.set("cx", str(int(int(ext.get("cx")) * ratio)))


def _restyle_theme(prs, theme: Theme) -> None:
    """Write the theme's colours and fonts into the package's theme part, so new text in PowerPoint matches."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    colors = theme.colors
    scheme = {
        "dk1": colors.ink, "lt1": colors.background, "dk2": colors.ink, "lt2": "F7F4EF",
        "accent1": colors.accent, "accent2": colors.accent2, "accent3": "C9822B",
        "accent4": "4E7D5B", "accent5": colors.muted, "accent6": "7A4E8C",
    }
    clr = root.find(f".//{qn('a:clrScheme')}")
    clr.set("name", "Lecture")
    for name, value in scheme.items():
        slot = clr.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr")).set("val", value)
    fonts = theme.locale_fonts("en")
    font_scheme = root.find(f".//{qn('a:fontScheme')}")
    font_scheme.set("name", "Lecture")
    for group in ("a:majorFont", "a:minorFont"):
        node = font_scheme.find(qn(group))
        node.find(qn("a:latin")).set("typeface", fonts.latin)
        node.find(qn("a:ea")).set("typeface", fonts.east_asian)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
