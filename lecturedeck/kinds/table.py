"""kind: table — a native PowerPoint table (a:tbl) of a CSV file under assets/data: chosen columns with translatable
headers, a range of rows, numbers formatted for the locale, the file's sources on the credits slide."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace

from yaml.nodes import MappingNode, SequenceNode

from ..i18n.strings import format_number
from ..problems import Problem, describe
from ..render import grid
from ..render.tables import TableLayout, measure_table
from ..resolve.chartdata import DataProblem, read_csv
from ..source.fields import Reader, scalar_text
from ..source.model import FileRef, Slide, register
from ..source.yamlsource import kind_of, line_of

NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")
SOURCE_COLUMN = "source"
SHOWN_VALUES = 6  # values of the first column listed when `rows:` names one the file lacks


@register
@dataclass(frozen=True)
class TableSlide(Slide):
    """A native table of chosen columns of a CSV file, header translated, numbers formatted for the locale."""

    kind = "table"
    layout = "Title Only"
    keys = ("data", "columns", "rows")
    field_notes = {"columns": "A column heading of the table: keep it short (units in brackets)."}

    id: str
    title: str
    notes: str
    data: str
    columns: tuple[tuple[str, str], ...]  # (CSV column, heading), in the order shown
    rows: tuple[str, str] | None = None  # first and last value of the file's first column to show
    cells: tuple[tuple[str, ...], ...] = ()  # the rows shown, one value per shown column, as typed in the file
    numeric: tuple[bool, ...] = ()  # per shown column: formatted as numbers and right-aligned
    sources: tuple[str, ...] = ()  # the `source` keys of the rows shown

    @classmethod
    def read(cls, r, sid, title, notes):
        """The CSV file, its columns with their headings, and optionally the first and last row."""
        data = r.text("data", record=f"@{sid}.data")
        columns = []
        node = r.value_node("columns")
        if node is None or not r.has("columns"):
            r.missing("columns", "a mapping of CSV columns to headings, e.g. {year: Year}")
        elif not isinstance(node, MappingNode):
            r.problem(node, r.path("columns"), f"wrong type (expected a mapping of CSV columns to headings, e.g. "
                                               f"{{year: Year}}, got {kind_of(node)})")
        elif not node.value:
            r.problem(node, r.path("columns"), "empty mapping (expected at least one column)")
        else:
            headings = Reader(r.file, node, r.path("columns"), r.problems, r.lines)
            for name, (key, _value) in headings.entries.items():
                if name == SOURCE_COLUMN:
                    headings.problem(key, headings.path(name), "the source column is not shown (expected another "
                                                               "column: each row's source is listed on the credits slide)")
                    continue
                heading = headings.text(name, record=f"{sid}.columns.{name}")
                if heading:
                    columns.append((name, heading))
                    r.lines[f"@{sid}.columns.{name}"] = (r.file, line_of(key))
        rows = None
        node = r.value_node("rows")
        if node is not None and r.has("rows"):
            values = [scalar_text(r, item, f"{r.path('rows')}[{i}]") for i, item in enumerate(node.value)] \
                if isinstance(node, SequenceNode) else []
            if not isinstance(node, SequenceNode) or len(values) != 2:
                got = f"a list of {len(values)}" if isinstance(node, SequenceNode) else kind_of(node)
                r.problem(node, r.path("rows"), f"wrong form (expected [first, last]: two values of the file's first "
                                                f"column, got {got})")
            elif None not in values:
                rows = (values[0], values[1])
                r.lines[f"@{sid}.rows"] = (r.file, line_of(node))
        return cls(sid, title, notes, data, tuple(columns), rows)

    def map_texts(self, fn, parts=None):
        """Title, notes, then each column's heading (`columns.<column>`)."""
        slide = super().map_texts(fn, parts)
        return replace(slide, columns=tuple((name, fn(f"{self.id}.columns.{name}", heading))
                                            for name, heading in self.columns))

    def files(self):
        """The CSV file under assets/data, required."""
        return [FileRef(f"{self.id}.data", "data", self.data, True)] if self.data else []

    def data_files(self):
        """The CSV file, whose rows need a documented source."""
        return (self.data,) if self.data else ()

    def read_files(self, assets_dir, lines, problems):
        """The rows and columns shown, read from the CSV and checked against `columns` and `rows`."""
        if not self.data or not self.columns:
            return self
        path = assets_dir / "data" / self.data
        try:
            header, rows = read_csv(path)
        except DataProblem as exc:
            problems.append(exc.problem)
            return self
        at = lambda key: lines.get(f"@{self.id}.{key}", lines.get(self.id, (None, None)))  # noqa: E731
        if not rows:
            file, line = at("data")
            problems.append(Problem(file, line, f"{self.id}.data", f"no rows in {self.data} (expected at least one "
                                                                    "row under the header)"))
            return self
        wrong = []
        broken = next((cell for row in rows for cell in row.values() if "\n" in cell or "\r" in cell), None)
        if broken is not None:  # a chart may read such a value; a table cell holds one line
            _file, line, column, _script = broken._place
            wrong.append(Problem(path, line, column, "line break in a value (expected one line in each table cell)"))
        if SOURCE_COLUMN not in header:
            file, line = at("data")
            wrong.append(Problem(file, line, f"{self.id}.data", f"no source column in {self.data} (expected a "
                                                                  f"`source` column naming each row's source)"))
        for name, _heading in self.columns:
            if name not in header:
                file, line = at(f"columns.{name}")
                close = difflib.get_close_matches(name, header, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                wrong.append(Problem(file, line, f"{self.id}.columns.{name}",
                                     f"unknown column (expected one of the columns of {self.data}: "
                                     f"{', '.join(c for c in header if c != SOURCE_COLUMN)}, got {describe(name)}){hint}"))
        keys = [str(row[header[0]]) for row in rows]
        first, last = self._range(keys, header[0], at("rows"), wrong)
        problems.extend(wrong)
        if wrong:
            return self
        shown = [name for name, _heading in self.columns]
        selected = rows[first:last + 1]
        cells = tuple(tuple(str(row[name]) for name in shown) for row in selected)
        numeric = tuple(name != header[0] and all(NUMBER.match(row[name]) for row in selected if row[name])
                        for name in shown)
        sources = tuple(dict.fromkeys(str(row[SOURCE_COLUMN]).strip() for row in selected
                                      if row[SOURCE_COLUMN].strip()))
        return replace(self, cells=cells, numeric=numeric, sources=sources)

    def _range(self, keys: list[str], first_column: str, place, wrong: list) -> tuple[int, int]:
        """The indexes of the first and last row `rows:` names (all rows without it); problems go to `wrong`."""
        if not self.rows:
            return 0, len(keys) - 1
        file, line = place
        found = []
        for value in self.rows:
            if value in keys:
                found.append(keys.index(value))
            else:
                wrong.append(Problem(file, line, f"{self.id}.rows", f"row not in {self.data} (expected a value of its "
                                                                     f"first column {first_column}: {_some(keys)}, "
                                                                     f"got {describe(value)})"))
        if len(found) == 2 and found[0] > found[1]:
            wrong.append(Problem(file, line, f"{self.id}.rows", f"rows in the wrong order (expected [first, last] as "
                                                                 f"they come in {self.data}, got [{self.rows[0]}, "
                                                                 f"{self.rows[1]}])"))
        return (found[0], found[1]) if len(found) == 2 else (0, len(keys) - 1)

    def credits(self, number, shown):
        """The CSV file and the sources of its rows shown, like a chart's source."""
        return [("ui.credit-chart", {"number": str(number), "what": self.title,
                                     "source": f"{self.data} ({', '.join(self.sources)})" if self.sources else self.data},
                 f"@{self.id}.data")]

    def layout_problems(self, theme, deck, locale):
        """Too many rows to fit the slide even at the smallest table size: an error naming the limit."""
        if not self.cells:
            return []
        box = grid.content_box(theme)
        layout = measure_table(self._texts(locale), box[2], box[3], theme.dense_sizes[-1:])
        if layout.fits:
            return []
        key = "rows" if self.rows else "data"
        file, line = deck.origin(f"@{self.id}.{key}")
        limit = layout.rows_that_fit(box[3])
        return [Problem(file, line, f"{self.id}.{key}", f"too many rows for the slide (expected at most {limit} rows, "
                                                        f"which fit at {layout.size} pt, got {len(self.cells)}: choose "
                                                        "fewer with rows: [first, last] or split the table)")]

    def _texts(self, locale: str) -> list[list[str]]:
        """The header and the rows as shown in a locale: numbers formatted by Babel with the file's decimals."""
        body = [[_number(text, locale) if numeric and text else text for text, numeric in zip(row, self.numeric)]
                for row in self.cells]
        return [[heading for _name, heading in self.columns]] + body

    def render(self, canvas) -> None:
        """The title and the table under it, centred, at the largest size at which every row fits."""
        theme = canvas.theme
        canvas.title(self.title)
        canvas.rule()
        left, top, width, height = grid.content_box(theme)
        rows = self._texts(canvas.resolved.locale)
        layout: TableLayout = measure_table(rows, width, height, theme.dense_sizes, canvas.measurer)
        if not layout.fits:
            canvas.warn("rows", f"table does not fit the slide even at {layout.size} pt (expected fewer rows)")
        elif layout.breaks_words:
            canvas.warn("columns", f"a column is narrower than its longest word even at {layout.size} pt "
                                   "(expected fewer columns or shorter headings)")
        aligns = ["r" if numeric else "l" for numeric in self.numeric]
        canvas.table(rows, layout, left + (width - layout.width) / 2, top, aligns, f"Table: {self.id}", self.title)


def _number(text: str, locale: str) -> str:
    """A number from the file (a cell of a numeric column, so matching NUMBER), formatted for the locale with as
    many decimals as the file gives."""
    matched = NUMBER.match(text)
    if matched is None:
        raise ValueError(f"not a number: {text!r}")
    decimals = matched[1]
    return format_number(float(text), locale, len(decimals or ""), compact=False)


def _some(values: list[str]) -> str:
    if len(values) <= SHOWN_VALUES:
        return ", ".join(values)
    half = SHOWN_VALUES // 2
    return ", ".join(values[:half]) + ", …, " + ", ".join(values[-half:])
