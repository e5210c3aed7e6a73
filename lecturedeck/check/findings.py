"""What `build.py check` reports: findings as data, and the built deck the checkers look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.geometry import Extent
from ..source.model import Deck
from ..problems import ERROR, Problem, display_path, place, report_line
from ..source.loader import DECK_FILE
from ..source.theme import Theme

if TYPE_CHECKING:
    from pptx.presentation import Presentation


@dataclass(frozen=True)
class Finding:
    """One rule broken (or at risk) in one locale's deck, placed at the outline line that made it."""

    rule: str
    message: str
    level: str = ERROR
    locale: str = ""
    slide: int | None = None
    slide_id: str = ""
    file: Path | None = None
    line: int | None = None

    def format(self) -> str:
        """`file:line: [rule] message`, with `warning:` before warnings."""
        return report_line(place(self.file, self.line), f"[{self.rule}] ", self.level, self.message)

    def as_dict(self) -> dict:
        """The finding for --format json."""
        return {"rule": self.rule, "level": self.level, "message": self.message, "locale": self.locale,
                "slide": self.slide, "slide_id": self.slide_id,
                "file": display_path(self.file) if self.file else None, "line": self.line}


@dataclass
class Built:
    """One locale's built deck, reopened, with the model it was rendered from."""

    locale: str
    path: Path
    prs: Presentation
    deck: Deck
    theme: Theme
    warnings: list[Problem] = field(default_factory=list)
    geometry: list[list[Extent]] | None = None  # what the builder drew where, per slide

    @property
    def deck_file(self) -> Path:
        """deck.yaml: where a finding with no better place is reported (never the temporary deck)."""
        return self.deck.deck_dir / DECK_FILE

    def slide_id(self, number: int) -> str:
        """The id of the slide at a 1-based position."""
        return self.deck.slides[number - 1].id if 0 < number <= len(self.deck.slides) else ""

    def finding(self, rule: str, message: str, *, slide: int | None = None, key: str | None = None,
                level: str = ERROR) -> Finding:
        """A finding placed at the outline line of `key` (a text key), else of the slide, else at the deck file."""
        sid = self.slide_id(slide) if slide else ""
        file, line = self.deck.origin(key) if key else (None, None)
        if file is None and sid:
            file, line = self.deck.origin(sid)
        if file is None:
            file = self.deck_file
        return Finding(rule, message, level, self.locale, slide, sid, file, line)


def from_problem(built: Built, problem: Problem) -> Finding:
    """A build warning (a missing picture, an untranslated string) as a finding of its rule."""
    sid = problem.where.split(".")[0] if problem.where else ""
    number = next((n for n, s in enumerate(built.deck.slides, 1) if s.id == sid), None)
    file, line = problem.file, problem.line
    if file is None:
        file, line = built.deck.origin(sid) if number else (None, None)
    return Finding(problem.rule or "build", problem.message, problem.level, built.locale, number,
                   sid if number else "", file or built.deck_file, line)
