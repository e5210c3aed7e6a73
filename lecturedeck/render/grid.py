"""Where things go on a slide: boxes in inches, computed from the theme's grid (shared by resolve and render)."""

from __future__ import annotations

from ..source.theme import Theme

Box = tuple[float, float, float, float]  # left, top, width, height in inches

SOURCE_HEIGHT = 0.4


def title_box(theme: Theme) -> Box:
    """The title area of a content slide."""
    return theme.margin, theme.title_top, theme.content_width, theme.title_height


def content_box(theme: Theme) -> Box:
    """The area below the title and above the footer."""
    return theme.margin, theme.content_top, theme.content_width, theme.content_height


def chart_box(theme: Theme, source_height: float = SOURCE_HEIGHT) -> Box:
    """The chart picture's area (the figure is drawn at exactly this size) above a source line this tall."""
    left, top, width, height = content_box(theme)
    return left, top, width, height - source_height


def source_box(theme: Theme, source_height: float = SOURCE_HEIGHT) -> Box:
    """The source line under a chart."""
    left, top, width, height = content_box(theme)
    return left, top + height - source_height, width, source_height


def fit(aspect: float, box: Box) -> Box:
    """The largest rectangle of `aspect` (width/height) centred in box (left, top, width, height)."""
    left, top, width, height = box
    if width / height > aspect:
        new_width = height * aspect
        return left + (width - new_width) / 2, top, new_width, height
    new_height = width / aspect
    return left, top + (height - new_height) / 2, width, new_height
