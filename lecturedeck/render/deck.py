"""Render a resolved deck into a python-pptx Presentation: each slide drawn by its kind on a shared canvas."""

from __future__ import annotations

from ..problems import Problem
from .canvas import Canvas
from .order import put_in_reading_order
from .slideparts import SlideAdder
from .template import layout, open_template


def render(resolved) -> tuple[object, list[Problem]]:
    """The Presentation for a resolved deck (a resolve.Resolved), and the fit warnings drawing it raised."""
    prs = open_template(resolved.theme, resolved.deck.template, {slide.layout for slide in resolved.deck.slides})
    canvas = Canvas(resolved, prs)
    adder = SlideAdder(prs)
    layouts: dict[str, object] = {}
    for number, slide in enumerate(resolved.deck.slides, 1):
        if slide.layout not in layouts:
            layouts[slide.layout] = layout(prs, slide.layout)
        canvas.page, canvas.slide = adder.add_slide(layouts[slide.layout]), slide
        slide.render(canvas)
        if slide.footer:
            canvas.footer(number)
        canvas.remove_empty_placeholders()
        put_in_reading_order(canvas.page)
        canvas.notes(slide.notes)
    return prs, canvas.warnings
