"""End to end: the lecture deck built from deck/, reopened with python-pptx and checked against the lecture."""

from __future__ import annotations

import re
import subprocess
import zipfile

from pptx.util import Emu

from conftest import ROOT, require_tool
from deckread import alt_text, open_deck, pictures, slide_texts, title_of
from lecturedeck.source.loader import load_deck
from lecturedeck.source.markup import plain
from lecturedeck.commands.build import build

EXPECTED_IDS = [
    "title", "agenda",
    "context", "early-prc", "late-1950s-change", "sino-soviet-split", "mao-khrushchev", "radicals-vs-moderates",
    "radicals-and-moderates", "mass-line", "prelude",
    "contents", "glf-overview", "general-line", "economic-leap", "backyard-furnaces", "iron-input", "meals-are-free",
    "bumper-harvests", "ideological-leap", "political-leap", "propaganda-posters",
    "consequences", "failed-attempt", "economic-consequences", "death-toll",
    "assessments", "why-fail", "damage-beyond-economy", "aftermaths",
]
SLOTS = ["mao-khrushchev", "backyard-furnaces", "iron-input", "meals-are-free-poster", "bumper-harvest-photo",
         "collective-life-poster", "work-hard-poster"]


def lecture_lines(text: str) -> list[str]:
    """Every line of the lecture as it should read on a slide (bullet markers and emphasis markers removed)."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        line = re.sub(r"^-\s*", "", line)
        line = re.sub(r"^▶\s*", "", line)
        if line:
            lines.append(plain(line))
    joined = []
    for line in lines:  # the poster slogan is split over two lines in the lecture and read as one title
        if joined and joined[-1] == "“Meals are free,":
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def test_slides_follow_the_lecture_in_order(built_deck):
    deck = load_deck(ROOT / "deck")
    assert [slide.id for slide in deck.slides] == EXPECTED_IDS
    prs = open_deck(built_deck)
    assert len(prs.slides) == len(EXPECTED_IDS) + 1, "the lecture's slides and the generated credits slide"
    titles = [title_of(slide) for slide in prs.slides]
    assert titles[0] == "The Great Leap Forward and Its Failure"
    assert titles[1] == "We will discuss the following"
    assert titles[2] == "The Context"
    assert titles[-2] == "Aftermaths and official assessments"
    assert titles[-1] == "Credits and sources"
    assert titles.index("Why did it fail?") < titles.index(
        "The damage is beyond economy: political and organizational consequences")


def test_every_lecture_line_is_on_a_slide_verbatim(built_deck, lecture_text):
    texts = "\n".join(slide_texts(open_deck(built_deck)))
    lines = lecture_lines(lecture_text)
    assert len(lines) > 80
    missing = [line for line in lines if line not in texts]
    assert missing == []
    assert "孩子們在田裏，就像站在軟綿綿的沙灘上似的 于震聲攝影" in texts


def test_emphasis_is_kept_as_bold_and_italic_runs(built_deck):
    prs = open_deck(built_deck)
    runs = [run for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for run in p.runs]
    bold = {run.text for run in runs if run.font.bold}
    italic = {run.text for run in runs if run.font.italic}
    assert {"Economic recovery", "Ideas matter:", "is possible.", "manual labor", "The Context:"} <= bold
    assert {"People's Daily", "leap forward"} <= italic


def test_every_slide_has_speaker_notes_of_substance(built_deck):
    prs = open_deck(built_deck)
    for number, slide in enumerate(prs.slides, 1):
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", notes.strip()) if len(s.split()) >= 4]
        assert len(sentences) >= 2, f"slide {number} has thin notes: {notes!r}"
        assert "notes go here" not in notes.lower() and "todo" not in notes.lower()


def test_missing_pictures_become_designed_placeholders_with_alt_text(built_deck):
    prs = open_deck(built_deck)
    names = {shape.name: shape for slide in prs.slides for shape in slide.shapes}
    for slot in SLOTS:
        shape = names[f"Image slot: {slot}"]
        assert f"assets/posters/{slot}.jpg" in shape.text_frame.text
        assert re.search(r"\d+:\d+", shape.text_frame.text)
        assert len(alt_text(shape)) > 30


def test_charts_are_pictures_with_real_alt_text(built_deck):
    prs = open_deck(built_deck)
    found = pictures(prs)
    assert [shape.name for _, shape in found] == ["Chart: economic-consequences", "Chart: death-toll"]
    for _, shape in found:
        text = alt_text(shape)
        assert len(text) > 40 and not re.search(r"\.(png|jpe?g)$", text)
        assert shape.image.dpi[0] >= 200 or shape.image.size[0] / Emu(shape.width).inches >= 199


def test_deck_is_16_by_9_with_footer_and_slide_numbers(built_deck):
    prs = open_deck(built_deck)
    assert (round(Emu(prs.slide_width).inches, 2), round(Emu(prs.slide_height).inches, 2)) == (13.33, 7.5)
    for number, slide in enumerate(prs.slides, 1):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        numbered = slide._element.xpath(".//a:fld[@type='slidenum']")
        if slide.slide_layout.name in ("Title Slide", "Section Header"):
            assert not numbered
            continue
        assert "Contemporary Chinese Politics · Fall 2026" in texts
        assert numbered and numbered[0].xpath("string(a:t)") == str(number)


def test_body_text_is_at_least_20_points(built_deck):
    prs = open_deck(built_deck)
    bodies = [(number, slide) for number, slide in enumerate(prs.slides, 1)
              if slide.slide_layout.name == "Title and Content"]
    assert len(bodies) >= 10, "most of the lecture is body text"
    for number, slide in bodies:
        body = [s for s in slide.placeholders if s.placeholder_format.idx == 1][0]
        sizes = [run.font.size.pt for p in body.text_frame.paragraphs for run in p.runs]
        assert sizes and min(sizes) >= 20, f"slide {number}"


def test_chinese_runs_carry_east_asian_font_and_language(built_deck):
    prs = open_deck(built_deck)
    xml = [run._r for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
           for p in shape.text_frame.paragraphs for run in p.runs if "孩" in run.text]
    assert xml
    for r in xml:
        rpr = r.find("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")
        assert rpr.get("lang") == "zh-TW"
        assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface") == \
            "Microsoft JhengHei"


def test_two_builds_give_identical_bytes(tmp_path):
    first = build(ROOT / "deck", tmp_path / "a").path.read_bytes()
    second = build(ROOT / "deck", tmp_path / "b").path.read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a" / "great-leap-forward-fall-2026-en.pptx") as package:
        assert {info.date_time for info in package.infolist()} == {(2026, 9, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
        assert "2026-09-01T00:00:00Z" in core and "2013" not in core


def test_term_override_names_file_and_title_slide(tmp_path):
    result = build(ROOT / "deck", tmp_path, term="Spring 2027")
    assert result.path.name == "great-leap-forward-spring-2027-en.pptx"
    texts = slide_texts(open_deck(result.path))
    assert "Contemporary Chinese Politics · Spring 2027" in texts[0]
    assert "Contemporary Chinese Politics · Spring 2027" in texts[5]


def test_render_in_libreoffice_gives_one_page_per_slide(built_deck, tmp_path):
    soffice = require_tool("soffice")
    require_tool("pdfinfo")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(built_deck)], check=True, capture_output=True, timeout=300)
    pdf = tmp_path / (built_deck.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+31$", info, re.M)


def test_last_slide_credits_every_chart_with_its_source(built_deck):
    prs = open_deck(built_deck)
    credits = slide_texts(prs)[-1]
    deck = load_deck(ROOT / "deck")
    charts = [(number, slide) for number, slide in enumerate(deck.slides, 1) if slide.kind == "chart"]
    assert len(charts) == 2
    for number, slide in charts:
        assert f"Slide {number}: {slide.title.replace('{death_toll}', '15 to 43 million')} — {slide.source}" in credits
    assert "Data and full citations: assets/data/README.md" in credits
    assert prs.slides[-1].has_notes_slide and "assets/data/README.md" in prs.slides[-1].notes_slide.notes_text_frame.text


def test_shapes_are_in_reading_order_title_first_footer_last(built_deck):
    from lecturedeck.render.order import placeholder_type, visual_order

    for number, slide in enumerate(open_deck(built_deck).slides, 1):
        shapes = list(slide.shapes)
        assert [s.shape_id for s in shapes] == [s.shape_id for s in visual_order(shapes)], f"slide {number}"
        assert placeholder_type(shapes[0]._element) in ("title", "ctrTitle"), f"slide {number}"
