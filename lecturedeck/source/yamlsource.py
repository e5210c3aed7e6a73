"""Read a YAML file into a node tree that keeps line numbers, refusing what hand-edited outlines get wrong."""

from __future__ import annotations

import re

from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..files import not_a_file
from ..problems import DeckError, Problem, describe

MAX_BYTES = 2_000_000
MAX_DEPTH = 40


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same results, faster


def _refusal(events) -> tuple[int, str] | None:
    """The first anchor, alias, explicit tag or runaway nesting in a YAML event stream, as (line, message)."""
    depth = 0
    for event in events:
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            return line, f"YAML alias *{event.anchor} is not allowed (expected the text written out, got an alias)"
        if getattr(event, "anchor", None):
            return line, f"YAML anchor &{event.anchor} is not allowed (expected plain data, got an anchor)"
        if getattr(event, "tag", None) not in (None, "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            return line, f"YAML tag {tag} is not allowed (expected plain data, got a tag)"
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return line, f"nesting is too deep (expected at most {MAX_DEPTH} levels)"
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, reporting a bad byte by line."""
    wrong = not_a_file(path)
    if wrong:
        raise DeckError([Problem(path, None, "", wrong)])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DeckError([Problem(path, None, "", "file not found")]) from None
    except OSError as exc:
        raise DeckError([Problem(path, None, "", f"cannot read file ({exc.strerror})")]) from None
    if len(data) > MAX_BYTES:
        raise DeckError([Problem(path, None, "", f"file is too large (expected at most {MAX_BYTES} bytes, got {len(data)})")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DeckError([Problem(path, line, "", f"file is not UTF-8 (expected UTF-8 text, got byte 0x{data[exc.start]:02x})")]) from None
    return text.removeprefix("\ufeff")


def load_yaml(path: Path) -> Node:
    """Parse one YAML document into a node tree; every refusal carries file and line."""
    text = read_text(path)
    problems = [
        Problem(path, number, "", "tab used for indentation (expected spaces, got a tab)")
        for number, line in enumerate(text.splitlines(), 1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    problems += _control_characters(path, text)
    if problems:
        raise DeckError(problems)
    try:
        refusal = _refusal(yaml.parse(text, Loader=_Loader))
        if refusal:
            raise DeckError([Problem(path, refusal[0], "", refusal[1])])
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = exc.problem or str(exc)
        if "expected a single document" in str(exc):
            message = "several YAML documents in one file (expected one, got a second '---')"
        raise DeckError([Problem(path, line, "", f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise DeckError([Problem(path, None, "", f"invalid YAML: {exc}")]) from None
    if node is None:
        raise DeckError([Problem(path, 1, "", "file is empty (expected a mapping of keys)")])
    problems = list(_duplicate_keys(path, node))
    if problems:
        raise DeckError(problems)
    return node


# YAML itself breaks lines at U+0085, U+2028 and U+2029, so they are found here, before the parser misreads them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _control_characters(path: Path, text: str) -> list[Problem]:
    """Raw control characters (other than tab, newline, carriage return) by line: YAML readers give no line for them."""
    out: list[Problem] = []
    if _CONTROL.search(text) is None:
        return out
    for number, line in enumerate(text.split("\n"), 1):
        bad = _CONTROL.search(line)
        if bad is not None:
            what = "line or paragraph separator" if bad.group() in "\u2028\u2029" else "control character"
            out.append(Problem(path, number, "", f"{what} in file (expected printable text, got U+{ord(bad.group()):04X})"))
    return out


def _duplicate_keys(path: Path, node: Node):
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            line = key.start_mark.line + 1
            if name in seen:
                yield Problem(path, line, name, f"duplicate key (first given on line {seen[name]})")
            elif name is not None:
                seen[name] = line
            yield from _duplicate_keys(path, value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(path, item)


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def kind_of(node: Node | None) -> str:
    """How a node reads in a message: a mapping, a list, or the scalar itself."""
    if node is None:
        return "nothing"
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null" and not node.style:
        return "nothing"
    return describe(node.value)
