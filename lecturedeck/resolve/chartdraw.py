"""Draw one chart: run its script's draw(fig, ctx) on a figure of the slide's size and check what it drew. Runs in
a child process (see sandbox), so anything the script does can end only that process.

What a script gets wrong is a Problem at its line: an exception (also while the figure is saved), a figure of
another size (the picture would be stretched), a figure of its own from pyplot, one translation ID for two
English texts, a character none of the chart's fonts has (found from the fonts' character maps, not from
warnings a script could silence), a control character in a label, or a picture of the wrong size.
"""

from __future__ import annotations

import io
import math
import numbers
import os
import random
import struct
import sys
import traceback
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, cast

from ..fonts import MACHINE_FONTS, FontFile, matplotlib_font_dir
from ..i18n.strings import format_number
from ..problems import Problem, describe
from ..text import text_problem
from .chartdata import DataProblem, Row, read_rows, script_line
from .sandbox import memory_text as sandbox_memory_text

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FONT_HINT = "for Chinese, Japanese and Korean, Noto Sans CJK: sudo apt-get install fonts-noto-cjk"
_DRAWN_WITH: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()  # font manager -> files


class Refused(BaseException):
    """Something a chart script may not do (a BaseException, so `except Exception` in the script cannot hide it)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class ChartContext:
    """What a chart script's `draw(fig, ctx)` may use: its data, translation, number formatting and colours."""

    data_dir: Path
    allowed: tuple[str, ...]
    colors: dict[str, str]
    locale: str = "en"
    script: Path | None = None
    translations: dict[str, tuple[str, str]] = field(default_factory=dict)  # ID -> (English, translation or "")
    number_format: Callable[[float, int], str] = field(default=lambda value, decimals: f"{value:,.{decimals}f}")
    used: list[tuple[str, str, int | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def pgettext(self, id: str, english: str) -> str:
        """The text with ID `id` (unique in this script) in the deck's locale; `english` when not translated.

        The ID and English go into the translation template (`build.py i18n extract`) as `chart.<script>.<id>`.
        """
        line = script_line(self.script)
        wrong = text_problem(id, newlines=False, limit=200) or text_problem(english)
        if wrong or not str(id).strip():
            raise Refused(Problem(self.script, line, "pgettext", wrong or "empty translation ID (expected a short "
                                                                          "name such as 'title')"))
        id, english = str(id), str(english)  # plain text, even when it came from a CSV cell
        key = f"chart.{self.script.stem if self.script else 'chart'}.{id}"
        first = next((used for used in self.used if used[0] == key), None)
        if first is None:
            self.used.append((key, english, line))
        elif first[1] != english:
            self.problems.append(Problem(self.script, line, "pgettext", f"translation ID {id!r} given to two "
                                         f"different texts (first {describe(first[1])} on line {first[2]}; expected "
                                         f"one ID per text, got {describe(english)}: give this one its own ID)"))
            return english
        text = self.shown(key, english)
        wrong = text_problem(text)
        if wrong:
            self.problems.append(Problem(self.script, line, "pgettext", f"the translation of {key} cannot be shown "
                                                                        f"({wrong})"))
            return english
        return text

    def shown(self, key: str, english: str) -> str:
        """What the chart shows for a text: the translation made for this ID and English, else one made for the same
        English under another ID of the script (as `i18n update` would match it), else the English."""
        exact = self.translations.get(key)
        if exact is not None and exact[0] == english:
            return exact[1] or english
        return next((text for source, text in self.translations.values() if source == english and text), english)

    def read_csv(self, name: str) -> list[Row]:
        """The rows of a CSV file declared in the slide's `data` list, as mappings from column name to text."""
        if name not in self.allowed:
            raise PermissionError(f"data file {name!r} is not declared for this chart (declared: {', '.join(self.allowed) or 'none'})")
        return read_rows(self.data_dir / name, self.script)

    def format_number(self, value: float, decimals: int = 0) -> str:
        """A number written the locale's way."""
        line = script_line(self.script)
        try:
            finite = not isinstance(value, (bool, str)) and math.isfinite(float(value))
        except (TypeError, ValueError, OverflowError):
            finite = False
        if not finite:
            raise Refused(Problem(self.script, line, "format_number", f"not a finite number (expected a number such "
                                                                      f"as 12.5, got {describe(value) if isinstance(value, str) else repr(value)[:60]})"))
        if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral) or not 0 <= decimals <= 15:
            raise Refused(Problem(self.script, line, "format_number", f"not a number of decimals (expected a whole "
                                                                      f"number from 0 to 15, got {repr(decimals)[:60]})"))
        return self.number_format(value, int(decimals))


def draw_png(job, *, save: bool = True):
    """Run the script's draw(fig, ctx): (PNG bytes, strings used, notes), or the list of Problems.

    The same inputs give the same bytes (no timestamps; random generators seeded).
    """
    import logging
    import warnings

    logging.getLogger("matplotlib").setLevel(logging.ERROR)  # what the user must know, we say ourselves
    warnings.simplefilter("ignore")  # the checks below find what matters; a script's warnings are not printed
    import matplotlib

    matplotlib.use("Agg")
    import numpy  # matplotlib's own dependency; seeded so scripts using it draw the same every time
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    ctx = ChartContext(job.data_dir, job.data, {k: "#" + v for k, v in vars(job.colors).items()}, job.locale,
                       job.script, {key: (english, text) for key, english, text in job.translations},
                       lambda value, decimals: format_number(value, job.locale, decimals))
    colors = job.colors
    families = use_fonts(job.fonts)
    rc: dict[RcKeyType, Any] = {
        "font.family": families, "font.size": 14, "text.color": "#" + colors.ink,
        "axes.labelcolor": "#" + colors.ink, "axes.edgecolor": "#" + colors.muted,
        "xtick.color": "#" + colors.ink, "ytick.color": "#" + colors.ink, "axes.titlesize": 16,
        "axes.titleweight": "bold", "xtick.labelsize": 13, "ytick.labelsize": 13, "legend.fontsize": 13,
        "axes.spines.top": False, "axes.spines.right": False, "figure.facecolor": "white",
        "savefig.facecolor": "white", "path.simplify": True,
    }
    notes: list[tuple[str, int | None]] = []
    with rc_context(rc), _pyplot_guarded(job.script, notes), _exit_reported(job.script), _text_lines(job.script):
        random.seed(0)
        numpy.random.seed(0)
        fig = _fixed_figure(job)
        expected = FigureCanvasAgg(fig).get_width_height(physical=True)
        failed = _run_script(job, fig, ctx)
        fig.lecturedeck_guard = None
        if failed:
            return [failed]
        if ctx.problems:
            return ctx.problems
        if not fig.axes or not any(ax.has_data() or ax.texts for ax in fig.axes):
            return [Problem(job.script, None, "draw", "chart script drew nothing (expected at least one plot on fig)")]
        buffer = io.BytesIO()
        try:
            if save:
                fig.savefig(buffer, format="png", dpi=job.dpi, metadata={"Software": None})
            else:
                fig.canvas.draw()  # lays out every text, so each can be checked
        except Exception as exc:  # a label matplotlib cannot typeset, a figure too large for memory...
            return [Problem(job.script, _failed_artist_line(exc) or _script_line(exc, job.script), "draw",
                            f"the chart could not be drawn ({type(exc).__name__}: {_first_line(exc)})")]
        problems = _text_problems(fig, ctx, families)
        if save and not problems:
            problems = _size_problem(buffer.getvalue(), expected, job.script)
        if problems:
            return problems
    return (buffer.getvalue() if save else b""), ctx.used, notes


def use_fonts(fonts: tuple[FontFile, ...]) -> list[str]:
    """Make matplotlib draw with exactly these font files (and its own bundled fonts), never a font the machine
    happens to have; the family names to ask for, in order."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    wanted = tuple(dict.fromkeys(font.path for font in fonts))
    if _DRAWN_WITH.get(manager) != wanted:
        MACHINE_FONTS.setdefault(manager, list(manager.ttflist))  # the machine's fonts, for later lookups
        bundled = str(matplotlib_font_dir())
        manager.ttflist = [entry for entry in manager.ttflist if entry.fname.startswith(bundled)]
        for path in wanted:
            manager.addfont(path)
        _DRAWN_WITH[manager] = wanted
    return list(dict.fromkeys(font.family for font in fonts))


def _fixed_figure(job):
    """The figure the script draws on, whose size and resolution the script cannot change: a stretched picture
    on the slide would be the result."""
    from matplotlib.figure import Figure

    class FixedFigure(Figure):
        lecturedeck_guard = None

        def set_size_inches(self, w, h=None, forward=True):
            size = tuple(w) if h is None else (w, h)
            if self.lecturedeck_guard and tuple(float(v) for v in size) != tuple(self.get_size_inches()):
                self.lecturedeck_guard()
            return super().set_size_inches(w, h, forward)

        def _set_dpi(self, dpi, forward=True):
            if self.lecturedeck_guard and dpi != self._dpi:
                self.lecturedeck_guard()
            return super()._set_dpi(dpi, forward)

        dpi = property(Figure._get_dpi, _set_dpi, doc="The resolution in dots per inch (fixed while drawing).")

    fig = FixedFigure(figsize=job.size, dpi=job.dpi)

    def refuse():
        frame, called = sys._getframe(1), "the figure size"
        while frame is not None and frame.f_code.co_filename != str(job.script):
            called, frame = frame.f_code.co_name, frame.f_back
        called = "fig.dpi" if called == "_set_dpi" else f"fig.{called}"
        raise Refused(Problem(job.script, frame.f_lineno if frame else None, "draw", f"chart script changes the figure "
                              f"size or resolution ({called}), which would stretch the picture on the slide (expected "
                              f"the figure as given, {job.size[0]:g} x {job.size[1]:g} inches at {job.dpi} dpi: lay the "
                              "chart out inside it)"))

    fig.lecturedeck_guard = refuse
    return fig


def _run_script(job, fig, ctx: ChartContext) -> Problem | None:
    """Execute the script and call its draw(fig, ctx); a Problem at the failing line (or the data file's)."""
    try:
        data = job.script.read_bytes()
        source = data.decode("utf-8").removeprefix("\ufeff")  # a byte-order mark, as Notepad writes: Python's own too
    except OSError as exc:
        return Problem(job.script, None, "", f"cannot read the chart script ({exc.strerror})")
    except UnicodeDecodeError as exc:
        return Problem(job.script, data.count(b"\n", 0, exc.start) + 1, "", f"file is not UTF-8 (expected UTF-8 text, "
                                                                           f"got byte 0x{data[exc.start]:02x})")
    if "\0" in source:  # compile() raises SyntaxError for it in newer Pythons, ValueError in Debian 12's 3.11.2
        return Problem(job.script, None, "", "syntax error in chart script (source code string cannot contain null bytes)")
    try:
        namespace: dict = {"__name__": f"chart_{job.script.stem}", "__file__": str(job.script)}
        exec(compile(source, str(job.script), "exec"), namespace)  # noqa: S102 - the deck's own chart script
        draw = namespace.get("draw")
        if not callable(draw):
            return Problem(job.script, None, "draw", "chart script has no draw(fig, ctx) function")
        draw(fig, ctx)
    except SyntaxError as exc:
        return Problem(job.script, exc.lineno, "", f"syntax error in chart script ({exc.msg})")
    except Refused as exc:
        return exc.problem
    except DataProblem as exc:
        return exc.problem
    except MemoryError as exc:
        return Problem(job.script, _script_line(exc, job.script), "draw", "chart script ran out of memory (expected "
                       f"a chart to need at most {sandbox_memory_text()} of memory)")
    except BaseException as exc:  # the script is user code: any failure (KeyboardInterrupt, a BaseException of its
        # own, SystemExit) is reported at its line
        return Problem(job.script, _script_line(exc, job.script), "draw",
                       f"chart script failed ({type(exc).__name__}: {_first_line(exc)})")
    return None


@contextmanager
def _pyplot_guarded(script: Path, notes: list):
    """plt.show() would try to open a window: during a build it does nothing, and the build says so. A figure of
    pyplot's own (plt.figure, plt.subplots, or plt.plot with no figure) is not the one on the slide: refused."""
    import matplotlib.pyplot as plt

    original_show, original_figure = plt.show, plt.figure

    def show(*_args, **_kwargs):
        notes.append(("chart script calls plt.show(), which does nothing in a build (expected no call: remove it)",
                      script_line(script)))

    def figure(*_args, **_kwargs):
        frame, called = sys._getframe(1), "plt.figure"
        while frame is not None and frame.f_code.co_filename != str(script):
            called, frame = f"plt.{frame.f_code.co_name}", frame.f_back
        raise Refused(Problem(script, frame.f_lineno if frame else None, "draw", f"chart script makes a figure of its "
                              f"own ({called}), which is not the one on the slide (expected drawing on the fig that "
                              "draw(fig, ctx) is given: fig.add_subplot() or fig.subplots())"))

    plt.show, plt.figure = show, figure
    try:
        yield
    finally:
        plt.show, plt.figure = original_show, original_figure


@contextmanager
def _exit_reported(script: Path):
    """os._exit() in a script ends the drawing process at once: say where it was called before it does (a process
    the script forked ends that way as it should, unreported)."""
    from .sandbox import send_now

    original, drawing = os._exit, os.getpid()

    def leave(status):
        if os.getpid() == drawing:
            send_now([Problem(script, script_line(script), "draw", f"chart script ended its process with "
                                                                   f"os._exit({status}) (expected draw() to return)")])
        original(status)

    os._exit = leave
    try:
        yield
    finally:
        os._exit = original


@contextmanager
def _text_lines(script: Path):
    """Remember the script line that set each text, for messages about a text that cannot be drawn."""
    from matplotlib.text import Text

    original = Text.set_text

    def set_text(self, s):
        line = script_line(script)
        if line is not None:
            self.lecturedeck_line = line
        return original(self, s)

    setattr(Text, "set_text", set_text)  # patched on purpose for the script's run, restored below
    try:
        yield
    finally:
        setattr(Text, "set_text", original)


def _text_problems(fig, ctx: ChartContext, families: list[str]) -> list[Problem]:
    """Every visible text: no control or non-character, and every character in a font it is drawn with (the
    first font of matplotlib's fallback list that has it draws it). Mathtext ($...$) is left to matplotlib's
    own math fonts."""
    from matplotlib import font_manager
    from matplotlib.text import Text

    problems, missing, lines = [], set(), []
    have = {entry.name.lower() for entry in font_manager.fontManager.ttflist}
    for artist in fig.findobj(lambda a: isinstance(a, Text) and a.get_visible() and a.get_text()):
        text = artist.get_text()
        line = getattr(artist, "lecturedeck_line", None)
        wrong = text_problem(text) or _family_problem(artist.get_fontproperties().get_family(), have, families)
        if wrong:
            problem = Problem(ctx.script, line, "draw", f"chart text {describe(text)}: {wrong}")
            if problem not in problems:
                problems.append(problem)
            continue
        if artist.get_usetex() or artist._preprocess_math(text)[1]:
            continue
        fonts = font_manager.fontManager._find_fonts_by_props(artist.get_fontproperties())
        lost = {char for char in set(text) - {"\n", " ", "\t"} if not any(ord(char) in _charmap(f) for f in fonts)}
        if lost:
            missing |= lost
            lines.append((lost, line))
    if missing and not problems:
        ordered = sorted(missing)
        line = next((used[2] for used in ctx.used if any(c in ctx.shown(used[0], used[1]) for c in ordered)),
                    None) or next((line for lost, line in lines if line), None)
        problems.append(Problem(ctx.script, line, "draw", f"characters missing from the chart fonts ({', '.join(families)}): "
                                                          f"{' '.join(ordered)} (expected fonts that have them; {FONT_HINT})"))
    return problems


GENERIC_FAMILIES = {"serif": "serif", "sans-serif": "sans-serif", "sans serif": "sans-serif", "sans": "sans-serif",
                    "monospace": "monospace", "cursive": "cursive", "fantasy": "fantasy"}


def _family_problem(asked: list[str], have: set[str], families: list[str]) -> str | None:
    """A font family a text asks for that the charts do not have: matplotlib would quietly draw it in another."""
    import matplotlib

    for family in asked:
        generic = GENERIC_FAMILIES.get(family.lower())
        names = cast(dict, matplotlib.rcParams)[f"font.{generic}"] if generic else [family]
        if not any(name.lower() in have for name in names):
            offered = [name for name in [*families, "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"]
                       if name.lower() in have]
            return (f"the font {family!r} is not one the charts draw with, so another would be used silently "
                    f"(expected one of {', '.join(dict.fromkeys(offered))}, or sans-serif, serif or monospace; "
                    f"got {family!r})")
    return None


_CHARMAPS: dict = {}


def _charmap(font) -> set[int]:
    """The code points a font file (a matplotlib FontPath: path and face index) has glyphs for."""
    key = (str(font), getattr(font, "face_index", 0))
    if key not in _CHARMAPS:
        from matplotlib import ft2font

        face = ft2font.FT2Font(str(font), face_index=key[1]) if key[1] else ft2font.FT2Font(str(font))
        _CHARMAPS[key] = set(face.get_charmap())
    return _CHARMAPS[key]


def _size_problem(png: bytes, expected: tuple[int, int], script: Path) -> list[Problem]:
    """The picture must be exactly the slide's chart area at the chart resolution, or it would be stretched."""
    width, height = struct.unpack(">II", png[16:24])
    if (width, height) == tuple(expected):
        return []
    return [Problem(script, None, "draw", f"chart picture has the wrong size, which would stretch it (expected "
                                              f"{expected[0]} x {expected[1]} pixels, got {width} x {height})")]


def _failed_artist_line(exc: BaseException) -> int | None:
    """The script line that set the text (or made the artist) whose drawing raised, when one did."""
    for frame, _line in reversed(list(traceback.walk_tb(exc.__traceback__))):
        line = getattr(frame.f_locals.get("self"), "lecturedeck_line", None)
        if line:
            return line
    return None


def _script_line(exc: BaseException, script: Path) -> int | None:
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == str(script)]
    return frames[-1].lineno if frames else None


def _first_line(exc: BaseException) -> str:
    """The exception's message on one line (mathtext spreads one over three, with a caret line)."""
    try:
        message = str(exc)
    except Exception:  # noqa: BLE001 - a script's exception whose __str__ itself fails
        message = ""
    lines = [line.strip() for line in message.splitlines() if line.strip() and set(line.strip()) != {"^"}]
    text = " ".join(lines) or "no message"
    return text if len(text) <= 300 else text[:297] + "..."
