"""Load and validate a deck folder (deck.yaml + outline files) into the model, reporting every problem at once."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..files import not_a_file
from ..problems import DeckError, Problem, describe, display_path
from ..text import MAX_PROPERTY, MAX_TERM, text_problem
from .fields import Reader, record_paragraphs, scalar_text
from .markup import placeholders
from .theme import template_slide_size
from .model import DEFAULT_CHART_TIMEOUT, KINDS, Deck, Meta, Part, Slide, outline_kinds
from .yamlsource import kind_of, line_of, load_yaml

DECK_FILE = "deck.yaml"
DECK_KEYS = ("title", "author", "course", "term", "date", "show_date", "slug", "assets", "template", "outline",
             "values", "chart_timeout", "chinese")
BUILT_IN = ("term", "date")  # placeholders every text may use: the term and the date, as the locale writes them
CHINESE = ("zh_Hant", "zh_Hans")
OUTLINE_KEYS = ("part", "slides")
PART_KEYS = ("id", "label", "question", "notes", "translator_note")
COMMON_KEYS = ("id", "kind", "notes")
MAX_SLIDES = 2000  # a course's whole term in one deck still fits; the 1000-slide benchmark too
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_DATE, LAST_DATE = dt.date(1980, 1, 1), dt.date(2107, 12, 31)  # what a zip entry's timestamp can hold
MAX_SLUG = 80  # the slug starts every file name the build writes
MAX_VALUE = 1e15  # (the messages say 1e15) numbers Babel writes in words in every locale (a thousand trillion)
MIN_SLIDE, MAX_SLIDE = (7.0, 5.0), 56.0  # inches: ISO B5 (7.84 x 5.88) is the smallest preset; 56 is PowerPoint's most
GENERATED_ID = re.compile(r"^credits(-\d+)?$")  # the credits slides the build adds at the end: their ids
VALUE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def load_deck(deck_dir: Path) -> Deck:
    """Read deck.yaml and its outline files; raise DeckError listing every problem found."""
    deck_dir = Path(deck_dir)
    deck_file = deck_dir / DECK_FILE
    if not deck_dir.is_dir():
        raise DeckError([Problem(deck_dir, None, "", "deck folder not found (expected a folder holding deck.yaml)")])
    if not deck_file.exists() and not deck_file.is_symlink():
        raise DeckError([Problem(deck_dir, None, "", "not a deck folder (expected a deck.yaml in it, got none; start a "
                                                     "new deck with `python build.py new PATH`)")])
    problems: list[Problem] = []
    lines: dict[str, tuple[Path, int]] = {}
    top = Reader(deck_file, load_yaml(deck_file), "", problems, lines)
    meta = Meta(
        title=_property(top, "title", record="deck.title"),
        author=_property(top, "author", record="deck.author"),
        course=_property(top, "course", record="deck.course"),
        term=_property(top, "term", record="deck.term", limit=MAX_TERM, newlines=False),
        date=top.text("date"),
        slug=_slug(top),
        show_date=_flag(top, "show_date"),
    )
    if meta.date and not _is_date(meta.date):
        top.problem(top.value_node("date"), "date", f"not a date (expected YYYY-MM-DD, got {describe(meta.date)})")
    elif meta.date and not FIRST_DATE <= dt.date.fromisoformat(meta.date) <= LAST_DATE:
        top.problem(top.value_node("date"), "date", f"date out of range (expected a date from {FIRST_DATE} to "
                                                    f"{LAST_DATE}, which a .pptx file can hold, got {meta.date})")
    assets_dir = _folder(top, deck_dir, "assets", default="assets")
    template = _template(top, deck_dir)
    values = _values(top)
    timeout = _chart_timeout(top)
    chinese = top.text("chinese", required=False) or CHINESE[0]
    if chinese not in CHINESE:
        top.problem(top.value_node("chinese"), "chinese", f"not a Chinese script (expected {' or '.join(CHINESE)}, "
                                                          f"got {describe(chinese)})")
    outline = top.items("outline")
    top.finish(DECK_KEYS)
    comments: dict[str, str] = {}

    slides: list[Slide] = []
    parts: list[Part] = []
    listed: dict[Path, int] = {}
    for where, node in outline:
        if not isinstance(node, ScalarNode):
            top.problem(node, where, f"wrong type (expected a file name, got {kind_of(node)})")
            continue
        name = scalar_text(top, node, where)
        if not name:
            continue
        path = deck_dir / name
        if not _inside(problems, deck_file, line_of(node), where, deck_dir, name, must_exist=False, label="the deck folder"):
            continue
        if path.is_dir():
            top.problem(node, where, f"outline entry is a folder (expected a .yaml file, got the folder {display_path(path)})")
            continue
        if wrong := not_a_file(path):
            top.problem(node, where, f"{display_path(path)}: {wrong}")
            continue
        if not path.is_file():
            top.problem(node, where, f"outline file not found (expected {display_path(path)}, got nothing there)")
            continue
        first = listed.setdefault(path.resolve(), line_of(node))
        if first != line_of(node):
            top.problem(node, where, f"outline file listed twice (first on line {first}; expected each file once)")
            continue
        try:
            _read_outline(path, load_yaml(path), problems, lines, slides, parts, comments)
        except DeckError as exc:
            problems.extend(exc.problems)
    _check_deck(deck_file, top, slides, deck_dir, assets_dir, problems, lines)
    _check_placeholders(meta, slides, values, deck_file, lines, problems)
    if problems:
        raise DeckError(problems)
    assert assets_dir is not None  # _folder records a problem whenever it gives None
    return Deck(meta, tuple(slides), tuple(parts), deck_dir, assets_dir, template, lines, values, comments, timeout,
                chinese)


def _property(top: Reader, key: str, *, record: str, limit: int = MAX_PROPERTY, newlines: bool = True) -> str:
    """A deck.yaml text that also becomes a document property (or a file name): one line where it must be, and
    no longer than the file format holds."""
    value = top.text(key, record=record)
    wrong = text_problem(value, newlines=newlines, limit=limit) if value else None
    if wrong:
        top.problem(top.value_node(key), key, wrong)
        return ""
    return value


def _slug(top: Reader) -> str:
    """The slug starts every file name the build writes: a word id of at most MAX_SLUG characters."""
    slug = top.word_id("slug")
    if len(slug) > MAX_SLUG:
        top.problem(top.value_node("slug"), "slug", f"slug is too long for a file name (expected at most {MAX_SLUG} "
                                                    f"characters, got {len(slug)})")
        return ""
    return slug


def _flag(top: Reader, key: str) -> bool:
    """A true/false setting (absent: false)."""
    value = top.text(key, required=False)
    if value and value not in ("true", "false"):
        top.problem(top.value_node(key), key, f"not true or false (expected true or false, got {describe(value)})")
    return value == "true"


def _chart_timeout(top: Reader) -> float:
    """Seconds a chart script may run (default 60)."""
    node = top.value_node("chart_timeout")
    if node is None or not top.has("chart_timeout"):
        return DEFAULT_CHART_TIMEOUT
    seconds = _number(node)
    if seconds is None or not 1 <= seconds <= 3600:
        top.problem(node, "chart_timeout", f"not a number of seconds (expected a number from 1 to 3600, got {describe(getattr(node, 'value', kind_of(node)))})")
        return DEFAULT_CHART_TIMEOUT
    return seconds


def _values(top: Reader) -> dict[str, tuple[float, ...]]:
    """Numbers the texts may show through `{name}`, formatted per locale: a number, or [low, high] for a range."""
    node = top.value_node("values")
    if node is None or not top.has("values"):
        return {}
    if not isinstance(node, MappingNode):
        top.problem(node, "values", f"wrong type (expected a mapping of names to numbers, got {kind_of(node)})")
        return {}
    out = {}
    for key, value in node.value:
        name = key.value if isinstance(key, ScalarNode) else ""
        where = f"values.{name}"
        if not VALUE_NAME.match(name):
            top.problem(key, where, f"not a value name (expected lower-case letters, digits and '_', got {describe(name)})")
            continue
        if name in BUILT_IN:
            top.problem(key, where, f"name taken by the build (expected a name other than {' and '.join(BUILT_IN)}, "
                                    f"which every text may show as {{{name}}})")
            continue
        items = value.value if isinstance(value, SequenceNode) else [value]
        numbers = [n for n in (_number(item) for item in items) if n is not None]
        if not 1 <= len(items) <= 2 or len(numbers) != len(items):
            top.problem(value, where, f"not a number or a [low, high] range (expected e.g. 15000000 or [15000000, 43000000], got {kind_of(value)})")
            continue
        wild = next((item for item, n in zip(items, numbers) if not -MAX_VALUE <= n <= MAX_VALUE), None)
        if wild is not None:  # NaN fails both comparisons
            top.problem(wild, where, f"number out of range (expected a finite number from -1e15 to 1e15, "
                                     f"got {describe(wild.value)})")
            continue
        if len(numbers) == 2 and numbers[0] > numbers[1]:
            top.problem(value, where, f"range the wrong way round (expected [low, high], got [{items[0].value}, "
                                      f"{items[1].value}])")
            continue
        out[name] = tuple(numbers)
        top.lines[f"@value:{name}"] = (top.file, line_of(value))
    return out


def _number(node: Node) -> float | None:
    if not isinstance(node, ScalarNode) or node.style or node.tag.endswith(":bool"):
        return None
    try:
        return float(node.value.replace("_", ""))
    except ValueError:
        return None


def _check_placeholders(meta: Meta, slides: list[Slide], values: dict, deck_file: Path, lines: dict,
                        problems: list[Problem]) -> None:
    """Every `{name}` in a text names a number under `values` in deck.yaml, or the term or date."""
    texts = [(f"deck.{name}", getattr(meta, name)) for name in ("title", "author", "course")]
    for slide in slides:
        texts.extend(slide.texts())
    for key, text in texts:
        for name in placeholders(text):
            if name not in values and name not in BUILT_IN:
                file, line = lines.get(key, (deck_file, None))
                known = ", ".join(sorted(values)) or "none defined"
                problems.append(Problem(file, line, key, f"unknown placeholder {{{name}}} (expected {{term}}, {{date}} "
                                                         f"or a name under values in deck.yaml: {known})"))


def _is_date(text: str) -> bool:
    if not DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _folder(top: Reader, deck_dir: Path, key: str, default: str) -> Path | None:
    """The assets folder, in the project (see _in_project); None (a problem recorded) when it is not usable."""
    name = top.text(key, required=False) or default
    path = (deck_dir / name).resolve()
    if not _in_project(top, deck_dir, key, name):
        return None
    if not path.is_dir():
        top.problem(top.value_node(key), key, f"folder not found (expected a folder at {display_path(deck_dir / name)})")
        return None
    return path


def _template(top: Reader, deck_dir: Path) -> Path | None:
    """The template .pptx, in the project (see _in_project)."""
    name = top.text("template", required=False)
    if not name:
        return None
    node = top.value_node("template")
    top.lines["@template"] = (top.file, line_of(node))
    if not _in_project(top, deck_dir, "template", name):
        return None
    path = deck_dir / name
    if path.suffix.lower() == ".pptx" and (wrong := not_a_file(path)):
        top.problem(node, "template", f"{display_path(path)}: {wrong}")
        return None
    if path.suffix.lower() != ".pptx" or not path.is_file():
        top.problem(node, "template", f"template not found (expected a .pptx file at {display_path(path)})")
        return None
    size = template_slide_size(path)
    if size is not None and not (MIN_SLIDE[0] <= size[0] <= MAX_SLIDE and MIN_SLIDE[1] <= size[1] <= MAX_SLIDE):
        top.problem(node, "template", f"{display_path(path)}: slide size the deck cannot be laid out on (expected "
                                      f"{MIN_SLIDE[0]:g} to {MAX_SLIDE:g} inches wide and {MIN_SLIDE[1]:g} to "
                                      f"{MAX_SLIDE:g} high, got {size[0]:g} x {size[1]:g})")
        return None
    return path


def _in_project(top: Reader, deck_dir: Path, key: str, name: str) -> bool:
    """True when a deck.yaml path stays in the project: the folder holding the deck folder, so the assets and a
    template may sit inside the deck folder or beside it (`../assets`), never higher up, absolute or through a
    link leading out; else a problem is recorded."""
    project = deck_dir.resolve().parent
    relative = os.path.normpath(os.path.join(deck_dir.resolve().name, name))
    node = top.value_node(key)
    line = line_of(node) if node is not None else None
    if Path(name).is_absolute() or relative == "." or relative.split(os.sep)[0] == "..":
        top.problems.append(Problem(top.file, line, key, f"path leaves the project (expected a path inside "
                                                         f"the deck folder or beside it{', such as ../assets' if key == 'assets' else ''}, "
                                                         f"got {describe(name)})"))
        return False
    if project not in (project / relative).resolve().parents:
        top.problems.append(Problem(top.file, line, key, f"path leaves the project through a link (expected a path "
                                                         f"inside the deck folder or beside it, got {describe(name)})"))
        return False
    return True


def _read_outline(path: Path, node: Node, problems, lines, slides: list, parts: list, comments: dict) -> None:
    reader = Reader(path, node, "", problems, lines)
    if not reader.ok:
        return
    if reader.has("part"):
        part_reader = Reader(path, reader.value_node("part"), "part", problems, lines)
        pid = part_reader.word_id()
        part = Part(
            id=pid,
            number=len(parts) + 1,
            label=part_reader.text("label", record=f"{pid}.label"),
            question=part_reader.text("question", record=f"{pid}.question"),
            notes=part_reader.text("notes", record=f"{pid}.notes"),
        )
        record_paragraphs(part_reader, "notes", f"{pid}.notes")
        note = part_reader.text("translator_note", required=False)
        if note:
            comments[pid] = note
        part_reader.finish(PART_KEYS)
        if pid and GENERATED_ID.match(pid):
            part_reader.problem(part_reader.value_node("id"), "part.id", "part id taken by the slides the build adds "
                                f"(expected an id other than credits and credits-2, credits-3..., got {describe(pid)})")
        elif pid in lines:
            first_file, first_line = lines[pid]
            part_reader.problem(part_reader.value_node("id"), "part.id", f"slide id used twice (first at "
                                                                         f"{display_path(first_file)}:{first_line})")
        lines[pid] = (path, line_of(part_reader.node))
        parts.append(part)
        slides.append(KINDS["part"].of_part(part))
    for where, item in reader.items("slides", required=not reader.has("part")):
        slide_reader = Reader(path, item, where, problems, lines)
        slide = _read_slide(slide_reader)
        if slide is not None:
            slides.append(slide)
            note = slide_reader.text("translator_note", required=False)
            if note:
                comments[slide.id] = note
    reader.finish(OUTLINE_KEYS)


def _read_slide(r: Reader) -> Slide | None:
    if not r.ok:
        return None
    sid = r.word_id()
    kind = r.text("kind")
    cls = KINDS.get(kind)
    if kind and (cls is None or not cls.from_outline):
        r.problem(r.value_node("kind"), r.path("kind"),
                  f"unknown slide kind (expected one of {', '.join(outline_kinds())}, got {describe(kind)})")
    if cls is None or not cls.from_outline:  # keys no kind has are still named, every problem at once
        r.finish(tuple(dict.fromkeys(COMMON_KEYS + ("title",) + tuple(key for name in outline_kinds()
                                                                       for key in KINDS[name].keys) + ("translator_note",))),
                 shown=f"{', '.join(COMMON_KEYS)}, title or a key of the slide's kind")
        return None
    if GENERATED_ID.match(sid):
        r.problem(r.value_node("id"), r.path("id"), f"slide id taken by the slides the build adds (expected an id other "
                                                    f"than credits and credits-2, credits-3..., got {describe(sid)})")
    elif sid in r.lines:
        first_file, first_line = r.lines[sid]
        r.problem(r.node, r.path("id"), f"slide id used twice (first at {display_path(first_file)}:{first_line})",
                  line=line_of(r.value_node("id")))
    else:
        r.lines[sid] = (r.file, line_of(r.node))
    notes = r.text("notes", record=f"{sid}.notes")
    record_paragraphs(r, "notes", f"{sid}.notes")
    title = r.text("title", record=f"{sid}.title") if cls.titled else ""
    slide = cls.read(r, sid, title, notes)
    r.finish(COMMON_KEYS + (("title",) if cls.titled else ()) + cls.keys + ("translator_note",))
    return slide


def _check_deck(deck_file: Path, top: Reader, slides: list[Slide], deck_dir: Path, assets_dir: Path | None,
                problems: list[Problem], lines: dict) -> None:
    """Checks across files: size, a title slide, referenced files present and inside the project."""
    if len(slides) > MAX_SLIDES:
        problems.append(Problem(deck_file, None, "outline", f"too many slides (expected at most {MAX_SLIDES}, got {len(slides)})"))
    bases = {"deck": deck_dir, "assets": assets_dir, "data": assets_dir / "data" if assets_dir else None}
    for index, slide in enumerate(slides):
        before = len(problems)
        for ref in slide.files():
            base = bases[ref.base]
            if ref.name and base is not None:  # no assets folder: said once, not for every file in it
                file, line = lines.get(f"@{ref.key}", lines.get(slide.id, (deck_file, None)))
                _inside(problems, file, line, ref.key, base, ref.name, must_exist=ref.must_exist,
                        label="the deck folder" if ref.base == "deck" else "")
        if len(problems) == before and assets_dir is not None:
            slides[index] = slide.read_files(assets_dir, lines, problems)
    if not any(s.kind == "title" for s in slides) and not problems:
        problems.append(Problem(deck_file, None, "outline", "no title slide (expected one slide of kind: title)"))


def _inside(problems, file, line, where, base: Path, name: str, *, must_exist: bool, label: str = "") -> bool:
    """True when `name` (relative to base) stays below base, also through links; else a problem is recorded."""
    candidate = Path(name)
    label = label or display_path(base)
    if candidate.is_absolute() or ".." in candidate.parts:
        problems.append(Problem(file, line, where, f"path leaves the project (expected a path below {label}, got {describe(name)})"))
        return False
    resolved = (base / candidate).resolve()
    if base.resolve() not in resolved.parents:
        problems.append(Problem(file, line, where, f"path leaves the project through a link (expected a path below {label}, got {describe(name)})"))
        return False
    if must_exist and (wrong := not_a_file(resolved)):
        problems.append(Problem(file, line, where, f"{display_path(base / candidate)}: {wrong}"))
        return False
    if must_exist and not resolved.is_file():
        problems.append(Problem(file, line, where, f"file not found (expected {display_path(base / candidate)})"))
        return False
    return True
