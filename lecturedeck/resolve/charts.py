"""Chart scripts for one build: what decides each picture (ChartJob), the cache of drawn pictures, and drawing the
missing ones, each in a child process the build can stop (see sandbox and chartdraw)."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..files import write_atomic
from ..fonts import FontFile, matplotlib_dir
from ..problems import Problem, display_path
from ..source.model import DEFAULT_CHART_TIMEOUT
from ..source.theme import Colors
from ..steps import step

if TYPE_CHECKING:
    from . import sandbox

RUNNER_VERSION = "5"
_STACK_LINE = re.compile(r'^\s*File "(.*)", line (\d+)')


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
    translations: tuple[tuple[str, str, str], ...] = ()  # (ID, English, translation or "") of the script's texts
    timeout: float = DEFAULT_CHART_TIMEOUT  # seconds; not part of the key (it does not change the picture)

    def key(self) -> str:
        """A content hash of the script, its data and every setting."""
        if "_key" in self.__dict__:
            return self.__dict__["_key"]
        digest = hashlib.sha256()
        digest.update(self.script.read_bytes())
        for name in self.data:
            digest.update(name.encode())
            digest.update((self.data_dir / name).read_bytes())
        fonts = [(font.family, font.sha256) for font in self.fonts]  # the files' bytes, wherever they are
        settings = [self.size, self.dpi, self.locale, fonts, vars(self.colors), self.translations,
                    matplotlib_version(), RUNNER_VERSION]
        digest.update(json.dumps(settings, sort_keys=True, default=list).encode())
        self.__dict__["_key"] = digest.hexdigest()[:24]  # read once per build (a frozen dataclass still has a dict)
        return self.__dict__["_key"]


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its PNG, the translatable strings the script asked for (ID, English, script line), and
    notes on what the script did that a build ignores (such as plt.show())."""

    path: Path
    strings: tuple[tuple[str, str, int | None], ...]
    notes: tuple[tuple[str, int | None], ...] = ()


def render_charts(jobs: list[ChartJob], cache_dir: Path, *, parallel: bool = True,
                  on_drawn: Callable[[int, int], None] | None = None) -> list[Chart | list[Problem]]:
    """A Chart (or the Problems) for each job: from the cache when its key is there, else drawn, several at once
    (at most one per core) when `parallel` allows; on_drawn(done, total) after each drawing."""
    results: dict[int, Chart | list[Problem]] = {}
    for index, job in enumerate(jobs):
        try:
            job.key()
        except OSError as exc:  # the script or a data file cannot be read
            results[index] = [Problem(Path(exc.filename or job.script), None, "", f"cannot read the file ({exc.strerror})")]
            continue
        cached = _cached(job, cache_dir)
        if cached is not None:
            results[index] = cached
    todo = [index for index in range(len(jobs)) if index not in results]
    if not todo:
        return [results[index] for index in range(len(jobs))]
    done = 0

    def finished(index: int, outcome: sandbox.Outcome) -> None:
        nonlocal done
        with step(f"storing the chart of {display_path(jobs[index].script)} in the cache"):
            results[index] = _store(jobs[index], cache_dir, _result(jobs[index], outcome))
        done += 1
        if on_drawn:
            on_drawn(done, len(todo))

    _run([jobs[index] for index in todo], (os.cpu_count() or 1) if parallel else 1,
         lambda position, outcome: finished(todo[position], outcome), save=True)
    return [results[index] for index in range(len(jobs))]


def chart_strings(job: ChartJob) -> tuple[list[tuple[str, str, int | None]], list[Problem]]:
    """The translatable strings a chart script asks for, as (ID, English, script line), found by running it without
    saving a picture; and the problems that stopped it (then no strings)."""
    found = []
    _run([job], 1, lambda _position, outcome: found.append(_result(job, outcome)), save=False)
    result = found[0]
    return ([], result) if isinstance(result, list) else (list(result[1]), [])


def _run(jobs: list[ChartJob], workers: int, on_done, *, save: bool) -> None:
    """Draw each job in its own child process (in this one where processes cannot be forked)."""
    from . import sandbox  # only when a chart is drawn: a warm build imports none of this
    from .chartdraw import draw_png

    if not sandbox.available():
        for position, job in enumerate(jobs):
            with step(f"drawing the chart {display_path(job.script)}"):
                on_done(position, sandbox.Outcome(draw_png(job, save=save), ok=True))
        return
    import matplotlib.backends.backend_agg  # noqa: F401  imported once here, inherited by every child
    import matplotlib.pyplot  # noqa: F401

    with step(f"drawing the charts {', '.join(display_path(job.script) for job in jobs)}"):
        sandbox.run_all([(_draw, (job, save), job.timeout) for job in jobs], workers, on_done)


def _draw(job: ChartJob, save: bool):
    from .chartdraw import draw_png

    with step(f"drawing the chart {display_path(job.script)}"):
        return draw_png(job, save=save)


def _result(job: ChartJob, outcome: sandbox.Outcome):
    """What a child's outcome means for the deck: its drawing, or Problems at the script (and line)."""
    if outcome.ok:
        return outcome.value
    line = _stack_line(outcome.stack, job.script)
    if outcome.timed_out:
        return [Problem(job.script, line, "draw", f"chart script still running after {job.timeout:g} s, stopped "
                                                  "(expected draw() to finish; set chart_timeout in deck.yaml if it "
                                                  "really needs longer)")]
    how = outcome.how()
    if "SIGKILL" in how:
        how += ", perhaps for using too much memory"
    return [Problem(job.script, line, "draw", f"chart script crashed the process drawing it ({how}) (expected "
                                              "draw() to return; a crash in a library the script calls?)")]


def _stack_line(stack: str, script: Path) -> int | None:
    """The script's innermost line in a stack faulthandler wrote (most recent call first)."""
    for line in stack.splitlines():
        match = _STACK_LINE.match(line)
        if match and match[1] == str(script):
            return int(match[2])
    return None


def _paths(job: ChartJob, cache_dir: Path) -> tuple[Path, Path]:
    path = cache_dir / f"{job.script.stem}-{job.key()}.png"
    return path, path.with_suffix(".json")


def _cached(job: ChartJob, cache_dir: Path) -> Chart | None:
    """The cached chart when its PNG is there and matches the size and hash its sidecar recorded."""
    path, sidecar = _paths(job, cache_dir)
    try:
        saved = json.loads(sidecar.read_text(encoding="utf-8"))
        data = path.read_bytes()
        if saved["png"] != {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}:
            return None  # cut short or changed since: drawn again
        return Chart(path, tuple(map(tuple, saved["strings"])), tuple(map(tuple, saved["notes"])))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _store(job: ChartJob, cache_dir: Path, result) -> Chart | list[Problem]:
    """Write a drawn chart into the cache: the PNG, then the sidecar that vouches for it."""
    if isinstance(result, list):
        return result
    png, strings, notes = result
    path, sidecar = _paths(job, cache_dir)
    record = {"png": {"bytes": len(png), "sha256": hashlib.sha256(png).hexdigest()}, "strings": strings, "notes": notes}
    try:
        write_atomic(path, png)
        write_atomic(sidecar, json.dumps(record).encode())
    except OSError as exc:
        return [Problem(Path(exc.filename) if exc.filename else cache_dir, None, "",
                        f"cannot write the chart cache ({exc.strerror or exc}); nothing was left half-written")]
    return Chart(path, tuple(map(tuple, strings)), tuple(map(tuple, notes)))


def matplotlib_version() -> str:
    """The matplotlib version, part of every chart's cache key (read from its source, without importing it)."""
    source = (matplotlib_dir() / "_version.py").read_text(encoding="utf-8")
    found = re.search(r"""^(?:__version__\s*=\s*)?version\s*=\s*['"]([^'"]+)['"]""", source, re.M)
    if found is None:
        from importlib.metadata import version

        return version("matplotlib")
    return found[1]
