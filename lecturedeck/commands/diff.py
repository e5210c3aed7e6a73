"""`build.py diff OLD.pptx NEW.pptx`: what changed between two built decks (last term's and this term's)."""

from __future__ import annotations

from pathlib import Path

from ..output.diff import SlideChange, compare
from ..output.readback import read_deck


def diff(old: Path, new: Path) -> list[SlideChange]:
    """Every slide added, removed, moved or changed from the deck at `old` to the deck at `new`."""
    return compare(read_deck(old), read_deck(new))
