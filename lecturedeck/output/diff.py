"""What changed between two built decks, slide by slide, matched by the slide ids the builder writes into each deck:
slides added, removed and moved, and for each changed slide its title, body and notes, old and new, with a
word-level diff."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .readback import SlideText

FIELDS = ("title", "body", "other", "notes")
_WORDS = re.compile(r"\s+|[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]+")


@dataclass
class FieldChange:
    """One field of a slide, before and after (lists of paragraphs; the title is one)."""

    name: str
    old: list[str]
    new: list[str]

    def as_dict(self) -> dict:
        """The change for JSON, with its word-level diff."""
        return {"old": self.old, "new": self.new, "words": words("\n".join(self.old), "\n".join(self.new))}


@dataclass
class SlideChange:
    """A slide that was added, removed, moved or changed (`moved` may come with field changes too)."""

    id: str
    status: str  # added, removed, moved, changed
    old_number: int | None
    new_number: int | None
    fields: list[FieldChange] = field(default_factory=list)
    old: SlideText | None = None
    new: SlideText | None = None

    def as_dict(self) -> dict:
        """The slide's change for JSON."""
        shown = self.new or self.old
        return {"id": self.id, "status": self.status, "old_number": self.old_number, "new_number": self.new_number,
                "title": shown.title if shown else "",
                "changes": {change.name: change.as_dict() for change in self.fields}}


def compare(old: list[SlideText], new: list[SlideText]) -> list[SlideChange]:
    """Every slide that differs, in the new deck's order (removed slides where they stood in the old one)."""
    old_by_id = {slide.id: slide for slide in old}
    new_by_id = {slide.id: slide for slide in new}
    common_old = [slide.id for slide in old if slide.id in new_by_id]
    common_new = [slide.id for slide in new if slide.id in old_by_id]
    matcher = difflib.SequenceMatcher(a=common_old, b=common_new, autojunk=False)
    in_place = {common_new[j] for a, j, size in matcher.get_matching_blocks() for j in range(j, j + size)}
    changes: list[SlideChange] = []
    for slide in new:
        before = old_by_id.get(slide.id)
        if before is None:
            changes.append(SlideChange(slide.id, "added", None, slide.number, new=slide))
            continue
        fields = field_changes(before, slide)
        moved = slide.id not in in_place
        if moved or fields:
            changes.append(SlideChange(slide.id, "moved" if moved else "changed", before.number, slide.number, fields,
                                       before, slide))
    for slide in old:
        if slide.id not in new_by_id:
            at = next((i for i, c in enumerate(changes) if c.new_number and c.old_number and c.old_number > slide.number),
                      len(changes))
            changes.insert(at, SlideChange(slide.id, "removed", slide.number, None, old=slide))
    return changes


def field_changes(old: SlideText, new: SlideText) -> list[FieldChange]:
    """The fields whose text differs between two versions of a slide."""
    out = []
    for name in FIELDS:
        before, after = _field(old, name), _field(new, name)
        if before != after:
            out.append(FieldChange(name, before, after))
    return out


def _field(slide: SlideText, name: str) -> list[str]:
    value = getattr(slide, name)
    if name == "title":
        return [value] if value else []
    if name == "body":
        return ["  " * level + text for level, text in value]
    return list(value)


def words(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff as (op, text) pieces: op is '=' kept, '-' removed, '+' added (CJK compared per character)."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return out


def report_lines(changes: list[SlideChange]) -> list[list[tuple[str, str]]]:
    """The changes as lines for a terminal, each a list of (text, style) pieces; style is '', 'head', '-' or '+'.
    Removed words are also marked [-like this-] and added ones {+like this+}, so the diff reads without colour."""
    lines: list[list[tuple[str, str]]] = []
    for change in changes:
        number = change.new_number or change.old_number
        slide = change.new or change.old
        title = slide.title if slide else ""
        where = {"added": f"added as slide {change.new_number}", "removed": f"removed (was slide {change.old_number})",
                 "moved": f"moved from slide {change.old_number} to {change.new_number}",
                 "changed": f"slide {number}"}[change.status]
        lines.append([(f"{change.id}: {where}" + (f" — {title}" if title and change.status != "changed" else ""), "head")])
        for field_change in change.fields:
            lines += _field_lines(field_change)
    counts = {status: sum(c.status == status for c in changes) for status in ("changed", "added", "removed", "moved")}
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n) or "no slide changed"
    lines.append([(summary, "head")])
    return lines


def _field_lines(change: FieldChange) -> list[list[tuple[str, str]]]:
    out = []
    label = f"  {change.name}: "
    matcher = difflib.SequenceMatcher(a=change.old, b=change.new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = change.old[i1:i2], change.new[j1:j2]
        if op == "replace" and len(olds) == len(news):
            for before, after in zip(olds, news):
                line = [(label, "")]
                for kind, text in words(before, after):
                    line.append((text, "") if kind == "=" else
                                (f"[-{text}-]", "-") if kind == "-" else (f"{{+{text}+}}", "+"))
                out.append(line)
            continue
        out += [[(label, ""), (f"[-{text}-]", "-")] for text in olds]
        out += [[(label, ""), (f"{{+{text}+}}", "+")] for text in news]
    return out
