"""Measure text with real font files (Pillow) to pick font sizes that fit their boxes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from ..source.markup import Run

LINE_HEIGHT = 1.2  # PowerPoint's single spacing for Calibri-like fonts, in ems
_REF = 100  # fonts are loaded at this pixel size and widths scaled to the size asked for
# Characters that may not start a line (closing punctuation) or end one (opening punctuation).
NO_LINE_START = set("。，、；：？！）」』】》〉”’．・…—ー々,.;:?!)]}%")
NO_LINE_END = set("（「『【《〈“‘([{")


def is_cjk(char: str) -> bool:
    """True for Han characters, kana, hangul and full-width punctuation."""
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0xFE30 <= code <= 0xFE4F or 0xFF00 <= code <= 0xFFEF or 0x20000 <= code <= 0x3FFFF)


CJK_CLASS = "[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0003FFFF]"
_CJK = re.compile(CJK_CLASS)


def has_cjk(text: str) -> bool:
    """True when any character of the text is CJK (the same ranges as is_cjk)."""
    return _CJK.search(text) is not None


@lru_cache(maxsize=None)
def _font_file(family: str, bold: bool, italic: bool) -> str:
    from matplotlib import font_manager  # its font index finds the files; imported on the first measurement

    props = font_manager.FontProperties(family=family, weight="bold" if bold else "normal",
                                        style="italic" if italic else "normal")
    return font_manager.findfont(props, fallback_to_default=True)


@lru_cache(maxsize=None)
def _font(family: str, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_file(family, bold, italic), _REF)


@lru_cache(maxsize=None)
def _cjk_font() -> ImageFont.FreeTypeFont | None:
    from matplotlib import font_manager

    for family in ("Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK SC"):
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        if path:
            return ImageFont.truetype(path, _REF)
    return None


@lru_cache(maxsize=65536)
def _ref_width(text: str, family: str, bold: bool, italic: bool) -> float:
    """Width of text at the reference size: Latin from the family's file, CJK from a CJK font (or 1 em)."""
    total = 0.0
    latin = _font(family, bold, italic)
    cjk = _cjk_font()
    chunk: list[str] = []
    for char in text:
        if is_cjk(char):
            if chunk:
                total += latin.getlength("".join(chunk))
                chunk = []
            total += cjk.getlength(char) if cjk else _REF
        else:
            chunk.append(char)
    if chunk:
        total += latin.getlength("".join(chunk))
    return total


@dataclass(frozen=True)
class Measurer:
    """Widths of text in points for one Latin font family (a metric-compatible file stands in for it)."""

    family: str = "Carlito"

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        """The advance width of text at `size` points."""
        return _ref_width(text, self.family, bold, italic) * size / _REF

    def count_lines(self, runs: list[Run], size: float, width: float) -> int:
        """How many lines the runs take when wrapped into `width` points (Latin at spaces, CJK per character)."""
        lines = 1
        used = 0.0
        for token, bold, italic in _tokens(runs):
            w = self.width(token, size, bold, italic)
            trimmed = self.width(token.rstrip(" "), size, bold, italic)
            if used and used + trimmed > width:
                lines += 1
                used = 0.0
                if token.isspace():
                    continue
            while trimmed > width:  # a single word wider than the box breaks inside it
                lines += 1
                trimmed -= width
                w -= width
            used += w
        return lines


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


def text_height(paragraphs: list[tuple[list[Run], float, float, float]], width: float,
                measurer: Measurer = Measurer()) -> float:
    """Height in points of paragraphs given as (runs, size, indent, space_before), wrapped into `width` points."""
    total = 0.0
    for index, (runs, size, indent, space_before) in enumerate(paragraphs):
        if index:
            total += space_before
        total += measurer.count_lines(runs, size, width - indent) * size * LINE_HEIGHT
    return total
