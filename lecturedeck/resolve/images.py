"""Prepare pictures for their slots: open safely, honour EXIF orientation, downscale, re-encode once."""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from ..problems import Problem

# Pixels per inch kept for a picture at its size on the slide: sharp on a projector, small in the file.
TARGET_PPI = 220
MAX_PIXELS = 80_000_000
FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP")


@dataclass(frozen=True)
class Picture:
    """Encoded image bytes ready for the deck, with their pixel size and file extension."""

    data: bytes
    ext: str
    width: int
    height: int


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
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
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
    return Picture(buffer.getvalue(), ext, image.width, image.height)
