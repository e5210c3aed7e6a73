"""Review without PowerPoint: the review site read in a real browser (headless Chromium), the term-to-term diff of two
built decks, and the handout with the speaker notes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from conftest import ROOT, require_tool
from lecturedeck.cli import cli
from lecturedeck.output.diff import words

SECOND = ROOT / "examples" / "reform-era"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def copy_lecture(tmp_path: Path) -> Path:
    """The lecture's deck folder and its assets, copied (deck.yaml names ../assets)."""
    shutil.copytree(ROOT / "deck", tmp_path / "deck")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "deck"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- diff -------------------------------------------------------------------------------------------------------------


def test_word_diff_marks_removed_and_added_words_and_compares_chinese_per_character():
    assert words("the old deck", "the new deck") == [("=", "the "), ("-", "old"), ("+", "new"), ("=", " deck")]
    assert words("大躍進時期", "大躍進以後") == [("=", "大躍進"), ("-", "時期"), ("+", "以後")]


def test_diff_names_added_removed_moved_and_changed_slides_by_id(tmp_path):
    deck = copy_lecture(tmp_path)
    old = run("build", deck, "--out", tmp_path / "old")
    assert old.exit_code == 0, old.stderr
    outline = deck / "outline" / "01-context.yaml"
    edit(outline, "Economic recovery", "Economic recovery and land reform")
    text = (deck / "outline" / "04-assessments.yaml").read_text(encoding="utf-8")
    edit(deck / "outline" / "04-assessments.yaml", "  - id: aftermaths\n", "  - id: new-reading\n    kind: bullets\n"
         "    title: A new reading for this term\n    bullets: [Yang Jisheng, Tombstone]\n    notes: Assign it.\n\n"
         "  - id: aftermaths\n")
    assert text != (deck / "outline" / "04-assessments.yaml").read_text(encoding="utf-8")
    contents = deck / "outline" / "02-contents.yaml"
    edit(contents, "  - id: iron-input\n", "  - id: iron-input-gone\n")
    new = run("build", deck, "--out", tmp_path / "new")
    assert new.exit_code == 0, new.stderr
    [old_file], [new_file] = (tmp_path / "old").glob("*.pptx"), (tmp_path / "new").glob("*.pptx")

    result = run("diff", old_file, new_file, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    by_id = {slide["id"]: slide for slide in report["slides"]}
    assert by_id["early-prc"]["status"] == "changed"
    body = by_id["early-prc"]["changes"]["body"]
    assert "**" not in "".join(body["new"]) and any("land reform" in line for line in body["new"])
    assert ["+", " and land reform"] in body["words"]
    new_ids = [slide._element.cSld.get("name") for slide in Presentation(str(new_file)).slides]
    assert (by_id["new-reading"]["status"], by_id["new-reading"]["new_number"]) == \
        ("added", new_ids.index("new-reading") + 1)
    assert by_id["iron-input"]["status"] == "removed" and by_id["iron-input-gone"]["status"] == "added", \
        "a slide is matched by its id: a new id is a new slide"
    assert "glf-overview" not in by_id, "an untouched slide is not listed"

    text_report = run("diff", old_file, new_file)
    assert text_report.exit_code == 0
    lines = text_report.stdout.splitlines()
    assert "early-prc: slide 4" in lines
    assert any(line.startswith("  body: ") and "{+ and land reform+}" in line for line in lines)
    assert any(line.startswith("iron-input: removed (was slide ") for line in lines)
    assert lines[-1] == "1 changed, 2 added, 1 removed", "early-prc; new-reading and iron-input-gone; iron-input"


def test_a_slide_moved_to_another_place_is_moved_not_removed_and_added(tmp_path):
    deck = SECOND
    copy = tmp_path / "deck"
    shutil.copytree(deck, copy)
    assert run("build", copy, "--out", tmp_path / "old").exit_code == 0
    outline = copy / "deck.yaml"
    text = outline.read_text(encoding="utf-8")
    files = re.findall(r"^  - (outline/\S+)$", text, re.M)
    swapped = text.replace(f"  - {files[1]}\n  - {files[2]}\n", f"  - {files[2]}\n  - {files[1]}\n")
    assert swapped != text
    outline.write_text(swapped, encoding="utf-8")
    assert run("build", copy, "--out", tmp_path / "new").exit_code == 0
    [old_file], [new_file] = (tmp_path / "old").glob("*.pptx"), (tmp_path / "new").glob("*.pptx")
    report = json.loads(run("diff", old_file, new_file, "--format", "json").stdout)
    statuses = {slide["status"] for slide in report["slides"]}
    assert "moved" in statuses and "removed" not in statuses and "added" not in statuses


def test_diff_of_something_that_is_not_a_deck_is_a_clear_error(tmp_path):
    text = tmp_path / "notes.pptx"
    text.write_text("not a deck", encoding="utf-8")
    result = run("diff", text, tmp_path / "missing.pptx")
    assert result.exit_code == 1
    assert f"{text}: not a PowerPoint file (expected a .pptx, a zip package)" in result.stderr
    assert "Traceback" not in result.output


# -- handout ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("deck,locale", [(ROOT / "deck", "zh_Hant"), (SECOND, "fr")], ids=["lecture", "second deck"])
def test_export_handout_writes_one_page_per_slide_with_its_notes(deck, locale, tmp_path):
    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    result = run("export", deck, "--handout", "--locale", locale, "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    [handout] = tmp_path.glob("*-handout.pdf")
    assert handout.name.endswith(f"-{locale}-handout.pdf") and not list(tmp_path.glob(f"*-{locale}.pdf"))
    from pptx import Presentation

    prs = Presentation(str(next(tmp_path.glob(f"*-{locale}.pptx"))))
    for number, slide in enumerate(prs.slides, 1):
        page = subprocess.run([pdftotext, "-f", str(number), "-l", str(number), "-layout", str(handout), "-"],
                              capture_output=True, text=True).stdout
        first = slide.notes_slide.notes_text_frame.paragraphs[0].text
        assert _squash(first)[:12] in _squash(page), f"page {number} shows the start of slide {number}'s notes"
        last = [p.text for p in slide.notes_slide.notes_text_frame.paragraphs if p.text.strip()][-1]
        assert _squash(last)[-12:] in _squash(page), f"page {number} shows the end of slide {number}'s notes"
    pages = subprocess.run(["pdfinfo", str(handout)], capture_output=True, text=True).stdout
    assert f"Pages:           {len(prs.slides)}" in pages


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the review site, in a real browser -------------------------------------------------------------------------------


def chromium() -> str:
    """A headless-capable Chromium or Chrome (Debian's chromium; GitHub's runners have google-chrome)."""
    found = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                  if shutil.which(name)), None)
    return found or require_tool("chromium")


def browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with a private profile and no network chatter."""
    return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                           "--no-first-run", "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


def rendered_dom(tmp_path: Path, page: Path, fragment: str = "") -> str:
    """The page's DOM after its scripts ran and its pictures loaded."""
    done = browser(tmp_path, "--virtual-time-budget=15000", "--dump-dom", page.as_uri() + fragment)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Rows(HTMLParser):
    """The string rows of a review page: state, id and the English and translation cells' text."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.cell = None
        self.marking = False
        self.images: list[dict] = []
        self.body: dict = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body = attrs
        if tag == "tr" and "data-state" in attrs:
            self.rows.append({"state": attrs["data-state"], "id": attrs["data-id"], "english": "", "translation": "",
                              "where": "", "mark": ""})
        if tag == "td" and self.rows and attrs.get("class") in ("english", "translation", "where"):
            self.cell = attrs["class"]
        if tag == "span" and self.rows and (attrs.get("class") or "").startswith("state state-"):
            self.marking = True
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        if tag == "span":
            self.marking = False

    def handle_data(self, data):
        if self.marking and self.rows:
            self.rows[-1]["mark"] += data
        elif self.cell and self.rows:
            self.rows[-1][self.cell] += data


def parse(dom: str) -> Rows:
    rows = Rows()
    rows.feed(dom)
    return rows


def test_the_review_site_in_a_browser_shows_english_beside_translation_with_states_and_pictures(tmp_path):
    chromium()
    require_tool("soffice")
    deck = copy_lecture(tmp_path)
    out = tmp_path / "review"
    result = run("review", deck, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert (out / "index.html").is_file()

    index = rendered_dom(tmp_path, out / "index.html")
    for locale in ("en", "zh_Hans", "zh_Hant"):
        row = re.search(rf'<tr data-locale="{locale}">(.*?)</tr>', index, re.S).group(1)
        assert f'href="{locale}.html"' in row and len(re.findall(r'<td class="num">', row)) == 5
    page = rendered_dom(tmp_path, out / "zh_Hant.html")
    rows = parse(page)
    by_id = {row["id"]: row for row in rows.rows}
    bullet = by_id["early-prc.bullets[0]"]
    assert bullet["english"] == "**Economic recovery**" and bullet["translation"].strip()
    assert bullet["state"] == "translated" and bullet["mark"] == "translated"
    assert re.search(r"deck/locales/zh_Hant\.po:\d+", bullet["where"])
    notes = [row for key, row in by_id.items() if key.startswith("prelude.notes")]
    assert notes and all(row["translation"].strip() for row in notes), "notes paragraphs with their translations"
    alt = next(row for key, row in by_id.items() if key.endswith(".alt"))
    assert alt["english"] and alt["translation"].strip(), "alt text is reviewed too"
    assert any(key.startswith("chart.") for key in by_id), "chart strings are reviewed too"
    slides = [image for image in rows.images if image.get("src", "").startswith("zh_Hant/")]
    from pptx import Presentation

    count = len(Presentation(str(next((out / "decks").glob("*-zh_Hant.pptx")))).slides)
    assert len(slides) == count and all(image.get("data-loaded") == "yes" for image in slides), "every picture loads"

    shot = tmp_path / "shot.png"
    done = browser(tmp_path, "--window-size=1300,1600", f"--screenshot={shot}", (out / "zh_Hant.html").as_uri())
    assert done.returncode == 0 and shot.is_file()
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is None or len(colours) > 50, "the screenshot is not blank"


def test_an_english_edit_without_update_is_marked_stale_and_the_filter_shows_work(tmp_path):
    chromium()
    deck = copy_lecture(tmp_path)
    edit(deck / "outline" / "01-context.yaml", "**Economic recovery**", "**Economic recovery** and land reform")
    out = tmp_path / "review"
    result = run("review", deck, "--out", out, "--locale", "zh_Hant")
    assert result.exit_code == 0, result.stderr
    dom = rendered_dom(tmp_path, out / "zh_Hant.html", "#needs-work")
    rows = parse(dom)
    row = next(r for r in rows.rows if r["id"] == "early-prc.bullets[0]")
    assert row["state"] == "stale" and row["mark"] == "stale"
    assert row["english"] == "**Economic recovery** and land reform"
    assert "only-work" in rows.body.get("class", ""), "the filter shows only the strings that need work"
    assert re.search(r'data-needs-work="[1-9]', dom)


def test_every_text_is_escaped_a_bullet_with_markup_shows_as_text(tmp_path):
    chromium()
    copy = tmp_path / "deck"
    shutil.copytree(SECOND, copy)
    outline = next(p for p in sorted((copy / "outline").glob("*.yaml")) if "bullets:" in p.read_text(encoding="utf-8"))
    text = outline.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(i for i, l in enumerate(lines) if l.strip() == "bullets:") + 1
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    marker = "<script>document.title='pwned'</script><b>bold?</b>"
    lines[at] = f'{indent}- "{marker}"'
    outline.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "review"
    result = run("review", copy, "--out", out, "--locale", "en")
    assert result.exit_code == 0, result.stderr
    dom = rendered_dom(tmp_path, out / "en.html")
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;b&gt;bold?&lt;/b&gt;" in dom


def test_review_since_last_terms_deck_shows_what_changed_on_the_slide(tmp_path):
    chromium()
    deck = copy_lecture(tmp_path)
    assert run("build", deck, "--all-locales", "--out", tmp_path / "last-term").exit_code == 0
    edit(deck / "outline" / "01-context.yaml", "**Economic recovery**", "**Economic recovery** and land reform")
    out = tmp_path / "review"
    result = run("review", deck, "--out", out, "--locale", "en", "--since", tmp_path / "last-term")
    assert result.exit_code == 0, result.stderr
    dom = rendered_dom(tmp_path, out / "en.html")
    section = re.search(r'<section class="slide" id="slide-4" data-slide-id="early-prc".*?</section>', dom, re.S).group(0)
    assert "<ins> and land reform</ins>" in section and 'class="changed">changed</span>' in section
    untouched = re.search(r'<section class="slide" id="slide-5".*?</section>', dom, re.S).group(0)
    assert "<ins>" not in untouched
