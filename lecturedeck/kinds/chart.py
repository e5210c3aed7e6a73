"""kind: chart — a chart script's figure with a title, alt text and a source line."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..render import grid
from ..render.canvas import INSET
from ..render.textfit import LINE_HEIGHT, Measurer
from ..source.markup import parse
from ..source.fields import scalar_text
from ..source.model import FileRef, Slide, register
from ..source.yamlsource import line_of


@register
@dataclass(frozen=True)
class ChartSlide(Slide):
    """A chart script's figure with a title, alt text and a source line."""

    kind = "chart"
    layout = "Title Only"
    keys = ("chart", "data", "alt", "source")

    id: str
    title: str
    notes: str
    chart: str
    data: tuple[str, ...]
    alt: str
    source: str

    @classmethod
    def read(cls, r, sid, title, notes):
        """The script, the CSV files it may read, alt text and source line."""
        data = []
        for index, (where, node) in enumerate(r.items("data", required=False)):
            data.append(scalar_text(r, node, where) or "")
            r.lines[f"@{sid}.data[{index}]"] = (r.file, line_of(node))
        return cls(sid, title, notes, r.text("chart", record=f"@{sid}.chart"), tuple(data),
                   r.text("alt", record=f"{sid}.alt"), r.text("source", record=f"{sid}.source"))

    def map_texts(self, fn, parts=None):
        """Title, notes, alt text, source line (the chart's own texts come from its script)."""
        slide = super().map_texts(fn, parts)
        return replace(slide, **{name: fn(f"{self.id}.{name}", getattr(self, name))
                                 for name in ("alt", "source") if getattr(self, name)})

    def files(self):
        """The script (under the deck folder) and its data (under assets/data), all required."""
        return ([FileRef(f"{self.id}.chart", "deck", self.chart, True)]
                + [FileRef(f"{self.id}.data[{i}]", "data", name, True) for i, name in enumerate(self.data)])

    def chart_size(self, theme):
        """The picture area: the content area less the source line."""
        box = grid.chart_box(theme, self.source_height(theme))
        return round(box[2], 3), round(box[3], 3)

    def source_height(self, theme) -> float:
        """Inches the source line needs: one line's room, more when a long source wraps."""
        width = (theme.content_width - 2 * INSET) * 72
        lines = Measurer().count_lines(list(parse(self.source)), theme.source_size, width)
        return max(grid.SOURCE_HEIGHT, round(lines * theme.source_size * LINE_HEIGHT / 72 + 2 * INSET + 0.05, 3))

    def data_files(self):
        """The CSV files the script reads."""
        return self.data

    def credits(self, number, shown):
        """The chart's source."""
        return [("ui.credit-chart", {"number": str(number), "what": self.title, "source": self.source}, f"{self.id}.source")]

    def render(self, canvas) -> None:
        """The title, the chart picture, and the source line under it."""
        theme = canvas.theme
        canvas.title(self.title)
        canvas.rule()
        height = self.source_height(theme)
        canvas.picture(canvas.resolved.charts[self.id], grid.chart_box(theme, height), f"Chart: {self.id}", self.alt)
        canvas.text(grid.source_box(theme, height), "Source", [(self.source, theme.source_size, theme.colors.muted, False)],
                    role="source", anchor="b")
