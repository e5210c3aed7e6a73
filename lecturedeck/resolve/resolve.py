"""Resolve a loaded deck for one build: term, locale, theme, pictures for every slot, a PNG for every chart."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..fonts import SYSTEM_FONT_HINT, MissingFont, chart_font_files
from ..i18n.localize import Strings, Translator, localize
from ..problems import WARNING, DeckError, Problem, display_path
from ..source.model import GENERATORS, PLACEHOLDER_ASPECT, Deck
from ..source.theme import Theme, load_theme
from ..steps import at, step
from ..text import MAX_PROPERTY, MAX_TEXT, text_problem
from .charts import ChartJob, render_charts
from .images import Picture, find_image, nfc, prepare_cached, probe


@dataclass
class Resolved:
    """A deck ready to render: nothing left to read from disk or decide."""

    deck: Deck
    theme: Theme
    locale: str
    strings: Strings = field(default_factory=lambda: Strings.source())
    pictures: dict[str, Picture | None] = field(default_factory=dict)
    charts: dict[str, Path] = field(default_factory=dict)
    chart_strings: dict[str, tuple] = field(default_factory=dict)  # slide id -> (ID, English, script line) of its chart
    warnings: list[Problem] = field(default_factory=list)
    prepared: dict = field(default_factory=dict, repr=False)
    cache_dir: Path | None = None  # where prepared pictures are remembered between builds


def resolve(deck: Deck, *, translator: Translator | None = None, term: str | None = None,
            cache_dir: Path, parallel: bool = True) -> Resolved:
    """Fill in term, locale and translations, prepare every picture and chart; raise DeckError listing every
    problem. Fallbacks to English are warnings."""
    translator = translator or Translator("en")
    if term:
        deck = deck.with_term(term)
    with step("reading the theme"):
        theme = load_theme(deck.assets_dir, deck.template)
    with step(f"applying the {translator.locale} translations{at(translator.path)}"):
        localized, strings = localize(deck, translator)
    resolved = Resolved(localized, theme, translator.locale, strings, cache_dir=cache_dir.parent / "pictures")
    problems: list[Problem] = []
    for slide in localized.slides:
        _pictures(resolved, slide, problems)
        problems.extend(slide.layout_problems(theme, localized, translator.locale))
    chart_slides = [slide for slide in localized.slides if slide.chart_size(theme) is not None]
    with step("drawing the charts"):
        try:
            jobs = [chart_job(localized, slide, theme, translator, cache_dir.parent) for slide in chart_slides]
        except MissingFont as missing:
            jobs, chart_slides = [], []
            problems.append(font_problem(missing, translator))
        for slide, job, result in zip(chart_slides, jobs, render_charts(jobs, cache_dir, parallel=parallel)):
            _chart_result(resolved, slide, job, result, problems, translator)
    problems = translator.errors + problems
    if problems:
        raise DeckError(problems)
    with step("generating the slides the pipeline adds"):
        generated = [slide for generate in GENERATORS for slide in generate(resolved)]
    if generated:
        resolved.deck = replace(localized, slides=(*localized.slides, *generated))
    problems = text_problems(resolved.deck, strings, translator)
    if problems:
        raise DeckError(problems)
    resolved.warnings[:0] = translator.warnings + translator.unused()
    return resolved


def text_problems(deck: Deck, strings: Strings, translator: Translator) -> list[Problem]:
    """The last check before anything is drawn: every text the deck will show or store, whatever its source
    (outline, deck.yaml, catalog, the pipeline's own), is one text_problem() accepts, named by its key and place."""
    meta = deck.meta
    texts = [(f"deck.{name}", getattr(meta, name), MAX_PROPERTY) for name in ("title", "author", "course", "term")]
    texts += [(key, text, MAX_TEXT) for slide in deck.slides for key, text in slide.texts()]
    texts += [(key, text, MAX_TEXT) for key, text in strings.texts.items()]
    problems = []
    for key, text, limit in texts:
        wrong = text_problem(text, limit=limit)
        if wrong:
            file, line = translator.place_of(key, text) or deck.origin(key)
            problems.append(Problem(file, line, key, wrong))
    return problems


def _pictures(resolved: Resolved, slide, problems: list[Problem]) -> None:
    deck = resolved.deck
    paths = [find_image(deck.assets_dir, slot.file) for slot in slide.slots()]
    aspects = []
    for slot, path in zip(slide.slots(), paths):  # the layout follows each picture's shape unless the slot sets one
        size = probe(path) if path is not None and slot.aspect is None else None
        shape = slot.aspect or size or PLACEHOLDER_ASPECT
        aspects.append(shape[0] / shape[1])
    for slot, path, size in zip(slide.slots(), paths, slide.slot_sizes(resolved.theme, aspects)):
        file, line = deck.origin(f"{slide.id}.{slot.slot}.alt")
        where = f"{slide.id}.{slot.slot}"
        if path is None:
            resolved.pictures[slot.slot] = None
            resolved.warnings.append(Problem(file, line, where, f"image file missing, placeholder used (expected {display_path(deck.assets_dir / slot.file)})", WARNING, "assets.slot"))
            continue
        expected = deck.assets_dir / slot.file
        if path.name != expected.name and path.stem != expected.stem and nfc(path.stem) == nfc(expected.stem):
            resolved.warnings.append(Problem(file, line, where, f"file name is written in another Unicode form, used "
                                             f"it (expected {display_path(expected)}, got {ascii(path.name)}: its accents "
                                             "are separate characters; rename it by typing the name)", WARNING, "assets.slot"))
        elif path.name != expected.name and path.stem != expected.stem:
            resolved.warnings.append(Problem(file, line, where, f"file name differs in letter case, used it (expected "
                                             f"{display_path(expected)}, got {path.name}: rename it, or the deck "
                                             "builds without it on Linux)", WARNING, "assets.slot"))
        key = (path.resolve(), round(size[0], 3), round(size[1], 3))
        if key not in resolved.prepared:  # a picture used in several slots of the same size is decoded once
            with step(f"preparing the picture {display_path(path)} for slot {slot.slot}{at(file, line)}"):
                resolved.prepared[key] = prepare_cached(path, size, resolved.cache_dir)
        picture = resolved.prepared[key]
        if isinstance(picture, Problem):
            problems.append(Problem(file, line, where, f"{display_path(path)}: {picture.message}"))
            continue
        resolved.pictures[slot.slot] = picture
        if picture.warning:
            resolved.warnings.append(Problem(file, line, where, f"{display_path(path)}: {picture.warning}", WARNING,
                                             "assets.slot"))
        if not slot.credit:
            resolved.warnings.append(Problem(file, line, where, "picture has no credit (expected who made it and where it is held)", WARNING, "assets.credit"))


def chart_job(deck: Deck, slide, theme: Theme, translator: Translator, cache_dir: Path | None,
              dpi: int | None = None) -> ChartJob:
    """Everything that decides a chart slide's picture in the translator's locale (its translations and the font
    files included); raises MissingFont when the locale's charts need a font the machine lacks."""
    script = deck.deck_dir / slide.chart
    fonts = theme.locale_fonts(translator.locale)
    return ChartJob(
        script=script,
        data_dir=deck.assets_dir / "data",
        data=slide.data,
        size=slide.chart_size(theme),
        dpi=dpi or theme.chart_dpi,
        locale=translator.locale,
        fonts=chart_font_files(fonts.chart_fonts, fonts.chart_required, cache_dir),
        colors=theme.colors,
        translations=translator.table(f"chart.{script.stem}."),
        timeout=deck.chart_timeout,
    )


def font_problem(missing: MissingFont, translator: Translator) -> Problem:
    """The one error for a locale whose charts need a font that is not installed."""
    return Problem(translator.path, None, f"locale {translator.locale}",
                   f"the charts need the font {missing.family}, which is not installed (expected it installed: "
                   f"{SYSTEM_FONT_HINT}); nothing falls back to another font")


def _chart_result(resolved: Resolved, slide, job: ChartJob, result, problems: list[Problem],
                  translator: Translator) -> None:
    if isinstance(result, list):
        problems.extend(result)
        return
    resolved.charts[slide.id] = result.path
    resolved.chart_strings[slide.id] = result.strings
    for message, line in result.notes:
        resolved.warnings.append(Problem(job.script, line, f"{slide.id}.chart", message, WARNING, "chart"))
    translator.chart_texts(f"chart.{job.script.stem}.", list(result.strings), job.script)
