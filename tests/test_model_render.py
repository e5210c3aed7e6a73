"""Units: the model's text keys, and the renderer on small in-memory decks (fit, template, kinds)."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from lecturedeck.kinds.bullets import BulletsSlide
from lecturedeck.kinds.image import ImageSlide
from lecturedeck.kinds.part import PartSlide
from lecturedeck.kinds.title import TitleSlide
from lecturedeck.source.model import Bullet, Deck, ImageSlot, Meta, Part
from lecturedeck.render.deck import render
from lecturedeck.resolve.resolve import Resolved
from lecturedeck.source.theme import Theme

META = Meta("A lecture", "A. Lecturer", "History 101", "Fall 2026", "2026-09-01", "a-lecture")


def deck_of(*slides, template: Path | None = None) -> Deck:
    parts = tuple(s.part for s in slides if isinstance(s, PartSlide))
    return Deck(META, (TitleSlide("title", "Opening words. Second sentence."),) + slides, parts, Path("."), Path("."),
                template)


def body_sizes(prs, index):
    slide = prs.slides[index]
    body = [s for s in slide.placeholders if s.placeholder_format.idx == 1][0]
    return {run.font.size.pt for p in body.text_frame.paragraphs for run in p.runs}


def test_slide_texts_keys_name_each_field():
    slide = ImageSlide("photo", "A photo", "Notes.", (ImageSlot("p", "posters/p.jpg", (4, 3), "Alt.", "Cap.", ""),),
                       (Bullet("One", (Bullet("Two"),)),))
    assert dict(slide.texts()) == {
        "photo.title": "A photo", "photo.notes[0]": "Notes.", "photo.p.alt": "Alt.", "photo.p.caption": "Cap.",
        "photo.text[0]": "One", "photo.text[0].sub[0]": "Two",
    }


def test_short_bullets_get_the_largest_size_and_long_ones_shrink_to_fit():
    short = BulletsSlide("short", "Short", "Notes.", (Bullet("One line"),))
    long_text = " ".join(["A rather long sentence that goes on."] * 9)
    long = BulletsSlide("long", "Long", "Notes.", tuple(Bullet(long_text) for _ in range(3)))
    prs, warnings, _geometry = render(Resolved(deck_of(short, long), Theme(), "en"))
    assert body_sizes(prs, 1) == {26}
    assert max(body_sizes(prs, 2)) < 26 and min(body_sizes(prs, 2)) >= 20
    assert not warnings


def test_text_that_cannot_fit_is_a_warning_naming_the_slide():
    text = " ".join(["Far too much text for one slide."] * 40)
    slide = BulletsSlide("crowded", "Crowded", "Notes.", tuple(Bullet(text) for _ in range(3)))
    _prs, warnings, _geometry = render(Resolved(deck_of(slide), Theme(), "en"))
    assert [w.where for w in warnings] == ["crowded.bullets"]
    assert "does not fit" in warnings[0].message


def test_part_divider_shows_number_label_and_question():
    part = Part("one", 1, "The Context", "What led to it?", "Divider notes. More notes.")
    prs, _warnings, _geometry = render(Resolved(deck_of(PartSlide("one", part)), Theme(), "en"))
    texts = [s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame and s.text_frame.text]
    assert texts[:3] == ["The Context", "Part 1 of 1", "What led to it?"], "title first, then top to bottom"


def test_an_institution_template_is_used_by_layout_name(tmp_path):
    template = tmp_path / "institution.pptx"
    Presentation().save(template)  # 4:3, the stock layouts: its placeholders keep their positions
    slide = BulletsSlide("b", "Bullets", "Notes.", (Bullet("One"),))
    prs, _warnings, _geometry = render(Resolved(deck_of(slide, template=template), Theme(), "en"))
    assert prs.slide_width == Presentation(str(template)).slide_width
    assert [s.slide_layout.name for s in prs.slides] == ["Title Slide", "Title and Content"]
    layout_body = [s for s in prs.slides[1].slide_layout.placeholders if s.placeholder_format.idx == 1][0]
    body = [s for s in prs.slides[1].placeholders if s.placeholder_format.idx == 1][0]
    assert (body.left, body.top) == (layout_body.left, layout_body.top)


def test_a_line_break_typed_in_a_bullet_is_drawn_and_measured_as_one():
    from pptx.oxml.ns import qn

    from lecturedeck.render.textfit import Measurer
    from lecturedeck.source.markup import Run

    slide = BulletsSlide("poem", "A poem", "Notes.", (Bullet("First line\nsecond line"),))
    prs, warnings = render(Resolved(deck_of(slide), Theme(), "en"))[:2]
    body = [s for s in prs.slides[1].placeholders if s.placeholder_format.idx == 1][0]
    paragraph = body.text_frame.paragraphs[0]._p
    assert [r.text for r in paragraph.iter(qn("a:t"))] == ["First line", "second line"]
    assert len(paragraph.findall(qn("a:br"))) == 1 and not warnings
    wide = 10_000.0
    assert Measurer().count_lines([Run("First line\nsecond line")], 20, wide) == 2
    assert Measurer().count_lines([Run("First line second line")], 20, wide) == 1
