"""Apply one locale's catalog to a deck: translated texts, the term, numbers formatted from data, the pipeline's texts.

The translator finds each text's translation with the same translation memory `i18n update` uses
(`memory.match`), so a build shows exactly what the catalog would hold after an update: a translation made for
other English (the lecturer edited it and `update` has not run) is never shown; the English is, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..problems import WARNING, Problem, command_hint, display_path
from ..source.model import Deck, map_part
from . import memory, pipeline
from .extract import deck_entries
from .po import PoCatalog, PoEntry
from .strings import UI_STRINGS, fill, format_day, format_number, format_range, term_parts
from .validate import mismatch

FALLBACK, STALE, OBSOLETE = "i18n.fallback", "i18n.stale", "i18n.obsolete"


@dataclass
class Translator:
    """Looks a deck's texts up in one locale's catalog (the pipeline's texts also in the package's catalogs); falls
    back to English with a warning, rejects broken translations."""

    locale: str
    catalog: PoCatalog | None = None
    path: Path | None = None
    origins: dict[str, tuple[Path, int | None]] = field(default_factory=dict)
    strings: list[tuple[str, str]] = field(default_factory=list)  # the deck's (ID, English), chart texts aside
    deck_dir: Path | None = None  # named in the hints of warnings
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def __post_init__(self):
        self._reported: set[str] = set()
        self.found: dict[str, memory.Found] = {}
        self._unused: dict[int, PoEntry] = {}
        self._pipeline_keys: set[str] = set()
        self._charts: set[str] = set()  # chart scripts whose texts were matched
        if self.catalog is None:
            return
        keys = pipeline.deck_keys(self.locale, self.catalog)
        self._pipeline_keys = set(keys)
        found, unused = memory.match([*self.strings, *((key, UI_STRINGS[key][0]) for key in keys)], self.catalog)
        self.found = found
        self._unused = {id(entry): entry for entry in unused if not entry.obsolete}

    @classmethod
    def for_deck(cls, deck: Deck, locale: str, catalog: PoCatalog, path: Path, deck_dir: Path) -> "Translator":
        """A translator for a loaded deck: its texts matched against the catalog up front."""
        strings = [(entry.id, entry.text) for entry in deck_entries(deck, {})]
        return cls(locale, catalog, path, dict(deck.lines), strings, deck_dir)

    # -- looking texts up --------------------------------------------------------------------------------------------
    def text(self, key: str, english: str) -> str:
        """The translation of `english` under ID `key`, or the English when there is none usable (with a warning)."""
        if self.catalog is None:
            return english
        found = self.found.get(key)
        if found is None or found.english != english:
            found = memory.match([(key, english)], self.catalog)[0][key]
            self.found[key] = found
        return self._use(found)

    def pipeline(self, key: str) -> str:
        """One of the pipeline's own texts: the deck's catalog when it has a usable entry, else the package's
        translation for the locale (or its language), else English with a warning."""
        english = UI_STRINGS[key][0]
        if self.catalog is None and self.locale == "en":
            return english
        if key in self._pipeline_keys:
            found = self.found[key]
            if found.state == memory.TRANSLATED or pipeline.package_entry(self.locale, key) is None:
                return self._use(found)
        entry = pipeline.package_entry(self.locale, key)
        return entry.msgstr if entry is not None else english

    def place_of(self, key: str, text: str) -> tuple[Path | None, int] | None:
        """The catalog file and line of the translation a shown text holds, None when it holds none."""
        found = self.found.get(key)
        if (found is None or found.entry is None or found.state != memory.TRANSLATED or not found.translation
                or found.translation not in text):
            return None
        return self.path, found.entry.msgstr_line or found.entry.line

    def table(self, prefix: str) -> tuple[tuple[str, str, str], ...]:
        """What a chart script may show for its texts: (ID, English, translation) for every entry of its script,
        the translation empty when it is not usable (fuzzy, untranslated or broken)."""
        if self.catalog is None:
            return ()
        out = []
        for entry in [*self.catalog.entries, *self.catalog.obsolete]:
            if entry.context is None or not entry.context.startswith(prefix):
                continue
            usable = entry.msgstr if entry.msgstr and not entry.fuzzy and not entry.obsolete else ""
            if usable and mismatch(entry.context, entry.msgid, usable):
                usable = ""
            if not entry.obsolete or usable:
                out.append((entry.context, entry.msgid, usable))
        return tuple(sorted(out))

    def chart_texts(self, prefix: str, used: list[tuple[str, str, int | None]], script: Path) -> None:
        """Report, for the texts a chart script showed, what was not translated (as the build showed them)."""
        if self.catalog is None:
            return
        for key, english, line in used:
            self.origins.setdefault(key, (script, line))
        found, unused = memory.match([(key, english) for key, english, _line in used], self.catalog)
        scope = prefix.rstrip(".")
        self._charts.add(scope)
        self._unused = {k: e for k, e in self._unused.items() if memory.scope_of(e.context or "") != scope}
        self._unused.update({id(e): e for e in unused if not e.obsolete and memory.scope_of(e.context or "") == scope})
        for key, english, _line in used:
            self.found[key] = found[key]
            self._use(found[key])

    def unused(self) -> list[Problem]:
        """Warnings for live catalog entries no current text took (after every text was looked up)."""
        return [Problem(self.path, entry.line, entry.context or "", "entry for text the outline no longer has "
                        f"(expected it marked obsolete: run {self._hint('i18n', 'update')})", WARNING, OBSOLETE)
                for entry in self._unused.values()]

    # -- what a lookup found -----------------------------------------------------------------------------------------
    def _use(self, found: memory.Found) -> str:
        key, entry = found.key, found.entry
        name = self.path.name if self.path else f"{self.locale}.po"
        if found.state == memory.UNTRANSLATED and entry is None:
            file, line = self.origins.get(key, (self.path, None))
            package = (f" and the package has no {self.locale} translation of the pipeline's texts"
                       if key in UI_STRINGS else "")
            self._report(Problem(file, line, key, f"not in {name} yet{package}, English used (expected an entry: run "
                                 f"{self._hint('i18n', 'update')})", WARNING, FALLBACK))
            return found.english
        assert entry is not None  # memory.match takes every translated, fuzzy or stale string from an entry
        if found.state == memory.TRANSLATED:
            wrong = mismatch(key, found.english, found.translation)
            if not wrong:
                return found.translation
            self._report(Problem(self.path, entry.msgstr_line or entry.line, key, wrong))
        elif found.state == memory.FUZZY:
            self._report(Problem(self.path, entry.line, key, "translation is marked fuzzy, English used (expected a "
                                 "reviewed translation without the fuzzy flag)", WARNING, STALE))
        elif found.state == memory.STALE:
            file, line = self.origins.get(key, (self.path, None))
            self._report(Problem(file, line, key, "the English changed since it was translated, English used "
                                 "(expected a translation of the new English, got one of "
                                 f"{_quote(found.previous)} at {display_path(self.path or name)}:{entry.line}: run "
                                 f"{self._hint('i18n', 'update')}, review it and remove its fuzzy flag)",
                                 WARNING, STALE))
        else:
            self._report(Problem(self.path, entry.line, key, "untranslated, English used", WARNING, FALLBACK))
        return found.english

    def _hint(self, *words: str) -> str:
        return command_hint(self.deck_dir, *words)

    def _report(self, problem: Problem) -> None:
        if problem.where in self._reported:
            return
        self._reported.add(problem.where)
        (self.warnings if problem.level == WARNING else self.errors).append(problem)


def _quote(text: str | None) -> str:
    text = (text or "").replace("\n", " ")
    return repr(text if len(text) <= 60 else text[:57] + "...")


@dataclass(frozen=True)
class Strings:
    """The pipeline's own texts for one locale, ready to fill."""

    locale: str
    texts: dict[str, str]

    @classmethod
    def source(cls) -> "Strings":
        """The English texts."""
        return cls("en", {key: english for key, (english, _note) in UI_STRINGS.items()})

    def get(self, key: str, **values: str) -> str:
        """A UI string with its placeholders filled."""
        return fill(self.texts[key], values)


def localize(deck: Deck, translator: Translator) -> tuple[Deck, Strings]:
    """The deck in the translator's locale (term and `{values}` filled in), and the UI strings."""
    t = translator
    strings = Strings(t.locale, {key: t.pipeline(key) for key in UI_STRINGS})
    values = {}
    for name, numbers in deck.values.items():
        if len(numbers) == 2:
            values[name] = format_range(numbers[0], numbers[1], t.locale, strings.texts["ui.range"])
        else:
            values[name] = format_number(numbers[0], t.locale)

    meta = deck.meta
    term = meta.term
    parts = term_parts(term)
    if parts:
        season_key, year = parts
        term = strings.get("term.format", season=strings.texts[season_key], year=year)
    values["term"] = term

    def text(key: str, english: str) -> str:
        translated = t.text(key, english)
        if "{date}" in translated and "date" not in values:
            values["date"] = format_day(deck.meta.date, t.locale)
        return fill(translated, values)

    meta = replace(meta, title=text("deck.title", meta.title), author=text("deck.author", meta.author),
                   course=text("deck.course", meta.course), term=term,
                   date_text=format_day(meta.date, t.locale) if meta.show_date else "")
    localized_parts = {part.id: map_part(part, text) for part in deck.parts}
    slides = tuple(slide.map_texts(text, localized_parts) for slide in deck.slides)
    return replace(deck, meta=meta, slides=slides, parts=tuple(localized_parts.values())), strings
