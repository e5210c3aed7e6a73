"""The translation memory (lecturedeck/i18n/memory.py) on small catalogs: what each current string gets, what is
left over."""

from __future__ import annotations

from pathlib import Path

from lecturedeck.i18n import memory
from lecturedeck.i18n.po import parse

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalog(*entries: tuple) -> object:
    """A catalog of (ID, English, translation[, flags]) entries."""
    text = HEADER
    for key, english, translation, *flags in entries:
        if flags:
            text += f"#, {flags[0]}\n"
        text += f'msgctxt "{key}"\nmsgid "{english}"\nmsgstr "{translation}"\n\n'
    return parse(text.encode(), Path("fr.po"))


def states(strings, old) -> dict[str, tuple[str, str]]:
    found, _unused = memory.match(strings, old)
    return {key: (f.state, f.translation) for key, f in found.items()}


FIVE = [(f"s.bullets[{i}]", english, f"FR {english}") for i, english in enumerate("ABCDE")]


def test_same_id_and_english_is_translated_and_a_fuzzy_entry_stays_fuzzy():
    old = catalog(("s.title", "Title", "Titre"), ("s.bullets[0]", "A", "FR A", "fuzzy"))
    assert states([("s.title", "Title"), ("s.bullets[0]", "A")], old) == {
        "s.title": ("translated", "Titre"), "s.bullets[0]": ("fuzzy", "FR A")}


def test_inserting_at_the_top_leaves_only_the_new_string_untranslated():
    old = catalog(*FIVE)
    strings = [("s.bullets[0]", "New")] + [(f"s.bullets[{i + 1}]", e) for i, e in enumerate("ABCDE")]
    result = states(strings, old)
    assert result["s.bullets[0]"] == ("untranslated", "")
    assert [result[f"s.bullets[{i}]"] for i in range(1, 6)] == [("translated", f"FR {e}") for e in "ABCDE"]
    assert memory.match(strings, old)[1] == []


def test_deleting_and_swapping_keep_every_translation_and_leave_the_deleted_one_over():
    old = catalog(*FIVE)
    strings = [("s.bullets[0]", "B"), ("s.bullets[1]", "A"), ("s.bullets[2]", "E"), ("s.bullets[3]", "D")]
    found, unused = memory.match(strings, old)
    assert [(f.state, f.translation) for f in found.values()] == [("translated", f"FR {e}") for e in "BAED"]
    assert [entry.msgid for entry in unused] == ["C"]


def test_changed_english_under_the_same_id_is_stale_with_the_english_it_was_made_for():
    old = catalog(("s.bullets[0]", "The Leap began in 1958", "FR Leap 1958"))
    found, _ = memory.match([("s.bullets[0]", "The Leap began in 1957")], old)
    item = found["s.bullets[0]"]
    assert (item.state, item.translation, item.previous) == ("stale", "FR Leap 1958", "The Leap began in 1958")


def test_a_similar_string_of_the_same_slide_is_taken_stale_but_never_from_another_slide():
    old = catalog(("s.bullets[3]", "Grain output fell by a quarter", "FR grain"),
                  ("t.bullets[0]", "Steel output rose sharply", "FR acier"))
    found, unused = memory.match([("s.bullets[0]", "Grain output fell by more than a quarter"),
                                  ("u.bullets[0]", "Steel output rose sharply!")], old)
    assert (found["s.bullets[0]"].state, found["s.bullets[0]"].previous_context) == ("stale", "s.bullets[3]")
    assert found["u.bullets[0]"].state == "untranslated"
    assert [entry.context for entry in unused] == ["t.bullets[0]"]


def test_the_same_english_is_taken_from_the_same_slide_first_and_never_across_scopes():
    old = catalog(("a.bullets[0]", "Yes", "Oui (a)"), ("b.bullets[0]", "Yes", "Oui (b)"),
                  ("chart.economy.label", "Grain", "Céréales"), ("ui.footer", "Grain", "nope"))
    result = states([("b.bullets[1]", "Yes"), ("chart.other.label", "Grain"), ("s.title", "Grain")], old)
    assert result == {"b.bullets[1]": ("translated", "Oui (b)"), "chart.other.label": ("untranslated", ""),
                      "s.title": ("untranslated", "")}


def test_an_old_whole_note_gives_each_paragraph_its_line_of_translation():
    text = HEADER + ('msgctxt "s.notes"\nmsgid ""\n"First.\\n"\n"Second.\\n"\n"Third."\nmsgstr ""\n"Premier.\\n"\n'
                     '"Deuxième.\\n"\n"Troisième."\n')
    old = parse(text.encode(), Path("fr.po"))
    strings = [("s.notes[0]", "First."), ("s.notes[1]", "Second, edited."), ("s.notes[2]", "Third.")]
    found, unused = memory.match(strings, old)
    assert [(f.state, f.translation) for f in found.values()] == [
        ("translated", "Premier."), ("stale", "Deuxième."), ("translated", "Troisième.")]
    assert found["s.notes[1]"].previous == "Second."
    assert unused == [], "the whole note is used up by its paragraphs"


def test_a_whole_note_whose_translation_has_other_lines_is_left_over_whole():
    text = HEADER + 'msgctxt "s.notes"\nmsgid ""\n"First.\\n"\n"Second."\nmsgstr "Premier et deuxième."\n'
    old = parse(text.encode(), Path("fr.po"))
    found, unused = memory.match([("s.notes[0]", "First."), ("s.notes[1]", "Second.")], old)
    assert [f.state for f in found.values()] == ["untranslated", "untranslated"]
    assert [entry.context for entry in unused] == ["s.notes"]


def test_obsolete_entries_are_remembered():
    text = HEADER + '#~ msgctxt "gone.title"\n#~ msgid "Back again"\n#~ msgstr "De retour"\n'
    old = parse(text.encode(), Path("fr.po"))
    assert states([("new.title", "Back again")], old) == {"new.title": ("translated", "De retour")}
