"""Layout a designer would sign: nothing collides or runs off a slide (layout.collision, from the builder's own
geometry), captions get the room they need, long credits continue on numbered slides, dividers stack top-down,
pictures are judged (resolution, aspect), `aspect: auto`, fitting against an institution's template, {term} and
{date}. Tried on the lecture and on the second deck, examples/reform-era, with its odd pictures and long credits."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Inches

from conftest import ROOT, require_noto_cjk
from deckread import title_of
from lecturedeck.check.findings import Built
from lecturedeck.check.fit import check_fit
from lecturedeck.check.layout import check_collision
from lecturedeck.cli import cli
from lecturedeck.commands.build import build
from lecturedeck.kinds.part import PartSlide
from lecturedeck.render import quality
from lecturedeck.render.deck import render
from lecturedeck.render.geometry import Extent, beyond, overlap, text_area
from lecturedeck.render.textfit import LINE_HEIGHT, Measurer, text_extent
from lecturedeck.resolve.resolve import Resolved
from lecturedeck.source.markup import Run, parse
from lecturedeck.source.model import Deck, ImageSlot, Meta, Part
from lecturedeck.source.theme import Theme

SECOND = ROOT / "examples" / "reform-era"
LECTURE_LOCALES = ("en", "zh_Hant", "zh_Hans")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def built_view(result) -> Built:
    """What `check` hands its rules, for a deck built through the library."""
    resolved = result.resolved
    return Built(result.locale, result.path, Presentation(str(result.path)), resolved.deck, resolved.theme,
                 result.warnings, result.geometry)


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line holding `text`."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> Path:
    """A copy of the second lecture."""
    target = tmp_path_factory.mktemp("second") / "reform-era"
    shutil.copytree(SECOND, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture(scope="module")
def second_built(second, tmp_path_factory):
    out = tmp_path_factory.mktemp("second-build")
    return {locale: build(second, out, locale=locale) for locale in ("en", "fr")}


@pytest.fixture(scope="module")
def lecture_built(tmp_path_factory):
    require_noto_cjk()
    out = tmp_path_factory.mktemp("lecture-build")
    return {locale: build(ROOT / "deck", out, locale=locale) for locale in LECTURE_LOCALES}


# -- measuring and geometry ---------------------------------------------------------------------------------------


def test_measured_text_knows_its_widest_line():
    measurer = Measurer()
    runs = [Run("The Great Leap Forward and Its Failure in the countryside")]
    one_line = measurer.width(runs[0].text, 20)
    lines, widest = measurer.extent(runs, 20, one_line + 1)
    assert (lines, widest) == (1, pytest.approx(one_line, abs=0.01))
    lines, widest = measurer.extent(runs, 20, one_line / 2)
    assert lines >= 2 and widest <= one_line / 2
    height, wide = text_extent([(runs, 20, 30.0, 0.0), ([Run("x")], 20, 0.0, 6.0)], one_line + 40)
    assert height == pytest.approx(2 * 20 * LINE_HEIGHT + 6.0) and wide == pytest.approx(30.0 + one_line, abs=0.01)


def test_text_area_follows_anchor_and_alignment_and_runs_out_of_a_short_box():
    box = (1.0, 1.0, 4.0, 1.0)
    assert text_area(box, 36, 72, anchor="t", align="l", inset=0.05) == pytest.approx((1.05, 1.05, 1.0, 0.5))
    assert text_area(box, 36, 72, anchor="b", align="r", inset=0.05) == pytest.approx((3.95, 1.45, 1.0, 0.5))
    assert text_area(box, 36, 72, anchor="ctr", align="ctr", inset=0.05) == pytest.approx((2.5, 1.25, 1.0, 0.5))
    grown = text_area(box, 144, 72, anchor="b", align="l", inset=0.05)  # two inches of text in a one-inch box
    assert grown[1] == pytest.approx(-0.05), "bottom-anchored text grows upward, as PowerPoint draws it"
    assert overlap((0, 0, 2, 2), (1, 1, 2, 2)) == pytest.approx(1.0) and overlap((0, 0, 1, 1), (2, 0, 1, 1)) == 0
    assert beyond((12.9, 7.0, 1.0, 1.0), 13.333, 7.5) == pytest.approx({"right": 0.567, "bottom": 0.5}, abs=1e-3)


@pytest.mark.parametrize("size, ratio", [((4000, 600), (20, 3)), ((1920, 1080), (16, 9)), ((1200, 1600), (3, 4)),
                                          ((1234, 987), (5, 4)), ((600, 1400), (3, 7)), ((120, 90), (4, 3))])
def test_an_aspect_is_suggested_in_small_numbers(size, ratio):
    assert quality.simplest_ratio(*size) == ratio


class _Picture:
    def __init__(self, width, height):
        self.source_width, self.source_height = width, height


def test_a_tiny_picture_and_a_panorama_in_the_wrong_slot_are_judged():
    thumb = ImageSlot("thumb", "pictures/thumb.jpg", (4, 3), "Alt.")
    (rule, message, at), = quality.judge("s", thumb, _Picture(120, 90), (1, 2, 3.6, 2.7), "assets/thumb.jpg", 13.333)
    assert rule == "assets.resolution" and at == "@slot:thumb"
    assert "'thumb'" in message and "assets/thumb.jpg" in message and "got 120 x 90" in message
    assert "at least 360 x 270 pixels" in message
    panorama = ImageSlot("skyline", "pictures/skyline.jpg", (16, 9), "Alt.")
    (rule, message, at), = quality.judge("s", panorama, _Picture(4000, 600), (1, 2, 7.0, 1.05), "a.jpg", 13.333)
    assert rule == "assets.aspect" and at == "@s.skyline.aspect" and "aspect: 20:3" in message and "'skyline'" in message
    auto = replace(panorama, aspect=None)
    assert quality.judge("s", auto, _Picture(4000, 600), (1, 2, 12.0, 1.8), "a.jpg", 13.333) == []


# -- both decks, every locale: nothing collides, nothing runs off, everything fits ---------------------------------


def test_the_second_deck_has_no_colliding_text_and_nothing_off_the_slide(second_built):
    for locale, result in second_built.items():
        view = built_view(result)
        assert [f.format() for f in check_collision(view)] == [], locale
        assert [f.format() for f in check_fit(view)] == [], locale
        assert not [w for w in result.warnings if w.rule == "fit"], locale


def test_the_lecture_has_no_colliding_text_and_nothing_off_the_slide_in_any_locale(lecture_built):
    for locale, result in lecture_built.items():
        view = built_view(result)
        assert [f.format() for f in check_collision(view)] == [], locale
        assert [f.format() for f in check_fit(view)] == [], locale


def test_the_geometry_covers_every_text_the_slide_shows(second_built):
    result = second_built["en"]
    prs = Presentation(str(result.path))
    assert len(result.geometry) == len(prs.slides)
    for slide, extents in zip(prs.slides, result.geometry):
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        tables = [s for s in slide.shapes if s.has_table]
        roles = {e.role for e in extents}
        assert len([e for e in extents if e.role not in ("picture", "table")]) == len(texts), title_of(slide)
        assert len([e for e in extents if e.role == "table"]) == len(tables), title_of(slide)
        assert roles <= {"title", "body", "caption", "counter", "footer", "number", "picture", "slot", "source",
                         "subtitle", "table"}


# -- layout.collision: fails on what it is about, at a line the user wrote --------------------------------------------


def test_collision_rule_fails_on_overlapping_text_and_on_text_off_the_slide(second_built, second):
    view = built_view(second_built["en"])
    number = next(n for n, s in enumerate(view.deck.slides, 1) if s.id == "after-mao")
    extents = view.geometry[number - 1]
    body = next(e for e in extents if e.role == "body")
    footer = next(e for e in extents if e.role == "footer")
    moved = replace(footer, ink=(body.ink[0], body.ink[1] + 0.1, footer.ink[2], footer.ink[3]))
    off = Extent("Caption: x", "caption", (1, 7.2, 3, 0.5), (1, 7.2, 3, 0.5))
    geometry = list(view.geometry)
    geometry[number - 1] = [e for e in extents if e is not footer] + [moved, off]
    findings = check_collision(replace(view, geometry=geometry))
    messages = [f.message for f in findings]
    assert len(findings) == 2 and all(f.rule == "layout.collision" and f.level == "error" for f in findings)
    assert any("overlaps" in m and "footer" in m.lower() for m in messages)
    assert any("runs off the slide" in m and "bottom edge" in m for m in messages)
    outline = second / "outline" / "01-turning-point.yaml"
    assert {(f.file, f.line) for f in findings} == {(outline, line_of(outline, "- id: after-mao"))}


def test_a_collision_on_the_credits_slide_names_the_outline_lines_of_its_credits(second_built, second):
    view = built_view(second_built["en"])
    number = next(n for n, s in enumerate(view.deck.slides, 1) if s.kind == "credits")
    extents = view.geometry[number - 1]
    title = next(e for e in extents if e.role == "title")
    geometry = list(view.geometry)
    geometry[number - 1] = extents + [Extent("Stray", "caption", title.box, title.ink)]
    finding, = check_collision(replace(view, geometry=geometry))
    credit_file = second / "outline" / "01-turning-point.yaml"
    assert (finding.file, finding.line) == (credit_file, line_of(credit_file, "credit:"))
    assert "made from outline/01-turning-point.yaml:" in finding.message.replace(str(second) + "/", "")
    assert "tmp" not in str(finding.file.relative_to(second))


# -- the credits slide continues instead of overflowing ---------------------------------------------------------------


def test_long_credits_continue_on_numbered_credits_slides_all_at_one_size(second_built):
    for locale, name in (("en", "Credits and sources"), ("fr", "Crédits et sources")):
        result = second_built[locale]
        prs = Presentation(str(result.path))
        pages = [s for s in prs.slides if title_of(s).startswith(name)]
        count = len(pages)
        assert count >= 2, f"{locale}: the second deck's credits need more than one slide"
        assert [title_of(s) for s in pages] == [f"{name} ({n}/{count})" for n in range(1, count + 1)]
        assert pages[-1] == prs.slides[len(prs.slides) - 1]
        lines = [p.text for s in pages for p in s.placeholders[1].text_frame.paragraphs]
        credits = result.resolved.deck.slides[-count:]
        shown = ["".join(run.text for run in parse(b.text)) for page in credits for b in page.items]
        assert lines == shown, "every credit once, in order"
        assert len(lines) == 9 + 2 + 1 + 1, "nine pictures, two charts, a table and the data line"
        sizes = {r.font.size.pt for s in pages for p in s.placeholders[1].text_frame.paragraphs for r in p.runs}
        assert len(sizes) == 1 and sizes.pop() >= 20
        for page in credits:
            file, _line = result.resolved.deck.origin(page.id)
            assert file is not None and "outline" in file.parts, "a credits slide is placed at its first credit"


# -- pictures: captions that grow, the resolution and aspect warnings, aspect: auto --------------------------------


def test_captions_get_the_room_they_need_and_pictures_keep_their_shape(second_built):
    result = second_built["en"]
    theme = result.resolved.theme
    bottom = theme.content_bottom
    slides = result.resolved.deck.slides
    assert len(result.geometry) == len(slides)
    captions = [(slide, e) for slide, extents in zip(slides, result.geometry) for e in extents if e.role == "caption"]
    assert len(captions) == sum(1 for s in slides for slot in s.slots() if slot.caption or slot.credit)
    for slide, caption in captions:
        assert caption.box[1] + caption.box[3] <= bottom + 0.01, slide.id
        assert caption.ink[3] <= caption.box[3] - 0.09, f"{slide.id}: caption box holds caption and credit"
    prs = Presentation(str(result.path))
    shown = [shape for slide in prs.slides for shape in slide.shapes if shape.name.startswith("Picture: ")]
    assert len(shown) == sum(len(s.slots()) for s in slides), "every slot of the second deck has its picture"
    for shape in shown:
        width, height = shape.image.size
        assert shape.width / shape.height == pytest.approx(width / height, rel=0.02), shape.name


def test_check_warns_about_the_thumbnail_and_the_panorama_naming_slot_file_and_pixels(second):
    result = run("check", second, "--no-clients", "--locale", "en")
    assert result.exit_code == 0, result.output
    opening = second / "outline" / "03-opening.yaml"
    resolution = [line for line in result.output.splitlines() if "[assets.resolution]" in line]
    aspect = [line for line in result.output.splitlines() if "[assets.aspect]" in line]
    assert len(resolution) == 1 and len(aspect) == 1, result.output
    assert f"03-opening.yaml:{line_of(opening, '- slot: xiamen-harbour')}: " in resolution[0]
    assert "'xiamen-harbour'" in resolution[0] and "xiamen-harbour-thumbnail.jpg" in resolution[0]
    assert "got 120 x 90" in resolution[0] and re.search(r"at least \d+ x \d+ pixels", resolution[0])
    panorama_aspect = line_of(opening, "file: pictures/shenzhen-skyline-panorama.jpg") + 1
    assert f"03-opening.yaml:{panorama_aspect}: " in aspect[0]
    assert "'shenzhen-skyline'" in aspect[0] and "shenzhen-skyline-panorama.jpg" in aspect[0]
    assert "aspect: 20:3" in aspect[0] and "4000 x 600" in aspect[0]
    assert "check: 1 locale, 0 errors, 2 warnings" in result.output


def test_check_reports_both_pictures_in_both_locales_with_no_errors(second):
    result = run("check", second, "--no-clients", "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["errors"] == 0
    for locale in ("en", "fr"):
        rules = [f["rule"] for f in report["locales"][locale]["findings"]]
        assert rules.count("assets.resolution") == 1 and rules.count("assets.aspect") == 1, locale
        for finding in report["locales"][locale]["findings"]:
            assert finding["file"] and not Path(finding["file"]).name.endswith(".pptx"), finding


@pytest.fixture()
def edited(second, tmp_path):
    """A fresh copy of the second deck to edit."""
    target = tmp_path / "reform-era"
    shutil.copytree(second, target)
    return target


def _shapes(path: Path, slide_title: str):
    prs = Presentation(str(path))
    slide = next(s for s in prs.slides if title_of(s) == slide_title)
    return {shape.name: shape for shape in slide.shapes}


def test_aspect_auto_follows_the_picture_and_a_portrait_picture_widens_the_text(edited, tmp_path):
    rural = edited / "outline" / "02-rural-reform.yaml"
    opening = edited / "outline" / "03-opening.yaml"
    rural.write_text(rural.read_text(encoding="utf-8").replace('        aspect: "3:7"\n', ""), encoding="utf-8")
    opening.write_text(opening.read_text(encoding="utf-8").replace(
        'shenzhen-skyline-panorama.jpg\n        aspect: "16:9"', 'shenzhen-skyline-panorama.jpg\n        aspect: auto'),
        encoding="utf-8")
    result = build(edited, tmp_path / "auto")
    assert not [w for w in result.warnings if w.rule == "assets.aspect"]
    theme = result.resolved.theme
    skyline = _shapes(result.path, "Shenzhen: from border town to city")["Picture: shenzhen-skyline"]
    assert skyline.width / skyline.height == pytest.approx(20 / 3, rel=0.01)
    assert skyline.width == pytest.approx(Inches(theme.content_width), rel=0.01), "a panorama takes the full width"
    portrait = _shapes(result.path, "Selling the reform: posters of the new countryside")
    assert portrait["Text"].width > 0.6 * Inches(theme.content_width), "a portrait picture leaves the text more room"
    rural.write_text(rural.read_text(encoding="utf-8").replace(
        "file: pictures/new-countryside-poster.png", 'file: pictures/new-countryside-poster.png\n        aspect: "4:3"'),
        encoding="utf-8")
    landscape = _shapes(build(edited, tmp_path / "landscape").path, "Selling the reform: posters of the new countryside")
    assert portrait["Text"].width > landscape["Text"].width


def test_a_missing_picture_without_aspect_is_a_four_by_three_placeholder(edited, tmp_path):
    rural = edited / "outline" / "02-rural-reform.yaml"
    rural.write_text(rural.read_text(encoding="utf-8").replace('        aspect: "3:2"\n', ""), encoding="utf-8")
    (edited / "assets" / "pictures" / "xiaogang-fields.jpg").unlink()
    result = build(edited, tmp_path / "out")
    frame = _shapes(result.path, "Xiaogang village, late 1978: a secret contract")["Image slot: xiaogang-fields"]
    assert frame.width / frame.height == pytest.approx(4 / 3, rel=0.01) and "Slot shape 4:3" in frame.text_frame.text


# -- part dividers: counter, title (measured as drawn, in capitals), question, top-down -------------------------------


META = Meta("A lecture", "A. Lecturer", "History 101", "Fall 2026", "2026-09-01", "a-lecture")


@pytest.mark.parametrize("label", ["Legacy and the 1981 Resolution",
                                   "Limits and Legacy: the 1981 Resolution on Party History and What Followed It"])
def test_a_divider_title_that_wraps_pushes_the_question_down_and_never_meets_the_counter(label):
    from lecturedeck.kinds.title import TitleSlide

    part = Part("legacy", 4, label, "Where did reform stop, and what did it leave behind?", "Notes.")
    deck = Deck(META, (TitleSlide("title", "Notes."), PartSlide("legacy", part)), (part,) * 4, Path("."), Path("."))
    prs, warnings, geometry = render(Resolved(deck, Theme(), "en"))
    extents = {e.role: e for e in geometry[1]}
    counter, title, question = extents["counter"], extents["title"], extents["body"]
    assert counter.ink[1] + counter.ink[3] <= title.ink[1], "the counter sits above the title"
    assert title.ink[1] + title.ink[3] <= question.ink[1], "the question sits below the title"
    assert question.ink[1] + question.ink[3] <= Theme().height
    runs = [r for p in prs.slides[1].shapes.title.text_frame.paragraphs for r in p.runs]
    assert all(r._r.get("cap") is None and r._r.rPr.get("cap") == "all" for r in runs), "written as drawn: capitals"
    size = runs[0].font.size.pt
    lines = Measurer().count_lines([Run(label.upper(), True)], size, (title.box[2] - 0.1) * 72)
    assert title.ink[3] == pytest.approx(lines * size * LINE_HEIGHT / 72), "measured in capitals, as drawn"
    assert [shape.text_frame.text for shape in prs.slides[1].shapes if shape.name == "Part number"] == ["Part 4 of 4"]
    assert not warnings


# -- an institution's template: text is fitted to its placeholders ---------------------------------------------------


def _half_width_template(path: Path, theme: Theme) -> Path:
    """A 16:9 template whose `Title and Content` body placeholder is half the default's width; its footers where
    the default deck puts them."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(theme.width), Inches(theme.height)
    boxes = {"title": (theme.margin, theme.title_top, theme.content_width, theme.title_height),
             "body": (theme.margin, theme.content_top, theme.content_width / 2, theme.content_height),
             "ftr": (theme.margin, theme.footer_top, 8.0, theme.footer_height),
             "sldNum": (theme.width - theme.margin - 2.0, theme.footer_top, 2.0, theme.footer_height)}
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:
            kind = shape._element.ph.get("type", "obj")
            kind = "body" if kind == "obj" and layout.name == "Title and Content" else kind
            if kind in ("ftr", "sldNum") or (layout.name == "Title and Content" and kind in ("title", "body")):
                shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in boxes[kind])
    prs.save(str(path))
    return path


def _body_sizes(path: Path) -> dict[str, float]:
    prs = Presentation(str(path))
    out = {}
    for slide in prs.slides:
        if slide.slide_layout.name == "Title and Content":
            body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
            out[title_of(slide)] = max(r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs)
    return out


def test_text_is_fitted_to_an_institution_templates_placeholders(edited, tmp_path):
    default = build(edited, tmp_path / "default")
    theme = default.resolved.theme
    _half_width_template(edited / "institution.pptx", theme)
    deck_yaml = edited / "deck.yaml"
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8") + "template: institution.pptx\n", encoding="utf-8")
    narrow = build(edited, tmp_path / "narrow")
    before, after = _body_sizes(default.path), _body_sizes(narrow.path)
    shared = [t for t in before if t in after]
    assert len(shared) >= 10
    assert all(after[t] <= before[t] for t in shared), "a narrower body never gets larger text"
    assert sum(after[t] < before[t] for t in shared) >= 3, "the narrower body's text is fitted smaller"
    credits = [t for t in after if t.startswith("Credits and sources")]
    assert len(credits) > len([t for t in before if t.startswith("Credits and sources")]), "and the credits need more pages"
    prs = Presentation(str(narrow.path))
    bodies = [next(s for s in slide.placeholders if s.placeholder_format.idx == 1) for slide in prs.slides
              if slide.slide_layout.name == "Title and Content"]
    assert all(b.width == pytest.approx(Inches(theme.content_width / 2), abs=2) for b in bodies)
    result = run("check", edited, "--no-clients", "--locale", "en")
    assert result.exit_code == 0 and "check: 1 locale, 0 errors, 2 warnings" in result.output, result.output
    assert "[fit]" not in result.output and "[layout.collision]" not in result.output


# -- {term} and {date}; the term shown as written ---------------------------------------------------------------------


def test_term_and_date_in_outline_text_and_on_the_title_slide(edited, tmp_path):
    deck_yaml = edited / "deck.yaml"
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8").replace("slug:", "show_date: true\nslug:"),
                         encoding="utf-8")
    closing = edited / "outline" / "04-limits-legacy.yaml"
    closing.write_text(closing.read_text(encoding="utf-8").replace(
        'title: "What kind of reform was it?"', 'title: "What kind of reform was it? ({term}, {date})"'), encoding="utf-8")
    catalog = edited / "locales" / "fr.po"
    catalog.write_text(re.sub(r'msgid "What kind of reform was it\?"\nmsgstr "(.*)"',
                              r'msgid "What kind of reform was it? ({term}, {date})"\nmsgstr "\1 ({term}, {date})"',
                              catalog.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("build", edited, "--all-locales", "--term", "Autumn 2027", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "unknown placeholder" not in result.output and "English used" not in result.output
    for locale, term, date in (("en", "Autumn 2027", "January 15, 2027"), ("fr", "automne 2027", "15 janvier 2027")):
        path = tmp_path / "out" / f"reform-and-opening-autumn-2027-{locale}.pptx"
        prs = Presentation(str(path))
        titles = [title_of(s) for s in prs.slides]
        assert any(t.endswith(f"({term}, {date})") for t in titles), (locale, titles)
        opening = "\n".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
        assert date in opening and term in opening, opening
    assert "Fall" not in "\n".join(s.text_frame.text for s in Presentation(
        str(tmp_path / "out" / "reform-and-opening-autumn-2027-en.pptx")).slides[0].shapes if s.has_text_frame)


def test_term_and_date_are_reserved_value_names(edited):
    deck_yaml = edited / "deck.yaml"
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8").replace("  gdp_1992: 14.2", "  gdp_1992: 14.2\n  term: 3"),
                         encoding="utf-8")
    result = run("build", edited, "--out", edited / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"deck.yaml:{line_of(deck_yaml, '  term: 3')}: values.term: name taken by the build" in result.stderr


# -- the CLI: numbers agree with their nouns; export leaves no cache --------------------------------------------------


def test_check_counts_in_the_singular_when_there_is_one(tmp_path):
    from lecturedeck.commands.new import scaffold

    deck = scaffold(tmp_path / "one")  # one empty picture slot: one warning
    result = run("check", deck, "--no-clients")
    assert "0 errors, 1 warning\n" in result.output and "check: 1 locale, 0 errors, 1 warning" in result.output


def test_a_four_by_three_template_gets_the_grid_on_its_own_slide(edited, tmp_path):
    template = Presentation()  # python-pptx's stock template: 10 x 7.5 inches, its placeholders where it puts them
    for layout in template.slide_layouts:
        if layout.name == "Title Only":
            footer = next(s for s in layout.placeholders if s._element.ph.get("type") == "ftr")
            footer.width = Inches(1.0)  # too narrow for the course and term
    template.save(str(edited / "stock.pptx"))
    deck_yaml = edited / "deck.yaml"
    deck_yaml.write_text(deck_yaml.read_text(encoding="utf-8") + "template: stock.pptx\n", encoding="utf-8")
    result = build(edited, tmp_path / "out")
    assert result.resolved.theme.width == pytest.approx(10.0)
    view = built_view(result)
    warned = {w.where.split(".")[0] for w in result.warnings if w.rule == "fit"}
    assert all("'Footer'" in f.message or f.slide_id in warned for f in check_collision(view)), \
        "nothing collides but the wrapped footer and text the build said does not fit on this smaller slide"
    footer, = [w for w in result.warnings if w.where.endswith(".footer")]
    assert (footer.file, footer.line) == (deck_yaml, line_of(deck_yaml, "course:")) and "does not fit" in footer.message
    assert {f.slide_id for f in check_fit(view)} == {s.id for s in result.resolved.deck.slides
                                                     if s.layout == "Title Only"}, "the narrow footer, and only it"


def test_a_caption_that_cannot_fit_even_small_is_a_warning_naming_the_slot_and_stays_in_the_content_area():
    from lecturedeck.kinds.image import ImageSlide

    credit = "A credit that goes on and on, naming every archive twice. " * 30
    slide = ImageSlide("pics", "Pictures", "Notes.", (ImageSlot("long", "p/long.jpg", (4, 3), "Alt.", "Cap.", credit),
                                                      ImageSlot("short", "p/short.jpg", (4, 3), "Alt.", "Cap.", "Me")))
    theme = Theme()
    placed, _text = slide.arrange(theme, [4 / 3, 4 / 3])
    long, short = placed
    assert not long.fits and short.fits and long.sizes == (12, 12)
    for place in placed:
        assert place.caption[1] + place.caption[3] <= theme.content_bottom + 1e-6
        assert place.box[3] >= 0.3 * theme.content_height - 1e-6, "the picture keeps its share"
    deck = Deck(META, (slide,), (), Path("."), Path("."))
    _prs, warnings, _geometry = render(Resolved(deck, theme, "en"))
    assert [w.where for w in warnings] == ["pics.long.caption"] and "even at 12 pt" in warnings[0].message
