"""Inline markup: `**bold**` and `*italic*` in outline text, split into styled runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Run:
    """A piece of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False


def parse(text: str) -> list[Run]:
    """Split marked-up text into runs; markers that do not pair up stay as typed. Bold and italic nest either way."""
    return list(_parse(text))


@lru_cache(maxsize=16384)
def _parse(text: str) -> tuple[Run, ...]:
    pieces: list[tuple[str, str]] = []  # ("text", s) or (marker, "") with marker "*" or "**"
    stack: list[int] = []  # indexes into pieces of open markers
    matched: set[int] = set()
    i = 0
    while i < len(text):
        if text[i] != "*":
            j = i
            while j < len(text) and text[j] != "*":
                j += 1
            pieces.append(("text", text[i:j]))
            i = j
            continue
        j = i
        while j < len(text) and text[j] == "*":
            j += 1
        before = text[i - 1] if i else " "
        after = text[j] if j < len(text) else " "
        count = j - i
        if _ascii_word(before) and _ascii_word(after) or count > 3:  # a*b, 2*3 and *** rules are text
            pieces.append(("text", text[i:j]))
            i = j
            continue
        while count and not before.isspace() and stack:
            top = pieces[stack[-1]][0]
            if len(top) > count:
                break
            pieces.append((top, ""))
            matched.update((stack.pop(), len(pieces) - 1))
            count -= len(top)
        if count and not after.isspace():
            for marker in (("**", "*") if count == 3 else ("**",) if count == 2 else ("*",)):
                pieces.append((marker, ""))
                stack.append(len(pieces) - 1)
        elif count:
            pieces.append(("text", "*" * count))
        i = j
    runs: list[Run] = []
    bold = italic = False
    for index, (kind, value) in enumerate(pieces):
        if kind == "text" or index not in matched:
            value = value if kind == "text" else kind
            if runs and (runs[-1].bold, runs[-1].italic) == (bold, italic):
                runs[-1] = Run(runs[-1].text + value, bold, italic)
            elif value:
                runs.append(Run(value, bold, italic))
        elif kind == "**":
            bold = not bold
        else:
            italic = not italic
    return tuple(r for r in runs if r.text)


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def plain(text: str) -> str:
    """The text without markup, as it reads on the slide."""
    return "".join(run.text for run in parse(text))


def signature(text: str) -> list[tuple[bool, bool]]:
    """The sequence of styles in a text, to compare markup between a source and its translation."""
    return [(r.bold, r.italic) for r in parse(text) if r.bold or r.italic]


PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def placeholders(text: str) -> list[str]:
    """The `{name}` placeholders in a text, in order (other braces are literal text)."""
    return PLACEHOLDER.findall(text)
