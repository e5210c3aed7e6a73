"""Translation memory: which old catalog entry, if any, gives each current string its translation.

One function, `match`, used by `i18n update` to rewrite a catalog and by every build to look texts up, so a build
shows exactly what the catalog would hold after an update. For each current string (ID, English), in this order
over all strings:

1. the entry with the same ID and the same English: its translation (fuzzy if the entry is);
2. else an entry anywhere in the same scope, live or obsolete, with exactly the same English (one not used yet,
   translated, of the same slide and nearest in position first): its translation, not fuzzy (so inserting,
   deleting or reordering bullets or paragraphs keeps every translation);
3. else the translated entry with the same ID and other English, if no string took it in 1 or 2: its
   translation, stale;
4. else the most similar unused entry of the same slide (difflib ratio at least 0.7): its translation, stale;
5. else untranslated.

A stale translation was made for other English: `update` keeps it marked fuzzy with that English as `#| msgid`;
a build shows the English. Scopes: a chart script's texts match only that script's entries, the pipeline's own
texts (`ui.*`, `term.*`) only theirs, the outline's texts the outline's. An old entry holding a whole speaker note
whose English and translation have the same number of lines is also a memory of line pairs (`ID[i]`), so catalogs
from before notes were split per paragraph keep every paragraph's translation.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .po import PoCatalog, PoEntry

SIMILAR = 0.7  # difflib ratio from which an edited English is taken for the old one

TRANSLATED, FUZZY, STALE, UNTRANSLATED = "translated", "fuzzy", "stale", "untranslated"


@dataclass(frozen=True)
class Found:
    """What the memory gives one current string."""

    key: str
    english: str
    state: str  # translated, fuzzy (marked so in the catalog), stale (made for other English) or untranslated
    translation: str = ""
    entry: PoEntry | None = None  # the catalog entry it came from (the whole note for a paragraph of one)
    previous: str | None = None  # the English the translation was made for, when fuzzy or stale
    previous_context: str | None = None  # the ID it was made for, when another


@dataclass
class _Item:
    key: str
    msgid: str
    msgstr: str
    entry: PoEntry
    position: int
    parent: int | None = None  # index of the whole entry, for a line of a whole note


def scope_of(key: str) -> str:
    """Which texts a string may take a translation from: its chart script's, the pipeline's or the outline's."""
    head, _, rest = key.partition(".")
    if head == "chart":
        return f"chart.{rest.partition('.')[0]}"
    return "pipeline" if head in ("ui", "term") else "deck"


def slide_of(key: str) -> str:
    """The slide (or part, or `deck`, `ui`, `term`, `chart.<script>`) an ID belongs to."""
    scope = scope_of(key)
    return scope if scope.startswith("chart.") else key.partition(".")[0]


def match(strings: list[tuple[str, str]], catalog: PoCatalog | None) -> tuple[dict[str, Found], list[PoEntry]]:
    """For each (ID, English), what the catalog gives it; and the catalog entries no string used, in file order."""
    items = _items(catalog)
    by_key: dict[str, list[int]] = {}
    by_english: dict[tuple[str, str], list[int]] = {}
    by_slide: dict[tuple[str, str], list[int]] = {}
    for index, item in enumerate(items):
        by_key.setdefault(item.key, []).append(index)
        by_english.setdefault((scope_of(item.key), item.msgid), []).append(index)
        by_slide.setdefault((scope_of(item.key), slide_of(item.key)), []).append(index)
    used: set[int] = set()
    found: dict[str, Found] = {}
    order = [(position, key, english) for key, english, position in _positioned(strings)]

    def take(index: int) -> _Item:
        item = items[index]
        used.add(index)
        if item.parent is not None:
            used.add(-1 - item.parent)  # the whole note can no longer be taken as a whole
        return item

    def free(index: int) -> bool:
        item = items[index]
        if index in used or -1 - index in used:
            return False
        return item.parent is None or item.parent not in used

    for _position, key, english in order:  # 1. same ID, same English
        same = next((i for i in by_key.get(key, ()) if items[i].msgid == english and free(i)), None)
        if same is not None:
            item = take(same)
            entry = item.entry
            state = FUZZY if entry.fuzzy and item.msgstr else TRANSLATED if item.msgstr else UNTRANSLATED
            found[key] = Found(key, english, state, item.msgstr, entry, _previous(item) if state == FUZZY else None)
    for position, key, english in order:  # 2. the same English elsewhere
        if key in found:
            continue
        candidates = by_english.get((scope_of(key), english), [])
        if not candidates:
            continue
        best = min(candidates, key=lambda i: (not free(i), not items[i].msgstr, items[i].entry.fuzzy,
                                              slide_of(items[i].key) != slide_of(key), abs(items[i].position - position)))
        if not free(best) and not items[best].msgstr:
            continue
        item = take(best)
        if not item.msgstr:
            found[key] = Found(key, english, UNTRANSLATED, "", item.entry)
        elif item.entry.fuzzy:
            found[key] = Found(key, english, FUZZY, item.msgstr, item.entry, _previous(item),
                               item.key if item.key != key else None)
        else:
            found[key] = Found(key, english, TRANSLATED, item.msgstr, item.entry)
    for _position, key, english in order:  # 3. same ID, other English
        if key in found:
            continue
        same = next((i for i in by_key.get(key, ()) if free(i) and items[i].msgstr), None)
        if same is not None:
            item = take(same)
            found[key] = Found(key, english, STALE, item.msgstr, item.entry, _previous(item))
    for position, key, english in order:  # 4. similar English on the same slide
        if key in found:
            continue
        scored = [(difflib.SequenceMatcher(None, items[index].msgid, english, autojunk=False).ratio(),
                   -abs(items[index].position - position), index)
                  for index in by_slide.get((scope_of(key), slide_of(key)), ()) if items[index].msgstr and free(index)]
        closest = max((s for s in scored if s[0] >= SIMILAR), default=(0, 0, None))[2]
        if closest is not None:
            item = take(closest)
            found[key] = Found(key, english, STALE, item.msgstr, item.entry, _previous(item),
                               item.key if item.key != key else None)
        else:
            found[key] = Found(key, english, UNTRANSLATED)
    return {key: found[key] for key, _english in strings}, _unused(items, used)


def _positioned(strings: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Each string with its position among the strings of its scope (so chart texts, which a build matches after
    drawing, do not shift the outline's positions)."""
    seen: dict[str, int] = {}
    out = []
    for key, english in strings:
        scope = scope_of(key)
        out.append((key, english, seen.get(scope, 0)))
        seen[scope] = seen.get(scope, 0) + 1
    return out


def _previous(item: _Item) -> str:
    """The English a translation was made for: what `#| msgid` says when the entry is fuzzy, else its msgid."""
    if item.entry.fuzzy and item.entry.previous is not None:
        if item.parent is None:
            return item.entry.previous
        lines = [line.strip() for line in item.entry.previous.split("\n") if line.strip()]
        index = int(item.key.rsplit("[", 1)[1].rstrip("]"))
        if len(lines) == len([line for line in item.entry.msgid.split("\n") if line.strip()]):
            return lines[index]
    return item.msgid


def _items(catalog: PoCatalog | None) -> list[_Item]:
    """Every entry of the catalog, live then obsolete, as memory items; a whole note's line pairs after it."""
    if catalog is None:
        return []
    items: list[_Item] = []
    seen: dict[str, int] = {}
    for entry in [*catalog.entries, *catalog.obsolete]:
        if entry.context is None:
            continue
        scope = scope_of(entry.context)
        position = seen[scope] = seen.get(scope, -1) + 1  # position among the entries of its scope
        whole = len(items)
        items.append(_Item(entry.context, entry.msgid, entry.msgstr, entry, position))
        english = [line.strip() for line in entry.msgid.split("\n") if line.strip()]
        translated = [line.strip() for line in entry.msgstr.split("\n") if line.strip()]
        if len(english) > 1 and len(english) == len(translated):
            items.extend(_Item(f"{entry.context}[{i}]", e, t, entry, position, whole)
                         for i, (e, t) in enumerate(zip(english, translated)))
    return items


def _unused(items: list[_Item], used: set[int]) -> list[PoEntry]:
    """Entries no string used: neither taken whole nor in every one of their lines."""
    out = []
    for index, item in enumerate(items):
        if item.parent is not None or index in used:
            continue
        lines = [i for i, other in enumerate(items) if other.parent == index]
        if lines and all(i in used for i in lines):
            continue
        if lines and -1 - index in used and any(i in used for i in lines):
            continue  # some paragraphs moved to their own entries; the rest of the note was deleted
        out.append(item.entry)
    return out
