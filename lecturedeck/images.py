"""Prepare pictures for their slots: open safely, honour EXIF orientation, downscale, re-encode once."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .problems import Problem

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


def find_image(assets_dir: Path, name: str) -> Path | None:
    """The file for a slot: the name as given, or the same stem with another picture extension."""
    path = assets_dir / name
    if path.is_file():
        return path
    folder = path.parent
    if not folder.is_dir():
        return None
    for candidate in sorted(folder.iterdir()):
        if candidate.stem == path.stem and candidate.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".bmp"):
            return candidate
    return None


def prepare(path: Path, box_inches: tuple[float, float]) -> Picture | Problem:
    """Decode `path` and re-encode it no larger than the slot needs; a Problem when it is not a usable picture."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            with Image.open(path) as opened:
                if opened.format not in FORMATS:
                    return Problem(path, None, "", f"unsupported picture format (expected JPEG or PNG, got {opened.format})")
                opened.load()
                image = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Problem(path, None, "", f"picture is too large to open safely (expected at most {MAX_PIXELS:,} pixels)")
    except (OSError, SyntaxError, ValueError) as exc:
        return Problem(path, None, "", f"not a readable picture ({exc})")
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


def fit(aspect: float, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The largest rectangle of `aspect` (width/height) centred in box (left, top, width, height)."""
    left, top, width, height = box
    if width / height > aspect:
        new_width = height * aspect
        return left + (width - new_width) / 2, top, new_width, height
    new_height = width / aspect
    return left, top + (height - new_height) / 2, width, new_height
