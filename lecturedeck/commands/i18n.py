"""The translators' workflow: extract the template, update every catalog from it, start a locale, report status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import catalog as cat
from ..i18n import memory, pipeline
from ..i18n.extract import deck_entries, pipeline_entries
from ..i18n.glossary import glossary_problems, load_glossary
from ..i18n.localize import Translator
from ..i18n.po import PoCatalog
from ..problems import DeckError, Problem, command_hint, display_path
from ..resolve.charts import chart_strings
from ..resolve.resolve import chart_job
from ..source.loader import load_deck
from ..source.model import Deck
from ..source.theme import load_theme
from ..steps import step
from .build import SOURCE_LOCALE


@dataclass
class Report:
    """What an i18n command did: files written or left unchanged, with counts per file; the deck, its entries and
    the template extracted from it."""

    deck: Deck = field(repr=False)
    template: PoCatalog = field(repr=False)
    entries: list[cat.Entry] = field(default_factory=list, repr=False)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    counts: dict[str, cat.Counts] = field(default_factory=dict)


def created_of(deck: Deck) -> dt.datetime:
    """The template's date: deck.yaml's date, so the files do not churn."""
    return dt.datetime.fromisoformat(deck.meta.date or "2000-01-01").replace(tzinfo=dt.timezone.utc)


def _chart_strings(deck: Deck) -> dict[str, list[tuple[str, str, int | None]]]:
    """The texts each chart script asks for (run in English without saving a picture), by slide id."""
    theme = load_theme(deck.assets_dir, deck.template)
    found: dict[str, list[tuple[str, str, int | None]]] = {}
    problems: list[Problem] = []
    for slide in deck.slides:
        if slide.chart_size(theme) is None:
            continue
        strings, wrong = chart_strings(chart_job(deck, slide, theme, Translator("en"), None))
        if wrong:
            problems.extend(wrong)
        else:
            found[slide.id] = strings
    if problems:
        raise DeckError(problems)
    return found


def extract(deck_dir: Path) -> Report:
    """Write <deck>/locales/deck.pot from the outline and the chart scripts (the package translates the pipeline's
    own texts)."""
    with step("extracting the translatable texts"):
        deck = load_deck(deck_dir)
        entries = deck_entries(deck, _chart_strings(deck))
        pot = cat.template(entries, deck.meta.slug, deck.meta.title, created_of(deck))
    path = cat.locales_dir(deck_dir) / cat.TEMPLATE_NAME
    report = Report(entries=entries, deck=deck, template=pot)
    _save(path, pot, report)
    report.counts["template"] = cat.counts(pot)
    return report


def update(deck_dir: Path, locales: list[str] | None = None) -> Report:
    """Extract the template, then bring every locale's catalog (or the ones named) up to date through the
    translation memory; the pipeline's texts stay in a catalog that translates them (no package translation for the
    locale) or overrides them. Every locale named is checked before anything is written."""
    problems = [problem for locale in locales or [] for problem in _locale_problems(deck_dir, locale)]
    if problems:
        raise DeckError(problems)
    catalogs = {locale: _existing(deck_dir, locale) for locale in locales or cat.catalog_locales(deck_dir)}
    report = extract(deck_dir)
    for locale, (path, old) in catalogs.items():
        with step(f"merging the template into {path.name}"):
            extra = pipeline_entries(pipeline.deck_keys(locale, old), report.deck)
            merged = cat.merge(report.entries + extra, old, created_of(report.deck))
        _save(path, merged, report)
        report.counts[locale] = cat.counts(merged)
    return report


def init(deck_dir: Path, locale: str) -> Report:
    """Start a catalog for a new locale from a fresh template; refuses to overwrite an existing one. The pipeline's
    texts are added only when the package has no translation of them for the locale."""
    if locale == SOURCE_LOCALE:
        raise DeckError([Problem(None, None, "LOCALE", f"{SOURCE_LOCALE} is the outline's own language (expected the "
                                                       "code of a language to translate into, such as fr or zh_Hant)")])
    wrong = cat.check_locale(locale)
    if wrong:
        raise DeckError([Problem(None, None, "LOCALE", wrong)])
    path = cat.po_path(deck_dir, locale)
    if path.exists():
        raise DeckError([Problem(path, None, "", f"catalog already exists (expected a new locale; use "
                                                 f"{command_hint(deck_dir, 'i18n', 'update')} to refresh {path.name})")])
    report = extract(deck_dir)
    fresh = cat.new_catalog(report.template, locale, pipeline_entries(pipeline.deck_keys(locale, None), report.deck))
    _save(path, fresh, report)
    report.counts[locale] = cat.counts(fresh)
    return report


def status(deck_dir: Path, locales: list[str] | None = None, by_slide: bool = False) -> dict:
    """Per locale: translated, fuzzy, stale, untranslated and obsolete strings and the coverage (fuzzy and stale
    not counted), matched as a build would (an edit since the last `update` counts as stale); glossary findings;
    and with by_slide, per slide in deck order the strings that need work, with their catalog line."""
    with step("counting the translations"):
        deck = load_deck(deck_dir)
        entries = deck_entries(deck, _chart_strings(deck))
    numbers = {slide.id: number for number, slide in enumerate(deck.slides, 1)}
    result: dict = {"template": len(entries), "locales": {}}
    for locale in locales or cat.catalog_locales(deck_dir):
        path, catalog = _existing(deck_dir, locale)
        current = entries + pipeline_entries(pipeline.deck_keys(locale, catalog), deck)
        found, unused = memory.match([(entry.id, entry.text) for entry in current], catalog)
        total = cat.Counts(obsolete=len([entry for entry in unused if entry.msgstr]))
        work: dict[str | None, list[dict]] = {}
        for entry in current:
            item = found[entry.id]
            total.add(item.state)
            if item.state != memory.TRANSLATED:
                work.setdefault(entry.slide, []).append({
                    "state": item.state, "id": entry.id, "file": str(path),
                    "line": item.entry.line if item.entry is not None else None})
        glossary = load_glossary(cat.locales_dir(deck_dir), locale)
        record = {"file": str(path), **total.as_dict(),
                  "glossary": [problem_dict(p) for p in glossary_problems(glossary, catalog, path)]}
        if by_slide:
            record["slides"] = [{"number": numbers.get(slide), "id": slide or "deck and pipeline", "strings": items}
                                for slide, items in sorted(work.items(), key=lambda kv: numbers.get(kv[0], 0))]
        result["locales"][locale] = record
    return result


def problem_dict(problem: Problem) -> dict:
    """A problem as JSON data."""
    return {"file": str(problem.file) if problem.file else None, "line": problem.line, "id": problem.where,
            "message": problem.message}


def _save(path: Path, catalog: PoCatalog, report: Report) -> None:
    """Write a catalog (when it changed) and note it in the report; a clear error naming the file when the disk
    refuses, saying what was written before it."""
    try:
        (report.written if cat.save(path, catalog) else report.unchanged).append(path)
    except OSError as exc:
        raise DeckError([Problem(path, None, "", f"cannot write the catalog ({exc.strerror or exc}); the file is "
                                                 "unchanged")], written=report.written) from None


def _locale_problems(deck_dir: Path, locale: str) -> list[Problem]:
    """Why `--locale` cannot be updated: the outline's own language, an unknown code, or no catalog yet."""
    if locale == SOURCE_LOCALE:
        return [Problem(None, None, "--locale", f"{SOURCE_LOCALE} is the outline's own language, which has no catalog "
                                                "(expected the code of a translated language)")]
    wrong = cat.check_locale(locale)
    if wrong:
        return [Problem(None, None, "--locale", wrong)]
    path = cat.po_path(deck_dir, locale)
    if not path.is_file():
        return [Problem(path, None, "", f"no catalog for {locale} (expected {path.name}; start one with "
                                        f"{command_hint(deck_dir, 'i18n', 'init', locale)})")]
    return []


def _existing(deck_dir: Path, locale: str) -> tuple[Path, PoCatalog]:
    """A locale's catalog as it is on disk; a DeckError saying how to start one when there is none."""
    path = cat.po_path(deck_dir, locale)
    if not path.is_file():
        raise DeckError([Problem(path, None, "", f"no catalog for {locale} (expected {path.name}; start one with "
                                                 f"{command_hint(deck_dir, 'i18n', 'init', locale)})")])
    return path, cat.load(path)


def string_states(deck_dir: Path, locale: str, strings: list[tuple[str, str]]) -> dict[str, tuple[str, str, str]]:
    """For each (ID, English), matched as a build matches it: its state in the locale's catalog (translated, fuzzy,
    stale or untranslated), its translation and its catalog `file:line` ("" when the catalog has no entry)."""
    path, catalog = _existing(deck_dir, locale)
    found, _unused = memory.match(strings, catalog)
    out = {}
    for key, _english in strings:
        item = found[key]
        line = item.entry.line if item.entry is not None else None
        out[key] = (item.state, item.translation, f"{display_path(path)}:{line}" if line else "")
    return out
