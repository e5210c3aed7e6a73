"""The deck model: plain dataclasses with a closed set of slide kinds. Rendering reads only this."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Union


DEFAULT_CHART_TIMEOUT = 60.0  # seconds a chart script may run


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
    """The title slide: the deck's title, author, course and term, and an optional subtitle."""

    id: str
    notes: str
    subtitle: str = ""
    kind = "title"


@dataclass(frozen=True)
class AgendaSlide:
    """One line per part: its name and its question."""

    id: str
    title: str
    notes: str
    kind = "agenda"


@dataclass(frozen=True)
class PartSlide:
    """A part's divider: its number, name and question."""

    id: str
    part: Part
    kind = "part"

    @property
    def title(self) -> str:
        """The part's name, as the divider's title."""
        return self.part.label

    @property
    def notes(self) -> str:
        """The part's speaker notes."""
        return self.part.notes


@dataclass(frozen=True)
class BulletsSlide:
    """A title and up to three levels of bullets."""

    id: str
    title: str
    notes: str
    bullets: tuple[Bullet, ...]
    kind = "bullets"


@dataclass(frozen=True)
class ImageSlide:
    """Named picture slots with captions and credits, optionally with bullets beside one picture."""

    id: str
    title: str
    notes: str
    images: tuple[ImageSlot, ...]
    text: tuple[Bullet, ...] = ()
    kind = "image"


@dataclass(frozen=True)
class ChartSlide:
    """A chart script's figure with a title, alt text and a source line."""

    id: str
    title: str
    notes: str
    chart: str
    data: tuple[str, ...]
    alt: str
    source: str
    kind = "chart"


@dataclass(frozen=True)
class CreditsSlide:
    """Generated at the end of a build: the credit of every picture shown and the source of every chart."""

    id: str
    title: str
    notes: str
    items: tuple[Bullet, ...]
    kind = "credits"


Slide = Union[TitleSlide, AgendaSlide, PartSlide, BulletsSlide, ImageSlide, ChartSlide, CreditsSlide]
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

    `values` holds the numbers texts show through `{name}` (one number or a low-high range); `comments` the
    outline's notes for translators by slide or part id. `lines` maps keys to (file, line): a slide or part id to where it starts, a text key from slide_texts() to its
    value, and `@`-prefixed keys to file references (`@slide.chart`, `@slide.slot.file`) and slot names.
    """

    meta: Meta
    slides: tuple[Slide, ...]
    parts: tuple[Part, ...]
    deck_dir: Path
    assets_dir: Path
    template: Path | None = None
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict, compare=False)
    values: dict[str, tuple[float, ...]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict, compare=False)
    chart_timeout: float = DEFAULT_CHART_TIMEOUT

    def origin(self, key: str) -> tuple[Path, int] | tuple[None, None]:
        """The file and line a text key (e.g. `prelude.bullets[1]`) was read from."""
        return self.lines.get(key, (None, None))

    def with_term(self, term: str) -> "Deck":
        """The same deck for another term."""
        return replace(self, meta=replace(self.meta, term=term))


def slide_texts(slide: Slide) -> list[tuple[str, str]]:
    """Every text a slide shows or speaks, as (stable key, text); the keys name the field."""
    found: list[tuple[str, str]] = []
    map_texts(slide, lambda key, text: found.append((key, text)) or text)
    return found


def _map_bullets(prefix: str, bullets: tuple[Bullet, ...], fn) -> tuple[Bullet, ...]:
    out = []
    for index, bullet in enumerate(bullets):
        key = f"{prefix}[{index}]"
        out.append(Bullet(fn(key, bullet.text), _map_bullets(f"{key}.sub", bullet.sub, fn)))
    return tuple(out)


def map_texts(slide: Slide, fn, parts: dict[str, Part] | None = None) -> Slide:
    """The slide with every text that slide_texts() yields replaced by fn(key, text); part slides take their
    part from `parts` (already mapped) when given."""
    sid = slide.id
    if isinstance(slide, PartSlide):
        if parts is not None:
            return replace(slide, part=parts[slide.part.id])
        return replace(slide, part=map_part(slide.part, fn))
    changes = {}
    for f in fields(slide):
        value = getattr(slide, f.name)
        if f.name in ("id", "chart", "data"):
            continue
        if isinstance(value, str):
            if value:
                changes[f.name] = fn(f"{sid}.{f.name}", value)
        elif f.name in ("bullets", "text"):
            changes[f.name] = _map_bullets(f"{sid}.{f.name}", value, fn)
        elif f.name == "images":
            changes[f.name] = tuple(
                replace(slot, **{name: fn(f"{sid}.{slot.slot}.{name}", getattr(slot, name))
                                 for name in ("alt", "caption", "credit") if getattr(slot, name)})
                for slot in value)
    return replace(slide, **changes)


def map_part(part: Part, fn) -> Part:
    """The part with its label, question and notes replaced by fn(key, text), keys as for its divider slide."""
    return replace(part, label=fn(f"{part.id}.label", part.label), question=fn(f"{part.id}.question", part.question),
                   notes=fn(f"{part.id}.notes", part.notes))
