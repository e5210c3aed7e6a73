"""Run chart scripts: each draws on a figure the size of its slot; results are cached by a hash of all inputs."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import matplotlib

matplotlib.use("Agg")
from matplotlib import rc_context  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .problems import Problem  # noqa: E402
from .theme import Colors, matplotlib_version  # noqa: E402

RUNNER_VERSION = "1"


@dataclass
class ChartContext:
    """What a chart script's `draw(fig, ctx)` may use: its data, translation, number formatting and colours."""

    data_dir: Path
    allowed: tuple[str, ...]
    colors: dict[str, str]
    locale: str = "en"
    gettext: Callable[[str], str] = field(default=lambda text: text)
    number_format: Callable[[float, int], str] = field(default=lambda value, decimals: f"{value:,.{decimals}f}")

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
    fonts: tuple[str, ...]
    colors: Colors
    translations: tuple[tuple[str, str], ...] = ()

    def key(self) -> str:
        """A content hash of the script, its data and every setting."""
        digest = hashlib.sha256()
        digest.update(self.script.read_bytes())
        for name in self.data:
            digest.update(name.encode())
            digest.update((self.data_dir / name).read_bytes())
        settings = [self.size, self.dpi, self.locale, self.fonts, vars(self.colors), self.translations,
                    matplotlib_version(), RUNNER_VERSION]
        digest.update(json.dumps(settings, sort_keys=True, default=list).encode())
        return digest.hexdigest()[:24]


def render_chart(job: ChartJob, cache_dir: Path, number_format=None) -> Path | Problem:
    """The PNG for a chart job, drawn now or taken from the cache; a Problem names the script line that failed."""
    path = cache_dir / f"{job.script.stem}-{job.key()}.png"
    if path.is_file():
        return path
    result = draw_png(job, number_format)
    if isinstance(result, Problem):
        return result
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(result)
    os.replace(tmp, path)
    return path


def draw_png(job: ChartJob, number_format=None) -> bytes | Problem:
    """Run the script's draw(fig, ctx) and return the PNG bytes (no timestamps, so the same inputs give the same bytes)."""
    translations = dict(job.translations)
    ctx = ChartContext(job.data_dir, job.data, {k: "#" + v for k, v in vars(job.colors).items()}, job.locale,
                       lambda text: translations.get(text) or text)
    if number_format:
        ctx.number_format = number_format
    colors = job.colors
    rc = {
        "font.family": list(job.fonts), "font.size": 14, "text.color": "#" + colors.ink,
        "axes.labelcolor": "#" + colors.ink, "axes.edgecolor": "#" + colors.muted,
        "xtick.color": "#" + colors.ink, "ytick.color": "#" + colors.ink, "axes.titlesize": 16,
        "axes.titleweight": "bold", "xtick.labelsize": 13, "ytick.labelsize": 13, "legend.fontsize": 13,
        "axes.spines.top": False, "axes.spines.right": False, "figure.facecolor": "white",
        "savefig.facecolor": "white", "path.simplify": True,
    }
    source = job.script.read_text(encoding="utf-8")
    with rc_context(rc):
        fig = Figure(figsize=job.size, dpi=job.dpi)
        FigureCanvasAgg(fig)
        try:
            namespace: dict = {"__name__": f"chart_{job.script.stem}", "__file__": str(job.script)}
            exec(compile(source, str(job.script), "exec"), namespace)  # noqa: S102 - the deck's own chart script
            draw = namespace.get("draw")
            if not callable(draw):
                return Problem(job.script, None, "draw", "chart script has no draw(fig, ctx) function")
            draw(fig, ctx)
        except SyntaxError as exc:
            return Problem(job.script, exc.lineno, "", f"syntax error in chart script ({exc.msg})")
        except (Exception, SystemExit) as exc:  # the script is user code: any failure is reported at its line
            return Problem(job.script, _script_line(exc, job.script), "draw",
                           f"chart script failed ({type(exc).__name__}: {exc})")
        if not fig.axes or not any(ax.has_data() or ax.texts for ax in fig.axes):
            return Problem(job.script, None, "draw", "chart script drew nothing (expected at least one plot)")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=job.dpi, metadata={"Software": None})
    return buffer.getvalue()


def _script_line(exc: BaseException, script: Path) -> int | None:
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == str(script)]
    return frames[-1].lineno if frames else None
