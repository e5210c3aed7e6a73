"""A chart's CSV data as its script reads it (and a table slide's): checked when read (UTF-8, one header, every row as wide as it), and
rows whose wrong use (a column the file lacks, a cell that is not a number) names the CSV's file and line."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from types import FrameType

from ..problems import Problem, describe, display_path
from ..text import text_problem

MAX_BYTES = 20_000_000


class DataProblem(Exception):
    """A mistake in a chart's data, found while its script reads it: carries the Problem at the CSV's line."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


class MissingColumn(DataProblem, KeyError):
    """The script asked a row for a column the CSV does not have (a KeyError, as from a dict)."""

    def __str__(self) -> str:
        return self.problem.format()


class NotANumber(DataProblem, ValueError):
    """The script read a cell as a number and it is not one (a ValueError, as from float())."""


def script_line(script: Path | None) -> int | None:
    """The line of the chart script running now (the innermost frame of that file)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if script is not None and frame.f_code.co_filename == str(script):
            return frame.f_lineno
        frame = frame.f_back
    return None


def _at(script: Path | None) -> str:
    line = script_line(script)
    return f"{display_path(script)}{f':{line}' if line else ''}" if script else "the chart script"


class Cell(str):
    """A CSV value: text that knows its file, line and column, so float() and int() on it say where it failed."""

    _place: tuple[Path, int, str, Path | None]  # file, line, column and the script reading it

    def __new__(cls, value: str, path: Path, line: int, column: str, script: Path | None):
        cell = super().__new__(cls, value)
        cell._place = (path, line, column, script)
        return cell

    def __reduce__(self):
        return str, (str(self),)  # leaves the process as plain text

    def _number(self, kind):
        try:
            return kind(str(self))
        except ValueError:
            path, line, column, script = self._place
            what = "a whole number" if kind is int else "a number"
            raise NotANumber(Problem(path, line, column, f"not {what}, read as one at {_at(script)} (expected "
                                                         f"{what}, got {describe(str(self))})")) from None

    def __float__(self) -> float:
        return self._number(float)

    def __int__(self) -> int:
        return self._number(int)

    def _same_place(self, value: str) -> "Cell":
        return Cell(value, *self._place)

    def strip(self, chars=None) -> "Cell":
        return self._same_place(str.strip(self, chars))

    def lstrip(self, chars=None) -> "Cell":
        return self._same_place(str.lstrip(self, chars))

    def rstrip(self, chars=None) -> "Cell":
        return self._same_place(str.rstrip(self, chars))

    def replace(self, old, new, count=-1) -> "Cell":
        return self._same_place(str.replace(self, old, new, count))


class Row(dict):
    """One CSV row by column name; asking for a column the file lacks names the file, the columns it has and the
    script line that asked."""

    def __init__(self, values: dict, path: Path, columns: list[str], script: Path | None):
        super().__init__(values)
        self._place = (path, columns, script)

    def __reduce__(self):
        return dict, (dict(self),)

    def __missing__(self, key):
        path, columns, script = self._place
        raise MissingColumn(Problem(path, 1, str(key), f"no such column, asked for at {_at(script)} (expected one of "
                                                      f"{', '.join(columns)})"))


def read_rows(path: Path, script: Path | None = None) -> list[Row]:
    """The rows of a CSV file (UTF-8, a byte-order mark allowed); raise DataProblem at the file's line for bad
    bytes, an empty file, a header with a blank or repeated name, a row with more or fewer fields, or text no slide
    can hold."""
    return read_csv(path, script)[1]


def read_csv(path: Path, script: Path | None = None) -> tuple[list[str], list[Row]]:
    """The column names and rows of a CSV file, checked as read_rows checks them (a table slide shows one)."""
    def problem(line, where, message):
        return DataProblem(Problem(path, line, where, message))

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise problem(None, "", f"cannot read the data file ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise problem(None, "", f"data file is too large (expected at most {MAX_BYTES} bytes, got {len(data)})")
    data = data.removeprefix(b"\xef\xbb\xbf")  # the byte-order mark Excel writes in "CSV UTF-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise problem(line, "", f"file is not UTF-8 (expected UTF-8 text, got byte 0x{data[exc.start]:02x}: save "
                                "it as CSV UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # a stray quote is a mistake, not text
    rows: list[Row] = []
    columns: list[str] | None = None
    try:
        last = 0
        for fields in reader:
            line, last = last + 1, reader.line_num
            if not fields:
                continue
            for field in fields:
                wrong = text_problem(field, limit=10_000)
                if wrong:
                    raise problem(line, "", wrong)
            if columns is None:
                columns = [name.strip() for name in fields]
                blank = next((i for i, name in enumerate(columns) if not name), None)
                if blank is not None:
                    raise problem(line, "", f"column {blank + 1} of the header has no name (expected a name for "
                                            "every column)")
                twice = next((name for i, name in enumerate(columns) if name in columns[:i]), None)
                if twice is not None:
                    raise problem(line, twice, "column named twice in the header (expected each name once)")
                continue
            if len(fields) != len(columns):
                raise problem(line, "", f"row has {len(fields)} field{'s' if len(fields) != 1 else ''} (expected "
                                        f"{len(columns)}, as in the header: {', '.join(columns)})")
            rows.append(Row({name: Cell(value, path, line, name, script) for name, value in zip(columns, fields)},
                            path, columns, script))
    except csv.Error as exc:
        raise problem(reader.line_num, "", f"not a readable CSV file ({exc})") from None
    if columns is None:
        raise problem(None, "", "data file is empty (expected a header line of column names)")
    return columns, rows
