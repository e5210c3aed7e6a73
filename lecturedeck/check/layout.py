"""Layout: no two texts (title, body, caption, counter, footer, slide number...) overlap where their measured text
is, no text runs over a picture, and nothing runs off the slide; from the geometry the builder recorded while
drawing."""

from __future__ import annotations

from itertools import combinations

from ..problems import display_path
from ..render.geometry import beyond, overlap
from .findings import Built, Finding

TOLERANCE = 0.02  # inches (about 1.4 pt): rounding in the measurement, not a visible overlap
SHOWN_SOURCES = 4


def check_collision(built: Built) -> list[Finding]:
    """Texts that overlap each other or a picture, and texts or pictures that run past the slide's edges."""
    if built.geometry is None:
        return []
    width, height = built.theme.width, built.theme.height
    slide_width, slide_height = built.prs.slide_width, built.prs.slide_height
    if slide_width is not None and slide_height is not None:  # a package without a slide size has the theme's
        width, height = slide_width / 914400, slide_height / 914400
    found = []
    for number, extents in enumerate(built.geometry, 1):
        problems = []
        for a, b in combinations(extents, 2):
            if a.shape == b.shape or (a.role == "picture" and b.role == "picture"):
                continue
            amount = overlap(a.ink, b.ink)
            if amount > TOLERANCE:
                text, other = (b, a) if a.role == "picture" else (a, b)
                what = f"the picture {other.shape!r}" if other.role == "picture" else f"the text of {_name(other)}"
                problems.append(f"the text of {_name(text)} overlaps {what} by {amount:.2f} in")
        for extent in extents:
            past = {edge: amount for edge, amount in beyond(extent.ink, width, height).items() if amount > TOLERANCE}
            if past:
                edges = ", ".join(f"{amount:.2f} in past the {edge} edge" for edge, amount in past.items())
                what = f"the picture {extent.shape!r}" if extent.role == "picture" else f"the text of {_name(extent)}"
                problems.append(f"{what} runs off the slide ({edges})")
        for message in problems:
            found.append(built.finding("layout.collision", f"{message} (expected nothing to overlap or leave the "
                                                           f"slide){_made_from(built, number)}", slide=number))
    return found


def _name(extent) -> str:
    return f"{extent.role} {extent.shape!r}" if extent.role not in extent.shape.lower() else repr(extent.shape)


def _made_from(built: Built, number: int) -> str:
    """For a slide whose content the pipeline gathers (credits, agenda): where that content was written."""
    slide = built.deck.slides[number - 1] if number <= len(built.deck.slides) else None
    if slide is None:
        return ""
    places = []
    for key in slide.made_from(built.deck):
        file, line = built.deck.origin(key)
        if file is not None:
            places.append(f"{display_path(file)}:{line}" if line else display_path(file))
    if not places:
        return ""
    shown = ", ".join(places[:SHOWN_SOURCES]) + (f" and {len(places) - SHOWN_SOURCES} more" if len(places) > SHOWN_SOURCES else "")
    return f"; the slide is made from {shown}"
