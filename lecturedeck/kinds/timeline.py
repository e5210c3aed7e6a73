"""kind: timeline — 2 to 8 dated events on a line, drawn as native shapes: a marker on the line for each event, its
date and text in an equal column under it, all at one size that fits."""

from __future__ import annotations

from dataclasses import dataclass, replace

from yaml.nodes import MappingNode

from ..render import grid
from ..render.canvas import INSET
from ..render.textfit import text_height
from ..source.fields import Reader
from ..source.model import Slide, register
from ..source.yamlsource import kind_of

EVENT_KEYS = ("date", "text")
MIN_EVENTS, MAX_EVENTS = 2, 8
GAP = 0.2  # inches between event columns
LINE_Y = 0.3  # inches from the top of the content area to the line
MARKER = 0.24  # inches: a marker's diameter
TEXT_TOP = 0.62  # inches from the top of the content area to the events' text
DATE_SPACE = 4  # points between an event's date and its text


@dataclass(frozen=True)
class Event:
    """A date and what happened."""

    date: str
    text: str


@register
@dataclass(frozen=True)
class TimelineSlide(Slide):
    """Dated events in order on a line: a marker per event, the date and text in its column under the line."""

    kind = "timeline"
    layout = "Title Only"
    keys = ("events",)
    field_notes = {"events.date": "Date of an event on a timeline: write it as your language writes dates.",
                   "events.text": "What happened, under its date on a timeline: keep it short."}

    id: str
    title: str
    notes: str
    events: tuple[Event, ...]

    @classmethod
    def read(cls, r, sid, title, notes):
        """2-8 events, each `{date, text}`."""
        items = r.items("events")
        events = []
        for index, (where, node) in enumerate(items):
            if not isinstance(node, MappingNode):
                r.problem(node, where, f"wrong type (expected an event {{date: ..., text: ...}}, got {kind_of(node)})")
                continue
            reader = Reader(r.file, node, where, r.problems, r.lines)
            events.append(Event(reader.text("date", record=f"{sid}.events[{index}].date"),
                                reader.text("text", record=f"{sid}.events[{index}].text")))
            reader.finish(EVENT_KEYS)
        if items and not MIN_EVENTS <= len(items) <= MAX_EVENTS:
            r.problem(r.value_node("events"), r.path("events"),
                      f"wrong number of events (expected {MIN_EVENTS} to {MAX_EVENTS}, got {len(items)})")
        return cls(sid, title, notes, tuple(events))

    def map_texts(self, fn, parts=None):
        """Title, notes, then each event's date and text (`events[i].date`, `events[i].text`)."""
        slide = super().map_texts(fn, parts)
        key = f"{self.id}.events"
        return replace(slide, events=tuple(Event(fn(f"{key}[{i}].date", e.date), fn(f"{key}[{i}].text", e.text))
                                           for i, e in enumerate(self.events)))

    def columns(self, theme) -> list[grid.Box]:
        """Each event's text box: equal columns across the content area, under the line."""
        left, top, width, height = grid.content_box(theme)
        count = len(self.events)
        column = (width - GAP * (count - 1)) / count
        return [(left + i * (column + GAP), top + TEXT_TOP, column, height - TEXT_TOP) for i in range(count)]

    def render(self, canvas) -> None:
        """The title, the line with a marker over each column, and each event's date and text at one size."""
        theme = canvas.theme
        colors = theme.colors
        canvas.title(self.title)
        canvas.rule()
        boxes = self.columns(theme)
        size = self._size(canvas, boxes[0])
        if size is None:
            size = theme.dense_sizes[-1]
            canvas.warn("events", f"the events do not fit their columns even at {size} pt (expected shorter texts "
                                  "or fewer events)")
        left, top, width, _height = grid.content_box(theme)
        y = top + LINE_Y
        group = canvas.group("Timeline")
        canvas.line(group.shapes, (left, y), (left + width, y), colors.grid, 3)
        for box in boxes:
            canvas.dot(group.shapes, (box[0] + box[2] / 2, y), MARKER, colors.accent, ring=colors.background)
        for index, (event, box) in enumerate(zip(self.events, boxes)):
            canvas.text(box, f"Event {index + 1}", [(event.date, size, colors.accent, True),
                                                     (event.text, size, colors.ink, False)],
                        role="body", align="ctr", spacing=DATE_SPACE)

    def _size(self, canvas, box) -> int | None:
        """The largest dense size at which every event's date and text fit a column (None if none)."""
        width, height = (box[2] - 2 * INSET) * 72, (box[3] - 2 * INSET) * 72
        for size in canvas.theme.dense_sizes:
            if all(text_height([(canvas.runs(e.date, bold=True), size, 0, 0), (canvas.runs(e.text), size, 0, DATE_SPACE)],
                               width, canvas.measurer) <= height for e in self.events):
                return size
        return None
