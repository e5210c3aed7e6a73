"""Resolve a loaded deck for one build: term, locale, theme, pictures for every slot, a PNG for every chart."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .charts import ChartJob, render_charts
from .localize import Strings, Translator, localize
from .grid import chart_box, slot_boxes
from .images import Picture, find_image, prepare
from .model import Bullet, ChartSlide, CreditsSlide, Deck, ImageSlide
from .problems import WARNING, DeckError, Problem, display_path
from .theme import Theme, load_theme


@dataclass
class Resolved:
    """A deck ready to render: nothing left to read from disk or decide."""

    deck: Deck
    theme: Theme
    locale: str
    strings: Strings = field(default_factory=lambda: Strings.source())
    pictures: dict[str, Picture | None] = field(default_factory=dict)
    charts: dict[str, Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    prepared: dict = field(default_factory=dict, repr=False)


def resolve(deck: Deck, *, translator: Translator | None = None, term: str | None = None,
            cache_dir: Path, parallel: bool = True) -> Resolved:
    """Fill in term, locale and translations, prepare every picture and chart; raise DeckError listing every
    problem. Fallbacks to English are warnings."""
    translator = translator or Translator("en")
    if term:
        deck = deck.with_term(term)
    theme = load_theme(deck.assets_dir)
    localized, strings = localize(deck, translator)
    resolved = Resolved(localized, theme, translator.locale, strings)
    problems: list[Problem] = []
    for slide in localized.slides:
        if isinstance(slide, ImageSlide):
            _pictures(resolved, slide, problems)
    chart_slides = [slide for slide in localized.slides if isinstance(slide, ChartSlide)]
    jobs = [chart_job(resolved, slide, translator) for slide in chart_slides]
    for slide, job, result in zip(chart_slides, jobs, render_charts(jobs, cache_dir, parallel=parallel)):
        _chart_result(resolved, slide, job, result, problems, translator)
    problems = translator.errors + problems
    if problems:
        raise DeckError(problems)
    credits = credits_slide(resolved)
    if credits is not None:
        resolved.deck = replace(localized, slides=(*localized.slides, credits))
    resolved.warnings[:0] = translator.warnings + translator.unused()
    return resolved


def credits_slide(resolved: Resolved) -> CreditsSlide | None:
    """The last slide: each picture shown with its credit, each chart with its source; None when there are none."""
    ui, deck = resolved.strings, resolved.deck
    items = []
    for number, slide in enumerate(deck.slides, 1):
        if isinstance(slide, ImageSlide):
            for slot in slide.images:
                if resolved.pictures.get(slot.slot) is not None and slot.credit:
                    what = slot.caption or slide.title
                    items.append(Bullet(ui.get("ui.credit-picture", number=str(number), what=what, credit=slot.credit)))
        elif isinstance(slide, ChartSlide):
            items.append(Bullet(ui.get("ui.credit-chart", number=str(number), what=slide.title, source=slide.source)))
    if not items:
        return None
    readme = deck.assets_dir / "data" / "README.md"
    target = readme if readme.is_file() else deck.assets_dir / "data"
    shown = Path(os.path.relpath(target.resolve(), deck.deck_dir.resolve().parent)).as_posix()  # not cwd-dependent
    items.append(Bullet(ui.get("ui.credit-data", file=shown)))
    return CreditsSlide("credits", ui.get("ui.credits-title"), ui.get("ui.credits-notes", file=shown), tuple(items))


def _pictures(resolved: Resolved, slide: ImageSlide, problems: list[Problem]) -> None:
    deck = resolved.deck
    for slot, (box, _caption) in zip(slide.images, slot_boxes(slide, resolved.theme)):
        file, line = deck.origin(f"{slide.id}.{slot.slot}.alt")
        where = f"{slide.id}.{slot.slot}"
        path = find_image(deck.assets_dir, slot.file)
        if path is None:
            resolved.pictures[slot.slot] = None
            resolved.warnings.append(Problem(file, line, where, f"image file missing, placeholder used (expected {display_path(deck.assets_dir / slot.file)})", WARNING, "assets.slot"))
            continue
        expected = deck.assets_dir / slot.file
        if path.name != expected.name and path.stem != expected.stem:
            resolved.warnings.append(Problem(file, line, where, f"file name differs in letter case, used it (expected "
                                             f"{display_path(expected)}, got {path.name}: rename it, or the deck "
                                             "builds without it on Linux)", WARNING, "assets.slot"))
        key = (path.resolve(), round(box[2], 3), round(box[3], 3))
        if key not in resolved.prepared:  # a picture used in several slots of the same size is decoded once
            resolved.prepared[key] = prepare(path, (box[2], box[3]))
        picture = resolved.prepared[key]
        if isinstance(picture, Problem):
            problems.append(Problem(file, line, where, f"{display_path(path)}: {picture.message}"))
            continue
        resolved.pictures[slot.slot] = picture
        if not slot.credit:
            resolved.warnings.append(Problem(file, line, where, "picture has no credit (expected who made it and where it is held)", WARNING, "assets.credit"))


def chart_job(resolved: Resolved, slide: ChartSlide, translator: Translator) -> ChartJob:
    """Everything that decides a chart slide's picture in this locale (its translations included)."""
    deck, theme, locale = resolved.deck, resolved.theme, resolved.locale
    script = deck.deck_dir / slide.chart
    box = chart_box(theme)
    return ChartJob(
        script=script,
        data_dir=deck.assets_dir / "data",
        data=slide.data,
        size=(round(box[2], 3), round(box[3], 3)),
        dpi=theme.chart_dpi,
        locale=locale,
        fonts=theme.locale_fonts(locale).chart_fonts,
        colors=theme.colors,
        translations=tuple(sorted(translator.table(f"chart.{script.stem}.").items())),
        timeout=deck.chart_timeout,
    )


def _chart_result(resolved: Resolved, slide: ChartSlide, job: ChartJob, result, problems: list[Problem],
                  translator: Translator) -> None:
    if isinstance(result, Problem):
        problems.append(result)
        return
    resolved.charts[slide.id] = result.path
    for message, line in result.notes:
        resolved.warnings.append(Problem(job.script, line, f"{slide.id}.chart", message, WARNING, "chart"))
    for key, english, line in result.strings:
        translator.origins.setdefault(key, (job.script, line))
        translator.text(key, english)  # reports fallbacks to English for this chart's texts
