"""The deck model: the deck, its parts and the base every slide kind builds on. Rendering reads only this.

Slide kinds themselves live in `lecturedeck.kinds`, one module each; they register here, so the loader, the
translation template, the resolver and the renderer find every kind without naming it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator

DEFAULT_CHART_TIMEOUT = 60.0  # seconds a chart script may run

TextFn = Callable[[str, str], str]  # (stable key, text) -> text
PLACEHOLDER_ASPECT = (4, 3)  # the shape of an empty picture slot whose outline sets no aspect


@dataclass(frozen=True)
class Bullet:
    """A bullet paragraph with inline markup, and its sub-bullets."""

    text: str
    sub: tuple["Bullet", ...] = ()


@dataclass(frozen=True)
class ImageSlot:
    """A named place for a picture; `file` is relative to the assets folder; `aspect` is the slot's width:height,
    None for `auto` (the picture's own)."""

    slot: str
    file: str
    aspect: tuple[int, int] | None
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
class FileRef:
    """A file a slide names: under which folder (`deck`, `assets` or `data`) and whether it must exist."""

    key: str  # where it was written, as a lines key (`slide.chart`, `slide.slot.file`, `slide.data[0]`)
    base: str
    name: str
    must_exist: bool


class Slide:
    """What every slide kind has and offers to the stages; each kind is a frozen dataclass deriving from this.

    A kind's module says everything about it: its outline keys and how they are read (`read`), the texts it
    offers for translation (`map_texts`), the files it names, its pictures and chart, its credits, and how it is
    laid out and drawn (`render`).
    """

    kind: ClassVar[str] = ""
    layout: ClassVar[str] = "Title and Content"  # the template layout it is drawn on
    keys: ClassVar[tuple[str, ...]] = ()  # outline keys besides id, kind, notes and translator_note
    titled: ClassVar[bool] = True  # has a `title` field read from the outline
    footer: ClassVar[bool] = True  # carries the course/term footer and slide number
    from_outline: ClassVar[bool] = True  # written in outline files (False: made by the pipeline)
    # Notes for translators by field (`quote`, `events.date`: the key after the slide id, without indexes); a field
    # a kind does not name gets the shared note for its last part (alt, caption, notes...), if any.
    field_notes: ClassVar[dict[str, str]] = {}

    id: str
    notes: str
    if TYPE_CHECKING:  # every kind is a dataclass (so dataclasses.replace takes a slide)
        __dataclass_fields__: ClassVar[dict[str, Any]]

    # -- reading -------------------------------------------------------------------------------------------------
    @classmethod
    def read(cls, r, sid: str, title: str, notes: str) -> "Slide | None":
        """The slide from its outline mapping (a fields.Reader); problems go to the reader."""
        raise NotImplementedError

    @classmethod
    def of_part(cls, part: Part) -> "Slide":
        """For the kind that divides parts: its slide for an outline file's `part:`."""
        raise NotImplementedError

    # -- texts ---------------------------------------------------------------------------------------------------
    def map_texts(self, fn: TextFn, parts: dict[str, Part] | None = None) -> "Slide":
        """The slide with every text replaced by fn(key, text); keys are `<slide id>.<field>[index]...`."""
        changes = {}
        title = getattr(self, "title", "")  # only kinds with `titled` have the field
        if title:
            changes["title"] = fn(f"{self.id}.title", title)
        if self.notes:
            changes["notes"] = map_notes(f"{self.id}.notes", self.notes, fn)
        return replace(self, **changes)

    def texts(self) -> list[tuple[str, str]]:
        """Every text the slide shows or speaks, as (stable key, text), in reading order."""
        found: list[tuple[str, str]] = []

        def keep(key: str, text: str) -> str:
            found.append((key, text))
            return text

        self.map_texts(keep)
        return found

    # -- what it needs -------------------------------------------------------------------------------------------
    def files(self) -> list[FileRef]:
        """Files the slide names (checked to exist and to stay inside the project)."""
        return []

    def slots(self) -> tuple[ImageSlot, ...]:
        """The picture slots the slide shows."""
        return ()

    def slot_sizes(self, theme, aspects: list[float]) -> list[tuple[float, float]]:
        """Each picture's size in inches on the slide, in the order of slots(), given each slot's aspect
        (width/height: the outline's, else its picture's); pictures are downscaled to it."""
        return []

    def chart_size(self, theme) -> tuple[float, float] | None:
        """The chart's size in inches when the slide shows a chart drawn by a script."""
        return None

    def data_files(self) -> tuple[str, ...]:
        """CSV files under assets/data the slide reads, whose rows need a documented source."""
        return ()

    def read_files(self, assets_dir: Path, lines: dict, problems: list) -> "Slide":
        """The slide with what it reads from its files once they are known to exist (a table's CSV rows), checked
        against the outline; problems (source.Problem, with file:line from `lines`) go to the list."""
        return self

    def layout_problems(self, theme, deck: "Deck", locale: str) -> list:
        """Problems that make the slide impossible to draw on this theme, found before drawing (a table with more
        rows than fit at the smallest size), as errors with file:line from the deck."""
        return []

    def credits(self, number: int, shown: Callable[[ImageSlot], bool]) -> list[tuple]:
        """Lines for the credits slide, as (pipeline string id, values) or (pipeline string id, values, the text
        key the line is written at, e.g. `slide.slot.credit`); `shown` tells which slots have a picture."""
        return []

    def made_from(self, deck: "Deck") -> tuple[str, ...]:
        """For a slide whose content the pipeline gathers (credits, agenda): the text keys of what it shows, so
        findings name those outline lines."""
        return ()

    # -- drawing -------------------------------------------------------------------------------------------------
    def pages(self, canvas) -> list["Slide"]:
        """The slides this one is drawn as: itself, or several when its content needs more than one page
        (measured on the canvas before drawing)."""
        return [self]

    def render(self, canvas) -> None:
        """Draw the slide on the canvas's current page (a render.canvas.Canvas)."""
        raise NotImplementedError


KINDS: dict[str, type[Slide]] = {}
GENERATORS: list[Callable[..., list[Slide]]] = []


def register(cls: type[Slide]) -> type[Slide]:
    """Make a slide kind known to every stage (a class decorator)."""
    KINDS[cls.kind] = cls
    generate = cls.__dict__.get("generate")
    if generate is not None:
        GENERATORS.append(generate.__get__(None, cls))
    return cls


def outline_kinds() -> list[str]:
    """The kinds an outline may name, in registration order."""
    return [name for name, cls in KINDS.items() if cls.from_outline]


def map_bullets(prefix: str, bullets: tuple[Bullet, ...], fn: TextFn) -> tuple[Bullet, ...]:
    """Bullets with each text replaced by fn(key, text): keys `prefix[i]`, sub-bullets `prefix[i].sub[j]`."""
    out = []
    for index, bullet in enumerate(bullets):
        key = f"{prefix}[{index}]"
        out.append(Bullet(fn(key, bullet.text), map_bullets(f"{key}.sub", bullet.sub, fn)))
    return tuple(out)


def map_notes(prefix: str, notes: str, fn: TextFn) -> str:
    """Speaker notes with each paragraph (a line with text) replaced by fn(key, paragraph): keys `prefix[i]`, so an
    edit to one paragraph leaves the others' translations alone."""
    paragraphs = [line.strip() for line in notes.splitlines() if line.strip()]
    return "\n".join(fn(f"{prefix}[{index}]", text) for index, text in enumerate(paragraphs))


def walk_bullets(bullets: tuple[Bullet, ...], level: int = 0) -> Iterator[tuple[Bullet, int]]:
    """Every bullet with its level (0 for the top), in reading order."""
    for bullet in bullets:
        yield bullet, level
        yield from walk_bullets(bullet.sub, level + 1)


@dataclass(frozen=True)
class Meta:
    """What deck.yaml says about the lecture as a whole."""

    title: str
    author: str
    course: str
    term: str
    date: str
    slug: str
    show_date: bool = False  # the date on the title slide
    date_text: str = ""  # the date as the deck's locale writes it (filled when the deck is localized)


@dataclass(frozen=True)
class Deck:
    """A whole lecture: meta, parts, slides in order, where its files are, and where each text came from.

    `values` holds the numbers texts show through `{name}` (one number or a low-high range); `chinese` the script
    (zh_Hant or zh_Hans) of Chinese words in a deck of another language when their characters do not tell; `comments` the
    outline's notes for translators by slide or part id. `lines` maps keys to (file, line): a slide or part id to
    where it starts, a text key from Slide.texts() to its value, and `@`-prefixed keys to file references
    (`@slide.chart`, `@slide.slot.file`) and slot names.
    """

    meta: Meta
    slides: tuple[Any, ...]
    parts: tuple[Part, ...]
    deck_dir: Path
    assets_dir: Path
    template: Path | None = None
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict, compare=False)
    values: dict[str, tuple[float, ...]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict, compare=False)
    chart_timeout: float = DEFAULT_CHART_TIMEOUT
    chinese: str = "zh_Hant"  # the script Chinese in another language's deck is in when its characters do not say

    def origin(self, key: str) -> tuple[Path, int] | tuple[None, None]:
        """The file and line a text key (e.g. `prelude.bullets[1]`) was read from."""
        return self.lines.get(key, (None, None))

    def with_term(self, term: str) -> "Deck":
        """The same deck for another term."""
        return replace(self, meta=replace(self.meta, term=term))


def map_part(part: Part, fn: TextFn) -> Part:
    """The part with its label, question and notes replaced by fn(key, text), keys as for its divider slide."""
    return replace(part, label=fn(f"{part.id}.label", part.label), question=fn(f"{part.id}.question", part.question),
                   notes=map_notes(f"{part.id}.notes", part.notes, fn))
