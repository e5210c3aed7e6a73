"""Translation catalogs of a deck: the template, a new locale's catalog, the update through the translation memory,
reading with every problem reported, counts.

Every entry's msgctxt is a stable ID from the outline (`prelude.bullets[1]`, `prelude.notes[0]`); the memory
(`memory.match`) decides which old entry gives each current string its translation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from textwrap import TextWrapper
from typing import Sequence


from ..files import not_a_file, write_atomic
from ..problems import DeckError, Problem, describe
from . import memory
from .po import PoCatalog, PoEntry, dumps, parse, wrap_comment
from .validate import entry_problems, format_fields

LOCALES_DIR = "locales"
TEMPLATE_NAME = "deck.pot"
HEADER = """\
# Translations of the lecture deck "{title}".
# Edit a locale's .po file with Poedit, Weblate or a text editor; README.md (Translating) says how.
# msgctxt is the slide's stable ID: leave it alone. Lines starting with #. are notes for translators.
#"""
GENERATOR = "lecturedeck"


@dataclass(frozen=True)
class Entry:
    """One translatable string: its stable ID, the English, where it was written, notes for translators, and the
    slide it shows on (None for deck.yaml's texts and the pipeline's)."""

    id: str
    text: str
    file: str | None = None
    line: int | None = None
    comments: tuple[str, ...] = ()
    slide: str | None = None


@dataclass
class Counts:
    """How much of a catalog is done."""

    translated: int = 0
    fuzzy: int = 0
    stale: int = 0
    untranslated: int = 0
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Live strings: translated, fuzzy, stale and untranslated."""
        return self.translated + self.fuzzy + self.stale + self.untranslated

    @property
    def coverage(self) -> float:
        """Translated share of the live strings, fuzzy and stale ones not counted, in percent."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def add(self, state: str) -> None:
        """Count one string in a state (translated, fuzzy, stale, untranslated)."""
        setattr(self, state, getattr(self, state) + 1)

    def as_dict(self) -> dict:
        """The counts for JSON output."""
        return {"translated": self.translated, "fuzzy": self.fuzzy, "stale": self.stale,
                "untranslated": self.untranslated, "obsolete": self.obsolete, "total": self.total,
                "coverage": round(self.coverage, 1)}


def locales_dir(deck_dir: Path) -> Path:
    """The folder holding deck.pot and one <locale>.po per language."""
    return Path(deck_dir) / LOCALES_DIR


def po_path(deck_dir: Path, locale: str) -> Path:
    """Where a locale's catalog lives."""
    return locales_dir(deck_dir) / f"{locale}.po"


def catalog_locales(deck_dir: Path) -> list[str]:
    """The locales that have a catalog, sorted."""
    folder = locales_dir(deck_dir)
    return sorted(path.stem for path in folder.glob("*.po")) if folder.is_dir() else []


def language_problem(catalog: PoCatalog, locale: str, path: Path) -> Problem | None:
    """A catalog whose header names another language than its file (a de.po copied to fr.po and never
    translated): its texts would be shown as this locale's. Region and script may differ (zh_TW in zh_Hant.po)."""
    said = (catalog.header_field("Language") or "").strip()
    language = re.split(r"[_\-@.]", said, maxsplit=1)[0].lower()
    if not language or language == re.split(r"[_\-@.]", locale, maxsplit=1)[0].lower():
        return None
    fields = [line.split(":", 1)[0].strip().lower() for line in catalog.header.msgstr.split("\n")]
    line = catalog.header.msgstr_line + 1 + fields.index("language") if catalog.header.msgstr_line else None
    return Problem(path, line, "header", f"the header's Language is another language than the file's name (expected "
                                         f"{locale}, got {describe(said)}; if the texts are {locale}, correct the "
                                         f"Language line, else the file is another language's catalog)")


def check_locale(code: str) -> str | None:
    """Why a locale code is unusable (None when Babel knows it, e.g. zh_Hant, zh_Hans, fr, pt_BR)."""
    from babel import Locale, UnknownLocaleError  # imported here: an English build needs no CLDR data

    try:
        known = str(Locale.parse(code))
    except (UnknownLocaleError, ValueError, TypeError):
        return f"unknown locale code (expected a code such as zh_Hant, zh_Hans, fr or pt_BR, got {describe(code)})"
    if known.lower() == code.lower() and known != code:  # FR.po would build a deck no pipeline text is found for
        return f"locale code in the wrong letter case (expected {known}, got {describe(code)})"
    return None


# -- making catalogs -------------------------------------------------------------------------------------------------


def template(entries: list[Entry], project: str, title: str, created: dt.datetime) -> PoCatalog:
    """The template catalog (no translations) for these entries, dated `created` so output does not churn."""
    return PoCatalog(_header(title, project, created), [new_entry(entry) for entry in entries])


def new_catalog(pot: PoCatalog, locale: str, extra: Sequence[Entry] = ()) -> PoCatalog:
    """A fresh catalog for a locale: the template's entries, then `extra` ones (pipeline texts), all untranslated."""
    header = PoEntry(None, "", pot.header.msgstr, comments=list(pot.header.comments))
    catalog = PoCatalog(header, [_copy(entry) for entry in pot.entries] + [new_entry(entry) for entry in extra])
    from babel import UnknownLocaleError
    from babel.messages.plurals import get_plural

    fields = [("Language", locale), ("Language-Team", f"{locale} <LL@li.org>")]
    try:
        plural = get_plural(locale)
        fields.append(("Plural-Forms", f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"))
    except (ValueError, UnknownLocaleError):
        pass
    lines = pot.header.msgstr.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith("Last-Translator:")), len(lines) - 1) + 1
    lines[at:at] = [f"{name}: {value}" for name, value in fields]
    header.msgstr = "\n".join(line for line in lines if not line.startswith("Language-Team: LANGUAGE"))
    return catalog


def merge(entries: list[Entry], old: PoCatalog, created: dt.datetime) -> PoCatalog:
    """The current strings with the translations the memory finds for them in an existing catalog.

    A translation made for other English is kept marked fuzzy, with that English as `#| msgid` (and the ID it was
    made for as `#| msgctxt` when it came from another ID). New strings arrive empty. Entries no string took
    become obsolete (`#~`) at the end, and come back when their English or ID does; untranslated ones are dropped.
    """
    found, unused = memory.match([(entry.id, entry.text) for entry in entries], old)
    live = []
    for entry in entries:
        result = found[entry.id]
        new = new_entry(entry)
        source = result.entry
        if source is not None and result.translation:
            new.msgstr = result.translation
            new.comments = list(source.comments)
            new.flags |= {flag for flag in source.flags if flag != "fuzzy" and not flag.endswith("-format")}
            if result.state in (memory.FUZZY, memory.STALE):
                new.flags.add("fuzzy")
                new.previous, new.previous_context = result.previous, result.previous_context
        if source is not None and source.context == entry.id:
            new.keep_layout_of(source)
        live.append(new)
    header = _copy(old.header).keep_layout_of(old.header)
    merged = PoCatalog(header, live, path=old.path, newline=old.newline, bom=old.bom)
    stamp = _date(created)
    if merged.header_field("POT-Creation-Date") not in (None, stamp):
        merged.set_field("POT-Creation-Date", stamp)
    gone = [entry for entry in unused if entry.msgstr]
    merged.obsolete = ([_obsolete(entry) for entry in gone if not entry.obsolete]
                       + [entry for entry in gone if entry.obsolete])
    return merged


def new_entry(entry: Entry) -> PoEntry:
    """A template entry: ID, English, where it was written, notes for translators, the brace-format flag."""
    location = f"{entry.file}:{entry.line}" if entry.file and entry.line else entry.file
    fields = format_fields(entry.text)
    return PoEntry(entry.id, entry.text, flags={"python-brace-format"} if fields else set(),
                   notes=[line for comment in entry.comments for line in wrap_comment(comment)],
                   locations=[location] if location else [])


def _copy(entry: PoEntry) -> PoEntry:
    return PoEntry(entry.context, entry.msgid, entry.msgstr, set(entry.flags), entry.previous, entry.previous_context,
                   list(entry.comments), list(entry.notes), list(entry.locations), entry.obsolete,
                   entry.line, entry.msgstr_line)


def _obsolete(entry: PoEntry) -> PoEntry:
    copy = _copy(entry)
    copy.obsolete = True
    return copy


def _date(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M%z")


def _header(title: str, project: str, created: dt.datetime) -> PoEntry:
    wrapper = TextWrapper(width=79, subsequent_indent="# ", break_long_words=False)
    comments = [line[1:].strip() for text in HEADER.format(title=title).splitlines() for line in wrapper.wrap(text) or ["#"]]
    stamp = _date(created)
    fields = [("Project-Id-Version", f"{project} {created.date().isoformat()}"),
              ("Report-Msgid-Bugs-To", "EMAIL@ADDRESS"), ("POT-Creation-Date", stamp), ("PO-Revision-Date", stamp),
              ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"), ("Language-Team", "LANGUAGE <LL@li.org>"),
              ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
              ("Content-Transfer-Encoding", "8bit"), ("Generated-By", GENERATOR)]
    return PoEntry(None, "", "".join(f"{name}: {value}\n" for name, value in fields), comments=comments)


# -- reading and writing ---------------------------------------------------------------------------------------------


def load(path: Path) -> PoCatalog:
    """Read a PO or POT file; raise DeckError naming the file and line of everything wrong in it."""
    wrong = not_a_file(path)
    if wrong:
        raise DeckError([Problem(path, None, "", wrong)])
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeckError([Problem(path, None, "", f"cannot read catalog ({exc.strerror})")]) from None
    return read(data, path)


def read(data: bytes, path: Path) -> PoCatalog:
    """A catalog from its bytes: strict PO syntax, then every live translation checked against its English."""
    catalog = parse(data, path)
    problems = [Problem(path, line, entry.context or "", message)
                for entry in catalog.entries for line, message in entry_problems(entry)]
    if problems:
        raise DeckError(problems)
    return catalog


def save(path: Path, catalog: PoCatalog) -> bool:
    """Write a catalog atomically if its text changed; True when the file was written."""
    data = dumps(catalog)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return True


def counts(catalog: PoCatalog) -> Counts:
    """Translated, fuzzy, untranslated and obsolete entries of a catalog as written."""
    result = Counts(obsolete=len(catalog.obsolete))
    for entry in catalog.entries:
        result.add(memory.FUZZY if entry.fuzzy and entry.msgstr else
                   memory.TRANSLATED if entry.msgstr else memory.UNTRANSLATED)
    return result
