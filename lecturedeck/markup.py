"""Inline markup: `**bold**` and `*italic*` in outline text, split into styled runs."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", re.S)


@dataclass(frozen=True)
class Run:
    """A piece of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False


def parse(text: str) -> list[Run]:
    """Split marked-up text into runs; unmatched markers stay as typed. Italic may sit inside bold."""
    runs: list[Run] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            runs.append(Run(text[pos:match.start()]))
        if match.group(1) is not None:
            runs.extend(Run(r.text, True, r.italic) for r in parse(match.group(1)))
        else:
            runs.append(Run(match.group(2), False, True))
        pos = match.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return [r for r in runs if r.text]


def plain(text: str) -> str:
    """The text without markup, as it reads on the slide."""
    return "".join(run.text for run in parse(text))


def signature(text: str) -> list[tuple[bool, bool]]:
    """The sequence of styles in a text, to compare markup between a source and its translation."""
    return [(r.bold, r.italic) for r in parse(text) if r.bold or r.italic]
