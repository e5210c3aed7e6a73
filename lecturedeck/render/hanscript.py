"""Which Chinese script a run of Han characters is written in, from the characters only one script has (a table
made from OpenCC's, in data/han_scripts.txt), so Chinese inside a deck of another language is tagged zh-CN or zh-TW."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "han_scripts.txt"
SIMPLIFIED, TRADITIONAL = "zh_Hans", "zh_Hant"


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        elif current is not None:
            current.append(line.strip())
    return frozenset("".join(sections["simplified"])), frozenset("".join(sections["traditional"]))


def han_script(text: str) -> str | None:
    """zh_Hans or zh_Hant when the text's script-specific characters say so (more of one than of the other), None
    when they do not (no such characters, or as many of each)."""
    simplified, traditional = _tables()
    s = sum(1 for char in text if char in simplified)
    t = sum(1 for char in text if char in traditional)
    if s == t:
        return None
    return SIMPLIFIED if s > t else TRADITIONAL
