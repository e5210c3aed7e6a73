"""Where the builder put each text and picture on a slide, and where its measured text is: recorded while drawing,
read by the `layout.collision` check (nothing re-parsed from the file)."""

from __future__ import annotations

from dataclasses import dataclass

from .grid import Box

POINTS = 72.0  # points per inch


@dataclass(frozen=True)
class Extent:
    """One drawn shape: its name, what it is (title, body, caption, counter, footer, number, picture...), its box
    and the area its measured text covers (a picture covers its whole box), all in inches."""

    shape: str
    role: str
    box: Box
    ink: Box


def text_area(box: Box, height_pt: float, widest_pt: float, *, anchor: str, align: str | None,
              inset: float) -> Box:
    """The area measured text covers inside a box: `height_pt` tall and `widest_pt` wide, placed by the box's
    vertical anchor (t, ctr, b) and the paragraphs' alignment (l, ctr, r); text taller than its box runs out of
    it the way PowerPoint draws it (down from the top, up from the bottom, both ways from the middle)."""
    left, top, width, height = box
    text_h, text_w = height_pt / POINTS, widest_pt / POINTS
    inner_left, inner_w = left + inset, width - 2 * inset
    if align == "ctr":
        x = inner_left + (inner_w - text_w) / 2
    elif align == "r":
        x = inner_left + inner_w - text_w
    else:
        x = inner_left
    if anchor == "b":
        y = top + height - inset - text_h
    elif anchor == "ctr":
        y = top + (height - text_h) / 2
    else:
        y = top + inset
    return x, y, text_w, text_h


def overlap(a: Box, b: Box) -> float:
    """How far two areas overlap, in inches: the smaller of the overlap's width and height (0 when apart)."""
    across = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    down = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0.0, min(across, down))


def beyond(area: Box, width: float, height: float) -> dict[str, float]:
    """How far an area runs past each edge of a slide of this size, in inches (only the edges it passes)."""
    left, top, w, h = area
    past = {"left": -left, "top": -top, "right": left + w - width, "bottom": top + h - height}
    return {edge: amount for edge, amount in past.items() if amount > 0}
