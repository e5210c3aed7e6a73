"""The shipped Traditional and Simplified Chinese decks: complete, tagged for the right glyphs, numbers from data."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, require_tool
from deckread import open_deck, pictures, slide_texts
from lecturedeck.commands.build import build
from lecturedeck.render.textfit import has_cjk

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LANGS = {"zh_Hant": "zh-TW", "zh_Hans": "zh-CN"}
EAST_ASIAN = {"zh_Hant": "Microsoft JhengHei", "zh_Hans": "Microsoft YaHei"}  # the fonts each script shows in
CAPTION_HANT = "孩子們在田裏，就像站在軟綿綿的沙灘上似的 于震聲攝影"


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict:
    """Both Chinese decks and the English one, built once, with their build results."""
    out = tmp_path_factory.mktemp("zh")
    return {locale: build(ROOT / "deck", out, locale=locale) for locale in ("en", "zh_Hant", "zh_Hans")}


@pytest.mark.parametrize("locale", LANGS)
def test_everything_is_translated_and_fits(decks, locale):
    result = decks[locale]
    others = [w.format() for w in result.warnings if "image file missing" not in w.message]
    assert others == [], "only the missing pictures may warn: no English fallback, nothing that does not fit"


@pytest.mark.parametrize("locale", LANGS)
def test_every_run_has_the_locale_language_and_an_east_asian_font(decks, locale):
    prs = open_deck(decks[locale].path)
    runs = [r for slide in prs.slides for r in slide._element.iter(f"{A}r")]
    runs += [r for slide in prs.slides for r in slide.notes_slide._element.iter(f"{A}r")]
    assert len(runs) > 200
    for run in runs:
        rpr = run.find(f"{A}rPr")
        assert rpr.get("lang") == LANGS[locale], run.findtext(f"{A}t")
        assert rpr.find(f"{A}ea").get("typeface") == EAST_ASIAN[locale], run.findtext(f"{A}t")
    chinese = [r for r in runs if has_cjk(r.findtext(f"{A}t") or "")]
    assert len(chinese) > 150


@pytest.mark.parametrize("locale", LANGS)
def test_titles_texts_and_notes_are_chinese_on_every_slide(decks, locale):
    prs = open_deck(decks[locale].path)
    english = open_deck(decks["en"].path)
    assert len(prs.slides) == len(english.slides) == 31
    for number, (slide, texts) in enumerate(zip(prs.slides, slide_texts(prs)), 1):
        assert has_cjk(texts), f"slide {number} has no Chinese text"
        notes = slide.notes_slide.notes_text_frame.text
        assert has_cjk(notes) and len(notes) > 40, f"slide {number} notes"


def test_the_lecture_caption_stays_traditional_in_zh_hant_and_is_simplified_in_zh_hans(decks):
    assert CAPTION_HANT in "\n".join(slide_texts(open_deck(decks["zh_Hant"].path)))
    hans = "\n".join(slide_texts(open_deck(decks["zh_Hans"].path)))
    assert "孩子们在田里，就像站在软绵绵的沙滩上似的 于震声摄影" in hans


@pytest.mark.parametrize("locale, toll, term", [
    ("en", "(15 to 43 million)", "Contemporary Chinese Politics · Fall 2026"),
    ("zh_Hant", "1500萬至4300萬", "2026年秋季"),
    ("zh_Hans", "1500万至4300万", "2026年秋季"),
])
def test_numbers_and_the_term_are_formatted_per_locale(decks, locale, toll, term):
    texts = slide_texts(open_deck(decks[locale].path))
    assert toll in texts[25], texts[25]
    assert term in texts[0] and term in texts[3]


def test_chart_pictures_are_drawn_with_localized_labels(decks):
    def chart_bytes(locale):
        prs = open_deck(decks[locale].path)
        return [shape.image.blob for _n, shape in pictures(prs) if shape.name.startswith("Chart:")]

    english, hant, hans = chart_bytes("en"), chart_bytes("zh_Hant"), chart_bytes("zh_Hans")
    assert len(english) == len(hant) == len(hans) == 2
    assert all(len({a, b, c}) == 3 for a, b, c in zip(english, hant, hans))
    cache = Path(decks["zh_Hant"].path).parent / ".cache" / "charts"
    used = "".join(path.read_text(encoding="utf-8") for path in cache.glob("*.json"))
    assert "chart.death_toll.axis-label" in used and "chart.economy.grain-title" in used


@pytest.mark.parametrize("locale", LANGS)
def test_chinese_deck_renders_in_libreoffice_with_cjk_fonts(decks, locale, tmp_path):
    soffice = require_tool("soffice")
    require_tool("pdffonts")
    deck = decks[locale].path
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck)], check=True, capture_output=True, timeout=300)
    pdf = tmp_path / (Path(deck).stem + ".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+31$", info, re.M)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"CJK|JhengHei|YaHei|Hei|Ming|Song", fonts), f"no CJK font in the PDF:\n{fonts}"
