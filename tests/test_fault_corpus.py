"""The fault corpus: each folder under corpus/cases/<group>/<case>/ is the base deck (corpus/base/) with a few files
changed. The CLI must end with the status in status.txt (default 1) and print exactly expected.txt on stderr, with
no traceback; a failed build leaves the last good deck byte for byte, and no build leaves temporary files behind.

Files of a case: files/ (copied over the base deck; links kept), delete.txt (paths removed), args.txt (the CLI
arguments, default `build . --out {out}`), about.txt (what the case is). corpus/make_cases.py writes them.
"""

from __future__ import annotations

import shlex
import shutil
import traceback
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from lecturedeck.cli import cli
from conftest import FAULTS
from lecturedeck.commands.build import build

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base"
CASES = sorted(path for path in (CORPUS / "cases").glob("*/*") if path.is_dir())


def materialize(case: Path, deck: Path) -> None:
    """Apply a case's changes to a copy of the base deck."""
    files = case / "files"
    for source in sorted(files.rglob("*")) if files.is_dir() else []:
        if source.is_dir() and not source.is_symlink():
            continue
        target = deck / source.relative_to(files)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() or target.is_symlink():
            target.unlink()
        if source.is_symlink():
            target.symlink_to(source.readlink())
        else:
            shutil.copyfile(source, target)
    delete = case / "delete.txt"
    for name in delete.read_text(encoding="utf-8").split() if delete.is_file() else []:
        (deck / name).unlink()


def test_corpus_covers_every_group():
    groups = {case.parent.name for case in CASES}
    assert groups == {"outline", "deck", "templates", "cli", "catalogs", "images", "charts", "kinds"}
    assert len(CASES) >= 85
    for case in CASES:
        assert (case / "expected.txt").is_file() and (case / "about.txt").read_text().strip(), case


@pytest.fixture(scope="session")
def base_charts(tmp_path_factory) -> Path:
    """The base deck's charts drawn once (en and fr), copied into each case's output folder: only the cases that
    change a chart draw one."""
    out = tmp_path_factory.mktemp("corpus-base")
    deck = out / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    for locale in ("en", "fr"):
        build(deck, out / "out", locale=locale)
    return out / "out" / ".cache" / "charts"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_fault_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_charts: Path):
    deck, out = tmp_path / "deck", tmp_path / "out"
    shutil.copytree(BASE, deck, symlinks=True)
    shutil.copytree(base_charts, out / ".cache" / "charts")
    for locale in ("en", "fr"):
        build(deck, out, locale=locale)  # the last good decks
    good = {path.name: path.read_bytes() for path in out.glob("*.pptx")}
    materialize(case, deck)
    args = (case / "args.txt").read_text(encoding="utf-8") if (case / "args.txt").is_file() else "build . --out {out}"
    status = int((case / "status.txt").read_text()) if (case / "status.txt").is_file() else 1
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()

    monkeypatch.chdir(deck)
    result = CliRunner().invoke(cli, [a.replace("{out}", str(out)) for a in shlex.split(args)])
    FAULTS["tried"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    FAULTS["tracebacks"] += int(crashed or "Traceback" in result.output)
    if crashed:
        pytest.fail("the CLI raised instead of reporting:\n" + "".join(traceback.format_exception(*result.exc_info)))
    if status:
        FAULTS["clear errors"] += int(result.exit_code == status and bool(result.stderr.strip()))
        changed = [name for name, data in good.items() if (out / name).read_bytes() != data]
        FAULTS["decks lost"] += len(changed)
        assert changed == [], "a failed build changed the last good deck"
    assert result.exit_code == status, result.stderr
    assert result.stderr.splitlines() == expected
    assert not list(out.glob(".*.tmp")) and not list((out / ".cache").glob(".*.tmp"))
    for path in out.glob("*.pptx"):
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
        Presentation(str(path))


def _built(case: str, tmp_path: Path):
    """The base deck with a corpus case applied, built; its Presentation."""
    deck = tmp_path / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    materialize(CORPUS / "cases" / case, deck)
    return Presentation(str(build(deck, tmp_path / "out").path))


def _picture_pixels(prs, name: str, points):
    """RGB values of the stored picture named `name` at points given as fractions of its width and height."""
    import io

    from PIL import Image

    shape = next(shape for slide in prs.slides for shape in slide.shapes if shape.name == name)
    image = Image.open(io.BytesIO(shape.image.blob)).convert("RGB")
    return [image.getpixel((int(x * (image.width - 1)), int(y * (image.height - 1)))) for x, y in points]


@pytest.mark.parametrize("case, left, right", [
    ("images/gray-16-bit", 156, 255),  # 40000 / 257 and 65535 / 257, not clipped to white
    ("images/float-tiff", 0, 255),  # 0.25 and 0.75: the darkest and brightest value, not clipped to black
])
def test_deep_pictures_are_scaled_not_clipped(case, left, right, tmp_path):
    shown = _picture_pixels(_built(case, tmp_path), "Picture: left", [(0.1, 0.5), (0.9, 0.5)])
    assert [abs(value - left) <= 2 for value in shown[0]] == [True] * 3, shown
    assert [abs(value - right) <= 2 for value in shown[1]] == [True] * 3, shown


def test_a_phone_cameras_mpo_jpeg_shows_its_first_picture(tmp_path):
    (red, green, blue), = _picture_pixels(_built("images/mpo-camera-jpeg", tmp_path), "Picture: left", [(0.5, 0.5)])
    assert red > 180 and green < 60 and blue < 60  # the first frame is red; the second, green, is not shown


def test_a_templates_own_slides_are_left_out(tmp_path):
    prs = _built("templates/holds-slides", tmp_path)
    titles = [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in prs.slides]
    assert len(prs.slides) == 5 and "An example slide of the template" not in titles
    with zipfile.ZipFile(tmp_path / "out" / "base-deck-fall-2026-en.pptx") as package:
        slides = [name for name in package.namelist() if name.startswith("ppt/slides/slide")]
    assert len(slides) == 5, slides


def test_the_same_picture_twice_is_stored_once(tmp_path):
    deck = tmp_path / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    materialize(CORPUS / "cases/images/same-file-twice", deck)
    path = build(deck, tmp_path / "out").path
    with zipfile.ZipFile(path) as package:
        media = [name for name in package.namelist() if name.startswith("ppt/media/") and "image" in name]
    pictures = [shape for slide in Presentation(str(path)).slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 3 and len(media) == 2  # two slots and a chart; the photo stored once


def test_exif_rotation_is_applied(tmp_path):
    deck = tmp_path / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    materialize(CORPUS / "cases/images/exif-rotated", deck)
    path = build(deck, tmp_path / "out").path
    picture = next(shape for slide in Presentation(str(path)).slides for shape in slide.shapes
                   if shape.shape_type == 13 and shape.name == "Picture: left")
    assert picture.image.size[0] < picture.image.size[1], "a 400x300 photo tagged 'rotate 90' is stored upright: taller"


def test_a_random_chart_builds_byte_identical_twice(tmp_path):
    deck = tmp_path / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    materialize(CORPUS / "cases/charts/random-without-seed", deck)
    first = build(deck, tmp_path / "a").path.read_bytes()
    second = build(deck, tmp_path / "b").path.read_bytes()
    assert first == second
