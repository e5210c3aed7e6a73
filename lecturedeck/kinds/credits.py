"""kind: credits — generated last: the credit of every picture shown and the source of every chart, over as many
slides as they need."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER

from ..render import grid
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
    sources: tuple[str, ...] = ()  # the text key each item was written at ("" for none), in order
    size: int = 0  # the body size every page of a long list shares (0: the largest that fits)

    @classmethod
    def generate(cls, resolved) -> list[Slide]:
        """The last slide: each picture shown with its credit, each chart with its source; none when there are none."""
        ui, deck = resolved.strings, resolved.deck
        shown = lambda slot: resolved.pictures.get(slot.slot) is not None  # noqa: E731
        items, sources = [], []
        for number, slide in enumerate(deck.slides, 1):
            for key, values, *written in slide.credits(number, shown):
                items.append(Bullet(ui.get(key, **values)))
                sources.append(written[0] if written else slide.id)
        if not items:
            return []
        readme = deck.assets_dir / "data" / "README.md"
        target = readme if readme.is_file() else deck.assets_dir / "data"
        shown_path = Path(os.path.relpath(target.resolve(), deck.deck_dir.resolve().parent)).as_posix()  # not cwd-dependent
        items.append(Bullet(ui.get("ui.credit-data", file=shown_path)))
        sources.append("")
        return [cls("credits", ui.get("ui.credits-title"), ui.get("ui.credits-notes", file=shown_path), tuple(items),
                    tuple(sources))]

    def map_texts(self, fn, parts=None):
        """Title, notes, then each line."""
        slide = super().map_texts(fn, parts)
        return replace(slide, items=map_bullets(f"{self.id}.items", self.items, fn))

    def made_from(self, deck) -> tuple[str, ...]:
        """The outline lines of the credits and sources listed."""
        return tuple(key for key in self.sources if key)

    def pages(self, canvas) -> list[Slide]:
        """As many slides as the list needs at the smallest body size, titled "Credits and sources (1/2)"...,
        all at the largest size that still needs no more of them."""
        box = canvas.layout_box(self.layout, (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY),
                                grid.content_box(canvas.theme))
        sizes = canvas.theme.body_sizes
        fewest = len(self._pack(canvas, box, sizes[-1]))
        if fewest == 1:
            return [self]
        size = next(s for s in sizes if len(self._pack(canvas, box, s)) == fewest)
        pages = self._pack(canvas, box, size)
        ui = canvas.strings
        return [replace(self, id=self.id if page == 1 else f"{self.id}-{page}",
                        title=ui.get("ui.credits-title-page", page=str(page), pages=str(len(pages))),
                        items=tuple(self.items[i] for i in indices), sources=tuple(self.sources[i] for i in indices),
                        size=size)
                for page, indices in enumerate(pages, 1)]

    def _pack(self, canvas, box, size: int) -> list[list[int]]:
        """The items' indices, page by page, each page holding as many as fit the box at this size."""
        pages: list[list[int]] = [[]]
        for index in range(len(self.items)):
            trial = pages[-1] + [index]
            if pages[-1] and not canvas.bullets_fit(tuple(self.items[i] for i in trial), box, size):
                pages.append([index])
            else:
                pages[-1] = trial
        return pages

    def render(self, canvas) -> None:
        """The title and the list of credits."""
        canvas.titled_list(self.title, "items", self.items, self.size or None)
