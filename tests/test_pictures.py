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
    slot = next(slot for slide in result.resolved.deck.slides for slot in slide.slots()
                if slot.slot == "backyard-furnaces")
    assert alt_text(shape) == slot.alt and len(slot.alt) > 30, "the outline's alt text, not the file name"


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


# -- every kind of picture file comes out with the right pixel values -------------------------------------------

def _halves(mode: str, left, right, size=(40, 20)) -> Image.Image:
    """A picture of `mode` whose left half is `left` and right half `right`."""
    image = Image.new(mode, size, left)
    image.paste(right, (size[0] // 2, 0, size[0], size[1]))
    return image


def _png16(values, color_type: int) -> bytes:
    """A 16-bit PNG (Pillow cannot write 16-bit colour): values is a list of rows of channel tuples."""
    import struct
    import zlib

    height, width = len(values), len(values[0])
    raw = b"".join(b"\x00" + b"".join(struct.pack(">" + "H" * len(px), *px) for px in row) for row in values)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _shown(tmp_path, name: str, data: bytes):
    """prepare() on a file: the picture as stored in the deck, decoded to RGBA, and its extension."""
    import io

    from lecturedeck.resolve.images import prepare

    path = tmp_path / name
    path.write_bytes(data)
    picture = prepare(path, (1, 1))
    assert not hasattr(picture, "message"), picture
    return Image.open(io.BytesIO(picture.data)).convert("RGBA"), picture.ext


def _saved(image: Image.Image, kind: str, **options) -> bytes:
    import io

    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def _close(got, want, slack: int) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(got, want))


def _array_picture(values, dtype, kind: str = "TIFF") -> bytes:
    import numpy

    return _saved(Image.fromarray(numpy.array(values, dtype)), kind)


CASES = [
    # name, file bytes, expected RGBA of the left and right halves, slack (JPEG is lossy)
    ("gray16.png", lambda: _array_picture([[0] * 20 + [65535] * 20] * 20, "uint16", "PNG"), (0, 0, 0, 255), (255, 255, 255, 255), 2),
    ("gray16-mid.png", lambda: _array_picture([[257 * 60] * 20 + [257 * 200] * 20] * 20, "uint16", "PNG"), (60, 60, 60, 255), (200, 200, 200, 255), 2),
    ("gray16be.tif", lambda: _array_picture([[257 * 30] * 20 + [257 * 220] * 20] * 20, ">u2"), (30, 30, 30, 255), (220, 220, 220, 255), 2),
    ("int32.tif", lambda: _array_picture([[-5000] * 20 + [70000] * 20] * 20, "int32"), (0, 0, 0, 255), (255, 255, 255, 255), 2),
    ("float.tif", lambda: _array_picture([[0.2] * 20 + [0.6] * 20] * 20, "float32"), (0, 0, 0, 255), (255, 255, 255, 255), 2),
    ("rgb16.png", lambda: _png16([[(65535, 0, 0)] * 20 + [(0, 257 * 128, 65535)] * 20] * 20, 2), (255, 0, 0, 255), (0, 128, 255, 255), 3),
    ("rgba16.png", lambda: _png16([[(65535, 0, 0, 65535)] * 20 + [(0, 0, 65535, 0)] * 20] * 20, 6), (255, 0, 0, 255), (0, 0, 255, 0), 1),
    ("la.png", lambda: _saved(_halves("LA", (40, 255), (200, 0)), "PNG"), (40, 40, 40, 255), (200, 200, 200, 0), 0),
    ("pa.png", lambda: _saved(_palette_with_alpha(), "PNG"), (255, 0, 0, 255), (0, 0, 255, 0), 0),
    ("palette-transparent.png", lambda: _saved(_palette(), "PNG", transparency=1), (255, 0, 0, 255), (0, 255, 0, 0), 0),
    ("rgb-colour-key.png", lambda: _saved(_halves("RGB", (10, 20, 30), (200, 100, 50)), "PNG", transparency=(10, 20, 30)), (10, 20, 30, 0), (200, 100, 50, 255), 0),
    ("one-bit.png", lambda: _saved(_halves("1", 0, 1), "PNG"), (0, 0, 0, 255), (255, 255, 255, 255), 2),
    ("cmyk.tif", lambda: _saved(_halves("CMYK", (0, 255, 255, 0), (0, 0, 0, 128)), "TIFF"), (255, 0, 0, 255), (127, 127, 127, 255), 3),
    ("ycbcr.tif", lambda: _saved(_halves("RGB", (255, 0, 0), (0, 0, 255)).convert("YCbCr"), "TIFF"), (255, 0, 0, 255), (0, 0, 255, 255), 6),
    ("camera.jpg", lambda: _mpo(), (200, 30, 30, 255), (200, 30, 30, 255), 4),
]


def _palette() -> Image.Image:
    image = _halves("P", 0, 1)
    image.putpalette([255, 0, 0, 0, 255, 0])
    return image


def _palette_with_alpha() -> Image.Image:
    image = _palette()
    image.putpalette([255, 0, 0, 255, 0, 0, 255, 0], "RGBA")
    return image


def _mpo() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, "MPO", save_all=True,
                                                   append_images=[Image.new("RGB", (40, 20), (30, 200, 30))])
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, left, right, slack", CASES, ids=[case[0] for case in CASES])
def test_every_picture_mode_comes_out_with_its_pixel_values(name, data, left, right, slack, tmp_path):
    image, ext = _shown(tmp_path, name, data())
    got = image.getpixel((image.width // 4, image.height // 2)), image.getpixel((3 * image.width // 4, image.height // 2))
    if left[3] == 0 or right[3] == 0:
        assert ext == "png"  # transparency kept, so compared exactly
        got = tuple(px if px[3] else px[:3] + (0,) for px in got)
    assert _close(got[0], left, slack) and _close(got[1], right, slack), (got, left, right)


def test_a_float_picture_with_nan_is_refused(tmp_path):
    import numpy

    from lecturedeck.resolve.images import prepare

    values = numpy.full((4, 4), 0.5, numpy.float32)
    values[0, 0] = numpy.nan
    path = tmp_path / "nan.tif"
    Image.fromarray(values).save(path)
    problem = prepare(path, (1, 1))
    assert "values that are not numbers" in problem.message


def _wide_gamut_profile() -> bytes:
    """A minimal ICC v2 RGB profile with Display P3's primaries (adapted to D50) and gamma 2.2."""
    import struct

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x, y, z) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    text = b"wide gamut test\0"
    tags = [(b"desc", b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 4 + b"\0" * 4 + b"\0" * 3 + b"\0" * 67),
            (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.5151, 0.2412, -0.0011)), (b"gXYZ", xyz(0.2920, 0.6922, 0.0419)),
            (b"bXYZ", xyz(0.1571, 0.0666, 0.7841))]
    tags += [(name, b"curv\0\0\0\0" + struct.pack(">IH", 1, 0x0233) + b"\0\0") for name in (b"rTRC", b"gTRC", b"bTRC")]
    offset, table, body = 128 + 4 + 12 * len(tags), b"", b""
    for name, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += name + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp"
              + b"\0" * 24 + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249) + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + body


def test_a_picture_in_another_colour_space_is_converted_through_its_profile(tmp_path):
    """A photo tagged Display P3 (as phones take them) is converted to sRGB, not shown with its raw numbers."""
    import io

    from PIL import ImageCms

    profile = _wide_gamut_profile()
    raw = Image.new("RGB", (40, 20), (60, 170, 90))
    want = ImageCms.profileToProfile(raw, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"))
    want = want.getpixel((0, 0)) + (255,)
    assert max(abs(a - b) for a, b in zip(want, (60, 170, 90))) > 20  # the profile really changes the colour
    image, _ext = _shown(tmp_path, "p3.png", _saved(raw, "PNG", icc_profile=profile))
    assert image.getpixel((20, 10)) == want


def test_a_broken_colour_profile_is_a_warning_not_a_silent_guess(tmp_path):
    from lecturedeck.resolve.images import prepare

    path = tmp_path / "broken.jpg"
    path.write_bytes(_saved(Image.new("RGB", (40, 20), (220, 30, 30)), "JPEG", icc_profile=b"garbage" * 20))
    picture = prepare(path, (1, 1))
    assert "colour profile cannot be applied" in picture.warning


def test_prepared_pictures_are_remembered_between_builds_and_redone_when_the_file_changes(tmp_path, monkeypatch):
    from lecturedeck.resolve import images

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (2400, 1800), (120, 40, 20)).save(photo, quality=90)
    cache = tmp_path / "cache"
    first = images.prepare_cached(photo, (4.0, 3.0), cache)
    assert isinstance(first, images.Picture) and (first.width, first.height) == (880, 660)
    calls = []
    monkeypatch.setattr(images, "prepare", lambda *args: calls.append(args) or first)
    assert images.prepare_cached(photo, (4.0, 3.0), cache) == first and calls == [], "a warm build decodes nothing"
    images.prepare_cached(photo, (2.0, 1.5), cache)
    assert len(calls) == 1, "another slot size is prepared again"
    for stored in cache.glob("*.jpg"):
        stored.write_bytes(stored.read_bytes()[:100])  # a cache file cut short (a full disk, a crash) is never used
    images.prepare_cached(photo, (4.0, 3.0), cache)
    assert len(calls) == 2
    Image.new("RGB", (2400, 1800), (20, 40, 120)).save(photo, quality=90)
    import os

    os.utime(photo, ns=(1, 1))  # a new picture under the same name
    images.prepare_cached(photo, (4.0, 3.0), cache)
    assert len(calls) == 3
