"""kind: title — the deck's title, author, course and term (from deck.yaml), and an optional subtitle."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pptx.enum.shapes import PP_PLACEHOLDER

from ..source.model import Slide, register


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
        """Dark background, accent bar, the title, then author, subtitle and course · term."""
        meta, theme = canvas.deck.meta, canvas.theme
        colors = theme.colors
        canvas.background(colors.ink)
        canvas.decoration((0, 0, 0.32, theme.height), colors.accent)
        canvas.title(meta.title, box=(1.0, 1.4, 11.3, 2.6), sizes=(48, 44, 40, 36), color=colors.on_dark)
        canvas.decoration((1.05, 4.18, 1.6, 0.06), colors.accent)
        sub = canvas.placeholder(PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)
        canvas.place(sub, (1.0, 4.45, 11.3, 2.0))
        lines = [(meta.author, 28, colors.on_dark, True)]
        if self.subtitle:
            lines.append((self.subtitle, 22, colors.on_dark_soft, False))
        lines.append((canvas.strings.get("ui.footer", course=meta.course, term=meta.term), 22, colors.on_dark_soft, False))
        canvas.lines(sub.text_frame, lines)
