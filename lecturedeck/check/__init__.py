"""`build.py check`: build every locale to a temporary place and run every checker on what was written."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from pptx import Presentation

from ..pipeline import available_locales, build
from ..problems import ERROR, WARNING, DeckError
from .access import check_alt_text, check_contrast, check_font_size, check_language, check_reading_order, check_titles
from .assets import check_build_warnings, check_data_sources
from .clients import check_libreoffice, check_reopen, check_validator
from .findings import Built, Finding
from .fit import check_fit
from .package import check_package

# Each checker takes a Built deck and returns findings; the rules they report are listed in README.md.
LOCAL_CHECKERS = (check_build_warnings, check_fit, check_alt_text, check_titles, check_reading_order,
                  check_font_size, check_contrast, check_language, check_data_sources, check_package, check_reopen)
CLIENT_CHECKERS = (check_validator, check_libreoffice)


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


def check_built(built: Built, *, clients: bool = True) -> list[Finding]:
    """Run every checker (and the real clients unless told not to) on one built deck."""
    findings: list[Finding] = []
    for checker in LOCAL_CHECKERS + (CLIENT_CHECKERS if clients else ()):
        findings.extend(checker(built))
    return sorted(findings, key=lambda f: (f.slide or 0, f.rule))


def check_deck(deck_dir: Path, *, strict: bool = False, clients: bool = True,
               locales: list[str] | None = None) -> CheckReport:
    """Build each locale (all by default) into a temporary folder and check it; --strict makes warnings errors."""
    report = CheckReport()
    with tempfile.TemporaryDirectory() as tmp:
        for locale in locales or available_locales(deck_dir):
            try:
                result = build(deck_dir, Path(tmp), locale=locale)
            except DeckError as error:
                findings = [Finding(p.rule or "build", p.message if not p.where else f"{p.where}: {p.message}", ERROR,
                                    locale, None, "", p.file, p.line) for p in error.problems]
                report.locales.append(LocaleReport(locale, "", 0, findings))
                continue
            resolved = result.resolved
            built = Built(locale, result.path, Presentation(str(result.path)), resolved.deck, resolved.theme,
                          result.warnings)
            findings = check_built(built, clients=clients)
            if strict:
                findings = [replace(f, level=ERROR) for f in findings]
            report.locales.append(LocaleReport(locale, result.path.name, result.slides, findings))
    return report
