"""kind: agenda — one line per part of the lecture: its name in bold, then its question."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.model import Bullet, Slide, register


@register
@dataclass(frozen=True)
class AgendaSlide(Slide):
    """One line per part: its name and its question."""

    kind = "agenda"

    id: str
    title: str
    notes: str

    @classmethod
    def read(cls, r, sid, title, notes):
        """Only the common fields."""
        return cls(sid, title, notes)

    def made_from(self, deck) -> tuple[str, ...]:
        """The parts' names and questions."""
        return tuple(f"{part.id}.{field}" for part in deck.parts for field in ("label", "question"))

    def render(self, canvas) -> None:
        """The title and a list of the parts."""
        items = tuple(Bullet(canvas.strings.get("ui.agenda-item", label=part.label, question=part.question))
                      for part in canvas.deck.parts)
        canvas.titled_list(self.title, "title", items)
