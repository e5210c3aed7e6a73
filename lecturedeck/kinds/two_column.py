"""kind: two-column — two headed bullet lists side by side, for comparisons, at one body size."""

from __future__ import annotations

from dataclasses import dataclass, replace

from yaml.nodes import MappingNode

from ..render import grid
from ..render.canvas import mark_decorative
from ..source.fields import Reader, read_bullets
from ..source.model import Bullet, Slide, map_bullets, register
from ..source.yamlsource import kind_of

SIDES = ("left", "right")
SIDE_KEYS = ("heading", "bullets")


@dataclass(frozen=True)
class Column:
    """One side: a heading and its bullets."""

    heading: str
    bullets: tuple[Bullet, ...]


@register
@dataclass(frozen=True)
class TwoColumnSlide(Slide):
    """Two headed bullet lists side by side (a comparison), both at the largest body size at which both fit."""

    kind = "two-column"
    layout = "Title Only"
    keys = SIDES
    field_notes = {f"{side}.heading": "Heading of one column of a comparison: keep it short." for side in SIDES}

    id: str
    title: str
    notes: str
    left: Column
    right: Column

    @classmethod
    def read(cls, r, sid, title, notes):
        """Each side: `{heading, bullets}`, bullets as in `kind: bullets`."""
        return cls(sid, title, notes, *(_side(r, side, sid) for side in SIDES))

    def map_texts(self, fn, parts=None):
        """Title, notes, then each side's heading and bullets (`left.heading`, `left.bullets[i]`...)."""
        slide = super().map_texts(fn, parts)
        return replace(slide, **{side: Column(fn(f"{self.id}.{side}.heading", getattr(self, side).heading),
                                              map_bullets(f"{self.id}.{side}.bullets", getattr(self, side).bullets, fn))
                                 for side in SIDES})

    def boxes(self, theme) -> list[grid.Box]:
        """The two columns' boxes in the content area."""
        left, top, width, height = grid.content_box(theme)
        column = (width - theme.gutter) / 2
        return [(left, top, column, height), (left + column + theme.gutter, top, column, height)]

    def render(self, canvas) -> None:
        """The title, the two lists at one size, and a thin line between them."""
        theme = canvas.theme
        canvas.title(self.title)
        canvas.rule()
        boxes = self.boxes(theme)
        columns = (self.left, self.right)
        size = canvas.list_size([(c.heading, c.bullets) for c in columns], boxes[0])
        if size is None:
            size = theme.body_sizes[-1]
            canvas.warn("left", f"the columns do not fit the slide even at {size} pt (expected shorter text or "
                                "fewer bullets)")
        left, top, width, height = boxes[0]
        middle = left + width + theme.gutter / 2
        mark_decorative(canvas.line(canvas.page.shapes, (middle, top), (middle, top + height), theme.colors.grid, 1.5))
        for side, column, box in zip(SIDES, columns, boxes):
            shape = canvas.textbox(box, f"Column: {side}")
            canvas.bullets(f"{side}.bullets", shape, column.bullets, box, heading=column.heading, size=size)


def _side(r: Reader, side: str, sid: str) -> Column:
    node = r.value_node(side)
    if node is None or not r.has(side):
        r.missing(side, "a mapping {heading: ..., bullets: [...]}")
        return Column("", ())
    if not isinstance(node, MappingNode):
        r.problem(node, r.path(side), f"wrong type (expected a mapping {{heading: ..., bullets: [...]}}, got "
                                      f"{kind_of(node)})")
        return Column("", ())
    reader = Reader(r.file, node, r.path(side), r.problems, r.lines)
    column = Column(reader.text("heading", record=f"{sid}.{side}.heading"),
                    read_bullets(reader, "bullets", f"{sid}.{side}.bullets", required=True))
    reader.finish(SIDE_KEYS)
    return column
