"""The deck is a function of the repository, not of the fonts a machine has: measured with the shipped Carlito and
Noto Sans CJK's advances, charts drawn from exact font files, the chart cache keyed by their bytes, a missing CJK
font one clear error, no font noise."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageFont

from conftest import ROOT, require_tool
from lecturedeck import fonts
from lecturedeck.cli import cli
from lecturedeck.fonts import FontFile, MissingFont, cjk_advance, chart_font_files, latin_file
from lecturedeck.render.textfit import Measurer
from lecturedeck.resolve.charts import ChartJob
from lecturedeck.source.theme import Colors

SECOND = ROOT / "examples" / "reform-era"


# -- the shipped files ------------------------------------------------------------------------------------------------


def test_carlito_ships_in_four_styles_with_its_licence_and_pinned_hashes():
    readme = (fonts.FONT_DIR / "README.md").read_text(encoding="utf-8")
    assert "SIL Open Font License" in (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    for bold in (False, True):
        for italic in (False, True):
            path = latin_file(bold, italic)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert f"{path.name}" in readme and digest in readme, f"README.md pins {path.name} by its sha256"


def test_latin_text_is_measured_with_the_shipped_file():
    expected = ImageFont.truetype(str(latin_file(True, False)), 100,
                                  layout_engine=ImageFont.Layout.BASIC).getlength("Great Leap Forward") * 0.28
    assert Measurer().width("Great Leap Forward", 28, bold=True) == pytest.approx(expected)
    assert Measurer().width("Great", 28) < Measurer().width("Great", 28, bold=True)


def test_cjk_advances_are_noto_sans_cjks():
    assert cjk_advance("大") == 1.0 and cjk_advance("，") == 1.0 and cjk_advance("の") == 1.0
    assert cjk_advance("한") == 0.92 and cjk_advance("ㄱ") == 0.92
    assert cjk_advance("ｱ") == 0.5 and cjk_advance("\u302a") == 0.0
    assert Measurer().width("大躍進", 20) == pytest.approx(60.0)


def test_the_advance_table_matches_the_installed_noto_sans_cjk():
    noto = [Path(p) for p in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                              "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc") if Path(p).is_file()]
    if not noto:
        if os.environ.get("CI") == "true":
            pytest.fail("Noto Sans CJK is required under CI=true (the CI script installs fonts-noto-cjk)")
        pytest.skip("Noto Sans CJK is not installed (apt-get install fonts-noto-cjk)")
    from fontTools.ttLib import TTCollection

    from lecturedeck.render.textfit import is_cjk

    for path in noto:
        font = TTCollection(str(path)).fonts[0]
        scale, advances = font["head"].unitsPerEm, font["hmtx"]
        cjk = [(code, glyph) for code, glyph in font.getBestCmap().items() if is_cjk(chr(code))]
        assert len(cjk) > 20000, f"{path.name}: the CJK characters are compared"
        for code, glyph in cjk:
            assert cjk_advance(chr(code)) == pytest.approx(round(advances[glyph][0] * 1000 / scale) / 1000), hex(code)


# -- chart fonts ------------------------------------------------------------------------------------------------------


def job_with(font_files) -> ChartJob:
    return ChartJob(ROOT / "deck" / "charts" / "economy.py", ROOT / "assets" / "data", ("grain_output.csv",),
                    (12.1, 4.6), 200, "en", tuple(font_files), Colors())


def test_the_chart_cache_key_holds_the_font_files_bytes_not_their_names(tmp_path):
    shipped = chart_font_files(("Carlito",), (), None)
    assert {Path(f.path).name for f in shipped} == {"Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf",
                                                    "Carlito-BoldItalic.ttf"}
    moved = [FontFile(f.family, str(tmp_path / Path(f.path).name), f.sha256) for f in shipped]
    changed = [FontFile(f.family, f.path, hashlib.sha256(b"another Carlito").hexdigest()) if i == 0 else f
               for i, f in enumerate(shipped)]
    assert job_with(shipped).key() == job_with(moved).key(), "the same bytes elsewhere draw the same chart"
    assert job_with(shipped).key() != job_with(changed).key(), "other bytes under the same name redraw it"


def test_system_fonts_are_found_once_and_remembered_with_their_hashes(tmp_path, monkeypatch):
    calls = []
    noto = tmp_path / "noto.ttc"
    noto.write_bytes(b"a font")

    def find(family):
        calls.append(family)
        return [noto]

    monkeypatch.setattr(fonts, "_find_system_family", find)
    first = chart_font_files(("Noto Sans CJK TC", "DejaVu Sans"), ("Noto Sans CJK TC",), tmp_path)
    second = chart_font_files(("Noto Sans CJK TC", "DejaVu Sans"), ("Noto Sans CJK TC",), tmp_path)
    assert calls == ["Noto Sans CJK TC"] and first == second
    assert first[0] == FontFile("Noto Sans CJK TC", str(noto), hashlib.sha256(b"a font").hexdigest())
    assert first[1].path.startswith(str(fonts.matplotlib_font_dir())), "DejaVu Sans is matplotlib's own copy"
    noto.write_bytes(b"an updated font")
    assert chart_font_files(("Noto Sans CJK TC",), (), tmp_path)[0].sha256 == hashlib.sha256(b"an updated font").hexdigest()


def test_a_missing_required_font_raises_and_a_missing_optional_one_is_left_out(monkeypatch):
    monkeypatch.setattr(fonts, "_find_system_family", lambda family: [])
    with pytest.raises(MissingFont) as raised:
        chart_font_files(("Noto Sans CJK TC", "DejaVu Sans"), ("Noto Sans CJK TC",), None)
    assert raised.value.family == "Noto Sans CJK TC"
    found = chart_font_files(("Carlito", "DejaVu Sans", "Noto Sans CJK TC"), (), None)
    assert {f.family for f in found} == {"Carlito", "DejaVu Sans"}


def test_a_font_installed_after_a_build_found_it_missing_is_found(tmp_path, monkeypatch):
    """A build that found Noto Sans CJK missing (an English deck, where it is optional) remembers that only while the
    font folders stay as they were: once the font is installed (a font folder changes), the Chinese deck finds it."""
    noto = tmp_path / "noto.ttc"
    noto.write_bytes(b"a font")
    installed, calls, folders = [], [], [[3, 100]]
    monkeypatch.setattr(fonts, "_find_system_family", lambda family: calls.append(family) or list(installed))
    monkeypatch.setattr(fonts, "_font_folders_stamp", lambda: folders[0])
    english = ("Carlito", "DejaVu Sans", "Noto Sans CJK TC")  # an English deck's chart fonts, Noto optional
    assert chart_font_files(english, (), tmp_path) == chart_font_files(english, (), tmp_path)
    assert calls == ["Noto Sans CJK TC"], "a miss is remembered while the font folders are unchanged"
    installed.append(noto)
    folders[0] = [4, 200]
    found = chart_font_files(("Noto Sans CJK TC",), ("Noto Sans CJK TC",), tmp_path)
    assert [font.path for font in found] == [str(noto)] and len(calls) == 2


def test_matplotlibs_stale_font_list_does_not_hide_an_installed_font(tmp_path, monkeypatch):
    """matplotlib caches its scan of the system's fonts per user and never redoes it; a family missing from that
    list is looked for in a fresh scan, which replaces the cached list."""
    from matplotlib import font_manager

    real = chart_font_files(("DejaVu Sans",), (), None)[0].path
    stale = font_manager.FontManager.__new__(font_manager.FontManager)
    stale.ttflist = []
    monkeypatch.setattr(font_manager, "fontManager", stale)
    monkeypatch.setattr(font_manager, "FontManager", type("Fresh", (), {"__version__": "test", "ttflist": [
        font_manager.FontEntry(fname=real, name="Fresh Family", weight=400)]}))
    dumped: list = []
    monkeypatch.setattr(font_manager, "json_dump", lambda manager, path: dumped.append(path))
    assert fonts._find_system_family("Fresh Family") == [Path(real)]
    assert len(dumped) == 1, "the fresh scan is written where matplotlib reads its list"
    assert fonts._find_system_family("Not Installed") == [], "scanned once per process"


@pytest.mark.parametrize("deck", [ROOT / "deck", SECOND], ids=["lecture", "second deck"])
def test_a_locale_whose_charts_need_a_missing_font_is_one_clear_error(deck, tmp_path, monkeypatch):
    copy = tmp_path / "deck"
    shutil.copytree(deck, copy)
    if deck == ROOT / "deck":
        shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (copy / "locales" / "ja.po").write_text((copy / "locales" / "deck.pot").read_text(encoding="utf-8").replace(
        '"Content-Type: text/plain; charset=utf-8\\n"', '"Language: ja\\n"\n"Content-Type: text/plain; charset=utf-8\\n"', 1),
        encoding="utf-8")
    monkeypatch.setattr(fonts, "_find_system_family", lambda family: [])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "deck", "--locale", "ja", "--out", "out"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "warning:" not in line]
    assert errors[0] == (
        "deck/locales/ja.po: locale ja: the charts need the font Noto Sans CJK JP, which is not installed (expected it "
        "installed: sudo apt-get install fonts-noto-cjk (Debian/Ubuntu), sudo dnf install google-noto-sans-cjk-fonts "
        "(Fedora), brew install --cask font-noto-sans-cjk (macOS)); nothing falls back to another font")
    assert not list((tmp_path / "out").glob("*.pptx"))
    english = CliRunner().invoke(cli, ["build", "deck", "--out", "out"])
    assert english.exit_code == 0, english.stderr


# -- the same deck on every machine -----------------------------------------------------------------------------------


def build_in_process(deck: Path, out: Path, locales: list[str], env: dict | None = None, prefix: list[str] | None = None):
    """Build in a fresh interpreter (its own font lookups), returning {file name: bytes} and stderr."""
    command = [sys.executable, str(ROOT / "build.py"), "build", str(deck), "--out", str(out)]
    for locale in locales:
        done = subprocess.run((prefix or []) + command + ["--locale", locale], capture_output=True, text=True,
                              env=env, timeout=600)
        assert done.returncode == 0, done.stderr
        assert "findfont" not in done.stderr and "Traceback" not in done.stderr
        for line in done.stderr.splitlines():
            assert re.match(r"^\S+: \S+: warning: ", line), f"every warning is ours, with its place: {line!r}"
    return {path.name: path.read_bytes() for path in out.glob("*.pptx")}


def decoy_carlito(folder: Path) -> Path:
    """A font named Carlito with other metrics (DejaVu Sans renamed), as a machine might have under that name."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(fonts.matplotlib_font_dir() / "DejaVuSans.ttf"))
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = "Carlito" if record.nameID != 6 else "Carlito-Regular"
    folder.mkdir(parents=True, exist_ok=True)
    font.save(str(folder / "Carlito-Regular.ttf"))
    return folder


@pytest.mark.parametrize("deck", [ROOT / "deck", SECOND], ids=["lecture", "second deck"])
def test_a_machine_with_another_carlito_builds_the_same_bytes(deck, tmp_path):
    fc_list = require_tool("fc-list")  # shows that the decoy is what the machine offers as Carlito
    locales = ["en", "zh_Hans"] if deck == ROOT / "deck" else ["en", "fr"]
    plain = build_in_process(deck, tmp_path / "plain", locales,
                             env={**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl-plain")})
    home = tmp_path / "home"
    decoy_carlito(home / ".fonts")
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "MPLCONFIGDIR": str(tmp_path / "mpl-decoy")}
    listed = subprocess.run([fc_list, ":family=Carlito", "file"], capture_output=True, text=True, env=env)
    assert str(home / ".fonts") in listed.stdout, "the decoy is what the system offers as Carlito"
    assert build_in_process(deck, tmp_path / "decoy", locales, env=env) == plain


def test_with_the_systems_latin_fonts_hidden_the_decks_are_byte_identical(tmp_path):
    unshare = shutil.which("unshare")
    # root may make a private mount namespace; anyone else may where user namespaces are allowed (-r)
    prefix, said = None, [] if unshare else ["unshare is not installed (apt-get install util-linux)"]
    for attempt in ([unshare, "-m"], [unshare, "-r", "-m"]) if unshare else ():
        tried = subprocess.run(attempt + ["sh", "-c", "mount -t tmpfs none /mnt"], capture_output=True, text=True)
        if tried.returncode == 0:
            prefix = attempt
            break
        said.append(" ".join(attempt[1:]) + ": " + ((tried.stderr.strip().splitlines() or ["failed"])[-1]))
    if prefix is None:
        if os.environ.get("CI") == "true":
            pytest.fail("unshare -m (as root) or unshare -r -m is required under CI=true to hide the system's fonts "
                        f"({'; '.join(said)})")
        pytest.skip(f"unshare -m is not allowed here (it needs root or user namespaces; in a chroot, / must be a "
                    f"mount point): {'; '.join(said)}")
    hidden = [folder for folder in ("/usr/share/fonts/truetype", "/usr/local/share/fonts") if Path(folder).is_dir()]
    plain = build_in_process(ROOT / "deck", tmp_path / "plain", ["en", "zh_Hans"],
                             env={**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl-plain")})
    # (a minimal system may have none of those folders, and no fontconfig)
    mounts = "".join(f"mount -t tmpfs none {folder} && " for folder in hidden)
    script = f"{mounts}! {{ command -v fc-list >/dev/null && fc-list | grep -qi carlito; }} && exec \"$@\""
    without = build_in_process(ROOT / "deck", tmp_path / "hidden", ["en", "zh_Hans"],
                               env={**os.environ, "MPLCONFIGDIR": str(tmp_path / "mpl-hidden")},
                               prefix=prefix + ["sh", "-c", script, "hide-fonts"])
    assert without == plain


def test_libreoffice_renders_calibri_with_the_shipped_carlito(built_deck, tmp_path):
    require_tool("soffice")
    pdffonts = require_tool("pdffonts")
    from lecturedeck.output import office

    pdf = office.to_pdf(built_deck, tmp_path)
    listed = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True).stdout
    assert "Carlito" in listed and "Carlito-Bold" in listed


def test_drawing_a_chart_in_process_leaves_the_systems_fonts_findable(tmp_path):
    """A chart drawn in this process (where processes cannot be forked, and in tests) narrows matplotlib's font list
    to its own files; a later locale (or test) still finds Noto Sans CJK."""
    from conftest import require_noto_cjk
    from lecturedeck.resolve.chartdraw import draw_png

    require_noto_cjk()
    wanted = (("Noto Sans CJK SC",), ("Noto Sans CJK SC",), None)
    before = chart_font_files(*wanted)
    script = tmp_path / "plain.py"
    script.write_text("def draw(fig, ctx):\n    fig.add_subplot().plot([1, 2], [3, 4])\n", encoding="utf-8")
    job = ChartJob(script, tmp_path, (), (4.0, 3.0), 50, "en", chart_font_files(("Carlito", "DejaVu Sans"), (), None),
                   Colors())
    with Image.open(io.BytesIO(draw_png(job)[0])) as drawn:
        assert (drawn.format, drawn.size) == ("PNG", (200, 150)), "4 x 3 inches at 50 dpi"
    after = chart_font_files(*wanted)
    assert after == before and {font.family for font in after} == {"Noto Sans CJK SC"}, "the same system files"


def test_text_is_measured_the_same_whether_or_not_the_system_has_libfribidi():
    """Pillow lays text out with raqm (GPOS kerning, ligatures) wherever libfribidi is installed (LibreOffice and
    Chromium bring it) and with its basic layout elsewhere; measuring always with the basic one keeps a deck's font
    sizes, and so its bytes, the same on both."""
    from lecturedeck.render import textfit

    text = "Death toll of the Great Leap Forward period (15 to 43 million)"
    basic = ImageFont.truetype(str(latin_file()), 100, layout_engine=ImageFont.Layout.BASIC).getlength(text)
    assert textfit._ref_width(text, False, False) == basic
