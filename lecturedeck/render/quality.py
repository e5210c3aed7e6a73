"""Is a picture good enough for where it is shown? Too few pixels for its size (blurred when projected), or a shape
far from its slot's (a strip, or a sliver, in a mostly empty frame)."""

from __future__ import annotations

import math
from math import gcd

MIN_PPI = 100  # pixels per slide inch; a 1920-pixel-wide projection of a 13.333-inch slide shows 144
PROJECTION_WIDTH = 1920
ASPECT_TOLERANCE = 1.2  # a picture this much wider or taller than its slot is shown with much empty space


def judge(slide_id: str, slot, picture, shown, file: str, slide_width: float) -> list[tuple[str, str, str]]:
    """(rule, message, line key) for each warning about a picture drawn at `shown` (left, top, width, height in
    inches), the picture's pixels being its file's (before any downscaling)."""
    found = []
    width, height = picture.source_width, picture.source_height
    ppi = width / shown[2]
    if ppi < MIN_PPI:
        needed = (math.ceil(shown[2] * MIN_PPI), math.ceil(shown[3] * MIN_PPI))
        projected = PROJECTION_WIDTH / slide_width
        found.append(("assets.resolution",
                      f"picture in slot {slot.slot!r} has too few pixels for its size: {file} is shown {shown[2]:.1f} x {shown[3]:.1f} in, "
                      f"{round(shown[2] * projected)} x {round(shown[3] * projected)} pixels of a "
                      f"{PROJECTION_WIDTH}-pixel-wide projection, at {ppi:.0f} pixels per inch (expected at least "
                      f"{needed[0]} x {needed[1]} pixels, got {width} x {height}: it will look blurred)",
                      f"@slot:{slot.slot}"))
    if slot.aspect is not None:
        wanted = slot.aspect[0] / slot.aspect[1]
        own = width / height
        if max(own / wanted, wanted / own) > ASPECT_TOLERANCE:
            ratio = "{}:{}".format(*simplest_ratio(width, height))
            shape = "a strip" if own > wanted else "a narrow column"
            found.append(("assets.aspect",
                          f"picture's shape differs from its slot's ({slot.slot!r}): {file} is {width} x {height} ({ratio}), shown "
                          f"as {shape} in a {slot.aspect[0]}:{slot.aspect[1]} slot (expected aspect: {ratio} or "
                          f"aspect: auto, got aspect: {slot.aspect[0]}:{slot.aspect[1]})",
                          f"@{slide_id}.{slot.slot}.aspect"))
    return found


def simplest_ratio(width: int, height: int) -> tuple[int, int]:
    """A picture's width:height in small numbers, as `aspect:` takes it (4000 x 600 is 20:3, 1234 x 987 about 5:4)."""
    if width < height:
        tall, wide = simplest_ratio(height, width)
        return wide, tall
    divisor = gcd(width, height)
    exact = (width // divisor, height // divisor)
    if max(exact) <= 99:
        return exact
    ratio = width / height
    for below in range(1, 100):
        above = round(ratio * below)
        if 0 < above <= 999 and abs(above / below - ratio) <= 0.01 * ratio:
            return above, below
    return max(1, min(999, round(ratio))), 1
