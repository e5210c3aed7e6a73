"""kind: bullets — a title and up to three levels of bullets."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..source.fields import read_bullets
from ..source.model import Bullet, Slide, map_bullets, register


@register
@dataclass(frozen=True)
class BulletsSlide(Slide):
    """A title and up to three levels of bullets."""

    kind = "bullets"
    keys = ("bullets",)

    id: str
    title: str
    notes: str
    bullets: tuple[Bullet, ...]

    @classmethod
    def read(cls, r, sid, title, notes):
        """The bullets: each a text or `{text, sub}`."""
        return cls(sid, title, notes, read_bullets(r, "bullets", f"{sid}.bullets", required=True))

    def map_texts(self, fn, parts=None):
        """Title, notes, then each bullet (`bullets[i]`, `bullets[i].sub[j]`)."""
        slide = super().map_texts(fn, parts)
        return replace(slide, bullets=map_bullets(f"{self.id}.bullets", self.bullets, fn))

    def render(self, canvas) -> None:
        """The title and the bullets filling the content area."""
        canvas.titled_list(self.title, "bullets", self.bullets)
