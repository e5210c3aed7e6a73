"""kind: title — the deck's title, author, course and term (from deck.yaml), and an optional subtitle."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pptx.enum.shapes import PP_PLACEHOLDER

from ..source.model import Slide, register

SUB_SIZES = ((28, 22), (26, 20), (24, 18))  # (author, other lines) points under the title, tried in turn


@register
@dataclass(frozen=True)
class TitleSlide(Slide):
    """The title slide: the deck's title, author, course and term, and an optional subtitle."""

    kind = "title"
    layout = "Title Slide"
    keys = ("subtitle",)
    titled = False
    footer = False

    id: str
    notes: str
    subtitle: str = ""

    @classmethod
    def read(cls, r, sid, title, notes):
        """The slide with its optional subtitle."""
        return cls(sid, notes, r.text("subtitle", required=False, record=f"{sid}.subtitle"))

    def map_texts(self, fn, parts=None):
        """Notes, then the subtitle."""
        slide = super().map_texts(fn, parts)
        return replace(slide, subtitle=fn(f"{self.id}.subtitle", self.subtitle)) if self.subtitle else slide

    def render(self, canvas) -> None:
        """Dark background, accent bar, the title, then author, subtitle, course · term and (when deck.yaml asks)
        the date, at the largest sizes at which they fit."""
        meta, theme = canvas.deck.meta, canvas.theme
        colors = theme.colors
        canvas.background(colors.ink)
        canvas.decoration((0, 0, 0.32, theme.height), colors.accent)
        canvas.title(meta.title, box=(1.0, 1.4, theme.width - 2.0, 2.6), sizes=(48, 44, 40, 36), color=colors.on_dark)
        canvas.decoration((1.05, 4.18, 1.6, 0.06), colors.accent)
        sub = canvas.placeholder(PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)
        box = canvas.place(sub, (1.0, 4.45, theme.width - 2.0, 2.0))
        texts = [(meta.author, True)] + ([(self.subtitle, False)] if self.subtitle else [])
        texts.append((canvas.strings.get("ui.footer", course=meta.course, term=meta.term), False))
        if meta.show_date:
            texts.append((meta.date_text, False))
        for sizes in SUB_SIZES:
            lines = [(text, sizes[0] if first else sizes[1], colors.on_dark if first else colors.on_dark_soft, first)
                     for text, first in texts]
            if canvas.measure(lines, box[2]) <= box[3]:
                break
        else:
            canvas.warn("subtitle", f"author, subtitle, course and term do not fit under the title even at "
                                    f"{SUB_SIZES[-1][1]} pt (expected a shorter subtitle)")
        canvas.lines(sub, box, lines, role="subtitle")
