"""Measure text with the project's own font files (Pillow) to pick font sizes that fit their boxes: Latin text with
Carlito (Calibri's metrics), CJK text with Noto Sans CJK's advances (see lecturedeck.fonts), whatever the machine has."""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Sequence

from ..fonts import cjk_advance, latin_file
from ..source.markup import Run

LINE_HEIGHT = 1.2  # PowerPoint's single spacing for Calibri-like fonts, in ems
_REF = 100  # fonts are loaded at this pixel size and widths scaled to the size asked for
# Characters that may not start a line (closing punctuation) or end one (opening punctuation).
NO_LINE_START = set("。，、；：？！）」』】》〉”’．・…—ー々,.;:?!)]}%")
NO_LINE_END = set("（「『【《〈“‘([{")
# A forced line break inside a paragraph (drawn as <a:br/>). No text can hold U+2028 (text.py refuses it), so it
# is free to mark one in runs.
BREAK = "\u2028"


def is_cjk(char: str) -> bool:
    """True for Han characters, kana, hangul and full-width punctuation."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


def has_cjk(text: str) -> bool:
    """True when any character of the text is CJK (a regular expression of these ranges costs 10 ms to compile,
    more than a build spends here)."""
    return not text.isascii() and any(map(is_cjk, text))


def script_runs(text: str) -> list[str]:
    """The text cut where it changes between CJK and other characters: 'the 样板戏 operas' -> 3 runs."""
    if text.isascii():
        return [text] if text else []
    return ["".join(run) for _cjk, run in groupby(text, key=is_cjk)]


@lru_cache(maxsize=None)
def _font(bold: bool, italic: bool):
    from PIL import ImageFont  # not needed when every measurement is remembered from the last build

    # Pillow's basic layout always: Pillow lays text out with raqm (other widths: GPOS kerning, ligatures) wherever
    # the system happens to have libfribidi (LibreOffice and Chromium bring it), so the sizes would depend on that
    return ImageFont.truetype(str(latin_file(bold, italic)), _REF, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def _ref_width(text: str, bold: bool, italic: bool) -> float:
    """Width of text at the reference size: Latin from Carlito's file, CJK from Noto Sans CJK's advances."""
    total = 0.0
    latin = _font(bold, italic)
    chunk: list[str] = []
    for char in text:
        if is_cjk(char):
            if chunk:
                total += latin.getlength("".join(chunk))
                chunk = []
            total += cjk_advance(char) * _REF
        else:
            chunk.append(char)
    if chunk:
        total += latin.getlength("".join(chunk))
    return total


@dataclass(frozen=True)
class Measurer:
    """Widths of text in points, as PowerPoint lays out Calibri and the East Asian fonts the deck names."""

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The advance width of text at `size` points."""
        return _ref_width(text, bold, italic) * size / _REF

    def count_lines(self, runs: list[Run], size: float, width: float) -> int:
        """How many lines the runs take when wrapped into `width` points (Latin at spaces, CJK per character)."""
        return self.extent(runs, size, width)[0]

    def extent(self, runs: list[Run], size: float, width: float) -> tuple[int, float]:
        """(lines, width of the widest line in points) of the runs wrapped into `width` points."""
        key = json.dumps([[[r.text, r.bold, r.italic] for r in runs], size, round(width, 3)], ensure_ascii=False)
        found = _MEMO.lines.get(key)
        if found is None:
            lines, _starts, widest = self.layout(runs, size, width)
            found = _MEMO.lines[key] = [lines, widest]
            _MEMO.changed = True
        return found[0], found[1]

    def layout(self, runs: list[Run], size: float, width: float) -> tuple[int, list[int], float]:
        """(lines, index of the token each line starts with, width of the widest line in points) for the runs
        wrapped into `width` points; a word wider than the box adds lines that start inside it, which have no entry."""
        lines, starts = 1, [0]
        used = 0.0  # advance so far on the current line, trailing spaces included
        drawn = 0.0  # the current line's width without its trailing spaces
        widest = 0.0
        for index, (token, bold, italic) in enumerate(_tokens(runs)):
            if token == BREAK:  # (a typed newline is a BREAK token too)
                widest = max(widest, drawn)
                lines += 1
                starts.append(index + 1)
                used = drawn = 0.0
                continue
            w = self.width(token, size, bold, italic)
            trimmed = self.width(token.rstrip(" "), size, bold, italic)
            if used and used + trimmed > width:
                widest = max(widest, drawn)
                lines += 1
                starts.append(index + (1 if token.isspace() else 0))
                used = drawn = 0.0
                if token.isspace():
                    continue
            while trimmed > width:  # a single word wider than the box breaks inside it
                widest = width
                lines += 1
                trimmed -= width
                w -= width
            if trimmed:
                drawn = used + trimmed
            used += w
        return lines, starts, round(max(widest, drawn), 3)


def balanced_breaks(runs: list[Run], size: float, width: float, measurer: "Measurer") -> tuple[int, ...]:
    """Where to break a wrapped title holding CJK so that its last line does not hold one or two characters alone,
    as plain-text offsets. Two lines break where both halves fit, neither is lonely, after punctuation or before
    an opening bracket when one is near, else where the halves are most even; more lines break where the narrowest
    width giving as many lines does. Every line still fits `width`, so the line count (and the fit measurement)
    stays the same. () when no break is needed or none helps."""
    text = "".join(run.text for run in runs)
    if not has_cjk(text) or BREAK in text or "\n" in text or unicodedata.normalize("NFC", text) != text:
        return ()
    tokens = _tokens(runs)
    lines, starts, _widest = measurer.layout(runs, size, width)
    if lines < 2 or len(starts) != lines or not _lonely(tokens[starts[-1]:]):
        return ()
    offsets = [0]
    for token, _bold, _italic in tokens:
        offsets.append(offsets[-1] + len(token))
    if lines == 2:
        best, best_cost = None, None
        for cut in range(1, len(tokens)):
            first, second = _line_width(tokens[:cut], size, measurer), _line_width(tokens[cut:], size, measurer)
            if first > width or second > width or _lonely(tokens[:cut]) or _lonely(tokens[cut:]):
                continue
            cost = abs(first - second) / width - (0.5 if _break_friendly(tokens[cut - 1][0], tokens[cut][0]) else 0)
            if best_cost is None or cost < best_cost:
                best, best_cost = cut, cost
        return (offsets[best],) if best is not None else ()
    low, high = width / lines, width
    for _ in range(24):
        middle = (low + high) / 2
        count, found, _widest = measurer.layout(runs, size, middle)
        if count == lines and len(found) == lines:
            high = middle
        else:
            low = middle
    _count, starts, _widest = measurer.layout(runs, size, high)
    if _lonely(tokens[starts[-1]:]):
        return ()
    return tuple(offsets[start] for start in starts[1:])


def _line_width(tokens, size: float, measurer: "Measurer") -> float:
    """The width of tokens set on one line (the last one's trailing spaces hang outside)."""
    *head, (last, bold, italic) = tokens
    return sum(measurer.width(t, size, b, i) for t, b, i in head) + measurer.width(last.rstrip(" "), size, bold, italic)


_AFTER = set("，、；：。！？）」』】》〉,;:.!?)")


def _break_friendly(before: str, after: str) -> bool:
    """A break reads well after punctuation (or a space) and before an opening bracket."""
    return before.rstrip()[-1:] in _AFTER or before.endswith(" ") or after[:1] in NO_LINE_END


def _lonely(tokens) -> bool:
    """True when a line holds at most two characters besides spaces and punctuation."""
    letters = [c for token, _b, _i in tokens for c in token
               if not c.isspace() and not unicodedata.category(c).startswith("P")]
    return len(letters) <= 2


class _Memo:
    """Line counts already measured, kept between builds: a warm build measures nothing again."""

    VERSION = "5"  # change when the measuring rules change (2: widest line; 3: forced line breaks; 4: typed ones;
    # 5: Pillow's basic layout, never raqm)

    def __init__(self):
        self.lines: dict[str, list] = {}  # key -> [lines, widest line in points]
        self.changed = False
        self.path: Path | None = None

    @staticmethod
    def stamp() -> list:
        files = [latin_file(bold, italic) for bold in (False, True) for italic in (False, True)]
        return [_Memo.VERSION] + [[os.stat(path).st_size, os.stat(path).st_mtime_ns] for path in files]


_MEMO = _Memo()


def remember_measurements(path: Path) -> None:
    """Use (and later save_measurements() into) the line counts remembered at `path`, if made with these fonts."""
    _MEMO.path = path
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("stamp") == _Memo.stamp() and isinstance(saved.get("lines"), dict):
            _MEMO.lines.update(saved["lines"])
    except (OSError, ValueError, AttributeError):
        pass


def save_measurements() -> None:
    """Write the line counts measured since remember_measurements() (best effort: it is only a cache)."""
    if not _MEMO.changed or _MEMO.path is None:
        return
    from ..files import write_atomic

    try:
        write_atomic(_MEMO.path, json.dumps({"stamp": _Memo.stamp(), "lines": _MEMO.lines}, ensure_ascii=False).encode())
        _MEMO.changed = False
    except OSError:
        pass


def _tokens(runs) -> tuple[tuple[str, bool, bool], ...]:
    """Cached: a paragraph is measured at several sizes, its pieces are the same each time."""
    return _tokens_of(tuple(runs))


@lru_cache(maxsize=8192)
def _tokens_of(runs: tuple[Run, ...]) -> tuple[tuple[str, bool, bool], ...]:
    """Unbreakable pieces with their trailing spaces; CJK characters stand alone, punctuation kept with its neighbour."""
    pieces: list[tuple[str, bool, bool]] = []
    for run in runs:
        buf = ""
        for char in unicodedata.normalize("NFC", run.text):
            if char in (BREAK, "\n"):  # a line break: forced by a balanced title, or typed in the text
                if buf:
                    pieces.append((buf, run.bold, run.italic))
                pieces.append((BREAK, run.bold, run.italic))
                buf = ""
                continue
            if is_cjk(char) and char not in NO_LINE_START:
                if buf and not (buf[-1] in NO_LINE_END):
                    pieces.append((buf, run.bold, run.italic))
                    buf = ""
                buf += char
            elif char in NO_LINE_START or not buf or not buf[-1].isspace() or char.isspace():
                if buf and is_cjk(buf[-1]) and not is_cjk(char) and char not in NO_LINE_START and not char.isspace():
                    pieces.append((buf, run.bold, run.italic))
                    buf = ""
                buf += char
            else:
                pieces.append((buf, run.bold, run.italic))
                buf = char
        if buf:
            pieces.append((buf, run.bold, run.italic))
    return tuple(pieces)


def text_height(paragraphs: Sequence[tuple[list[Run], float, float, float]], width: float,
                measurer: Measurer = Measurer()) -> float:
    """Height in points of paragraphs given as (runs, size, indent, space_before), wrapped into `width` points."""
    return text_extent(paragraphs, width, measurer)[0]


def text_extent(paragraphs: Sequence[tuple[list[Run], float, float, float]], width: float,
                measurer: Measurer = Measurer()) -> tuple[float, float]:
    """(height, width of the widest line, its indent included) in points of paragraphs given as (runs, size,
    indent, space_before), wrapped into `width` points."""
    total = widest = 0.0
    for index, (runs, size, indent, space_before) in enumerate(paragraphs):
        if index:
            total += space_before
        lines, line_width = measurer.extent(runs, size, width - indent)
        total += lines * size * LINE_HEIGHT
        widest = max(widest, indent + line_width)
    return total, widest
