"""Read a built deck back as a person sees it: per slide its id, title, body paragraphs, other texts and notes."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import DeckError, Problem
from ..render.order import FOOTER_TYPES, TITLE_TYPES, placeholder_type

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@dataclass
class SlideText:
    """What one slide says: `body` holds (level, text) paragraphs of its main text, `other` the rest (captions,
    sources, table cells...) in reading order, `notes` the speaker notes' paragraphs."""

    number: int
    id: str
    title: str = ""
    body: list[tuple[int, str]] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The slide's texts for JSON."""
        return {"number": self.number, "id": self.id, "title": self.title,
                "body": [{"level": level, "text": text} for level, text in self.body],
                "other": self.other, "notes": self.notes}


def read_deck(path: Path) -> list[SlideText]:
    """The texts of every slide of a .pptx, matched to the builder's slide ids (slide-N for a deck without them)."""
    from pptx import Presentation

    path = Path(path)
    if not path.is_file():
        raise DeckError([Problem(path, None, "", "deck not found (expected a .pptx file)")])
    if not zipfile.is_zipfile(path):
        raise DeckError([Problem(path, None, "", "not a PowerPoint file (expected a .pptx, a zip package)")])
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a broken package
        raise DeckError([Problem(path, None, "", f"cannot open as PowerPoint ({type(exc).__name__}: {exc})")]) from None
    slides = []
    for number, slide in enumerate(prs.slides, 1):
        name = slide._element.cSld.get("name") or f"slide-{number}"
        text = SlideText(number, name)
        for shape in slide.shapes:
            kind = placeholder_type(shape._element)
            if kind in FOOTER_TYPES:
                continue
            paragraphs = list(_paragraphs(shape))
            if kind in TITLE_TYPES:
                text.title = " ".join(t for _level, t in paragraphs)
            elif kind is not None:
                text.body += paragraphs
            else:
                text.other += [t for _level, t in paragraphs]
        if slide.has_notes_slide:
            text.notes = [p.text for p in slide.notes_slide.notes_text_frame.paragraphs if p.text.strip()]
        slides.append(text)
    return slides


def _paragraphs(shape):
    """(level, text) of each non-empty paragraph of a shape, table cells included."""
    for paragraph in shape._element.iter(f"{_A}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{_A}t"))
        if text.strip():
            ppr = paragraph.find(f"{_A}pPr")
            yield (int(ppr.get("lvl", 0)) if ppr is not None else 0), text
