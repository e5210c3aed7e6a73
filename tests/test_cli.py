"""The command line as a user runs it: build, --term, --strict, errors, and `new`."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from lecturedeck.cli import cli
from conftest import ROOT
from deckread import open_deck, slide_texts


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_build_writes_the_deck_and_reports_warnings(tmp_path):
    result = run("build", ROOT / "deck", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "great-leap-forward-fall-2026-en.pptx").is_file()
    assert "built " in result.stdout and "31 slides" in result.stdout
    assert "warning: image file missing, placeholder used (expected assets/posters/backyard-furnaces.jpg)" in result.stderr


def test_rebuild_reports_which_slides_changed(tmp_path):
    shutil.copytree(ROOT / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    assert run("build", tmp_path / "deck", "--out", tmp_path / "out").exit_code == 0
    outline = tmp_path / "deck/outline/01-context.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("Economic recovery", "Economic recovery and growth"),
                       encoding="utf-8")
    result = run("build", tmp_path / "deck", "--out", tmp_path / "out")
    assert "slides changed since the last build: early-prc" in result.stdout


def test_strict_turns_warnings_into_errors_and_writes_nothing(tmp_path):
    result = run("build", ROOT / "deck", "--out", tmp_path, "--strict")
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert "image file missing" in result.stderr and "warning:" not in result.stderr
    assert not list(tmp_path.glob("*.pptx"))


def test_unknown_locale_is_a_clear_error(tmp_path):
    result = run("build", ROOT / "deck", "--out", tmp_path, "--locale", "xx")
    assert result.exit_code == 1
    assert "--locale: unknown locale code (expected a code such as zh_Hant" in result.stderr
    assert "got 'xx')" in result.stderr
    assert "Traceback" not in result.output


def test_locale_without_catalog_says_how_to_start_one(tmp_path):
    result = run("build", ROOT / "deck", "--out", tmp_path, "--locale", "fr")
    assert result.exit_code == 1
    assert "no catalog for this locale" in result.stderr and "build.py i18n init fr" in result.stderr
    assert not list(tmp_path.glob("*.pptx"))


def test_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "out"
    target.write_text("a file")
    result = run("build", ROOT / "deck", "--out", target)
    assert result.exit_code == 1 and "output path is a file" in result.stderr


def test_new_scaffolds_a_deck_that_builds(tmp_path):
    result = run("new", tmp_path / "second-lecture")
    assert result.exit_code == 0, result.output
    built = run("build", tmp_path / "second-lecture", "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    deck = next((tmp_path / "out").glob("second-lecture-*-en.pptx"))
    texts = slide_texts(open_deck(deck))
    assert texts[0].startswith("Second lecture")
    assert len(texts) == 7 and texts[-1].startswith("Credits and sources")
    again = run("new", tmp_path / "second-lecture")
    assert again.exit_code == 1 and "not empty" in again.stderr


def test_a_broken_outline_is_reported_once_for_all_locales(tmp_path):
    shutil.copytree(ROOT / "tests" / "corpus" / "base", tmp_path / "deck")
    outline = tmp_path / "deck" / "outline" / "00-main.yaml"
    outline.write_text(outline.read_text(encoding="utf-8") + "  - id: stray\n", encoding="utf-8")
    result = run("build", tmp_path / "deck", "--all-locales", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("slides[4].kind: missing field") == 1
    assert "build of fr failed: the same 1 problem." in result.stderr
