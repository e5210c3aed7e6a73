"""A picture dropped into assets/posters/ fills its slot: fitted, not stretched, rotated per EXIF, downscaled."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image
from pptx.util import Emu

from conftest import ROOT
from deckread import alt_text, open_deck, pictures
from lecturedeck.commands.build import build


@pytest.fixture()
def project(tmp_path):
    """A copy of the lecture's deck/ and assets/ to drop files into."""
    shutil.copytree(ROOT / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path


def _photo(path, size, orientation=None):
    image = Image.new("RGB", size, (180, 120, 60))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())


def test_large_rotated_photo_is_fitted_rotated_and_downscaled(project):
    # 20 megapixels, stored landscape, EXIF says "rotate 90": it shows portrait.
    _photo(project / "assets/posters/backyard-furnaces.jpg", (5472, 3648), orientation=6)
    result = build(project / "deck", project / "build")
    assert not any("backyard-furnaces" in w.where and "missing" in w.message for w in result.warnings)
    prs = open_deck(result.path)
    shape = next(s for _, s in pictures(prs) if s.name == "Picture: backyard-furnaces")
    width_px, height_px = shape.image.size
    assert height_px > width_px, "EXIF orientation was not honoured"
    assert abs(shape.width / shape.height - width_px / height_px) < 0.01, "picture is stretched"
    assert height_px <= Emu(shape.height).inches * 220 + 1, "picture was not downscaled to its slot"
    assert len(shape.image.blob) < 1_500_000
    assert alt_text(shape).startswith("Villagers") or len(alt_text(shape)) > 30
    assert not alt_text(shape).endswith(".jpg")


def test_png_with_other_extension_fills_the_slot_and_credit_is_asked_for(project):
    image = Image.new("RGBA", (600, 800), (20, 40, 200, 255))
    image.save(project / "assets/posters/collective-life-poster.png")
    result = build(project / "deck", project / "build")
    prs = open_deck(result.path)
    names = [s.name for _, s in pictures(prs)]
    assert "Picture: collective-life-poster" in names
    assert any(w.where == "propaganda-posters.collective-life-poster" and "credit" in w.message for w in result.warnings)


def test_a_broken_picture_is_an_error_and_nothing_is_written(project):
    (project / "assets/posters/iron-input.jpg").write_bytes(b"not a picture at all")
    from lecturedeck.problems import DeckError

    with pytest.raises(DeckError) as caught:
        build(project / "deck", project / "build")
    message = caught.value.problems[0].format()
    assert "02-contents.yaml" in message and "iron-input" in message and "not a picture file (expected JPEG, PNG" in message
    assert not list((project / "build").glob("*.pptx"))
