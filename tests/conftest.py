"""Shared fixtures: the repo root on sys.path, the lecture deck built once per session."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# the lecture text lives outside the repository (../shared/lecture/); LECTURE_TEXT names it where it is elsewhere
LECTURE = Path(os.environ.get("LECTURE_TEXT") or ROOT.parent / "shared" / "lecture" / "great-leap-forward.txt")


# The Debian/Ubuntu package of each system tool the tests use.
PACKAGES = {"soffice": "libreoffice-impress-nogui", "pdftoppm": "poppler-utils", "pdffonts": "poppler-utils",
            "pdfinfo": "poppler-utils", "pdftotext": "poppler-utils", "msgfmt": "gettext", "fc-list": "fontconfig",
            "chromium": "chromium", "make": "make"}


def require_tool(name: str) -> str:
    """The path of a system tool; skip (never under CI=true, where it is a failure) when it is absent."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required under CI=true (the CI script installs it)")
    package = PACKAGES.get(name)
    pytest.skip(f"{name} is not installed (" + (f"apt-get install {package}" if package else
                                                 "apt-get install the package that provides it") + ")")


def require_noto_cjk() -> None:
    """Skip (never under CI=true, where it is a failure) when Noto Sans CJK, which Chinese charts need, is absent."""
    from lecturedeck.fonts import MissingFont, chart_font_files

    try:
        chart_font_files(("Noto Sans CJK TC",), ("Noto Sans CJK TC",), None)
    except MissingFont:
        if os.environ.get("CI") == "true":
            pytest.fail("Noto Sans CJK is required under CI=true (the CI script installs fonts-noto-cjk)")
        pytest.skip("Noto Sans CJK is not installed (apt-get install fonts-noto-cjk)")


@pytest.fixture(scope="session")
def lecture_text() -> str:
    """The source lecture (../shared/lecture/), the authority for what the deck says."""
    if not LECTURE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the lecture text is required under CI=true (expected {LECTURE}; set LECTURE_TEXT to its path)")
        pytest.skip(f"the lecture text is not beside this checkout (expected {LECTURE})")
    return LECTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_deck(tmp_path_factory) -> Path:
    """The English lecture deck, built once through the library."""
    from lecturedeck.commands.build import build

    out = tmp_path_factory.mktemp("build")
    return build(ROOT / "deck", out).path


# The bad-input catalogue's tally (corpus cases, property tests, fault injection), printed after the run.
FAULTS = {"tried": 0, "clear errors": 0, "tracebacks": 0, "decks lost": 0}


def pytest_terminal_summary(terminalreporter):
    """One line: bad inputs tried, clear errors, tracebacks (must be 0), decks lost (must be 0)."""
    if FAULTS["tried"]:
        terminalreporter.write_line(
            f"bad-input catalogue: {FAULTS['tried']} cases tried, {FAULTS['clear errors']} clear errors, "
            f"{FAULTS['tracebacks']} tracebacks, {FAULTS['decks lost']} decks lost")
