"""kind: quote — a primary-source quotation, large, in the locale's quotation marks, with its attribution."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..problems import describe
from ..render import grid
from ..render.canvas import INSET
from ..render.textfit import LINE_HEIGHT, text_height
from ..source.markup import plain
from ..source.model import Slide, register

# Marks a quotation may not be wrapped in: the deck adds the locale's own (pipeline string ui.quote).
OPENING = "\"'“‘„‚«‹「『《〈"
CLOSING = "\"'”’“‘»›」』》〉"
BAR = 0.08  # inches: the accent bar left of the quotation
INDENT = 0.45  # inches from the bar to the quotation's text
GAP = 0.2  # inches between the quotation and its attribution


@register
@dataclass(frozen=True)
class QuoteSlide(Slide):
    """A quotation from a primary source, as large as fits, in quotation marks, with who said it where and when."""

    kind = "quote"
    layout = "Title Only"
    keys = ("quote", "source")
    field_notes = {
        "quote": "The quotation, without quotation marks: the deck adds your language's own (ui.quote). Use the "
                 "published translation or the original text where there is one.",
        "source": "Attribution under the quotation: who, where, when (keep names and dates exact).",
    }

    id: str
    title: str
    notes: str
    quote: str
    source: str

    @classmethod
    def read(cls, r, sid, title, notes):
        """The quotation (without quotation marks) and its attribution, both required."""
        quote = r.text("quote", record=f"{sid}.quote")
        text = plain(quote).strip()
        if len(text) > 1 and text[0] in OPENING and text[-1] in CLOSING:
            r.problem(r.value_node("quote"), r.path("quote"),
                      f"quotation marks around the quotation (expected the words alone: the deck adds the marks of "
                      f"each language, got {describe(quote)})")
        return cls(sid, title, notes, quote, r.text("source", record=f"{sid}.source"))

    def map_texts(self, fn, parts=None):
        """Title, notes, the quotation and its attribution."""
        slide = super().map_texts(fn, parts)
        return replace(slide, quote=fn(f"{self.id}.quote", self.quote), source=fn(f"{self.id}.source", self.source))

    def render(self, canvas) -> None:
        """The title, then the quotation and its attribution centred in the content area, an accent bar beside."""
        theme = canvas.theme
        canvas.title(self.title)
        canvas.rule()
        left, top, width, height = grid.content_box(theme)
        text_left = left + BAR + INDENT
        text_width = width - BAR - INDENT
        quote = canvas.strings.get("ui.quote", quote=self.quote)
        source = canvas.strings.get("ui.quote-source", source=self.source)
        source_size = theme.body_sizes[-1]
        inner = (text_width - 2 * INSET) * 72
        source_height = text_height([(canvas.runs(source), source_size, 0, 0)], inner, canvas.measurer) / 72 + 2 * INSET
        room = height - source_height - GAP
        size = canvas.fit_size([quote], theme.quote_sizes, text_width, room)
        if size is None:
            size = theme.quote_sizes[-1]
            canvas.warn("quote", f"quotation does not fit the slide even at {size} pt (expected a shorter quotation "
                                 f"or attribution: at most {int((room - 2 * INSET) * 72 / (size * LINE_HEIGHT))} lines)")
        quote_height = min(room, text_height([(canvas.runs(quote), size, 0, 0)], inner, canvas.measurer) / 72 + 2 * INSET)
        block = quote_height + GAP + source_height
        y = top + max(0.0, (height - block) / 2)
        canvas.decoration((left, y, BAR, block), theme.colors.accent)
        canvas.text((text_left, y, text_width, quote_height), "Quotation", [(quote, size, theme.colors.ink, False)],
                    role="body", spacing=0)
        canvas.text((text_left, y + quote_height + GAP, text_width, source_height), "Attribution",
                    [(source, source_size, theme.colors.muted, False)], role="source")
