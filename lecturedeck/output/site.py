"""The review site: static HTML pages a TA opens from the file system in any browser, no server and no build step.
`index.html` lists the locales with their progress; each locale's page shows, slide by slide, the slide's picture
and every string of the slide as the English beside the translation, with its state, ID and catalog line."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..files import write_atomic

STATES = {  # state: (word shown, what it means)
    "translated": ("translated", "reviewed translation shown on the slide"),
    "fuzzy": ("fuzzy", "marked fuzzy in the catalog: the English is shown until a TA reviews it"),
    "stale": ("stale", "the English changed since this was translated: the English is shown"),
    "untranslated": ("untranslated", "no translation yet: the English is shown"),
    "source": ("English", "the deck's own language"),
}
NEEDS_WORK = ("fuzzy", "stale", "untranslated")


@dataclass
class ReviewString:
    """One string of a slide: its ID, the English, the translation (empty when none), its state and where it lives."""

    id: str
    field: str  # what it is on the slide: title, bullet, notes paragraph, alt text, caption, chart text...
    english: str
    translation: str = ""
    state: str = "source"
    catalog: str = ""  # "deck/locales/zh_Hant.po:123", or "" when the catalog has no entry
    outline: str = ""  # "deck/outline/01-context.yaml:14"


@dataclass
class ReviewSlide:
    """One slide of a locale's page."""

    number: int
    id: str
    title: str
    picture: str | None  # the slide's PNG, relative to the page
    strings: list[ReviewString] = field(default_factory=list)
    change: str = ""  # added, moved or changed since the --since deck
    diff: list = field(default_factory=list)  # output.diff.FieldChange of each field that changed since then


@dataclass
class ReviewPage:
    """One locale's page: its deck and slides."""

    locale: str
    deck: str
    slides: list[ReviewSlide]
    since: str = ""
    removed: list[str] = field(default_factory=list)  # slides of the --since deck that are gone

    def counts(self) -> dict[str, int]:
        """How many strings are in each state."""
        out = dict.fromkeys(STATES, 0)
        for slide in self.slides:
            for string in slide.strings:
                out[string.state] += 1
        return out

    @property
    def file(self) -> str:
        """The page's file name."""
        return f"{self.locale}.html"


def write_site(pages: list[ReviewPage], out_dir: Path, title: str) -> Path:
    """Write index.html, one page per locale and the stylesheet into out_dir; the index's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(out_dir / "review.css", CSS.encode())
    write_atomic(out_dir / "review.js", JS.encode())
    for page in pages:
        write_atomic(out_dir / page.file, locale_page(page, title).encode())
    index = out_dir / "index.html"
    write_atomic(index, index_page(pages, title).encode())
    return index


def _head(title: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{e(title)}</title>\n'
            '<link rel="stylesheet" href="review.css">\n<script src="review.js" defer></script>\n</head>\n')


def index_page(pages: list[ReviewPage], title: str) -> str:
    """The index: every locale with its progress."""
    rows = []
    for page in pages:
        counts = page.counts()
        total = sum(counts[s] for s in ("translated", *NEEDS_WORK))
        done = f"{100 * counts['translated'] / total:.0f}%" if total else "source"
        cells = "".join(f'<td class="num">{counts[state]}</td>' for state in ("translated", *NEEDS_WORK))
        rows.append(f'<tr data-locale="{e(page.locale)}"><th scope="row"><a href="{e(page.file)}">{e(page.locale)}</a>'
                    f'</th>{cells}<td class="num">{done}</td><td>{e(page.deck)}</td></tr>')
    head = "".join(f"<th scope=\"col\">{e(STATES[s][0])}</th>" for s in ("translated", *NEEDS_WORK))
    return (_head(f"Review: {title}") + f"<body>\n<main>\n<h1>Review: {e(title)}</h1>\n"
            "<p>Each locale's page shows every slide's picture and every string on it, the English beside the "
            "translation, with its state and catalog line.</p>\n"
            f'<table class="progress"><thead><tr><th scope="col">locale</th>{head}<th scope="col">done</th>'
            f'<th scope="col">deck</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>\n"
            + _legend() + "</main>\n</body>\n</html>\n")


def _legend() -> str:
    items = "".join(f'<li><span class="state state-{s}">{e(word)}</span> {e(meaning)}</li>'
                    for s, (word, meaning) in STATES.items())
    return f'<ul class="legend">{items}</ul>\n'


def locale_page(page: ReviewPage, title: str) -> str:
    """A locale's page: counts and the filter on top, then every slide with its strings."""
    counts = page.counts()
    work = sum(counts[s] for s in NEEDS_WORK)
    summary = " · ".join(f'<span class="count" data-state="{s}"><span class="state state-{s}">{e(STATES[s][0])}</span> '
                         f'<b>{counts[s]}</b></span>' for s in ("translated", *NEEDS_WORK) if s != "source")
    since = (f'<p class="since">Changes since <code>{e(page.since)}</code> are marked '
             '<span class="changed">changed</span>.</p>\n' if page.since else "")
    removed = ("<p class=\"removed\">Removed since then: " + ", ".join(f"<code>{e(s)}</code>" for s in page.removed)
               + "</p>\n" if page.removed else "")
    slides = "\n".join(_slide(slide, page.locale) for slide in page.slides)
    return (_head(f"{page.locale}: {title}") + f'<body data-locale="{e(page.locale)}">\n<main>\n'
            f'<p><a href="index.html">All locales</a></p>\n<h1>{e(title)}: {e(page.locale)}</h1>\n'
            f'<p class="deck">Deck: <code>{e(page.deck)}</code></p>\n'
            f'<p class="summary" data-needs-work="{work}">{summary}</p>\n'
            f'<label class="filter"><input type="checkbox" id="only-work"> Show only the {work} strings that need work'
            '</label>\n' + since + removed + _legend() + slides + "\n</main>\n</body>\n</html>\n")


def _slide(slide: ReviewSlide, locale: str) -> str:
    rows = "\n".join(_string(string, locale) for string in slide.strings)
    picture = (f'<img src="{e(slide.picture)}" alt="Slide {slide.number} as rendered" width="640">'
               if slide.picture else '<p class="nopicture">No picture (LibreOffice is not installed)</p>')
    change = f' <span class="changed">{e(slide.change)}</span>' if slide.change else ""
    needs = sum(s.state in NEEDS_WORK for s in slide.strings)
    return (f'<section class="slide" id="slide-{slide.number}" data-slide-id="{e(slide.id)}" data-needs-work="{needs}">\n'
            f'<h2>{slide.number}. {e(slide.title)} <code>{e(slide.id)}</code>{change}</h2>\n'
            f'<div class="picture">{picture}</div>\n{_changes(slide.diff)}'
            '<table class="strings"><thead><tr><th scope="col">string</th><th scope="col">English</th>'
            f'<th scope="col">translation</th><th scope="col">state</th></tr></thead>\n<tbody>\n{rows}\n</tbody></table>\n'
            "</section>")


def _changes(changes) -> str:
    """What changed on the slide since the --since deck: each field's old and new text, word by word."""
    if not changes:
        return ""
    rows = []
    for change in changes:
        pieces = "".join(e(text) if op == "=" else f"<del>{e(text)}</del>" if op == "-" else f"<ins>{e(text)}</ins>"
                         for op, text in change.as_dict()["words"])
        rows.append(f'<tr><th scope="row">{e(change.name)}</th><td class="words">{pieces.replace(chr(10), "<br>")}</td></tr>')
    return ('<table class="diff"><caption><span class="changed">changed</span> since the older deck '
            '(<del>removed</del>, <ins>added</ins>)</caption>\n' + "\n".join(rows) + "</table>\n")


def _string(string: ReviewString, locale: str) -> str:
    word = STATES[string.state][0]
    where = [f'<code class="id">{e(string.id)}</code>', f'<span class="field">{e(string.field)}</span>']
    if string.catalog:
        file, _, line = string.catalog.rpartition(":")
        where.append(f'<a class="catalog" href="{e(_file_url(file))}" title="open the catalog">{e(string.catalog)}</a>')
    elif string.state != "source":
        where.append('<span class="catalog">not in the catalog yet</span>')
    if string.outline:
        where.append(f'<span class="outline">{e(string.outline)}</span>')
    translation = _text(string.translation) if string.translation else '<span class="none">(none)</span>'
    return (f'<tr class="string state-row-{string.state}" data-state="{string.state}" data-id="{e(string.id)}">'
            f'<td class="where">{"<br>".join(where)}</td>'
            f'<td class="english" lang="en">{_text(string.english)}</td>'
            f'<td class="translation" lang="{e(locale.replace("_", "-"))}">{translation}</td>'
            f'<td><span class="state state-{string.state}">{e(word)}</span></td></tr>')


def _text(text: str) -> str:
    return "<br>".join(e(line) for line in text.split("\n"))


def _file_url(path: str) -> str:
    return Path(os.path.abspath(path)).as_uri()


def e(text: str) -> str:
    """Escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


CSS = """\
:root { --ink: #1F2A36; --muted: #5B6770; --line: #D9D4CC; --paper: #FFFFFF; --shade: #F7F4EF; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK TC", sans-serif;
       color: var(--ink); background: var(--shade); }
main { max-width: 1400px; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.15rem; margin: 0 0 .6rem; }
code { font-size: .85em; color: var(--muted); }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
th, td { border: 1px solid var(--line); padding: .4rem .55rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.slide { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 1.2rem 0; }
.picture img { max-width: 100%; height: auto; border: 1px solid var(--line); }
.strings td.where { width: 22%; font-size: .85rem; } .strings td.english, .strings td.translation { width: 35%; }
.state { display: inline-block; padding: .05rem .45rem; border-radius: 3px; font-size: .8rem; font-weight: 600;
         border: 1px solid currentColor; white-space: nowrap; }
.state-translated { color: #1B5E20; background: #E8F5E9; }
.state-fuzzy { color: #7A4B00; background: #FFF3D6; }
.state-stale { color: #8A1C1C; background: #FDE7E7; }
.state-untranslated { color: #5A1F6B; background: #F4E6F8; }
.state-source { color: var(--muted); background: var(--shade); }
tr.state-row-fuzzy td, tr.state-row-stale td, tr.state-row-untranslated td { background: #FFFBF2; }
.changed { color: #0B4F8A; font-weight: 600; }
table.diff { margin: .6rem 0; } table.diff caption { text-align: left; padding: .2rem 0; }
del { background: #FDE7E7; color: #8A1C1C; text-decoration: line-through; }
ins { background: #E8F5E9; color: #1B5E20; text-decoration: underline; }
.none { color: var(--muted); font-style: italic; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; font-size: .85rem; }
.summary .count { margin-right: 1rem; }
.filter { display: inline-block; margin: .5rem 0; font-weight: 600; }
body.only-work tr.string[data-state="translated"], body.only-work tr.string[data-state="source"],
body.only-work .slide[data-needs-work="0"] { display: none; }
"""

JS = """\
// The filter, and a mark on each picture once it has loaded (tests and TAs can see which are missing).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("only-work");
  if (box) {
    box.addEventListener("change", function () { document.body.classList.toggle("only-work", box.checked); });
    if (location.hash === "#needs-work") { box.checked = true; document.body.classList.add("only-work"); }
  }
  document.querySelectorAll(".picture img").forEach(function (img) {
    function mark() { img.dataset.loaded = img.complete && img.naturalWidth > 0 ? "yes" : "no"; }
    if (img.complete) { mark(); } else { img.addEventListener("load", mark); img.addEventListener("error", mark); }
  });
});
"""
