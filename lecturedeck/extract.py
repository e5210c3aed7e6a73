"""Gather every translatable string of a deck, with its stable ID, where it was written and notes for translators."""

from __future__ import annotations

import os
from pathlib import Path

from .catalog import Entry
from .charts import ChartJob, chart_strings
from .grid import chart_box
from .markup import placeholders, signature
from .model import ChartSlide, Deck, slide_texts
from .problems import DeckError, Problem
from .strings import UI_STRINGS
from .theme import Theme, load_theme

FIELD_NOTES = {
    "notes": "Speaker notes: each line is one paragraph; keep the line breaks.",
    "alt": "Alt text: what a screen reader says in place of the picture or chart.",
    "caption": "Caption under the picture.",
    "credit": "Picture credit: keep names of archives and photographers recognisable.",
    "source": "Source line under the chart.",
    "question": "The part's question, shown on its divider and in the agenda.",
    "label": "The part's name, shown on its divider and in bold in the agenda.",
}


def deck_entries(deck: Deck, theme: Theme | None = None) -> list[Entry]:
    """All translatable strings in deck order: deck fields, slides, chart texts, then the pipeline's own texts."""
    root = deck.deck_dir.resolve().parent
    entries: list[Entry] = []
    seen: set[str] = set()

    def add(key: str, text: str, origin: tuple, notes: list[str]) -> None:
        if key in seen or not text:
            return
        seen.add(key)
        file, line = origin
        entries.append(Entry(key, text, _relative(file, root), line, tuple(notes + _text_notes(text, deck))))

    for name in ("title", "author", "course"):
        add(f"deck.{name}", getattr(deck.meta, name), deck.origin(f"deck.{name}"), [])
    problems: list[Problem] = []
    theme = theme or load_theme(deck.assets_dir)
    for slide in deck.slides:
        comment = [deck.comments[slide.id]] if slide.id in deck.comments else []
        for key, text in slide_texts(slide):
            field = key.rsplit(".", 1)[-1]
            notes = [FIELD_NOTES[field]] if field in FIELD_NOTES else []
            add(key, text, deck.origin(key), notes + comment)
        if isinstance(slide, ChartSlide):
            found = chart_strings(_job(deck, slide, theme))
            if isinstance(found, Problem):
                problems.append(found)
                continue
            for key, english, line in found:
                add(key, english, (deck.deck_dir / slide.chart, line), ["Text in a chart: keep it short."])
    if problems:
        raise DeckError(problems)
    for key, (english, note) in UI_STRINGS.items():
        add(key, english, (None, None), ["Added by the pipeline. " + note])
    return entries


def _job(deck: Deck, slide: ChartSlide, theme: Theme) -> ChartJob:
    box = chart_box(theme)
    return ChartJob(script=deck.deck_dir / slide.chart, data_dir=deck.assets_dir / "data", data=slide.data,
                    size=(round(box[2], 3), round(box[3], 3)), dpi=72, locale="en",
                    fonts=theme.locale_fonts("en").chart_fonts, colors=theme.colors)


def _text_notes(text: str, deck: Deck) -> list[str]:
    notes = []
    names = sorted(set(placeholders(text)))
    if names:
        kinds = [f"{{{n}}} ({'a number range' if len(deck.values.get(n, ())) == 2 else 'a number'} from data)"
                 if n in deck.values else f"{{{n}}}" for n in names]
        notes.append(f"Keep {', '.join(kinds)} as is: filled in and formatted for your language when the deck is built.")
    if signature(text):
        notes.append("Keep the **bold** / *italic* marks around the matching words.")
    return notes


def _relative(file: Path | None, root: Path) -> str | None:
    if file is None:
        return None
    return Path(os.path.relpath(Path(file).resolve(), root)).as_posix()
