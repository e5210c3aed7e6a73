"""Where things go on a slide: boxes in inches, computed from the theme's grid (shared by resolve and render)."""

from __future__ import annotations

from .images import fit
from .model import ImageSlide
from .theme import Theme

Box = tuple[float, float, float, float]  # left, top, width, height in inches

CAPTION_HEIGHT = 0.85
SOURCE_HEIGHT = 0.4
TEXT_SHARE = 0.44


def title_box(theme: Theme) -> Box:
    """The title area of a content slide."""
    return theme.margin, theme.title_top, theme.content_width, theme.title_height


def content_box(theme: Theme) -> Box:
    """The area below the title and above the footer."""
    return theme.margin, theme.content_top, theme.content_width, theme.content_height


def image_text_box(theme: Theme) -> Box:
    """The text column beside a single picture."""
    left, top, width, height = content_box(theme)
    return left, top, width * TEXT_SHARE - theme.gutter / 2, height


def slot_boxes(slide: ImageSlide, theme: Theme) -> list[tuple[Box, Box | None]]:
    """For each image slot: the slot's box (its aspect, centred in its column) and its caption box, if any."""
    left, top, width, height = content_box(theme)
    if slide.text:
        shift = width * TEXT_SHARE + theme.gutter / 2
        left, width = left + shift, width - shift
    count = len(slide.images)
    column = (width - theme.gutter * (count - 1)) / count
    out = []
    for index, slot in enumerate(slide.images):
        x = left + index * (column + theme.gutter)
        has_caption = bool(slot.caption or slot.credit)
        picture_height = height - (CAPTION_HEIGHT if has_caption else 0)
        box = fit(slot.aspect[0] / slot.aspect[1], (x, top, column, picture_height))
        box = (box[0], top, box[2], box[3])  # slots hang from the top of the content area
        caption = (x, top + box[3] + 0.08, column, CAPTION_HEIGHT - 0.08) if has_caption else None
        out.append((box, caption))
    return out


def chart_box(theme: Theme) -> Box:
    """The chart picture's area (the figure is drawn at exactly this size)."""
    left, top, width, height = content_box(theme)
    return left, top, width, height - SOURCE_HEIGHT


def source_box(theme: Theme) -> Box:
    """The source line under a chart."""
    left, top, width, height = content_box(theme)
    return left, top + height - SOURCE_HEIGHT, width, SOURCE_HEIGHT
