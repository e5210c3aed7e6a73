"""The drawing surface slide kinds render on: one per deck, with the page being drawn and shared helpers (titles,
bullet lists, captions, pictures, footers, notes), each writing python-pptx XML directly."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Inches, Pt

from ..problems import WARNING, Problem
from ..source.markup import parse
from ..source.model import PLACEHOLDER_ASPECT, Bullet, walk_bullets
from . import grid, pptxtext, template
from .geometry import Extent, text_area
from .order import is_shape, placeholder_type
from .pptxtext import Style
from .slideparts import ImageAdder
from .tables import PAD_X, PAD_Y, TableLayout
from .textfit import LINE_HEIGHT, Measurer, balanced_breaks, text_extent, text_height

BULLETS = ("▶", "–", "·")
INDENTS = (0.32, 0.72, 1.08)  # inches from the left edge to each level's text
HEADING_STEP = 2  # a list's heading is this many points larger than its bullets
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
INSET = 0.05
CAPTION_SPACING = 2  # points between a caption and its credit
_SP, _SPPR, _XFRM, _OFF, _EXT = qn("p:sp"), qn("p:spPr"), qn("a:xfrm"), qn("a:off"), qn("a:ext")
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


class Canvas:
    """Draws one resolved deck: `page` is the python-pptx slide being drawn, `slide` its model slide."""

    def __init__(self, resolved, prs):
        self.resolved = resolved
        self.prs = prs
        self.theme = resolved.theme
        self.deck = resolved.deck
        self.strings = resolved.strings
        self.warnings: list[Problem] = []
        fonts = self.theme.locale_fonts(resolved.locale)
        # Chinese inside a deck of another language: tagged by its script, else the deck's `chinese` setting
        chinese = [self.theme.locale_fonts(code) for code in (resolved.deck.chinese, "zh_Hans", "zh_Hant")]
        cjk_lang = fonts.lang if fonts.lang.startswith(("zh", "ja", "ko")) else chinese[0].lang
        self.base = Style(20, self.theme.colors.ink, fonts.latin, fonts.east_asian, fonts.lang, cjk_lang,
                          cjk_fonts=tuple((f.lang, f.east_asian) for f in chinese[1:]))
        self.measurer = Measurer()
        self._images = ImageAdder(prs)
        self.custom = resolved.deck.template is not None
        self.page = None
        self.slide = None
        self._layout_placeholders: dict = {}
        self._placeholder_specs: dict = {}
        self._footers: dict = {}  # layout name -> the finished footer shapes and their texts, copied onto each slide
        self._decorations: dict = {}  # (box, colour) -> a finished decoration shape, copied
        self._inherited: dict = {}  # (what, layout, placeholder type) -> a placeholder's inherited box or capitals
        self.extents: list[Extent] = []  # what was drawn on the current page, for the layout.collision check

    def begin(self, page, slide) -> None:
        """Start drawing a model slide on a new page."""
        self.page, self.slide = page, slide
        self.extents = []

    # -- measuring and styling ------------------------------------------------------------------------------------
    def style(self, size: float, color: str | None = None, bold: bool = False, caps: bool = False) -> Style:
        """The deck's text style (fonts, languages) at a size, colour and weight, in capitals when asked."""
        return Style(size, color or self.base.color, self.base.latin, self.base.east_asian, self.base.lang,
                     self.base.cjk_lang, bold, caps, self.base.cjk_fonts)

    def runs(self, text: str, bold: bool = False, caps: bool = False):
        """The styled runs of marked-up text, all bold when asked, upper-cased when drawn in capitals."""
        return [type(run)(run.text.upper() if caps else run.text, run.bold or bold, run.italic) for run in parse(text)]

    def fit_size(self, texts: list[str], sizes, width_in: float, height_in: float, bold: bool = False,
                 caps: bool = False) -> int | None:
        """The largest of `sizes` at which every text fits a box of this size in inches (None if none does)."""
        width, height = (width_in - 2 * INSET) * 72, (height_in - 2 * INSET) * 72
        for size in sizes:
            paragraphs = [(self.runs(text, bold, caps), size, 0.0, 0.0) for text in texts]
            if text_height(paragraphs, width, self.measurer) <= height:
                return size
        return None

    def measure(self, lines, width_in: float, spacing: float = 8, inset: float = INSET) -> float:
        """Height in inches, insets included, of (text, size, colour, bold) lines wrapped into a box this wide."""
        paragraphs = [(self.runs(text, bold), size, 0.0, spacing if index else 0.0)
                      for index, (text, size, _color, bold) in enumerate(lines)]
        return text_height(paragraphs, (width_in - 2 * inset) * 72, self.measurer) / 72 + 2 * inset

    def measure_title(self, text: str, size: int, width_in: float, caps: bool = False) -> float:
        """Height in inches, insets included, of a bold title at a size wrapped into a box this wide."""
        paragraphs = [(self.runs(text, True, caps), size, 0.0, 0.0)]
        return text_height(paragraphs, (width_in - 2 * INSET) * 72, self.measurer) / 72 + 2 * INSET

    def warn(self, key: str, message: str, rule: str = "fit", at: str | None = None) -> None:
        """A warning about a field of the current slide, at the outline line that wrote it (or of key `at`)."""
        slide = self.slide
        file, line = self.deck.origin(at or f"{slide.id}.{key}")
        if file is None:
            file, line = self.deck.origin(slide.id)
        self.warnings.append(Problem(file, line, f"{slide.id}.{key}", message, WARNING, rule))

    def record(self, shape_name: str, role: str, box, paragraphs=None, *, anchor: str = "t", align: str | None = "l",
               inset: float = INSET) -> None:
        """Note what was drawn where: a text's box and the area its measured text covers (paragraphs as for
        text_extent, in the box's inner width), or a picture's box."""
        if paragraphs is None:
            self.extents.append(Extent(shape_name, role, tuple(box), tuple(box)))
            return
        height, widest = text_extent(paragraphs, (box[2] - 2 * inset) * 72, self.measurer)
        area = text_area(box, height, widest, anchor=anchor, align=align, inset=inset)
        self.extents.append(Extent(shape_name, role, tuple(box), area))

    # -- placeholders and shapes ----------------------------------------------------------------------------------
    def place(self, shape, box) -> grid.Box:
        """Put a shape at a box in inches and return it; an institution's template places its own placeholders,
        and then the box returned is the one the template gives it (what its text is measured against)."""
        if self.custom and placeholder_type(shape._element) is not None:
            inherited = self._inherited_box(shape)
            if inherited is not None:
                return inherited
        _set_box(shape._element, box)
        return tuple(box)

    def capitals(self, shape) -> bool:
        """True when the template draws this placeholder's text in capitals (`cap="all"` on its layout, its
        master or the master's text styles): such text is measured, and written, in capitals."""
        kind = placeholder_type(shape._element)
        if kind is None:
            return False
        layout = self.page.slide_layout
        key = ("caps", layout.name, kind)
        if key not in self._inherited:
            self._inherited[key] = template.draws_in_capitals(layout, kind)
        return self._inherited[key]

    def _inherited_box(self, shape) -> grid.Box | None:
        """The box in inches a placeholder inherits from its layout or master (None when neither places it)."""
        key = ("box", self.page.slide_layout.name, placeholder_type(shape._element))
        if key not in self._inherited:
            self._inherited[key] = template.box_of(shape)
        return self._inherited[key]

    def placeholder(self, *types):
        """The page's first placeholder of one of these types (looked up in the XML: python-pptx's is slow)."""
        names = {PP_PLACEHOLDER.to_xml(t) for t in types}
        for sp in self.page.shapes._spTree.iterchildren(_SP):
            ph = sp.find(_PH_PATH)
            if ph is not None and ph.get("type", "obj") in names:
                return SlideShapeFactory(sp, self.page.shapes)
        return None

    def body_placeholder(self):
        """The page's body (content) placeholder."""
        return self.placeholder(PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)

    def textbox(self, box, name: str):
        """A new text box at a box in inches."""
        shape = self.page.shapes.add_textbox(*(Inches(v) for v in box))
        shape.name = name
        return shape

    def background(self, color: str) -> None:
        """Fill the page's background with one colour."""
        fill = self.page.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(color)

    def decoration(self, box, color: str) -> None:
        """A filled rectangle marked decorative: made once per box and colour, then copied."""
        key = (tuple(box), color)
        tree = self.page.shapes._spTree
        if key in self._decorations:
            copy = deepcopy(self._decorations[key])
            _renumber(copy, tree)
            tree.append(copy)
            return
        shape = self.page.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color)
        shape.line.fill.background()
        shape.shadow.inherit = False
        shape.name = "Decoration"
        mark_decorative(shape)
        self._decorations[key] = deepcopy(shape._element)

    def rule(self) -> None:
        """The short accent rule under a content slide's title (not on an institution's template)."""
        if not self.custom:
            top = self.theme.title_top + self.theme.title_height + 0.08
            self.decoration((self.theme.margin + INSET, top, 1.2, 0.05), self.theme.colors.accent)

    # -- text -----------------------------------------------------------------------------------------------------
    def title(self, text: str, box=None, sizes=None, color=None, anchor="b") -> tuple[grid.Box, int]:
        """The page's title, at the largest size that fits (a warning when even the smallest does not); returns
        the box it was measured against and the size chosen."""
        shape = self.placeholder(PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        box = self.place(shape, box or grid.title_box(self.theme))
        caps = self.capitals(shape)
        sizes = sizes or self.theme.title_sizes
        size = self.fit_size([text], sizes, box[2], box[3], bold=True, caps=caps)
        if size is None:
            size = sizes[-1]
            self.warn("title", f"title does not fit its box at {size} pt (expected at most "
                               f"{int(box[3] * 72 / (size * LINE_HEIGHT))} lines)")
        frame = shape.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor=anchor, inset=INSET)
        breaks = balanced_breaks(self.runs(text, True, caps), size, (box[2] - 2 * INSET) * 72, self.measurer)
        pptxtext.set_paragraph(frame.paragraphs[0], text, self.style(size, color, bold=True, caps=caps), align="l",
                               breaks=breaks)
        self.record(shape.name, "title", box, [(self.runs(text, True, caps), size, 0.0, 0.0)], anchor=anchor)
        return box, size

    def lines(self, shape, box, lines, *, role: str, align: str | None = "l", spacing: float = 8,
              anchor: str = "t", inset: float = INSET) -> None:
        """Fill a shape's text frame with (text, size, colour, bold) lines, one paragraph each, and note where
        they are."""
        frame = shape.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor=anchor, inset=inset)
        for index, (text, size, color, bold) in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, text, self.style(size, color, bold), space_before=spacing if index else 0,
                                   align=align)
        paragraphs = [(self.runs(text, bold), size, 0.0, spacing if index else 0.0)
                      for index, (text, size, _color, bold) in enumerate(lines)]
        self.record(shape.name, role, box, paragraphs, anchor=anchor, align=align, inset=inset)

    def text(self, box, name: str, lines, *, role: str, align: str | None = "l", anchor: str = "t",
             spacing: float = 8) -> None:
        """A new text box at a box in inches holding (text, size, colour, bold) lines."""
        self.lines(self.textbox(box, name), box, lines, role=role, align=align, anchor=anchor, spacing=spacing)

    def list_size(self, lists: list[tuple[str, tuple[Bullet, ...]]], box) -> int | None:
        """The largest body size at which each (heading, bullets) list fits a box of this size (None if none)."""
        width, height = (box[2] - 2 * INSET) * 72, (box[3] - 2 * INSET) * 72
        for base in self.theme.body_sizes:
            if all(text_height(self._list_paragraphs(heading, bullets, base), width, self.measurer) <= height
                   for heading, bullets in lists):
                return base
        return None

    def _list_paragraphs(self, heading: str, bullets: tuple[Bullet, ...], base: int):
        first = [(self.runs(heading, bold=True), base + HEADING_STEP, 0.0, 0.0)] if heading else []
        return first + [(self.runs(b.text), size, INDENTS[level] * 72, space_before(level, size, i + len(first)))
                        for i, (b, level, size) in enumerate(self._sized(bullets, base))]

    def bullets(self, key: str, shape, bullets: tuple[Bullet, ...], box, *, heading: str = "",
                size: int | None = None) -> None:
        """A bullet list, after a bold heading if given, at `size` or else the largest body size at which it fits
        the box (a warning when none does)."""
        chosen = size or self.list_size([(heading, bullets)], box)
        if chosen is None:
            chosen = self.theme.body_sizes[-1]
            self.warn(key, f"text does not fit its box even at {chosen} pt (expected shorter text or fewer bullets)")
        frame = shape.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor="t", inset=INSET)
        offset = 1 if heading else 0
        if heading:
            pptxtext.set_paragraph(frame.paragraphs[0], heading,
                                   self.style(chosen + HEADING_STEP, self.theme.colors.accent, bold=True), align="l")
        for index, (bullet, level, size) in enumerate(self._sized(bullets, chosen), offset):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, bullet.text, self.style(size), level=level, bullet=BULLETS[level],
                                   bullet_color=self.theme.colors.accent if level == 0 else self.theme.colors.muted,
                                   indent=INDENTS[level] * 72, space_before=space_before(level, size, index))
        self.record(shape.name, "body", box, self._list_paragraphs(heading, bullets, chosen))

    def bullets_fit(self, bullets: tuple[Bullet, ...], box, size: int) -> bool:
        """True when the bullets fit a box in inches at this body size."""
        height = text_height(self._list_paragraphs("", bullets, size), (box[2] - 2 * INSET) * 72, self.measurer)
        return height <= (box[3] - 2 * INSET) * 72

    def _sized(self, bullets: tuple[Bullet, ...], base: int):
        for bullet, level in walk_bullets(bullets):
            yield bullet, level, max(base - 2 * level, self.theme.body_sizes[-1])

    def titled_list(self, title: str, key: str, items: tuple[Bullet, ...], size: int | None = None) -> None:
        """A title, the accent rule and a list filling the content area (bullets, agenda and credits slides), at
        `size` or the largest that fits."""
        self.title(title)
        self.rule()
        body = self.body_placeholder()
        box = self.place(body, grid.content_box(self.theme))
        self.bullets(key, body, items, box, size=size)

    def layout_box(self, layout_name: str, types, default: grid.Box) -> grid.Box:
        """Where a layout's placeholder of one of these types draws its text: the template's box on an
        institution's template (when it places one), else `default`, the theme's grid."""
        if not self.custom:
            return default
        return template.placeholder_box(template.layout(self.prs, layout_name), types) or default

    # -- tables and drawn shapes ----------------------------------------------------------------------------------
    def table(self, rows: list[list[str]], layout: TableLayout, left: float, top: float, aligns: list[str],
              name: str, alt: str):
        """A native table (a:tbl) measured by render.tables at (left, top) inches: the first row a bold header on
        the accent colour, body rows banded, each column aligned as asked (`l` or `r`)."""
        colors = self.theme.colors
        frame = self.page.shapes.add_table(len(rows), len(rows[0]), Inches(left), Inches(top),
                                           Inches(layout.width), Inches(sum(layout.heights)))
        frame.name = name
        frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
        table = frame.table
        for column, width in zip(table.columns, layout.widths):
            column.width = Inches(width)
        for index, (row, height) in enumerate(zip(table.rows, layout.heights)):
            row.height = Inches(height)
            header = index == 0
            fill = colors.accent if header else (colors.band if index % 2 == 0 else colors.background)
            style = self.style(layout.size, colors.on_dark if header else colors.ink, bold=header)
            for column, text in enumerate(rows[index]):
                cell = table.cell(index, column)
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(fill)
                cell.margin_left = cell.margin_right = Inches(PAD_X)
                cell.margin_top = cell.margin_bottom = Inches(PAD_Y)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                pptxtext.set_paragraph(cell.text_frame.paragraphs[0], text, style, align=aligns[column])
        self.record(name, "table", (left, top, layout.width, sum(layout.heights)))
        return frame

    def group(self, name: str):
        """A group of shapes marked decorative as a whole (lines and markers that carry no text)."""
        group = self.page.shapes.add_group_shape()
        group.name = name
        mark_decorative(group)
        return group

    def line(self, shapes, start: tuple[float, float], end: tuple[float, float], color: str, width_pt: float):
        """A straight line (a connector) from start to end in inches, on `shapes` (a page's or a group's)."""
        line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, *(Inches(v) for v in (*start, *end)))
        line.line.color.rgb = RGBColor.from_string(color)
        line.line.width = Pt(width_pt)
        _unstyle(line)
        line.name = "Line"
        return line

    def dot(self, shapes, center: tuple[float, float], diameter: float, color: str, ring: str | None = None):
        """A filled circle centred at (x, y) inches, with a ring of another colour if given."""
        x, y = center
        dot = shapes.add_shape(MSO_SHAPE.OVAL, Inches(x - diameter / 2), Inches(y - diameter / 2), Inches(diameter),
                               Inches(diameter))
        dot.fill.solid()
        dot.fill.fore_color.rgb = RGBColor.from_string(color)
        if ring:
            dot.line.color.rgb = RGBColor.from_string(ring)
            dot.line.width = Pt(2)
        else:
            dot.line.fill.background()
        _unstyle(dot)
        dot.name = "Marker"
        return dot

    # -- pictures -------------------------------------------------------------------------------------------------
    def picture(self, image: bytes | Path, box, name: str, alt: str):
        """A picture (PNG or JPEG bytes, or a file of them) at a box in inches, with its alt text."""
        blob, filename = (image, None) if isinstance(image, bytes) else (Path(image).read_bytes(), Path(image).name)
        part = self._images.part(blob, filename)
        shapes = self.page.shapes
        pic = shapes._spTree.add_pic(shapes._next_shape_id, name, part.desc, self.page.part.relate_to(part, RT.IMAGE),
                                     *(Inches(v) for v in box))
        pic.nvPicPr.cNvPr.set("descr", alt)
        shape = SlideShapeFactory(pic, shapes)
        self.record(name, "picture", box)
        return shape

    def caption_lines(self, slot, sizes: tuple[int, int]):
        """A slot's caption and credit as (text, size, colour, bold) lines at (caption, credit) sizes."""
        colors = self.theme.colors
        lines = [(slot.caption, sizes[0], colors.ink, False)] if slot.caption else []
        if slot.credit:
            lines.append((slot.credit, sizes[1], colors.muted, False))
        return lines

    def caption(self, slot, box, sizes: tuple[int, int]) -> None:
        """A picture's caption and credit under it, in a box the layout made tall enough for them."""
        self.text(box, f"Caption: {slot.slot}", self.caption_lines(slot, sizes), role="caption", align="ctr",
                  spacing=CAPTION_SPACING)

    def image_placeholder(self, slot, box) -> None:
        """An empty picture frame naming the slot, the file to add and its shape."""
        colors = self.theme.colors
        shape = self.page.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
        shape.name = f"Image slot: {slot.slot}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string("F4F1EC")
        shape.line.color.rgb = RGBColor.from_string(colors.muted)
        shape.line.width = Pt(1.5)
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        shape.shadow.inherit = False
        ui = self.strings
        shape._element.nvSpPr.cNvPr.set("descr", ui.get("ui.image-alt", slot=slot.slot, alt=slot.alt))
        aspect = slot.aspect or PLACEHOLDER_ASPECT
        expected = f"assets/{slot.file}"
        lines = [(ui.get("ui.image-slot", slot=slot.slot), 18, colors.ink, True),
                 (ui.get("ui.image-add", file=expected), 14, colors.muted, False),
                 (ui.get("ui.image-shape", shape=f"{aspect[0]}:{aspect[1]}"), 14, colors.muted, False)]
        self.record(shape.name, "picture", box)
        self.lines(shape, box, lines, role="slot", align="ctr", spacing=6, anchor="ctr", inset=0.15)

    # -- footer and notes -----------------------------------------------------------------------------------------
    def footer(self, number: int) -> None:
        """Footer text and a native slide-number field: made once per layout, then copied with the new number."""
        page = self.page
        key = page.slide_layout.name
        tree = page.shapes._spTree
        if key not in self._footers:
            before = set(tree.xpath(".//p:cNvPr/@id"))
            texts = self._make_footer(number)
            made = [deepcopy(el) for el in tree if is_shape(el) and el[0].find(qn("p:cNvPr")).get("id") not in before]
            self._footers[key] = (made, texts)
        else:
            for element in self._footers[key][0]:
                copy = deepcopy(element)
                _renumber(copy, tree)
                number_text = copy.find(f".//{qn('a:fld')}/{qn('a:t')}")
                if number_text is not None:
                    number_text.text = str(number)
                tree.append(copy)
        size = self.theme.footer_size
        for role, box, text, align in self._footers[key][1]:
            shown = str(number) if role == "number" else text
            self.record(role.capitalize(), role, box, [(self.runs(shown), size, 0.0, 0.0)], anchor="ctr", align=align)

    def _make_footer(self, number: int) -> list[tuple[str, grid.Box, str, str]]:
        """The footer and slide number of the page's layout; returns (role, box, text, alignment) of each."""
        meta, theme = self.deck.meta, self.theme
        size, color = theme.footer_size, theme.colors.muted
        made = []
        for ph_type, role, text, box, align in (
            (PP_PLACEHOLDER.FOOTER, "footer", self.strings.get("ui.footer", course=meta.course, term=meta.term),
             (theme.margin, theme.footer_top, 8.0, theme.footer_height), "l"),
            (PP_PLACEHOLDER.SLIDE_NUMBER, "number", str(number),
             (theme.width - theme.margin - 2.0, theme.footer_top, 2.0, theme.footer_height), "r"),
        ):
            source = self._layout_placeholder(self.page.slide_layout, ph_type)
            if source is None:
                continue
            shape = self._clone_placeholder(source)
            box = self.place(shape, box)
            frame = shape.text_frame
            pptxtext.frame(frame, anchor="ctr", inset=INSET)
            paragraph = frame.paragraphs[0]
            if ph_type == PP_PLACEHOLDER.SLIDE_NUMBER:
                pptxtext.set_paragraph(paragraph, "", self.style(size, color), align=align)
                _slide_number_field(paragraph, number, size, color, self.base.lang)
            else:
                pptxtext.set_paragraph(paragraph, text, self.style(size, color), align=align)
                if self.fit_size([text], (size,), box[2], box[3]) is None:  # a template's footer may be narrow
                    self.warn("footer", f"the footer does not fit its box at {size} pt (expected a shorter course "
                                        "name or term, or a wider footer in the template)", at="deck.course")
            made.append((role, box, text, align))
        return made

    def _clone_placeholder(self, source):
        """python-pptx's clone_placeholder, without its per-call search for a free id and name."""
        key = id(source)
        if key not in self._placeholder_specs:
            sp = source.element
            self._placeholder_specs[key] = (source.name, sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx)
        name, *spec = self._placeholder_specs[key]
        tree = self.page.shapes._spTree
        shape_id = max(int(i) for i in tree.xpath("//@id[parent::p:cNvPr]")) + 1
        return SlideShapeFactory(tree.add_placeholder(shape_id, f"{name} {shape_id}", *spec), self.page.shapes)

    def _layout_placeholder(self, layout, ph_type):
        key = (layout.name, ph_type)
        if key not in self._layout_placeholders:
            self._layout_placeholders[key] = next(
                (s for s in layout.placeholders if s.placeholder_format.type == ph_type), None)
        return self._layout_placeholders[key]

    def notes(self, notes: str) -> None:
        """The page's speaker notes, one paragraph per line."""
        frame = _notes_frame(self.page)
        pptxtext.clear(frame)
        paragraphs = [" ".join(line.split()) for line in notes.splitlines() if line.strip()]
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, text, self.style(14), space_before=6 if index else 0)

    def remove_empty_placeholders(self) -> None:
        """Drop placeholders the page left empty (a subtitle on a divider, say), so no 'Click to add text' shows."""
        for sp in self.page.shapes._spTree.xpath("p:sp[p:nvSpPr/p:nvPr/p:ph]"):
            if sp.xpath("p:nvSpPr/p:nvPr/p:ph[@type='sldNum']"):
                continue
            if not "".join(sp.xpath(".//a:t/text()")).strip():
                sp.getparent().remove(sp)


def space_before(level: int, size: float, index: int) -> float:
    """Space before a bullet paragraph in points: none for the first, more before top-level bullets."""
    if index == 0:
        return 0.0
    return size * 0.55 if level == 0 else size * 0.25


def _slide_number_field(paragraph, number: int, size: float, color: str, lang: str) -> None:
    """A native slide-number field, so numbers stay right when slides are moved in PowerPoint."""
    p = paragraph._p
    field = etree.Element(qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    rpr = etree.SubElement(field, qn("a:rPr"), lang=lang, sz=str(int(size * 100)))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color)
    etree.SubElement(field, qn("a:t")).text = str(number)
    end = p.find(qn("a:endParaRPr"))
    end.addprevious(field)


def _unstyle(shape) -> None:
    """Drop the theme style python-pptx gives new shapes (its shadow shows in LibreOffice even when switched off):
    the shape's fill and line are set explicitly."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _renumber(element, tree) -> None:
    """Give a copied shape the next free id on its slide (ids must be unique per slide)."""
    c_nv_pr = element[0].find(qn("p:cNvPr"))
    c_nv_pr.set("id", str(max(int(i) for i in tree.xpath(".//p:cNvPr/@id")) + 1))


def _notes_frame(page):
    """The notes slide's body text frame, found in its XML (python-pptx's lookup builds every shape first)."""
    notes_slide = page.notes_slide
    for sp in notes_slide.shapes._spTree.iterchildren(_SP):
        ph = sp.find(_PH_PATH)
        if ph is not None and ph.get("type") == "body":
            return SlideShapeFactory(sp, notes_slide.shapes).text_frame
    return notes_slide.notes_text_frame


def _set_box(element, box) -> None:
    """Position a shape in inches by writing its a:xfrm directly."""
    sp_pr = element.find(_SPPR)
    xfrm = sp_pr.find(_XFRM)
    if xfrm is None:
        xfrm = etree.Element(_XFRM)
        sp_pr.insert(0, xfrm)
    off, ext = xfrm.find(_OFF), xfrm.find(_EXT)
    if off is None:
        off = etree.SubElement(xfrm, _OFF)
    if ext is None:
        ext = etree.SubElement(xfrm, _EXT)
    left, top, width, height = (str(int(Inches(v))) for v in box)
    off.set("x", left)
    off.set("y", top)
    ext.set("cx", width)
    ext.set("cy", height)


def mark_decorative(shape) -> None:
    """Flag a shape (or group, or line) as decorative so accessibility checkers do not ask for its alt text."""
    c_nv_pr = shape._element[0].find(qn("p:cNvPr"))
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")
