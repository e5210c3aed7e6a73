"""Create a new deck folder that builds as it is: deck.yaml, one part, one slide of each kind, a chart and its data."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from ..problems import DeckError, Problem
from ..source.loader import MAX_SLUG
from ..text import MAX_PROPERTY, text_problem

_DECK = """\
# The lecture as a whole; `python build.py build {folder}` builds it.
title: "{title}"
author: "{author}"
course: "{course}"
term: "{term}"
date: {date}
slug: {slug}
assets: assets
outline:
  - outline/00-opening.yaml
  - outline/01-main.yaml
"""

_OPENING = """\
slides:
  - id: title
    kind: title
    notes: |
      Welcome the room and say in one sentence what this lecture will answer.
  - id: agenda
    kind: agenda
    title: Today
    notes: |
      Walk through the parts of the lecture; each part gets a divider slide.
"""

_MAIN = """\
part:
  id: main
  label: How this deck is written
  question: Which slide kinds are there?
  notes: |
    Each outline file may start a part; its label and question appear on the divider and in the agenda.
slides:
  - id: bullets-example
    kind: bullets
    title: Bullet slides take up to three levels
    bullets:
      - "Write **bold** and *italic* inline"
      - text: A bullet with sub-bullets
        sub:
          - Second level
          - text: Second level with a third
            sub:
              - Third level
    notes: |
      Speaker notes go under every slide; they are shown in presenter view.
  - id: image-example
    kind: image
    title: Image slides hold named slots
    images:
      - slot: example-picture
        file: posters/example-picture.jpg
        aspect: "4:3"
        alt: Describe what the picture shows for readers who cannot see it.
        caption: Put a picture at assets/posters/example-picture.jpg to fill this slot
    notes: |
      Until the file exists the slot shows a placeholder with the expected path, and the build warns.
  - id: chart-example
    kind: chart
    title: Chart slides run a matplotlib script
    chart: charts/example.py
    data: [example.csv]
    alt: A bar chart of the three example values in assets/data/example.csv.
    source: "Source: assets/data/example.csv"
    notes: |
      The script's draw(fig, ctx) function reads its data through ctx.read_csv and its labels through ctx.pgettext(id, English), so translators see them.
# More kinds (docs/outline-format.md has every key). Remove the "# " in front of a slide to use it.
#  - id: quote-example
#    kind: quote                  # a quotation, large; the deck adds each language's quotation marks
#    title: A quotation from a primary source
#    quote: Type the words alone, without quotation marks.
#    source: Who said or wrote it, where, and when
#    notes: |
#      Say where the quotation comes from and why it matters.
#  - id: table-example
#    kind: table                  # a native PowerPoint table from a CSV file under assets/data
#    title: The example values as a table
#    data: example.csv            # its source column goes to the credits slide
#    columns: {label: Label, value: Value}   # CSV column -> heading, in the order shown
#    rows: [First, Third]         # optional: first and last value of the file's first column
#    notes: |
#      Numbers are formatted for each language with the decimals the file gives.
#  - id: two-column-example
#    kind: two-column             # two headed bullet lists side by side, at one size
#    title: A comparison in two columns
#    left: {heading: One side, bullets: [A point, Another point]}
#    right: {heading: The other side, bullets: [A point, {text: A point with a sub-point, sub: [The sub-point]}]}
#    notes: |
#      Compare the two sides point by point.
#  - id: timeline-example
#    kind: timeline               # 2 to 8 dated events on a line
#    title: A timeline
#    events:
#      - {date: January 2026, text: What happened first}
#      - {date: March 2026, text: What happened next}
#    notes: |
#      Walk through the events from left to right.
"""

_CHART = '''\
"""Example chart: bars from assets/data/example.csv (columns label, value, source)."""


def draw(fig, ctx):
    """Draw one bar per row of example.csv."""
    _ = ctx.pgettext  # _(id, English): the ID is what translation catalogs match on
    rows = ctx.read_csv("example.csv")
    ax = fig.add_subplot()
    values = [float(row["value"]) for row in rows]
    ax.bar([_(f"label.{index}", row["label"]) for index, row in enumerate(rows)], values, color=ctx.colors["accent"])
    for index, value in enumerate(values):
        ax.annotate(ctx.format_number(value, 1), (index, value), ha="center", va="bottom")
    ax.set_ylabel(_("axis-label", "Value"))
'''

_DATA = """\
label,value,source
First,3.5,example
Second,5.0,example
Third,2.5,example
"""

_DATA_README = """\
# Data

Every row of every CSV here has a `source` key; each key is listed below with its full citation.
`build.py check` reports a row without a source, or a key not listed here.

## Sources

- `example`: made-up numbers that show how a chart slide works; replace them with sourced data.
"""

_POSTERS = """\
# Pictures

Put each picture named in the outline's image slots here (file name as given in `file:`).
"""


def scaffold(path: Path, *, title: str | None = None, author: str = "Lecturer", course: str = "Course",
             term: str | None = None) -> Path:
    """Write a new deck folder at `path` (which must not exist yet or be empty) and return it; on any failure
    nothing is left behind."""
    path = Path(path)
    if path.is_file() or (path.exists() and not path.is_dir()):
        raise DeckError([Problem(path, None, "new", "a file is already there (expected a new folder)")])
    if path.is_dir() and any(path.iterdir()):
        raise DeckError([Problem(path, None, "new", "folder exists and is not empty (expected a new folder)")])
    today = dt.date.today()
    name = title or path.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "Lecture"
    wrong = text_problem(name, newlines=False, limit=MAX_PROPERTY)
    if wrong:
        raise DeckError([Problem(path, None, "new", f"the folder name cannot be the deck's title ({wrong}; choose "
                                                    "another name)")])
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:MAX_SLUG].strip("-") or "lecture"
    season = "Spring" if today.month < 7 else "Fall"
    files = {
        "deck.yaml": _DECK.format(folder=path, title=_quote(name), author=_quote(author), course=_quote(course),
                                  term=_quote(term or f"{season} {today.year}"), date=today.isoformat(), slug=slug),
        "outline/00-opening.yaml": _OPENING,
        "outline/01-main.yaml": _MAIN,
        "charts/example.py": _CHART,
        "assets/data/example.csv": _DATA,
        "assets/data/README.md": _DATA_README,
        "assets/posters/README.md": _POSTERS,
    }
    made = [parent for parent in [path, *path.parents] if not parent.exists()]
    try:
        for relative, text in files.items():
            target = path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except OSError as exc:
        _remove(path, made)
        where = Path(exc.filename) if exc.filename else path
        raise DeckError([Problem(where, None, "new", f"cannot create the deck folder ({exc.strerror or exc})")]) from None
    return path


def _remove(path: Path, made: list[Path]) -> None:
    """Undo a scaffold cut short: the files written and the folders it made (a folder that was there stays)."""
    if path.is_dir() and path in made:
        shutil.rmtree(path, ignore_errors=True)
    elif path.is_dir():
        for child in path.iterdir():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    for folder in made[1:]:
        try:
            folder.rmdir()
        except OSError:
            break


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
