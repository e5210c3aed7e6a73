"""The strict PO reader and writer (lecturedeck/i18n/po.py) and the checks every translation passes (validate.py):
every shipped catalog reads and writes back byte for byte, every kind of broken catalog is an error at its line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import ROOT
from lecturedeck.i18n import catalog as cat
from lecturedeck.i18n import po
from lecturedeck.problems import DeckError

SHIPPED = sorted([*ROOT.glob("deck/locales/*.po*"), *ROOT.glob("examples/*/locales/*.po*"),
                  *ROOT.glob("lecturedeck/i18n/catalogs/*.po*"), *ROOT.glob("tests/corpus/base/locales/*.po*")])
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def problems(text: str | bytes, name: str = "fr.po") -> list[str]:
    """The problems reading a catalog reports, formatted as the CLI prints them (an empty list when it reads)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        cat.read(data, Path(name))
    except DeckError as error:
        return [p.format() for p in error.problems]
    return []


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
def test_every_shipped_catalog_reads_strictly_and_writes_back_byte_for_byte(path):
    data = path.read_bytes()
    catalog = cat.load(path)
    assert catalog.entries, "a catalog with entries"
    assert po.dumps(catalog) == data


def test_babel_laid_out_catalogs_are_written_the_same_when_every_entry_is_new():
    """The writer lays entries out as Babel did, so a changed entry does not reflow the file around it."""
    for path in ROOT.glob("deck/locales/*.po"):
        data = path.read_bytes()
        catalog = po.parse(data, path)
        for entry in [catalog.header, *catalog.entries, *catalog.obsolete]:
            entry.raw = None
        assert po.dumps(catalog) == data, path


def test_previous_english_flags_comments_and_obsolete_entries_round_trip_and_babel_reads_them():
    text = (HEADER + "# a translator's comment\n#. a note\n#: deck/outline/00.yaml:4\n#, fuzzy, python-brace-format\n"
            '#| msgctxt "a.notes"\n#| msgid ""\n#| "first line\\n"\n#| "second {x}"\nmsgctxt "a.notes[0]"\n'
            'msgid "new {x}"\nmsgstr "vieux {x}"\n\n#, fuzzy\n#~| msgid "older"\n#~ msgctxt "gone"\n#~ msgid "old"\n'
            '#~ msgstr "vieux"\n\n')
    catalog = po.parse(text.encode(), Path("fr.po"))
    entry = catalog.entries[0]
    assert (entry.previous, entry.previous_context) == ("first line\nsecond {x}", "a.notes")
    assert entry.comments == ["a translator's comment"] and entry.notes == ["a note"]
    assert entry.locations == ["deck/outline/00.yaml:4"] and entry.flags == {"fuzzy", "python-brace-format"}
    gone = catalog.obsolete[0]
    assert gone.obsolete and gone.previous == "older" and gone.msgstr == "vieux" and gone.fuzzy
    assert po.dumps(catalog) == text.encode()
    for item in (entry, gone):
        item.raw = None  # written anew, the same text comes out
    assert po.dumps(catalog) == text.encode()
    babel = read_po(io.BytesIO(po.dumps(catalog)))
    live = babel.get("new {x}", context="a.notes[0]")
    assert (live.string, live.flags, live.auto_comments, live.locations) == \
        ("vieux {x}", {"fuzzy", "python-brace-format"}, ["a note"], [("deck/outline/00.yaml", 4)])
    assert live.user_comments[0] == "a translator's comment"
    assert [(key, message.string, message.fuzzy) for key, message in babel.obsolete.items()] == \
        [(("old", "gone"), "vieux", True)]


def test_windows_line_ends_and_a_byte_order_mark_are_kept():
    text = ("\ufeff" + HEADER + 'msgctxt "a"\nmsgid "x"\nmsgstr "y"\n\n').replace("\n", "\r\n").encode("utf-8")
    catalog = po.parse(text, Path("fr.po"))
    assert catalog.entries[0].msgstr == "y"
    catalog.entries[0].msgstr = "z"
    assert po.dumps(catalog) == text.replace(b'msgstr "y"', b'msgstr "z"')


def test_a_new_entry_is_laid_out_as_babel_writes_it():
    from babel.messages.catalog import Catalog

    english = "A long bullet that goes on and on past the seventy-nine columns of a PO line, with {value} in it."
    babel = Catalog(fuzzy=False)
    babel.add(english, "Une puce", locations=[("deck/outline/01.yaml", 7)], auto_comments=["Keep {value} as is."],
              context="s.bullets[0]")
    buffer = io.BytesIO()
    write_po(buffer, babel, width=79, omit_header=True)
    entry = cat.new_entry(cat.Entry("s.bullets[0]", english, "deck/outline/01.yaml", 7, ("Keep {value} as is.",)))
    entry.msgstr = "Une puce"
    assert po.entry_text(entry) + "\n" == buffer.getvalue().decode()


@pytest.mark.parametrize("body, expected", [
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y\n', 'fr.po:7: a: unterminated string (expected a closing ", got the end of the line)'),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y\\q"\n', 'fr.po:7: a: unknown escape \\q in a string (expected \\n, \\t, \\" or \\\\, got \\q)'),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y" z\n', "fr.po:7: a: text after the closing quote (expected the end of the line, got 'z')"),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y"\nmsgstring "oops"\n',
     "fr.po:8: a: unknown keyword (expected msgctxt, msgid, msgstr or a # comment, got 'msgstring')"),
    ('msgctxt "a"\nmsgstr "y"\nmsgid "x"\n', "fr.po:6: a: msgstr before msgid (expected msgctxt, then msgid, then msgstr)"),
    ('msgctxt "a"\nmsgid "x"\n\nmsgctxt "b"\nmsgid "z"\nmsgstr "w"\n',
     "fr.po:5: a: msgid without msgstr (expected a msgstr line after the msgid)"),
    ('msgctxt "a"\nmsgid "x"\nmsgid_plural "xs"\nmsgstr[0] "y"\nmsgstr[1] "ys"\n',
     "fr.po:7: a: plural entry (expected msgid and msgstr: deck texts have no plural forms, got msgid_plural)"),
    ('msgid "x"\nmsgstr "y"\n', "fr.po:5: msgctxt: entry without an ID (expected a msgctxt line, got msgid 'x')"),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y"\n\nmsgctxt "a"\nmsgid "x"\nmsgstr "z"\n', "fr.po:9: a: ID used twice (first at line 5)"),
    ('msgctxt "a"\nmsgid "x"\nmsgstr " "\n',
     "fr.po:7: a: translation is only whitespace (expected a translation, or an empty msgstr to leave it untranslated)"),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y\\tz"\n',
     "fr.po:7: a: control or non-character in text (expected printable text, got U+0009)"),
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y\\n"\n',
     "fr.po:7: a: line break at the end differs from the English (expected no line break at the end, got one)"),
    ('msgctxt "a"\nmsgid "{term} now"\nmsgstr "{terme} maintenant"\n',
     "fr.po:7: a: placeholders differ from the English (expected {term}, got {terme})"),
    ('msgctxt "chart.economy.tons"\nmsgid "{0:.1f} t"\nmsgstr "{0} t"\n',
     "fr.po:7: chart.economy.tons: format fields differ from the English (expected {0:.1f}, got {0})"),
    ('msgctxt "chart.economy.note"\nmsgid "Grain"\nmsgstr "Céréales {0}"\n',
     "fr.po:7: chart.economy.note: format fields differ from the English (expected none, got {0})"),
    ('msgctxt "chart.economy.note"\nmsgid "Grain"\nmsgstr "Céréales {"\n',
     "fr.po:7: chart.economy.note: a brace the chart's str.format cannot read (expected {{ and }} for a literal brace, "
     "or the English's fields none, got 'Céréales {')"),
    ('msgctxt "a"\nmsgid "A **bold** point"\nmsgstr "Un point **gras"\n',
     "fr.po:7: a: unpaired emphasis marks that would show as typed (expected **bold** or *italic* marks in pairs "
     "around words, got 'Un point **gras')"),
])
def test_broken_entries_are_errors_at_their_line(body, expected):
    assert problems(HEADER + body) == [expected]


def test_every_problem_of_a_file_is_reported_at_once():
    body = 'msgctxt "a"\nmsgid "x"\nmsgstr "y\n\nmsgctxt "b"\nmsgid "x"\nmsgstr "y" z\n'
    assert [line.split(":")[1] for line in problems(HEADER + body)] == ["7", "11"]


def test_a_translation_may_drop_add_or_move_emphasis():
    for translation in ("Un point gras", "Un *point* **gras**", "**Un** point"):
        assert problems(HEADER + f'msgctxt "a"\nmsgid "A **bold** point"\nmsgstr "{translation}"\n') == []


def test_a_fuzzy_translation_is_not_checked_against_english_it_was_not_made_for():
    body = '#, fuzzy\n#| msgid "{old} now"\nmsgctxt "a"\nmsgid "{new} now"\nmsgstr "{old} maintenant"\n'
    assert problems(HEADER + body) == []


@pytest.mark.parametrize("header, expected", [
    ('msgctxt "a"\nmsgid "x"\nmsgstr "y"\n',
     'fr.po:1: no header entry (expected the file to start with msgid "" and msgstr "Content-Type: text/plain; '
     'charset=UTF-8\\n" ...)'),
    ('msgid ""\nmsgstr ""\n"Content-Type text/plain\\n"\n',
     "fr.po:2: header: malformed header line (expected 'Name: value', got 'Content-Type text/plain')"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
     "fr.po:2: header: the header declares a charset other than UTF-8 (expected charset=UTF-8, got 'ISO-8859-1'; "
     "catalogs are read as UTF-8: save the file as UTF-8 and change the header)"),
])
def test_a_missing_or_malformed_header_or_another_charset_is_an_error(header, expected):
    assert problems(header)[0] == expected


def test_bytes_in_another_charset_are_reported_with_the_header_charset_never_as_a_font_problem():
    data = (HEADER.replace("UTF-8", "ISO-8859-1") + 'msgctxt "a"\nmsgid "x"\nmsgstr "Pointé"\n').encode("latin-1")
    assert problems(data) == ["fr.po:7: not UTF-8 text (expected UTF-8, got byte 0xE9; the header says "
                              "charset=ISO-8859-1: convert the file to UTF-8 and set charset=UTF-8)"]


def test_msgfmt_accepts_what_we_write(tmp_path):
    import subprocess

    from conftest import require_tool

    msgfmt = require_tool("msgfmt")
    for path in SHIPPED:
        checked = subprocess.run([msgfmt, "-c", "-o", str(tmp_path / "out.mo"), str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, (path, checked.stderr)


@pytest.mark.parametrize("body", [
    'msgctxt "a"\nmsgid "x"\nmsgstr "y\n',
    'msgctxt "a"\nmsgid "x"\nmsgid_plural "xs"\nmsgstr[0] "y"\n',
    'msgctxt "a"\nmsgstr "y"\nmsgid "x"\n',
    'msgctxt "a"\nmsgid "x"\nmsgstr "y\\q"\n',
])
def test_what_we_refuse_msgfmt_refuses_too(tmp_path, body):
    import subprocess

    from conftest import require_tool

    msgfmt = require_tool("msgfmt")
    path = tmp_path / "fr.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert problems(HEADER + body)
    assert subprocess.run([msgfmt, "-c", "-o", str(tmp_path / "out.mo"), str(path)], capture_output=True).returncode != 0


def test_lines_end_at_newlines_only_so_separators_inside_a_string_are_reported():
    for char in ("\u2028", "\u2029", "\x0c", "\x85"):
        text = HEADER + f'msgctxt "a"\nmsgid "x"\nmsgstr "y{char}z"\n'
        assert problems(text) == [f"fr.po:7: a: control or non-character in text (expected printable text, got "
                                  f"U+{ord(char):04X})"], repr(char)
