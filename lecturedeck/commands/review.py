"""`build.py review`: a static review site for TAs: every locale's slides as pictures, every string of every slide as
the English beside the translation, with its state and catalog line, and what changed since an older deck."""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from ..output import office
from ..output.diff import compare
from ..output.readback import read_deck
from ..output.site import ReviewPage, ReviewSlide, ReviewString, write_site
from ..problems import DeckError, Problem, display_path
from ..source.loader import load_deck
from ..steps import step
from .build import SOURCE_LOCALE, available_locales, build
from .i18n import string_states

PICTURES = "slides"


def review(deck_dir: Path, out_dir: Path, *, locales: list[str] | None = None, since: Path | None = None,
           term: str | None = None) -> Path:
    """Build each locale (all by default), render its slides to PNG (reused while the deck is unchanged) and write
    the review site into out_dir; the path of its index.html. `since`: last term's deck of a locale, or a folder of
    them: each page shows what changed from the one in the same locale."""
    deck_dir, out_dir = Path(deck_dir), Path(out_dir)
    deck = load_deck(deck_dir)
    older = _older_decks(since) if since else {}
    pages = []
    for locale in locales or available_locales(deck_dir):
        with step(f"building {locale} for the review site"):
            result = build(deck_dir, out_dir / "decks", locale=locale, term=term)
        with step(f"rendering the slides of {result.path.name} through LibreOffice and poppler"):
            pictures = _pictures(result.path, out_dir / locale, result.slides)
        with step(f"gathering the strings of the {locale} review page"):
            pages.append(_page(deck, deck_dir, locale, result, pictures, older.get(locale)))
    with step(f"writing the review site into {display_path(out_dir)}"):
        return write_site(pages, out_dir, deck.meta.title)


def _older_decks(since: Path) -> dict[str, Path]:
    """Last term's decks by locale: a single .pptx (for its own locale) or every .pptx in a folder."""
    files = sorted(since.glob("*.pptx")) if since.is_dir() else [since]
    found: dict[str, Path] = {}
    for path in files:
        read_deck(path)  # a clear error for anything that is not a deck
        found.setdefault(_locale_of(path), path)
    return found


def _locale_of(path: Path) -> str:
    """The locale a built deck is in, from its document properties (the builder writes it, e.g. zh-Hant)."""
    with zipfile.ZipFile(path) as package:
        core = package.read("docProps/core.xml").decode("utf-8", "replace")
    match = re.search(r"<dc:language>([^<]+)</dc:language>", core)
    return match[1].replace("-", "_") if match else SOURCE_LOCALE


def _pictures(deck_file: Path, folder: Path, slides: int) -> list[str] | None:
    """The slide PNGs of a built deck, relative to the site, rendered again only when the deck's bytes changed;
    None when LibreOffice or poppler is not installed (the page says so)."""
    if office.soffice() is None or shutil.which("pdftoppm") is None:
        return None
    digest = hashlib.sha256(deck_file.read_bytes()).hexdigest()
    stamp = folder / "deck.sha256"
    existing = sorted((folder / PICTURES).glob("slide-*.png"))
    if not (stamp.is_file() and stamp.read_text() == digest and len(existing) == slides):
        with tempfile.TemporaryDirectory() as tmp:
            try:
                pdf = office.to_pdf(deck_file, Path(tmp))
                existing = office.to_pngs(pdf, folder / PICTURES, "slide")
            except office.OfficeError as exc:
                raise DeckError([Problem(deck_file, None, "review", str(exc))]) from None
        if len(existing) != slides:
            raise DeckError([Problem(deck_file, None, "review", f"LibreOffice printed {len(existing)} pages "
                                                                f"(expected one per slide: {slides})")])
        stamp.write_text(digest)
    return [f"{folder.name}/{PICTURES}/{path.name}" for path in existing]


def _page(deck, deck_dir: Path, locale: str, result, pictures: list[str] | None, older: Path | None) -> ReviewPage:
    """One locale's page: each built slide with its picture and the strings it shows, with their states."""
    resolved = result.resolved
    texts = {slide.id: slide.texts() for slide in deck.slides}
    for slide_id, strings in resolved.chart_strings.items():
        texts.setdefault(slide_id, []).extend((key, english) for key, english, _line in strings)
    deck_wide = [(f"deck.{name}", getattr(deck.meta, name)) for name in ("title", "author", "course")]
    everything = deck_wide + [pair for pairs in texts.values() for pair in pairs]
    states = string_states(deck_dir, locale, everything) if locale != SOURCE_LOCALE else {}
    changes = {c.id: c for c in compare(read_deck(older), read_deck(result.path))} if older else {}
    slides = []
    for number, slide in enumerate(resolved.deck.slides, 1):
        pairs = (deck_wide if number == 1 else []) + texts.get(slide.id, [])
        change = changes.get(slide.id)
        slides.append(ReviewSlide(
            number, slide.id, getattr(slide, "title", "") or resolved.deck.meta.title,
            pictures[number - 1] if pictures else None,
            [_string(key, english, states.get(key), deck) for key, english in pairs],
            change.status if change else "", change.fields if change else []))
    removed = [c.id for c in changes.values() if c.status == "removed"]
    return ReviewPage(locale, display_path(result.path), slides, display_path(older) if older else "", removed)


def _string(key: str, english: str, state, deck) -> ReviewString:
    file, line = deck.origin(key)
    string = ReviewString(key, field_name(key), english, outline=f"{display_path(file)}:{line}" if file else "")
    if state is not None:
        string.state, string.translation, string.catalog = state
    return string


def field_name(key: str) -> str:
    """What a string is on the slide, from its ID: title, bullet 2, notes ¶1, alt text, chart text..."""
    if key.startswith("chart."):
        return "chart text"
    if key.startswith("deck."):
        return f"deck {key[5:]}"
    last = key.rsplit(".", 1)[-1]
    match = re.fullmatch(r"(\w+)\[(\d+)\]", last)
    if match:
        name = {"bullets": "bullet", "text": "bullet", "sub": "sub-bullet", "notes": "notes ¶", "items": "line",
                "events": "event"}.get(match[1], match[1])
        return f"{name}{'' if name.endswith('¶') else ' '}{int(match[2]) + 1}"
    return {"alt": "alt text", "label": "part name"}.get(last, last)
