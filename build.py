#!/usr/bin/env python3
"""The deck builder's command line: parses options and calls the lecturedeck library."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lecturedeck.pipeline import SOURCE_LOCALE, available_locales, build as build_deck
from lecturedeck.problems import DeckError, display_path
from lecturedeck.scaffold import scaffold


def _fail(error: DeckError, what: str) -> None:
    for problem in error.problems:
        click.echo(problem.format(), err=True)
    count = len(error.problems)
    click.echo(f"{what} failed: {count} problem{'s' if count != 1 else ''}; nothing was written.", err=True)
    sys.exit(1)


@click.group()
def cli() -> None:
    """Build lecture decks (native, editable .pptx) from a YAML outline and chart scripts."""


@cli.command()
@click.argument("deck_dir", default="deck", type=click.Path(path_type=Path))
@click.option("--locale", "locale", default=None, help=f"Locale to build (default {SOURCE_LOCALE}).")
@click.option("--all-locales", is_flag=True, help="Build every locale that has a catalog.")
@click.option("--term", default=None, help="Term shown on the title slide and footer (overrides deck.yaml).")
@click.option("--out", "out_dir", default="build", type=click.Path(path_type=Path), show_default=True,
              help="Folder the decks are written to.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build(deck_dir: Path, locale: str | None, all_locales: bool, term: str | None, out_dir: Path, strict: bool) -> None:
    """Build the deck in DECK_DIR (default: deck/)."""
    if locale and all_locales:
        raise click.UsageError("--locale and --all-locales cannot be used together")
    try:
        locales = available_locales(deck_dir) if all_locales else [locale or SOURCE_LOCALE]
        for name in locales:
            result = build_deck(deck_dir, out_dir, locale=name, term=term, strict=strict)
            for warning in result.warnings:
                click.echo(warning.format(), err=True)
            size = result.size / 1_048_576
            click.echo(f"built {display_path(result.path)} ({result.slides} slides, {size:.1f} MB) "
                       f"in {result.seconds:.1f} s, {len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}")
            if not result.first_build:
                changed = ", ".join(result.changed) if result.changed else "none"
                click.echo(f"  slides changed since the last build: {changed}")
    except DeckError as error:
        _fail(error, "build")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
def new(path: Path) -> None:
    """Create a new, buildable deck folder at PATH."""
    try:
        created = scaffold(path)
    except DeckError as error:
        _fail(error, "new")
    click.echo(f"created {display_path(created)}; build it with: python build.py build {display_path(created)}")


if __name__ == "__main__":
    cli()
