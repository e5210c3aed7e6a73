"""Unit tests: inline markup, text measuring, the strict YAML reader, typed fields, picture preparation."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from conftest import require_noto_cjk
from PIL import Image
from pptx.oxml.ns import qn

from lecturedeck.render import grid
from lecturedeck.resolve import images
from lecturedeck.source.fields import Reader
from lecturedeck.source.markup import Run, parse, plain, signature
from lecturedeck.problems import DeckError, Problem
from lecturedeck.render.textfit import NO_LINE_END, NO_LINE_START, Measurer, _tokens
from lecturedeck.source.yamlsource import MAX_DEPTH, load_yaml

# -- markup ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, runs", [
    ("plain text", [Run("plain text")]),
    ("a **bold** word", [Run("a "), Run("bold", bold=True), Run(" word")]),
    ("an *italic* word", [Run("an "), Run("italic", italic=True), Run(" word")]),
    ("**bold with *italic* inside**", [Run("bold with ", bold=True), Run("italic", bold=True, italic=True),
                                       Run(" inside", bold=True)]),
    ("**Context:** what led to it?", [Run("Context:", bold=True), Run(" what led to it?")]),
    ("5 * 3 * 2 = 30", [Run("5 * 3 * 2 = 30")]),  # spaced asterisks are arithmetic, not markup
    ("a*b*c", [Run("a*b*c")]),  # no italic inside a word
    ("**unclosed bold", [Run("**unclosed bold")]),
    ("*unclosed italic", [Run("*unclosed italic")]),
    ("", []),
    ("中文**粗體**字", [Run("中文"), Run("粗體", bold=True), Run("字")]),
])
def test_markup_parse(text, runs):
    assert parse(text) == runs


def test_markup_plain_and_signature():
    text = "The **Great Leap** was *not* a **success *at all* in the end**"
    assert plain(text) == "The Great Leap was not a success at all in the end"
    assert signature(text) == [(True, False), (False, True), (True, False), (True, True), (True, False)]
    assert plain("no markup: 2 * 3") == "no markup: 2 * 3"
    assert signature("no markup") == []
    # a translation keeps the styles of its source in order, whatever the words
    assert signature("**大躍進**是（*失敗*）") == signature("The **Leap** was a *failure*")


def test_markup_italic_between_cjk_characters():
    assert parse("是*失敗*的") == [Run("是"), Run("失敗", italic=True), Run("的")]


@pytest.mark.parametrize("text, expected", [("*a **b** c*", "a b c"), ("**success *at all***", "success at all")])
def test_markup_nested_emphasis(text, expected):
    assert plain(text) == expected


# -- textfit -----------------------------------------------------------------------------------------------------

MEASURER = Measurer()


def test_count_lines_grows_with_text():
    counts = [MEASURER.count_lines(parse("word " * n), 20, 300) for n in (1, 5, 20, 80, 200)]
    assert counts[0] == 1
    assert counts == sorted(counts)
    assert counts[-1] > counts[2] > counts[0]


def test_count_lines_narrower_box_more_lines():
    runs = parse("The Great Leap Forward was a campaign to industrialize China at breakneck speed. " * 3)
    assert MEASURER.count_lines(runs, 20, 200) > MEASURER.count_lines(runs, 20, 600) >= 1


def test_count_lines_breaks_a_word_wider_than_the_box():
    word = "x" * 200
    assert MEASURER.count_lines(parse(word), 20, MEASURER.width(word, 20) / 3.5) == 4


def test_cjk_wraps_per_character():
    text = "大躍進是一場災難" * 5  # 40 characters, no spaces
    assert [t for t, _b, _i in _tokens(parse(text))] == list(text)
    size = 20
    char = MEASURER.width("大", size)
    width = char * 10 + 1  # ten characters a line
    assert MEASURER.count_lines(parse(text), size, width) == 4
    # Latin text without spaces only breaks when a "word" overflows; CJK text breaks between any two characters
    assert MEASURER.count_lines(parse("大躍進"), size, char * 2 + 1) == 2


@pytest.mark.parametrize("text", ["中文，字", "他說「好」。然後，走了！", "一二三。（四）五、六；七：八？", "大躍進…失敗"])
def test_no_break_punctuation_never_starts_a_token(text):
    tokens = [t for t, _b, _i in _tokens(parse(text))]
    assert "".join(tokens) == text
    assert all(t[0] not in NO_LINE_START for t in tokens), tokens
    assert all(t[-1] not in NO_LINE_END for t in tokens), tokens


def test_tokens_keep_punctuation_with_its_neighbour():
    assert [t for t, _b, _i in _tokens(parse("中文，字"))] == ["中", "文，", "字"]
    assert [t for t, _b, _i in _tokens(parse("他說「好」"))] == ["他", "說", "「好」"]


def test_full_width_comma_never_starts_a_line():
    size = 20
    width = MEASURER.width("一二三", size) + 0.5  # exactly three characters fit on a line
    assert MEASURER.width("一二三，", size) > width
    assert MEASURER.width("，四五", size) <= width
    # Breaking after any character would give "一二三" / "，四五" (2 lines); "，" may not start a line, so
    # "三" goes down with it: "一二" / "三，四" / "五".
    assert MEASURER.count_lines(parse("一二三，四五"), size, width) == 3


# -- yamlsource ----------------------------------------------------------------------------------------------------


def _write(tmp_path: Path, content: str | bytes, name: str = "outline.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path




@pytest.mark.parametrize("content, line, message", [
    (b"title: ok\nauthor: L\xfc\n", 2, "file is not UTF-8 (expected UTF-8 text, got byte 0xfc)"),
    ("slides:\n  - id: a\n\tkind: title\n", 3, "tab used for indentation (expected spaces, got a tab)"),
    ("title: a\nauthor: b\ntitle: c\n", 3, "duplicate key (first given on line 1)"),
    pytest.param("slides:\n  - id: a\n    title: &t Heading\n", 3, "YAML anchor &t is not allowed"),
    pytest.param("slides:\n  - id: a\n    title: Heading\n    notes: *t\n", 4, "YAML alias *t is not allowed"),
    pytest.param("a: 1\nb: !!python/object:os.system x\n", 2, "is not allowed (expected plain data, got a tag)"),
    pytest.param("a: 1\nb: !custom x\n", 2, "is not allowed (expected plain data, got a tag)"),
    pytest.param("a: 1\nb: " + "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10) + "\n", 2, "nesting is too deep"),
    ("", 1, "file is empty (expected a mapping of keys)"),
    ("# only a comment\n", 1, "file is empty (expected a mapping of keys)"),
    ("a: 1\n---\nb: 2\n", 2, "several YAML documents in one file"),
    ("a: [1, 2\nb: 3\n", 2, "invalid YAML: did not find expected ',' or ']'"),
])
def test_load_yaml_refusals(tmp_path, content, line, message):
    path = _write(tmp_path, content)
    with pytest.raises(DeckError) as caught:
        load_yaml(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (path, line)
    assert message in problem.message


def test_load_yaml_reports_every_tab(tmp_path):
    path = _write(tmp_path, "a:\n\tb: 1\nc:\n\td: 2\n")
    with pytest.raises(DeckError) as caught:
        load_yaml(path)
    assert [p.line for p in caught.value.problems] == [2, 4]


def test_load_yaml_accepts_plain_data_with_lines(tmp_path):
    path = _write(tmp_path, "\ufefftitle: ok\n# a comment\nslides:\n  - id: a\n    notes: |\n      Tab\tinside text is fine.\n")
    node = load_yaml(path)
    keys = {key.value: (value, key.start_mark.line + 1) for key, value in node.value}
    assert keys["title"][1] == 1
    assert keys["slides"][1] == 3
    assert keys["title"][0].value == "ok"


def test_load_yaml_missing_file(tmp_path):
    with pytest.raises(DeckError) as caught:
        load_yaml(tmp_path / "nope.yaml")
    assert caught.value.problems[0].message == "file not found"


# -- fields.Reader -------------------------------------------------------------------------------------------------


def _reader(tmp_path: Path, content: str, where: str = "slides[0]") -> tuple[Reader, list[Problem]]:
    problems: list[Problem] = []
    path = _write(tmp_path, content)
    return Reader(path, load_yaml(path), where, problems), problems


def test_reader_unknown_key_did_you_mean(tmp_path):
    reader, problems = _reader(tmp_path, "id: intro\ntitel: Introduction\nnotes: Hello.\n")
    assert reader.text("title") == ""
    reader.finish(("id", "kind", "notes", "title"))
    assert [(p.line, p.where) for p in problems] == [(1, "slides[0].title"), (2, "slides[0].titel")]
    assert problems[0].message == "missing field (expected text)"
    assert problems[1].message == ("unknown key (expected one of id, kind, notes, title, got 'titel'); "
                                   "did you mean 'title'?")


def test_reader_unknown_key_without_close_match(tmp_path):
    reader, problems = _reader(tmp_path, "id: intro\ncolour: red\n")
    reader.finish(("id", "title"))
    assert len(problems) == 1
    assert "did you mean" not in problems[0].message
    assert problems[0].line == 2


@pytest.mark.parametrize("typed", ["no", "yes", "on", "off", "3.10", "2026-09-01", "012", "0x1F", "1e3", ".inf",
                                   "1_000", "12:30", "4:3", "~x", "True", "null text"])
def test_reader_text_taken_verbatim(tmp_path, typed):
    reader, problems = _reader(tmp_path, f"title: {typed}\n")
    assert reader.text("title") == typed
    assert problems == []


def test_reader_text_forms(tmp_path):
    reader, problems = _reader(tmp_path, 'a: "quoted: no"\nb: |\n  Block text\n  on two lines\n\nd: [x]\n')
    assert reader.text("a") == "quoted: no"
    assert reader.text("b") == "Block text\non two lines"
    assert reader.text("d") == ""
    assert reader.text("e") == ""
    assert [(p.where, p.line, p.message) for p in problems] == [
        ("slides[0].d", 6, "wrong type (expected text, got a list)"),
        ("slides[0].e", 1, "missing field (expected text)"),
    ]


@pytest.mark.parametrize("value", ["~", "null", ""])
def test_reader_null_counts_as_missing(tmp_path, value):
    reader, problems = _reader(tmp_path, f"id: a\nnotes: {value}\n")
    assert not reader.has("notes")
    assert reader.text("notes") == ""
    assert [(p.where, p.line, p.message) for p in problems] == [("slides[0].notes", 1, "missing field (expected text)")]


def test_reader_word_id_and_non_mapping(tmp_path):
    reader, problems = _reader(tmp_path, "id: Bad Id\n")
    assert reader.word_id() == ""
    assert "not a word id" in problems[0].message and "'Bad Id'" in problems[0].message
    reader, problems = _reader(tmp_path, "- a\n- b\n", where="slides[3]")
    assert not reader.ok
    assert [(p.where, p.line, p.message) for p in problems] == [
        ("slides[3]", 1, "wrong type (expected a mapping of keys, got a list)")]


# -- images.prepare ------------------------------------------------------------------------------------------------


def _jpeg(path: Path, size: tuple[int, int], orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=80, exif=exif.tobytes())
    return path


def test_prepare_downscales_to_the_slot_at_220_ppi(tmp_path):
    box = (4.0, 3.0)
    picture = images.prepare(_jpeg(tmp_path / "big.jpg", (4000, 3000)), box)
    assert isinstance(picture, images.Picture)
    assert picture.width <= box[0] * images.TARGET_PPI and picture.height <= box[1] * images.TARGET_PPI
    assert (picture.width, picture.height) == (880, 660)
    assert picture.ext == "jpg"
    with Image.open(io.BytesIO(picture.data)) as reopened:
        assert reopened.size == (880, 660)


def test_prepare_keeps_a_small_picture_as_is(tmp_path):
    picture = images.prepare(_jpeg(tmp_path / "small.jpg", (300, 200)), (4.0, 3.0))
    assert (picture.width, picture.height) == (300, 200)


def test_prepare_honours_exif_orientation(tmp_path):
    picture = images.prepare(_jpeg(tmp_path / "rotated.jpg", (400, 200), orientation=6), (10.0, 10.0))
    assert isinstance(picture, images.Picture)
    assert (picture.width, picture.height) == (200, 400)


def test_prepare_keeps_transparency_as_png(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(path)
    picture = images.prepare(path, (1.0, 1.0))
    assert picture.ext == "png"


def test_prepare_truncated_file_is_a_problem(tmp_path):
    whole = _jpeg(tmp_path / "whole.jpg", (600, 400)).read_bytes()
    path = tmp_path / "truncated.jpg"
    path.write_bytes(whole[: len(whole) // 2])
    result = images.prepare(path, (4.0, 3.0))
    assert isinstance(result, Problem)
    assert result.file == path
    assert "damaged or truncated picture (image file is truncated" in result.message


def test_prepare_text_file_named_jpg_is_a_problem(tmp_path):
    path = tmp_path / "poster.jpg"
    path.write_text("this is not a picture\n", encoding="utf-8")
    result = images.prepare(path, (4.0, 3.0))
    assert isinstance(result, Problem)
    assert result.message == "not a picture file (expected JPEG, PNG, GIF, TIFF, BMP or WebP)"


def _png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose IHDR claims width x height (a few dozen bytes: no pixel data at all)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("size", [(100_000, 100_000), (10_000, 10_000)], ids=["far-over-limit", "just-over-limit"])
def test_prepare_decompression_bomb_is_a_problem(tmp_path, size):
    assert size[0] * size[1] > images.MAX_PIXELS
    result = images.prepare(_png_header(tmp_path / "bomb.png", *size), (4.0, 3.0))
    assert isinstance(result, Problem)
    assert "too large to open safely" in result.message


# -- grid.fit -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("aspect", [4 / 3, 16 / 9, 3 / 4, 1.0, 10.0, 0.1])
@pytest.mark.parametrize("box", [(1.0, 2.0, 6.0, 4.0), (0.0, 0.0, 3.0, 9.0), (0.5, 0.5, 12.0, 5.0)])
def test_fit_keeps_aspect_and_stays_centred_in_the_box(aspect, box):
    left, top, width, height = grid.fit(aspect, box)
    assert width / height == pytest.approx(aspect)
    assert left >= box[0] - 1e-9 and top >= box[1] - 1e-9
    assert left + width <= box[0] + box[2] + 1e-9 and top + height <= box[1] + box[3] + 1e-9
    # it touches the box on two opposite sides and is centred on the other axis
    assert width == pytest.approx(box[2]) or height == pytest.approx(box[3])
    assert left + width / 2 == pytest.approx(box[0] + box[2] / 2)
    assert top + height / 2 == pytest.approx(box[1] + box[3] / 2)


# -- slide parts ---------------------------------------------------------------------------------------------------


def test_slide_adder_numbers_parts_after_existing_slides_and_adds_notes():
    from pptx import Presentation

    from lecturedeck.render.slideparts import SlideAdder

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1]).notes_slide  # a template that already holds a slide with notes
    adder = SlideAdder(prs)
    added = [adder.add_slide(prs.slide_layouts[index]) for index in (1, 1, 5)]
    added[0].shapes.title.text = "second"
    buffer = io.BytesIO()
    prs.save(buffer)
    reopened = Presentation(io.BytesIO(buffer.getvalue()))
    names = [str(slide.part.partname) for slide in reopened.slides]
    assert names == [f"/ppt/slides/slide{n}.xml" for n in (1, 2, 3, 4)]
    assert all(slide.has_notes_slide for slide in reopened.slides)
    assert [str(slide.notes_slide.part.partname) for slide in reopened.slides] == [
        f"/ppt/notesSlides/notesSlide{n}.xml" for n in (1, 2, 3, 4)]
    assert reopened.slides[1].shapes.title.text == "second"
    assert reopened.slides[1].slide_layout.name == prs.slide_layouts[1].name
    assert reopened.slides[3].slide_layout.name == prs.slide_layouts[5].name
    # each slide got its own copy of the layout's placeholders, not a shared element
    assert reopened.slides[1].shapes.title.text != reopened.slides[2].shapes.title.text


# -- locale formatting, fonts per locale, charts in other scripts -------------------------------------------------


@pytest.mark.parametrize("locale, pattern, expected", [
    ("en", "{low} to {high}", "15 to 43 million"),
    ("zh_Hant", "{low}至{high}", "1500萬至4300萬"),
    ("zh_Hans", "{low}至{high}", "1500万至4300万"),
])
def test_number_ranges_are_formatted_per_locale_by_babel(locale, pattern, expected):
    from lecturedeck.i18n.strings import format_range

    assert format_range(15_000_000, 43_000_000, locale, pattern) == expected


def test_numbers_below_a_million_keep_grouping_and_decimals():
    from lecturedeck.i18n.strings import format_number

    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(32.5, "zh_Hant") == "32.5"
    assert format_number(36_000_000, "zh_Hans") == "3600万"


def test_term_parts_and_placeholder_filling():
    from lecturedeck.i18n.strings import fill, term_parts

    assert term_parts("Fall 2026") == ("term.fall", "2026")
    assert term_parts("Autumn 2027") == ("term.autumn", "2027"), "a season is translated, never renamed"
    assert term_parts("2026-27") is None
    assert fill("{year}年{season} {unknown} {not a placeholder}", {"year": "2026", "season": "秋季"}) == \
        "2026年秋季 {unknown} {not a placeholder}"


ENGLISH_CHARTS = ("Carlito", "DejaVu Sans", "Noto Sans CJK TC")  # an English deck's chart fonts


@pytest.mark.parametrize("locale, lang, east_asian, chart_fonts", [
    ("zh_Hant", "zh-TW", "Microsoft JhengHei", ("Noto Sans CJK TC", "Noto Sans CJK JP", "DejaVu Sans")),
    ("zh_Hans", "zh-CN", "Microsoft YaHei", ("Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans")),
    ("zh_Hant_HK", "zh-HK", "Microsoft JhengHei", ("Noto Sans CJK TC", "Noto Sans CJK JP", "DejaVu Sans")),
    ("ja", "ja-JP", "Yu Gothic", ("Noto Sans CJK JP", *ENGLISH_CHARTS)),
    ("fr", "fr-FR", "Microsoft JhengHei", ENGLISH_CHARTS),
])
def test_fonts_and_language_tags_per_locale_need_no_code_for_new_locales(locale, lang, east_asian, chart_fonts):
    from lecturedeck.source.theme import Theme

    fonts = Theme().locale_fonts(locale)
    assert (fonts.lang, fonts.east_asian) == (lang, east_asian)
    assert fonts.chart_fonts == chart_fonts, "charts draw first with the font of the locale's script"


def test_chinese_inside_an_english_paragraph_gets_its_own_runs_and_language():
    from pptx import Presentation

    from lecturedeck.render.pptxtext import Style, set_paragraph

    prs = Presentation()
    box = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, 100, 100)
    paragraph = box.text_frame.paragraphs[0]
    set_paragraph(paragraph, "Photograph: Yu Zhensheng (于震聲), 1958", Style(16, "000000", "Calibri", "Microsoft JhengHei", "en-US", "zh-TW"))
    runs = [(r.text, r._r.rPr.get("lang")) for r in paragraph.runs]
    assert runs == [("Photograph: Yu Zhensheng (", "en-US"), ("于震聲", "zh-TW"), ("), 1958", "en-US")]
    assert all(r._r.rPr.find(qn("a:ea")) is not None for r in paragraph.runs)


def _chart_job(tmp_path, source, families, translations=()):
    from lecturedeck.fonts import chart_font_files
    from lecturedeck.resolve.charts import ChartJob
    from lecturedeck.source.theme import Colors

    script = tmp_path / "labels.py"
    script.write_text(source, encoding="utf-8")
    fonts = chart_font_files(families, (), None)
    return ChartJob(script, tmp_path, (), (4.0, 3.0), 50, "zh_Hant", fonts, Colors(), tuple(translations))


CHART = '''\
def draw(fig, ctx):
    ax = fig.add_subplot()
    ax.plot([1, 2], [3, 4])
    ax.set_title(ctx.pgettext("title", "Grain output"))
'''


def test_chart_texts_come_through_pgettext_with_their_ids_and_lines(tmp_path):
    from lecturedeck.resolve.chartdraw import draw_png

    require_noto_cjk()
    job = _chart_job(tmp_path, CHART, ("Noto Sans CJK TC", "DejaVu Sans"), [("chart.labels.title", "Grain output", "糧食產量")])
    png, used, notes = draw_png(job)
    assert png.startswith(b"\x89PNG")
    assert used == [("chart.labels.title", "Grain output", 4)] and notes == []


def test_a_character_missing_from_the_chart_fonts_is_an_error_naming_the_line(tmp_path):
    from lecturedeck.resolve.chartdraw import draw_png
    from lecturedeck.problems import Problem

    job = _chart_job(tmp_path, CHART, ("Carlito", "DejaVu Sans"), [("chart.labels.title", "Grain output", "糧食")])
    (problem,) = draw_png(job)
    assert isinstance(problem, Problem) and problem.line == 4
    assert "characters missing from the chart fonts" in problem.message and "糧 食" in problem.message
    assert "fonts-noto-cjk" in problem.message
