"""Accessibility, after PowerPoint's Accessibility Checker: alt text, unique titles, reading order, type size,
contrast and a language on every run."""

from __future__ import annotations

from collections import defaultdict

from pptx.oxml.ns import qn

from ..render.order import FOOTER_TYPES, TITLE_TYPES, placeholder_type, visual_order
from ..render.hanscript import han_script
from ..render.textfit import has_cjk
from .findings import Built, Finding

MIN_CONTRAST = 4.5
MIN_BODY_PT = 18  # titles and body placeholders
MIN_TEXT_PT = 12  # anything else on a slide: footers, source lines, captions
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
CJK_LANGS = ("zh", "ja", "ko")
SCRIPT_TAGS = {"zh_Hans": ("zh-CN", "Simplified"), "zh_Hant": ("zh-TW", "Traditional")}


def is_decorative(shape) -> bool:
    """Marked decorative (PowerPoint's 'Mark as decorative'), so it needs no alt text and is not read."""
    return any(el.get("val") == "1" for el in shape._element.iter(f"{{{DECORATIVE}}}decorative"))


def _c_nv_pr(shape):
    return shape._element.find(f"./*[1]/{qn('p:cNvPr')}")


def check_alt_text(built: Built) -> list[Finding]:
    """Every picture, chart and picture slot says what it shows."""
    found = []
    for number, slide in enumerate(built.prs.slides, 1):
        for shape in slide.shapes:
            element = shape._element
            needs = element.tag in (qn("p:pic"), qn("p:graphicFrame")) or shape.name.startswith("Image slot")
            if needs and not is_decorative(shape) and not (_c_nv_pr(shape).get("descr") or "").strip():
                found.append(built.finding("a11y.alt-text", f"no alt text on {shape.name!r} (expected a description "
                                                            "of what it shows)", slide=number))
    return found


def check_titles(built: Built) -> list[Finding]:
    """Every slide has a title, and no two slides share one."""
    found, seen = [], defaultdict(list)
    for number, slide in enumerate(built.prs.slides, 1):
        title = next((s for s in slide.shapes if placeholder_type(s._element) in TITLE_TYPES), None)
        text = title.text_frame.text.strip() if title is not None and title.has_text_frame else ""
        if not text:
            found.append(built.finding("a11y.title", "slide has no title (expected a title placeholder with text)",
                                       slide=number))
        else:
            seen[text].append(number)
    for text, numbers in seen.items():
        for number in numbers[1:]:
            found.append(built.finding("a11y.title", f"title {text[:50]!r} is also slide {numbers[0]}'s "
                                                     "(expected a unique title on every slide)", slide=number))
    return found


def check_reading_order(built: Built) -> list[Finding]:
    """Shapes are read title first, then top to bottom and left to right, footers last."""
    found = []
    for number, slide in enumerate(built.prs.slides, 1):
        shapes = [s for s in slide.shapes if not is_decorative(s)]
        expected = visual_order(shapes)
        if [s.shape_id for s in shapes] != [s.shape_id for s in expected]:
            at = next(i for i, (a, b) in enumerate(zip(shapes, expected)) if a.shape_id != b.shape_id)
            found.append(built.finding("a11y.reading-order", f"{shapes[at].name!r} is read before {expected[at].name!r} "
                                                             "(expected reading order to follow the visual order)", slide=number))
    return found


def _runs(slide):
    """(shape, run, the element whose fill is behind the run) for every run of text on the slide, table cells too."""
    for shape in slide.shapes:
        if shape.has_text_frame:
            behind = shape._element.find(qn("p:spPr"))
            for run in shape._element.iter(qn("a:r"), qn("a:fld")):
                yield shape, run, behind
        elif getattr(shape, "has_table", False) and shape.has_table:
            for cell in shape._element.iter(qn("a:tc")):
                behind = cell.find(qn("a:tcPr"))
                for run in cell.iter(qn("a:r"), qn("a:fld")):
                    yield shape, run, behind


def _per_run(built: Built, rule: str, judge) -> list[Finding]:
    """One finding per shape with a run that `judge(slide, shape, run, behind)` objects to (its first objection)."""
    found = []
    for number, slide in enumerate(built.prs.slides, 1):
        reported = set()
        for shape, run, behind in _runs(slide):
            problem = None if shape.shape_id in reported else judge(slide, shape, run, behind)
            if problem:
                reported.add(shape.shape_id)
                found.append(built.finding(rule, problem, slide=number))
    return found


def check_font_size(built: Built) -> list[Finding]:
    """No text below the minimum size: titles and body text at least 18 pt, anything else at least 12 pt."""
    def judge(_slide, shape, run, _behind):
        rpr = run.find(qn("a:rPr"))
        if rpr is None or not rpr.get("sz") or not (run.findtext(qn("a:t")) or "").strip():
            return None
        kind = placeholder_type(shape._element)
        floor = MIN_BODY_PT if kind is not None and kind not in FOOTER_TYPES else MIN_TEXT_PT
        size = int(rpr.get("sz")) / 100
        return f"{size:g} pt text in {shape.name!r} (expected at least {floor} pt)" if size < floor else None

    return _per_run(built, "a11y.font-size", judge)


def luminance(color: str) -> float:
    """WCAG relative luminance of an RRGGBB colour."""
    channels = []
    for i in (0, 2, 4):
        c = int(color[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two RRGGBB colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _fill(element) -> str | None:
    color = element.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}") if element is not None else None
    return color.get("val").upper() if color is not None else None


def _background(slide, built: Built) -> str:
    for owner in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        bg_pr = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}")
        color = _fill(bg_pr)
        if color:
            return color
    return built.theme.colors.background


def check_contrast(built: Built) -> list[Finding]:
    """Text against what is behind it (its shape's or table cell's fill, else the slide background) at least 4.5:1."""
    def judge(slide, shape, run, behind):
        color = _fill(run.find(qn("a:rPr")))
        if color is None or not (run.findtext(qn("a:t")) or "").strip():
            return None
        behind = _fill(behind) or _background(slide, built)
        ratio = contrast(color, behind)
        return (f"text #{color} on #{behind} in {shape.name!r} has contrast {ratio:.1f}:1 "
                f"(expected at least {MIN_CONTRAST}:1)") if ratio < MIN_CONTRAST else None

    return _per_run(built, "a11y.contrast", judge)


def check_language(built: Built) -> list[Finding]:
    """Every run names its language, Chinese (or Japanese, Korean) text a CJK one, and Chinese text the tag of the
    script its characters are written in (zh-CN Simplified, zh-TW Traditional), so the right glyphs show."""
    def judge(_slide, shape, run, _behind):
        rpr = run.find(qn("a:rPr"))
        lang = rpr.get("lang", "") if rpr is not None else ""
        text = run.findtext(qn("a:t")) or ""
        if not lang:
            return f"a run in {shape.name!r} has no language (expected lang, e.g. {built.theme.locale_fonts(built.locale).lang})"
        if has_cjk(text) and not lang.startswith(CJK_LANGS):
            return f"Chinese text {text[:20]!r} is tagged {lang} (expected zh-TW or zh-CN, so renderers pick the right glyphs)"
        if has_cjk(text) and rpr.find(qn("a:ea")) is None:
            return f"Chinese text {text[:20]!r} names no East Asian font (expected a:ea)"
        script = han_script(text) if lang in ("zh-CN", "zh-TW") else None
        if script and SCRIPT_TAGS[script][0] != lang:
            tag, name = SCRIPT_TAGS[script]
            return f"Chinese text {text[:20]!r} is written in {name} characters (expected {tag}, got {lang})"
        return None

    return _per_run(built, "a11y.lang", judge)
