"""kind: image — named picture slots with captions and credits, optionally with bullets beside one picture."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..render import grid, quality
from ..render.canvas import CAPTION_SPACING, INSET
from ..render.textfit import Measurer, text_height
from ..source.fields import Reader, read_bullets
from ..source.markup import parse
from ..source.model import PLACEHOLDER_ASPECT, Bullet, FileRef, ImageSlot, Slide, map_bullets, register
from ..problems import describe, display_path
from ..source.yamlsource import line_of

SLOT_KEYS = ("slot", "file", "aspect", "alt", "caption", "credit")
MAX_SLOTS = 4
ASPECT = re.compile(r"^(\d{1,3}):(\d{1,3})$")
AUTO = "auto"
CAPTION_SIZES = ((16, 14), (14, 12), (12, 12))  # (caption, credit) points, tried in turn
CAPTION_GAP = 0.08  # inches between a picture and its caption
MIN_COLUMN = 3.2  # inches each of several pictures' columns keeps (room allowing), so its caption stays readable
MIN_SINGLE_COLUMN = 6.0  # inches a single picture's caption may use, however narrow the picture
PICTURE_SHARE = (0.5, 0.3)  # the least share of the content height pictures keep: before smaller captions, at all
PICTURE_BESIDE_TEXT = (0.3, 0.6)  # the share of the content width a picture beside text takes, at least and most


@dataclass(frozen=True)
class Placement:
    """Where one slot goes: the slot's box (its aspect, hung from the top of the content area), its caption's box
    (None without caption or credit), the (caption, credit) sizes, and whether they fit."""

    box: grid.Box
    caption: grid.Box | None
    sizes: tuple[int, int]
    fits: bool = True


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

    def slot_sizes(self, theme, aspects):
        """Each slot's size in inches, laid out with these aspects."""
        return [(place.box[2], place.box[3]) for place in self.arrange(theme, aspects)[0]]

    def credits(self, number, shown):
        """A line for each picture shown that has a credit."""
        return [("ui.credit-picture", {"number": str(number), "what": slot.caption or self.title, "credit": slot.credit},
                 f"{self.id}.{slot.slot}.credit")
                for slot in self.images if shown(slot) and slot.credit]

    def arrange(self, theme, aspects: list[float], measurer: Measurer = Measurer()):
        """The slots laid out in the content area with these aspects (width/height), and the box of the text
        beside a single picture (None without text).

        Pictures share one height and hang from the top; each caption box is as tall as its caption and credit
        need, and the pictures give up that room (captions shrink first, down to 12 pt, while pictures keep at least
        half the height). Beside text, the picture's column follows its aspect (a portrait picture leaves the text
        more room)."""
        content = grid.content_box(theme)
        for sizes in CAPTION_SIZES:
            placed, text_box = self._arrange_at(theme, aspects, sizes, content, measurer)
            tallest = max((place.caption[3] for place in placed if place.caption), default=0.0)
            if tallest + CAPTION_GAP <= content[3] * (1 - PICTURE_SHARE[0]):
                return placed, text_box
        # even the smallest captions leave the pictures too little: they get what they may, and say so
        return self._arrange_at(theme, aspects, sizes, content, measurer,
                                most=content[3] * (1 - PICTURE_SHARE[1]) - CAPTION_GAP)

    def _arrange_at(self, theme, aspects, sizes, content, measurer, most: float | None = None):
        left, top, width, height = content
        count = len(self.images)
        captioned = [bool(slot.caption or slot.credit) for slot in self.images]

        def need(index: int, column: float) -> float:
            return _caption_height(self.images[index], sizes, column, measurer) if captioned[index] else 0.0

        text_box = None
        if self.text:  # the picture's column follows its shape, within bounds; the text takes the rest
            low, high = (share * width for share in PICTURE_BESIDE_TEXT)
            full = min(max(height * aspects[0], low), high)  # the column at full height, then less its caption
            column = min(max((height - need(0, full) - CAPTION_GAP) * aspects[0], low), high)
            columns, starts = [column], [left + width - column]
            text_box = (left, top, width - column - theme.gutter, height)
        else:  # columns as wide as the pictures at full height, or shared in proportion to their shapes
            room = width - theme.gutter * (count - 1)
            least = min(MIN_COLUMN if count > 1 else MIN_SINGLE_COLUMN, room / count)
            columns = [max(least, height * a) for a in aspects]
            if sum(columns) > room:
                columns = _shared_columns(aspects, least, room)
            offset = (room - sum(columns)) / 2
            starts = [left + offset + sum(columns[:i]) + theme.gutter * i for i in range(count)]
        wanted = [need(i, c) for i, c in enumerate(columns)]
        needs = [min(n, most) if most is not None else n for n in wanted]
        band = height - (max(needs) + CAPTION_GAP if any(captioned) else 0.0)
        picture_height = min([band] + [c / a for c, a in zip(columns, aspects)])
        placed = []
        for index in range(count):
            w = picture_height * aspects[index]
            caption = None
            if captioned[index]:
                caption = (starts[index], top + picture_height + CAPTION_GAP, columns[index], needs[index])
            placed.append(Placement((starts[index] + (columns[index] - w) / 2, top, w, picture_height), caption, sizes,
                                    fits=wanted[index] <= needs[index]))
        return placed, text_box

    def render(self, canvas) -> None:
        """The title, the bullets beside a single picture, then each picture (or its placeholder) and caption."""
        canvas.title(self.title)
        canvas.rule()
        pictures = [canvas.resolved.pictures.get(slot.slot) for slot in self.images]
        aspects = [slot_aspect(slot, picture) for slot, picture in zip(self.images, pictures)]
        placed, text_box = self.arrange(canvas.theme, aspects, canvas.measurer)
        if self.text:
            canvas.bullets("text", canvas.textbox(text_box, "Text"), self.text, text_box)
        for slot, picture, place in zip(self.images, pictures, placed):
            if picture is None:
                canvas.image_placeholder(slot, place.box)
                bottom = place.box[1] + place.box[3]
            else:
                inner = grid.fit(picture.source_width / picture.source_height, place.box)
                inner = (inner[0], place.box[1], inner[2], inner[3])  # hung from the top, the caption right under it
                canvas.picture(picture.data, inner, f"Picture: {slot.slot}", slot.alt)
                bottom = inner[1] + inner[3]
                shown = display_path(canvas.deck.assets_dir / slot.file)
                for rule, message, at in quality.judge(self.id, slot, picture, inner, shown, canvas.theme.width):
                    canvas.warn(slot.slot, message, rule, at=at)
            if place.caption:
                caption = (place.caption[0], bottom + CAPTION_GAP, place.caption[2], place.caption[3])
                if not place.fits:
                    canvas.warn(f"{slot.slot}.caption", f"caption and credit do not fit under the picture even at "
                                                         f"{place.sizes[1]} pt (expected a shorter caption or credit)")
                canvas.caption(slot, caption, place.sizes)


def slot_aspect(slot: ImageSlot, picture) -> float:
    """A slot's width/height: the outline's `aspect`, else its picture's own (`auto`), else 4:3 for a placeholder."""
    if slot.aspect is not None:
        return slot.aspect[0] / slot.aspect[1]
    if picture is not None:
        return picture.source_width / picture.source_height
    return PLACEHOLDER_ASPECT[0] / PLACEHOLDER_ASPECT[1]


def _shared_columns(aspects: list[float], least: float, room: float) -> list[float]:
    """Column widths filling `room` inches in proportion to the pictures' aspects, none narrower than `least`."""
    def total(scale: float) -> float:
        return sum(max(least, scale * a) for a in aspects)

    low, high = 0.0, room / min(aspects)
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (middle, high) if total(middle) <= room else (low, middle)
    return [max(least, low * a) for a in aspects]


def _caption_height(slot: ImageSlot, sizes: tuple[int, int], width: float, measurer: Measurer) -> float:
    """Inches a caption and credit need, insets included, wrapped into a box this wide."""
    lines = ([(slot.caption, sizes[0])] if slot.caption else []) + ([(slot.credit, sizes[1])] if slot.credit else [])
    paragraphs = [(list(parse(text)), size, 0.0, CAPTION_SPACING if index else 0.0)
                  for index, (text, size) in enumerate(lines)]
    return text_height(paragraphs, (width - 2 * INSET) * 72, measurer) / 72 + 2 * INSET + 0.02


def _slot(r: Reader, sid: str) -> ImageSlot | None:
    if not r.ok:
        return None
    name = r.word_id("slot")
    aspect_text = r.text("aspect", required=False, record=f"@{sid}.{name}.aspect")
    aspect = None  # auto: the picture's own
    if aspect_text and aspect_text != AUTO:
        match = ASPECT.match(aspect_text)
        if match and int(match[1]) > 0 and int(match[2]) > 0:
            aspect = (int(match[1]), int(match[2]))
        else:
            r.problem(r.value_node("aspect"), r.path("aspect"),
                      f"not an aspect ratio (expected width:height such as 4:3, or auto, got {describe(aspect_text)})")
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
