"""The translators' workflow: extract the template, update every catalog from it, start a locale, report status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import catalog as cat
from ..i18n.extract import deck_entries
from ..i18n.localize import Translator
from ..problems import DeckError, Problem
from ..resolve.charts import chart_strings
from ..resolve.resolve import chart_job
from ..source.loader import load_deck
from ..source.model import Deck
from ..source.theme import load_theme
from ..steps import step
from .build import SOURCE_LOCALE


@dataclass
class Report:
    """What an i18n command did: files written or left unchanged, with counts per file."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    counts: dict[str, cat.Counts] = field(default_factory=dict)
    template: cat.Catalog | None = field(default=None, repr=False)


def template_for(deck: Deck) -> cat.Catalog:
    """The template catalog of a loaded deck, dated by deck.yaml's date so it does not churn."""
    created = dt.datetime.fromisoformat(deck.meta.date or "2000-01-01").replace(tzinfo=dt.timezone.utc)
    return cat.template(deck_entries(deck, _chart_strings(deck)), deck.meta.slug, deck.meta.title, created)


def _chart_strings(deck: Deck) -> dict[str, list[tuple[str, str, int | None]]]:
    """The texts each chart script asks for (run in English without saving a picture), by slide id."""
    theme = load_theme(deck.assets_dir, deck.template)
    found, problems = {}, []
    for slide in deck.slides:
        if slide.chart_size(theme) is None:
            continue
        strings = chart_strings(chart_job(deck, slide, theme, Translator("en"), None))
        if strings and isinstance(strings[0], Problem):
            problems.extend(strings)
        else:
            found[slide.id] = strings
    if problems:
        raise DeckError(problems)
    return found


def extract(deck_dir: Path) -> Report:
    """Write <deck>/locales/deck.pot from the outline, the chart scripts and the pipeline's own texts."""
    with step("extracting the translatable texts"):
        deck = load_deck(deck_dir)
        pot = template_for(deck)
    path = cat.locales_dir(deck_dir) / cat.TEMPLATE_NAME
    report = Report(template=pot)
    _save(path, pot, report)
    report.counts["template"] = cat.counts(pot)
    return report


def update(deck_dir: Path, locales: list[str] | None = None) -> Report:
    """Extract the template, then merge it into every locale's catalog (or the ones named) by ID. Every locale
    named is checked before anything is written."""
    problems = [problem for locale in locales or [] for problem in _locale_problems(deck_dir, locale)]
    if problems:
        raise DeckError(problems)
    catalogs = {locale: _existing(deck_dir, locale) for locale in locales or cat.catalog_locales(deck_dir)}
    report = extract(deck_dir)
    for locale, (path, old) in catalogs.items():
        with step(f"merging the template into {path.name}"):
            merged = cat.merge(report.template, old)
        _save(path, merged, report)
        report.counts[locale] = cat.counts(merged)
    return report


def init(deck_dir: Path, locale: str) -> Report:
    """Start a catalog for a new locale from a fresh template; refuses to overwrite an existing one."""
    if locale == SOURCE_LOCALE:
        raise DeckError([Problem(None, None, "LOCALE", f"{SOURCE_LOCALE} is the outline's own language (expected the "
                                                       "code of a language to translate into, such as fr or zh_Hant)")])
    wrong = cat.check_locale(locale)
    if wrong:
        raise DeckError([Problem(None, None, "LOCALE", wrong)])
    path = cat.po_path(deck_dir, locale)
    if path.exists():
        raise DeckError([Problem(path, None, "", f"catalog already exists (expected a new locale; use `build.py i18n update` to refresh {path.name})")])
    report = extract(deck_dir)
    fresh = cat.new_catalog(report.template, locale)
    _save(path, fresh, report)
    report.counts[locale] = cat.counts(fresh)
    return report


def status(deck_dir: Path, locales: list[str] | None = None, by_slide: bool = False) -> dict:
    """Per locale (and per slide when asked): translated, fuzzy, untranslated, obsolete, coverage without fuzzy.

    Counts are against the current outline: an entry the catalogs lack (update not run yet) counts as untranslated.
    """
    with step("counting the translations"):
        deck = load_deck(deck_dir)
        pot = template_for(deck)
    english = {m.context: m.id for m in pot if m.id}
    ids = list(english)
    result: dict = {"template": len(ids), "locales": {}}
    for locale in locales or cat.catalog_locales(deck_dir):
        path, catalog = _existing(deck_dir, locale)
        by_id = {m.context: m for m in catalog if m.id}
        groups: dict[str, cat.Counts] = {}
        total = cat.Counts(obsolete=len(catalog.obsolete) + sum(1 for key in by_id if key not in english))
        for key in ids:
            message = by_id.get(key)
            bucket = groups.setdefault(cat.group_of(key), cat.Counts())
            if message is None or not message.string:
                state = "untranslated"
            elif message.fuzzy or message.id != english[key]:
                state = "fuzzy"  # changed English counts as stale even before `update` marks it
            else:
                state = "translated"
            for counts in (bucket, total):
                setattr(counts, state, getattr(counts, state) + 1)
        entry = {"file": str(path), **total.as_dict()}
        if by_slide:
            entry["slides"] = {group: counts.as_dict() for group, counts in groups.items()}
        result["locales"][locale] = entry
    return result


def _save(path: Path, catalog: cat.Catalog, report: Report) -> None:
    """Write a catalog (when it changed) and note it in the report; a clear error naming the file when the disk
    refuses, saying what was written before it."""
    try:
        (report.written if cat.save(path, catalog) else report.unchanged).append(path)
    except OSError as exc:
        error = DeckError([Problem(path, None, "", f"cannot write the catalog ({exc.strerror or exc}); the file is "
                                                   "unchanged")])
        error.written = list(report.written)
        raise error from None


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
                                        f"`build.py i18n init {locale}`)")]
    return []


def _existing(deck_dir: Path, locale: str) -> tuple[Path, cat.Catalog]:
    """A locale's catalog as it is on disk; a DeckError saying how to start one when there is none."""
    path = cat.po_path(deck_dir, locale)
    if not path.is_file():
        raise DeckError([Problem(path, None, "", f"no catalog for {locale} (expected {path.name}; start one with "
                                                 f"`build.py i18n init {locale}`)")])
    return path, cat.load(path, locale)
