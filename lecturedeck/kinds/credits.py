"""kind: credits — generated last: the credit of every picture shown and the source of every chart."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..source.model import Bullet, Slide, map_bullets, register


@register
@dataclass(frozen=True)
class CreditsSlide(Slide):
    """Generated at the end of a build: the credit of every picture shown and the source of every chart."""

    kind = "credits"
    from_outline = False

    id: str
    title: str
    notes: str
    items: tuple[Bullet, ...]

    @classmethod
    def generate(cls, resolved) -> list[Slide]:
        """The last slide: each picture shown with its credit, each chart with its source; none when there are none."""
        ui, deck = resolved.strings, resolved.deck
        shown = lambda slot: resolved.pictures.get(slot.slot) is not None  # noqa: E731
        items = [Bullet(ui.get(key, **values)) for number, slide in enumerate(deck.slides, 1)
                 for key, values in slide.credits(number, shown)]
        if not items:
            return []
        readme = deck.assets_dir / "data" / "README.md"
        target = readme if readme.is_file() else deck.assets_dir / "data"
        shown_path = Path(os.path.relpath(target.resolve(), deck.deck_dir.resolve().parent)).as_posix()  # not cwd-dependent
        items.append(Bullet(ui.get("ui.credit-data", file=shown_path)))
        return [cls("credits", ui.get("ui.credits-title"), ui.get("ui.credits-notes", file=shown_path), tuple(items))]

    def map_texts(self, fn, parts=None):
        """Title, notes, then each line."""
        slide = super().map_texts(fn, parts)
        return replace(slide, items=map_bullets(f"{self.id}.items", self.items, fn))

    def render(self, canvas) -> None:
        """The title and the list of credits."""
        canvas.titled_list(self.title, "items", self.items)
