"""Typed reading of YAML mapping nodes: every problem is collected with file, line and key path."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problem, describe
from ..text import blank, text_problem
from .model import Bullet
from .yamlsource import kind_of, line_of

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_BULLET_DEPTH = 3
BULLET_KEYS = ("text", "sub")


class Reader:
    """Reads one mapping: fields by name, problems gathered into a shared list, unknown keys reported."""

    def __init__(self, file: Path, node: Node, where: str, problems: list[Problem], lines: dict | None = None):
        self.file = file
        self.where = where
        self.problems = problems
        self.lines = lines if lines is not None else {}
        self.node = node
        self.entries: dict[str, tuple[Node, Node]] = {}
        self.ok = isinstance(node, MappingNode)
        if not self.ok:
            self.problem(node, where, f"wrong type (expected a mapping of keys, got {kind_of(node)})")
            return
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name is None:
                self.problem(key, where, "keys must be plain words (expected a word, got a complex key)")
                continue
            self.entries.setdefault(name, (key, value))

    def path(self, key: str) -> str:
        """The dotted path of a key under this mapping, for messages."""
        return f"{self.where}.{key}" if self.where else key

    def problem(self, node: Node | None, where: str, message: str, line: int | None = None) -> None:
        """Record a problem at a node's line (or this mapping's)."""
        if line is None:
            line = line_of(node) if node is not None else (line_of(self.node) if self.node is not None else None)
        self.problems.append(Problem(self.file, line, where, message))

    def _entry(self, key: str) -> tuple[Node, Node] | None:
        """A key's (key node, value node); a key typed in other letter case (`Title:`) stands in for it, so the rest
        of the file is still read (finish() reports the spelling, with its suggestion)."""
        entry = self.entries.get(key)
        if entry is None:
            variants = [value for name, value in self.entries.items() if name.lower() == key]
            entry = variants[0] if len(variants) == 1 else None
        return entry

    def has(self, key: str) -> bool:
        """True when the key is present and not null."""
        entry = self._entry(key)
        return entry is not None and not _is_null(entry[1])

    def value_node(self, key: str) -> Node | None:
        """The YAML node of a key's value, if present."""
        entry = self._entry(key)
        return entry[1] if entry else None

    def missing(self, key: str, what: str) -> None:
        """Record a required key that is absent."""
        self.problem(self.node, self.path(key), f"missing field (expected {what})")

    def text(self, key: str, *, required: bool = True, record: str | None = None) -> str:
        """A text field taken exactly as typed (YAML 1.1 booleans, numbers and dates stay text)."""
        node = self.value_node(key)
        if node is None or _is_null(node):
            if required and self.ok:
                self.missing(key, "text")
            return ""
        value = scalar_text(self, node, self.path(key))
        if value is None:
            return ""
        if blank(value) and required:
            self.problem(node, self.path(key), "empty text (expected text)")
            return ""
        if value and record:
            self.lines[record] = (self.file, line_of(node))
        return value

    def word_id(self, key: str = "id") -> str:
        """A stable word id: lower-case letters, digits and hyphens."""
        value = self.text(key)
        if value and not ID_PATTERN.match(value):
            self.problem(self.value_node(key), self.path(key),
                         f"not a word id (expected lower-case letters, digits and '-', got {describe(value)})")
            return ""
        return value

    def items(self, key: str, *, required: bool = True) -> list[tuple[str, Node]]:
        """The items of a list field as (where, node)."""
        node = self.value_node(key)
        if node is None or _is_null(node):
            if required and self.ok:
                self.missing(key, "a list")
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, self.path(key), f"wrong type (expected a list, got {kind_of(node)})")
            return []
        if required and not node.value:
            self.problem(node, self.path(key), "empty list (expected at least one item)")
        return [(f"{self.path(key)}[{i}]", item) for i, item in enumerate(node.value)]

    def finish(self, allowed: tuple[str, ...], shown: str = "") -> None:
        """Report every key that is not one of `allowed`, with a suggestion (the same key in lower case first);
        `shown` says what is expected when listing `allowed` would not help."""
        for name, (key, _value) in self.entries.items():
            if name not in allowed:
                close = [key for key in allowed if key == name.lower()] or difflib.get_close_matches(name, allowed, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.problem(key, self.path(name),
                             f"unknown key (expected {shown or 'one of ' + ', '.join(allowed)}, got {describe(name)}){hint}")


def scalar_text(reader: Reader, node: Node, where: str) -> str | None:
    """The text of a scalar node, checked for characters a deck cannot hold; None once a problem is reported."""
    if not isinstance(node, ScalarNode):
        reader.problem(node, where, f"wrong type (expected text, got {kind_of(node)})")
        return None
    value = node.value.strip() if node.style in ("|", ">") else node.value
    wrong = text_problem(value)
    if wrong:
        reader.problem(node, where, wrong)
        return None
    return value


def record_paragraphs(r: Reader, key: str, prefix: str) -> None:
    """Record the line of each paragraph (a line with text) of a text field as `prefix[i]`, so a catalog entry
    for one paragraph of the speaker notes points at that paragraph."""
    node = r.value_node(key)
    if not isinstance(node, ScalarNode) or not node.value.strip():
        return
    if node.style == "|":  # a literal block: one source line per line of text, from the line after the `|`
        first = line_of(node) + 1
        numbers = [first + n for n, line in enumerate(node.value.split("\n")) if line.strip()]
    else:
        numbers = _folded_lines(r.file, node)
    paragraphs = [line for line in node.value.split("\n") if line.strip()]
    for index, number in enumerate(numbers):
        r.lines[f"{prefix}[{index}]"] = (r.file, number)
        if index < len(paragraphs) and blank(paragraphs[index]):
            r.problem(node, f"{prefix}[{index}]", f"a paragraph of only invisible characters (expected text, or no "
                                                  f"line there, got {describe(paragraphs[index])})", line=number)


def _folded_lines(file: Path, node: ScalarNode) -> list[int]:
    """Where each paragraph of a folded, plain or quoted scalar starts: found by its first words in the file (the
    scalar's own line when they cannot be found)."""
    paragraphs = [line.strip() for line in node.value.split("\n") if line.strip()]
    start = line_of(node) + (1 if node.style == ">" else 0)
    if len(paragraphs) == 1:
        return [start]
    try:
        source = file.read_text(encoding="utf-8").split("\n")[start - 1:node.end_mark.line + 1]
    except (OSError, UnicodeError):
        source = []
    out, cursor = [], 0
    for text in paragraphs:
        needle = " ".join(text.split()[:3])
        hit = next((i for i in range(cursor, len(source)) if needle and needle in " ".join(source[i].split())), None)
        if hit is None:
            out.append(start + cursor)
            continue
        out.append(start + hit)
        cursor = hit + 1
    return out


def _is_null(node: Node) -> bool:
    # libyaml gives plain scalars the style '' where PyYAML gives None
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.style


def read_bullets(r: Reader, key: str, prefix: str, *, required: bool, depth: int = 1) -> tuple[Bullet, ...]:
    """A list of bullets under `key`: each a text or `{text, sub}`, up to MAX_BULLET_DEPTH levels; each text's
    line is recorded under `prefix[i]` (`prefix[i].sub[j]` below it)."""
    out = []
    for index, (where, node) in enumerate(r.items(key, required=required)):
        record = f"{prefix}[{index}]"
        if isinstance(node, ScalarNode):
            text = scalar_text(r, node, where)
            if text is None:
                continue
            if blank(text):
                r.problem(node, where, "empty bullet (expected text)")
            r.lines[record] = (r.file, line_of(node))
            out.append(Bullet(text))
            continue
        item = Reader(r.file, node, where, r.problems, r.lines)
        if not item.ok:
            continue
        text = item.text("text", record=record)
        sub: tuple[Bullet, ...] = ()
        if item.has("sub"):
            if depth >= MAX_BULLET_DEPTH:
                item.problem(item.value_node("sub"), item.path("sub"),
                             f"bullets nested too deep (expected at most {MAX_BULLET_DEPTH} levels)")
            else:
                sub = read_bullets(item, "sub", f"{record}.sub", required=True, depth=depth + 1)
        item.finish(BULLET_KEYS)
        out.append(Bullet(text, sub))
    return tuple(out)
