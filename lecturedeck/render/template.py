"""The starting presentation: an institution's template used as is, or the default made 16:9 and themed."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches

from ..problems import DeckError, Problem
from ..source.theme import Theme


def open_template(theme: Theme, template: Path | None, needed: set[str]):
    """A Presentation to add slides to, with every layout in `needed` present."""
    if template is not None:
        try:
            prs = Presentation(str(template))
        except Exception as exc:  # python-pptx raises many kinds for a broken package
            raise DeckError([Problem(template, None, "template", f"cannot open as PowerPoint ({exc})")]) from None
    else:
        prs = Presentation()
        _widen(prs, theme)
        _restyle_theme(prs, theme)
    names = {layout.name for layout in prs.slide_layouts}
    missing = sorted(needed - names)
    if missing:
        raise DeckError([Problem(template, None, "template",
                                 f"layouts not found (expected {', '.join(missing)}, got {', '.join(sorted(names))})")])
    return prs


def layout(prs, name: str):
    """The slide layout of this name."""
    return next(item for item in prs.slide_layouts if item.name == name)


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
