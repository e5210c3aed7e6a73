"""The command line (click): parses options and calls the commands; `build.py` and `lecturedeck` run it."""

from __future__ import annotations

import json
import os
import shlex
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from . import steps
from .commands.build import SOURCE_LOCALE, Crash, available_locales, build_locales
from .problems import DeckError, command, display_path
from .commands.new import scaffold

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


WARNINGS_SHOWN = 25
CRASH_STATUS = 2  # the tool failed, as opposed to 1: the input is wrong
CRASH_FOLDER = "lecturedeck.crash_folder"  # ctx.meta: where a command that writes files keeps its crash logs


def _fail(error: DeckError, what: str) -> None:
    for problem in error.problems:
        click.echo(problem.format(), err=True)
    written = error.written
    done = f"only {', '.join(display_path(p) for p in written)} was written" if written else "nothing was written"
    click.echo(f"{what} failed: {_count(error.problems, 'problem')}; {done}.", err=True)
    sys.exit(1)


def _crash_line(crash: Crash, folder: Path | None, command: str) -> str:
    """Write the crash log and return the one line that tells the user about it."""
    try:
        log = f"Crash log for a bug report: {display_path(steps.write_crash_log(folder, command, crash.doing, crash.text))}"
    except OSError:
        log = "No crash log could be written anywhere."
    return (f"internal error while {crash.doing}: {crash.error}. This is a bug in lecturedeck, not a mistake in the "
            f"deck; no file was left half-written. {log}")


class _Commands(click.Group):
    """The command group: a DeckError (the input is wrong) exits 1 with its problems; any other exception is a bug,
    reported in one line with a crash log, exit status 2, never a traceback."""

    def main(self, args=None, *rest, **options):
        """Remember the arguments for a crash log, then run."""
        self.arguments = list(sys.argv[1:] if args is None else args)
        return super().main(args, *rest, **options)

    def invoke(self, ctx):
        """Run the command, turning every failure into a message and an exit status."""
        try:
            return super().invoke(ctx)
        except DeckError as error:
            _fail(error, ctx.invoked_subcommand or "command")
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            crash = Crash.of("", exc)
            crash.doing = steps.where(exc, f"running {ctx.invoked_subcommand or 'the command'}")
            click.echo(_crash_line(crash, ctx.meta.get(CRASH_FOLDER), self.command_line()), err=True)
            sys.exit(CRASH_STATUS)

    def command_line(self) -> str:
        """The command as typed, for the crash log."""
        return "build.py " + " ".join(shlex.quote(str(a)) for a in getattr(self, "arguments", []))


def _command_line() -> str:
    """The command as typed, for the crash log (the subcommand's name when it was run on its own)."""
    root = click.get_current_context().find_root().command
    return root.command_line() if isinstance(root, _Commands) else f"build.py {root.name}"


@click.group(cls=_Commands)
def cli() -> None:
    """Build lecture decks (native, editable .pptx) from a YAML outline and chart scripts."""


@cli.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--locale", "locale", default=None, help=f"Locale to build (default {SOURCE_LOCALE}).")
@click.option("--all-locales", is_flag=True, help="Build every locale that has a catalog.")
@click.option("--term", default=None, help="Term shown on the title slide and footer (overrides deck.yaml).")
@click.option("--out", "out_dir", default="build", type=click.Path(path_type=Path), show_default=True,
              help="Folder the decks are written to.")
@click.option("--strict", is_flag=True, help="Treat warnings (missing pictures, untranslated text...) as errors.")
@click.option("--verbose", "-v", is_flag=True, help=f"Print every warning (default: the first {WARNINGS_SHOWN} per deck).")
def build(deck_dir: Path, locale: str | None, all_locales: bool, term: str | None, out_dir: Path, strict: bool,
          verbose: bool) -> None:
    """Build the deck in DECK_DIR (default: deck/)."""
    if locale and all_locales:
        raise click.UsageError("--locale and --all-locales cannot be used together")
    click.get_current_context().meta[CRASH_FOLDER] = out_dir
    locales = available_locales(deck_dir) if all_locales else [SOURCE_LOCALE if locale is None else locale]
    outcomes = {}
    charts: Progress | None = None

    def chart_drawn(done: int, total: int) -> None:
        nonlocal charts
        if charts is None:
            charts = Progress("drawing charts", total).__enter__()
        charts.step("")
        if done == total:
            charts.__exit__(None, None, None)

    with Progress("building", len(locales)) as progress:
        for name, outcome in build_locales(deck_dir, out_dir, locales, term=term, strict=strict, on_chart=chart_drawn):
            outcomes[name] = outcome
            progress.step(name)
    failed = 0
    printed: list[list] = []
    crashes = []
    for name in locales:  # reported in a fixed order, whichever finished first
        outcome = outcomes[name]
        if isinstance(outcome, Crash):
            crashes.append(outcome)
            continue
        if isinstance(outcome, list):
            if outcome in printed:  # a broken outline fails every locale the same way: say it once
                click.echo(f"build of {name} failed: the same {_count(outcome, 'problem')}.", err=True)
                failed += 1
                continue
            printed.append(outcome)
            for problem in outcome:
                click.echo(problem.format(), err=True)
            what = f"build of {name}" if len(locales) > 1 else "build"
            click.echo(f"{what} failed: {_count(outcome, 'problem')}; nothing was written"
                       f"{' for it' if len(locales) > 1 else ''}.", err=True)
            failed += 1
            continue
        _report_build(outcome, verbose, deck_dir)
    for crash in crashes:
        click.echo(_crash_line(crash, out_dir, _command_line()), err=True)
    if crashes:
        sys.exit(CRASH_STATUS)
    if failed:
        sys.exit(1)


def _report_build(result, verbose: bool, deck_dir: Path) -> None:
    shown = result.warnings if verbose else result.warnings[:WARNINGS_SHOWN]
    for warning in shown:
        click.echo(warning.format(), err=True)
    if len(shown) < len(result.warnings):
        click.echo(f"... and {_count(result.warnings[len(shown):], 'more warning')} (see them all with --verbose; "
                   f"translation progress: python {command(deck_dir, 'i18n', 'status', options=('--by-slide',))})",
                   err=True)
    size = result.size / 1_048_576
    click.echo(f"built {display_path(result.path)} ({_number(result.slides, 'slide')}, {size:.1f} MB) "
               f"in {result.seconds:.1f} s, {_count(result.warnings, 'warning')}")
    if not result.first_build:
        changed = ", ".join(result.changed) if result.changed else "none"
        click.echo(f"  slides changed since the last build: {changed}")


class Progress:
    """A progress bar on a terminal; plain lines under CI or in a log; nothing for a single step."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.done = label, total, 0
        self.bar: ProgressBar[int] | None = None
        self.plain = not sys.stdout.isatty() or os.environ.get("CI") == "true"

    def __enter__(self) -> "Progress":
        if self.total > 1 and not self.plain:
            self.bar = click.progressbar(length=self.total, label=self.label, show_pos=True).__enter__()
        return self

    def step(self, name: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.total > 1:
            click.echo(f"[{self.done}/{self.total}] {self.label}" + (f": {name}" if name else ""))

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _count(items, word: str) -> str:
    return _number(len(items), word)


def _number(count: int, word: str) -> str:
    """`1 warning`, `2 warnings`: a count with its noun in the right number."""
    return f"{count} {word}{'s' if count != 1 else ''}"


@cli.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings (empty picture slots, untranslated text...) as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable; default: every locale).")
@click.option("--no-clients", is_flag=True, help="Skip LibreOffice and the Open XML validator (faster).")
def check(deck_dir: Path, strict: bool, fmt: str, locales: tuple[str, ...], no_clients: bool) -> None:
    """Build every locale to a temporary place and check fit, accessibility, assets and validity."""
    from .commands.check import check_deck

    report = _library("check", lambda: check_deck(deck_dir, strict=strict, clients=not no_clients,
                                                    locales=list(locales) or None))
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        for locale in report.locales:
            errors = [f for f in locale.findings if f.level == "error"]
            click.echo(f"{locale.locale}: {locale.file or 'not built'} — {_count(errors, 'error')}, "
                       f"{_count([f for f in locale.findings if f.level != 'error'], 'warning')}")
            current = object()
            for finding in locale.findings:
                if finding.slide != current:
                    current = finding.slide
                    click.echo(f"  slide {finding.slide} ({finding.slide_id})" if finding.slide else "  deck")
                click.echo(f"    {finding.format()}")
        click.echo(f"check: {_count(report.locales, 'locale')}, {_number(report.count('error'), 'error')}, "
                   f"{_number(report.count('warning'), 'warning')}")
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--pdf", "want_pdf", is_flag=True, help="Write the PDF.")
@click.option("--png", "want_png", is_flag=True, help="Write one PNG per slide and a contact sheet.")
@click.option("--handout", "want_handout", is_flag=True,
              help="Write <deck>-handout.pdf: one page per slide with its speaker notes under it.")
@click.option("--out", "out_dir", default="build/export", type=click.Path(path_type=Path), show_default=True)
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable; default: every locale).")
@click.option("--term", default=None, help="Term shown on the title slide and footer (overrides deck.yaml).")
def export(deck_dir: Path, want_pdf: bool, want_png: bool, want_handout: bool, out_dir: Path,
           locales: tuple[str, ...], term: str | None) -> None:
    """Write each locale's deck as PDF and slide PNGs with a contact sheet (both unless one is asked for), and a
    handout with the speaker notes when asked."""
    from .commands.export import export as export_decks

    click.get_current_context().meta[CRASH_FOLDER] = out_dir
    both = not want_pdf and not want_png and not want_handout
    done = _library("export", lambda: export_decks(deck_dir, out_dir, pdf=want_pdf or both, png=want_png or both,
                                                     handout=want_handout, locales=list(locales) or None, term=term))
    for item in done:
        for warning in item.warnings:
            click.echo(warning.format(), err=True)
        click.echo(f"{item.locale}: {display_path(item.deck)}")
        if item.pdf:
            click.echo(f"  {display_path(item.pdf)}")
        if item.pngs:
            click.echo(f"  {_count(item.pngs, 'slide image')} in {display_path(item.pngs[0].parent)}/")
            click.echo(f"  contact sheet {display_path(item.sheet)}")
        if item.handout:
            click.echo(f"  handout {display_path(item.handout)}")


@cli.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--locale", "locales", multiple=True, help=f"Locale to rebuild (repeatable; default {SOURCE_LOCALE}).")
@click.option("--term", default=None, help="Term shown on the title slide and footer (overrides deck.yaml).")
@click.option("--out", "out_dir", default="build", type=click.Path(path_type=Path), show_default=True)
def watch(deck_dir: Path, locales: tuple[str, ...], term: str | None, out_dir: Path) -> None:
    """Rebuild DECK_DIR whenever a file in it or its assets is saved; Ctrl-C stops."""
    from .commands.watch import watch as watch_deck

    click.get_current_context().meta[CRASH_FOLDER] = out_dir
    command_line = _command_line()

    def report(event) -> None:
        if event.kind == "watching":
            click.echo(f"watching {', '.join(display_path(p) + '/' for p in event.paths)} (Ctrl-C to stop)")
        elif event.kind == "changed":
            click.echo(f"changed: {', '.join(display_path(p) for p in event.paths)}")
        elif event.kind == "failed":
            for problem in event.problems:
                click.echo(problem.format(), err=True)
            click.echo(f"build of {event.locale} failed: {_count(event.problems, 'problem')}; the last good deck is "
                       "unchanged; watching for the next save", err=True)
        elif event.kind == "crashed":
            click.echo(_crash_line(event.result, out_dir, command_line) + " Watching for the next save.", err=True)
        else:
            result = event.result
            changed = ", ".join(result.changed) if result.changed else ("first build" if result.first_build else "none")
            click.echo(f"rebuilt {display_path(result.path)} in {event.seconds:.2f} s; slides changed: {changed}; "
                       f"{_count(result.warnings, 'warning')}")

    try:
        watch_deck(deck_dir, out_dir, list(locales) or [SOURCE_LOCALE], report, term=term)
    except KeyboardInterrupt:
        pass
    click.echo("stopped watching")


@cli.group(name="i18n")
def i18n_group() -> None:
    """Translation catalogs (gettext PO) in DECK_DIR/locales/: extract, update, init, status."""


def _library(what: str, call):
    """Run a library call; a DeckError is printed as file:line problems and exits 1."""
    try:
        return call()
    except DeckError as error:
        _fail(error, what)


def _i18n():
    """The translation commands' library, imported when one of them runs (it loads Babel's catalogs)."""
    from .commands import i18n

    return i18n


def _report(report, deck_dir: Path) -> None:
    for path in report.written:
        click.echo(f"wrote {display_path(path)}")
    for path in report.unchanged:
        click.echo(f"unchanged {display_path(path)}")
    for name, counts in report.counts.items():
        if name != "template":
            click.echo(f"  {name}: {counts.translated} translated, {counts.fuzzy} fuzzy, "
                       f"{counts.untranslated} untranslated, {counts.obsolete} obsolete")
            if counts.fuzzy:
                click.echo(f"  review the fuzzy ones (the English changed): python "
                           f"{command(deck_dir, 'i18n', 'status', options=('--locale', name, '--by-slide'))}")


@i18n_group.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
def extract(deck_dir: Path) -> None:
    """Write DECK_DIR/locales/deck.pot: every translatable string, keyed by its stable ID."""
    report = _library("extract", lambda: _i18n().extract(deck_dir))
    _report(report, deck_dir)
    click.echo(f"  {_number(report.counts['template'].total, 'string')}")


@i18n_group.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable; default: every catalog).")
def update(deck_dir: Path, locales: tuple[str, ...]) -> None:
    """Extract the template and bring each locale's catalog up to date: translations follow their English through
    insertions, deletions and reordering; new strings arrive empty, changed ones fuzzy."""
    report = _library("update", lambda: _i18n().update(deck_dir, list(locales) or None))
    _report(report, deck_dir)


@i18n_group.command()
@click.argument("locale")
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
def init(locale: str, deck_dir: Path) -> None:
    """Start a catalog for LOCALE (e.g. zh_Hant, fr, pt_BR): DECK_DIR/locales/LOCALE.po."""
    report = _library("init", lambda: _i18n().init(deck_dir, locale))
    _report(report, deck_dir)
    click.echo(f"translate it in Poedit, Weblate or a text editor, then: python "
               f"{command(deck_dir, 'build', options=('--locale', locale))}")


@i18n_group.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable; default: every catalog).")
@click.option("--by-slide", is_flag=True, help="Also list, per slide, the strings that need work and their catalog line.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status(deck_dir: Path, locales: tuple[str, ...], by_slide: bool, fmt: str) -> None:
    """How much of each locale is translated, fuzzy, stale (English edited since), untranslated or obsolete."""
    result = _library("status", lambda: _i18n().status(deck_dir, list(locales) or None, by_slide))
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"{_number(result['template'], 'string')} in the outline")
    click.echo(f"{'':12} {'translated':>10} {'fuzzy':>6} {'stale':>6} {'untranslated':>12} {'obsolete':>8} {'coverage':>9}")
    for locale, c in result["locales"].items():
        click.echo(f"{locale:12} {c['translated']:>10} {c['fuzzy']:>6} {c['stale']:>6} {c['untranslated']:>12} "
                   f"{c['obsolete']:>8} {c['coverage']:>8.1f}%")
    for locale, c in result["locales"].items():
        if by_slide and not c["slides"]:
            click.echo(f"{locale}: nothing needs work")
        for slide in c.get("slides", []):
            head = f"slide {slide['number']} ({slide['id']})" if slide["number"] else slide["id"]
            click.echo(f"{locale}: {head}")
            for item in slide["strings"]:
                where = f"{display_path(item['file'])}:{item['line']}" if item["line"] else "not in the catalog yet"
                click.echo(f"  {item['state']:<12} {item['id']:<40} {where}")
        for finding in c["glossary"]:
            click.echo(f"{display_path(finding['file'])}:{finding['line']}: [i18n.glossary] {finding['id']}: "
                       f"{finding['message']}")
    if not result["locales"]:
        click.echo(f"no catalogs yet: start one with python {command(deck_dir, 'i18n', 'init', 'LOCALE')}")
    elif any(c["stale"] or c["fuzzy"] for c in result["locales"].values()) and not by_slide:
        click.echo(f"where: python {command(deck_dir, 'i18n', 'status', options=('--by-slide',))}")


@cli.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="build/review", type=click.Path(path_type=Path), show_default=True,
              help="Folder the site is written to.")
@click.option("--locale", "locales", multiple=True, help="Only this locale (repeatable; default: every locale).")
@click.option("--since", type=click.Path(path_type=Path), default=None,
              help="Last term's deck (or a folder of them, one per locale): mark what changed since.")
@click.option("--term", default=None, help="Term shown on the title slide and footer (overrides deck.yaml).")
def review(deck_dir: Path, out_dir: Path, locales: tuple[str, ...], since: Path | None, term: str | None) -> None:
    """Write a review site: each locale's slides as pictures, the English beside every translation with its state."""
    from .commands.review import review as write_review

    click.get_current_context().meta[CRASH_FOLDER] = out_dir
    index = _library("review", lambda: write_review(deck_dir, out_dir, locales=list(locales) or None, since=since,
                                                    term=term))
    click.echo(f"wrote {display_path(index)}: open it in a browser (no server needed)")


@cli.command(name="diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def diff_command(old: Path, new: Path, fmt: str) -> None:
    """What changed from OLD.pptx to NEW.pptx, slide by slide (matched by slide id): added, removed, moved, edited."""
    from .commands.diff import diff

    changes = _library("diff", lambda: diff(old, new))
    if fmt == "json":
        click.echo(json.dumps({"old": str(old), "new": str(new), "slides": [c.as_dict() for c in changes]},
                              indent=2, ensure_ascii=False))
        return
    from .output.diff import report_lines

    colours: dict[str, Callable[[str], str]] = {
        "head": partial(click.style, bold=True), "-": partial(click.style, fg="red"),
        "+": partial(click.style, fg="green"), "": click.style}
    for line in report_lines(changes):
        click.echo("".join(colours[style](text) for text, style in line))


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
def new(path: Path) -> None:
    """Create a new, buildable deck folder at PATH."""
    try:
        created = scaffold(path)
    except DeckError as error:
        _fail(error, "new")
    click.echo(f"created {display_path(created)}; build it with: python build.py build {display_path(created)}")


def main() -> None:
    """Run the command line."""
    cli()
