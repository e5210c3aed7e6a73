"""Prepare pictures for their slots: open safely, honour EXIF orientation, downscale, re-encode once."""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PIL import Image, ImageOps

from ..problems import Problem

# Pixels per inch kept for a picture at its size on the slide: sharp on a projector, small in the file.
TARGET_PPI = 220
MAX_PIXELS = 80_000_000
FORMATS = ("JPEG", "MPO", "PNG", "GIF", "BMP", "TIFF", "WEBP")  # MPO: a phone camera's JPEG (its first picture is used)


@dataclass(frozen=True)
class Picture:
    """Encoded image bytes ready for the deck, with their pixel size and file extension, and the pixel size of the
    file they came from (upright), which decides its shape and how sharp it can be shown."""

    data: bytes
    ext: str
    width: int
    height: int
    source_width: int
    source_height: int
    warning: str = ""  # something the lecturer should know (a colour profile that could not be applied)


PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp", ".svg", ".heic", ".heif")


def find_image(assets_dir: Path, name: str) -> Path | None:
    """The file for a slot: the name as given, else the same stem with another picture extension, else the same
    name in other letter case (which works on macOS and Windows but not on Linux: the caller warns)."""
    path = assets_dir / name
    if path.is_file():
        return path
    folder = path.parent
    if not folder.is_dir():
        return None
    candidates = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PICTURE_SUFFIXES)
    for matches in (lambda p: p.stem == path.stem, lambda p: p.stem.lower() == path.stem.lower()):
        found = next((p for p in candidates if matches(p)), None)
        if found is not None:
            return found
    return None


def probe(path: Path) -> tuple[int, int] | None:
    """A picture's upright pixel size read from its header (nothing decoded); None when it cannot be read (prepare
    then says why)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as opened:
                width, height = opened.size
                turned = opened.getexif().get(0x0112) in (5, 6, 7, 8)  # EXIF orientations that swap the sides
    except Exception:  # noqa: BLE001 - any unreadable file is prepare's to report, with its reason
        return None
    return (height, width) if turned else (width, height)


def _not_raster(path: Path) -> str | None:
    """Why a file is not a picture we can decode: empty, SVG or HEIC (recognised by content, not name)."""
    with open(path, "rb") as handle:
        head = handle.read(512)
    if not head:
        return "picture file is empty (expected a JPEG or PNG file)"
    if head.lstrip().startswith((b"<svg", b"<?xml")) and b"<svg" in head or path.suffix.lower() == ".svg":
        return "SVG is a drawing, not a picture (expected JPEG or PNG: export the SVG as PNG at the size needed)"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"heim", b"heis"):
        return "HEIC photos cannot be read here (expected JPEG or PNG: export as JPEG, e.g. in Photos or with heif-convert)"
    return None


PREPARED_VERSION = "1"  # change when prepare() makes other bytes from the same picture


def prepare_cached(path: Path, box_inches: tuple[float, float], cache_dir: Path | None) -> Picture | Problem:
    """prepare(), remembered in cache_dir by the file (its place, size and time) and the slot's size, so a warm
    build decodes no picture again; a problem is never remembered (it is found again, quickly)."""
    if cache_dir is None:
        return prepare(path, box_inches)
    import PIL

    stat = path.stat()
    key = hashlib.sha256(json.dumps([PREPARED_VERSION, PIL.__version__, str(path.resolve()), stat.st_size,
                                     stat.st_mtime_ns, [round(v, 3) for v in box_inches]]).encode()).hexdigest()[:24]
    sidecar = cache_dir / f"{key}.json"
    try:
        saved = json.loads(sidecar.read_text(encoding="utf-8"))
        data = (cache_dir / saved["file"]).read_bytes()
        if len(data) == saved["size"] and hashlib.sha256(data).hexdigest() == saved["sha256"]:
            width, height, source_width, source_height = saved["pixels"]
            return Picture(data, saved["ext"], width, height, source_width, source_height, warning=saved["warning"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    picture = prepare(path, box_inches)
    if isinstance(picture, Picture):
        from ..files import write_atomic

        name = f"{key}.{picture.ext}"
        record = {"file": name, "ext": picture.ext, "size": len(picture.data),
                  "sha256": hashlib.sha256(picture.data).hexdigest(), "warning": picture.warning,
                  "pixels": [picture.width, picture.height, picture.source_width, picture.source_height]}
        try:  # the picture first, then the record that vouches for it
            write_atomic(cache_dir / name, picture.data)
            write_atomic(sidecar, json.dumps(record).encode())
        except OSError:
            pass  # a cache only: the deck is the same, the next build prepares the picture again
    return picture


def prepare(path: Path, box_inches: tuple[float, float]) -> Picture | Problem:
    """Decode `path` and re-encode it no larger than the slot needs; a Problem when it is not a usable picture."""
    try:
        reason = _not_raster(path)
    except OSError as exc:
        return Problem(path, None, "", f"cannot read the picture ({exc.strerror})")
    if reason:
        return Problem(path, None, "", reason)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            with Image.open(path) as opened:
                if opened.format not in FORMATS:
                    return Problem(path, None, "", f"unsupported picture format (expected JPEG or PNG, got {opened.format})")
                opened.load()
                profile = opened.info.get("icc_profile")
                image = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        got = f", got {int(found[1]):,}" if found else ""
        return Problem(path, None, "", f"picture is too large to open safely (expected at most {MAX_PIXELS:,} pixels{got}: "
                                       "scale it down first)")
    except Image.UnidentifiedImageError:
        return Problem(path, None, "", "not a picture file (expected JPEG, PNG, GIF, TIFF, BMP or WebP)")
    except (OSError, SyntaxError, ValueError) as exc:
        detail = str(exc).replace(str(path), path.name)
        return Problem(path, None, "", f"damaged or truncated picture ({detail})")
    try:
        image = eight_bit(image)
    except ValueError as exc:
        return Problem(path, None, "", str(exc))
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa") or "transparency" in image.info
    image, warning = _to_srgb(image, profile, has_alpha)
    source = image.size
    limit = (max(1, int(box_inches[0] * TARGET_PPI)), max(1, int(box_inches[1] * TARGET_PPI)))
    if image.width > limit[0] or image.height > limit[1]:
        image.thumbnail(limit, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if has_alpha:
        image.save(buffer, "PNG", optimize=True)
        ext = "png"
    else:
        image.save(buffer, "JPEG", quality=88, optimize=True, progressive=False)
        ext = "jpg"
    return Picture(buffer.getvalue(), ext, image.width, image.height, *source, warning)


def eight_bit(image: Image.Image) -> Image.Image:
    """A picture with 8 bits per channel: 16-bit grayscale scaled by 1/257 (65535 is white), 32-bit integer and
    floating-point pictures (scientific TIFFs) stretched from their darkest to their brightest value (a picture of
    one value is black); other modes as they are (Pillow reads 16-bit RGB and RGBA PNGs as 8-bit already). A
    ValueError says why a picture cannot be shown."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v * (1 / 257) + 0.5).convert("L")
    if image.mode in ("I", "F"):
        low, high = cast(tuple[float, float], image.getextrema())  # one band (I, F): a single (lowest, highest)
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ValueError("picture holds values that are not numbers (expected finite values, got NaN or "
                             "infinity in a floating-point picture)")
        if high == low:
            return Image.new("L", image.size, 0)
        scale = 255 / (high - low)
        return image.point(lambda v: v * scale - low * scale + 0.5).convert("L")
    return image


def _to_srgb(image: Image.Image, profile: bytes | None, alpha: bool) -> tuple[Image.Image, str]:
    """The picture in sRGB (RGB, or RGBA when it has transparency): through its embedded colour profile when it
    has one (Adobe RGB, Display P3, a printer's CMYK), so colours are not shifted; a warning when the profile is
    broken and plain conversion was used."""
    mode = "RGBA" if alpha else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "L", "CMYK"):
        from PIL import ImageCms

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            if alpha and image.mode != "RGBA":
                image = image.convert("RGBA")
            converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
            assert converted is not None  # None only when converting in place (inPlace=True)
            return converted, ""
        except (OSError, ValueError, TypeError, ImageCms.PyCMSError) as exc:
            warning = (f"the picture's colour profile cannot be applied ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}), "
                       "so its colours may be off (expected a valid embedded profile, or none: export it as sRGB)")
            return image.convert(mode), warning
    return image.convert(mode), ""
