"""Gettext PO files, read strictly (at least as strictly as `msgfmt -c`) and written back as they were read.

Every syntax problem is collected with its line; an entry whose content did not change is written back with the
exact text it was read from, so reading and writing a catalog changes no byte. New or changed entries are written
the way Babel and xgettext lay them out (strings wrapped at 79 columns, notes wrapped, one blank line after each).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import TextWrapper


from ..problems import DeckError, Problem, describe
from ..text import blank, text_problem

WIDTH = 79
_COMMENT_WRAP = TextWrapper(width=WIDTH, break_long_words=False)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "b": "\b", "f": "\f", "v": "\v",
            "'": "'", "?": "?"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)(?=\s|\"|$)\s*(.*)$")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$")
_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.I)
_NUMBER_ESCAPE = re.compile(r"([0-7]{1,3})|x([0-9A-Fa-f]{1,2})")  # \ooo (octal) or \xhh, as C writes them


@dataclass(eq=False)
class PoEntry:
    """One PO entry: its ID (msgctxt), the English (msgid), the translation (msgstr) and its comments."""

    context: str | None
    msgid: str
    msgstr: str = ""
    flags: set[str] = field(default_factory=set)
    previous: str | None = None  # `#| msgid`: the English the translation was made for
    previous_context: str | None = None  # `#| msgctxt`: the ID it was made for, when another
    comments: list[str] = field(default_factory=list)  # `# ` translator comments, one item per line
    notes: list[str] = field(default_factory=list)  # `#.` notes for translators, one item per line
    locations: list[str] = field(default_factory=list)  # `#:` references such as deck/outline/00.yaml:4
    obsolete: bool = False
    line: int = 0  # where the entry's keywords start
    msgstr_line: int = 0
    raw: str | None = field(default=None, repr=False)  # the text it was read from, blank lines after it included
    read_as: tuple | None = field(default=None, repr=False)  # its content when read

    @property
    def fuzzy(self) -> bool:
        """Marked as needing review (`#, fuzzy`)."""
        return "fuzzy" in self.flags

    def content(self) -> tuple:
        """Everything that is written for the entry, to tell whether it changed since it was read."""
        return (self.context, self.msgid, self.msgstr, tuple(sorted(self.flags)), self.previous,
                self.previous_context, tuple(self.comments), tuple(self.notes), tuple(self.locations), self.obsolete)

    def keep_layout_of(self, old: "PoEntry") -> "PoEntry":
        """Write this entry with the old one's exact text when their content is the same."""
        if old.raw is not None and old.read_as == self.content():
            self.raw, self.read_as = old.raw, old.read_as
        return self


@dataclass(eq=False)
class PoCatalog:
    """A PO or POT file: the header entry, the live entries in order, then the obsolete (`#~`) ones."""

    header: PoEntry
    entries: list[PoEntry] = field(default_factory=list)
    obsolete: list[PoEntry] = field(default_factory=list)
    path: Path | None = None
    newline: str = "\n"
    bom: bool = False

    def by_id(self) -> dict[str, PoEntry]:
        """The live entries by ID."""
        return {entry.context: entry for entry in self.entries if entry.context is not None}

    def header_field(self, name: str) -> str | None:
        """A header field's value (e.g. Language), None when absent."""
        for key, value in header_fields(self.header.msgstr):
            if key.lower() == name.lower():
                return value
        return None

    def set_field(self, name: str, value: str) -> None:
        """Set a header field, keeping the others and their order."""
        lines = self.header.msgstr.split("\n")
        for index, line in enumerate(lines):
            if line.lower().startswith(name.lower() + ":"):
                lines[index] = f"{name}: {value}"
                break
        else:
            lines.insert(len(lines) - 1 if lines and lines[-1] == "" else len(lines), f"{name}: {value}")
        self.header.msgstr = "\n".join(lines)


def header_fields(text: str) -> list[tuple[str, str]]:
    """The `Name: value` lines of a header msgstr."""
    return [(m[1], m[2]) for m in (_HEADER_LINE.match(line) for line in text.split("\n")) if m]


def wrap_comment(text: str) -> list[str]:
    """A note for translators as the lines a `#.` comment is written on (wrapped as Babel and xgettext do)."""
    return [line.strip() for line in _COMMENT_WRAP.wrap(text)] or [""]


# -- reading ---------------------------------------------------------------------------------------------------------


class _Reader:
    """Line-by-line state of one PO file being read."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.entries: list[PoEntry] = []
        self.entry = PoEntry(None, "")
        self.start = 0  # index of the current entry's first line
        self.seen: list[str] = []  # keywords of the current entry, in order
        self.target: str | None = None  # the keyword the next string continues
        self.obsolete_lines: set[bool] = set()
        self.broken = False
        self.broken_entries: set[int] = set()  # entries with a syntax problem: not checked further
        self.previous_target: str | None = None

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(self.path, number, self.entry.context or "", message))

    def finish(self, lines: list[str], end: int) -> None:
        """Close the current entry at line index `end` (exclusive)."""
        entry = self.entry
        if self.seen:
            if "msgstr" not in self.seen and not self.broken:
                self.problem(entry.line, "msgid without msgstr (expected a msgstr line after the msgid)")
            entry.obsolete = self.obsolete_lines == {True}
            if len(self.obsolete_lines) > 1 and not self.broken:
                self.problem(entry.line, "entry mixes obsolete (#~) and live lines (expected every keyword line "
                                         "with #~, or none)")
            entry.raw = "".join(lines[self.start:end])
            entry.read_as = entry.content()
            self.entries.append(entry)
            if self.broken:
                self.broken_entries.add(id(entry))
        elif self.entries:  # blank lines or comments after the last entry: kept with the entry before them
            self.keep_with_last("".join(lines[self.start:end]))
        self.entry = PoEntry(None, "")
        self.start = end
        self.seen, self.target, self.obsolete_lines, self.broken = [], None, set(), False
        self.previous_target = None

    def keep_with_last(self, text: str) -> None:
        """Lines after the last entry read, written back with it."""
        last = self.entries[-1]
        assert last.raw is not None  # set when the entry was finished
        last.raw += text

    def string(self, text: str, number: int) -> str:
        """The value of one quoted string (`"..."` with C escapes), reporting what is wrong with it."""
        text = text.strip()
        if not text.startswith('"'):
            self.problem(number, f"expected a quoted string (expected \"...\", got {describe(text) if text else 'nothing'})")
            self.broken = True
            return ""
        out: list[str] = []
        i = 1
        while i < len(text):
            char = text[i]
            if char == '"':
                rest = text[i + 1:].strip()
                if rest:
                    self.problem(number, f"text after the closing quote (expected the end of the line, got {describe(rest)})")
                    self.broken = True
                return "".join(out)
            if char == "\\":
                if i + 1 >= len(text):
                    break
                code = text[i + 1]
                if code in _ESCAPES:
                    out.append(_ESCAPES[code])
                    i += 2
                    continue
                escape = _NUMBER_ESCAPE.match(text, i + 1)
                if escape is not None:
                    out.append(chr(int(escape[1], 8) if escape[1] else int(escape[2], 16)))
                    i += 1 + len(escape[0])
                    continue
                self.problem(number, f"unknown escape \\{code} in a string (expected \\n, \\t, \\\" or \\\\, got \\{code})")
                self.broken = True
                i += 2
                continue
            out.append(char)
            i += 1
        self.problem(number, 'unterminated string (expected a closing ", got the end of the line)')
        self.broken = True
        return "".join(out)

    def keyword(self, word: str, rest: str, number: int, obsolete: bool, lines: list[str], index: int) -> None:
        entry = self.entry
        if word in ("msgctxt", "msgid") and "msgid" in self.seen and ("msgstr" in self.seen or "plural" in self.seen):
            self.finish(lines, index)
            entry = self.entry
        if not self.seen:
            entry.line = number
        self.obsolete_lines.add(obsolete)
        value = self.string(rest, number)
        if word == "msgid_plural" or word.startswith("msgstr["):
            if "plural" not in self.seen:
                self.problem(number, f"plural entry (expected msgid and msgstr: deck texts have no plural forms, got {word})")
            self.seen.append("plural")
            self.broken = True
            self.target = None
            return
        if word == "msgctxt":
            if self.seen:
                self.problem(number, f"msgctxt after {self.seen[-1]} (expected msgctxt, then msgid, then msgstr)")
                self.broken = True
            entry.context = value
        elif word == "msgid":
            if "msgid" in self.seen:
                self.problem(number, "msgid twice in one entry (expected msgstr after the msgid)")
                self.broken = True
            entry.msgid = value
        else:
            if "msgid" not in self.seen:
                if not self.broken:
                    self.problem(number, "msgstr before msgid (expected msgctxt, then msgid, then msgstr)")
                self.broken = True
            elif "msgstr" in self.seen:
                self.problem(number, "msgstr twice in one entry (expected one msgstr)")
                self.broken = True
            entry.msgstr = value
            entry.msgstr_line = number
        self.seen.append(word)
        self.target = word

    def previous(self, text: str, number: int) -> None:
        """A `#| msgctxt` / `#| msgid` line, or a string continuing one."""
        entry = self.entry
        match = _KEYWORD.match(text)
        if match and match[1] in ("msgctxt", "msgid"):
            value = self.string(match[2], number)
            self.previous_target = match[1]
            if match[1] == "msgid":
                entry.previous = value
            else:
                entry.previous_context = value
        elif text.startswith('"') and self.previous_target:
            value = self.string(text, number)
            if self.previous_target == "msgid":
                entry.previous = (entry.previous or "") + value
            else:
                entry.previous_context = (entry.previous_context or "") + value
        else:
            self.problem(number, f"unreadable previous-text line (expected #| msgid \"...\", got {describe('#| ' + text)})")


def parse(data: bytes, path: Path) -> PoCatalog:
    """Read a PO or POT file's bytes; raise DeckError listing every problem with its line."""
    problems: list[Problem] = []
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data[:exc.start].count(b"\n") + 1
        charset = _CHARSET.search(data[:4000].decode("ascii", "replace"))
        said = charset[1].rstrip('\\n"') if charset else None
        hint = (f"; the header says charset={said}: convert the file to UTF-8 and set charset=UTF-8"
                if said and said.lower().replace("_", "-") not in ("utf-8", "utf8") else "")
        raise DeckError([Problem(path, bad_line, "", f"not UTF-8 text (expected UTF-8, got byte 0x{data[exc.start]:02X}{hint})")]) from None
    newline = "\r\n" if "\r\n" in text else "\n"
    # Lines end at \n only: U+2028, U+2029, form feeds and the like are characters inside a string, to be reported
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    if not lines[-1]:
        lines.pop()
    reader = _Reader(path)
    for index, raw in enumerate(lines):
        number = index + 1
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            if reader.seen:
                reader.finish(lines, index)
            if reader.start == index and reader.entries:  # a blank line after an entry is written back with it
                reader.keep_with_last(raw)
                reader.start = index + 1
            continue
        if stripped.startswith("#~"):
            body = stripped[2:].lstrip()
            if body.startswith("|"):
                if "msgstr" in reader.seen:
                    reader.finish(lines, index)
                reader.previous(body[1:].strip(), number)
                continue
            line, obsolete = body, True
        elif stripped.startswith("#"):
            if "msgstr" in reader.seen:
                reader.finish(lines, index)
            elif reader.seen and not reader.broken:
                reader.problem(number, f"comment inside an entry (expected msgstr after {reader.seen[-1]}, got a comment)")
                reader.broken = True
            _comment(reader, stripped, number)
            continue
        else:
            line, obsolete = stripped, False
        if line.startswith('"'):
            if reader.target is None:
                if not reader.broken:
                    reader.problem(number, f"string without a keyword (expected msgctxt, msgid or msgstr before it, got {describe(line)})")
                continue
            value = reader.string(line, number)
            entry = reader.entry
            if reader.target == "msgctxt":
                entry.context = (entry.context or "") + value
            elif reader.target == "msgid":
                entry.msgid += value
            else:
                entry.msgstr += value
            continue
        match = _KEYWORD.match(line)
        if not match:
            word = line.split()[0] if line.split() else line
            reader.problem(number, f"unknown keyword (expected msgctxt, msgid, msgstr or a # comment, got {describe(word)})")
            continue
        reader.keyword(match[1], match[2], number, obsolete, lines, index)
    reader.finish(lines, len(lines))
    problems.extend(reader.problems)
    catalog = _assemble(reader.entries, path, problems, reader.broken_entries)
    if problems:
        raise DeckError(problems)
    catalog.newline, catalog.bom = newline, bom
    return catalog


def _comment(reader: _Reader, text: str, number: int) -> None:
    entry = reader.entry
    if text.startswith("#."):
        entry.notes.append(text[2:].strip())
    elif text.startswith("#:"):
        entry.locations.extend(text[2:].split())
    elif text.startswith("#,"):
        entry.flags.update(flag.strip() for flag in text[2:].split(",") if flag.strip())
    elif text.startswith("#|"):
        reader.previous(text[2:].strip(), number)
    else:
        entry.comments.append(text[1:].strip() if text[1:2] in (" ", "") else text[1:])


def _assemble(entries: list[PoEntry], path: Path, problems: list[Problem], broken: set[int]) -> PoCatalog:
    """The catalog from its entries: the header first, IDs unique, every entry with an ID."""
    if entries and id(entries[0]) in broken:
        return PoCatalog(entries[0], entries[1:], [], path)
    if not entries or entries[0].msgid or entries[0].context is not None or entries[0].obsolete:
        line = entries[0].line if entries else 1
        problems.append(Problem(path, line, "", "no header entry (expected the file to start with msgid \"\" and "
                                                "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\" ...)"))
        return PoCatalog(PoEntry(None, ""), entries, [], path)
    header, rest = entries[0], entries[1:]
    _check_header(header, path, problems)
    live, obsolete = [e for e in rest if not e.obsolete], [e for e in rest if e.obsolete]
    seen: dict[str, int] = {}
    for entry in live:
        if id(entry) in broken:
            continue
        if entry.context is None:
            what = "a second header" if not entry.msgid else f"msgid {describe(entry.msgid)}"
            problems.append(Problem(path, entry.line, "msgctxt", f"entry without an ID (expected a msgctxt line, got {what})"))
        elif blank(entry.context) or text_problem(entry.context, newlines=False):
            wrong = text_problem(entry.context, newlines=False) or f"empty ID (expected an ID such as " \
                                                                              f"points.title, got {describe(entry.context)})"
            problems.append(Problem(path, entry.line, "msgctxt", wrong))
        elif not entry.msgid:
            problems.append(Problem(path, entry.line, entry.context, "empty msgid (expected the English text)"))
        elif entry.context in seen:
            problems.append(Problem(path, entry.line, entry.context, f"ID used twice (first at line {seen[entry.context]})"))
        else:
            seen[entry.context] = entry.line
    return PoCatalog(header, live, obsolete, path)


def _check_header(header: PoEntry, path: Path, problems: list[Problem]) -> None:
    """The header's lines are `Name: value`, and it declares UTF-8 (a file in another charset reads as garbage)."""
    for line in header.msgstr.split("\n"):
        if line and not _HEADER_LINE.match(line):
            problems.append(Problem(path, header.msgstr_line, "header", f"malformed header line (expected 'Name: value', got {describe(line)})"))
    content_type = next((value for key, value in header_fields(header.msgstr) if key.lower() == "content-type"), None)
    charset = _CHARSET.search(content_type or "")
    if charset is None:
        problems.append(Problem(path, header.msgstr_line, "header", "no charset in the header (expected "
                                "\"Content-Type: text/plain; charset=UTF-8\\n\", got "
                                f"{describe(content_type) if content_type else 'no Content-Type line'})"))
    elif charset[1].lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Problem(path, header.msgstr_line, "header", "the header declares a charset other than UTF-8 "
                                f"(expected charset=UTF-8, got {describe(charset[1])}; catalogs are read as UTF-8: "
                                "save the file as UTF-8 and change the header)"))


# -- writing ---------------------------------------------------------------------------------------------------------


def entry_text(entry: PoEntry) -> str:
    """One entry laid out as Babel writes it (without the blank line after it)."""
    out = [f"# {c}" if c else "#" for c in entry.comments]
    out += [f"#. {n}" if n else "#." for n in entry.notes]
    if entry.locations:
        out += [f"#: {line}" for line in wrap_comment(" ".join(entry.locations))]
    if entry.flags:
        out.append("#, " + ", ".join(sorted(entry.flags)))
    mark = "#~" if entry.obsolete else "#"
    for keyword, value in (("msgctxt", entry.previous_context), ("msgid", entry.previous)):
        if value is not None:
            first, *rest = _normalize(value, width=WIDTH).splitlines()
            out.append(f"{mark}| {keyword} {first}")
            out += [f"{mark}| {line}" for line in rest]
    prefix = "#~ " if entry.obsolete else ""
    if entry.context is not None:
        out.append(f"{prefix}msgctxt {_normalize(entry.context, prefix=prefix, width=WIDTH)}")
    out.append(f"{prefix}msgid {_normalize(entry.msgid, prefix=prefix, width=WIDTH)}")
    out.append(f"{prefix}msgstr {_normalize(entry.msgstr, prefix=prefix, width=WIDTH)}")
    return "\n".join(out) + "\n"


def dumps(catalog: PoCatalog) -> bytes:
    """The catalog as PO text: unchanged entries exactly as read, the others laid out as Babel does."""
    blocks = []
    items = [catalog.header, *catalog.entries, *catalog.obsolete]
    for index, entry in enumerate(items):
        if entry.raw is not None and entry.read_as == entry.content():
            block = entry.raw.replace("\r\n", "\n")
            if not block.endswith("\n"):
                block += "\n"
            if index < len(items) - 1 and not block.endswith("\n\n"):
                block += "\n"
        else:
            block = entry_text(entry) + "\n"
        blocks.append(block)
    text = "".join(blocks)
    if catalog.newline != "\n":
        text = text.replace("\n", catalog.newline)
    return (b"\xef\xbb\xbf" if catalog.bom else b"") + text.encode("utf-8")


def _normalize(text: str, prefix: str = "", width: int = WIDTH) -> str:
    """A string as PO text, wrapped as Babel wraps it (imported only when a catalog is written, not on every build)."""
    from babel.messages.pofile import normalize

    return normalize(text, prefix=prefix, width=width)
