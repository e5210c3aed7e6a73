"""Gather every translatable string of a deck, with its stable ID, where it was written and notes for translators."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..source.markup import placeholders, signature
from ..source.model import Deck
from .catalog import Entry
from .strings import UI_STRINGS

FIELD_NOTES = {
    "notes": "One paragraph of the speaker notes.",
    "alt": "Alt text: what a screen reader says in place of the picture or chart.",
    "caption": "Caption under the picture.",
    "credit": "Picture credit: keep names of archives and photographers recognisable.",
    "source": "Source line under the chart.",
    "question": "The part's question, shown on its divider and in the agenda.",
    "label": "The part's name, shown on its divider and in bold in the agenda.",
}


def deck_entries(deck: Deck, chart_strings: dict[str, list[tuple[str, str, int | None]]]) -> list[Entry]:
    """All translatable strings in deck order: deck fields, then each slide's texts followed by its chart's (the
    (ID, English, script line) each chart slide's script asked for, by slide id). The pipeline's own texts are not
    among them: the package translates those (see pipeline_entries)."""
    root = deck.deck_dir.resolve().parent
    entries: list[Entry] = []
    seen: set[str] = set()

    def add(key: str, text: str, origin: tuple, notes: list[str], slide: str | None) -> None:
        if key in seen or not text:
            return
        seen.add(key)
        file, line = origin
        entries.append(Entry(key, text, _relative(file, root), line, tuple(notes + _text_notes(text, deck)), slide))

    for name in ("title", "author", "course"):
        add(f"deck.{name}", getattr(deck.meta, name), deck.origin(f"deck.{name}"), [], None)
    for slide in deck.slides:
        comment = [deck.comments[slide.id]] if slide.id in deck.comments else []
        for key, text in slide.texts():
            note = field_note(slide, key)
            add(key, text, deck.origin(key), ([note] if note else []) + comment, slide.id)
        for key, english, line in chart_strings.get(slide.id, ()):
            add(key, english, (deck.deck_dir / slide.chart, line), ["Text in a chart: keep it short."], slide.id)
    return entries


def field_note(slide, key: str) -> str | None:
    """The note for translators on one of a slide's texts: the kind's own for that field, else the shared one."""
    field = re.sub(r"\[\d+\]", "", key[len(slide.id) + 1:])
    for name, note in slide.field_notes.items():
        if field == name or field.startswith(name + "."):
            return note
    return FIELD_NOTES.get(re.sub(r"\[\d+\]$", "", key.rsplit(".", 1)[-1]))


def pipeline_entries(keys: list[str], deck: Deck) -> list[Entry]:
    """The pipeline's own texts named, as entries for a catalog that translates or overrides them."""
    return [Entry(key, UI_STRINGS[key][0], None, None,
                  tuple(["Added by the pipeline. " + UI_STRINGS[key][1]] + _text_notes(UI_STRINGS[key][0], deck)))
            for key in keys]


def _text_notes(text: str, deck: Deck) -> list[str]:
    notes = []
    names = sorted(set(placeholders(text)))
    if names:
        kinds = [f"{{{n}}} ({'a number range' if len(deck.values.get(n, ())) == 2 else 'a number'} from data)"
                 if n in deck.values else f"{{{n}}}" for n in names]
        notes.append(f"Keep {', '.join(kinds)} as is: filled in and formatted for your language when the deck is built.")
    if signature(text):
        notes.append("Put the **bold** / *italic* marks around the matching words (you may drop or move them).")
    return notes


def _relative(file: Path | None, root: Path) -> str | None:
    if file is None:
        return None
    return Path(os.path.relpath(Path(file).resolve(), root)).as_posix()
