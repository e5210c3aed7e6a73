"""The fonts a deck is measured and its charts drawn with, pinned like packages, so the deck is the same on every
machine: Carlito (metric-compatible with Calibri, SIL OFL 1.1, files in this folder, see README.md) for Latin text,
the DejaVu Sans that ships inside the pinned matplotlib for what Carlito lacks in charts, and for CJK text the
advance widths of Noto Sans CJK 2.004 written down below. Only drawing CJK glyphs in charts needs a system font
(Noto Sans CJK, too large to ship): when a locale needs it and it is missing, the build stops and says how to
install it. Nothing here imports matplotlib.

Shared like `problems`: imports only `files`; `resolve`, `render`, `output` and the commands import it.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import json
import os
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).resolve().parent
SHIPPED = {"Carlito": {(False, False): "Carlito-Regular.ttf", (True, False): "Carlito-Bold.ttf",
                       (False, True): "Carlito-Italic.ttf", (True, True): "Carlito-BoldItalic.ttf"}}
MATPLOTLIB_FONTS = {"DejaVu Sans": {(False, False): "DejaVuSans.ttf", (True, False): "DejaVuSans-Bold.ttf",
                                    (False, True): "DejaVuSans-Oblique.ttf", (True, True): "DejaVuSans-BoldOblique.ttf"}}
SYSTEM_FONT_HINT = ("sudo apt-get install fonts-noto-cjk (Debian/Ubuntu), sudo dnf install google-noto-sans-cjk-fonts "
                    "(Fedora), brew install --cask font-noto-sans-cjk (macOS)")

# Advance widths of Noto Sans CJK 2.004 (Regular and Bold alike) in thousandths of an em, for the CJK characters
# whose advance is not a full em: (first, last, width). Every other CJK character is one em, as in Noto Sans CJK,
# Microsoft JhengHei and Microsoft YaHei. Read off NotoSansCJK-Regular.ttc with fontTools.
CJK_ADVANCES = (
    (0x302A, 0x302D, 0), (0x302E, 0x302F, 250), (0x3099, 0x309A, 0), (0x3131, 0x318E, 920), (0x31B4, 0x31B7, 600),
    (0x31BB, 0x31BB, 600), (0xAC00, 0xD7A3, 920), (0xFF61, 0xFF9F, 500), (0xFFA0, 0xFFBE, 920),
    (0xFFC2, 0xFFC7, 920), (0xFFCA, 0xFFCF, 920), (0xFFD2, 0xFFD7, 920), (0xFFDA, 0xFFDC, 920), (0xFFE8, 0xFFEE, 500),
)
_STARTS = [first for first, _last, _width in CJK_ADVANCES]
# matplotlib's scan of the machine's fonts (its FontManager's ttflist), kept here by resolve/chartdraw.py when it
# narrows that list to the files a chart draws with, for later lookups of installed families
MACHINE_FONTS: weakref.WeakKeyDictionary[Any, list] = weakref.WeakKeyDictionary()


def latin_file(bold: bool = False, italic: bool = False) -> Path:
    """The Carlito file text is measured with (it stands in for Calibri, which the deck names)."""
    return FONT_DIR / SHIPPED["Carlito"][(bold, italic)]


def cjk_advance(char: str) -> float:
    """The advance width of a CJK character in ems."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= CJK_ADVANCES[index][1]:
        return CJK_ADVANCES[index][2] / 1000
    return 1.0


def matplotlib_dir() -> Path:
    """The installed matplotlib's package folder (found without importing it)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("matplotlib is not installed (expected it with the pipeline: pip install -r "
                                  "requirements.txt)", name="matplotlib")
    return Path(spec.origin).parent


def matplotlib_font_dir() -> Path:
    """The fonts folder inside the installed matplotlib (found without importing it)."""
    return matplotlib_dir() / "mpl-data" / "fonts" / "ttf"


@dataclass(frozen=True)
class FontFile:
    """One font file a chart is drawn with, and the hash of its bytes (part of the chart's cache key)."""

    family: str
    path: str
    sha256: str


class MissingFont(Exception):
    """A font a locale's charts need is not installed."""

    def __init__(self, family: str):
        self.family = family
        super().__init__(family)


def chart_font_files(families: tuple[str, ...], required: tuple[str, ...],
                     cache_dir: Path | None) -> tuple[FontFile, ...]:
    """The files of every chart font family: shipped, matplotlib's own, or installed on the system (found once and
    remembered in cache_dir/fonts.json with their hashes, when a cache_dir is given). A missing family in
    `required` raises MissingFont; a missing optional one is left out."""
    known = _Known(cache_dir / "fonts.json" if cache_dir else None)
    out = []
    for family in families:
        if family in SHIPPED or family in MATPLOTLIB_FONTS:
            folder, names = (FONT_DIR, SHIPPED[family]) if family in SHIPPED else (matplotlib_font_dir(), MATPLOTLIB_FONTS[family])
            paths = [folder / name for name in dict.fromkeys(names.values())]
        else:
            paths = known.system(family)
            if not paths:
                if family in required:
                    raise MissingFont(family)
                continue
        out += [FontFile(family, str(path), known.digest(path)) for path in paths]
    known.save()
    return tuple(out)


class _Known:
    """fonts.json: where system font families were found and each file's hash, trusted while size and mtime hold."""

    def __init__(self, path: Path | None):
        self.path = path
        try:
            self.data = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            self.data = {}
        if not isinstance(self.data, dict):
            self.data = {}
        self.data.setdefault("families", {})
        self.data.setdefault("files", {})
        self.changed = False

    def system(self, family: str) -> list[Path]:
        """The files of an installed family (regular and bold), looked up through matplotlib's font list once."""
        paths = self.data["families"].get(family)
        if paths is not None and all(Path(p).is_file() for p in paths):
            return [Path(p) for p in paths]
        paths = _find_system_family(family)
        self.data["families"][family] = [str(p) for p in paths]
        self.changed = True
        return paths

    def digest(self, path: Path) -> str:
        """The sha256 of a font file, computed again only when its size or mtime changed."""
        stat = os.stat(path)
        stamp = [stat.st_size, stat.st_mtime_ns]
        entry = self.data["files"].get(str(path))
        if entry and entry.get("stamp") == stamp:
            return entry["sha256"]
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        self.data["files"][str(path)] = {"stamp": stamp, "sha256": digest}
        self.changed = True
        return digest

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        from ..files import write_atomic

        try:
            write_atomic(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode())
        except OSError:
            pass  # only a lookup cache: the next build looks the fonts up again


def _find_system_family(family: str) -> list[Path]:
    """The regular and bold files of an installed font family, by matplotlib's scan of the system's fonts."""
    import logging

    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    found = []
    manager = font_manager.fontManager
    for entry in MACHINE_FONTS.get(manager, manager.ttflist):
        weight = entry.weight if isinstance(entry.weight, int) else font_manager.weight_dict.get(entry.weight, 400)
        if entry.name == family and weight in (400, 700):
            found.append(Path(entry.fname))
    return sorted(set(found))
