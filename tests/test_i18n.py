"""Translation workflow through the CLI on the scaffold deck: extract, init, update (the translation memory),
status, localized builds, stale translations, the pipeline's texts from the package, hints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from lecturedeck.cli import cli
from deckread import open_deck, slide_texts
from lecturedeck.i18n import catalog as cat
from lecturedeck.i18n import po
from lecturedeck.commands.new import scaffold
from lecturedeck.source.loader import load_deck


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
    meta = folder / "deck.yaml"
    meta.write_text(re.sub(r'(?m)^term: .*$', 'term: "Fall 2026"', meta.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def messages(path: Path) -> dict[str, po.PoEntry]:
    """msgctxt -> entry, for a PO file on disk (read through the strict reader)."""
    return cat.load(path).by_id()


def translate(path: Path, texts: dict[str, str]) -> None:
    """Fill translations the way a TA in Poedit would: set msgstr and clear the fuzzy flag."""
    catalog = cat.load(path)
    for entry in catalog.entries:
        if entry.context in texts:
            entry.msgstr = texts[entry.context]
            entry.flags.discard("fuzzy")
            entry.previous = entry.previous_context = None
    path.write_bytes(po.dumps(catalog))


def translate_all(path: Path, prefix: str = "FR ") -> dict[str, str]:
    """Translate every entry as prefix + English; the translations by ID."""
    texts = {key: prefix + entry.msgid for key, entry in messages(path).items()}
    translate(path, texts)
    return texts


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def outline_of(deck: Path) -> Path:
    """The scaffold's main outline file (the one holding the bullet, image and chart examples)."""
    return deck / "outline" / "01-main.yaml"


def built_texts(deck: Path, out: Path, locale: str, *extra) -> tuple[list[str], list[str], object]:
    """Build one locale; (slide texts, notes texts, the CLI result)."""
    result = run("build", deck, "--locale", locale, "--out", out, *extra)
    assert result.exit_code == 0, result.output
    prs = open_deck(next(out.glob(f"*-{locale}.pptx")))
    return slide_texts(prs), [s.notes_slide.notes_text_frame.text for s in prs.slides], result


# -- extract ----------------------------------------------------------------------------------------------------------


def test_extract_writes_a_deterministic_template_with_ids_locations_and_notes(deck):
    result = run("i18n", "extract", deck)
    assert result.exit_code == 0, result.output
    pot = deck / "locales" / "deck.pot"
    first = pot.read_bytes()
    assert run("i18n", "extract", deck).exit_code == 0
    assert pot.read_bytes() == first, "a second extract must not change the file"
    text = first.decode()
    assert re.search(r"POT-Creation-Date: \d{4}-\d\d-\d\d 00:00", text)
    entries = messages(pot)
    assert entries["deck.title"].msgid == load_deck(deck).meta.title
    assert any(key.endswith(".bullets[0]") for key in entries)
    assert "chart.example.axis-label" in entries and entries["chart.example.axis-label"].msgid == "Value"
    assert not any(key.startswith(("ui.", "term.")) for key in entries), "the package translates the pipeline's texts"
    title = entries["chart-example.title"]
    assert title.locations[0].endswith(".yaml:" + title.locations[0].rsplit(":", 1)[1])
    assert "Keep the chart title short." in title.notes
    assert entries["chart.example.axis-label"].locations[0].startswith("lecture/charts/example.py:")


def test_each_paragraph_of_the_notes_is_an_entry_pointing_at_its_own_line(deck):
    opening = deck / "outline" / "00-opening.yaml"
    edit(opening, "      Welcome the room and say in one sentence what this lecture will answer.\n",
         "      Welcome the room and say in one sentence what this lecture will answer.\n\n"
         "      Then ask the room one question.\n")
    run("i18n", "extract", deck)
    entries = messages(deck / "locales" / "deck.pot")
    assert entries["title.notes[0]"].msgid.startswith("Welcome the room")
    assert entries["title.notes[1]"].msgid == "Then ask the room one question."
    lines = opening.read_text(encoding="utf-8").splitlines()
    for key in ("title.notes[0]", "title.notes[1]"):
        number = int(entries[key].locations[0].rsplit(":", 1)[1])
        assert lines[number - 1].strip() == entries[key].msgid, key


def test_ids_do_not_change_when_slides_are_reordered(deck):
    run("i18n", "extract", deck)
    before = {key: e.msgid for key, e in messages(deck / "locales/deck.pot").items()}
    outline = outline_of(deck)
    text = outline.read_text(encoding="utf-8")
    head, _, slides = text.partition("slides:\n")
    blocks = re.split(r"(?m)^(?=  - id: )", slides)
    outline.write_text(head + "slides:\n" + blocks[1] + "".join(reversed(blocks[2:])), encoding="utf-8")
    run("i18n", "extract", deck)
    assert {key: e.msgid for key, e in messages(deck / "locales/deck.pot").items()} == before


# -- init, the pipeline's texts, build --------------------------------------------------------------------------------


def test_a_new_locale_with_a_package_catalog_gets_its_pipeline_texts_without_translating_them(deck, tmp_path):
    result = run("i18n", "init", "fr", deck)
    assert result.exit_code == 0, result.output
    po_file = deck / "locales" / "fr.po"
    assert not any(key.startswith(("ui.", "term.")) for key in messages(po_file))
    title_key = next(key for key in messages(po_file) if key.endswith(".title") and key != "deck.title")
    english_title = messages(po_file)[title_key].msgid
    translate(po_file, {title_key: "Une diapositive traduite"})

    status = json.loads(run("i18n", "status", deck, "--format", "json").stdout)
    fr = status["locales"]["fr"]
    assert fr["translated"] == 1 and fr["fuzzy"] == fr["stale"] == 0 and fr["untranslated"] == status["template"] - 1

    texts, _notes, result = built_texts(deck, tmp_path / "out", "fr")
    assert "untranslated, English used" in result.stderr and "fr.po:" in result.stderr
    assert "ui." not in result.stderr and "term." not in result.stderr, "the package translates them"
    joined = "\n".join(texts)
    assert "Une diapositive traduite" in joined and english_title not in joined
    assert "Automne 2026" in texts[0], "the term from the package's fr catalog"
    runs = open_deck(next((tmp_path / "out").glob("*-fr.pptx"))).slides[0]._element.xpath(".//a:rPr/@lang")
    assert runs and set(runs) == {"fr-FR"}, "a new locale gets its language tag from CLDR, no code change"


def test_a_locale_the_package_lacks_gets_the_pipeline_texts_to_translate_and_a_warning_naming_it(deck, tmp_path):
    assert run("i18n", "init", "it", deck).exit_code == 0
    po_file = deck / "locales" / "it.po"
    entries = messages(po_file)
    assert {"ui.footer", "term.fall", "term.autumn", "ui.part-counter"} <= set(entries)
    assert "Added by the pipeline." in " ".join(entries["ui.footer"].notes)
    result = run("build", deck, "--locale", "it", "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert re.search(r"it\.po:\d+: ui\.footer: warning: untranslated, English used", result.stderr)

    translate(po_file, {"ui.footer": "{course} — {term}", "term.fall": "Autunno", "term.format": "{season} {year}"})
    texts, _notes, _result = built_texts(deck, tmp_path / "out", "it")
    assert "Autunno 2026" in texts[0] and " — Autunno 2026" in texts[3]

    (deck / "locales" / "it.po").unlink()
    run("i18n", "init", "it", deck)
    catalog = cat.load(po_file)
    catalog.entries = [e for e in catalog.entries if not e.context.startswith(("ui.", "term."))]
    po_file.write_bytes(po.dumps(catalog))
    result = run("build", deck, "--locale", "it", "--out", tmp_path / "out2")
    assert ("ui.footer: warning: not in it.po yet and the package has no it translation of the pipeline's texts, "
            "English used") in result.stderr


def test_a_deck_catalog_entry_overrides_the_packages_and_update_keeps_it(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    catalog = cat.load(po_file)
    catalog.entries.append(cat.new_entry(cat.Entry("ui.footer", "{course} · {term}")))
    catalog.entries[-1].msgstr = "{course} / {term}"
    po_file.write_bytes(po.dumps(catalog))
    texts, _notes, _result = built_texts(deck, tmp_path / "out", "fr")
    assert " / Automne 2026" in texts[3]
    run("i18n", "update", deck)
    assert messages(po_file)["ui.footer"].msgstr == "{course} / {term}", "an override is no obsolete entry"


@pytest.mark.parametrize("locale, expected", [("zh_Hant_HK", "2026年秋季"), ("fr_CA", "Automne 2026")])
def test_a_regional_locale_uses_its_languages_package_catalog(deck, tmp_path, locale, expected):
    run("i18n", "init", locale, deck)
    assert not any(key.startswith("ui.") for key in messages(deck / "locales" / f"{locale}.po"))
    texts, _notes, _result = built_texts(deck, tmp_path / "out", locale)
    assert expected in texts[0]


@pytest.mark.parametrize("locale, expected", [("en", "Autumn 2027"), ("fr", "Automne 2027"), ("zh_Hant", "2027年秋季")])
def test_an_autumn_term_is_shown_as_written_and_translated_never_renamed(deck, tmp_path, locale, expected):
    edit(deck / "deck.yaml", 'term: "Fall 2026"', 'term: "Autumn 2027"')
    if locale != "en":
        run("i18n", "init", locale, deck)
    texts, _notes, _result = built_texts(deck, tmp_path / "out", locale)
    assert expected in texts[0] and "Fall" not in texts[0]


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


# -- update: the translation memory -------------------------------------------------------------------------------


def test_update_marks_changed_english_fuzzy_adds_new_ids_empty_and_keeps_removed_as_obsolete(deck):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    entries = messages(po_file)
    bullet = "bullets-example.bullets[0]"
    old_english = entries[bullet].msgid
    chart_title = "chart-example.title"
    translate(po_file, {bullet: "Puce traduite", chart_title: "Titre du graphique", "deck.title": "Titre"})

    outline = outline_of(deck)
    edit(outline, old_english, old_english + " (revised)")
    # a new slide whose English is close to a translated one on another slide: only the same slide's are guessed
    chart_english = entries[chart_title].msgid
    text = outline.read_text(encoding="utf-8")
    text += (f"\n  - id: brand-new\n    kind: bullets\n    title: \"{chart_english}!\"\n"
             "    bullets: [\"A new point\"]\n    notes: New notes.\n")
    text = re.sub(r"(?ms)^  - id: chart-example\n.*?(?=^  - id: |\Z)", "", text)
    outline.write_text(text, encoding="utf-8")

    result = run("i18n", "update", deck)
    assert result.exit_code == 0, result.output
    after = messages(po_file)
    changed = after[bullet]
    assert changed.fuzzy and changed.msgstr == "Puce traduite" and changed.previous == old_english
    assert "#| msgid " in po_file.read_text(encoding="utf-8")
    new = after["brand-new.title"]
    assert new.msgstr == "" and not new.fuzzy
    assert chart_title not in after
    obsolete = {e.context: e for e in cat.load(po_file).obsolete}
    assert obsolete[chart_title].msgstr == "Titre du graphique", "removed strings become #~ obsolete, not deleted"
    assert "#~ msgctxt \"chart-example.title\"" in po_file.read_text(encoding="utf-8")
    assert after["deck.title"].msgstr == "Titre" and not after["deck.title"].fuzzy

    status = json.loads(run("i18n", "status", deck, "--format", "json", "--by-slide").stdout)["locales"]["fr"]
    assert status["fuzzy"] == 1 and status["stale"] == 0 and status["obsolete"] >= 1
    brand_new = next(s for s in status["slides"] if s["id"] == "brand-new")
    assert [item["state"] for item in brand_new["strings"]] == ["untranslated"] * 3
    assert status["coverage"] == round(100 * status["translated"] / status["total"], 1)

    before = po_file.read_bytes()
    run("i18n", "update", deck)
    assert po_file.read_bytes() == before, "a second update changes nothing"


def test_an_obsolete_translation_returns_when_its_id_does(deck):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    translate(po_file, {"chart-example.title": "Titre du graphique"})
    outline = outline_of(deck)
    original = outline.read_text(encoding="utf-8")
    outline.write_text(re.sub(r"(?ms)^  - id: chart-example\n.*?(?=^  - id: |\Z)", "", original), encoding="utf-8")
    run("i18n", "update", deck)
    assert "chart-example.title" not in messages(po_file)
    outline.write_text(original, encoding="utf-8")
    run("i18n", "update", deck)
    back = messages(po_file)["chart-example.title"]
    assert back.msgstr == "Titre du graphique" and not back.fuzzy


BULLETS = '''    bullets:
      - "Write **bold** and *italic* inline"
      - text: A bullet with sub-bullets
'''
FIRST = '''      - "Write **bold** and *italic* inline"
'''
SECOND = '''      - text: A bullet with sub-bullets
        sub:
          - Second level
          - text: Second level with a third
            sub:
              - Third level
'''


@pytest.mark.parametrize("change, bullets, expected", [
    ("insert", "      - A new first bullet\n" + FIRST + SECOND,
     ["", "FR Write **bold** and *italic* inline", "FR A bullet with sub-bullets"]),
    ("delete", SECOND, ["FR A bullet with sub-bullets"]),
    ("swap", SECOND + FIRST, ["FR A bullet with sub-bullets", "FR Write **bold** and *italic* inline"]),
])
def test_update_keeps_translations_through_insertion_deletion_and_swapping(deck, change, bullets, expected):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    translate_all(po_file)
    edit(outline_of(deck), "    bullets:\n" + FIRST + SECOND, "    bullets:\n" + bullets)
    run("i18n", "update", deck)
    after = messages(po_file)
    assert [after[f"bullets-example.bullets[{i}]"].msgstr for i in range(len(expected))] == expected
    assert not any(e.fuzzy for e in after.values()), "no translation made for other English"
    subs = [e.msgstr for key, e in after.items() if ".sub[" in key]
    assert subs == ["FR Second level", "FR Second level with a third", "FR Third level"], "sub-bullets follow"


def test_building_without_update_matches_as_update_would(deck, tmp_path):
    """An inserted bullet is the only English; the others keep their translations though their IDs shifted."""
    run("i18n", "init", "fr", deck)
    translate_all(deck / "locales" / "fr.po")
    edit(outline_of(deck), BULLETS, BULLETS.replace("    bullets:\n", "    bullets:\n      - A new first bullet\n"))
    texts, _notes, result = built_texts(deck, tmp_path / "out", "fr")
    slide = next(t for t in texts if "Bullet slides take up to three levels" in t)
    assert "A new first bullet" in slide and "FR Write bold and italic inline" in slide
    assert "FR A bullet with sub-bullets" in slide and "FR Second level" in slide
    fallbacks = [line for line in result.stderr.splitlines() if "i18n" in line or "English used" in line]
    assert len(fallbacks) == 1 and "bullets-example.bullets[0]: warning: not in fr.po yet" in fallbacks[0]


def test_editing_one_paragraph_of_a_note_leaves_the_others_translated(deck, tmp_path):
    opening = deck / "outline" / "00-opening.yaml"
    edit(opening, "      Welcome the room and say in one sentence what this lecture will answer.\n",
         "      Welcome the room and say in one sentence what this lecture will answer.\n"
         "      Then ask the room one question.\n      Close with the plan for today.\n")
    run("i18n", "init", "fr", deck)
    translate_all(deck / "locales" / "fr.po")
    edit(opening, "Then ask the room one question.", "Then ask the room two questions.")
    run("i18n", "update", deck)
    entries = messages(deck / "locales" / "fr.po")
    assert [entries[f"title.notes[{i}]"].fuzzy for i in range(3)] == [False, True, False]
    assert entries["title.notes[1]"].previous == "Then ask the room one question."
    _texts, notes, _result = built_texts(deck, tmp_path / "out", "fr")
    assert notes[0].splitlines() == ["FR Welcome the room and say in one sentence what this lecture will answer.",
                                     "Then ask the room two questions.", "FR Close with the plan for today."]


# -- stale translations -------------------------------------------------------------------------------------------


def test_an_english_edit_without_update_warns_with_both_places_fails_strict_check_and_shows_in_status(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    translate_all(po_file)
    line = messages(po_file)["chart-example.title"].line
    outline = outline_of(deck)
    edit(outline, "title: Chart slides run a matplotlib script", "title: Chart slides run matplotlib scripts")
    outline_line = next(n for n, text in enumerate(outline.read_text(encoding="utf-8").splitlines(), 1)
                        if "matplotlib scripts" in text)
    texts, _notes, result = built_texts(deck, tmp_path / "out", "fr")
    assert "Chart slides run matplotlib scripts" in "\n".join(texts), "the English is shown, not the old French"
    assert "FR Chart slides run a matplotlib script" not in "\n".join(texts)
    warning = next(w for w in result.stderr.splitlines() if "chart-example.title" in w)
    assert warning.startswith(f"{outline}:{outline_line}: chart-example.title: warning: the English changed")
    assert f"fr.po:{line}" in warning and "'FR" not in warning and "'Chart slides run a matplotlib script'" in warning

    strict = run("build", deck, "--locale", "fr", "--strict", "--out", tmp_path / "strict")
    assert strict.exit_code == 1 and "chart-example.title: the English changed" in strict.stderr
    check = run("check", deck, "--locale", "fr", "--no-clients", "--format", "json")
    assert check.exit_code == 1
    stale = [f for f in json.loads(check.stdout)["locales"]["fr"]["findings"] if f["rule"] == "i18n.stale"]
    assert len(stale) == 1 and stale[0]["level"] == "error" and stale[0]["slide_id"] == "chart-example"

    status = run("i18n", "status", deck, "--by-slide")
    assert re.search(r"^fr\s+\d+\s+0\s+1\s+0\s+0\s", status.stdout, re.M), status.stdout
    assert re.search(rf"^fr: slide 6 \(chart-example\)\n  stale\s+chart-example\.title\s+\S*fr\.po:{line}$",
                     status.stdout, re.M), status.stdout

    run("i18n", "update", deck)
    entry = messages(po_file)["chart-example.title"]
    assert entry.fuzzy and entry.previous == "Chart slides run a matplotlib script"
    status = json.loads(run("i18n", "status", deck, "--format", "json").stdout)["locales"]["fr"]
    assert (status["fuzzy"], status["stale"]) == (1, 0)
    assert run("check", deck, "--locale", "fr", "--no-clients").exit_code == 1, "fuzzy fails check as stale did"


def test_status_by_slide_lists_what_needs_work_in_deck_order(deck):
    run("i18n", "init", "fr", deck)
    translate(deck / "locales" / "fr.po", {"agenda.title": "Aujourd'hui"})
    result = json.loads(run("i18n", "status", deck, "--by-slide", "--format", "json").stdout)
    slides = result["locales"]["fr"]["slides"]
    numbers = [s["number"] for s in slides if s["number"]]
    assert numbers == sorted(numbers) and numbers[0] == 1
    agenda = next(s for s in slides if s["id"] == "agenda")
    assert [i["id"] for i in agenda["strings"]] == ["agenda.notes[0]"], "the translated title needs no work"
    assert all(i["state"] == "untranslated" and i["line"] for i in agenda["strings"])
    chart = next(s for s in slides if s["id"] == "chart-example")
    assert "chart.example.axis-label" in [i["id"] for i in chart["strings"]], "chart texts listed on their slide"
    text = run("i18n", "status", deck, "--by-slide").stdout
    assert re.search(r"^fr: slide 2 \(agenda\)\n  untranslated\s+agenda\.notes\[0\]\s+\S+fr\.po:\d+$", text, re.M)
    edit(outline_of(deck), "    notes: |\n      Speaker notes go under", "    notes: |\n      A new first paragraph.\n      Speaker notes go under")
    text = run("i18n", "status", deck, "--by-slide").stdout
    assert re.search(r"^  untranslated\s+bullets-example\.notes\[0\]\s+not in the catalog yet$", text, re.M)


# -- broken and partial translations ------------------------------------------------------------------------------


def test_placeholder_mismatch_is_an_error_naming_the_po_file_and_line(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    line = messages(po_file)["agenda.title"].line + 2  # msgctxt, msgid, msgstr
    translate(po_file, {"agenda.title": "Aujourd'hui {trimestre}"})
    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert (f"fr.po:{line}: agenda.title: placeholders differ from the English (expected none, got {{trimestre}})"
            in result.stderr)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pptx"))


def test_a_translation_may_drop_emphasis_and_cjk_is_never_italic(deck, tmp_path):
    run("i18n", "init", "zh_Hant", deck)
    po_file = deck / "locales" / "zh_Hant.po"
    translate(po_file, {"bullets-example.bullets[0]": "行內可寫*粗體* and *italic text*",
                        "bullets-example.title": "沒有粗體的標題"})
    out = tmp_path / "out"
    texts, _notes, _result = built_texts(deck, out, "zh_Hant")
    prs = open_deck(next(out.glob("*-zh_Hant.pptx")))
    runs = [r for slide in prs.slides for p in slide.shapes if p.has_text_frame
            for para in p.text_frame.paragraphs for r in para.runs]
    styled = {r.text: r.font.italic for r in runs if r.text in ("粗體", "italic text")}
    assert styled == {"粗體": None, "italic text": True}, "the CJK run is not italic, the Latin one is"


def test_unpaired_emphasis_in_a_translation_is_an_error(deck, tmp_path):
    run("i18n", "init", "fr", deck)
    po_file = deck / "locales" / "fr.po"
    translate(po_file, {"bullets-example.bullets[0]": "Écrire **gras et *italique*"})
    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "unpaired emphasis marks that would show as typed" in result.stderr


@pytest.mark.parametrize("content, message", [
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "y"\nbogus line\n',
     "fr.po:8: a: unknown keyword (expected msgctxt, msgid, msgstr or a # comment, got 'bogus')"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "\xff"\n',
     "fr.po:7: not UTF-8 text (expected UTF-8, got byte 0xFF)"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "y\n',
     'fr.po:7: a: unterminated string (expected a closing ", got the end of the line)'),
])
def test_broken_po_files_are_clear_errors(deck, tmp_path, content, message):
    po_file = deck / "locales" / "fr.po"
    po_file.parent.mkdir(parents=True, exist_ok=True)
    po_file.write_bytes(content.encode("utf-8") if "\xff" not in content else content.encode("latin-1"))
    result = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert message in result.stderr
    status = run("i18n", "status", deck)
    assert status.exit_code == 1 and message in status.stderr, "status never reports a broken catalog as done"


def test_a_catalog_for_an_unknown_locale_code_is_reported(deck, tmp_path):
    (deck / "locales").mkdir(exist_ok=True)
    (deck / "locales" / "klingon.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                                                 encoding="utf-8")
    result = run("build", deck, "--all-locales", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "klingon.po: --locale: unknown locale code" in result.stderr
    assert list((tmp_path / "out").glob("*-en.pptx"))


# -- hints name the deck folder -----------------------------------------------------------------------------------


def test_hints_name_the_deck_folder_the_user_passed(deck, tmp_path):
    init = run("i18n", "init", "fr", deck)
    assert f"then: python build.py build {deck} --locale fr" in init.stdout
    missing = run("build", deck, "--locale", "de", "--out", tmp_path / "out")
    assert f"start one with `build.py i18n init de {deck}`" in missing.stderr
    status = run("i18n", "status", deck, "--locale", "de")
    assert f"`build.py i18n init de {deck}`" in status.stderr
    translate_all(deck / "locales" / "fr.po")
    edit(outline_of(deck), "title: Chart slides run a matplotlib script", "title: Chart slides run scripts")
    built = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert f"run `build.py i18n update {deck}`" in built.stderr


def test_hints_leave_out_the_default_deck_folder(tmp_path, monkeypatch):
    scaffold(tmp_path / "deck")
    monkeypatch.chdir(tmp_path)
    init = run("i18n", "init", "fr")
    assert "then: python build.py build --locale fr" in init.stdout
    assert "build.py i18n init de`" in run("build", "--locale", "de", "--out", "out").stderr
