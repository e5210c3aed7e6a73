"""Read a CSV data file (assets/data) for a slide that shows it: UTF-8, a header naming its columns, every row as
wide as the header, every cell printable text; each problem placed at the file's line."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, describe
from ..text import text_problem

MAX_BYTES = 10 * 1024 * 1024  # far more than a slide can show; a runaway export is refused before it is parsed


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and rows, as typed (text)."""

    path: Path
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def column(self, name: str) -> int:
        """The index of a column by its header name."""
        return self.header.index(name)


def read_csv(path: Path) -> tuple[CsvTable | None, list[Problem]]:
    """The table in a CSV file, or None with the problems that keep it from being used (all of them)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(path, None, "", f"file too large for a slide's data (expected at most "
                                              f"{MAX_BYTES // 1048576} MB, got {size / 1048576:.0f} MB)")]
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "", f"not UTF-8 text (expected UTF-8, got the byte 0x{data[exc.start]:02X}: "
                                              "save the file as UTF-8)")]
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if row:  # blank lines hold no row
                records.append((reader.line_num, row))
    except csv.Error as exc:
        return None, [Problem(path, reader.line_num, "", f"not valid CSV (expected values separated by commas, each "
                                                         f"quoted whole or not at all; the CSV reader says: {exc})")]
    if not records:
        return None, [Problem(path, 1, "", "no header row (expected a first line naming the columns)")]
    header_line, header = records[0]
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        where = f"column {index + 1}"
        if not name.strip():
            problems.append(Problem(path, header_line, where, "column without a name (expected a name in the header)"))
        elif name in seen:
            problems.append(Problem(path, header_line, where, f"column name used twice (expected unique names, got "
                                                              f"{describe(name)} as columns {seen[name] + 1} and {index + 1})"))
        seen.setdefault(name, index)
    for line, row in records[1:]:
        if len(row) != len(header):
            problems.append(Problem(path, line, "", f"row has {len(row)} values (expected {len(header)}, one per "
                                                    "column of the header)"))
    for line, row in records:
        for index, cell in enumerate(row):
            wrong = text_problem(cell, newlines=False)
            if wrong:
                problems.append(Problem(path, line, f"column {index + 1}", wrong))
    if len(records) == 1:
        problems.append(Problem(path, header_line, "", "no data rows (expected at least one row under the header)"))
    if problems:
        return None, problems
    return CsvTable(path, tuple(header), tuple(tuple(row) for _line, row in records[1:])), []
