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
# font managers whose list was scanned afresh for a missing family (once per process)
_RESCANNED: weakref.WeakSet[Any] = weakref.WeakSet()


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
        self.data.setdefault("missing", {})
        self.changed = False
        self._folders: list[int] | None = None

    def system(self, family: str) -> list[Path]:
        """The files of an installed family (regular and bold), looked up through matplotlib's font list once. A
        family found missing is looked up again once a font folder has changed (a font installed since)."""
        paths = self.data["families"].get(family)
        if paths and all(Path(p).is_file() for p in paths):
            return [Path(p) for p in paths]
        if paths == [] and self.data["missing"].get(family) == self.folders():
            return []
        paths = _find_system_family(family)
        self.data["families"][family] = [str(p) for p in paths]
        if paths:
            self.data["missing"].pop(family, None)
        else:
            self.data["missing"][family] = self.folders()
        self.changed = True
        return paths

    def folders(self) -> list[int]:
        """A stamp of the system's font folders (how many, their latest change), computed once per lookup."""
        if self._folders is None:
            self._folders = _font_folders_stamp()
        return self._folders

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
    """The regular and bold files of an installed font family, by matplotlib's scan of the system's fonts. That scan
    is cached per user (~/.cache/matplotlib) and not redone when fonts are installed, so a family missing from it
    is looked for in a fresh scan (once per process), which then replaces the cached one."""
    import logging

    from matplotlib import font_manager

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    manager = font_manager.fontManager
    found = _family_files(MACHINE_FONTS.get(manager, manager.ttflist), family, font_manager.weight_dict)
    if not found and manager not in _RESCANNED:
        _RESCANNED.add(manager)
        fresh = font_manager.FontManager()
        MACHINE_FONTS[manager] = list(fresh.ttflist)
        found = _family_files(fresh.ttflist, family, font_manager.weight_dict)
        if found:
            import matplotlib

            try:
                font_manager.json_dump(fresh, Path(matplotlib.get_cachedir(),
                                                   f"fontlist-v{font_manager.FontManager.__version__}.json"))
            except OSError:
                pass  # only matplotlib's cache: the next process scans again
    return found


def _family_files(entries: list, family: str, weights: dict) -> list[Path]:
    found = []
    for entry in entries:
        weight = entry.weight if isinstance(entry.weight, int) else weights.get(entry.weight, 400)
        if entry.name == family and weight in (400, 700):
            found.append(Path(entry.fname))
    return sorted(set(found))


# The folders matplotlib scans for fonts (font_manager's X11, macOS and Windows lists), for telling whether a font
# may have been installed since a family was found missing.
_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/X11R6/lib/X11/fonts/TTF", "/usr/X11/lib/X11/fonts",
                 "/usr/lib/openoffice/share/fonts/truetype", "~/.local/share/fonts", "~/.fonts", "/Library/Fonts",
                 "/Network/Library/Fonts", "/System/Library/Fonts", "/opt/local/share/fonts", "~/Library/Fonts",
                 "~/AppData/Local/Microsoft/Windows/Fonts", "~/AppData/Roaming/Microsoft/Windows/Fonts")


def _font_folders_stamp() -> list[int]:
    """How many font folders (and subfolders) there are and the latest time one changed: installing or removing a
    font changes its folder's time."""
    count, latest = 0, 0
    for top in (os.path.join(os.environ.get("XDG_DATA_HOME", "~/.local/share"), "fonts"), *_FONT_FOLDERS,
                os.path.join(os.environ.get("WINDIR", "C:/Windows"), "Fonts")):
        for folder, _dirs, _files in os.walk(os.path.expanduser(top)):
            try:
                latest = max(latest, os.stat(folder).st_mtime_ns)
            except OSError:
                continue
            count += 1
    return [count, latest]
