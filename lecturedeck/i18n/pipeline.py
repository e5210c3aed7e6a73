"""The pipeline's own texts translated inside the package (`i18n/catalogs/<locale>.po`): used for every deck in that
locale unless the deck's own catalog overrides a text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .po import PoCatalog, PoEntry, parse
from .strings import UI_STRINGS
from .validate import entry_problems

CATALOGS = Path(__file__).resolve().parent / "catalogs"
TEMPLATE = CATALOGS / "pipeline.pot"


def candidates(locale: str) -> list[str]:
    """The locale, then each shorter form of it: zh_Hant_HK, zh_Hant, zh; pt_BR, pt."""
    parts = locale.split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


@lru_cache(maxsize=None)
def package_catalog(locale: str) -> PoCatalog | None:
    """The package's catalog for a locale or the nearest shorter form of it, None when it ships none."""
    for code in candidates(locale):
        path = CATALOGS / f"{code}.po"
        if path.is_file():
            return parse(path.read_bytes(), path)
    return None


def package_entry(locale: str, key: str) -> PoEntry | None:
    """The package's usable translation of a pipeline text for a locale: translated, reviewed, made for the
    current English and keeping its placeholders."""
    catalog = package_catalog(locale)
    if catalog is None or key not in UI_STRINGS:
        return None
    entry = catalog.by_id().get(key)
    if entry is None or not entry.msgstr or entry.fuzzy or entry.msgid != UI_STRINGS[key][0] or entry_problems(entry):
        return None
    return entry


def deck_keys(locale: str, catalog: PoCatalog | None) -> list[str]:
    """The pipeline texts a deck's catalog for `locale` holds: those the package cannot translate for it, and those
    the catalog overrides (has a live entry for), in UI_STRINGS order."""
    live = catalog.by_id() if catalog is not None else {}
    return [key for key in UI_STRINGS if key in live or package_entry(locale, key) is None]
