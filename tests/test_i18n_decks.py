"""The issue's "Shows", on both real decks (the lecture in zh_Hant, the reform-era example in French), through the CLI
and the built decks: an English edit without update warns with the slide and fails --strict; an unterminated msgstr
is an error with file:line; a bullet inserted at the top of a translated slide is, after update, the only English;
an edited paragraph of a translated note leaves the other paragraphs translated; a new locale ja needs no pipeline
text translated to get a Japanese footer and term."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from deckread import open_deck, slide_texts
from lecturedeck.cli import cli
from lecturedeck.i18n import catalog as cat
from lecturedeck.source.loader import load_deck


@dataclass(frozen=True)
class Case:
    """A real deck, the locale it is translated into, and a bullet slide and a note to edit."""

    name: str
    locale: str
    outline: str  # the outline file holding the slide
    slide: str  # a bullet slide with its bullets right after `bullets:`
    first_bullet: str  # its first bullet as written in the file
    notes_outline: str  # the outline file of a slide with three paragraphs of notes
    paragraph: tuple[str, str]  # a phrase of the notes' second paragraph, and its edit
    ja_term: str


CASES = [
    Case("lecture", "zh_Hant", "outline/01-context.yaml", "early-prc", '      - "**Economic recovery**"\n',
         "outline/00-opening.yaml", ("within fifteen years", "within fifteen or so years"), "2026年秋学期"),
    Case("reform-era", "fr", "outline/01-turning-point.yaml", "after-mao",
         '      - "**9 September 1976:** Mao Zedong dies; Hua Guofeng succeeds him as Party chairman"\n',
         "outline/01-turning-point.yaml", ("For Hua, who owed his position", "For Hua, whose position came from"),
         "2027年春学期"),
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def copy_deck(case: Case, tmp_path: Path) -> Path:
    """A copy of the deck to edit (the lecture's assets beside it, as in the repository)."""
    if case.name == "lecture":
        shutil.copytree(ROOT / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(ROOT / "assets", tmp_path / "assets")
        return tmp_path / "deck"
    shutil.copytree(ROOT / "examples" / case.name, tmp_path / case.name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / case.name


def build(deck: Path, out: Path, locale: str, *extra):
    """(slide texts, notes per slide, CLI result) of one locale's build."""
    result = run("build", deck, "--locale", locale, "--out", out, *extra)
    assert result.exit_code == 0, result.stderr[-2000:]
    prs = open_deck(next(out.glob(f"*-{locale}.pptx")))
    return slide_texts(prs), [s.notes_slide.notes_text_frame.text for s in prs.slides], result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def i18n_lines(stderr: str) -> list[str]:
    """The build's translation warnings (pictures and fit aside)."""
    return [line for line in stderr.splitlines() if "English used" in line or "i18n" in line]


def number_of(deck: Path, slide_id: str) -> int:
    return [s.id for s in load_deck(deck).slides].index(slide_id)


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def case(request) -> Case:
    return request.param


def test_the_translated_decks_build_without_any_fallback(case, tmp_path):
    deck = copy_deck(case, tmp_path)
    _texts, _notes, result = build(deck, tmp_path / "out", case.locale, "-v")
    assert i18n_lines(result.stderr) == []


def test_an_english_edit_without_update_warns_with_the_slide_and_fails_strict(case, tmp_path):
    deck = copy_deck(case, tmp_path)
    po_file = cat.po_path(deck, case.locale)
    key = f"{case.slide}.bullets[0]"
    entry_line = cat.load(po_file).by_id()[key].line
    outline = deck / case.outline
    revised = case.first_bullet.replace('"\n', ' (revised)"\n')
    edit(outline, case.first_bullet, revised)
    line = outline.read_text(encoding="utf-8").split("\n").index(revised.rstrip("\n")) + 1
    texts, _notes, result = build(deck, tmp_path / "out", case.locale)
    assert len(i18n_lines(result.stderr)) == 1
    assert i18n_lines(result.stderr)[0].startswith(f"{outline}:{line}: {key}: warning: the English changed")
    warning = i18n_lines(result.stderr)[0]
    assert f"{po_file.name}:{entry_line}" in warning
    assert "(revised)" in texts[number_of(deck, case.slide)], "the new English is shown, not the old translation"
    strict = run("build", deck, "--locale", case.locale, "--strict", "--out", tmp_path / "strict")
    assert strict.exit_code == 1 and f"{key}: the English changed since it was translated" in strict.stderr
    assert not (tmp_path / "strict").exists() or not list((tmp_path / "strict").glob("*.pptx"))


def test_an_unterminated_msgstr_is_an_error_with_file_and_line(case, tmp_path):
    deck = copy_deck(case, tmp_path)
    po_file = cat.po_path(deck, case.locale)
    entry = cat.load(po_file).by_id()[f"{case.slide}.title"]
    lines = po_file.read_text(encoding="utf-8").split("\n")
    assert lines[entry.msgstr_line - 1].endswith('"')
    lines[entry.msgstr_line - 1] = lines[entry.msgstr_line - 1][:-1]
    po_file.write_text("\n".join(lines), encoding="utf-8")
    result = run("build", deck, "--locale", case.locale, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"{po_file}:{entry.msgstr_line}: {case.slide}.title: unterminated string "
                                             '(expected a closing ", got the end of the line)')
    status = run("i18n", "status", deck)
    assert status.exit_code == 1 and "unterminated string" in status.stderr


def test_a_bullet_inserted_at_the_top_is_after_update_the_only_english(case, tmp_path):
    deck = copy_deck(case, tmp_path)
    number = number_of(deck, case.slide)
    before, _notes, _result = build(deck, tmp_path / "before", case.locale)
    edit(deck / case.outline, case.first_bullet, "      - A new first point\n" + case.first_bullet)
    assert run("i18n", "update", deck).exit_code == 0
    after, _notes, result = build(deck, tmp_path / "after", case.locale)
    lines = after[number].split("\n")
    assert "A new first point" in lines
    lines.remove("A new first point")
    assert lines == before[number].split("\n"), "every other bullet keeps its translation"
    assert [line.split(": ")[1] for line in i18n_lines(result.stderr)] == [f"{case.slide}.bullets[0]"]
    entries = cat.load(cat.po_path(deck, case.locale)).by_id()
    assert not any(e.fuzzy for e in entries.values())


def test_editing_one_paragraph_of_a_translated_note_leaves_the_others_translated(case, tmp_path):
    deck = copy_deck(case, tmp_path)
    old, new = case.paragraph
    slide = next(s for s in load_deck(deck).slides if old in s.notes)
    number = number_of(deck, slide.id)
    paragraphs = [p for p in slide.notes.splitlines() if p.strip()]
    index = next(i for i, p in enumerate(paragraphs) if old in p)
    _texts, before, _result = build(deck, tmp_path / "before", case.locale)
    edit(deck / case.notes_outline, old, new)
    assert run("i18n", "update", deck).exit_code == 0
    _texts, after, result = build(deck, tmp_path / "after", case.locale)
    want = before[number].split("\n")
    want[index] = paragraphs[index].replace(old, new)
    assert after[number].split("\n") == want
    assert [line.split(": ")[1] for line in i18n_lines(result.stderr)] == [f"{slide.id}.notes[{index}]"]
    entry = cat.load(cat.po_path(deck, case.locale)).by_id()[f"{slide.id}.notes[{index}]"]
    assert entry.fuzzy and entry.previous == paragraphs[index].strip()


def test_a_new_locale_ja_needs_no_pipeline_text_translated_for_a_japanese_footer_and_term(case, tmp_path):
    deck = copy_deck(case, tmp_path)
    result = run("i18n", "init", "ja", deck)
    assert result.exit_code == 0, result.stderr
    assert not any(key.startswith(("ui.", "term.")) for key in cat.load(cat.po_path(deck, "ja")).by_id())
    texts, _notes, result = build(deck, tmp_path / "out", "ja", "-v")
    course = load_deck(deck).meta.course
    footer = f"{course}・{case.ja_term}"
    assert case.ja_term in texts[0] and footer in texts[number_of(deck, case.slide)]
    assert not [line for line in i18n_lines(result.stderr) if re.search(r": (ui|term)\.", line)]
