"""The adversarial cases: each registers a change to a copy of the corpus base deck (or the lecture), what the CLI
must do (expect="error": exit 1 with a message holding `need`; "ok": a deck, passing `check`). Run with sweep.py."""
import io, os, stat, subprocess, struct, zlib, zipfile, time, signal
from pathlib import Path
from PIL import Image
from sweep import case, text, pic

O = "outline/00-main.yaml"
PO = "locales/fr.po"
FR = "build . --locale fr --out {out}"
CH = "charts/growth.py"
CHART = (Path(__file__).resolve().parents[2] / "tests/corpus/base/charts/growth.py").read_text()


def chart(deck, body):
    text(deck, CH, data=body)


def left(deck, data, name="left.jpg", drop=True):
    if drop:
        (deck / "assets/posters/left.jpg").unlink()
    text(deck, "assets/posters/" + name, data=data)
    if name != "left.jpg":
        text(deck, O, "file: posters/" + name, "file: posters/left.jpg")


# ---------------------------------------------------------------- outline YAML / files
@case("outline/deck-yaml-fifo", need=["deck.yaml"], timeout=30)
def _(d, c):
    (d / "deck.yaml").unlink(); os.mkfifo(d / "deck.yaml")

@case("outline/outline-fifo", need=["00-main.yaml", "named pipe"], timeout=30)
def _(d, c):
    (d / O).unlink(); os.mkfifo(d / O)

@case("outline/deck-yaml-dangling-link", need=["deck.yaml"])
def _(d, c):
    (d / "deck.yaml").unlink(); (d / "deck.yaml").symlink_to("nowhere.yaml")

@case("outline/deck-yaml-self-link", need=["deck.yaml"])
def _(d, c):
    (d / "deck.yaml").unlink(); (d / "deck.yaml").symlink_to("deck.yaml")

@case("outline/deck-yaml-is-folder", need=["deck.yaml"])
def _(d, c):
    (d / "deck.yaml").unlink(); (d / "deck.yaml").mkdir()

@case("outline/deck-yaml-utf16", need=["UTF-8"])
def _(d, c):
    t = (d / "deck.yaml").read_text(); (d / "deck.yaml").write_bytes(t.encode("utf-16"))

@case("outline/deck-yaml-only-comments", need=["empty"])
def _(d, c):
    text(d, "deck.yaml", data="# nothing here\n")

@case("outline/deck-yaml-bom-only", need=["empty"])
def _(d, c):
    text(d, "deck.yaml", data="\ufeff")

@case("outline/deck-yaml-a-list", need=["mapping"])
def _(d, c):
    text(d, "deck.yaml", data="- title\n- author\n")

@case("outline/deck-yaml-scalar", need=["mapping"])
def _(d, c):
    text(d, "deck.yaml", data="just a sentence\n")

@case("outline/merge-key", need=["<<"])
def _(d, c):
    text(d, O, "    title: Points\n    <<: {title: Other}", "    title: Points")

@case("outline/non-scalar-key", need=["00-main.yaml:"])
def _(d, c):
    text(d, O, "    title: Points\n    ? [a, b]\n    : c", "    title: Points")

@case("outline/integer-key", need=["00-main.yaml:"])
def _(d, c):
    text(d, O, "    title: Points\n    1: c", "    title: Points")

@case("outline/null-key", need=["00-main.yaml:"])
def _(d, c):
    text(d, O, "    title: Points\n    ~: c", "    title: Points")

@case("outline/deep-flow-nesting", need=["too deep"])
def _(d, c):
    text(d, O, "    bullets: " + "[" * 100000 + "]" * 100000, "    bullets:")

@case("outline/huge-file", need=["too large"])
def _(d, c):
    text(d, O, append="# " + "x" * 3_000_000 + "\n")

@case("outline/long-id", expect="ok")
def _(d, c):
    text(d, O, "id: " + "p" * 3000, "id: points")

@case("outline/id-named-credits", need=["credits"])
def _(d, c):
    text(d, O, "id: credits", "id: points")

@case("outline/id-named-agenda", expect="ok")  # agenda is an outline kind: no generated slide of that id
def _(d, c):
    text(d, O, append="  - id: agenda\n    kind: bullets\n    title: Agenda mine\n    bullets: [x]\n    notes: n.\n")

@case("outline/id-numeric", expect="ok")
def _(d, c):
    text(d, O, "id: 123", "id: points")

@case("outline/id-yaml-bool", expect="ok")
def _(d, c):
    text(d, O, "id: no", "id: points")

@case("outline/raw-line-separator", need=["00-main.yaml:7", "2028"])
def _(d, c):
    text(d, O, "title: Points\u2028more", "title: Points")

@case("outline/raw-nel", need=["00-main.yaml:", "0085"])
def _(d, c):
    text(d, O, "title: Points\u0085more", "title: Points")

@case("outline/lone-cr-line-endings", expect="ok")
def _(d, c):
    t = (d / O).read_text(); (d / O).write_bytes(t.replace("\n", "\r").encode())

@case("outline/crlf-line-endings", expect="ok")
def _(d, c):
    t = (d / O).read_text(); (d / O).write_bytes(t.replace("\n", "\r\n").encode())

@case("outline/bidi-override-title", expect="ok")
def _(d, c):
    text(d, O, "title: Points \u202eevil", "title: Points")

@case("outline/zero-width-only-title", need=["title"])
def _(d, c):
    text(d, O, 'title: "\u200b"', "title: Points")

@case("outline/whitespace-only-title", need=["title"])
def _(d, c):
    text(d, O, 'title: "   "', "title: Points")

@case("outline/markup-only-title", expect="ok")  # documented: unpaired marks stay as typed
def _(d, c):
    text(d, O, 'title: "****"', "title: Points")

@case("outline/unpaired-markup-bullet", expect="ok")  # documented: stay as typed
def _(d, c):
    text(d, O, '- "A **bold point"', '- "A **bold** point"')

@case("outline/huge-word-title", expect="ok", timeout=120)  # a fit warning, as documented
def _(d, c):
    text(d, O, "title: " + "W" * 4000, "title: Points")

@case("outline/emoji-zwj-title", expect="ok")
def _(d, c):
    text(d, O, "title: Points 👨‍👩‍👧 🀄 e\u0301", "title: Points")

@case("outline/rtl-title", expect="ok")
def _(d, c):
    text(d, O, "title: نقاط ונקודות", "title: Points")

@case("outline/notes-many-paragraphs", need=["5000"], timeout=120)
def _(d, c):
    text(d, O, "notes: |\n" + "".join(f"      Line {i}.\n" for i in range(1500)) + "  - id: pictures", "notes: Talk through the points.\n  - id: pictures")

@case("outline/nfd-vs-nfc-picture-name", expect="ok", check=lambda out, r: None if "Unicode form" in r["stderr"] else "placeholder instead of the picture")
def _(d, c):
    (d / "assets/posters/left.jpg").rename(d / "assets/posters/cafe\u0301.jpg")
    text(d, O, "file: posters/caf\u00e9.jpg", "file: posters/left.jpg")

@case("outline/file-is-dev-zero", need=["deck.yaml"], timeout=30)
def _(d, c):
    (d / "outline/01.yaml").symlink_to("/dev/zero")
    text(d, "deck.yaml", append="  - outline/01.yaml\n")

@case("outline/bullets-five-thousand", expect="ok", timeout=120)  # a fit warning, as documented
def _(d, c):
    text(d, O, "bullets:\n" + "".join(f"      - Point {i}\n" for i in range(5000)) + "    notes: Talk", 'bullets:\n      - "A **bold** point"\n      - text: A point with a sub-point\n        sub: ["The sub-point"]\n    notes: Talk')

# ---------------------------------------------------------------- deck.yaml
@case("deck/title-255-astral", expect="ok")
def _(d, c):
    text(d, "deck.yaml", "title: " + "😀" * 200, "title: Base Deck")

@case("deck/date-2107-12-31", expect="ok")
def _(d, c):
    text(d, "deck.yaml", "date: 2107-12-31", "date: 2026-09-01")

@case("deck/date-with-time", need=["date"])
def _(d, c):
    text(d, "deck.yaml", "date: 2026-09-01T10:00:00", "date: 2026-09-01")

@case("deck/date-as-list", need=["date"])
def _(d, c):
    text(d, "deck.yaml", "date: [2026, 9, 1]", "date: 2026-09-01")

@case("deck/source-date-epoch-huge", need=["SOURCE_DATE_EPOCH"], env={"SOURCE_DATE_EPOCH": "99999999999999999999"})
def _(d, c):
    pass

@case("deck/source-date-epoch-negative", need=["SOURCE_DATE_EPOCH"], env={"SOURCE_DATE_EPOCH": "-5"})
def _(d, c):
    pass

@case("deck/source-date-epoch-nan", need=["SOURCE_DATE_EPOCH"], env={"SOURCE_DATE_EPOCH": "nan"})
def _(d, c):
    pass

@case("deck/chart-timeout-nan", need=["chart_timeout"])
def _(d, c):
    text(d, "deck.yaml", append="chart_timeout: .nan\n")

@case("deck/chart-timeout-hex", need=["chart_timeout"])
def _(d, c):
    text(d, "deck.yaml", append="chart_timeout: 0x10\n")

@case("deck/values-hex", need=["values"])
def _(d, c):
    text(d, "deck.yaml", "values:\n  a: 0x10\noutline:", "outline:")

@case("deck/values-huge-exponent-string", need=["values"])
def _(d, c):
    text(d, "deck.yaml", "values:\n  a: 1e999999999\noutline:", "outline:")

@case("deck/values-tiny", expect="ok")
def _(d, c):
    text(d, "deck.yaml", "values:\n  a: 1e-300\noutline:", "outline:")
    text(d, O, "title: Points {a}", "title: Points")

@case("deck/KEYS-UPPER", need=["TITLE", "title"])
def _(d, c):
    text(d, "deck.yaml", "TITLE: Base Deck", "title: Base Deck")

@case("deck/slug-uppercase", need=["slug"])
def _(d, c):
    text(d, "deck.yaml", "slug: Base-Deck", "slug: base-deck")

@case("deck/slug-dashes-only", need=["slug"])
def _(d, c):
    text(d, "deck.yaml", "slug: ---", "slug: base-deck")

@case("deck/author-newline", expect="ok")
def _(d, c):
    text(d, "deck.yaml", 'author: "Tester\\nSecond"', "author: Tester")

@case("deck/assets-dot", need=["data/values.csv"])
def _(d, c):
    text(d, "deck.yaml", "assets: .", "assets: assets")

@case("deck/assets-is-file", need=["assets"])
def _(d, c):
    text(d, "deck.yaml", "assets: deck.yaml", "assets: assets")

@case("deck/chinese-typo", need=["chinese"])
def _(d, c):
    text(d, "deck.yaml", append="chinese: zh_hant\n")

@case("deck/theme-bad-colour", need=["theme.yaml"])
def _(d, c):
    text(d, "assets/theme/theme.yaml", data="colors:\n  accent: GGHHII\n")

@case("deck/theme-unknown-font", need=["theme.yaml"])
def _(d, c):
    text(d, "assets/theme/theme.yaml", data="latin_font: Comic Sans MS\n")

@case("deck/theme-font-control-char", need=["theme.yaml"])
def _(d, c):
    text(d, "assets/theme/theme.yaml", data='latin_font: "Cal\\x01ibri"\n')

@case("deck/theme-color-int", expect="ok")
def _(d, c):
    text(d, "assets/theme/theme.yaml", data="colors:\n  accent: 123456\n")

@case("deck/theme-is-folder", need=["theme.yaml", "folder"])
def _(d, c):
    (d / "assets/theme/theme.yaml").mkdir(parents=True)

@case("deck/theme-colors-list", need=["theme.yaml"])
def _(d, c):
    text(d, "assets/theme/theme.yaml", data="colors: [red, blue]\n")

@case("deck/theme-low-contrast", expect="ok")  # the check command's a11y.contrast
def _(d, c):
    text(d, "assets/theme/theme.yaml", data="colors:\n  ink: FFFFFF\n  background: FFFFFF\n")

# ---------------------------------------------------------------- CLI
@case("cli/locale-dotdot", need=["locale"], args="build . --locale ../../etc/passwd --out {out}")
def _(d, c): pass

@case("cli/locale-empty", need=["locale"], args=["build", ".", "--locale", "", "--out", "{out}"])
def _(d, c): pass

@case("cli/locale-hyphen", need=["locale"], args="build . --locale zh-Hant --out {out}")
def _(d, c): pass

@case("cli/locale-uppercase", need=["locale"], args="build . --locale FR --out {out}")
def _(d, c): pass

@case("cli/locale-en-US", need=["locale"], args="build . --locale en_US --out {out}")
def _(d, c): pass

@case("cli/out-is-a-file", need=["--out"], args="build . --out deck.yaml")
def _(d, c): pass

@case("cli/out-under-a-file", need=["--out"], args="build . --out deck.yaml/sub")
def _(d, c): pass

@case("cli/out-is-deck-folder", expect="ok", args="build . --out .")
def _(d, c): pass

@case("cli/out-in-proc", need=["--out"], args="build . --out /proc/nope")
def _(d, c): pass

@case("cli/deck-dir-is-file", need=["deck.yaml"], args="build deck.yaml --out {out}")
def _(d, c): pass

@case("cli/deck-dir-missing", need=["nowhere"], args="build nowhere --out {out}")
def _(d, c): pass

@case("cli/term-cjk-only", expect="ok", args="build . --term 秋季 --out {out}", check=lambda out, r: None if (out / "base-deck-秋季-en.pptx").exists() else "file name lost the term: " + str(sorted(p.name for p in out.glob("*.pptx"))))
def _(d, c): pass

@case("cli/term-slash", expect="ok", args="build . --term Fall/2026 --out {out}",
      check=lambda out, r: None if (out / "base-deck-fall-2026-en.pptx").exists() else "no fall-2026 deck")
def _(d, c): pass

@case("cli/term-bidi", expect="ok", args=["build", ".", "--term", "Fall \u202e6202", "--out", "{out}"])
def _(d, c): pass

@case("cli/term-dotdot", expect="ok", args="build . --term .. --out {out}")
def _(d, c): pass

@case("cli/term-nonbreaking-space", expect="ok", args=["build", ".", "--term", "Fall\u00a02026", "--out", "{out}"])
def _(d, c): pass

@case("cli/i18n-init-existing", need=["fr.po"], args="i18n init fr .")
def _(d, c): pass

@case("cli/i18n-init-dotdot", need=["locale"], args="i18n init ../x .")
def _(d, c): pass

@case("cli/i18n-init-hyphen", need=["locale"], args="i18n init pt-BR .")
def _(d, c): pass

@case("cli/diff-not-pptx", need=["deck.yaml"], args="diff deck.yaml deck.yaml")
def _(d, c): pass

@case("cli/diff-empty-file", need=["empty.pptx"], args="diff empty.pptx empty.pptx")
def _(d, c):
    (d / "empty.pptx").write_bytes(b"")

@case("cli/diff-missing", need=["nope.pptx"], args="diff nope.pptx nope.pptx")
def _(d, c): pass

@case("cli/diff-foreign-pptx", expect="ok", args="diff foreign.pptx foreign.pptx")
def _(d, c):
    from pptx import Presentation
    Presentation().save(str(d / "foreign.pptx"))

@case("cli/diff-truncated-pptx", need=["cut.pptx"], args="diff {out}/base-deck-fall-2026-en.pptx cut.pptx")
def _(d, c):
    data = (c["out"] / "base-deck-fall-2026-en.pptx").read_bytes()
    (d / "cut.pptx").write_bytes(data[: len(data) // 2])

@case("cli/review-since-text-file", need=["deck.yaml"], args="review . --since deck.yaml --out {out}/review --locale en", timeout=180)
def _(d, c): pass

@case("cli/export-out-is-file", need=["--out"], args="export . --out deck.yaml --locale en --pdf", timeout=180)
def _(d, c): pass

@case("cli/new-with-newline-name", need=["new"], args=["new", "lect\nure"])
def _(d, c): pass

@case("cli/stdout-ascii-cjk-term", expect="ok", args=["build", ".", "--term", "秋季 2026", "--out", "{out}"],
      env={"PYTHONIOENCODING": "ascii"})
def _(d, c): pass

@case("cli/status-json-ascii", expect="ok", args="i18n status . --format json", env={"PYTHONIOENCODING": "ascii"})
def _(d, c):
    text(d, PO, 'msgstr "FR 點"', 'msgstr "FR Points"')

@case("cli/umask-077", expect="ok",
      check=lambda out, r: None if oct((out / "base-deck-fall-2026-en.pptx").stat().st_mode & 0o777) == "0o600" else
      "mode " + oct((out / "base-deck-fall-2026-en.pptx").stat().st_mode & 0o777))
def _(d, c):
    return {"preexec": lambda: os.umask(0o077)}

@case("cli/same-slug-other-folder", need=["base-deck", "deck"], args="build ../other --out {out}")
def _(d, c):
    import shutil
    shutil.copytree(d, d.parent / "other")

# ---------------------------------------------------------------- catalogs
@case("catalogs/bom", expect="ok", args=FR)
def _(d, c):
    t = (d / PO).read_text(); (d / PO).write_text("\ufeff" + t)

@case("catalogs/crlf", expect="ok", args=FR)
def _(d, c):
    t = (d / PO).read_text(); (d / PO).write_bytes(t.replace("\n", "\r\n").encode())

@case("catalogs/lone-cr", need=["fr.po"], args=FR)
def _(d, c):
    t = (d / PO).read_text(); (d / PO).write_bytes(t.replace("\n", "\r").encode())

@case("catalogs/empty-file", need=["fr.po"], args=FR)
def _(d, c):
    (d / PO).write_bytes(b"")

@case("catalogs/is-folder", need=["fr.po", "folder"], args=FR)
def _(d, c):
    (d / PO).unlink(); (d / PO).mkdir()

@case("catalogs/fifo", need=["fr.po", "named pipe"], args=FR, timeout=30)
def _(d, c):
    (d / PO).unlink(); os.mkfifo(d / PO)

@case("catalogs/obsolete-unterminated", need=["fr.po"], args=FR)
def _(d, c):
    text(d, PO, append='\n#~ msgctxt "gone.title"\n#~ msgid "Gone\n#~ msgstr "Parti"\n')

@case("catalogs/obsolete-duplicate-of-live", expect="ok", args=FR)
def _(d, c):
    text(d, PO, append='\n#~ msgctxt "points.title"\n#~ msgid "Points"\n#~ msgstr "FR Old Points"\n')

@case("catalogs/msgctxt-empty", need=["fr.po"], args=FR)
def _(d, c):
    text(d, PO, 'msgctxt ""\nmsgid "Points"', 'msgctxt "points.title"\nmsgid "Points"')

@case("catalogs/msgctxt-with-eot", need=["fr.po"], args=FR)
def _(d, c):
    text(d, PO, 'msgctxt "points.title\\004x"\nmsgid "Points"', 'msgctxt "points.title"\nmsgid "Points"')

@case("catalogs/msgctxt-twice-in-entry", need=["fr.po"], args=FR)
def _(d, c):
    text(d, PO, 'msgctxt "points.title"\nmsgctxt "points.title"\nmsgid "Points"', 'msgctxt "points.title"\nmsgid "Points"')

@case("catalogs/octal-escape", expect="ok", args=FR)
def _(d, c):
    text(d, PO, 'msgstr "FR \\120oints"', 'msgstr "FR Points"')

@case("catalogs/hex-escape", expect="ok", args=FR)
def _(d, c):
    text(d, PO, 'msgstr "FR \\x50oints"', 'msgstr "FR Points"')

@case("catalogs/language-header-mismatch", expect="ok", args=FR)  # not fixed: see report
def _(d, c):
    text(d, PO, '"Language: de\\n"', '"Language: fr\\n"')

@case("catalogs/brace-unbalanced", expect="ok", args=FR)
def _(d, c):
    text(d, PO, 'msgstr "FR Points {"', 'msgstr "FR Points"')

@case("catalogs/chart-brace-unbalanced", expect="ok", args=FR)
def _(d, c):
    text(d, PO, 'msgid "Growth"\nmsgstr "FR Growth }"', 'msgid "Growth"\nmsgstr "FR Growth"')

@case("catalogs/previous-msgid-garbage", need=["fr.po"], args=FR)
def _(d, c):
    text(d, PO, '#| msgid "Points\nmsgctxt "points.title"', 'msgctxt "points.title"')

@case("catalogs/fuzzy-header", expect="ok", args=FR)
def _(d, c):
    text(d, PO, '#, fuzzy\nmsgid ""\nmsgstr ""', 'msgid ""\nmsgstr ""')

@case("catalogs/two-catalogs-same-language", expect="ok", args="build . --all-locales --out {out}")
def _(d, c):
    import shutil
    shutil.copy(d / PO, d / "locales/fr_FR.po")

@case("catalogs/uppercase-filename", need=["FR.po"], args="build . --all-locales --out {out}")
def _(d, c):
    (d / PO).rename(d / "locales/FR.po")

@case("catalogs/hyphen-filename", need=["fr-CA.po"], args="build . --all-locales --out {out}")
def _(d, c):
    import shutil
    shutil.copy(d / PO, d / "locales/fr-CA.po")

@case("catalogs/emoji-in-cjk", expect="ok", base="lecture", args="build . --locale zh_Hant --out {out}")
def _(d, c):
    po = d / "locales/zh_Hant.po"
    t = po.read_text()
    i = t.index('msgstr "', t.index('msgctxt "', 2000))
    po.write_text(t[: i + 8] + "🀄😀𠀋" + t[i + 8:])

@case("catalogs/translation-5001", need=["fr.po", "long"], args=FR)
def _(d, c):
    text(d, PO, 'msgstr "' + "x" * 5001 + '"', 'msgstr "FR Points"')

@case("catalogs/glossary-empty-term", need=["glossary"], args="i18n status .")
def _(d, c):
    text(d, "locales/fr.glossary.yaml", data='"": vide\n')

@case("catalogs/glossary-regex-term", expect="ok", args="i18n status .")
def _(d, c):
    text(d, "locales/fr.glossary.yaml", data='"C++ (x": c\n"[a-": d\n')

@case("catalogs/glossary-alias", need=["anchor"], args="i18n status .")
def _(d, c):
    text(d, "locales/fr.glossary.yaml", data='a: &x b\nc: *x\n')

# ---------------------------------------------------------------- charts
@case("charts/exception-unpicklable", need=["growth.py"])
def _(d, c):
    chart(d, "class E(Exception):\n    def __init__(self, a, b):\n        super().__init__(a)\n\n\ndef draw(fig, ctx):\n    raise E('x', 'y')\n")

@case("charts/exception-str-raises", need=["growth.py"])
def _(d, c):
    chart(d, "class E(Exception):\n    def __str__(self):\n        raise RuntimeError('no')\n\n\ndef draw(fig, ctx):\n    raise E()\n")

@case("charts/exception-fake-lines", need=["growth.py"],
      check=None)
def _(d, c):
    chart(d, "def draw(fig, ctx):\n    raise ValueError('\\x1b[2Jfine\\ndeck.yaml:1: title: forged message\\n' + 'z' * 100000)\n")

@case("charts/keyboard-interrupt", need=["growth.py"])
def _(d, c):
    chart(d, "def draw(fig, ctx):\n    raise KeyboardInterrupt\n")

@case("charts/system-exit-zero", need=["growth.py"])
def _(d, c):
    chart(d, "import sys\n\n\ndef draw(fig, ctx):\n    sys.exit(0)\n")

@case("charts/base-exception", need=["growth.py"])
def _(d, c):
    chart(d, "class B(BaseException):\n    pass\n\n\ndef draw(fig, ctx):\n    raise B('x')\n")

@case("charts/draw-not-function", need=["growth.py", "draw"])
def _(d, c):
    chart(d, "draw = 3\n")

@case("charts/no-draw", need=["growth.py", "draw"])
def _(d, c):
    chart(d, "x = 1\n")

@case("charts/draw-one-arg", need=["growth.py"])
def _(d, c):
    chart(d, "def draw(fig):\n    fig.add_subplot().plot([1, 2])\n")

@case("charts/draw-async", need=["growth.py"])
def _(d, c):
    chart(d, "async def draw(fig, ctx):\n    fig.add_subplot().plot([1, 2])\n")

@case("charts/usetex", need=["growth.py"], timeout=120)
def _(d, c):
    chart(d, "import matplotlib\n\n\n" + CHART.replace("    rows", "    matplotlib.rcParams['text.usetex'] = True\n    rows"))

@case("charts/savefig-bbox-tight", need=["growth.py"])
def _(d, c):
    chart(d, "import matplotlib\n\n\n" + CHART.replace("    rows", "    matplotlib.rcParams['savefig.bbox'] = 'tight'\n    rows"))

@case("charts/rcparams-savefig-dpi", expect="ok")
def _(d, c):
    chart(d, "import matplotlib\n\n\n" + CHART.replace("    rows", "    matplotlib.rcParams['savefig.dpi'] = 20\n    rows"))

@case("charts/font-family-missing", expect="ok")  # not fixed: see report
def _(d, c):
    chart(d, CHART + "    ax.set_xlabel(ctx.pgettext('x', 'Year'), fontfamily='Comic Sans MS')\n")

@case("charts/read-undeclared-csv", need=["growth.py", "other.csv"])
def _(d, c):
    text(d, "assets/data/other.csv", data="a,source\n1,t\n")
    chart(d, CHART.replace('rows = ctx.read_csv("values.csv")', 'rows = ctx.read_csv("values.csv")\n    ctx.read_csv("other.csv")'))

@case("charts/read-csv-dotdot", need=["growth.py"])
def _(d, c):
    chart(d, CHART.replace('ctx.read_csv("values.csv")', 'ctx.read_csv("../../deck.yaml")'))

@case("charts/pgettext-nonstring", need=["growth.py"])
def _(d, c):
    chart(d, CHART.replace('ctx.pgettext("title", "Growth")', 'ctx.pgettext("title", 42)'))

@case("charts/pgettext-empty-id", need=["growth.py"])
def _(d, c):
    chart(d, CHART.replace('ctx.pgettext("title", "Growth")', 'ctx.pgettext("", "Growth")'))

@case("charts/pgettext-id-control", need=["growth.py"])
def _(d, c):
    chart(d, CHART.replace('ctx.pgettext("title", "Growth")', 'ctx.pgettext("ti\\x04tle", "Growth")'))

@case("charts/pgettext-brace", expect="ok")
def _(d, c):
    chart(d, CHART.replace('ctx.pgettext("title", "Growth")', 'ctx.pgettext("title", "Growth {")'))

@case("charts/format-number-nan", need=["growth.py"])
def _(d, c):
    chart(d, CHART + "    ax.set_xlabel(ctx.format_number(float('nan'), 1))\n")

@case("charts/format-number-string", need=["growth.py:6", "finite number"])
def _(d, c):
    chart(d, CHART + "    ax.set_xlabel(ctx.format_number('3', 1))\n")

@case("charts/format-number-decimals-huge", need=["growth.py:6", "decimals"])
def _(d, c):
    chart(d, CHART + "    ax.set_xlabel(ctx.format_number(3.0, 10**6))\n")

@case("charts/csv-field-huge", need=["values.csv"])
def _(d, c):
    text(d, "assets/data/values.csv", append="2004,4," + "s" * 200000 + "\n")

@case("charts/csv-nul-byte", need=["values.csv"])
def _(d, c):
    text(d, "assets/data/values.csv", append="2004,4,te\x00st\n")

@case("charts/csv-duplicate-header", need=["values.csv"])
def _(d, c):
    text(d, "assets/data/values.csv", data="year,value,value,source\n2001,1,9,t\n")

@case("charts/csv-empty-header-name", need=["values.csv"])
def _(d, c):
    text(d, "assets/data/values.csv", data="year,value,,source\n2001,1,9,t\n")

@case("charts/csv-only-bom", need=["values.csv"])
def _(d, c):
    text(d, "assets/data/values.csv", data="\ufeff")

@case("charts/csv-fifo", need=["values.csv", "named pipe"], timeout=40)
def _(d, c):
    (d / "assets/data/values.csv").unlink(); os.mkfifo(d / "assets/data/values.csv")

@case("charts/csv-is-folder", need=["values.csv", "folder"])
def _(d, c):
    (d / "assets/data/values.csv").unlink(); (d / "assets/data/values.csv").mkdir()

@case("charts/csv-semicolons", need=["values.csv", "value"])
def _(d, c):
    text(d, "assets/data/values.csv", data="year;value;source\n2001;1;t\n")

@case("charts/huge-stdout", expect="ok", timeout=120)
def _(d, c):
    chart(d, "import sys\n\n\n" + CHART + "    sys.stdout.write('x' * 50_000_000)\n    sys.stderr.write('y' * 5_000_000)\n")

@case("charts/close-std-fds", need=["growth.py"])
def _(d, c):
    chart(d, "import os\n\n\ndef draw(fig, ctx):\n    for fd in range(3, 1024):\n        try:\n            os.close(fd)\n        except OSError:\n            pass\n    fig.add_subplot().plot([1, 2])\n")

@case("charts/child-lingers", expect="ok", timeout=60,
      check=lambda out, r: "a sleep 4242 survived" if subprocess.run(["pgrep", "-f", "sleep 4242"], capture_output=True).returncode == 0 else None)
def _(d, c):
    chart(d, "import subprocess\n\n\n" + CHART + "    subprocess.Popen(['sleep', '4242'])\n")

@case("charts/daemon-setsid", need=["growth.py"], timeout=60)
def _(d, c):
    text(d, "deck.yaml", append="chart_timeout: 3\n")
    chart(d, "import os, time\n\n\ndef draw(fig, ctx):\n    if os.fork() == 0:\n        os.setsid()\n        time.sleep(4343)\n        os._exit(0)\n    time.sleep(30)\n")
    return {"cleanup": lambda: subprocess.run(["pkill", "-f", "-x", "nonexistent-never"], capture_output=True)}

@case("charts/fork-bomb-ish", need=["growth.py"], timeout=90)
def _(d, c):
    text(d, "deck.yaml", append="chart_timeout: 3\n")
    chart(d, "import os, time\n\n\ndef draw(fig, ctx):\n    for _ in range(6):\n        os.fork()\n    time.sleep(60)\n")

@case("charts/writes-deck-file", expect="ok")  # not fixed: scripts are trusted code
def _(d, c):
    chart(d, "import glob\n\n\n" + CHART + f"    for p in glob.glob({str(c['out'] / '*.pptx')!r}):\n        open(p, 'wb').write(b'x')\n")

@case("charts/memory-hog", need=["growth.py", "memory"], timeout=120)
def _(d, c):
    chart(d, "def draw(fig, ctx):\n    x = bytearray(8 * 1024**3)\n")

@case("charts/recursion", need=["growth.py"])
def _(d, c):
    chart(d, "import sys\n\n\ndef f(n):\n    return f(n + 1)\n\n\ndef draw(fig, ctx):\n    sys.setrecursionlimit(10**6)\n    f(0)\n")

@case("charts/signal-handler-ignores-term", need=["growth.py"], timeout=60)
def _(d, c):
    text(d, "deck.yaml", append="chart_timeout: 2\n")
    chart(d, "import signal, time\n\n\ndef draw(fig, ctx):\n    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGXCPU):\n        signal.signal(s, signal.SIG_IGN)\n    while True:\n        time.sleep(0.1)\n")

@case("charts/fig-clear-and-new-axes", expect="ok")
def _(d, c):
    chart(d, CHART + "    fig.clear()\n    fig.add_subplot().plot([1, 2])\n")

@case("charts/script-is-folder", need=["growth.py", "folder"])
def _(d, c):
    (d / CH).unlink(); (d / CH).mkdir()

@case("charts/script-bom", expect="ok")
def _(d, c):
    chart(d, "\ufeff" + CHART)

@case("charts/script-huge", expect="ok")
def _(d, c):
    chart(d, CHART + "# " + "x" * 30_000_000 + "\n")

# ---------------------------------------------------------------- images
def _rgb(size=(1200, 900), color=(200, 40, 40), mode="RGB"):
    return Image.new(mode, size, color)

@case("images/animated-gif", expect="ok",
      check=lambda out, r: None if ": warning:" in r["stderr"] and "anim" in r["stderr"].lower() else "animated GIF accepted silently")
def _(d, c):
    frames = [_rgb(color=(200, 0, 0)), _rgb(color=(0, 200, 0))]
    left(d, pic(frames[0], "GIF", save_all=True, append_images=frames[1:], loop=0, duration=200), "left.gif")

@case("images/apng", expect="ok",
      check=lambda out, r: None if ": warning:" in r["stderr"] and "anim" in r["stderr"].lower() else "animated PNG accepted silently")
def _(d, c):
    frames = [_rgb(color=(200, 0, 0)), _rgb(color=(0, 200, 0))]
    left(d, pic(frames[0], "PNG", save_all=True, append_images=frames[1:]), "left.png")

@case("images/png-16bit-rgba", expect="ok")
def _(d, c):
    import numpy
    a = numpy.zeros((900, 1200, 4), numpy.uint16); a[..., 0] = 60000; a[..., 3] = 65535
    # Pillow cannot write 16-bit RGBA directly: write raw PNG
    raw = b"".join(b"\x00" + a[y].astype(">u2").tobytes() for y in range(900))
    def chunk(k, v): return struct.pack(">I", len(v)) + k + v + struct.pack(">I", zlib.crc32(k + v) & 0xffffffff)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1200, 900, 16, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    left(d, png, "left.png")

@case("images/float-tiff-inf", need=["left.tif"])
def _(d, c):
    import numpy
    v = numpy.full((900, 1200), 0.5, numpy.float32); v[0, 0] = numpy.inf
    left(d, pic(Image.fromarray(v), "TIFF"), "left.tif")

@case("images/palette-transparency", expect="ok")
def _(d, c):
    im = _rgb(mode="P", color=1)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    left(d, pic(im, "PNG", transparency=1), "left.png")

@case("images/png-text-bomb", need=["left.png"])
def _(d, c):
    base = pic(_rgb(), "PNG")
    def chunk(k, v): return struct.pack(">I", len(v)) + k + v + struct.pack(">I", zlib.crc32(k + v) & 0xffffffff)
    z = chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"a" * 50_000_000, 9))
    left(d, base[:33] + z + base[33:], "left.png")

@case("images/eps-renamed", need=["left.jpg"])
def _(d, c):
    left(d, b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nnewpath 0 0 moveto 100 100 lineto stroke\nshowpage\n%%EOF\n", drop=False)

@case("images/pdf-renamed", need=["left.jpg"])
def _(d, c):
    left(d, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", drop=False)

@case("images/psd-renamed", need=["left.jpg"])
def _(d, c):
    left(d, b"8BPS\x00\x01" + b"\x00" * 6 + b"\x00\x03" + struct.pack(">II", 900, 1200) + b"\x00\x08\x00\x03" + b"\x00" * 64, drop=False)

@case("images/exif-orientation-9", expect="ok")
def _(d, c):
    e = Image.Exif(); e[0x0112] = 9
    left(d, pic(_rgb(), "JPEG", exif=e.tobytes()), drop=False)

@case("images/exif-garbage", expect="ok", check=lambda out, r: "a library warning printed" if "UserWarning" in r["stderr"] else None)
def _(d, c):
    left(d, pic(_rgb(), "JPEG", exif=b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\xff\xff" + b"\x01" * 40), drop=False)

@case("images/one-pixel", expect="ok")
def _(d, c):
    left(d, pic(_rgb(size=(1, 1)), "PNG"), "left.png")

@case("images/extreme-strip", expect="ok")
def _(d, c):
    left(d, pic(_rgb(size=(20000, 1)), "PNG"), "left.png")

@case("images/huge-but-legal", need=["80,000,000"], timeout=180)
def _(d, c):
    left(d, pic(_rgb(size=(12000, 9000)), "PNG"), "left.png")

@case("images/tiff-multipage", expect="ok")
def _(d, c):
    left(d, pic(_rgb(), "TIFF", save_all=True, append_images=[_rgb(color=(0, 0, 200))]), "left.tif")

@case("images/lab-tiff", expect="ok")
def _(d, c):
    left(d, pic(_rgb(mode="LAB", color=(50, 20, 20)), "TIFF"), "left.tif")

@case("images/bmp-32", expect="ok")
def _(d, c):
    left(d, pic(_rgb(mode="RGBA", color=(200, 0, 0, 128)), "BMP"), "left.bmp")

@case("images/ico", need=["ICO"])
def _(d, c):
    left(d, pic(_rgb(size=(256, 256)), "ICO"), "left.ico")

@case("images/picture-is-folder", need=["left.jpg", "folder"])
def _(d, c):
    (d / "assets/posters/left.jpg").unlink(); (d / "assets/posters/left.jpg").mkdir()

@case("images/picture-fifo", need=["left.jpg", "named pipe"], timeout=30)
def _(d, c):
    (d / "assets/posters/left.jpg").unlink(); os.mkfifo(d / "assets/posters/left.jpg")

@case("images/jpeg-huge-dims-header", need=["left.jpg"], timeout=60)
def _(d, c):
    j = bytearray(pic(_rgb(size=(16, 16)), "JPEG"))
    i = j.index(b"\xff\xc0") + 5
    j[i:i + 4] = struct.pack(">HH", 65000, 65000)
    left(d, bytes(j), drop=False)

@case("images/gif-truncated", need=["left.gif"])
def _(d, c):
    left(d, pic(_rgb(), "GIF")[:200], "left.gif")

@case("images/png-bad-crc", need=["left.png"])
def _(d, c):
    b = bytearray(pic(_rgb(), "PNG")); b[-20] ^= 0xFF
    left(d, bytes(b), "left.png")

@case("images/webp-animated", expect="ok",
      check=lambda out, r: None if "anim" in r["stderr"].lower() else "animated WebP accepted silently")
def _(d, c):
    left(d, pic(_rgb(), "WEBP", save_all=True, append_images=[_rgb(color=(0, 200, 0))]), "left.webp")

@case("images/cmyk-tiff-inverted", expect="ok")
def _(d, c):
    left(d, pic(_rgb(mode="CMYK", color=(0, 100, 100, 0)), "TIFF"), "left.tif")

@case("images/I16-png-with-transparency", expect="ok")
def _(d, c):
    im = Image.new("I;16", (1200, 900), 30000)
    left(d, pic(im, "PNG", transparency=30000), "left.png")

@case("images/jpeg-progressive-truncated-tail", need=["left.jpg"])
def _(d, c):
    j = pic(_rgb(), "JPEG", progressive=True)
    left(d, j[: len(j) - 50], drop=False)

# ---------------------------------------------------------------- templates
def _tpl(d, data):
    text(d, "template.pptx", data=data)
    text(d, "deck.yaml", "template: template.pptx\noutline:", "outline:")

def _pptx_mod(mod):
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation(); prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    b = io.BytesIO(); prs.save(b)
    src = zipfile.ZipFile(io.BytesIO(b.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n in src.namelist():
            data = mod(n, src.read(n))
            if data is not None:
                z.writestr(n, data)
    return out.getvalue()

@case("templates/bad-xml", need=["template"])
def _(d, c):
    _tpl(d, _pptx_mod(lambda n, b: b[:-40] if n == "ppt/slideLayouts/slideLayout1.xml" else b))

@case("templates/missing-master", need=["template"])
def _(d, c):
    _tpl(d, _pptx_mod(lambda n, b: None if n == "ppt/slideMasters/slideMaster1.xml" else b))

@case("templates/missing-theme", expect="ok")
def _(d, c):
    _tpl(d, _pptx_mod(lambda n, b: None if n.startswith("ppt/theme/") else b))

@case("templates/zip-bomb", need=["template"], timeout=120)
def _(d, c):
    big = _pptx_mod(lambda n, b: b)
    z = io.BytesIO(big)
    with zipfile.ZipFile(z, "a", zipfile.ZIP_DEFLATED) as zz:
        zz.writestr("ppt/media/bomb.bin", b"\0" * 1_500_000_000)
    _tpl(d, z.getvalue())

@case("templates/tiny-slide", need=["template"], timeout=120)
def _(d, c):
    from pptx import Presentation
    prs = Presentation(); prs.slide_width = prs.slide_height = 914400
    b = io.BytesIO(); prs.save(b); _tpl(d, b.getvalue())

@case("templates/portrait", expect="ok", timeout=120)
def _(d, c):
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation(); prs.slide_width, prs.slide_height = Inches(7.5), Inches(13.333)
    b = io.BytesIO(); prs.save(b); _tpl(d, b.getvalue())

@case("templates/title-layout-without-title", need=["template"], timeout=120)
def _(d, c):
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation(); prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for layout in prs.slide_layouts:
        if layout.name == "Title Only":
            for ph in list(layout.placeholders):
                ph._element.getparent().remove(ph._element)
    b = io.BytesIO(); prs.save(b); _tpl(d, b.getvalue())

@case("templates/empty-zip", need=["template"])
def _(d, c):
    b = io.BytesIO(); zipfile.ZipFile(b, "w").close(); _tpl(d, b.getvalue())

@case("templates/encrypted-ole", need=["template"])
def _(d, c):
    _tpl(d, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000)

@case("templates/fifo", need=["template", "named pipe"], timeout=30)
def _(d, c):
    os.mkfifo(d / "template.pptx"); text(d, "deck.yaml", "template: template.pptx\noutline:", "outline:")

@case("templates/uppercase-suffix", expect="ok")
def _(d, c):
    from pptx import Presentation
    from pptx.util import Inches
    prs = Presentation(); prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.save(str(d / "Template.PPTX")); text(d, "deck.yaml", "template: Template.PPTX\noutline:", "outline:")

@case("templates/macro-pptm", need=["template"])
def _(d, c):
    _tpl(d, _pptx_mod(lambda n, b: b.replace(b"presentationml.presentation.main+xml", b"presentationml.slideshow.main+xml") if n == "[Content_Types].xml" else b))


# ---------------------------------------------------------------- second batch
@case("outline/part-id-equals-slide-id", need=["used twice"])
def _(d, c):
    text(d, "outline/01-part.yaml", data="part:\n  id: points\n  label: Part\n  question: Why?\n  notes: Part notes.\nslides:\n  - id: more\n    kind: bullets\n    title: More\n    bullets: [x]\n    notes: n.\n")
    text(d, "deck.yaml", append="  - outline/01-part.yaml\n")

@case("outline/part-id-credits", need=["credits"])
def _(d, c):
    text(d, "outline/01-part.yaml", data="part:\n  id: credits-2\n  label: Part\n  question: Why?\n  notes: Part notes.\nslides:\n  - id: more\n    kind: bullets\n    title: More\n    bullets: [x]\n    notes: n.\n")
    text(d, "deck.yaml", append="  - outline/01-part.yaml\n")

@case("outline/zero-width-joiner-bullet", need=["empty"])
def _(d, c):
    text(d, O, '- "\u200d\u2060"', '- "A **bold** point"')

@case("catalogs/zero-width-translation", need=["fr.po", "whitespace"], args=FR)
def _(d, c):
    text(d, PO, 'msgstr "\u200b"', 'msgstr "FR Points"')

@case("cli/term-zero-width", need=["--term", "empty"], args=["build", ".", "--term", "\u200b", "--out", "{out}"])
def _(d, c): pass

@case("cli/term-accented", expect="ok", args=["build", ".", "--term", "Été 2027", "--out", "{out}"],
      check=lambda out, r: None if (out / "base-deck-ete-2027-en.pptx").exists() else "file name: " + str(sorted(p.name for p in out.glob("*.pptx"))))
def _(d, c): pass

@case("charts/format-number-int-huge", need=["growth.py:6", "finite number"])
def _(d, c):
    chart(d, CHART + "    ax.set_xlabel(ctx.format_number(10 ** 400, 1))\n")

@case("charts/format-number-numpy", expect="ok")
def _(d, c):
    chart(d, "import numpy\n\n\n" + CHART + "    ax.set_xlabel(ctx.format_number(numpy.float32(2.5), numpy.int64(1)))\n")

@case("charts/generator-exit", need=["growth.py"])
def _(d, c):
    chart(d, "def draw(fig, ctx):\n    raise GeneratorExit('x')\n")

@case("catalogs/msgctxt-newline", need=["fr.po"], args=FR)
def _(d, c):
    text(d, PO, 'msgctxt "points.title\\n"\nmsgid "Points"', 'msgctxt "points.title"\nmsgid "Points"')

@case("images/gif-with-transparency", expect="ok")
def _(d, c):
    im = _rgb(mode="P", color=1); im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    left(d, pic(im, "GIF", transparency=0), "left.gif")

