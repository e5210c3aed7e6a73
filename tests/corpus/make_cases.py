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
    Image.new(mode, (400, 300), color).save(buffer, "JPEG", **options)
    return buffer.getvalue()


def main() -> None:
    # -- outline ----------------------------------------------------------------------------------------------
    case("outline/lone-surrogate", {"outline/00-main.yaml": OUTLINE.replace("title: Points", 'title: "Points \\uD800"')},
         about="A YAML escape puts a lone surrogate in a title.")
    slides = "slides:\n  - id: title\n    kind: title\n    notes: Welcome.\n" + "".join(
        f"  - id: s{i}\n    kind: bullets\n    title: Slide {i}\n    bullets: [Point]\n    notes: Notes.\n" for i in range(2000))
    case("outline/too-many-slides", {"outline/00-main.yaml": slides}, about="2001 slides: over the sane size of a deck.")

    # -- catalogs ---------------------------------------------------------------------------------------------
    case("catalogs/syntax-error", {"locales/fr.po": BASE_PO.replace('msgstr "FR Points"', 'msgstr "FR Points"\nmsgstring "oops"')},
         args=FR, about="A misspelled keyword in a PO file.")
    latin1 = BASE_PO.encode("utf-8").replace(b'msgstr "FR Points"', 'msgstr "FR Pointé"'.encode("latin-1"))
    case("catalogs/not-utf8", {"locales/fr.po": latin1}, args=FR, about="One entry saved as Latin-1 in a UTF-8 PO file.")
    case("catalogs/placeholder-mismatch", {"locales/fr.po": BASE_PO.replace('msgstr "{course} · {term}"', 'msgstr "{cours} · {term}"')},
         args=FR, about="A translation renames a placeholder.")
    case("catalogs/markup-mismatch", {"locales/fr.po": BASE_PO.replace('msgstr "FR A **bold** point"', 'msgstr "FR A bold point"')},
         args=FR, about="A translation drops the bold marks.")
    case("catalogs/duplicate-id", {"locales/fr.po": BASE_PO + '\nmsgctxt "points.title"\nmsgid "Points again"\nmsgstr "FR Encore"\n'},
         args=FR, about="The same msgctxt twice.")
    case("catalogs/stale-id", {"locales/fr.po": BASE_PO + '\nmsgctxt "gone.title"\nmsgid "A slide that was removed"\nmsgstr "FR Disparue"\n'},
         args=FR, status=0, about="An entry for a slide the outline no longer has: a warning, and the deck builds.")
    case("catalogs/unknown-locale-code", {"locales/xx.po": BASE_PO}, args="build . --all-locales --out {out}",
         about="A catalog named with a code no locale has; the other locales still build.")

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
    Image.new("RGB", (400, 300), (10, 120, 30)).save(webp, "WEBP")
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
    Image.new("RGB", (400, 300), (90, 90, 200)).save(rotated, "JPEG", exif=exif.tobytes())
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


if __name__ == "__main__":
    main()
