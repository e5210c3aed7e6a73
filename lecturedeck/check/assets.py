"""Assets: picture slots filled, pictures credited, every data row traced to a documented source."""

from __future__ import annotations

import csv
import re
from dataclasses import replace

from ..problems import ERROR, WARNING
from .findings import Built, Finding, from_problem

SOURCES_FILE = "README.md"
_SOURCE_KEY = re.compile(r"^\s*[-*]\s+`([^`]+)`", re.M)


# Build warnings that fail `check`: a stale translation (its English changed since) shows English where the deck
# had a translation, whether `i18n update` has marked it fuzzy yet or not.
CHECK_ERRORS = frozenset({"i18n.stale"})


def check_build_warnings(built: Built) -> list[Finding]:
    """What the build itself warned about (empty slots, pictures without credit, English fallbacks), except fit,
    which check_fit measures on the built deck; stale translations are errors here."""
    found = [from_problem(built, w) for w in built.warnings if w.rule != "fit"]
    return [replace(f, level=ERROR) if f.rule in CHECK_ERRORS else f for f in found]


def check_data_sources(built: Built) -> list[Finding]:
    """Each chart's data files have a `source` column, filled on every row, naming a key documented in
    assets/data/README.md (as a list item starting with `key`)."""
    data_dir = built.deck.assets_dir / "data"
    readme = data_dir / SOURCES_FILE
    documented = set(_SOURCE_KEY.findall(readme.read_text(encoding="utf-8"))) if readme.is_file() else set()
    found, seen = [], set()
    for number, slide in enumerate(built.deck.slides, 1):
        for index, name in enumerate(slide.data_files()):
            if name in seen:
                continue
            seen.add(name)
            key = f"@{slide.id}.data[{index}]"  # a chart's list of files; a table names one file under `data`
            key = key if key in built.deck.lines else f"@{slide.id}.data"
            with open(data_dir / name, encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            if not rows or "source" not in rows[0]:
                found.append(built.finding("assets.source", f"{name} has no source column (expected a `source` column "
                                                            f"with a key documented in {SOURCES_FILE})", slide=number, key=key))
                continue
            empty = [i + 2 for i, row in enumerate(rows) if not (row["source"] or "").strip()]
            unknown = sorted({row["source"].strip() for row in rows if (row["source"] or "").strip()} - documented)
            if empty:
                found.append(built.finding("assets.source", f"{name}: rows without a source at lines "
                                                            f"{', '.join(map(str, empty[:5]))} (expected a source key on every row)",
                                           slide=number, key=key))
            if unknown:
                found.append(built.finding("assets.source", f"{name}: source keys not documented in data/{SOURCES_FILE} "
                                                            f"(expected a list item '- `key`: citation', got {', '.join(unknown)})",
                                           slide=number, key=key, level=ERROR if documented else WARNING))
    return found
