"""What the pipeline is doing right now (the step, and the file or slide), so that a failure which is not the
user's mistake can say where it happened; and the crash log such a failure leaves for a bug report."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

_CURRENT: ContextVar[tuple[str, ...]] = ContextVar("lecturedeck_steps", default=())
ATTRIBUTE = "lecturedeck_step"  # set on an exception: the steps that were running when it was raised
DETAIL = "lecturedeck_detail"  # set on an exception: a traceback from another process (a worker, a chart child)


@contextmanager
def step(what: str):
    """Run the body as a named step, e.g. `rendering slide growth (chart, outline/00-main.yaml:30)`; an exception
    leaving it remembers the innermost steps it came through."""
    token = _CURRENT.set(_CURRENT.get() + (what,))
    try:
        yield
    except BaseException as exc:
        if getattr(exc, ATTRIBUTE, None) is None:
            try:
                setattr(exc, ATTRIBUTE, describe(_CURRENT.get()))
            except AttributeError:  # an exception type that takes no attributes: the outer steps still say enough
                pass
        raise
    finally:
        _CURRENT.reset(token)


def at(file, line=None) -> str:
    """` (file:line)` for a step's description, or nothing when the place is not known."""
    if file is None:
        return ""
    from .problems import display_path

    return f" ({display_path(file)}{f':{line}' if line else ''})"


def describe(steps: tuple[str, ...] | None = None) -> str:
    """The running steps, innermost first: `rendering slide growth, in the build of fr`."""
    steps = _CURRENT.get() if steps is None else steps
    return ", in ".join(reversed(steps))


def where(exc: BaseException, default: str) -> str:
    """What was being done when `exc` was raised."""
    return getattr(exc, ATTRIBUTE, None) or default


def crash_text(exc: BaseException) -> str:
    """The full traceback of an exception, with the one from another process when it came from there."""
    import traceback  # a crash is rare: what writes its log is imported when one happens

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    detail = getattr(exc, DETAIL, None)
    return f"{detail}\nreported in this process as:\n{text}" if detail else text


def write_crash_log(folder: Path | None, command: str, doing: str, text: str) -> Path:
    """Write a crash log for a bug report into `folder` (or the system's temporary folder when that cannot be
    written) and return its path."""
    import datetime as dt
    import platform
    import tempfile

    from . import __version__

    stamp = dt.datetime.now()

    body = (f"lecturedeck {__version__} crash log\n"
            f"time: {stamp.isoformat(timespec='seconds')}\n"
            f"command: {command}\n"
            f"working folder: {os.getcwd()}\n"
            f"python: {sys.version.split()[0]} on {platform.platform()}\n"
            f"while: {doing}\n\n{text}")
    for place in ([Path(folder)] if folder is not None else []) + [Path(tempfile.gettempdir())]:
        for number in range(1, 100):  # several crashes in one second (one per locale) each get their own log
            path = place / f"crash-{stamp:%Y%m%d-%H%M%S}-{os.getpid()}{f'-{number}' if number > 1 else ''}.log"
            try:
                place.mkdir(parents=True, exist_ok=True)
                with open(path, "x", encoding="utf-8", errors="backslashreplace") as log:
                    log.write(body)
                return path
            except FileExistsError:
                continue
            except OSError:
                break
    raise OSError("no folder to write the crash log to")
