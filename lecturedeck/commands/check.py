"""`build.py check`: build every locale to a temporary place and run every check rule on what was written."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from pptx import Presentation

from ..check import check_built
from ..check.findings import Built, Finding
from ..problems import ERROR, WARNING, DeckError
from ..source.loader import DECK_FILE
from ..steps import step
from .build import available_locales, build


@dataclass
class LocaleReport:
    """The findings for one locale's deck."""

    locale: str
    file: str
    slides: int = 0
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckReport:
    """Every locale's findings; errors decide the exit status."""

    locales: list[LocaleReport] = field(default_factory=list)

    def count(self, level: str) -> int:
        """Findings at one level (error or warning) over every locale."""
        return sum(1 for report in self.locales for f in report.findings if f.level == level)

    @property
    def ok(self) -> bool:
        """True when no finding is at error level."""
        return self.count(ERROR) == 0

    def as_dict(self) -> dict:
        """The report for --format json."""
        return {"ok": self.ok, "errors": self.count(ERROR), "warnings": self.count(WARNING),
                "locales": {r.locale: {"file": r.file, "slides": r.slides,
                                       "findings": [f.as_dict() for f in r.findings]} for r in self.locales}}


def check_deck(deck_dir: Path, *, strict: bool = False, clients: bool = True,
               locales: list[str] | None = None) -> CheckReport:
    """Build each locale (all by default) into a temporary folder and check it; --strict makes warnings errors."""
    report = CheckReport()
    with tempfile.TemporaryDirectory() as tmp:
        for locale in locales or available_locales(deck_dir):
            try:
                with step(f"building {locale} to check it"):
                    result = build(deck_dir, Path(tmp), locale=locale)
            except DeckError as error:
                findings = [Finding(p.rule or "build", p.message if not p.where else f"{p.where}: {p.message}", ERROR,
                                    locale, None, "", p.file or Path(deck_dir) / DECK_FILE, p.line)
                            for p in error.problems]
                report.locales.append(LocaleReport(locale, "", 0, findings))
                continue
            resolved = result.resolved
            assert resolved is not None  # build() keeps the model it rendered (a worker's result drops it)
            built = Built(locale, result.path, Presentation(str(result.path)), resolved.deck, resolved.theme,
                          result.warnings, result.geometry)
            with step(f"checking the {locale} deck {result.path.name}"):
                findings = check_built(built, clients=clients)
            if strict:
                findings = [replace(f, level=ERROR) for f in findings]
            report.locales.append(LocaleReport(locale, result.path.name, result.slides, findings))
    return report
