"""The deck model: plain dataclasses with a closed set of slide kinds. Rendering reads only this."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Iterator, Union


@dataclass(frozen=True)
class Bullet:
    """A bullet paragraph with inline markup, and its sub-bullets."""

    text: str
    sub: tuple["Bullet", ...] = ()


@dataclass(frozen=True)
class ImageSlot:
    """A named place for a picture; `file` is relative to the assets folder."""

    slot: str
    file: str
    aspect: tuple[int, int]
    alt: str
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Part:
    """A part of the lecture: its divider slide and its agenda line."""

    id: str
    number: int
    label: str
    question: str
    notes: str


@dataclass(frozen=True)
class TitleSlide:
    id: str
    notes: str
    subtitle: str = ""
    kind = "title"


@dataclass(frozen=True)
class AgendaSlide:
    id: str
    title: str
    notes: str
    kind = "agenda"


@dataclass(frozen=True)
class PartSlide:
    id: str
    part: Part
    kind = "part"

    @property
    def title(self) -> str:
        return self.part.label

    @property
    def notes(self) -> str:
        return self.part.notes


@dataclass(frozen=True)
class BulletsSlide:
    id: str
    title: str
    notes: str
    bullets: tuple[Bullet, ...]
    kind = "bullets"


@dataclass(frozen=True)
class ImageSlide:
    id: str
    title: str
    notes: str
    images: tuple[ImageSlot, ...]
    text: tuple[Bullet, ...] = ()
    kind = "image"


@dataclass(frozen=True)
class ChartSlide:
    id: str
    title: str
    notes: str
    chart: str
    data: tuple[str, ...]
    alt: str
    source: str
    kind = "chart"


Slide = Union[TitleSlide, AgendaSlide, PartSlide, BulletsSlide, ImageSlide, ChartSlide]
SLIDE_KINDS = ("title", "agenda", "bullets", "image", "chart")


@dataclass(frozen=True)
class Meta:
    """What deck.yaml says about the lecture as a whole."""

    title: str
    author: str
    course: str
    term: str
    date: str
    slug: str


@dataclass(frozen=True)
class Deck:
    """A whole lecture: meta, parts, slides in order, where its files are, and where each text came from.

    `lines` maps keys to (file, line): a slide or part id to where it starts, a text key from slide_texts() to its
    value, and `@`-prefixed keys to file references (`@slide.chart`, `@slide.slot.file`) and slot names.
    """

    meta: Meta
    slides: tuple[Slide, ...]
    parts: tuple[Part, ...]
    deck_dir: Path
    assets_dir: Path
    template: Path | None = None
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict, compare=False)

    def origin(self, key: str) -> tuple[Path, int] | tuple[None, None]:
        """The file and line a text key (e.g. `prelude.bullets[1]`) was read from."""
        return self.lines.get(key, (None, None))

    def with_term(self, term: str) -> "Deck":
        """The same deck for another term."""
        return replace(self, meta=replace(self.meta, term=term))


def bullet_texts(prefix: str, bullets: tuple[Bullet, ...]) -> Iterator[tuple[str, str]]:
    """(key, text) for each bullet at any depth, keys like `x.bullets[0].sub[1]`."""
    for index, bullet in enumerate(bullets):
        key = f"{prefix}[{index}]"
        yield key, bullet.text
        yield from bullet_texts(f"{key}.sub", bullet.sub)


def slide_texts(slide: Slide) -> Iterator[tuple[str, str]]:
    """Every text a slide shows or speaks, as (stable key, text); the keys name the field."""
    sid = slide.id
    if isinstance(slide, PartSlide):
        part = slide.part
        yield f"{sid}.label", part.label
        yield f"{sid}.question", part.question
        yield f"{sid}.notes", part.notes
        return
    for f in fields(slide):
        value = getattr(slide, f.name)
        if f.name in ("id", "chart", "data"):
            continue
        if isinstance(value, str):
            if value:
                yield f"{sid}.{f.name}", value
        elif f.name in ("bullets", "text"):
            yield from bullet_texts(f"{sid}.{f.name}", value)
        elif f.name == "images":
            for slot in value:
                for name in ("alt", "caption", "credit"):
                    if getattr(slot, name):
                        yield f"{sid}.{slot.slot}.{name}", getattr(slot, name)
