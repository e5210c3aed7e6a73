"""Translation workflow through the CLI: extract, init, update (ID-only merge), status, localized builds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from lecturedeck.cli import cli
from deckread import open_deck, slide_texts
from lecturedeck.i18n import catalog as cat
from lecturedeck.commands.new import scaffold


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def deck(tmp_path) -> Path:
    """A fresh scaffolded deck (the one `build.py new` makes) with a translator note on one slide."""
    folder = scaffold(tmp_path / "lecture")
    outline = outline_of(folder)
    text = outline.read_text(encoding="utf-8")
    assert "  - id: chart-example\n" in text
    text = text.replace("  - id: chart-example\n", "  - id: chart-example\n    translator_note: Keep the chart title short.\n", 1)
    outline.write_text(text, encoding="utf-8")
    return folder


def messages(path: Path) -> dict:
    """msgctxt -> Babel message, for a PO file on disk (read through our reader, which keeps #| msgid)."""
    return {m.context: m for m in cat.load(path) if m.id}


def translate(path: Path, texts: dict[str, str], fuzzy_off: bool = True) -> None:
    """Fill translations the way a TA in Poedit would: set msgstr (and clear the fuzzy flag)."""
    catalog = cat.load(path)
    for message in catalog:
        if message.context in texts:
            message.string = texts[message.context]
            if fuzzy_off:
                message.flags.discard("fuzzy")
                message.previous_id = []
    path.write_bytes(cat.catalog_bytes(catalog))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def outline_of(deck: Path) -> Path:
    """The scaffold's main outline file (the one holding the bullet, image and chart examples)."""
    return deck / "outline" / "01-main.yaml"


# -- extract ----------------------------------------------------------------------------------------------------------


def test_extract_writes_a_deterministic_template_with_ids_locations_and_notes(deck):
    result = run("i18n", "extract", deck)
    assert result.exit_code == 0, result.output
    pot = deck / "locales" / "deck.pot"
    first = pot.read_bytes()
    assert run("i18n", "extract", deck).exit_code == 0
    assert pot.read_bytes() == first, "a second extract must not change the file"
    text = first.decode()
    assert "POT-Creation-Date: " in text and re.search(r"POT-Creation-Date: \d{4}-\d\d-\d\d 00:00", text)
    entries = messages(pot)
    assert entries["deck.title"].id
    # slide titles, bullets as whole paragraphs with markup, notes, chart texts, the pipeline's texts
    assert any(key.endswith(".bullets[0]") for key in entries)
    assert any(key.endswith(".notes") for key in entries)
    assert "chart.example.axis-label" in entries and entries["chart.example.axis-label"].id == "Value"
    assert "ui.agenda-item" in entries and "term.fall" in entries
    # where each string was written, and notes for translators
    title = entries["chart-example.title"]
    assert title.locations and title.locations[0][0].endswith(".yaml") and title.locations[0][1] > 0
    assert "Keep the chart title short." in title.auto_comments
    chart_label = entries["chart.example.axis-label"]
    assert chart_label.locations[0][0].endswith("charts/example.py")


def test_ids_do_not_change_when_slides_are_reordered(deck):
    run("i18n", "extract", deck)
    before = {key: m.id for key, m in messages(deck / "locales/deck.pot").items()}
    outline = outline_of(deck)
    text = outline.read_text(encoding="utf-8")
    head, _, slides = text.partition("slides:\n")
    blocks = re.split(r"(?m)^(?=  - id: )", slides)
    title_block, rest = blocks[1], blocks[2:]
    outline.write_text(head + "slides:\n" + title_block + "".join(reversed(rest)), encoding="utf-8")
    run("i18n", "extract", deck)
    after = {key: m.id for key, m in messages(deck / "locales/deck.pot").items()}
    assert after == before


# -- init, status, build ------------------------------------------------------------------------------------------


def test_new_locale_after_init_and_one_translation_builds_with_english_fallback(deck, tmp_path):
    result = run("i18n", "init", "fr", deck)
    assert result.exit_code == 0, result.output
    po = deck / "locales" / "fr.po"
    assert po.is_file()
    title_key = next(key for key in messages(po) if key.endswith(".title") and key != "deck.title")
    english_title = messages(po)[title_key].id
    translate(po, {title_key: "Une diapositive traduite"})

    status = json.loads(run("i18n", "status", deck, "--format", "json").stdout)
    fr = status["locales"]["fr"]
    assert fr["translated"] == 1 and fr["fuzzy"] == 0 and fr["untranslated"] == status["template"] - 1

    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "untranslated, English used" in result.stderr and "fr.po:" in result.stderr
    built = next((tmp_path / "out").glob("*-fr.pptx"))
    texts = "\n".join(slide_texts(open_deck(built)))
    assert "Une diapositive traduite" in texts and english_title not in texts
    runs = open_deck(built).slides[0]._element.xpath(".//a:rPr/@lang")
    assert runs and set(runs) == {"fr-FR"}, "a new locale gets its language tag from CLDR, no code change"


def test_strict_turns_fallbacks_into_errors_and_writes_nothing(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    result = run("build", deck, "--locale", "fr", "--strict", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "untranslated, English used" in result.stderr and "warning:" not in result.stderr
    assert not list((tmp_path / "out").glob("*.pptx")) if (tmp_path / "out").exists() else True


def test_init_refuses_unknown_codes_and_existing_catalogs(deck):
    result = run("i18n", "init", "xx_Nope", deck)
    assert result.exit_code == 1 and "unknown locale code" in result.stderr and "Traceback" not in result.output
    assert run("i18n", "init", "de", deck).exit_code == 0
    again = run("i18n", "init", "de", deck)
    assert again.exit_code == 1 and "catalog already exists" in again.stderr


def test_all_locales_builds_english_and_every_catalog(deck, tmp_path):
    run("i18n", "init", "de", deck)
    result = run("build", deck, "--all-locales", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    names = sorted(path.name.rsplit("-", 1)[1] for path in (tmp_path / "out").glob("*.pptx"))
    assert names == ["de.pptx", "en.pptx"]


# -- update: the ID-only merge ------------------------------------------------------------------------------------


def test_update_marks_changed_english_fuzzy_adds_new_ids_empty_and_keeps_removed_as_obsolete(deck):
    run("i18n", "init", "fr", deck)
    po = deck / "locales" / "fr.po"
    entries = messages(po)
    bullet = next(key for key in entries if key.endswith(".bullets[0]"))
    old_english = entries[bullet].id
    chart_title = "chart-example.title"
    translate(po, {bullet: "Puce traduite", chart_title: "Titre du graphique", "deck.title": "Titre"})

    outline = outline_of(deck)
    edit(outline, old_english, old_english + " (revised)")
    # a new slide whose English is close to an existing translated one: Babel's fuzzy matcher would guess it
    chart_english = entries[chart_title].id
    text = outline.read_text(encoding="utf-8")
    text += (f"\n  - id: brand-new\n    kind: bullets\n    title: \"{chart_english}!\"\n"
             "    bullets: [\"A new point\"]\n    notes: New notes.\n")
    # remove the chart slide entirely (and its data/script references with it)
    text = re.sub(r"(?ms)^  - id: chart-example\n.*?(?=^  - id: |\Z)", "", text)
    outline.write_text(text, encoding="utf-8")

    result = run("i18n", "update", deck)
    assert result.exit_code == 0, result.output
    after = messages(po)
    changed = after[bullet]
    assert changed.fuzzy and changed.string == "Puce traduite"
    assert changed.previous_id == [old_english]
    assert "#| msgid " in po.read_text(encoding="utf-8")
    new = after["brand-new.title"]
    assert new.string == "" and not new.fuzzy, "a new ID stays empty: matched by ID only"
    assert chart_title not in after
    obsolete = {m.context: m for m in cat.load(po).obsolete.values()}
    assert obsolete[chart_title].string == "Titre du graphique", "removed strings become #~ obsolete, not deleted"
    assert "#~ msgctxt \"chart-example.title\"" in po.read_text(encoding="utf-8")
    assert after["deck.title"].string == "Titre" and not after["deck.title"].fuzzy

    status = json.loads(run("i18n", "status", deck, "--format", "json", "--by-slide").stdout)["locales"]["fr"]
    assert status["fuzzy"] == 1 and status["obsolete"] >= 1
    assert status["slides"]["brand-new"]["untranslated"] == 3  # its title, bullet and notes are all new
    assert status["coverage"] == round(100 * status["translated"] / status["total"], 1)

    # a second update changes nothing; the fuzzy entry keeps the English it was translated from
    before = po.read_bytes()
    run("i18n", "update", deck)
    assert po.read_bytes() == before


def test_an_obsolete_translation_returns_when_its_id_does(deck):
    run("i18n", "init", "fr", deck)
    po = deck / "locales" / "fr.po"
    translate(po, {"chart-example.title": "Titre du graphique"})
    outline = outline_of(deck)
    original = outline.read_text(encoding="utf-8")
    outline.write_text(re.sub(r"(?ms)^  - id: chart-example\n.*?(?=^  - id: |\Z)", "", original), encoding="utf-8")
    run("i18n", "update", deck)
    assert "chart-example.title" not in messages(po)
    outline.write_text(original, encoding="utf-8")
    run("i18n", "update", deck)
    back = messages(po)["chart-example.title"]
    assert back.string == "Titre du graphique" and not back.fuzzy


# -- broken translations --------------------------------------------------------------------------------------------


def test_placeholder_mismatch_is_an_error_naming_the_po_file_and_line(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    po = deck / "locales" / "fr.po"
    translate(po, {"ui.footer": "{course} — {trimestre}"})
    line = messages(po)["ui.footer"].lineno
    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"fr.po:{line}: ui.footer: placeholders differ from the English (expected {{course}}, {{term}}, got {{course}}, {{trimestre}})" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pptx"))


def test_markup_mismatch_is_an_error(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    po = deck / "locales" / "fr.po"
    key = next(k for k, m in messages(po).items() if "**" in m.id and "{" not in m.id)
    translate(po, {key: "Sans gras du tout"})
    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{key}: inline markup differs from the English (expected **bold**, *italic*, got no markup)" in result.stderr


@pytest.mark.parametrize("content, message", [
    ('msgid "x"\nmsgstr "y"\nbogus line\n', "fr.po:3: PO syntax error (Unknown or misformatted keyword)"),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "\xff"\n', "fr.po:3: not UTF-8 text (expected UTF-8, got byte 0xC3)"),
])
def test_broken_po_files_are_clear_errors(deck, tmp_path, content, message):
    po = deck / "locales" / "fr.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if "\xff" not in content else content.encode("latin-1")
    po.write_bytes(data)
    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    expected = message.replace("0xC3", "0xFF")
    assert expected in result.stderr


def test_a_catalog_for_an_unknown_locale_code_is_reported(deck, tmp_path):
    (deck / "locales").mkdir(exist_ok=True)
    (deck / "locales" / "klingon.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    result = run("build", deck, "--all-locales", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "klingon.po: --locale: unknown locale code" in result.stderr
    assert (tmp_path / "out" / "lecture-fall-2026-en.pptx").exists() or list((tmp_path / "out").glob("*-en.pptx"))


def test_previous_english_survives_a_read_write_round_trip(tmp_path):
    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n#, fuzzy\n'
                  '#| msgid ""\n#| "first line\\n"\n#| "second"\nmsgctxt "a.notes"\nmsgid "new"\nmsgstr "vieux"\n',
                  encoding="utf-8")
    catalog = cat.load(po)
    message = next(m for m in catalog if m.id)
    assert message.previous_id == ["first line\nsecond"] and message.user_comments == []
    assert read_po(__import__("io").BytesIO(cat.catalog_bytes(catalog))) is not None
    assert '#| msgid ""' in cat.catalog_bytes(catalog).decode()


def test_catalogs_with_stale_multi_line_notes_pass_gettext_checks(deck, tmp_path):
    """msgfmt -c (GNU gettext, what Poedit and Weblate build on) accepts our catalogs, fuzzy multi-line ones too."""
    import subprocess

    from conftest import require_tool

    msgfmt = require_tool("msgfmt")
    opening = deck / "outline" / "00-opening.yaml"
    first_line = "Welcome the room and say in one sentence what this lecture will answer."
    edit(opening, first_line + "\n", first_line + "\n      Then ask the room one question.\n")
    run("i18n", "init", "fr", deck)
    po = deck / "locales" / "fr.po"
    notes_key = "title.notes"
    english = messages(po)[notes_key].id
    assert english.count("\n") == 1
    translate(po, {notes_key: "Première ligne.\nDeuxième ligne."})
    edit(opening, first_line, first_line + " Revised.")
    run("i18n", "update", deck)
    stale = messages(po)[notes_key]
    assert stale.fuzzy and stale.previous_id == [english]
    before = po.read_bytes()
    assert cat.catalog_bytes(cat.load(po)) == before, "reading and writing a catalog changes nothing"
    shipped = sorted((Path(__file__).resolve().parent.parent / "deck" / "locales").glob("*.po"))
    for path in [po, *shipped]:
        checked = subprocess.run([msgfmt, "-c", "-o", str(tmp_path / "out.mo"), str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
