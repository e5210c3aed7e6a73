"""Check rules, one module per family, each a function from a built deck to findings (rules: README.md, Checks).

Imports `source`, `i18n`, `render` and `output` (and the shared `problems`), not `resolve`: it reads a built deck
and the model it was rendered from. The commands import it."""

from __future__ import annotations

from .access import check_alt_text, check_contrast, check_font_size, check_language, check_reading_order, check_titles
from .assets import check_build_warnings, check_data_sources
from .clients import check_libreoffice, check_reopen, check_validator
from .findings import Built, Finding
from .fit import check_fit
from .glossary import check_glossary
from .layout import check_collision
from .package import check_package

# Each checker takes a Built deck and returns findings; the rules they report are listed in README.md.
LOCAL_CHECKERS = (check_build_warnings, check_fit, check_collision, check_alt_text, check_titles, check_reading_order,
                  check_font_size, check_contrast, check_language, check_data_sources, check_glossary, check_package,
                  check_reopen)
CLIENT_CHECKERS = (check_validator, check_libreoffice)


def check_built(built: Built, *, clients: bool = True) -> list[Finding]:
    """Run every checker (and the real clients unless told not to) on one built deck."""
    findings: list[Finding] = []
    for checker in LOCAL_CHECKERS + (CLIENT_CHECKERS if clients else ()):
        findings.extend(checker(built))
    return sorted(findings, key=lambda f: (f.slide or 0, f.rule))
