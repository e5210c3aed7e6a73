"""kind: image — named picture slots with captions and credits, optionally with bullets beside one picture."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..render import grid
from ..source.fields import Reader, read_bullets
from ..source.model import Bullet, FileRef, ImageSlot, Slide, map_bullets, register
from ..problems import describe, display_path
from ..source.yamlsource import line_of

SLOT_KEYS = ("slot", "file", "aspect", "alt", "caption", "credit")
MAX_SLOTS = 4
ASPECT = re.compile(r"^(\d{1,3}):(\d{1,3})$")
CAPTION_HEIGHT = 0.85
TEXT_SHARE = 0.44


@register
@dataclass(frozen=True)
class ImageSlide(Slide):
    """Named picture slots with captions and credits, optionally with bullets beside one picture."""

    kind = "image"
    layout = "Title Only"
    keys = ("images", "text")

    id: str
    title: str
    notes: str
    images: tuple[ImageSlot, ...]
    text: tuple[Bullet, ...] = ()

    @classmethod
    def read(cls, r, sid, title, notes):
        """1-4 slots, and bullets beside a single one."""
        slots = tuple(_slot(Reader(r.file, node, where, r.problems, r.lines), sid) for where, node in r.items("images"))
        if len(slots) > MAX_SLOTS:
            r.problem(r.value_node("images"), r.path("images"), f"too many images (expected at most {MAX_SLOTS}, got {len(slots)})")
        text = read_bullets(r, "text", f"{sid}.text", required=False)
        if text and len(slots) > 1:
            r.problem(r.value_node("text"), r.path("text"), "text beside pictures needs a single image (expected 1 image, "
                      f"got {len(slots)})")
        return cls(sid, title, notes, tuple(s for s in slots if s), text)

    def map_texts(self, fn, parts=None):
        """Title, notes, each slot's alt text, caption and credit, then the bullets beside the picture."""
        slide = super().map_texts(fn, parts)
        images = tuple(replace(slot, **{name: fn(f"{self.id}.{slot.slot}.{name}", getattr(slot, name))
                                        for name in ("alt", "caption", "credit") if getattr(slot, name)})
                       for slot in self.images)
        return replace(slide, images=images, text=map_bullets(f"{self.id}.text", self.text, fn))

    def files(self):
        """Each slot's picture, under the assets folder (a missing one becomes a placeholder)."""
        return [FileRef(f"{self.id}.{slot.slot}.file", "assets", slot.file, False) for slot in self.images]

    def slots(self):
        """The picture slots."""
        return self.images

    def slot_sizes(self, theme):
        """Each slot's size in inches."""
        return [(box[2], box[3]) for box, _caption in self.boxes(theme)]

    def credits(self, number, shown):
        """A line for each picture shown that has a credit."""
        return [("ui.credit-picture", {"number": str(number), "what": slot.caption or self.title, "credit": slot.credit})
                for slot in self.images if shown(slot) and slot.credit]

    def boxes(self, theme) -> list[tuple[grid.Box, grid.Box | None]]:
        """For each slot: the slot's box (its aspect, centred in its column) and its caption box, if any."""
        left, top, width, height = grid.content_box(theme)
        if self.text:
            shift = width * TEXT_SHARE + theme.gutter / 2
            left, width = left + shift, width - shift
        count = len(self.images)
        column = (width - theme.gutter * (count - 1)) / count
        out = []
        for index, slot in enumerate(self.images):
            x = left + index * (column + theme.gutter)
            has_caption = bool(slot.caption or slot.credit)
            picture_height = height - (CAPTION_HEIGHT if has_caption else 0)
            box = grid.fit(slot.aspect[0] / slot.aspect[1], (x, top, column, picture_height))
            box = (box[0], top, box[2], box[3])  # slots hang from the top of the content area
            caption = (x, top + box[3] + 0.08, column, CAPTION_HEIGHT - 0.08) if has_caption else None
            out.append((box, caption))
        return out

    def render(self, canvas) -> None:
        """The title, the bullets beside a single picture, then each picture (or its placeholder) and caption."""
        theme = canvas.theme
        canvas.title(self.title)
        canvas.rule()
        if self.text:
            left, top, width, height = grid.content_box(theme)
            box = (left, top, width * TEXT_SHARE - theme.gutter / 2, height)
            shape = canvas.textbox(box, "Text")
            canvas.bullets("text", shape.text_frame, self.text, box)
        for slot, (box, caption_box) in zip(self.images, self.boxes(theme)):
            picture = canvas.resolved.pictures.get(slot.slot)
            if picture is None:
                canvas.image_placeholder(slot, box)
                bottom = box[1] + box[3]
            else:
                inner = grid.fit(picture.width / picture.height, box)
                canvas.picture(picture.data, inner, f"Picture: {slot.slot}", slot.alt)
                bottom = inner[1] + inner[3]
            if caption_box:
                canvas.caption(slot, (caption_box[0], bottom + 0.08, caption_box[2], caption_box[3]))


def _slot(r: Reader, sid: str) -> ImageSlot | None:
    if not r.ok:
        return None
    name = r.word_id("slot")
    aspect_text = r.text("aspect")
    aspect = (4, 3)
    if aspect_text:
        match = ASPECT.match(aspect_text)
        if match and int(match[1]) > 0 and int(match[2]) > 0:
            aspect = (int(match[1]), int(match[2]))
        else:
            r.problem(r.value_node("aspect"), r.path("aspect"),
                      f"not an aspect ratio (expected width:height such as 4:3, got {describe(aspect_text)})")
    rec = lambda field: f"{sid}.{name}.{field}"  # noqa: E731
    seen = r.lines.get(f"@slot:{name}")
    if name and seen:
        r.problem(r.value_node("slot"), r.path("slot"),
                  f"image slot name used twice (first at {display_path(seen[0])}:{seen[1]})")
    elif name:
        r.lines[f"@slot:{name}"] = (r.file, line_of(r.value_node("slot")))
    slot = ImageSlot(
        slot=name,
        file=r.text("file", record=f"@{sid}.{name}.file"),
        aspect=aspect,
        alt=r.text("alt", record=rec("alt")),
        caption=r.text("caption", required=False, record=rec("caption")),
        credit=r.text("credit", required=False, record=rec("credit")),
    )
    r.finish(SLOT_KEYS)
    return slot
