"""Render a resolved deck into a python-pptx Presentation: each slide drawn by its kind on a shared canvas."""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from pptx.presentation import Presentation as PptxPresentation

from ..problems import Problem
from ..steps import at, step
from .canvas import Canvas
from .geometry import Extent
from .order import put_in_reading_order
from .slideparts import SlideAdder
from .template import layout, open_template
from ..source.loader import DECK_FILE


class Rendered(NamedTuple):
    """The Presentation, the warnings drawing it raised (fit, pictures, the template's own slides), and what was
    drawn where on each slide (for the layout.collision check)."""

    prs: PptxPresentation
    warnings: list[Problem]
    geometry: list[list[Extent]]


def render(resolved) -> Rendered:
    """Draw a resolved deck (a resolve.Resolved). Slides whose content needs several pages (a long credits list)
    are split first, and resolved.deck is updated to the slides as drawn."""
    deck = resolved.deck
    with step(f"opening the template{at(deck.template)}" if deck.template else "making the default template"):
        prs, warnings = open_template(resolved.theme, deck.template, {slide.layout for slide in deck.slides},
                                      deck.lines.get("@template", (None, None)))
    canvas = Canvas(resolved, prs)
    with step("laying out the slides the pipeline makes (credits)"):
        deck = resolved.deck = canvas.deck = _paginated(deck, canvas)
    adder = SlideAdder(prs)
    layouts: dict[str, object] = {}
    geometry = []
    for number, slide in enumerate(deck.slides, 1):
        with step(f"rendering slide {number}, {slide.id} (kind {slide.kind}){at(*deck.origin(slide.id))}"):
            if slide.layout not in layouts:
                layouts[slide.layout] = layout(prs, slide.layout)
            canvas.begin(adder.add_slide(layouts[slide.layout]), slide)
            canvas.page._element.cSld.set("name", slide.id)  # the stable id `diff` and `review` match slides by
            slide.render(canvas)
            if slide.footer:
                canvas.footer(number)
            canvas.remove_empty_placeholders()
            put_in_reading_order(canvas.page)
            canvas.notes(slide.notes)
            geometry.append(canvas.extents)
    return Rendered(prs, warnings + canvas.warnings, geometry)


def _paginated(deck, canvas):
    """The deck with each slide replaced by the pages it needs; a slide the pipeline made is placed at the first
    outline line it was made from (else at deck.yaml), so problems on it name a file the user wrote."""
    slides = tuple(page for slide in deck.slides for page in slide.pages(canvas))
    lines = dict(deck.lines)
    for slide in slides:
        if slide.id not in lines:
            origins = [deck.origin(key) for key in slide.made_from(deck)]
            lines[slide.id] = next((o for o in origins if o[0] is not None), (deck.deck_dir / DECK_FILE, None))
    return replace(deck, slides=slides, lines=lines)
