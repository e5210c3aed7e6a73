"""Texts the pipeline itself adds to slides, and locale-aware filling of `{name}` placeholders (numbers via Babel)."""

from __future__ import annotations

import re


from ..source.markup import PLACEHOLDER

# id: (English, note for translators), in the order of the package's template (i18n/catalogs/pipeline.pot, which a
# test keeps identical to this table). Translated for seven locales in i18n/catalogs/; a deck's catalog may override.
UI_STRINGS: dict[str, tuple[str, str]] = {
    "ui.footer": ("{course} · {term}", "Footer of content slides and last line of the title slide."),
    "ui.agenda-item": ("**{label}:** {question}", "One agenda line: a part's name in bold, then its question. Use "
                       "your language's colon (full-width ： in Chinese and Japanese, « : » in French)."),
    "ui.range": ("{low} to {high}", 'A range of two numbers, e.g. "15 to 43 million"; each number is already '
                 "formatted for your language (1500萬, 1500万, 1,500万, 15 millions)."),
    "ui.image-slot": ("Image slot: {slot}", "Shown in an empty picture frame until the picture file is added."),
    "ui.image-add": ("Add {file}", "Shown in an empty picture frame: the file the lecturer should add."),
    "ui.image-shape": ("Slot shape {shape}", "Shown in an empty picture frame: its width:height, e.g. 4:3."),
    "ui.image-alt": ("Image slot {slot} (picture not yet added): {alt}", "Alt text of an empty picture frame."),
    "ui.credits-title": ("Credits and sources", "Title of the last slide, generated."),
    "ui.credits-title-page": ("Credits and sources ({page}/{pages})",
                              "The same title when the credits run over several slides."),
    "ui.credits-notes": ("Where every picture and every chart in this lecture comes from. The data files and "
                         "full citations are listed in {file}.", "Speaker notes of the credits slide."),
    "ui.credit-picture": ("Slide {number}: {what} — {credit}", "One credits line: a picture."),
    "ui.credit-chart": ("Slide {number}: {what} — {source}", "One credits line: a chart or table."),
    "ui.credit-data": ("Data and full citations: {file}", "Last line of the credits slide."),
    "ui.part-counter": ("Part {number} of {count}", "The counter on a part's divider slide."),
    "ui.quote": ("“{quote}”", "A quotation on a quote slide, in your language's quotation marks (「{quote}」 in "
                 "Traditional Chinese, « {quote} » in French). The quotation itself never carries marks."),
    "ui.quote-source": ("— {source}", "The attribution line under a quotation."),
    "term.format": ("{season} {year}", 'How a term is written, e.g. "Fall 2026": put {year} and {season} in the '
                    "order your language uses."),
    "term.spring": ("Spring", "Season of an academic term."),
    "term.summer": ("Summer", "Season of an academic term."),
    "term.fall": ("Fall", "Season of an academic term (autumn; may translate the same as term.autumn)."),
    "term.autumn": ("Autumn", "Season of an academic term (may translate the same as term.fall)."),
    "term.winter": ("Winter", "Season of an academic term."),
}
TERM = re.compile(r"^(Spring|Summer|Fall|Autumn|Winter) (\d{4})$")


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each `{name}` that values holds; other braces stay as typed."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


def format_number(value: float, locale: str, decimals: int | None = None, *, compact: bool = True) -> str:
    """A number the locale's way: millions and up in words (15 million, 1500萬) unless `compact` is off, smaller
    ones (and every one when it is off) with grouping and `decimals` places."""
    from babel.numbers import format_compact_decimal, format_decimal  # only decks showing numbers need them

    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    if compact and abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=1)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


def format_range(low: float, high: float, locale: str, pattern: str) -> str:
    """A low-high range through the pattern `{low} to {high}`; a shared unit word ('million') is written once."""
    first, second = format_number(low, locale), format_number(high, locale)
    head, _, unit = first.partition(" ")
    if unit and not unit[0].isdigit() and second.endswith(" " + unit):
        first = head
    return fill(pattern, {"low": first, "high": second})


def term_parts(term: str) -> tuple[str, str] | None:
    """('term.fall', '2026') for a term like 'Fall 2026' ('Autumn 2027' keeps its own word); None for any other form."""
    match = TERM.match(term)
    if not match:
        return None
    return f"term.{match[1].lower()}", match[2]


def format_day(iso_date: str, locale: str) -> str:
    """A YYYY-MM-DD date the locale's way, in Babel's long format (September 1, 2026; 2026年9月1日)."""
    import datetime

    from babel.dates import format_date  # only decks that show a date need Babel's calendar data

    return format_date(datetime.date.fromisoformat(iso_date), format="long", locale=locale)
