"""Resolve a loaded deck for one build: term, locale, theme, pictures for every slot, a PNG for every chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .charts import ChartJob, render_chart
from .grid import chart_box, slot_boxes
from .images import Picture, find_image, prepare
from .model import ChartSlide, Deck, ImageSlide
from .problems import WARNING, DeckError, Problem, display_path
from .theme import Theme, load_theme


@dataclass
class Resolved:
    """A deck ready to render: nothing left to read from disk or decide."""

    deck: Deck
    theme: Theme
    locale: str
    pictures: dict[str, Picture | None] = field(default_factory=dict)
    charts: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def resolve(deck: Deck, *, locale: str = "en", term: str | None = None, cache_dir: Path) -> Resolved:
    """Fill in term and locale, prepare every picture and chart; raise DeckError listing every problem."""
    if term:
        deck = deck.with_term(term)
    theme = load_theme(deck.assets_dir)
    resolved = Resolved(deck, theme, locale)
    problems: list[Problem] = []
    for slide in deck.slides:
        if isinstance(slide, ImageSlide):
            _pictures(resolved, slide, problems)
        elif isinstance(slide, ChartSlide):
            _chart(resolved, slide, cache_dir, problems)
    if problems:
        raise DeckError(problems)
    return resolved


def _pictures(resolved: Resolved, slide: ImageSlide, problems: list[Problem]) -> None:
    deck = resolved.deck
    for slot, (box, _caption) in zip(slide.images, slot_boxes(slide, resolved.theme)):
        file, line = deck.origin(f"{slide.id}.{slot.slot}.alt")
        where = f"{slide.id}.{slot.slot}"
        path = find_image(deck.assets_dir, slot.file)
        if path is None:
            resolved.pictures[slot.slot] = None
            resolved.warnings.append(Problem(file, line, where, f"image file missing, placeholder used (expected {display_path(deck.assets_dir / slot.file)})", WARNING))
            continue
        picture = prepare(path, (box[2], box[3]))
        if isinstance(picture, Problem):
            problems.append(Problem(file, line, where, f"{path}: {picture.message}"))
            continue
        resolved.pictures[slot.slot] = picture
        if not slot.credit:
            resolved.warnings.append(Problem(file, line, where, "picture has no credit (expected who made it and where it is held)", WARNING))


def _chart(resolved: Resolved, slide: ChartSlide, cache_dir: Path, problems: list[Problem]) -> None:
    deck, theme = resolved.deck, resolved.theme
    box = chart_box(theme)
    job = ChartJob(
        script=deck.deck_dir / slide.chart,
        data_dir=deck.assets_dir / "data",
        data=slide.data,
        size=(round(box[2], 3), round(box[3], 3)),
        dpi=theme.chart_dpi,
        locale=resolved.locale,
        fonts=theme.locale_fonts(resolved.locale).chart_fonts,
        colors=theme.colors,
    )
    result = render_chart(job, cache_dir)
    if isinstance(result, Problem):
        problems.append(result)
    else:
        resolved.charts[slide.id] = result
