"""Glossary: a translation whose English has a term of the locale's glossary uses one of the term's renderings."""

from __future__ import annotations

from pathlib import Path

from ..i18n.catalog import load, locales_dir, po_path
from ..i18n.glossary import RULE, glossary_problems, load_glossary
from ..i18n.memory import slide_of
from ..problems import ERROR, DeckError
from .findings import Built, Finding


def check_glossary(built: Built) -> list[Finding]:
    """Each reviewed entry of the locale's catalog whose English has a glossary term and whose translation lacks
    every accepted rendering of it (a warning, at the catalog line); a broken glossary file is an error."""
    path = po_path(built.deck.deck_dir, built.locale)
    if not path.is_file():
        return []
    try:
        glossary = load_glossary(locales_dir(built.deck.deck_dir), built.locale)
        problems = glossary_problems(glossary, load(path), path)
    except DeckError as error:
        return [Finding(RULE, f"{p.where}: {p.message}" if p.where else p.message, ERROR, built.locale,
                        file=p.file, line=p.line) for p in error.problems]
    numbers = {slide.id: number for number, slide in enumerate(built.deck.slides, 1)}
    charts = {f"chart.{Path(slide.chart).stem}": slide.id
              for slide in built.deck.slides if getattr(slide, "chart", None)}
    found = []
    for problem in problems:
        sid = slide_of(problem.where)
        sid = charts.get(sid, sid)
        found.append(Finding(RULE, f"{problem.where}: {problem.message}", problem.level, built.locale,
                             numbers.get(sid), sid if sid in numbers else "", problem.file, problem.line))
    return found
