"""Translation catalogs (gettext PO through Babel): the template, the ID-only merge, reading with clear errors, counts.

Every entry's msgctxt is a stable ID from the outline (`prelude.bullets[1]`), so a catalog follows slides however
they are reordered; entries are matched by that ID only, never by guessing from similar English.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, normalize, read_po, write_po

from ..problems import DeckError, Problem, describe
from ..files import write_atomic

LOCALES_DIR = "locales"
TEMPLATE_NAME = "deck.pot"
HEADER = """\
# Translations of the lecture deck "{title}".
# Edit a locale's .po file with Poedit, Weblate or a text editor; README.md (Translating) says how.
# msgctxt is the slide's stable ID: leave it alone. Lines starting with #. are notes for translators.
#"""


@dataclass(frozen=True)
class Entry:
    """One translatable string: its stable ID, the English, where it was written, and a note for translators."""

    id: str
    text: str
    file: str | None = None
    line: int | None = None
    comments: tuple[str, ...] = ()


@dataclass
class Counts:
    """How much of a catalog is done."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0

    @property
    def total(self) -> int:
        """Live entries: translated, fuzzy and untranslated."""
        return self.translated + self.fuzzy + self.untranslated

    @property
    def coverage(self) -> float:
        """Translated share of the live entries, not counting fuzzy (stale) ones, in percent."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict:
        """The counts for JSON output."""
        return {"translated": self.translated, "fuzzy": self.fuzzy, "untranslated": self.untranslated,
                "obsolete": self.obsolete, "total": self.total, "coverage": round(self.coverage, 1)}


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


def check_locale(code: str) -> str | None:
    """Why a locale code is unusable (None when Babel knows it, e.g. zh_Hant, zh_Hans, fr, pt_BR)."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return f"unknown locale code (expected a code such as zh_Hant, zh_Hans, fr or pt_BR, got {describe(code)})"
    return None


def template(entries: list[Entry], project: str, title: str, created: dt.datetime) -> Catalog:
    """The template catalog (no translations) for these entries, dated `created` so output does not churn."""
    catalog = Catalog(header_comment=HEADER.format(title=title), project=project, version=created.date().isoformat(),
                      creation_date=created, revision_date=created, fuzzy=False, charset="utf-8")
    for entry in entries:
        locations = [(entry.file, entry.line)] if entry.file else []
        catalog.add(entry.text, "", locations=locations, auto_comments=list(entry.comments), context=entry.id)
    return catalog


def new_catalog(pot: Catalog, locale: str) -> Catalog:
    """A fresh catalog for a locale: the template's entries, all untranslated."""
    catalog = Catalog(locale=locale, header_comment=pot.header_comment, project=pot.project, version=pot.version,
                      creation_date=pot.creation_date, revision_date=pot.creation_date, fuzzy=False,
                      charset="utf-8")
    for message in pot:
        if message.id:
            catalog.add(message.id, "", locations=message.locations, auto_comments=message.auto_comments,
                        context=message.context)
    return catalog


def merge(pot: Catalog, old: Catalog) -> Catalog:
    """The template merged into an existing catalog by ID only.

    Same ID and English: kept as is. Same ID, new English: the translation kept, marked fuzzy, the English it was
    made for kept as `#| msgid`. New IDs arrive empty. IDs gone from the template become obsolete (`#~`), and come
    back (fuzzy if their English changed) when the ID returns.
    """
    merged = Catalog(locale=old.locale, header_comment=old.header_comment, fuzzy=False, charset="utf-8")
    merged.mime_headers = old.mime_headers
    merged.creation_date = pot.creation_date
    live = {m.context: m for m in old if m.id}
    dead = {m.context: m for m in old.obsolete.values()}
    for message in pot:
        if not message.id:
            continue
        previous = live.pop(message.context, None) or dead.pop(message.context, None)
        new = Message(message.id, "", locations=message.locations, auto_comments=message.auto_comments,
                      context=message.context)
        if previous is not None and previous.string:
            new.string = previous.string
            new.user_comments = list(previous.user_comments)
            flags = set(previous.flags)
            if "fuzzy" in flags and previous.previous_id:
                new.previous_id = list(previous.previous_id)
            if previous.id != message.id:
                flags.add("fuzzy")
                new.previous_id = new.previous_id or [previous.id]
            new.flags = flags
        merged[message.id] = new
    for message in [*live.values(), *dead.values()]:
        merged.obsolete[merged._key_for(message.id, message.context)] = message
    return merged


def catalog_bytes(catalog: Catalog) -> bytes:
    """The catalog as PO text: deterministic, previous English kept (`#| msgid`), obsolete entries kept."""
    buffer = io.BytesIO()
    # Babel folds a multi-line previous msgid into one wrapped comment that no tool can read back, so the
    # `#| msgid` lines are written here instead, just before each entry's msgctxt line.
    write_po(buffer, catalog, width=79, include_previous=False, ignore_obsolete=False)
    previous = {m.context: m.previous_id[0] for m in catalog if m.id and m.context and m.previous_id}
    if not previous:
        return buffer.getvalue()
    out = []
    for line in buffer.getvalue().decode("utf-8").splitlines(keepends=True):
        if line.startswith('msgctxt "'):
            context = denormalize(line[len("msgctxt "):].strip())
            if context in previous:
                lines = normalize(previous[context], width=79).splitlines()
                out.append(f"#| msgid {lines[0]}\n")
                out.extend(f"#| {rest}\n" for rest in lines[1:])
        out.append(line)
    return "".join(out).encode("utf-8")


def save(path: Path, catalog: Catalog) -> bool:
    """Write a catalog atomically if its text changed; True when the file was written."""
    data = catalog_bytes(catalog)
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return True


def load(path: Path, locale: str | None = None) -> Catalog:
    """Read a PO or POT file; raise DeckError naming the file and line of anything wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeckError([Problem(path, None, "", f"cannot read catalog ({exc.strerror})")]) from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DeckError([Problem(path, line, "", f"not UTF-8 text (expected UTF-8, got byte 0x{data[exc.start]:02X})")]) from None
    try:
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True, charset="utf-8")
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        raise DeckError([Problem(path, exc.lineno + 1, "", f"PO syntax error ({message})")]) from None
    except (ValueError, UnicodeError) as exc:
        raise DeckError([Problem(path, None, "", f"cannot read catalog ({exc})")]) from None
    problems = []
    seen: dict[str, int] = {}
    for message in catalog:
        _read_previous(message)
        if not message.id:
            continue
        if not message.context:
            problems.append(Problem(path, message.lineno, "msgctxt", f"entry without an ID (expected a msgctxt line, got msgid {describe(message.id)})"))
        elif message.context in seen:
            problems.append(Problem(path, message.lineno, message.context, f"ID used twice (first at line {seen[message.context]})"))
        else:
            seen[message.context] = message.lineno
    for message in catalog.obsolete.values():
        _read_previous(message)
    if problems:
        raise DeckError(problems)
    return catalog


def _read_previous(message: Message) -> None:
    """Babel reads `#| msgid` lines as plain comments: turn them back into previous_id."""
    lines = [c[1:].strip() for c in message.user_comments if c.startswith("|")]
    if not lines:
        return
    message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    parts, in_msgid = [], False
    for line in lines:
        if line.startswith("msgid "):
            in_msgid, line = True, line[6:]
        elif line.startswith(("msgctxt ", "msgid_plural ")):
            in_msgid = False
            continue
        if in_msgid:
            parts.append(line)
    if parts:
        message.previous_id = [denormalize("\n".join(parts))]


def counts(catalog: Catalog, ids: set[str] | None = None) -> Counts:
    """Translated, fuzzy, untranslated and obsolete entries (of `ids` only, when given)."""
    result = Counts()
    for message in catalog:
        if not message.id or (ids is not None and message.context not in ids):
            continue
        if message.fuzzy:
            result.fuzzy += 1
        elif message.string:
            result.translated += 1
        else:
            result.untranslated += 1
    if ids is None:
        result.obsolete = len(catalog.obsolete)
    return result


def group_of(context: str) -> str:
    """The slide (or `deck`, `ui`, `term`, `chart.<script>`) an entry belongs to, for per-slide status."""
    head, _, rest = context.partition(".")
    if head == "chart":
        return f"chart.{rest.partition('.')[0]}"
    return head
