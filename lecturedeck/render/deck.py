"""Render a resolved deck into a python-pptx Presentation: each slide drawn by its kind on a shared canvas."""

from __future__ import annotations

from ..problems import Problem
from ..steps import at, step
from .canvas import Canvas
from .order import put_in_reading_order
from .slideparts import SlideAdder
from .template import layout, open_template


def render(resolved) -> tuple[object, list[Problem]]:
    """The Presentation for a resolved deck (a resolve.Resolved), and the fit warnings drawing it raised."""
    deck = resolved.deck
    with step(f"opening the template{at(deck.template)}" if deck.template else "making the default template"):
        prs, warnings = open_template(resolved.theme, deck.template, {slide.layout for slide in deck.slides},
                                      deck.lines.get("@template", (None, None)))
    canvas = Canvas(resolved, prs)
    adder = SlideAdder(prs)
    layouts: dict[str, object] = {}
    for number, slide in enumerate(deck.slides, 1):
        with step(f"rendering slide {number}, {slide.id} (kind {slide.kind}){at(*deck.origin(slide.id))}"):
            if slide.layout not in layouts:
                layouts[slide.layout] = layout(prs, slide.layout)
            canvas.page, canvas.slide = adder.add_slide(layouts[slide.layout]), slide
            slide.render(canvas)
            if slide.footer:
                canvas.footer(number)
            canvas.remove_empty_placeholders()
            put_in_reading_order(canvas.page)
            canvas.notes(slide.notes)
    return prs, warnings + canvas.warnings
