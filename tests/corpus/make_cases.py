"""Write the fault corpus under cases/ from base/ (run from this folder). expected.txt files are kept when they
exist: they hold the exact messages, reviewed by hand. Binary pictures are made here so the cases stay reproducible."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from PIL import Image

CASES = Path("cases")
BASE_PO = Path("base/locales/fr.po").read_text(encoding="utf-8")
OUTLINE = Path("base/outline/00-main.yaml").read_text(encoding="utf-8")
DECK_YAML = Path("base/deck.yaml").read_text(encoding="utf-8")
CHART = Path("base/charts/growth.py").read_text(encoding="utf-8")
FR = "build . --locale fr --out {out}"


def case(name, files=None, args="build . --out {out}", status=1, delete=(), about=""):
    folder = CASES / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "about.txt").write_text(about.strip() + "\n", encoding="utf-8")
    for rel, data in (files or {}).items():
        target = folder / "files" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.exists():
            target.unlink()
        if isinstance(data, tuple):
            os.symlink(data[1], target)
        elif isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    if delete:
        (folder / "delete.txt").write_text("\n".join(delete) + "\n", encoding="utf-8")
    if args != "build . --out {out}":
        (folder / "args.txt").write_text(args + "\n", encoding="utf-8")
    if status != 1:
        (folder / "status.txt").write_text(f"{status}\n", encoding="utf-8")
    if not (folder / "expected.txt").exists():
        (folder / "expected.txt").write_text("", encoding="utf-8")


def jpeg(mode="RGB", color=(170, 85, 51), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (1200, 900), color).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def picture(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def template(slides: int = 0, layouts: bool = True) -> bytes:
    """A 16:9 template made from python-pptx's default, holding `slides` slides (and only one layout if not
    `layouts`)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for _ in range(slides):
        prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "An example slide of the template"
    if not layouts:
        for name in ("Title Only", "Section Header"):
            layout = next(item for item in prs.slide_layouts if item.name == name)
            prs.slide_layouts.remove(layout)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def deck_yaml(old: str, new: str) -> str:
    assert old in DECK_YAML, old
    return DECK_YAML.replace(old, new)


def outline(old: str, new: str) -> str:
    assert old in OUTLINE, old
    return OUTLINE.replace(old, new)


def chart(body: str) -> dict:
    return {"charts/growth.py": body}


def main() -> None:
    # -- outline ----------------------------------------------------------------------------------------------
    case("outline/lone-surrogate", {"outline/00-main.yaml": OUTLINE.replace("title: Points", 'title: "Points \\uD800"')},
         about="A YAML escape puts a lone surrogate in a title.")
    slides = "slides:\n  - id: title\n    kind: title\n    notes: Welcome.\n" + "".join(
        f"  - id: s{i}\n    kind: bullets\n    title: Slide {i}\n    bullets: [Point]\n    notes: Notes.\n" for i in range(2000))
    case("outline/too-many-slides", {"outline/00-main.yaml": slides}, about="2001 slides: over the sane size of a deck.")
    case("outline/show-date-not-true-or-false", {"deck.yaml": DECK_YAML.replace("slug:", "show_date: yes\nslug:")},
         about="show_date written as yes (YAML 1.1's boolean): only true or false are taken.")
    case("outline/value-named-term", {"deck.yaml": DECK_YAML + "values:\n  term: 3\n  date: [1, 2]\n"},
         about="Values named term and date, which every text may show as {term} and {date}.")
    case("outline/unknown-placeholder", {"outline/00-main.yaml": OUTLINE.replace("title: Points", "title: Points in {semester}")},
         about="A placeholder that is neither {term}, {date} nor a value.")

    # -- catalogs ---------------------------------------------------------------------------------------------
    case("catalogs/syntax-error", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR Points"\nmsgstring "oops"')},
         args=FR, about="A misspelled keyword in a PO file.")
    latin1 = BASE_PO.encode("utf-8").replace(b'msgstr "FR Points"', 'msgstr "FR Pointé"'.encode("latin-1"))
    case("catalogs/not-utf8", {"locales/fr.po": latin1}, args=FR, about="One entry saved as Latin-1 in a UTF-8 PO file.")
    latin1_header = BASE_PO.replace("charset=utf-8", "charset=ISO-8859-1").encode("utf-8").replace(
        b'msgstr "FR Points"', 'msgstr "FR Pointé"'.encode("latin-1"))
    case("catalogs/latin1-charset", {"locales/fr.po": latin1_header}, args=FR,
         about="A catalog saved as Latin-1 with a header that says so: the charset is named, not the fonts blamed.")
    case("catalogs/other-charset-header", {"locales/fr.po": BASE_PO.replace("charset=utf-8", "charset=ISO-8859-1")},
         args=FR, about="A UTF-8 catalog whose header declares ISO-8859-1.")
    case("catalogs/unterminated-string", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR Points')},
         args=FR, about="A msgstr without its closing quote (it used to build, truncated, and count as translated).")
    case("catalogs/bad-escape", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR \\Points"')},
         args=FR, about="A backslash before a letter that is no escape.")
    case("catalogs/msgstr-before-msgid", {"locales/fr.po": BASE_PO.replace(
         'msgid "Points"\nmsgstr "FR Points"', 'msgstr "FR Points"\nmsgid "Points"')},
         args=FR, about="msgstr written before msgid.")
    case("catalogs/no-header", {"locales/fr.po": BASE_PO[BASE_PO.index("#: base/deck.yaml:2"):]},
         args=FR, about="The header entry deleted.")
    case("catalogs/no-msgctxt", {"locales/fr.po": BASE_PO.replace('msgctxt "points.title"\n', "")},
         args=FR, about="An entry without its msgctxt line (its ID).")
    case("catalogs/plural-entry", {"locales/fr.po": BASE_PO.replace(
         'msgid "Points"\nmsgstr "FR Points"', 'msgid "Point"\nmsgid_plural "Points"\nmsgstr[0] "FR Point"\nmsgstr[1] "FR Points"')},
         args=FR, about="A plural entry: decks have no plural forms.")
    case("catalogs/whitespace-only", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "  "')},
         args=FR, about="A translation of spaces only (it used to show a blank title).")
    case("catalogs/control-character", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR\\bPoints"')},
         args=FR, about="A backspace escape in a translation.")
    case("catalogs/newline-mismatch", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR Points\\n"')},
         args=FR, about="A translation ending with a line break the English does not have.")
    case("catalogs/placeholder-mismatch", {"locales/fr.po": BASE_PO.replace('msgstr "FR **{label}:** {question}"',
                                                                            'msgstr "FR **{label}:** {questions}"')},
         args=FR, about="A translation renames a placeholder.")
    case("catalogs/chart-format-field", {"locales/fr.po": BASE_PO.replace(
         'msgid "Growth"\nmsgstr "FR Growth"', 'msgid "Growth"\nmsgstr "FR Growth {0}"')},
         args=FR, about="A chart string's translation adds a {0} field str.format would fill (or fail on).")
    case("catalogs/unpaired-markup", {"locales/fr.po": BASE_PO.replace('msgstr "FR A **bold** point"',
                                                                       'msgstr "FR A **bold point"')},
         args=FR, about="A translation with an unpaired ** that would show as typed.")
    case("catalogs/markup-dropped", {"locales/fr.po": BASE_PO.replace('msgstr "FR A **bold** point"', 'msgstr "FR A bold point"')},
         args=FR, status=0, about="A translation drops the bold marks: allowed (a language may not stress the same words).")
    case("catalogs/duplicate-id", {"locales/fr.po": BASE_PO + '\nmsgctxt "points.title"\nmsgid "Points again"\nmsgstr "FR Encore"\n'},
         args=FR, about="The same msgctxt twice.")
    case("catalogs/stale-id", {"locales/fr.po": BASE_PO + '\nmsgctxt "gone.title"\nmsgid "A slide that was removed"\nmsgstr "FR Disparue"\n'},
         args=FR, status=0, about="An entry for a slide the outline no longer has: a warning, and the deck builds.")
    edited = OUTLINE.replace("text: A point with a sub-point", "text: A point with one sub-point")
    case("catalogs/stale-translation", {"outline/00-main.yaml": edited}, args=FR, status=0,
         about="The lecturer edits a bullet and builds without `i18n update`: English shown, with a warning naming "
               "the outline line and the catalog entry.")
    case("catalogs/stale-translation-strict", {"outline/00-main.yaml": edited}, args=FR + " --strict",
         about="The same edit with --strict: an error, nothing written.")
    case("catalogs/unknown-locale-code", {"locales/xx.po": BASE_PO}, args="build . --all-locales --out {out}",
         about="A catalog named with a code no locale has; the other locales still build.")
    case("catalogs/bad-glossary", {"locales/fr.glossary.yaml": "moderate: modéré\nradical:\n  - radical\n  - [extrême]\n"},
         args="i18n status .", about="A glossary whose term has a list inside its list of renderings.")

    # -- images -----------------------------------------------------------------------------------------------
    case("images/missing", delete=["assets/posters/left.jpg"], status=0, about="A picture not there yet: placeholder and warning.")
    case("images/empty", {"assets/posters/left.jpg": b""}, about="An empty file.")
    case("images/truncated", {"assets/posters/left.jpg": jpeg()[:300]}, about="A JPEG cut short.")
    case("images/not-an-image", {"assets/posters/left.jpg": b"This is a text file.\n"}, about="Text saved as .jpg.")
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    case("images/decompression-bomb", {"assets/posters/left.png": png}, delete=["assets/posters/left.jpg"],
         about="A PNG header claiming 20000 x 20000 pixels (400 million) in a few bytes.")
    webp = io.BytesIO()
    Image.new("RGB", (1200, 900), (10, 120, 30)).save(webp, "WEBP")
    case("images/webp", {"assets/posters/left.webp": webp.getvalue()}, delete=["assets/posters/left.jpg"], status=0,
         about="A WebP picture where a JPEG was named: found by its stem and converted.")
    case("images/svg", {"assets/posters/left.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>\n'},
         delete=["assets/posters/left.jpg"], about="An SVG drawing in a picture slot.")
    case("images/heic", {"assets/posters/left.heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64},
         delete=["assets/posters/left.jpg"], about="A HEIC photo from a phone.")
    case("images/cmyk-jpeg", {"assets/posters/left.jpg": jpeg(mode="CMYK", color=(0, 60, 80, 10))}, status=0,
         about="A CMYK JPEG from a print workflow: converted to RGB.")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees to show upright
    rotated = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 90, 200)).save(rotated, "JPEG", exif=exif.tobytes())
    case("images/exif-rotated", {"assets/posters/left.jpg": rotated.getvalue()}, status=0,
         about="A photo stored sideways with an EXIF orientation tag: turned upright.")
    case("images/absolute-path", {"outline/00-main.yaml": OUTLINE.replace("file: posters/left.jpg", "file: /etc/hostname")},
         about="An absolute image path, outside the project.")
    case("images/dotdot-path", {"outline/00-main.yaml": OUTLINE.replace("file: posters/left.jpg", "file: ../../secret.jpg")},
         about="An image path climbing out of the project.")
    case("images/symlink-escape", {"assets/posters/left.jpg": ("symlink", "/etc/hostname")},
         about="A picture that is a link to a file outside the project.")
    case("images/letter-case", {"assets/posters/Left.JPG": jpeg()}, delete=["assets/posters/left.jpg"], status=0,
         about="The file is Left.JPG, the outline says left.jpg: used, with a warning.")
    case("images/same-file-twice", {"outline/00-main.yaml": OUTLINE.replace("file: posters/right.jpg", "file: posters/left.jpg")},
         status=0, about="Both slots show the same picture: the deck stores it once.")

    # -- charts -----------------------------------------------------------------------------------------------
    case("charts/hangs", {"charts/growth.py": CHART.replace("    rows = ctx", "    while True:\n        pass\n    rows = ctx"),
                          "deck.yaml": DECK_YAML + "chart_timeout: 2\n"},
         about="A chart script in an endless loop: stopped after chart_timeout seconds.")
    case("charts/draws-nothing", {"charts/growth.py": 'def draw(fig, ctx):\n    ctx.read_csv("values.csv")\n'},
         about="A chart script that draws nothing.")
    case("charts/plt-show", {"charts/growth.py": "import matplotlib.pyplot as plt\n\n\n" + CHART + "    plt.show()\n"}, status=0,
         about="A chart script that calls plt.show(): ignored, with a warning.")
    case("charts/random-without-seed", {"charts/growth.py": "import random\n\n\n" + CHART.replace(
         '[float(row["value"]) for row in rows]', '[float(row["value"]) + random.random() for row in rows]')}, status=0,
         about="A chart script drawing random noise: generators are seeded, so builds stay byte-identical.")
    case("charts/missing-glyph", {"charts/growth.py": CHART.replace('"Growth"))', '"Growth \\U00010000"))')},
         about="A chart label with a character no installed font has.")

    # -- more bad input: the classes of issue #12 ---------------------------------------------------------------
    more_outline_cases()
    deck_cases()
    template_cases()
    cli_cases()
    more_catalog_cases()
    more_image_cases()
    more_chart_cases()
    kinds_cases()
    adversarial_cases()


def more_outline_cases() -> None:
    case("outline/key-letter-case", {"outline/00-main.yaml": outline("    kind: bullets\n    title: Points", "    Kind: bullets\n    Title: Points")},
         about="Keys typed with a capital letter: each is named with its suggestion, not reported as missing.")
    case("outline/paragraph-separator", {"outline/00-main.yaml": outline('- "A **bold** point"', '- "A **bold**\\P point"')},
         about="A YAML escape (\\P) puts U+2029, a paragraph separator no slide holds, in a bullet.")
    case("outline/entry-is-a-folder", {"deck.yaml": DECK_YAML + "  - outline\n"},
         about="An outline entry naming a folder instead of a file.")
    case("outline/file-listed-twice", {"deck.yaml": DECK_YAML + "  - outline/00-main.yaml\n"},
         about="The same outline file listed twice: said once, not as a slide id used twice.")
    case("outline/file-absolute", {"deck.yaml": DECK_YAML + "  - /etc/hostname\n"},
         about="An outline file given by an absolute path, outside the project.")
    case("outline/file-dotdot", {"deck.yaml": DECK_YAML + "  - ../deck/outline/00-main.yaml\n"},
         about="An outline file reached through '..'.")
    case("outline/file-symlink-escape", {"outline/01-more.yaml": ("symlink", "/etc/hostname"),
                                         "deck.yaml": DECK_YAML + "  - outline/01-more.yaml\n"},
         about="An outline file that is a link to a file outside the deck folder.")
    case("outline/not-a-deck-folder", delete=["deck.yaml"],
         about="`build .` in a folder without deck.yaml: says it is not a deck folder and how to make one.")


def deck_cases() -> None:
    case("deck/title-too-long", {"deck.yaml": deck_yaml("title: Base Deck", "title: " + "Long " * 60)},
         about="A title of 300 characters: more than a document property holds (255).")
    case("deck/date-after-2107", {"deck.yaml": deck_yaml("date: 2026-09-01", "date: 2110-01-01")},
         about="A date after 2107, which zip timestamps cannot hold.")
    case("deck/date-before-1980", {"deck.yaml": deck_yaml("date: 2026-09-01", "date: 1979-12-31")},
         about="A date before 1980, which zip timestamps cannot hold.")
    case("deck/values-not-finite", {"deck.yaml": DECK_YAML.replace("outline:", "values:\n  a: nan\n  b: inf\n  c: 1e309\n  d: [43, 15]\noutline:")},
         about="values: NaN, infinity, 1e309 (infinite as a float) and a range the wrong way round.")
    case("deck/slug-too-long", {"deck.yaml": deck_yaml("slug: base-deck", "slug: " + "base-deck-" * 10 + "x")},
         about="A 101-character slug: it starts every file name the build writes.")
    case("deck/term-line-break", {"deck.yaml": deck_yaml("term: Fall 2026", 'term: "Fall\\n2026"')},
         about="A term with a line break: it becomes part of file names and the footer.")
    case("deck/term-too-long", {"deck.yaml": deck_yaml("term: Fall 2026", "term: Fall 2026 " + "and more " * 10)},
         about="A 106-character term: longer than a file name part may be.")
    case("deck/key-letter-case", {"deck.yaml": deck_yaml("title: Base Deck\nauthor: Tester", "Title: Base Deck\nAuthor: Tester")},
         about="deck.yaml keys with capital letters: each named with its suggestion, every one at once.")
    case("deck/assets-absolute", {"deck.yaml": deck_yaml("assets: assets", "assets: /usr/share")},
         about="An absolute assets folder.")
    case("deck/assets-too-far-up", {"deck.yaml": deck_yaml("assets: assets", "assets: ../../assets")},
         about="An assets folder two levels up: beside the deck folder is the furthest allowed.")
    case("deck/assets-symlink-escape", {"elsewhere": ("symlink", "/usr/share"), "deck.yaml": deck_yaml("assets: assets", "assets: elsewhere")},
         about="An assets folder that is a link leading out of the project.")
    case("deck/chart-timeout-too-short", {"deck.yaml": DECK_YAML + "chart_timeout: 0.5\n"},
         about="chart_timeout under one second.")


def template_cases() -> None:
    with_template = DECK_YAML.replace("outline:", "template: template.pptx\noutline:")
    case("templates/holds-slides", {"template.pptx": template(slides=2), "deck.yaml": with_template}, status=0,
         about="A template that already holds two slides: they are left out, with a warning.")
    case("templates/not-a-zip", {"template.pptx": b"This is not a presentation.\n", "deck.yaml": with_template},
         about="A template file that is not a zip package at all.")
    case("templates/not-a-presentation", {"template.pptx": zipped({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<Types/>"}),
                                          "deck.yaml": with_template},
         about="A zip package that is not a presentation (a renamed Word file, say).")
    case("templates/missing-layouts", {"template.pptx": template(layouts=False), "deck.yaml": with_template},
         about="A template without the Title Only and Section Header layouts the deck uses.")
    case("templates/absolute-path", {"deck.yaml": DECK_YAML.replace("outline:", "template: /usr/share/template.pptx\noutline:")},
         about="A template given by an absolute path.")
    case("templates/dotdot-path", {"deck.yaml": DECK_YAML.replace("outline:", "template: ../../template.pptx\noutline:")},
         about="A template two levels up.")


def cli_cases() -> None:
    case("cli/term-control-character", args="build . --out {out} --term 'Fall\x012026'",
         about="--term with a control character.")
    case("cli/term-paragraph-separator", args="build . --out {out} --term 'Fall\u20292026'",
         about="--term with U+2029, which text measurement cannot lay out.")
    case("cli/term-too-long", args="build . --out {out} --term '" + "Fall 2026 " * 10 + "'",
         about="A --term of 100 characters.")
    case("cli/term-empty", args="build . --out {out} --term ' '", about="A --term of only a space.")
    case("cli/build-a-folder-without-deck-yaml", args="build outline --out {out}",
         about="Building a folder that is not a deck folder.")
    case("cli/i18n-init-source-language", args="i18n init en .",
         about="`i18n init en`: English is the outline's own language; an en.po would be ignored by every build.")
    case("cli/i18n-update-unknown-locale", args="i18n update . --locale xx --locale de",
         about="`i18n update` with a locale code Babel does not know and one without a catalog: nothing written.")
    case("cli/new-onto-a-file", args="new deck.yaml", about="`new` onto an existing file.")
    case("cli/new-where-nothing-can-be-made", args="new /proc/lecture",
         about="`new` in a place no folder can be made (/proc).")


def more_catalog_cases() -> None:
    case("catalogs/paragraph-separator", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR\u2029Points"')},
         args=FR, about="A translation holding U+2029: caught before anything is drawn, at the PO line.")
    case("catalogs/title-too-long", {"locales/fr.po": BASE_PO.replace('msgstr "FR Base Deck"', 'msgstr "' + "Long " * 60 + '"')},
         args=FR, about="A translated deck title over 255 characters, more than a document property holds.")


def more_image_cases() -> None:
    import numpy

    gray = numpy.zeros((900, 1200), numpy.uint16)  # as large as the slot needs, so it shows sharp
    gray[:, 600:] = 65535
    gray[:, :600] = 40000
    case("images/gray-16-bit", {"assets/posters/left.png": picture(Image.fromarray(gray), "PNG")}, delete=["assets/posters/left.jpg"],
         status=0, about="A 16-bit grayscale PNG: scaled to 8 bits (not clipped to white).")
    values = numpy.zeros((900, 1200), numpy.float32)
    values[:, 600:] = 0.75
    values[:, :600] = 0.25
    case("images/float-tiff", {"assets/posters/left.tif": picture(Image.fromarray(values), "TIFF", compression="tiff_adobe_deflate")}, delete=["assets/posters/left.jpg"],
         status=0, about="A 32-bit floating-point TIFF: stretched over its range (not clipped to black).")
    values[0, 0] = numpy.nan
    case("images/float-tiff-nan", {"assets/posters/left.tif": picture(Image.fromarray(values), "TIFF", compression="tiff_adobe_deflate")}, delete=["assets/posters/left.jpg"],
         about="A floating-point TIFF holding NaN.")
    mpo = io.BytesIO()
    Image.new("RGB", (1200, 900), (200, 30, 30)).save(mpo, "MPO", save_all=True, append_images=[Image.new("RGB", (1200, 900), (30, 200, 30))])
    case("images/mpo-camera-jpeg", {"assets/posters/left.jpg": mpo.getvalue()}, status=0,
         about="A phone camera's JPEG in the multi-picture (MPO) format: its first picture is used.")
    case("images/broken-colour-profile", {"assets/posters/left.jpg": jpeg(icc_profile=b"not a colour profile" * 8)}, status=0,
         about="A JPEG whose embedded colour profile is broken: used as sRGB, with a warning.")


def more_chart_cases() -> None:
    timeout = {"deck.yaml": DECK_YAML + "chart_timeout: 2\n"}
    case("charts/loop-in-c", {**chart("def draw(fig, ctx):\n    sum(range(10**12))\n"), **timeout},
         about="A chart script looping inside C (sum over a huge range), where no Python signal handler runs.")
    case("charts/os-exit", chart("import os\n\n\ndef draw(fig, ctx):\n    os._exit(3)\n"),
         about="A chart script that ends its process with os._exit().")
    case("charts/segfault", chart("import ctypes\n\n\ndef draw(fig, ctx):\n    ctypes.string_at(0)\n"),
         about="A chart script that crashes its process (a segmentation fault through ctypes).")
    case("charts/kills-itself", chart("import os\nimport signal\n\n\ndef draw(fig, ctx):\n    os.kill(os.getpid(), signal.SIGKILL)\n"),
         about="A chart script whose process is killed (as the out-of-memory killer would).")
    case("charts/tex-typo", chart(CHART.replace('ctx.pgettext("title", "Growth")', 'ctx.pgettext("title", "Growth $\\\\alpha_{$")')),
         about="A label with a mathtext typo: the error comes while the figure is saved.")
    case("charts/set-size-inches", chart(CHART + "    fig.set_size_inches(1000, 1000)\n"),
         about="A chart script that resizes the figure (the picture would be stretched on the slide).")
    case("charts/set-dpi", chart(CHART + "    fig.dpi = 50\n"), about="A chart script that changes the figure's dpi.")
    case("charts/own-figure", chart("import matplotlib.pyplot as plt\n\n\ndef draw(fig, ctx):\n    _fig, ax = plt.subplots(figsize=(4, 3))\n    ax.plot([1, 2])\n"),
         about="A chart script drawing on a pyplot figure of its own size instead of the fig it is given.")
    case("charts/warnings-silenced", chart("import warnings\n\n\n" + CHART.replace("    rows", "    warnings.simplefilter('ignore')\n    rows").replace('"Growth"))', '"Growth \\U00010000"))')),
         about="A script that silences warnings and shows a character no chart font has: still an error, never a box.")
    case("charts/label-control-character", chart(CHART + '    ax.set_xlabel("Year\\tof growth")\n'),
         about="A label set directly (not through pgettext) holding a tab.")
    case("charts/pgettext-id-twice", chart(CHART + '    ax.set_xlabel(ctx.pgettext("title", "Year"))\n'),
         about="One pgettext ID given to two different English texts.")
    values = Path("base/assets/data/values.csv").read_text(encoding="utf-8")
    case("charts/csv-with-bom", {"assets/data/values.csv": "\ufeff" + values}, status=0,
         about="A CSV saved by Excel as 'CSV UTF-8', with a byte-order mark: read as usual.")
    case("charts/csv-latin1", {"assets/data/values.csv": (values + "2004,4,télé\n").encode("latin-1")},
         about="A CSV saved in Latin-1: the bad byte is named at its line.")
    case("charts/csv-missing-column", chart(CHART.replace('row["value"]', 'row["valeu"]')),
         about="A script asking for a column the CSV does not have.")
    case("charts/csv-not-a-number", {"assets/data/values.csv": values + "2004,n/a,test\n"},
         about="A CSV value the script reads as a number that is not one.")
    case("charts/csv-short-row", {"assets/data/values.csv": values + "2004,4\n"},
         about="A CSV row with a field missing.")
    case("charts/csv-empty", {"assets/data/values.csv": ""}, about="An empty CSV file.")
    case("charts/script-not-utf8", chart("def draw(fig, ctx):\n    # caf\xe9 au lait\n    pass\n".encode("latin-1")),
         about="A chart script saved in Latin-1.")
    case("charts/script-null-byte", chart("def draw(fig, ctx):\n    x = 1\x00\n"), about="A chart script holding a NUL byte.")


def kinds_cases() -> None:
    """The quote, table, two-column and timeline slides: missing keys, wrong types and shapes, and their data."""
    def slide(body: str) -> dict:
        return {"outline/00-main.yaml": OUTLINE + body}

    quote = ("  - id: slogan\n    kind: quote\n    title: A slogan\n    quote: {quote}\n    source: {source}\n"
             "    notes: Read it aloud.\n")
    case("kinds/quote-missing-source", slide(quote.replace("    source: {source}\n", "").format(quote="Go all out.")),
         about="A quote slide without its attribution.")
    case("kinds/quote-empty", slide(quote.format(quote='""', source="A speaker, 1958")), about="An empty quotation.")
    case("kinds/quote-in-marks", slide(quote.format(quote='"“Go all out.”"', source="A speaker, 1958")),
         about="A quotation typed with its own quotation marks (the deck adds each language's).")
    case("kinds/quote-not-text", slide(quote.format(quote="[Go all out, aim high]", source="A speaker, 1958")),
         about="A quotation written as a list.")

    table = ("  - id: numbers\n    kind: table\n    title: Numbers\n    data: {data}\n    columns: {columns}\n"
             "{rows}    notes: Read the table.\n")
    good_columns = "{year: Year, value: Value}"
    case("kinds/table-unknown-column", slide(table.format(data="values.csv", columns="{year: Year, valu: Value}", rows="")),
         about="A column the CSV does not have (misspelled).")
    case("kinds/table-rows-not-in-file", slide(table.format(data="values.csv", columns=good_columns,
                                                             rows="    rows: [2001, 2009]\n")),
         about="rows: names a value the file's first column does not have.")
    case("kinds/table-rows-wrong-order", slide(table.format(data="values.csv", columns=good_columns,
                                                             rows="    rows: [2003, 2001]\n")),
         about="rows: [first, last] given last first.")
    case("kinds/table-rows-one-value", slide(table.format(data="values.csv", columns=good_columns, rows="    rows: [2001]\n")),
         about="rows: with one value instead of [first, last].")
    many = "year,value,source\n" + "".join(f"{1950 + i},{i}.5,test\n" for i in range(40))
    case("kinds/table-too-many-rows", {**slide(table.format(data="many.csv", columns=good_columns, rows="")),
                                       "assets/data/many.csv": many},
         about="A CSV of 40 rows: more than fit the slide at the smallest table size.")
    case("kinds/table-no-source-column", {**slide(table.format(data="bare.csv", columns=good_columns, rows="")),
                                          "assets/data/bare.csv": "year,value\n2001,1\n"},
         about="A CSV without the source column every data file needs.")
    case("kinds/table-ragged-csv", {**slide(table.format(data="ragged.csv", columns=good_columns, rows="")),
                                    "assets/data/ragged.csv": "year,value,source\n2001,1,test\n2002,2,3,test\n"},
         about="A CSV row with one value too many (an unquoted comma).")
    case("kinds/table-csv-not-utf8", {**slide(table.format(data="latin1.csv", columns="{year: Year, region: Region}", rows="")),
                                      "assets/data/latin1.csv": "year,region,source\n2001,Québec,test\n".encode("latin-1")},
         about="A CSV saved as Latin-1.")
    case("kinds/table-csv-header-only", {**slide(table.format(data="empty.csv", columns=good_columns, rows="")),
                                         "assets/data/empty.csv": "year,value,source\n"},
         about="A CSV with its header and no rows.")
    case("kinds/table-csv-repeated-column", {**slide(table.format(data="twice.csv", columns=good_columns, rows="")),
                                             "assets/data/twice.csv": "year,value,value,source\n2001,1,2,test\n"},
         about="A CSV whose header names the same column twice.")
    case("kinds/table-csv-bad-quoting", {**slide(table.format(data="quoted.csv", columns=good_columns, rows="")),
                                         "assets/data/quoted.csv": 'year,value,source\n2001,"1"2,test\n'},
         about="A CSV with a stray quote inside a field.")
    case("kinds/table-csv-line-break", {**slide(table.format(data="lines.csv", columns="{year: Year, note: Note}", rows="")),
                                        "assets/data/lines.csv": 'year,note,source\n2001,"two\nlines",test\n'},
         about="A quoted CSV value holding a line break: a chart may read it, a table cell holds one line.")
    case("kinds/table-missing-file", slide(table.format(data="nothing.csv", columns=good_columns, rows="")),
         about="The table's CSV file is not there.")
    case("kinds/table-columns-not-a-mapping", slide(table.format(data="values.csv", columns="[year, value]", rows="")),
         about="columns: written as a list instead of column: heading pairs.")
    case("kinds/table-source-column-shown", slide(table.format(data="values.csv", columns="{year: Year, source: Source}",
                                                               rows="")),
         about="The source column listed as a column to show.")

    two = ("  - id: sides\n    kind: two-column\n    title: Two sides\n{left}{right}    notes: Compare them.\n")
    left = "    left: {heading: Radicals, bullets: [Faster growth]}\n"
    case("kinds/two-column-missing-right", slide(two.format(left=left, right="")), about="A two-column slide with one side.")
    case("kinds/two-column-misspelled-key", slide(two.format(
        left=left, right="    right: {heading: Moderates, bulets: [Balanced growth]}\n")),
         about="A side's bullets under a misspelled key.")
    case("kinds/two-column-side-not-mapping", slide(two.format(left=left, right="    right: Moderates\n")),
         about="A side written as text instead of {heading, bullets}.")

    timeline = "  - id: dates\n    kind: timeline\n    title: Dates\n    events:\n{events}    notes: Walk through them.\n"
    event = "      - {{date: {year}, text: Something happened}}\n"
    case("kinds/timeline-one-event", slide(timeline.format(events=event.format(year=1958))),
         about="A timeline of one event (2 to 8 are drawn).")
    case("kinds/timeline-nine-events", slide(timeline.format(events="".join(event.format(year=1950 + i) for i in range(9)))),
         about="A timeline of nine events (2 to 8 are drawn).")
    case("kinds/timeline-event-without-date", slide(timeline.format(
        events=event.format(year=1958) + "      - {text: Something else happened}\n")),
         about="An event without its date.")
    case("kinds/timeline-event-not-a-mapping", slide(timeline.format(
        events=event.format(year=1958) + "      - 1959\n")),
         about="An event written as a bare date.")
    case("kinds/timeline-events-not-a-list", slide(timeline.format(events="").replace("    events:\n", "    events: 1958\n")),
         about="events: written as a single value.")
    case("kinds/several-at-once", slide(
        quote.format(quote='""', source="A speaker, 1958")
        + table.format(data="values.csv", columns="{year: Year, valu: Value}", rows="    rows: [2001, 2009]\n")
        + two.format(left=left, right="")
        + timeline.format(events=event.format(year=1958))),
         about="One problem in each new kind: every one reported at once.")


def adversarial_cases() -> None:
    """The adversarial sweep's findings (tools/adversarial_sweep.py): each was a traceback, a status 2, a hang, a
    misleading message or a silently wrong deck before it was fixed."""
    # outline
    case("outline/raw-line-separator", {"outline/00-main.yaml": outline("title: Points", "title: Points\u2028more")},
         about="A raw U+2028 (pasted from a web page) in a title: YAML breaks the line there, so it is found first.")
    case("outline/id-named-credits", {"outline/00-main.yaml": outline("id: points", "id: credits")},
         about="A slide id the build gives its own credits slide: two slides named credits would confuse diff.")
    part = ("part:\n  id: points\n  label: Part\n  question: Why?\n  notes: Part notes.\nslides:\n  - id: more\n"
            "    kind: bullets\n    title: More\n    bullets: [x]\n    notes: n.\n")
    case("outline/part-id-equals-slide-id", {"outline/01-part.yaml": part, "deck.yaml": DECK_YAML + "  - outline/01-part.yaml\n"},
         about="A part whose id a slide already has: the divider and the slide would share a name.")
    case("outline/zero-width-title", {"outline/00-main.yaml": outline("title: Points", 'title: "\u200b"')},
         about="A title of only a zero-width space: a slide with an empty-looking title.")
    case("outline/zero-width-bullet", {"outline/00-main.yaml": outline('- "A **bold** point"', '- "\u200d\u2060"')},
         about="A bullet of only invisible joiners.")
    case("outline/zero-width-notes-paragraph",
         {"outline/00-main.yaml": outline("notes: Talk through the points.",
                                          "notes: |\n      Talk through the points.\n      \u200b\n      Then the next.")},
         about="A paragraph of speaker notes holding only a zero-width space: an empty-looking paragraph and catalog entry.")
    case("outline/nfd-picture-name", {"assets/posters/cafe\u0301.jpg": jpeg(),
                                      "outline/00-main.yaml": outline("file: posters/left.jpg", "file: posters/caf\u00e9.jpg")},
         delete=["assets/posters/left.jpg"], status=0,
         about="The outline says café.jpg (composed é), the file was saved by macOS with e + a combining accent: used, with a warning.")
    # deck.yaml, command line
    case("cli/locale-empty", args="build . --locale '' --out {out}", about="--locale given as an empty string.")
    case("cli/term-cjk-only", args="build . --term 秋季 --out {out}", status=0,
         about="A term in Chinese only: its file name keeps it (it used to become base-deck-term-en.pptx for every such term).")
    # catalogs
    case("catalogs/msgctxt-empty", {"locales/fr.po": BASE_PO.replace('msgctxt "points.title"', 'msgctxt ""')}, args=FR,
         about="An entry whose msgctxt is empty: an entry without an ID.")
    case("catalogs/msgctxt-control-character", {"locales/fr.po": BASE_PO.replace('msgctxt "points.title"', 'msgctxt "points.title\\004x"')},
         args=FR, about="A msgctxt holding a control character (gettext's own context separator, \\004).")
    case("catalogs/uppercase-file-name", {"locales/FR.po": BASE_PO}, delete=["locales/fr.po"],
         args="build . --all-locales --out {out}", about="A catalog named FR.po: built as a locale no pipeline text was found for.")
    case("catalogs/language-header-other-language", {"locales/fr.po": BASE_PO.replace('"Language: fr\\n"', '"Language: de_DE\\n"')},
         args=FR, about="fr.po whose header says Language: de_DE (a German catalog copied over the French one).")
    case("catalogs/zero-width-translation", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "\u200b"')},
         args=FR, about="A translation of only a zero-width space.")
    # charts
    case("charts/keyboard-interrupt", chart("def draw(fig, ctx):\n    raise KeyboardInterrupt\n"),
         about="A chart script raising KeyboardInterrupt: the script's fault, not an internal error.")
    case("charts/base-exception", chart("class Stop(BaseException):\n    pass\n\n\ndef draw(fig, ctx):\n    raise Stop('x')\n"),
         about="A chart script raising an exception that derives from BaseException.")
    case("charts/exception-str-fails", chart("class E(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\n\n\n"
                                              "def draw(fig, ctx):\n    raise E()\n"),
         about="A chart script's exception whose message cannot be made (its __str__ fails).")
    case("charts/script-with-bom", chart("\ufeff" + CHART), status=0,
         about="A chart script saved by Notepad with a byte-order mark, which Python itself accepts.")
    case("charts/format-number-nan", chart(CHART + "    ax.set_xlabel(ctx.format_number(float('nan'), 1))\n"),
         about="format_number given NaN (it used to write NaN on the chart).")
    case("charts/format-number-bad-decimals", chart(CHART + "    ax.set_xlabel(ctx.format_number(3.0, 10**6))\n"),
         about="format_number given a million decimals (it used to fail with decimal.InvalidOperation).")
    case("charts/font-not-available", chart(CHART.replace('"Growth"))', '"Growth"), fontfamily="Comic Sans MS")')),
         about="A chart title asking for a font the charts do not have: matplotlib would draw it in another, silently.")
    # pictures
    frames = [Image.new("RGB", (1200, 900), (200, 0, 0)), Image.new("RGB", (1200, 900), (0, 200, 0))]
    case("images/animated-gif", {"assets/posters/left.gif": picture(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=200),
                                 "outline/00-main.yaml": outline("file: posters/left.jpg", "file: posters/left.gif")},
         delete=["assets/posters/left.jpg"], status=0, about="An animated GIF: its first frame is shown, with a warning.")
    exif = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\x01" * 40
    case("images/corrupt-exif", {"assets/posters/left.jpg": jpeg(exif=exif)}, status=0,
         about="A JPEG with a corrupt EXIF block: shown, and Pillow's own warning is not printed as a stray line.")
    # templates
    deck_template = DECK_YAML.replace("outline:", "template: template.pptx\noutline:")
    case("templates/missing-master", {"template.pptx": _template_without("ppt/slideMasters/slideMaster1.xml"), "deck.yaml": deck_template},
         about="A template whose slide master part is missing (it used to be an internal error).")
    case("templates/layout-without-title", {"template.pptx": _template_untitled("Title Only"), "deck.yaml": deck_template},
         about="A template whose Title Only layout has no title placeholder (it used to be an internal error).")
    case("templates/tiny-slide", {"template.pptx": _template_sized(914400, 914400), "deck.yaml": deck_template},
         about="A template with a 1 x 1 inch slide (the build used to run for ever).")
    case("templates/unpacks-too-large", {"template.pptx": _template_claiming(400_000_000), "deck.yaml": deck_template},
         about="A template whose parts claim 400 MB once unpacked (python-pptx would read them all into memory).")


def _template_sized(width: int, height: int) -> bytes:
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = width, height
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _template_without(part: str) -> bytes:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(template()))
    return zipped({name: source.read(name) for name in source.namelist() if name != part})


def _template_untitled(name: str) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = next(item for item in prs.slide_layouts if item.name == name)
    for shape in list(layout.placeholders):
        shape._element.getparent().remove(shape._element)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _template_claiming(size: int) -> bytes:
    """The 16:9 template with one more entry whose central-directory record claims `size` bytes unpacked."""
    import zipfile

    data = bytearray(zipped({**{n: zipfile.ZipFile(io.BytesIO(template())).read(n)
                                for n in zipfile.ZipFile(io.BytesIO(template())).namelist()}, "ppt/media/video.bin": b"x"}))
    record = data.rindex(b"PK\x01\x02")  # the last central-directory record: video.bin's
    data[record + 24:record + 28] = struct.pack("<I", size)
    return bytes(data)


if __name__ == "__main__":
    main()
