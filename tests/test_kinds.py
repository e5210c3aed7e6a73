"""The quote, table, two-column and timeline kinds: built through the CLI from the keys in docs/outline-format.md,
reopened, translated, checked in four locales, on the second deck too; layouts measured on the model. Bad input
for each kind is in the fault corpus (tests/corpus/cases/kinds/)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from pptx.oxml.ns import qn
from pptx.util import Emu

from conftest import ROOT
from deckread import open_deck
from lecturedeck.check import access, fit
from lecturedeck.check.findings import Built
from lecturedeck.cli import cli
from lecturedeck.commands.build import build
from lecturedeck.i18n import pipeline
from lecturedeck.kinds.quote import QuoteSlide
from lecturedeck.kinds.table import TableSlide
from lecturedeck.kinds.timeline import Event, TimelineSlide
from lecturedeck.kinds.title import TitleSlide
from lecturedeck.kinds.two_column import Column, TwoColumnSlide
from lecturedeck.render import grid
from lecturedeck.render.deck import render
from lecturedeck.render.tables import measure_table
from lecturedeck.resolve.resolve import Resolved
from lecturedeck.source.model import Bullet, Deck, Meta
from lecturedeck.source.theme import Theme

KINDS_OUTLINE = """\
slides:
  - id: east-wind
    kind: quote
    title: "Mao in Moscow, November 1957"
    quote: "The east wind prevails over the west wind."
    source: "Mao Zedong, speech in Moscow, 18 November 1957"
    notes: |
      Read the sentence aloud. Ask who the west wind is.
  - id: grain-table
    kind: table
    title: "Grain output, 1957-1961"
    data: grain_output.csv
    columns: {year: "Year", grain_million_t: "Grain (million t)"}
    rows: [1957, 1961]
    notes: |
      Point at 1959. Then point at 1961.
  - id: two-lines
    kind: two-column
    title: "Radicals and moderates in 1958"
    left:  {heading: "Radicals",  bullets: ["Faster, more **radical** growth", "Mass mobilization"]}
    right: {heading: "Moderates", bullets: ["Balanced growth", {text: "Against *rash advance*", sub: ["Zhou Enlai and Chen Yun"]}]}
    notes: |
      Compare the two sides. Ask which side won in 1958.
  - id: beidaihe-lushan
    kind: timeline
    title: "From Beidaihe to Lushan"
    events:
      - {date: "August 1958", text: "Beidaihe conference doubles the steel target"}
      - {date: "July 1959", text: "Lushan: Peng Dehuai purged"}
    notes: |
      Two meetings a year apart. Ask what changed in between.
"""
GRAIN = """\
year,grain_million_t,source
1952,163.92,test
1957,195.05,test
1958,197.65,test
1959,169.68,test
1960,143.85,test
1961,136.50,test
1962,154.41,test
"""
NEW_TEXTS = {
    "east-wind.quote": "The east wind prevails over the west wind.",
    "east-wind.source": "Mao Zedong, speech in Moscow, 18 November 1957",
    "grain-table.columns.year": "Year",
    "grain-table.columns.grain_million_t": "Grain (million t)",
    "two-lines.left.heading": "Radicals",
    "two-lines.left.bullets[0]": "Faster, more **radical** growth",
    "two-lines.right.bullets[1]": "Against *rash advance*",
    "two-lines.right.bullets[1].sub[0]": "Zhou Enlai and Chen Yun",
    "beidaihe-lushan.events[0].date": "August 1958",
    "beidaihe-lushan.events[1].text": "Lushan: Peng Dehuai purged",
}
PIPELINE_TEXTS = {"ui.quote": "“{quote}”", "ui.quote-source": "— {source}"}  # translated in the package
QUOTES = {"fr": "« {quote} »", "zh_Hant": "「{quote}」", "zh_Hans": "“{quote}”"}
LOCALES = ("en", "fr", "zh_Hant", "zh_Hans")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def cjk(text: str) -> str:
    """A stand-in Chinese translation: every English word becomes CJK characters; markup, numbers and placeholders
    stay, so the catalog's checks pass and the text is measured, wrapped and tagged as Chinese."""
    def word(match) -> str:
        text = match[0]
        if text.startswith("{"):
            return text
        return "".join(chr(0x4E00 + (ord(text[i]) * 31 + ord(text[i + 1:i + 2] or " ")) % 4000)
                       for i in range(0, len(text), 2))

    return re.sub(r"\{[a-z_0-9]+\}|[A-Za-z]+", word, text)


def translate(po: Path, locale: str) -> None:
    """Fill every entry of a catalog: French as 'FR ' + English, Chinese as cjk(); the locale's quotation marks."""
    with open(po, "rb") as handle:
        catalog = read_po(handle, locale=locale)
    for message in catalog:
        if not message.id:
            continue
        if message.context == "ui.quote":
            message.string = QUOTES[locale]
        elif message.context.startswith(("ui.", "term.")):
            message.string = message.id if locale == "fr" else cjk(message.id)
        else:
            message.string = "FR " + message.id if locale == "fr" else cjk(message.id)
        message.flags.discard("fuzzy")
    with open(po, "wb") as handle:
        write_po(handle, catalog, width=0)


@pytest.fixture(scope="module")
def kinds_deck(tmp_path_factory) -> Path:
    """The corpus base deck plus the four kinds (keys exactly as documented), translated into fr, zh_Hant, zh_Hans."""
    deck = tmp_path_factory.mktemp("kinds") / "deck"
    shutil.copytree(ROOT / "tests" / "corpus" / "base", deck)
    (deck / "outline" / "10-kinds.yaml").write_text(KINDS_OUTLINE, encoding="utf-8")
    (deck / "assets" / "data" / "grain_output.csv").write_text(GRAIN, encoding="utf-8")
    config = deck / "deck.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  - outline/10-kinds.yaml\n", encoding="utf-8")
    assert run("i18n", "update", deck).exit_code == 0
    for locale in ("zh_Hant", "zh_Hans"):
        assert run("i18n", "init", locale, deck).exit_code == 0
    for locale in LOCALES[1:]:
        translate(deck / "locales" / f"{locale}.po", locale)
    return deck


@pytest.fixture(scope="module")
def built_decks(kinds_deck, tmp_path_factory) -> dict[str, Path]:
    """Each locale's deck, built through the CLI with nothing to warn about."""
    out = tmp_path_factory.mktemp("kinds-out")
    result = run("build", kinds_deck, "--all-locales", "--out", out, "--strict")
    assert result.exit_code == 0, result.output
    return {locale: out / f"base-deck-fall-2026-{locale}.pptx" for locale in LOCALES}


def shape(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def table_cells(slide) -> list[list[str]]:
    frame = next(s for s in slide.shapes if s.has_table)
    return [[cell.text_frame.text for cell in row.cells] for row in frame.table.rows]


def box(s) -> tuple[float, float, float, float]:
    return Emu(s.left).inches, Emu(s.top).inches, Emu(s.width).inches, Emu(s.height).inches


def overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] - 1e-6 and b[0] < a[0] + a[2] - 1e-6 and a[1] < b[1] + b[3] - 1e-6 and b[1] < a[1] + a[3] - 1e-6


# -- all four kinds, built and reopened ------------------------------------------------------------------------

def test_every_new_text_is_in_the_translation_template(kinds_deck):
    with open(kinds_deck / "locales" / "deck.pot", "rb") as handle:
        template = {m.context: m.id for m in read_po(handle) if m.id}
    for key, english in NEW_TEXTS.items():
        assert template.get(key) == english, key
    from lecturedeck.i18n import catalog as cat, pipeline

    package = {e.context: e.msgid for e in cat.load(pipeline.TEMPLATE).entries}
    for key, english in PIPELINE_TEXTS.items():
        assert package.get(key) == english and key not in template, key
    keys = [k for k in template if k.split(".")[0] in ("east-wind", "grain-table", "two-lines", "beidaihe-lushan")]
    assert len(keys) == 4 * 2 + 2 + 2 + 2 + 5 + 4  # titles and notes, quote, columns, headings, bullets, events


def test_the_template_tells_translators_what_each_new_field_is(kinds_deck):
    text = (kinds_deck / "locales" / "deck.pot").read_text(encoding="utf-8")
    note = lambda key: text.split(f'msgctxt "{key}"')[0].rsplit("\n\n", 1)[-1]  # noqa: E731
    assert "without quotation marks" in note("east-wind.quote")
    assert "Attribution" in note("east-wind.source") and "chart" not in note("east-wind.source")
    assert "column heading" in note("grain-table.columns.year")
    assert "timeline" in note("beidaihe-lushan.events[0].date")


def test_quote_is_large_in_the_locales_marks_with_its_attribution(built_decks):
    for locale, marks in (("en", "“{quote}”"), *QUOTES.items()):
        slide = next(s for s in open_deck(built_decks[locale]).slides if any(sh.name == "Quotation" for sh in s.shapes))
        quotation = shape(slide, "Quotation").text_frame.text
        opening, closing = marks.split("{quote}")
        assert quotation.startswith(opening) and quotation.endswith(closing), (locale, quotation)
        attribution = "— " if locale == "en" else pipeline.package_entry(locale, "ui.quote-source").msgstr[:2]
        assert shape(slide, "Attribution").text_frame.text.startswith(attribution), "the package's translation"
        sizes = {r.font.size.pt for p in shape(slide, "Quotation").text_frame.paragraphs for r in p.runs}
        assert min(sizes) > Theme().body_sizes[0], "a short quotation is set larger than body text"
    english = next(s for s in open_deck(built_decks["en"]).slides if any(sh.name == "Quotation" for sh in s.shapes))
    assert shape(english, "Quotation").text_frame.text == "“The east wind prevails over the west wind.”"
    assert shape(english, "Attribution").text_frame.text == "— Mao Zedong, speech in Moscow, 18 November 1957"


def test_table_is_a_native_table_of_the_chosen_rows_with_translated_headers(built_decks):
    expected = {
        "en": [["Year", "Grain (million t)"], ["1957", "195.05"], ["1958", "197.65"], ["1959", "169.68"],
               ["1960", "143.85"], ["1961", "136.50"]],
        "fr": [["FR Year", "FR Grain (million t)"], ["1957", "195,05"], ["1958", "197,65"], ["1959", "169,68"],
               ["1960", "143,85"], ["1961", "136,50"]],
    }
    for locale in LOCALES:
        prs = open_deck(built_decks[locale])
        slide = next(s for s in prs.slides if any(sh.has_table for sh in s.shapes))
        assert slide._element.xpath(".//a:tbl"), "an a:tbl, editable as a table in PowerPoint"
        cells = table_cells(slide)
        if locale in expected:
            assert cells == expected[locale]
        else:
            assert cells[0] == [cjk("Year"), cjk("Grain (million t)")]
            assert [row[1] for row in cells[1:]] == ["195.05", "197.65", "169.68", "143.85", "136.50"]
        frame = next(s for s in slide.shapes if s.has_table)
        header = frame.table.rows[0].cells[0].text_frame.paragraphs[0].runs[0]
        assert header.font.bold
        aligns = [[p._p.pPr.get("algn") for p in [c.text_frame.paragraphs[0]]][0] for c in frame.table.rows[1].cells]
        assert aligns == ["l", "r"], "labels left, numbers right"
        assert frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0] == slide.shapes.title.text


def test_table_credits_its_file_and_sources_like_a_chart(built_decks):
    prs = open_deck(built_decks["en"])
    credits = "\n".join(p.text for s in prs.slides[-1].shapes if s.has_text_frame for p in s.text_frame.paragraphs)
    number = next(n for n, s in enumerate(prs.slides, 1) if any(sh.has_table for sh in s.shapes))
    assert f"Slide {number}: Grain output, 1957-1961 — grain_output.csv (test)" in credits


def test_two_columns_share_one_size_with_their_headings_first(built_decks):
    for locale in LOCALES:
        slide = next(s for s in open_deck(built_decks[locale]).slides if any(sh.name == "Column: left" for sh in s.shapes))
        left, right = shape(slide, "Column: left"), shape(slide, "Column: right")
        heads = [col.text_frame.paragraphs[0] for col in (left, right)]
        assert all(p.runs[0].font.bold for p in heads)
        first_bullets = [col.text_frame.paragraphs[1].runs[0].font.size for col in (left, right)]
        assert first_bullets[0] == first_bullets[1]
        assert box(left)[0] + box(left)[2] < box(right)[0], "side by side, not overlapping"
        if locale == "en":
            assert [p.text for p in left.text_frame.paragraphs] == ["Radicals", "Faster, more radical growth",
                                                                    "Mass mobilization"]
            assert [p.text for p in right.text_frame.paragraphs][-1] == "Zhou Enlai and Chen Yun"


def test_timeline_events_read_in_order_under_decorative_markers(built_decks):
    for locale in LOCALES:
        slide = next(s for s in open_deck(built_decks[locale]).slides if any(sh.name == "Event 1" for sh in s.shapes))
        names = [s.name for s in slide.shapes if not access.is_decorative(s)]
        events = [n for n in names if n.startswith("Event")]
        assert events == ["Event 1", "Event 2"], "read in date order"
        group = shape(slide, "Timeline")
        assert access.is_decorative(group)
        assert len(group._element.xpath(".//p:sp[p:nvSpPr/p:cNvPr/@name='Marker']")) == 2
        assert group._element.xpath(".//p:cxnSp"), "the line is a native line"
        if locale == "en":
            assert [p.text for p in shape(slide, "Event 1").text_frame.paragraphs] == [
                "August 1958", "Beidaihe conference doubles the steel target"]


def test_check_rules_pass_on_the_new_kinds_in_every_locale(kinds_deck):
    result = run("check", kinds_deck, "--no-clients", "--format", "json")
    report = json.loads(result.stdout)
    assert sorted(report["locales"]) == sorted(LOCALES)
    findings = [f for locale in report["locales"].values() for f in locale["findings"]]
    assert findings == [] and result.exit_code == 0


# -- the checks look inside tables -----------------------------------------------------------------------------

def test_a_tables_sources_are_held_to_the_data_rule(kinds_deck, tmp_path):
    deck = tmp_path / "deck"
    shutil.copytree(kinds_deck, deck)
    (deck / "assets" / "data" / "grain_output.csv").write_text(GRAIN.replace("1959,169.68,test", "1959,169.68,nowhere"),
                                                               encoding="utf-8")
    result = run("check", deck, "--no-clients", "--locale", "en")
    line = KINDS_OUTLINE.splitlines().index("    data: grain_output.csv") + 1
    assert f"outline/10-kinds.yaml:{line}: [assets.source] grain_output.csv: source keys not documented" in result.stdout
    assert result.exit_code == 1


def _broken_table(path: Path, tmp_path: Path, edit) -> Path:
    from pptx import Presentation

    prs = Presentation(str(path))
    frame = next(s for slide in prs.slides for s in slide.shapes if s.has_table)
    edit(frame.table)
    target = tmp_path / path.name
    prs.save(str(target))
    return target


@pytest.mark.parametrize("rule, checker, edit", [
    ("a11y.lang", access.check_language,
     lambda table: table.cell(1, 1).text_frame.paragraphs[0].runs[0]._r.rPr.attrib.pop("lang")),
    ("a11y.contrast", access.check_contrast,
     lambda table: table.cell(0, 0).text_frame.paragraphs[0].runs[0]._r.rPr.find(
         f"{qn('a:solidFill')}/{qn('a:srgbClr')}").set("val", "C0504D")),  # red text on the red header
    ("fit", fit.check_fit, lambda table: setattr(table.rows[2], "height", Emu(60000))),
    ("a11y.font-size", access.check_font_size,
     lambda table: table.cell(2, 0).text_frame.paragraphs[0].runs[0]._r.rPr.set("sz", "900")),
])
def test_rules_see_table_cells(rule, checker, edit, kinds_deck, built_decks, tmp_path):
    from pptx import Presentation

    result = build(kinds_deck, tmp_path / "model")
    good = Built("en", built_decks["en"], Presentation(str(built_decks["en"])), result.resolved.deck,
                 result.resolved.theme, [])
    assert [f for f in checker(good) if f.rule == rule] == []
    bad_path = _broken_table(built_decks["en"], tmp_path, edit)
    bad = Built("en", bad_path, Presentation(str(bad_path)), result.resolved.deck, result.resolved.theme, [])
    findings = [f for f in checker(bad) if f.rule == rule]
    assert len(findings) == 1 and "Table: grain-table" in findings[0].message


# -- layouts measured on the model -----------------------------------------------------------------------------

META = Meta("A lecture", "A. Lecturer", "History 101", "Fall 2026", "2026-09-01", "a-lecture")
WORDS = "Beidaihe conference doubles the steel target while communes spread across the countryside".split()


def rendered(*slides, locale="en"):
    deck = Deck(META, (TitleSlide("title", "Opening words. Second sentence."),) + slides, (), Path("."), Path("."))
    prs, warnings, _geometry = render(Resolved(deck, Theme(), locale))
    return prs, warnings


def text_of(length: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(length))


@pytest.mark.parametrize("count", range(2, 9))
@pytest.mark.parametrize("words", [1, 12, 40, 400])
def test_timeline_never_overlaps_at_any_count_and_length(count, words):
    events = tuple(Event(f"{month} 19{58 + i}", text_of(words + i)) for i, month in
                   zip(range(count), ["January", "March", "May", "July", "September", "October", "November", "December"]))
    prs, warnings = rendered(TimelineSlide("t", "A timeline", "Notes.", events))
    slide = prs.slides[1]
    theme = Theme()
    boxes = [box(s) for s in slide.shapes if s.name.startswith("Event")]
    assert len(boxes) == count
    line = box(shape(slide, "Timeline"))
    left, top, width, height = grid.content_box(theme)
    for index, one in enumerate(boxes):
        assert one[0] >= left - 1e-6 and one[0] + one[2] <= left + width + 1e-6
        assert one[1] >= line[1] + line[3] and one[1] + one[3] <= top + height + 1e-6
        assert not any(overlap(one, other) for other in boxes[index + 1:])
    sizes = {r.font.size.pt for s in slide.shapes if s.name.startswith("Event") for p in s.text_frame.paragraphs
             for r in p.runs}
    assert len(sizes) == 1 and min(theme.dense_sizes) <= sizes.pop() <= max(theme.dense_sizes)
    fits = [f for s in slide.shapes if s.name.startswith("Event") for f in [fit.overflow(s, fit.Measurer())]]
    if warnings:
        assert [w.where for w in warnings] == ["t.events"] and "do not fit" in warnings[0].message
        assert max(fits) > 0
    else:
        assert max(fits) <= fit.TOLERANCE_PT


def test_long_quotation_shrinks_to_fit_and_a_too_long_one_warns():
    short = QuoteSlide("q1", "Short", "Notes.", "Go all out.", "A speaker, 1958")
    long = QuoteSlide("q2", "Long", "Notes.", text_of(90), "A speaker, 1958")
    endless = QuoteSlide("q3", "Endless", "Notes.", text_of(400), "A speaker, 1958")
    prs, warnings = rendered(short, long, endless)
    size = lambda n: max(r.font.size.pt for p in shape(prs.slides[n], "Quotation").text_frame.paragraphs  # noqa: E731
                         for r in p.runs)
    assert size(1) == Theme().quote_sizes[0] > size(2) >= Theme().quote_sizes[-1]
    assert [w.where for w in warnings] == ["q3.quote"]
    for n in (1, 2):
        assert fit.overflow(shape(prs.slides[n], "Quotation"), fit.Measurer()) <= fit.TOLERANCE_PT
        quotation, attribution = box(shape(prs.slides[n], "Quotation")), box(shape(prs.slides[n], "Attribution"))
        assert attribution[1] >= quotation[1] + quotation[3], "the attribution under the quotation"


def test_two_columns_take_the_size_at_which_the_longer_fits():
    longer = tuple(Bullet(text_of(15)) for _ in range(3))
    slide = TwoColumnSlide("c", "Compare", "Notes.", Column("Short side", (Bullet("One point"),)),
                           Column("Long side", longer))
    prs, warnings = rendered(slide)
    sizes = [{r.font.size.pt for p in shape(prs.slides[1], name).text_frame.paragraphs[1:] for r in p.runs}
             for name in ("Column: left", "Column: right")]
    assert sizes[0] == sizes[1] and max(sizes[0]) < Theme().body_sizes[0] and not warnings


def test_table_layout_widens_a_narrow_table_and_wraps_long_headings():
    theme = Theme()
    _left, _top, width, height = grid.content_box(theme)
    narrow = measure_table([["Year", "Grain"], ["1957", "195.05"]], width, height, theme.dense_sizes)
    assert narrow.size == theme.dense_sizes[0] and narrow.fits
    assert narrow.width == pytest.approx(width / 2)
    heading = " ".join(["A very long column heading"] * 3)
    wide = measure_table([["Year"] + [heading] * 4, ["1957"] + ["1.0"] * 4], width, height, theme.dense_sizes)
    assert wide.width <= width + 1e-9 and wide.heights[0] > wide.heights[1], "headings wrap, numbers do not"
    many = measure_table([["Year", "Value"]] + [[str(1900 + i), "1.0"] for i in range(40)], width, height,
                         theme.dense_sizes)
    assert not many.fits and many.size == theme.dense_sizes[-1]
    assert 0 < many.rows_that_fit(height) < 40


def test_table_cells_come_from_the_file_at_load(kinds_deck):
    from lecturedeck.source.loader import load_deck

    table = next(s for s in load_deck(kinds_deck).slides if isinstance(s, TableSlide))
    assert table.cells[0] == ("1957", "195.05") and table.cells[-1] == ("1961", "136.50")
    assert table.numeric == (False, True) and table.sources == ("test",)
    assert table.data_files() == ("grain_output.csv",)


# -- the second deck and the scaffold --------------------------------------------------------------------------

def test_the_second_deck_uses_the_four_kinds_and_passes_check(tmp_path):
    deck = tmp_path / "reform-era"
    shutil.copytree(ROOT / "examples" / "reform-era", deck)
    result = run("check", deck, "--no-clients", "--format", "json")
    report = json.loads(result.stdout)
    assert sorted(report["locales"]) == ["en", "fr"]
    new_slides = {"deng-basic-line-quote", "fdi-table", "reform-two-sides", "reform-timeline"}
    findings = [f for locale in report["locales"].values() for f in locale["findings"] if f["slide_id"] in new_slides]
    assert findings == [], "the new kinds' slides pass every rule in both locales"
    built = run("build", deck, "--locale", "fr", "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    prs = open_deck(next((tmp_path / "out").glob("*-fr.pptx")))
    kinds = {s.name.split(":")[0] for slide in prs.slides for s in slide.shapes}
    assert {"Quotation", "Attribution", "Table", "Column", "Event 1", "Timeline"} <= kinds
    table = next(s for slide in prs.slides for s in slide.shapes if s.has_table).table
    assert table.cell(len(table.rows) - 1, 1).text_frame.text == "11,01", "French decimal comma"
    quotation = next(s for slide in prs.slides for s in slide.shapes if s.name == "Quotation").text_frame.text
    assert quotation.startswith("«") and quotation.endswith("»")


def test_the_scaffolds_commented_kinds_build_when_uncommented(tmp_path):
    assert run("new", tmp_path / "lecture").exit_code == 0
    outline = tmp_path / "lecture" / "outline" / "01-main.yaml"
    text = outline.read_text(encoding="utf-8")
    assert all(f"kind: {kind}" in text for kind in ("quote", "table", "two-column", "timeline"))
    outline.write_text(re.sub(r"^#  ", "  ", text, flags=re.M), encoding="utf-8")
    result = run("build", tmp_path / "lecture", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    prs = open_deck(next((tmp_path / "out").glob("*-en.pptx")))
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert {"A quotation from a primary source", "The example values as a table", "A comparison in two columns",
            "A timeline"} <= set(titles)
