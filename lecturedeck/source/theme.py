"""The theme: colours, fonts per language, type sizes and the slide grid, with overrides from theme.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..files import not_a_file
from .fields import Reader
from ..problems import DeckError, Problem, describe
from .yamlsource import load_yaml

THEME_FILE = Path("theme") / "theme.yaml"
MEASURED_FONTS = ("Calibri",)  # Latin fonts the shipped Carlito measures exactly (metric-compatible)
_HEX = "0123456789ABCDEF"


@dataclass(frozen=True)
class Colors:
    """The theme's colours as RRGGBB (assets/theme/theme.yaml may override them)."""

    ink: str = "1F2A36"
    muted: str = "5B6770"
    accent: str = "A4262C"
    accent2: str = "2F5D8A"
    shade: str = "F3D9B1"
    grid: str = "D9D4CC"
    background: str = "FFFFFF"
    on_dark: str = "FFFFFF"
    on_dark_soft: str = "F6E3E3"
    band: str = "F4F1EC"  # every other body row of a table


@dataclass(frozen=True)
class LocaleFonts:
    """Everything a language needs from fonts, in one place."""

    lang: str
    latin: str
    east_asian: str
    chart_fonts: tuple[str, ...]
    chart_required: tuple[str, ...] = ()  # system fonts the locale's charts cannot be drawn without


@dataclass(frozen=True)
class Theme:
    """Colours, fonts per locale, type sizes and the slide grid."""

    colors: Colors = field(default_factory=Colors)
    # Font names written into the deck (they exist on students' machines); measurement uses metric-compatible files.
    fonts: dict[str, LocaleFonts] = field(default_factory=lambda: {
        "en": LocaleFonts("en-US", "Calibri", "Microsoft JhengHei", ("Carlito", "DejaVu Sans", "Noto Sans CJK TC")),
        "zh_Hant": LocaleFonts("zh-TW", "Calibri", "Microsoft JhengHei",
                               ("Noto Sans CJK TC", "Noto Sans CJK JP", "DejaVu Sans"), ("Noto Sans CJK TC",)),
        "zh_Hans": LocaleFonts("zh-CN", "Calibri", "Microsoft YaHei",
                               ("Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"), ("Noto Sans CJK SC",)),
    })
    title_sizes: tuple[int, ...] = (34, 32, 30, 28)
    body_sizes: tuple[int, ...] = (26, 24, 22, 20)
    quote_sizes: tuple[int, ...] = (40, 36, 32, 30, 28, 26, 24, 22, 20)  # a quotation, down to the body minimum
    dense_sizes: tuple[int, ...] = (24, 22, 20, 18, 16)  # table cells and timeline events: many short texts
    caption_size: int = 16
    footer_size: int = 12
    source_size: int = 12
    # Grid in inches on a 13.333 x 7.5 (16:9) slide.
    width: float = 13.333
    height: float = 7.5
    margin: float = 0.6
    title_top: float = 0.3
    title_height: float = 1.2
    content_top: float = 1.75
    content_bottom: float = 6.8
    footer_top: float = 6.98
    footer_height: float = 0.34
    gutter: float = 0.4
    chart_dpi: int = 200

    def locale_fonts(self, locale: str) -> LocaleFonts:
        """The fonts for a locale: configured above, or derived from what Babel knows of it (a new locale needs no
        code: its language tag from CLDR's likely region, East Asian fonts by script)."""
        if locale in self.fonts:
            return self.fonts[locale]
        return derive_fonts(locale, self.fonts)

    @property
    def content_width(self) -> float:
        """Width of the content area in inches."""
        return self.width - 2 * self.margin

    @property
    def content_height(self) -> float:
        """Height of the content area in inches."""
        return self.content_bottom - self.content_top


# East Asian fonts for scripts the table above does not name: (font on students' machines, Noto CJK family).
_SCRIPT_FONTS = {"Jpan": ("Yu Gothic", "Noto Sans CJK JP"), "Kore": ("Malgun Gothic", "Noto Sans CJK KR")}


def derive_fonts(locale: str, known: dict[str, LocaleFonts]) -> LocaleFonts:
    """Fonts and language tag for a locale without its own entry: zh_Hant_HK borrows zh_Hant's fonts, ja gets
    Japanese ones, anything else English fonts; the tag comes from CLDR's likely subtags (fr -> fr-FR)."""
    from babel import Locale, UnknownLocaleError  # only a locale the table lacks needs CLDR's data
    from babel.core import get_global

    try:
        parsed = Locale.parse(locale)
    except (ValueError, TypeError, UnknownLocaleError):
        return known["en"]
    likely = get_global("likely_subtags").get(str(parsed), get_global("likely_subtags").get(parsed.language, ""))
    subtags = likely.split("_")[1:]  # e.g. ja_Jpan_JP: Babel's Locale drops a default script, so read the tags
    territory = parsed.territory or next((t for t in subtags if len(t) == 2 or t.isdigit()), None)
    lang = f"{parsed.language}-{territory}" if territory else parsed.language
    script = parsed.script or next((t for t in subtags if len(t) == 4), None)
    base = known.get(f"{parsed.language}_{script}") or known["en"]
    if script in _SCRIPT_FONTS:
        east_asian, noto = _SCRIPT_FONTS[script]
        return LocaleFonts(lang, base.latin, east_asian, (noto, *known["en"].chart_fonts), (noto,))
    return replace(base, lang=lang)


def load_theme(assets_dir: Path, template: Path | None = None) -> Theme:
    """The default theme with the colours and sizes that assets/theme/theme.yaml overrides, its grid on the slide
    size of an institution's template when there is one."""
    path = assets_dir / THEME_FILE
    theme = Theme()
    size = template_slide_size(template) if template is not None else None
    if size is not None:
        theme = on_slide(theme, *size)
    if not path.is_file() and not not_a_file(path):
        return theme
    problems: list[Problem] = []
    top = Reader(path, load_yaml(path), "", problems)
    colors = theme.colors
    if top.has("colors"):
        reader = Reader(path, top.value_node("colors"), "colors", problems)
        names = tuple(Colors.__dataclass_fields__)
        updates = {}
        for name in names:
            value = reader.text(name, required=False).lstrip("#").upper()
            if value and (len(value) != 6 or any(c not in _HEX for c in value)):
                reader.problem(reader.value_node(name), reader.path(name),
                               f"not a colour (expected a hex colour like A4262C, got {describe(value)})")
            elif value:
                updates[name] = value
        reader.finish(names)
        colors = replace(colors, **updates)
    latin = top.text("latin_font", required=False)
    if latin and latin not in MEASURED_FONTS:
        top.problem(top.value_node("latin_font"), "latin_font",
                    f"no metrics to measure this font with (expected one of {', '.join(MEASURED_FONTS)}, got "
                    f"{describe(latin)}: text is fitted with Carlito, whose metrics are Calibri's)")
    top.finish(("colors", "latin_font"))
    if problems:
        raise DeckError(problems)
    fonts = theme.fonts
    if latin:
        fonts = {key: replace(value, latin=latin) for key, value in fonts.items()}
    return replace(theme, colors=colors, fonts=fonts)


def template_slide_size(template: Path) -> tuple[float, float] | None:
    """A .pptx file's slide size in inches, read from its presentation.xml (None when it cannot be read: opening
    the template reports why)."""
    import zipfile

    try:
        with zipfile.ZipFile(template) as package:
            xml = package.read("ppt/presentation.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    found = re.search(r"<p:sldSz\b[^>]*?\bcx=\"(\d+)\"[^>]*?\bcy=\"(\d+)\"", xml)
    if found is None or not int(found[1]) or not int(found[2]):
        return None
    return round(int(found[1]) / 914400, 3), round(int(found[2]) / 914400, 3)


def on_slide(theme: Theme, width: float, height: float) -> Theme:
    """The theme's grid on a slide of another size: widths follow the slide's width (margins stay), heights scale
    with its height."""
    if (width, height) == (theme.width, theme.height):
        return theme
    scale = height / theme.height
    return replace(theme, width=width, height=height, **{name: round(getattr(theme, name) * scale, 3) for name in (
        "title_top", "title_height", "content_top", "content_bottom", "footer_top", "footer_height")})
