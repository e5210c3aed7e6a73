"""The rest of the translation work: the pipeline's texts shipped in the package, script tagging of Chinese inside
another language's deck, italics never on CJK, balanced breaks of wrapped CJK titles, the glossary rule, hints."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches

from conftest import ROOT
from deckread import open_deck
from lecturedeck.check.access import check_language
from lecturedeck.check.findings import Built
from lecturedeck.cli import cli
from lecturedeck.commands.build import build
from lecturedeck.i18n import catalog as cat
from lecturedeck.i18n import pipeline
from lecturedeck.i18n.glossary import load_glossary, term_pattern
from lecturedeck.i18n.strings import UI_STRINGS
from lecturedeck.problems import DeckError, command
from lecturedeck.render.hanscript import han_script
from lecturedeck.render.pptxtext import Style, set_paragraph
from lecturedeck.render.textfit import BREAK, Measurer, balanced_breaks
from lecturedeck.source.markup import Run
from lecturedeck.source.theme import Theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def copy_lecture(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "deck"


def copy_reform(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples" / "reform-era", tmp_path / "reform-era", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "reform-era"


# -- the pipeline's texts in the package -------------------------------------------------------------------------


def test_the_packages_template_is_the_pipelines_table_and_every_catalog_translates_all_of_it():
    template = cat.load(pipeline.TEMPLATE)
    assert [(e.context, e.msgid, " ".join(e.notes)) for e in template.entries] == [
        (key, english, note) for key, (english, note) in UI_STRINGS.items()]
    locales = sorted(path.stem for path in pipeline.CATALOGS.glob("*.po"))
    assert locales == ["de", "es", "fr", "ja", "ko", "zh_Hans", "zh_Hant"]
    for locale in locales:
        assert all(pipeline.package_entry(locale, key) is not None for key in UI_STRINGS), locale
        assert cat.load(pipeline.CATALOGS / f"{locale}.po").header_field("Language") == locale


def test_a_locale_falls_back_to_its_language_and_a_locale_without_a_package_catalog_has_none():
    assert pipeline.candidates("zh_Hant_HK") == ["zh_Hant_HK", "zh_Hant", "zh"]
    assert pipeline.package_entry("zh_Hant_HK", "term.fall").msgstr == "秋季"
    assert pipeline.package_entry("pt_BR", "term.fall") is None
    assert pipeline.deck_keys("it", None) == list(UI_STRINGS)
    assert pipeline.deck_keys("fr", None) == []


def test_the_lecture_catalogs_keep_only_the_pipeline_texts_they_translate_differently():
    for locale in ("zh_Hant", "zh_Hans"):
        entries = cat.load(cat.po_path(ROOT / "deck", locale)).by_id()
        overrides = {key: e.msgstr for key, e in entries.items() if key in UI_STRINGS}
        assert overrides, locale
        for key, text in overrides.items():
            assert text != pipeline.package_entry(locale, key).msgstr, (locale, key)


# -- script tagging and italics -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, script", [("样板戏", "zh_Hans"), ("大字报", "zh_Hans"), ("于震聲", "zh_Hant"),
                                          ("孩子們在田裏", "zh_Hant"), ("泽與", None), ("中国", "zh_Hans"),
                                          ("大字", None), ("群峰", None), ("English", None)])
def test_han_script_is_told_by_the_characters_only_one_script_has(text, script):
    assert han_script(text) == script


def _runs(text: str, style: Style) -> list[tuple[str, str, str, str | None]]:
    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(4), Inches(1))
    set_paragraph(box.text_frame.paragraphs[0], text, style)
    return [(r.findtext(f"{A}t"), r.find(f"{A}rPr").get("lang"), r.find(f"{A}rPr/{A}ea").get("typeface"),
             r.find(f"{A}rPr").get("i")) for r in box.text_frame.paragraphs[0]._p.iter(f"{A}r")]


FONTS = (("zh-CN", "Microsoft YaHei"), ("zh-TW", "Microsoft JhengHei"))


def test_chinese_in_an_english_deck_is_tagged_by_its_script_with_the_matching_font():
    style = Style(18, "000000", "Calibri", "Microsoft JhengHei", "en-US", "zh-TW", cjk_fonts=FONTS)
    assert _runs("the *dazibao* (大字报) and 樣板戲 and 毛", style) == [
        ("the ", "en-US", "Microsoft JhengHei", None), ("dazibao", "en-US", "Microsoft JhengHei", "1"),
        (" (", "en-US", "Microsoft JhengHei", None), ("大字报", "zh-CN", "Microsoft YaHei", None),
        (") and ", "en-US", "Microsoft JhengHei", None), ("樣板戲", "zh-TW", "Microsoft JhengHei", None),
        (" and ", "en-US", "Microsoft JhengHei", None), ("毛", "zh-TW", "Microsoft JhengHei", None)]
    simplified_default = Style(18, "000000", "Calibri", "Microsoft JhengHei", "en-US", "zh-CN", cjk_fonts=FONTS)
    assert _runs("毛", simplified_default) == [("毛", "zh-CN", "Microsoft YaHei", None)]


def test_italic_cjk_is_never_slanted_in_any_deck():
    style = Style(18, "000000", "Calibri", "Microsoft JhengHei", "zh-TW", "zh-TW", cjk_fonts=FONTS)
    assert _runs("是*失敗 failure*的", style) == [
        ("是", "zh-TW", "Microsoft JhengHei", None), ("失敗", "zh-TW", "Microsoft JhengHei", None),
        (" failure", "zh-TW", "Microsoft JhengHei", "1"), ("的", "zh-TW", "Microsoft JhengHei", None)]


def _lecture_with_chinese_bullet(tmp_path: Path, chinese: str | None) -> Path:
    deck = copy_lecture(tmp_path)
    outline = deck / "outline" / "01-context.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace('      - "**Economic recovery**"\n',
                                    '      - "**Economic recovery** (大字报, 樣板戲, 毛)"\n', 1), encoding="utf-8")
    if chinese:
        meta = deck / "deck.yaml"
        meta.write_text(meta.read_text(encoding="utf-8") + f"chinese: {chinese}\n", encoding="utf-8")
    return deck


@pytest.mark.parametrize("chinese, ambiguous", [(None, ("zh-TW", "Microsoft JhengHei")),
                                                ("zh_Hans", ("zh-CN", "Microsoft YaHei"))])
def test_the_english_lecture_tags_each_chinese_word_by_script_and_the_rest_by_deck_yaml(tmp_path, chinese, ambiguous):
    deck = _lecture_with_chinese_bullet(tmp_path, chinese)
    result = build(deck, tmp_path / "out")
    prs = open_deck(result.path)
    tags = {r.findtext(f"{A}t"): (r.find(f"{A}rPr").get("lang"), r.find(f"{A}rPr/{A}ea").get("typeface"))
            for slide in prs.slides for r in slide._element.iter(f"{A}r")}
    assert tags["大字报"] == ("zh-CN", "Microsoft YaHei") and tags["樣板戲"] == ("zh-TW", "Microsoft JhengHei")
    assert tags["毛"] == ambiguous
    assert tags["于震聲"] == ("zh-TW", "Microsoft JhengHei"), "the lecture's Traditional caption"
    built = Built("en", result.path, prs, result.resolved.deck, result.resolved.theme)
    assert check_language(built) == []


def test_a_run_tagged_against_its_script_is_an_a11y_lang_error(tmp_path):
    deck = _lecture_with_chinese_bullet(tmp_path, None)
    result = build(deck, tmp_path / "out")
    prs = open_deck(result.path)
    run_element = next(r for slide in prs.slides for r in slide._element.iter(f"{A}r") if r.findtext(f"{A}t") == "大字报")
    run_element.find(f"{A}rPr").set("lang", "zh-TW")
    findings = check_language(Built("en", result.path, prs, result.resolved.deck, result.resolved.theme))
    assert [f.message for f in findings] == [
        "Chinese text '大字报' is written in Simplified characters (expected zh-CN, got zh-TW)"]


def test_an_unknown_chinese_setting_is_an_error_at_its_line(tmp_path):
    deck = copy_reform(tmp_path)
    meta = deck / "deck.yaml"
    lines = meta.read_text(encoding="utf-8").splitlines()
    meta.write_text("\n".join(lines + ["chinese: zh_TW"]) + "\n", encoding="utf-8")
    result = run("build", deck, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert f"deck.yaml:{len(lines) + 1}: chinese: not a Chinese script (expected zh_Hant or zh_Hans, got 'zh_TW')" in result.stderr


# -- balanced breaks of wrapped CJK titles ------------------------------------------------------------------------


def test_a_cjk_title_that_would_leave_one_or_two_characters_alone_is_broken_at_a_balanced_point():
    measurer = Measurer()
    text = "对毛泽东和中共而言，建国初期（1949—1957年）是成功的"
    runs = [Run(text, True)]
    width = measurer.width(text[:-1], 32, True) + 1  # the last character alone on the second line
    assert measurer.layout(runs, 32, width)[0] == 2
    breaks = balanced_breaks(runs, 32, width, measurer)
    assert breaks == (text.index("（"),), "before the bracket, not before the last character"
    broken = [Run(text[:breaks[0]], True), Run(BREAK), Run(text[breaks[0]:], True)]
    assert measurer.count_lines(broken, 32, width) == 2, "the same number of lines: the fit measurement holds"
    assert balanced_breaks(runs, 32, width * 2, measurer) == (), "one line needs no break"
    latin = [Run("A Latin title that wraps onto a second line with one word", True)]
    assert balanced_breaks(latin, 32, measurer.width(latin[0].text[:-4], 32, True), measurer) == ()
    three = [Run(text * 2, True)]
    width = measurer.width(text * 2, 32, True) / 2 - 5
    lines, starts, _widest = measurer.layout(three, 32, width)
    broken_three = balanced_breaks(three, 32, width, measurer)
    assert lines == 3 and len(broken_three) == 2


def test_the_zh_hant_lecture_title_no_longer_leaves_its_last_characters_alone_and_still_fits(tmp_path):
    from lecturedeck.check.fit import check_fit

    result = build(ROOT / "deck", tmp_path / "out", locale="zh_Hant")
    prs = open_deck(result.path)
    title = prs.slides[3].shapes.title.text_frame
    assert title.text == "中華人民共和國初期（1949–1957年）：\x0b毛澤東與中共的成功時期", "after the colon, not 成功／時期"
    assert title.paragraphs[0]._p.find(qn("a:br")) is not None
    built = Built("zh_Hant", result.path, prs, result.resolved.deck, result.resolved.theme)
    assert [f for f in check_fit(built) if f.slide == 4] == []


# -- the glossary -------------------------------------------------------------------------------------------------


def test_glossary_terms_match_whole_words_in_any_case_with_plurals():
    pattern = term_pattern("moderate")
    assert [bool(pattern.search(t)) for t in ("the Moderates", "moderate growth", "moderately", "immoderate")] == [
        True, True, False, False]
    assert term_pattern("People's Daily").search("the People’s Daily editorial")


def test_the_glossary_rule_flags_a_translation_without_the_required_rendering(tmp_path):
    deck = copy_lecture(tmp_path)
    po_file = cat.po_path(deck, "zh_Hans")
    catalog = cat.load(po_file)
    entry = catalog.by_id()["radicals-vs-moderates.title"]
    po_file.write_text(po_file.read_text(encoding="utf-8").replace(entry.msgstr, entry.msgstr.replace("温和派", "稳健派")),
                       encoding="utf-8")
    glossary_line = next(n for n, line in enumerate((deck / "locales/zh_Hans.glossary.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if line.startswith("moderate:"))
    message = (f"radicals-vs-moderates.title: English has 'moderates', translation lacks 温和派 (expected it for "
               f"'moderate', {deck}/locales/zh_Hans.glossary.yaml:{glossary_line})")
    result = run("check", deck, "--locale", "zh_Hans", "--no-clients", "--format", "json")
    findings = [f for f in json.loads(result.stdout)["locales"]["zh_Hans"]["findings"] if f["rule"] == "i18n.glossary"]
    assert findings == [{"rule": "i18n.glossary", "level": "warning", "message": message, "locale": "zh_Hans",
                         "slide": 8, "slide_id": "radicals-vs-moderates", "file": str(po_file),
                         "line": entry.msgstr_line}]
    strict = run("check", deck, "--locale", "zh_Hans", "--no-clients", "--strict")
    assert strict.exit_code == 1 and "[i18n.glossary]" in strict.stdout
    status = run("i18n", "status", deck, "--locale", "zh_Hans")
    assert f"{po_file}:{entry.msgstr_line}: [i18n.glossary] {message}" in status.stdout


def test_a_glossary_for_the_reform_era_french_catalog(tmp_path):
    deck = copy_reform(tmp_path)
    (deck / "locales" / "fr.glossary.yaml").write_text("Third Plenum: [troisième plénum, Troisième Plénum]\n",
                                                       encoding="utf-8")
    assert json.loads(run("i18n", "status", deck, "--format", "json").stdout)["locales"]["fr"]["glossary"] == []
    po_file = cat.po_path(deck, "fr")
    po_file.write_text(po_file.read_text(encoding="utf-8").replace(
        'msgstr "Le troisième plénum du XIe Comité central, décembre 1978"',
        'msgstr "La troisième session plénière du XIe Comité central, décembre 1978"'), encoding="utf-8")
    found = json.loads(run("i18n", "status", deck, "--format", "json").stdout)["locales"]["fr"]["glossary"]
    assert len(found) == 1 and "translation lacks troisième plénum or Troisième Plénum (expected one of them" in found[0]["message"]


@pytest.mark.parametrize("content, line, message", [
    ("moderate: [温和派, [稳健派]]\n", 1, "moderate: wrong type (expected a rendering as text, got a list)"),
    ("moderate:\n", 1, "moderate: missing rendering (expected the translation every entry must use, or a list of "
                       "accepted ones, got nothing)"),
    ("- moderate\n", 1, "wrong type (expected a mapping of English terms to renderings, got a list)"),
    ("moderate: 温和派\nmoderate: 稳健派\n", 2, "moderate: duplicate key (first given on line 1)"),
])
def test_a_broken_glossary_is_an_error_at_its_line(tmp_path, content, line, message):
    (tmp_path / "fr.glossary.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(DeckError) as error:
        load_glossary(tmp_path, "fr")
    assert error.value.problems[0].format() == f"{tmp_path}/fr.glossary.yaml:{line}: {message}"


def test_the_shipped_glossaries_load_and_their_catalogs_keep_them():
    for locale in ("zh_Hant", "zh_Hans"):
        glossary = load_glossary(ROOT / "deck" / "locales", locale)
        assert len(glossary.terms) > 50
        result = json.loads(run("i18n", "status", ROOT / "deck", "--locale", locale, "--format", "json").stdout)
        assert result["locales"][locale]["glossary"] == []


# -- hints ------------------------------------------------------------------------------------------------------


def test_a_command_hint_names_the_deck_folder_unless_it_is_the_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert command("deck", "i18n", "update") == "build.py i18n update"
    assert command(tmp_path / "deck", "i18n", "update") == "build.py i18n update"
    assert command("examples/reform-era", "build", options=("--locale", "fr")) == "build.py build examples/reform-era --locale fr"
    assert command("my decks/one", "i18n", "init", "fr") == "build.py i18n init fr 'my decks/one'"


def test_in_a_chinese_deck_a_run_of_the_other_script_gets_its_tag_and_shared_characters_the_decks():
    style = Style(18, "000000", "Calibri", "Microsoft YaHei", "zh-CN", "zh-CN", cjk_fonts=FONTS)
    assert _runs("《人民日報》", style) == [("《人民日報》", "zh-TW", "Microsoft JhengHei", None)]
    assert _runs("大字报", style) == [("大字报", "zh-CN", "Microsoft YaHei", None)]
    assert _runs("毛", style) == [("毛", "zh-CN", "Microsoft YaHei", None)]


@pytest.mark.parametrize("layout", [["--no-wrap"], ["--width=60"], ["--sort-output"]])
def test_a_catalog_saved_by_other_tools_builds_the_same_deck_and_update_takes_it_back(tmp_path, layout):
    """TAs save catalogs with Poedit or Weblate, which wrap, order and head the file their own way (gettext's msgcat
    stands in for them, plus Poedit's X-Generator line): the deck must not change, and `update` must accept it."""
    import subprocess

    from conftest import require_tool

    msgcat = require_tool("msgcat")
    shutil.copytree(ROOT / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    deck, po = tmp_path / "deck", tmp_path / "deck" / "locales" / "zh_Hant.po"
    before = build(deck, tmp_path / "before", locale="zh_Hant").path.read_bytes()
    subprocess.run([msgcat, *layout, str(po), "-o", str(po)], check=True)
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('"Language: zh_Hant\\n"\n', '"Language: zh_Hant\\n"\n"X-Generator: Poedit 3.4.2\\n"\n', 1),
                  encoding="utf-8")
    assert "X-Generator: Poedit" in po.read_text(encoding="utf-8")
    assert po.read_text(encoding="utf-8") != (ROOT / "deck" / "locales" / "zh_Hant.po").read_text(encoding="utf-8")
    assert build(deck, tmp_path / "after", locale="zh_Hant").path.read_bytes() == before
    result = CliRunner().invoke(cli, ["i18n", "update", str(deck), "--locale", "zh_Hant"])
    assert result.exit_code == 0, result.output
    assert build(deck, tmp_path / "updated", locale="zh_Hant").path.read_bytes() == before
