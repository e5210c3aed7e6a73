"""Rebuild on save: watch the deck and its assets, rebuild the chosen locales, say what changed and how long it took."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..problems import DeckError, Problem
from ..source.loader import load_deck
from ..steps import step
from .build import Crash, build

IGNORED_PARTS = {"__pycache__", ".git", ".cache", "node_modules"}


@dataclass
class Event:
    """Something the watcher reports: files changed, a locale rebuilt, or a build that failed."""

    kind: str  # "watching", "changed", "built", "failed", "crashed" (result: the Crash)
    paths: list[Path] = field(default_factory=list)
    locale: str = ""
    result: object = None
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def watched_folders(deck_dir: Path) -> list[Path]:
    """The deck folder and its assets folder (from deck.yaml, or the usual ../assets when deck.yaml is broken)."""
    try:
        assets = load_deck(deck_dir).assets_dir
    except DeckError:
        assets = (deck_dir / ".." / "assets").resolve()
    folders = [deck_dir.resolve()]
    if assets.is_dir() and not str(assets).startswith(str(folders[0]) + os.sep):
        folders.append(assets)
    return folders


def _interesting(_change, path: str) -> bool:
    parts = set(Path(path).parts)
    name = os.path.basename(path)
    return not (parts & IGNORED_PARTS or name.startswith(".") or name.endswith((".tmp", ".pyc", "~")))


def rebuild(deck_dir: Path, out_dir: Path, locales: list[str], term: str | None, report: Callable[[Event], None]) -> None:
    """Build each locale once, reporting each result or failure (a failure never stops the watcher)."""
    for locale in locales:
        started = time.perf_counter()
        try:
            with step(f"rebuilding {locale} after a save"):
                result = build(deck_dir, out_dir, locale=locale, term=term)
        except DeckError as error:
            report(Event("failed", locale=locale, problems=error.problems, seconds=time.perf_counter() - started))
            continue
        except Exception as exc:  # a bug, not the deck's fault: reported with a crash log, and watching goes on
            report(Event("crashed", locale=locale, result=Crash.of(locale, exc), seconds=time.perf_counter() - started))
            continue
        report(Event("built", locale=locale, result=result, seconds=result.seconds))


def watch(deck_dir: Path, out_dir: Path, locales: list[str], report: Callable[[Event], None], *, term: str | None = None,
          stop_event=None, debounce_ms: int = 300) -> None:
    """Build now, then again after every batch of saved changes until stopped (Ctrl-C, or stop_event set)."""
    from watchfiles import watch as watch_files  # imported here: only this command needs it

    deck_dir = Path(deck_dir)
    folders = watched_folders(deck_dir)
    report(Event("watching", paths=folders))
    rebuild(deck_dir, out_dir, locales, term, report)
    for changes in watch_files(*folders, watch_filter=_interesting, stop_event=stop_event, debounce=debounce_ms,
                               raise_interrupt=False):
        paths = sorted({Path(path) for _change, path in changes})
        # an editor's or sed's temporary file that came and went says nothing to the lecturer
        paths = [path for path in paths if path.exists() or path.suffix] or paths
        report(Event("changed", paths=paths))
        rebuild(deck_dir, out_dir, locales, term, report)
