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
    assert groups == {"outline", "catalogs", "images", "charts"}
    assert len(CASES) >= 25
    for case in CASES:
        assert (case / "expected.txt").is_file() and (case / "about.txt").read_text().strip(), case


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_fault_case(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    deck, out = tmp_path / "deck", tmp_path / "out"
    shutil.copytree(BASE, deck, symlinks=True)
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
