"""Problems found in a deck's sources: data with a place, printed by the CLI."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: where it is (file, 1-based line, path inside the file) and what is wrong."""

    file: Path | None
    line: int | None
    where: str
    message: str
    level: str = ERROR
    rule: str = ""  # the check rule a warning belongs to (e.g. assets.slot), for `build.py check`

    def format(self) -> str:
        """Render as `file:line: where: message` (a warning says so after the place); a problem with a command-line
        option or argument, or an environment variable, and no file (`--term`, `LOCALE`) as `where: message`."""
        option = self.file is None and (self.where.startswith("--") or self.where.isupper())
        return report_line(None if option else place(self.file, self.line), f"{self.where}: " if self.where else "",
                           self.level, self.message)

    def as_error(self) -> "Problem":
        """The same finding at error level (for --strict)."""
        return Problem(self.file, self.line, self.where, self.message, ERROR, self.rule)


class DeckError(Exception):
    """Raised with every problem found when a deck cannot be built; `written`: the files a command had written
    before it (the CLI names them)."""

    def __init__(self, problems: list[Problem], written: Sequence[Path] = ()):
        self.problems = list(problems)
        self.written = list(written)
        super().__init__("\n".join(p.format() for p in self.problems))


def place(file: Path | None, line: int | None) -> str:
    """`file:line` for a message: the path as display_path shows it, no line when it is unknown, `<deck>` when
    there is no file."""
    shown = display_path(file) if file else "<deck>"
    return f"{shown}:{line}" if line else shown


def report_line(where: str | None, label: str, level: str, message: str) -> str:
    """One problem or check finding as the CLI prints it: `PLACE: LABEL message` (`LABEL message` with no place),
    `warning: ` before a warning's message."""
    where, label = _printable(where or ""), _printable(label)  # a file or folder name typed with a line break
    return f"{where + ': ' if where else ''}{label}{'warning: ' if level == WARNING else ''}{message}"


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(text: str) -> str:
    """A name as one line that does nothing to a terminal: control characters written as escapes (\\n, \\x1b)."""
    return _UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], text)


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it lies below it, else as given."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.parents else str(path)
    except ValueError:
        return str(path)


DEFAULT_DECK = Path("deck")


def command(deck_dir: Path | str | None, *words: str, options: tuple[str, ...] = ()) -> str:
    """`build.py WORDS DECK_DIR OPTIONS`: a command for the user to run, naming the deck folder as they passed it
    (left out when it is the default `deck`)."""
    parts = ["build.py", *words]
    if deck_dir is not None and Path(deck_dir) != DEFAULT_DECK and Path(deck_dir).resolve() != DEFAULT_DECK.resolve():
        parts.append(shlex.quote(display_path(deck_dir)))
    return " ".join([*parts, *options])


def command_hint(deck_dir: Path | str | None, *words: str, options: tuple[str, ...] = ()) -> str:
    """The same command in backquotes, for a message."""
    return f"`{command(deck_dir, *words, options=options)}`"


def expected(what: str, got: object) -> str:
    """The `(expected X, got Y)` tail of a message."""
    return f"(expected {what}, got {describe(got)})"


def describe(value: object) -> str:
    """A short, quoted description of a value for messages."""
    if value is None:
        return "nothing"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)
