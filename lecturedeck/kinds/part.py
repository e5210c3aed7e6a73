"""kind: part — a part's divider, made from an outline file's `part:` (its number, name and question)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pptx.util import Inches

from ..render import pptxtext
from ..render.canvas import INSET
from ..source.model import Part, Slide, map_part, register


@register
@dataclass(frozen=True)
class PartSlide(Slide):
    """A part's divider: its number, name and question."""

    kind = "part"
    layout = "Section Header"
    titled = False
    footer = False
    from_outline = False

    id: str
    part: Part

    @property
    def title(self) -> str:
        """The part's name, as the divider's title."""
        return self.part.label

    @property
    def notes(self) -> str:  # type: ignore[override]
        """The part's speaker notes."""
        return self.part.notes

    def map_texts(self, fn, parts=None):
        """The part's label, question and notes (taken from `parts`, already mapped, when given)."""
        if parts is not None:
            return replace(self, part=parts[self.part.id])
        return replace(self, part=map_part(self.part, fn))

    def render(self, canvas) -> None:
        """Accent background, the part's name and question, and its number among the parts."""
        colors, part = canvas.theme.colors, self.part
        canvas.background(colors.accent)
        canvas.title(part.label, box=(1.0, 2.2, 11.3, 1.5), sizes=(54, 48, 44, 40), color=colors.on_dark, anchor="b")
        body = canvas.body_placeholder()
        canvas.place(body, (1.0, 3.95, 11.3, 1.9))
        frame = body.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor="t", inset=INSET)
        pptxtext.set_paragraph(frame.paragraphs[0], part.question, canvas.style(28, colors.on_dark_soft), align="l")
        count = len(canvas.deck.parts)
        box = canvas.page.shapes.add_textbox(*(Inches(v) for v in (1.0, 1.55, 6.0, 0.6)))
        box.name = "Part number"
        pptxtext.frame(box.text_frame, anchor="b", inset=INSET)
        pptxtext.set_paragraph(box.text_frame.paragraphs[0], f"{part.number} / {count}",
                               canvas.style(20, colors.on_dark_soft, bold=True), align="l")
        canvas.decoration((1.05, 3.78, 1.6, 0.06), colors.on_dark)
