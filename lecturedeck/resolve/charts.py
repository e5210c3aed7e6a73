"""Run chart scripts: each draws on a figure the size of its slot; results are cached by a hash of all inputs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import random
import signal
import sys
import threading
import traceback
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..fonts import FontFile, matplotlib_font_dir
from ..source.model import DEFAULT_CHART_TIMEOUT
from ..problems import Problem
from ..i18n.strings import format_number
from ..source.theme import Colors, matplotlib_version

RUNNER_VERSION = "3"
_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")
FONT_HINT = "for Chinese, Japanese and Korean, Noto Sans CJK: sudo apt-get install fonts-noto-cjk"


@dataclass
class ChartContext:
    """What a chart script's `draw(fig, ctx)` may use: its data, translation, number formatting and colours."""

    data_dir: Path
    allowed: tuple[str, ...]
    colors: dict[str, str]
    locale: str = "en"
    script: Path | None = None
    translations: dict[str, str] = field(default_factory=dict)
    number_format: Callable[[float, int], str] = field(default=lambda value, decimals: f"{value:,.{decimals}f}")
    used: list[tuple[str, str, int | None]] = field(default_factory=list)

    def pgettext(self, id: str, english: str) -> str:
        """The text with ID `id` (unique in this script) in the deck's locale; `english` when not translated.

        The ID and English go into the translation template (`build.py i18n extract`) as `chart.<script>.<id>`.
        """
        key = f"chart.{self.script.stem if self.script else 'chart'}.{id}"
        caller = sys._getframe(1)
        line = caller.f_lineno if self.script and caller.f_code.co_filename == str(self.script) else None
        if all(key != used[0] for used in self.used):
            self.used.append((key, english, line))
        return self.translations.get(key, english)

    def read_csv(self, name: str) -> list[dict[str, str]]:
        """The rows of a CSV file declared in the slide's `data` list."""
        if name not in self.allowed:
            raise PermissionError(f"data file {name!r} is not declared for this chart (declared: {', '.join(self.allowed) or 'none'})")
        with open(self.data_dir / name, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def format_number(self, value: float, decimals: int = 0) -> str:
        """A number written the locale's way."""
        return self.number_format(value, decimals)


@dataclass(frozen=True)
class ChartJob:
    """Everything that decides a chart's pixels."""

    script: Path
    data_dir: Path
    data: tuple[str, ...]
    size: tuple[float, float]
    dpi: int
    locale: str
    fonts: tuple[FontFile, ...]  # in order of preference: the first font with a glyph draws it
    colors: Colors
    translations: tuple[tuple[str, str], ...] = ()
    timeout: float = DEFAULT_CHART_TIMEOUT  # seconds; not part of the key (it does not change the picture)

    def key(self) -> str:
        """A content hash of the script, its data and every setting."""
        digest = hashlib.sha256()
        digest.update(self.script.read_bytes())
        for name in self.data:
            digest.update(name.encode())
            digest.update((self.data_dir / name).read_bytes())
        fonts = [(font.family, font.sha256) for font in self.fonts]  # the files' bytes, wherever they are
        settings = [self.size, self.dpi, self.locale, fonts, vars(self.colors), self.translations,
                    matplotlib_version(), RUNNER_VERSION]
        digest.update(json.dumps(settings, sort_keys=True, default=list).encode())
        return digest.hexdigest()[:24]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its PNG, the translatable strings the script asked for (ID, English, script line), and
    notes on what the script did that a build ignores (such as plt.show())."""

    path: Path
    strings: tuple[tuple[str, str, int | None], ...]
    notes: tuple[tuple[str, int | None], ...] = ()


class ChartTimeout(BaseException):
    """Raised inside a chart script that runs past its time limit (a BaseException, so `except Exception` in the
    script cannot swallow it)."""


def render_charts(jobs: list[ChartJob], cache_dir: Path, *, parallel: bool = True,
                  on_drawn: Callable[[int, int], None] | None = None) -> list[Chart | Problem]:
    """A Chart (or the Problem) for each job: from the cache when its key is there, else drawn, several at once in
    worker processes when more than one must be drawn and `parallel` allows; on_drawn(done, total) after each."""
    results: list[Chart | Problem | None] = [_cached(job, cache_dir) for job in jobs]
    todo = [index for index, result in enumerate(results) if result is None]
    workers = min(len(todo), os.cpu_count() or 1)

    def finished(index: int, result) -> None:
        results[index] = _store(jobs[index], cache_dir, result)
        if on_drawn:
            on_drawn(sum(1 for i in todo if results[i] is not None), len(todo))

    if not todo:
        return results
    import multiprocessing  # only when something is drawn

    if parallel and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        from concurrent.futures import ProcessPoolExecutor, as_completed

        import matplotlib.backends.backend_agg  # noqa: F401  imported once here, inherited by every worker
        import matplotlib.pyplot  # noqa: F401

        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(draw_png, jobs[index]): index for index in todo}
            for future in as_completed(futures):
                finished(futures[future], future.result())
    else:
        for index in todo:
            finished(index, draw_png(jobs[index]))
    return results


def _paths(job: ChartJob, cache_dir: Path) -> tuple[Path, Path]:
    path = cache_dir / f"{job.script.stem}-{job.key()}.png"
    return path, path.with_suffix(".json")


def _cached(job: ChartJob, cache_dir: Path) -> Chart | None:
    path, sidecar = _paths(job, cache_dir)
    if path.is_file() and sidecar.is_file():
        try:
            saved = json.loads(sidecar.read_text(encoding="utf-8"))
            return Chart(path, tuple(map(tuple, saved["strings"])), tuple(map(tuple, saved["notes"])))
        except (OSError, ValueError, TypeError, KeyError):
            return None
    return None


def _store(job: ChartJob, cache_dir: Path, result) -> Chart | Problem:
    if isinstance(result, Problem):
        return result
    png, strings, notes = result
    path, sidecar = _paths(job, cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for target, data in ((path, png), (sidecar, json.dumps({"strings": strings, "notes": notes}).encode())):
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return Chart(path, tuple(strings), tuple(notes))


def chart_strings(job: ChartJob) -> list[tuple[str, str, int | None]] | Problem:
    """The translatable strings a chart script asks for, found by running it without saving a picture."""
    result = draw_png(job, save=False)
    return result if isinstance(result, Problem) else result[1]


def draw_png(job: ChartJob, *, save: bool = True):
    """Run the script's draw(fig, ctx): (PNG bytes, strings used, notes) or a Problem.

    The same inputs give the same bytes (no timestamps; random generators seeded); a character missing from the
    fonts is an error, never an empty box; a script running past job.timeout seconds is stopped.
    """
    import logging

    logging.getLogger("matplotlib").setLevel(logging.ERROR)  # what the user must know, we say ourselves
    import matplotlib  # imported only when a chart has to be drawn: a warm build never needs it

    matplotlib.use("Agg")
    import numpy  # matplotlib's own dependency; seeded so scripts using it draw the same every time
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ctx = ChartContext(job.data_dir, job.data, {k: "#" + v for k, v in vars(job.colors).items()}, job.locale,
                       job.script, dict(job.translations),
                       lambda value, decimals: format_number(value, job.locale, decimals))
    colors = job.colors
    families = _use_fonts(job.fonts)
    rc = {
        "font.family": families, "font.size": 14, "text.color": "#" + colors.ink,
        "axes.labelcolor": "#" + colors.ink, "axes.edgecolor": "#" + colors.muted,
        "xtick.color": "#" + colors.ink, "ytick.color": "#" + colors.ink, "axes.titlesize": 16,
        "axes.titleweight": "bold", "xtick.labelsize": 13, "ytick.labelsize": 13, "legend.fontsize": 13,
        "axes.spines.top": False, "axes.spines.right": False, "figure.facecolor": "white",
        "savefig.facecolor": "white", "path.simplify": True,
    }
    notes: list[tuple[str, int | None]] = []
    with rc_context(rc), warnings.catch_warnings(record=True) as caught, _pyplot_show_ignored(job.script, notes):
        warnings.simplefilter("always")
        random.seed(0)
        numpy.random.seed(0)
        fig = Figure(figsize=job.size, dpi=job.dpi)
        FigureCanvasAgg(fig)
        failed = _run_script(job, fig, ctx)
        if failed:
            return failed
        if not fig.axes or not any(ax.has_data() or ax.texts for ax in fig.axes):
            return Problem(job.script, None, "draw", "chart script drew nothing (expected at least one plot on fig)")
        buffer = io.BytesIO()
        if save:
            fig.savefig(buffer, format="png", dpi=job.dpi, metadata={"Software": None})
        else:
            fig.canvas.draw()  # lays out every text, so missing glyphs show up
    missing = sorted({chr(int(m[1])) for w in caught for m in [_GLYPH.match(str(w.message))] if m})
    if missing:
        line = next((used[2] for used in ctx.used if any(c in ctx.translations.get(used[0], used[1]) for c in missing)), None)
        return Problem(job.script, line, "draw", f"characters missing from the chart fonts ({', '.join(families)}): "
                                                 f"{' '.join(missing)} (expected fonts that have them; {FONT_HINT})")
    return (buffer.getvalue() if save else b""), ctx.used, notes


def _use_fonts(fonts: tuple[FontFile, ...]) -> list[str]:
    """Make matplotlib draw with exactly these font files (and its own bundled fonts), never a font the machine
    happens to have; the family names to ask for, in order."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    wanted = tuple(dict.fromkeys(font.path for font in fonts))
    if getattr(manager, "_lecturedeck_fonts", None) != wanted:
        bundled = str(matplotlib_font_dir())
        manager.ttflist = [entry for entry in manager.ttflist if entry.fname.startswith(bundled)]
        for path in wanted:
            manager.addfont(path)
        manager._lecturedeck_fonts = wanted
    return list(dict.fromkeys(font.family for font in fonts))


def _run_script(job: ChartJob, fig, ctx: ChartContext) -> Problem | None:
    """Execute the script and call its draw(fig, ctx) within the time limit; a Problem at the failing line."""
    source = job.script.read_text(encoding="utf-8")
    try:
        with _time_limit(job.timeout):
            namespace: dict = {"__name__": f"chart_{job.script.stem}", "__file__": str(job.script)}
            exec(compile(source, str(job.script), "exec"), namespace)  # noqa: S102 - the deck's own chart script
            draw = namespace.get("draw")
            if not callable(draw):
                return Problem(job.script, None, "draw", "chart script has no draw(fig, ctx) function")
            draw(fig, ctx)
    except SyntaxError as exc:
        return Problem(job.script, exc.lineno, "", f"syntax error in chart script ({exc.msg})")
    except ChartTimeout as exc:
        return Problem(job.script, _script_line(exc, job.script), "draw",
                       f"chart script still running after {job.timeout:g} s, stopped (expected draw() to finish; "
                       "set chart_timeout in deck.yaml if it really needs longer)")
    except (Exception, SystemExit) as exc:  # the script is user code: any failure is reported at its line
        return Problem(job.script, _script_line(exc, job.script), "draw",
                       f"chart script failed ({type(exc).__name__}: {exc})")
    return None


@contextmanager
def _time_limit(seconds: float):
    """Raise ChartTimeout in the running code after `seconds` (a SIGALRM timer: main thread on Unix only;
    elsewhere no limit applies)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum, frame):
        raise ChartTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _pyplot_show_ignored(script: Path, notes: list):
    """plt.show() would try to open a window: during a build it does nothing, and the build says so."""
    import matplotlib.pyplot as plt

    original = plt.show

    def show(*_args, **_kwargs):
        caller = sys._getframe(1)
        line = caller.f_lineno if caller.f_code.co_filename == str(script) else None
        notes.append(("chart script calls plt.show(), which does nothing in a build (expected no call: remove it)", line))

    plt.show = show
    try:
        yield
    finally:
        plt.show = original
        plt.close("all")


def _script_line(exc: BaseException, script: Path) -> int | None:
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == str(script)]
    return frames[-1].lineno if frames else None
