"""Native tables (a:tbl): column widths and row heights measured with the deck's fonts, so a table's size is known
before it is drawn, and the whole table fits its box at one text size or says it does not."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..source.markup import Run, parse
from .textfit import LINE_HEIGHT, Measurer

PAD_X = 0.12  # inches of cell margin left and right
PAD_Y = 0.04  # inches of cell margin top and bottom
SLACK_PT = 2.0  # room beyond a cell's longest line, so rounding to EMU never wraps it
MIN_SHARE = 0.5  # a narrow table is widened to at least this share of the box, so it reads as a table
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class TableLayout:
    """A table measured at one text size: column widths and row heights in inches, whether its rows fit the box's
    height and whether a column is too narrow for its longest word (which then breaks inside)."""

    size: int
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    fits: bool
    breaks_words: bool = False

    @property
    def width(self) -> float:
        """The table's width in inches."""
        return sum(self.widths)

    def rows_that_fit(self, height: float) -> int:
        """How many body rows fit under the header in `height` inches."""
        used, count = self.heights[0], 0
        for row in self.heights[1:]:
            used += row
            if used > height:
                break
            count += 1
        return count


def measure_table(rows: list[list[str]], width: float, height: float, sizes: tuple[int, ...],
                  measurer: Measurer = Measurer()) -> TableLayout:
    """The table (first row the header, drawn bold) at the largest of `sizes` at which it fits width x height
    inches without breaking a word; at the smallest size when none does."""
    layout = None
    for size in sizes:
        layout = _layout(rows, width, height, size, measurer)
        if layout.fits and not layout.breaks_words:
            return layout
    if layout is None:
        raise ValueError("measure_table needs at least one size")
    return layout


def _layout(rows: list[list[str]], width: float, height: float, size: int, measurer: Measurer) -> TableLayout:
    columns = len(rows[0])
    widest = [0.0] * columns  # each column's longest cell on one line, points
    longest_word = [0.0] * columns  # the narrowest a column can be without breaking a word
    for index, row in enumerate(rows):
        for column, text in enumerate(row):
            runs = _runs(text, index == 0)
            widest[column] = max(widest[column], sum(measurer.width(r.text, size, r.bold, r.italic) for r in runs))
            for run in runs:
                for word in _WORD.findall(run.text):
                    longest_word[column] = max(longest_word[column], measurer.width(word, size, run.bold, run.italic))
    pad = 2 * PAD_X * 72
    natural = [w + pad + SLACK_PT for w in widest]
    narrow = [w + pad for w in longest_word]
    available = width * 72
    wide = sum(natural) <= available
    if wide:
        extra = max(0.0, MIN_SHARE * available - sum(natural)) / columns
        points = [w + extra for w in natural]
    elif sum(narrow) <= available:  # wrap the longer cells, giving each column its share of the room left
        spare, want = available - sum(narrow), sum(n - m for n, m in zip(natural, narrow))
        points = [m + spare * (n - m) / want for n, m in zip(natural, narrow)]
    else:  # words must break inside: columns in proportion to their longest word
        points = [available * m / sum(narrow) for m in narrow]
    heights = []
    for index, row in enumerate(rows):
        lines = max(measurer.count_lines(_runs(text, index == 0), size, w - pad) for text, w in zip(row, points))
        heights.append((lines * size * LINE_HEIGHT + 2 * PAD_Y * 72) / 72)
    return TableLayout(size, tuple(p / 72 for p in points), tuple(heights), sum(heights) <= height,
                       not wide and sum(narrow) > available)


def _runs(text: str, bold: bool) -> list[Run]:
    return [Run(run.text, run.bold or bold, run.italic) for run in parse(text)]
