"""Apply one locale's catalog to a deck: translated texts, the term, numbers formatted from data, the UI strings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from ..source.markup import placeholders, signature
from ..source.model import Deck, map_part
from ..problems import WARNING, Problem
from .strings import UI_STRINGS, fill, format_day, format_number, format_range, term_parts


@dataclass
class Translator:
    """Looks texts up in one locale's catalog; falls back to English with a warning, rejects broken translations."""

    locale: str
    catalog: Catalog | None = None
    path: Path | None = None
    origins: dict[str, tuple[Path, int]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    def __post_init__(self):
        self.messages: dict[str, Message] = {m.context: m for m in self.catalog if m.id} if self.catalog else {}
        self._reported: set[str] = set()
        self.asked: set[str] = set()

    def text(self, key: str, english: str) -> str:
        """The translation of `english` under ID `key`, or the English when there is none usable."""
        if self.catalog is None:
            return english
        self.asked.add(key)
        message = self.messages.get(key)
        if message is None:
            file, line = self.origins.get(key, (self.path, None))
            self._warn(Problem(file, line, key, f"not in {self.path.name} yet, English used "
                                                "(expected an entry: run `build.py i18n update`)", WARNING, "i18n.fallback"))
            return english
        if message.fuzzy:
            self._warn(Problem(self.path, message.lineno, key, "translation is stale (fuzzy), English used "
                                                               "(expected a reviewed translation without the fuzzy flag)", WARNING, "i18n.fallback"))
            return english
        if not message.string:
            self._warn(Problem(self.path, message.lineno, key, "untranslated, English used", WARNING, "i18n.fallback"))
            return english
        wrong = mismatch(english, message.string)
        if wrong:
            self._warn(Problem(self.path, message.lineno, key, wrong))
            return english
        return message.string

    def table(self, prefix: str) -> dict[str, str]:
        """Every usable translation whose ID starts with prefix (for chart scripts), broken ones reported."""
        out = {}
        for key, message in self.messages.items():
            if not key.startswith(prefix):
                continue
            self.asked.add(key)
            if message.string and not message.fuzzy:
                wrong = mismatch(message.id, message.string)
                if wrong:
                    self._warn(Problem(self.path, message.lineno, key, wrong))
                else:
                    out[key] = message.string
        return out

    def unused(self) -> list[Problem]:
        """Warnings for catalog entries whose ID the deck no longer has (after every text was looked up)."""
        return [Problem(self.path, message.lineno, key, "entry for an ID the outline no longer has (expected it "
                                                        "marked obsolete: run `build.py i18n update`)", WARNING, "i18n.stale")
                for key, message in self.messages.items() if key not in self.asked]

    def _warn(self, problem: Problem) -> None:
        if problem.where in self._reported:
            return
        self._reported.add(problem.where)
        (self.warnings if problem.level == WARNING else self.errors).append(problem)


def mismatch(english: str, translation: str) -> str | None:
    """What a translation breaks: its `{placeholders}` or its bold/italic markup must match the English."""
    want, got = Counter(placeholders(english)), Counter(placeholders(translation))
    if want != got:
        return (f"placeholders differ from the English (expected {_names(want)}, got {_names(got)})")
    want_marks, got_marks = Counter(signature(english)), Counter(signature(translation))
    if want_marks != got_marks:
        return (f"inline markup differs from the English (expected {_marks(want_marks)}, got {_marks(got_marks)})")
    return None


def _names(counter: Counter) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(counter.elements())) or "none"


def _marks(counter: Counter) -> str:
    names = {(True, False): "**bold**", (False, True): "*italic*", (True, True): "***bold italic***"}
    return ", ".join(names[style] for style in sorted(counter.elements(), reverse=True)) or "no markup"


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
    strings = Strings(t.locale, {key: t.text(key, english) for key, (english, _note) in UI_STRINGS.items()})
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
