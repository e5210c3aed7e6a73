"""A locale's glossary (`locales/<locale>.glossary.yaml`: English term -> the rendering, or list of accepted
renderings, every translation must use) and the entries whose translation lacks a required rendering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..files import not_a_file
from ..problems import WARNING, DeckError, Problem, describe, display_path
from ..source.yamlsource import kind_of, line_of, load_yaml
from ..text import text_problem
from .po import PoCatalog

RULE = "i18n.glossary"


@dataclass(frozen=True)
class Term:
    """One glossary line: the English term, its accepted renderings, where it was written."""

    english: str
    renderings: tuple[str, ...]
    line: int
    pattern: re.Pattern


@dataclass(frozen=True)
class Glossary:
    """A locale's glossary."""

    path: Path
    terms: tuple[Term, ...]


def glossary_path(locales_dir: Path, locale: str) -> Path:
    """Where a locale's glossary lives."""
    return Path(locales_dir) / f"{locale}.glossary.yaml"


def term_pattern(english: str) -> re.Pattern:
    """The term as a whole word or words, any letter case, with an -s or -es plural; ' and ’ alike."""
    body = "".join("['’]" if char in "'’" else re.escape(char) for char in english)
    return re.compile(rf"(?<!\w){body}(?:s|es)?(?!\w)", re.IGNORECASE)


def load_glossary(locales_dir: Path, locale: str) -> Glossary | None:
    """A locale's glossary, None when it has none; a DeckError naming file and line of anything wrong in it."""
    path = glossary_path(locales_dir, locale)
    if not path.is_file() and not not_a_file(path):
        return None
    node = load_yaml(path)
    if not isinstance(node, MappingNode):
        raise DeckError([Problem(path, line_of(node), "", f"wrong type (expected a mapping of English terms to "
                                                          f"renderings, got {kind_of(node)})")])
    problems, terms = [], []
    for key, value in node.value:
        english = key.value.strip() if isinstance(key, ScalarNode) else ""
        if not english:
            problems.append(Problem(path, line_of(key), "", f"not a term (expected an English word or phrase, got {kind_of(key)})"))
            continue
        items = value.value if isinstance(value, SequenceNode) else [value]
        wrong = _renderings_problem(items, value)
        if wrong:
            problems.append(Problem(path, wrong[0], english, wrong[1]))
            continue
        renderings = [item.value.strip() for item in items]
        terms.append(Term(english, tuple(renderings), line_of(key), term_pattern(english)))
    if problems:
        raise DeckError(problems)
    return Glossary(path, tuple(terms))


def _renderings_problem(items: list, value) -> tuple[int, str] | None:
    """(line, message) for the first rendering that is no text: missing, empty, a list or mapping, unprintable."""
    if not items:
        return line_of(value), "missing rendering (expected the translation every entry must use, or a list of accepted ones, got an empty list)"
    for item in items:
        if not isinstance(item, ScalarNode):
            return line_of(item), f"wrong type (expected a rendering as text, got {kind_of(item)})"
        if item.tag == "tag:yaml.org,2002:null" and not item.style or not item.value.strip():
            return line_of(item), ("missing rendering (expected the translation every entry must use, or a list of "
                                   f"accepted ones, got {kind_of(item)})")
        wrong = text_problem(item.value, newlines=False)
        if wrong:
            return line_of(item), wrong
    return None


def glossary_problems(glossary: Glossary | None, catalog: PoCatalog, po_path: Path) -> list[Problem]:
    """A warning for each reviewed translation whose English has a glossary term and which lacks every accepted
    rendering of it, at the entry's msgstr line."""
    if glossary is None:
        return []
    found = []
    for entry in catalog.entries:
        if not entry.msgstr or entry.fuzzy or entry.context is None:
            continue
        for term in glossary.terms:
            match = term.pattern.search(entry.msgid)
            if match is None or any(text in entry.msgstr for text in term.renderings):
                continue
            wanted = " or ".join(term.renderings)
            found.append(Problem(po_path, entry.msgstr_line or entry.line, entry.context,
                                 f"English has {describe(match[0])}, translation lacks {wanted} (expected "
                                 f"{'one of them' if len(term.renderings) > 1 else 'it'} for {describe(term.english)}, "
                                 f"{display_path(glossary.path)}:{term.line})", WARNING, RULE))
    return found
