"""Add slides and notes slides in constant time each.

python-pptx names each new part by searching every part already in the package, so adding a slide costs more the
bigger the deck; it also clones the layout's placeholders shape by shape. Here part numbers are counted once and
each layout's (and the notes master's) starting XML is built once and copied.
"""

from __future__ import annotations

import copy
import hashlib
import re

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart


class SlideAdder:
    """Adds slides (with their notes slides) to one Presentation."""

    def __init__(self, prs):
        self.prs = prs
        self.package = prs.part.package
        numbers = _part_numbers(self.package)
        self._next = {"slide": numbers.get("slide", 0) + 1, "notesSlide": numbers.get("notesSlide", 0) + 1}
        self._slide_xml: dict[str, object] = {}
        self._notes_xml = None
        self._notes_master = None
        self._id_list = prs.slides._sldIdLst
        self._next_id = max([255] + [int(i) for i in self._id_list.xpath("./p:sldId/@id")]) + 1

    def _partname(self, kind: str, folder: str) -> PackURI:
        number = self._next[kind]
        self._next[kind] += 1
        return PackURI(f"/ppt/{folder}/{kind}{number}.xml")

    def add_slide(self, layout):
        """A new slide at the end of the deck with the layout's placeholders, and an empty notes slide."""
        key = layout.part.partname
        if key not in self._slide_xml:
            self._slide_xml[key] = self._starting_slide(layout)
        part = SlidePart(self._partname("slide", "slides"), CT.PML_SLIDE, self.package,
                         copy.deepcopy(self._slide_xml[key]))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        # python-pptx's relate_to and add_sldId look through every slide already there: add directly instead.
        rId = self.prs.part.rels._add_relationship(RT.SLIDE, part)
        self._id_list._add_sldId(id=self._next_id, rId=rId)
        self._next_id += 1
        self._add_notes(part)
        return part.slide

    def _starting_slide(self, layout):
        """The slide XML python-pptx would make for this layout, built once by python-pptx itself."""
        probe = SlidePart.new(PackURI("/ppt/slides/probe.xml"), self.package, layout.part)
        probe.slide.shapes.clone_layout_placeholders(layout)
        probe.drop_rel(probe.relate_to(layout.part, RT.SLIDE_LAYOUT))
        return probe._element

    def _add_notes(self, slide_part) -> None:
        if self._notes_master is None:
            self._notes_master = self.prs.part.notes_master_part  # found (or made) once: the lookup scans every slide
        master_part = self._notes_master
        if self._notes_xml is None:
            probe = NotesSlidePart(PackURI("/ppt/notesSlides/probe.xml"), CT.PML_NOTES_SLIDE, self.package,
                                   CT_NotesSlide.new())
            probe.notes_slide.clone_master_placeholders(master_part.notes_master)
            self._notes_xml = probe._element
        part = NotesSlidePart(self._partname("notesSlide", "notesSlides"), CT.PML_NOTES_SLIDE, self.package,
                              copy.deepcopy(self._notes_xml))
        part.relate_to(master_part, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)


_IMAGE_TYPES = {"png": CT.PNG, "jpg": CT.JPEG}


class ImageAdder:
    """Adds picture parts to one Presentation without opening the pictures (python-pptx opens each with Pillow to
    learn its format, which the build already knows) and without searching the package for a free part name."""

    def __init__(self, prs):
        self.package = prs.part.package
        numbers = [int(match[1]) for part in self.package.iter_parts()
                   for match in [re.fullmatch(r"/ppt/media/image(\d+)\.\w+", str(part.partname))] if match]
        self._next = max(numbers, default=0) + 1
        self._by_digest: dict[str, ImagePart] = {}

    def part(self, blob: bytes, filename: str | None = None) -> ImagePart:
        """The image part holding these PNG or JPEG bytes (one part however often the picture is shown)."""
        ext = "png" if blob.startswith(b"\x89PNG") else "jpg" if blob.startswith(b"\xff\xd8") else ""
        if not ext:
            raise ValueError("a picture the build made is neither PNG nor JPEG")
        digest = hashlib.sha1(blob).hexdigest()
        if digest not in self._by_digest:
            partname = PackURI(f"/ppt/media/image{self._next}.{ext}")
            self._next += 1
            self._by_digest[digest] = ImagePart(partname, _IMAGE_TYPES[ext], self.package, blob,
                                                filename or f"image.{ext}")
        return self._by_digest[digest]


def _part_numbers(package) -> dict[str, int]:
    """The highest number used by existing slide and notes-slide parts (a template may already hold slides)."""
    found: dict[str, int] = {}
    for part in package.iter_parts():
        match = re.fullmatch(r"/ppt/(?:slides|notesSlides)/(slide|notesSlide)(\d+)\.xml", str(part.partname))
        if match:
            found[match[1]] = max(found.get(match[1], 0), int(match[2]))
    return found
