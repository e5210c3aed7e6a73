"""The build, start to end: load and validate, resolve, render, write. Nothing is written unless all of it works."""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: builds of the same deck are not serialized there, but writes stay atomic
    fcntl = None

from .. import steps
from ..files import write_atomic
from ..fonts import MissingFont
from ..i18n import catalog as cat
from ..i18n.localize import Translator
from ..output.writer import deck_bytes
from ..problems import DeckError, Problem, command_hint, display_path
from ..render.deck import render
from ..render.geometry import Extent
from ..render.textfit import remember_measurements, save_measurements
from ..resolve.charts import render_charts
from ..resolve.resolve import Resolved, chart_job, resolve
from ..source.loader import load_deck
from ..source.model import Deck
from ..source.theme import load_theme
from ..steps import at, step
from ..text import MAX_TERM, blank, file_word, text_problem

SOURCE_LOCALE = "en"
SOURCE_KEY = "@deck"  # the manifest's entry naming the deck folder a deck was built from


@dataclass
class BuildResult:
    """What one build wrote and what it noticed."""

    path: Path
    locale: str
    slides: int
    size: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    first_build: bool = False
    resolved: Resolved | None = field(default=None, repr=False)
    geometry: list[list[Extent]] | None = field(default=None, repr=False)  # what was drawn where, per slide


@dataclass
class Crash:
    """A build that failed for a reason that is not the deck's: what it was doing, the error, the traceback."""

    locale: str
    doing: str
    error: str
    text: str

    @classmethod
    def of(cls, locale: str, exc: BaseException) -> "Crash":
        """The crash an exception stands for (picklable, so a worker process can send it back)."""
        first = str(exc).splitlines()[0] if str(exc) else ""
        return cls(locale, steps.where(exc, f"building {locale}"), f"{type(exc).__name__}: {first}".rstrip(": "),
                   steps.crash_text(exc))


def output_name(deck: Deck, term: str, locale: str) -> str:
    """The file name: deck slug, term and locale, e.g. great-leap-forward-fall-2026-en.pptx."""
    term_slug = file_word(term) or "term"
    return f"{deck.meta.slug}-{term_slug}-{locale}.pptx"


def available_locales(deck_dir: Path) -> list[str]:
    """The locales a deck can be built in: English, then every locale with a catalog in <deck>/locales/."""
    return [SOURCE_LOCALE] + [code for code in cat.catalog_locales(deck_dir) if code != SOURCE_LOCALE]


def translator_for(deck: Deck, deck_dir: Path, locale: str) -> Translator:
    """English needs no catalog; any other locale reads <deck>/locales/<locale>.po (its code checked by Babel)."""
    if locale == SOURCE_LOCALE:
        return Translator(locale)
    path = cat.po_path(deck_dir, locale)
    wrong = cat.check_locale(locale)
    if wrong:
        raise DeckError([Problem(path if path.is_file() else None, None, "--locale", wrong)])
    if not path.exists():  # a folder or pipe by that name: cat.load says what it is
        raise DeckError([Problem(deck_dir, None, "--locale",
                                 f"no catalog for this locale (expected one of {', '.join(available_locales(deck_dir))}, "
                                 f"got {locale!r}; start one with {command_hint(deck_dir, 'i18n', 'init', locale)})")])
    catalog = cat.load(path)
    wrong_language = cat.language_problem(catalog, locale, path)
    if wrong_language:
        raise DeckError([wrong_language])
    return Translator.for_deck(deck, locale, catalog, path, deck_dir)


def build_locales(deck_dir: Path, out_dir: Path, locales: list[str], *, term: str | None = None,
                  strict: bool = False, jobs: int | None = None, on_chart=None):
    """Build several locales, in parallel worker processes when there are cores for it; yields (locale,
    BuildResult or the list of Problems) as each finishes. on_chart(done, total) follows the charts drawn first."""
    workers = min(len(locales), jobs or 2 * (os.cpu_count() or 1))  # a little over the cores: charts wait on I/O too
    if workers > 1:
        import multiprocessing
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for locale in locales:
            yield _build_one(deck_dir, out_dir, locale, term, strict, True)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    _draw_charts_first(Path(deck_dir), Path(out_dir), locales, on_chart)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_build_one, deck_dir, out_dir, locale, term, strict, False): locale for locale in locales}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # a worker that died (BrokenProcessPool): the locale's build crashed
                yield futures[future], Crash.of(futures[future], exc)


def _draw_charts_first(deck_dir: Path, out_dir: Path, locales: list[str], on_chart=None) -> None:
    """Draw every locale's missing charts together, spread over the cores, so the locale builds find them cached.
    Problems are left for the builds themselves to report."""
    try:
        deck = load_deck(deck_dir)
        theme = load_theme(deck.assets_dir, deck.template)
    except DeckError:
        return
    jobs = []
    for locale in locales:
        try:
            translator = translator_for(deck, deck_dir, locale)
        except DeckError:
            continue
        try:
            jobs += [chart_job(deck, slide, theme, translator, out_dir / ".cache")
                     for slide in deck.slides if slide.chart_size(theme) is not None]
        except MissingFont:
            continue
    try:
        render_charts(jobs, out_dir / ".cache" / "charts", parallel=True, on_drawn=on_chart)
    except DeckError:
        return  # the locale builds say it (a chart cache that cannot be written, say)


def _build_one(deck_dir, out_dir, locale, term, strict, parallel_charts):
    """One locale's build as data a worker process can send back: the BuildResult (without the rendered model),
    the list of Problems, or a Crash."""
    try:
        with step(f"building {locale}"):
            result = build(deck_dir, out_dir, locale=locale, term=term, strict=strict, parallel_charts=parallel_charts)
    except DeckError as error:
        return locale, error.problems
    except Exception as exc:  # not the deck's fault: reported as a crash with its traceback, never raised
        return locale, Crash.of(locale, exc)
    result.resolved = result.geometry = None
    return locale, result


def build(deck_dir: Path, out_dir: Path, *, locale: str = SOURCE_LOCALE, term: str | None = None,
          strict: bool = False, deck: Deck | None = None, parallel_charts: bool = True) -> BuildResult:
    """Build one locale's deck into out_dir; raise DeckError (nothing written) on any error, or any warning if strict."""
    started = time.perf_counter()
    deck_dir, out_dir = Path(deck_dir), Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise DeckError([Problem(out_dir, None, "--out", "output path is a file (expected a folder)")])
    if term is not None:
        wrong = text_problem(term, newlines=False, limit=MAX_TERM) or ("empty text (expected a term)" if blank(term) else "")
        if wrong:
            raise DeckError([Problem(None, None, "--term", wrong)])
    if deck is None:
        with step(f"loading the deck{at(deck_dir / 'deck.yaml')}"):
            deck = load_deck(deck_dir)
    translator = translator_for(deck, deck_dir, locale)
    try:
        (out_dir / ".cache" / "charts").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeckError([Problem(out_dir, None, "--out", f"cannot create the output folder ({exc.strerror})")]) from None
    remember_measurements(out_dir / ".cache" / "measurements.json")  # picture and chart layouts measure text too
    resolved = resolve(deck, translator=translator, term=term, cache_dir=out_dir / ".cache" / "charts",
                       parallel=parallel_charts)
    prs, fit_warnings, geometry = render(resolved)
    save_measurements()
    warnings = resolved.warnings + fit_warnings
    if strict and warnings:
        raise DeckError([w.as_error() for w in warnings])
    path = out_dir / output_name(deck, term or deck.meta.term, locale)
    with step(f"writing {display_path(path)}"):
        data = deck_bytes(prs, resolved.deck.meta, locale)
        manifest_path = out_dir / ".cache" / f"{path.stem}.json"
        manifest = _manifest(resolved, out_dir)
        try:
            with _locked(out_dir / ".cache" / f"{path.stem}.lock"):
                previous = _read_manifest(manifest_path)
                _same_name_elsewhere(path, previous, deck_dir)
                _remove_stale_temporaries(path)
                _remove_stale_temporaries(manifest_path)
                write_atomic(path, data)
                write_atomic(manifest_path, json.dumps(manifest, indent=1, sort_keys=True).encode())
        except OSError as exc:
            raise DeckError([Problem(Path(exc.filename) if exc.filename else path, None, "",
                                     f"cannot write the deck ({exc.strerror or exc}); the previous deck is unchanged")]) from None
    previous.pop(SOURCE_KEY, None)
    manifest.pop(SOURCE_KEY)
    changed = [sid for sid, digest in manifest.items() if previous.get(sid) != digest]
    changed += [f"{sid} (removed)" for sid in previous if sid not in manifest]
    return BuildResult(path, locale, len(resolved.deck.slides), len(data), time.perf_counter() - started, warnings,
                       changed if previous else [], first_build=not previous, resolved=resolved, geometry=geometry)


@contextmanager
def _locked(lock_path: Path):
    """Hold an exclusive lock on lock_path: two builds of the same deck write one after the other."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files a killed build left beside the deck (only builds holding the lock write them)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)


def _same_name_elsewhere(path: Path, previous: dict, deck_dir: Path) -> None:
    """Refuse to overwrite a deck of the same file name that another deck folder wrote into this --out."""
    source = previous.get(SOURCE_KEY)
    here = _source(deck_dir, path.parent)
    if isinstance(source, str) and source != here and path.is_file():
        there = os.path.normpath(path.parent.resolve() / source)
        raise DeckError([Problem(path, None, "--out", f"a deck of this name built from another deck folder is already "
                                                      f"here (expected one deck folder per slug and term: it was built "
                                                      f"from {there}, this build is of {deck_dir.resolve()}; change "
                                                      "slug: in deck.yaml, build into another --out, or delete the old "
                                                      "deck)")])


def _source(deck_dir: Path, out_dir: Path) -> str:
    """The deck folder as seen from the output folder (so moving both together changes nothing)."""
    try:
        return Path(os.path.relpath(deck_dir.resolve(), out_dir.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return deck_dir.resolve().as_posix()


def _manifest(resolved: Resolved, out_dir: Path) -> dict[str, str]:
    """A digest per slide of everything it shows, to tell the lecturer which slides a rebuild changed; and the
    deck folder it was built from (under SOURCE_KEY)."""
    out = {SOURCE_KEY: _source(resolved.deck.deck_dir, out_dir)}
    meta = resolved.deck.meta
    for slide in resolved.deck.slides:
        digest = hashlib.sha256(f"{meta.course}|{meta.term}|{meta.title}|{meta.author}".encode())
        for key, text in slide.texts():
            digest.update(f"{key}={text}\n".encode())
        for slot in slide.slots():
            picture = resolved.pictures.get(slot.slot)
            digest.update(hashlib.sha256(picture.data).digest() if picture else b"missing")
        if slide.id in resolved.charts:
            # the picture, not its cache name: that changes with a font installed or a new pipeline version too
            digest.update(hashlib.sha256(resolved.charts[slide.id].read_bytes()).digest())
        out[slide.id] = digest.hexdigest()[:16]
    return out


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
