"""Package lint for what validators miss: shape ids, the notes master list, escaped control characters, links."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections import Counter

from lxml import etree

from .findings import Built, Finding

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_SLIDE = re.compile(r"^ppt/slides/slide(\d+)\.xml$")


def _slide_number(built: Built, member: str) -> int | None:
    """The position of a slide part in the deck (parts are numbered in slide order by the builder)."""
    match = _SLIDE.match(member)
    return int(match[1]) if match else None


def check_package(built: Built) -> list[Finding]:
    """Unique shape ids per slide, p:notesMasterIdLst when there are notes, no literal _xHHHH_ escapes, and every
    relationship pointing at a part that exists."""
    found: list[Finding] = []
    with zipfile.ZipFile(built.path) as package:
        names = set(package.namelist())
        for member in sorted(names):
            if not member.endswith(".xml") and not member.endswith(".rels"):
                continue
            root = etree.fromstring(package.read(member))
            number = _slide_number(built, member)
            if number:
                ids = Counter(el.get("id") for el in root.iter(f"{{{P}}}cNvPr"))
                for shape_id, count in ids.items():
                    if count > 1:
                        found.append(built.finding("package.shape-ids", f"shape id {shape_id} used {count} times "
                                                                        "(expected unique ids on a slide)", slide=number))
            for text in root.iter(f"{{{A}}}t"):
                escaped = _ESCAPE.search(text.text or "")
                if escaped:
                    found.append(built.finding("package.escapes", f"{member}: literal {escaped.group()} in text "
                                                                  "(expected the character or nothing: a control character "
                                                                  "reached the deck)", slide=number))
            if member.endswith(".rels"):
                found += _dangling(built, member, root, names)
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        has_notes = any(n.startswith("ppt/notesMasters/") for n in names)
        if has_notes and presentation.find(f"{{{P}}}notesMasterIdLst") is None:
            found.append(built.finding("package.notes-master", "ppt/presentation.xml has no p:notesMasterIdLst "
                                                               "(expected it: without it Keynote drops the speaker notes)"))
    return found


def _dangling(built: Built, member: str, root, names: set[str]) -> list[Finding]:
    folder = posixpath.dirname(posixpath.dirname(member))  # ppt/slides/_rels/x.rels -> ppt/slides
    out = []
    for rel in root.iter(f"{{{REL}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        if path not in names:
            out.append(built.finding("package.relationships", f"{member}: {rel.get('Id')} points at {target} "
                                                              "(expected a part that exists in the package)"))
    return out
