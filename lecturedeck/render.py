"""Render a resolved deck into a python-pptx Presentation: one function per slide kind."""

from __future__ import annotations

import io
from copy import deepcopy

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Inches, Pt

from . import grid, pptxtext
from .images import fit
from .markup import parse
from .model import (AgendaSlide, Bullet, BulletsSlide, ChartSlide, CreditsSlide, ImageSlide, PartSlide, Slide,
                    TitleSlide)
from .order import is_shape, placeholder_type, put_in_reading_order
from .problems import WARNING, Problem
from .pptxtext import Style
from .resolve import Resolved
from .slideparts import SlideAdder
from .template import layout, open_template
from .textfit import LINE_HEIGHT, Measurer, text_height

BULLETS = ("▶", "–", "·")
INDENTS = (0.32, 0.72, 1.08)  # inches from the left edge to each level's text
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
INSET = 0.05
_SP, _SPPR, _XFRM, _OFF, _EXT = qn("p:sp"), qn("p:spPr"), qn("a:xfrm"), qn("a:off"), qn("a:ext")
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def render(resolved: Resolved):
    """Build the Presentation for a resolved deck; fit problems are added to resolved.warnings."""
    theme = resolved.theme
    prs = open_template(theme, resolved.deck.template)
    renderer = _Renderer(resolved, prs)
    for number, slide in enumerate(resolved.deck.slides, 1):
        renderer.slide(slide, number)
    return prs


class _Renderer:
    def __init__(self, resolved: Resolved, prs):
        self.r = resolved
        self.prs = prs
        self.theme = resolved.theme
        self.deck = resolved.deck
        fonts = self.theme.locale_fonts(resolved.locale)
        self.fonts = fonts
        cjk_lang = fonts.lang if fonts.lang.startswith(("zh", "ja", "ko")) else self.theme.cjk_lang_default
        self.base = Style(20, self.theme.colors.ink, fonts.latin, fonts.east_asian, fonts.lang, cjk_lang)
        self.measurer = Measurer()
        self.custom = resolved.deck.template is not None
        self._layout_placeholders: dict = {}
        self._placeholder_specs: dict = {}
        self._layouts: dict = {}
        self._footers: dict = {}  # layout name -> the finished footer shapes, copied onto each slide
        self._decorations: dict = {}  # (box, colour) -> a finished decoration shape, copied
        self.adder = SlideAdder(prs)

    # -- helpers -----------------------------------------------------------------------------------------------
    def style(self, size: float, color: str | None = None, bold: bool = False) -> Style:
        return Style(size, color or self.base.color, self.base.latin, self.base.east_asian, self.base.lang,
                     self.base.cjk_lang, bold)

    def warn(self, slide: Slide, key: str, message: str) -> None:
        file, line = self.deck.origin(f"{slide.id}.{key}")
        if file is None:
            file, line = self.deck.origin(slide.id)
        self.r.warnings.append(Problem(file, line, f"{slide.id}.{key}", message, WARNING, "fit"))

    def place(self, shape, box) -> None:
        if self.custom and placeholder_type(shape._element) is not None:
            return  # an institution's template decides where its placeholders go
        _set_box(shape._element, box)

    def placeholder(self, slide, *types):
        """The slide's first placeholder of one of these types (looked up in the XML: python-pptx's is slow)."""
        names = {PP_PLACEHOLDER.to_xml(t) for t in types}
        for sp in slide.shapes._spTree.iterchildren(_SP):
            ph = sp.find(_PH_PATH)
            if ph is not None and ph.get("type", "obj") in names:
                return SlideShapeFactory(sp, slide.shapes)
        return None

    def fit_size(self, texts: list[str], sizes, width_in: float, height_in: float, bold: bool = False) -> int | None:
        width, height = (width_in - 2 * INSET) * 72, (height_in - 2 * INSET) * 72
        for size in sizes:
            paragraphs = [(self.runs(text, bold), size, 0.0, 0.0) for text in texts]
            if text_height(paragraphs, width, self.measurer) <= height:
                return size
        return None

    def runs(self, text: str, bold: bool = False):
        return [type(run)(run.text, run.bold or bold, run.italic) for run in parse(text)]

    # -- common parts ------------------------------------------------------------------------------------------
    def slide(self, slide: Slide, number: int) -> None:
        kind = slide.kind
        if kind not in self._layouts:
            self._layouts[kind] = layout(self.prs, self.theme, kind)
        pptx_slide = self.adder.add_slide(self._layouts[kind])
        getattr(self, f"render_{kind}")(pptx_slide, slide)
        if kind not in ("title", "part"):
            self.footer(pptx_slide, number)
        self.remove_empty_placeholders(pptx_slide)
        put_in_reading_order(pptx_slide)
        self.notes(pptx_slide, slide.notes)

    def title(self, pptx_slide, slide: Slide, text: str, box=None, sizes=None, color=None, anchor="b") -> None:
        shape = self.placeholder(pptx_slide, PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        box = box or grid.title_box(self.theme)
        self.place(shape, box)
        sizes = sizes or self.theme.title_sizes
        size = self.fit_size([text], sizes, box[2], box[3], bold=True)
        if size is None:
            size = sizes[-1]
            self.warn(slide, "title", f"title does not fit its box at {size} pt (expected at most {int(box[3] * 72 / (size * LINE_HEIGHT))} lines)")
        frame = shape.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor=anchor, inset=INSET)
        pptxtext.set_paragraph(frame.paragraphs[0], text, self.style(size, color, bold=True), align="l")

    def footer(self, pptx_slide, number: int) -> None:
        """Footer text and a native slide-number field: made once per layout, then copied with the new number."""
        key = pptx_slide.slide_layout.name
        if key in self._footers:
            tree = pptx_slide.shapes._spTree
            for element in self._footers[key]:
                copy = deepcopy(element)
                _renumber(copy, tree)
                field = copy.find(f".//{qn('a:fld')}/{qn('a:t')}")
                if field is not None:
                    field.text = str(number)
                tree.append(copy)
            return
        tree = pptx_slide.shapes._spTree
        before = set(tree.xpath(".//p:cNvPr/@id"))
        self._make_footer(pptx_slide, number)
        self._footers[key] = [deepcopy(el) for el in tree if is_shape(el) and el[0].find(qn("p:cNvPr")).get("id") not in before]

    def _make_footer(self, pptx_slide, number: int) -> None:
        meta, theme = self.deck.meta, self.theme
        size, color = theme.footer_size, theme.colors.muted
        for ph_type, text, box, align in (
            (PP_PLACEHOLDER.FOOTER, self.r.strings.get("ui.footer", course=meta.course, term=meta.term), (theme.margin, theme.footer_top, 8.0, theme.footer_height), "l"),
            (PP_PLACEHOLDER.SLIDE_NUMBER, str(number), (theme.width - theme.margin - 2.0, theme.footer_top, 2.0, theme.footer_height), "r"),
        ):
            source = self.layout_placeholder(pptx_slide.slide_layout, ph_type)
            if source is None:
                continue
            shape = self.clone_placeholder(pptx_slide, source)
            self.place(shape, box)
            frame = shape.text_frame
            pptxtext.frame(frame, anchor="ctr", inset=INSET)
            paragraph = frame.paragraphs[0]
            if ph_type == PP_PLACEHOLDER.SLIDE_NUMBER:
                pptxtext.set_paragraph(paragraph, "", self.style(size, color), align=align)
                _slide_number_field(paragraph, number, size, color, self.base.lang)
            else:
                pptxtext.set_paragraph(paragraph, text, self.style(size, color), align=align)

    def clone_placeholder(self, pptx_slide, source):
        """python-pptx's clone_placeholder, without its per-call search for a free id and name."""
        key = id(source)
        if key not in self._placeholder_specs:
            sp = source.element
            self._placeholder_specs[key] = (source.name, sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx)
        name, *spec = self._placeholder_specs[key]
        spTree = pptx_slide.shapes._spTree
        shape_id = max(int(i) for i in spTree.xpath("//@id[parent::p:cNvPr]")) + 1
        return SlideShapeFactory(spTree.add_placeholder(shape_id, f"{name} {shape_id}", *spec), pptx_slide.shapes)

    def layout_placeholder(self, layout_, ph_type):
        key = (layout_.name, ph_type)
        if key not in self._layout_placeholders:
            self._layout_placeholders[key] = next(
                (s for s in layout_.placeholders if s.placeholder_format.type == ph_type), None)
        return self._layout_placeholders[key]

    def notes(self, pptx_slide, notes: str) -> None:
        frame = _notes_frame(pptx_slide)
        pptxtext.clear(frame)
        paragraphs = [" ".join(line.split()) for line in notes.splitlines() if line.strip()]
        for index, text in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, text, self.style(14), space_before=6 if index else 0)

    def remove_empty_placeholders(self, pptx_slide) -> None:
        """Drop placeholders the slide left empty (a subtitle on a divider, say), so no 'Click to add text' shows."""
        for sp in pptx_slide.shapes._spTree.xpath("p:sp[p:nvSpPr/p:nvPr/p:ph]"):
            if sp.xpath("p:nvSpPr/p:nvPr/p:ph[@type='sldNum']"):
                continue
            if not "".join(sp.xpath(".//a:t/text()")).strip():
                sp.getparent().remove(sp)

    def decoration(self, pptx_slide, box, color: str) -> None:
        """A filled rectangle marked decorative: made once per box and colour, then copied."""
        key = (tuple(box), color)
        tree = pptx_slide.shapes._spTree
        if key in self._decorations:
            copy = deepcopy(self._decorations[key])
            _renumber(copy, tree)
            tree.append(copy)
            return
        shape = pptx_slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(color)
        shape.line.fill.background()
        shape.shadow.inherit = False
        shape.name = "Decoration"
        _mark_decorative(shape)
        self._decorations[key] = deepcopy(shape._element)

    def background(self, pptx_slide, color: str) -> None:
        fill = pptx_slide.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(color)

    def bullet_paragraphs(self, bullets: tuple[Bullet, ...], base: int, level: int = 0):
        for bullet in bullets:
            size = max(base - 2 * level, self.theme.body_sizes[-1])
            yield bullet, level, size
            yield from self.bullet_paragraphs(bullet.sub, base, level + 1)

    def bullets(self, slide: Slide, key: str, frame, bullets: tuple[Bullet, ...], box) -> None:
        width = (box[2] - 2 * INSET) * 72
        height = (box[3] - 2 * INSET) * 72
        chosen = None
        for base in self.theme.body_sizes:
            paragraphs = [(self.runs(b.text), size, INDENTS[level] * 72, self.space_before(level, size, i))
                          for i, (b, level, size) in enumerate(self.bullet_paragraphs(bullets, base))]
            if text_height(paragraphs, width, self.measurer) <= height:
                chosen = base
                break
        if chosen is None:
            chosen = self.theme.body_sizes[-1]
            self.warn(slide, key, f"text does not fit its box even at {chosen} pt (expected shorter text or fewer bullets)")
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor="t", inset=INSET)
        for index, (bullet, level, size) in enumerate(self.bullet_paragraphs(bullets, chosen)):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, bullet.text, self.style(size), level=level, bullet=BULLETS[level],
                                   bullet_color=self.theme.colors.accent if level == 0 else self.theme.colors.muted,
                                   indent=INDENTS[level] * 72, space_before=self.space_before(level, size, index))

    @staticmethod
    def space_before(level: int, size: float, index: int) -> float:
        if index == 0:
            return 0.0
        return size * 0.55 if level == 0 else size * 0.25

    def body_placeholder(self, pptx_slide):
        return self.placeholder(pptx_slide, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)

    # -- slide kinds ---------------------------------------------------------------------------------------------
    def render_title(self, pptx_slide, slide: TitleSlide) -> None:
        meta, colors, theme = self.deck.meta, self.theme.colors, self.theme
        self.background(pptx_slide, colors.ink)
        self.decoration(pptx_slide, (0, 0, 0.32, theme.height), colors.accent)
        self.title(pptx_slide, slide, meta.title, box=(1.0, 1.4, 11.3, 2.6), sizes=(48, 44, 40, 36),
                   color=colors.on_dark)
        self.decoration(pptx_slide, (1.05, 4.18, 1.6, 0.06), colors.accent)
        sub = self.placeholder(pptx_slide, PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY)
        self.place(sub, (1.0, 4.45, 11.3, 2.0))
        frame = sub.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor="t", inset=INSET)
        lines = [(meta.author, 28, colors.on_dark, True)]
        if slide.subtitle:
            lines.append((slide.subtitle, 22, colors.on_dark_soft, False))
        lines.append((self.r.strings.get("ui.footer", course=meta.course, term=meta.term), 22, colors.on_dark_soft, False))
        for index, (text, size, color, bold) in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, text, self.style(size, color, bold), space_before=8 if index else 0,
                                   align="l")

    def render_part(self, pptx_slide, slide: PartSlide) -> None:
        colors, part = self.theme.colors, slide.part
        self.background(pptx_slide, colors.accent)
        self.title(pptx_slide, slide, part.label, box=(1.0, 2.2, 11.3, 1.5), sizes=(54, 48, 44, 40),
                   color=colors.on_dark, anchor="b")
        body = self.body_placeholder(pptx_slide)
        self.place(body, (1.0, 3.95, 11.3, 1.9))
        frame = body.text_frame
        pptxtext.clear(frame)
        pptxtext.frame(frame, anchor="t", inset=INSET)
        pptxtext.set_paragraph(frame.paragraphs[0], part.question, self.style(28, colors.on_dark_soft), align="l")
        count = len(self.deck.parts)
        box = pptx_slide.shapes.add_textbox(*(Inches(v) for v in (1.0, 1.55, 6.0, 0.6)))
        box.name = "Part number"
        pptxtext.frame(box.text_frame, anchor="b", inset=INSET)
        pptxtext.set_paragraph(box.text_frame.paragraphs[0], f"{part.number} / {count}",
                               self.style(20, colors.on_dark_soft, bold=True), align="l")
        self.decoration(pptx_slide, (1.05, 3.78, 1.6, 0.06), colors.on_dark)

    def render_agenda(self, pptx_slide, slide: AgendaSlide) -> None:
        self.title(pptx_slide, slide, slide.title)
        self.rule(pptx_slide)
        items = tuple(Bullet(self.r.strings.get("ui.agenda-item", label=part.label, question=part.question))
                      for part in self.deck.parts)
        body = self.body_placeholder(pptx_slide)
        box = grid.content_box(self.theme)
        self.place(body, box)
        self.bullets(slide, "title", body.text_frame, items, box)

    def render_bullets(self, pptx_slide, slide: BulletsSlide) -> None:
        self.titled_list(pptx_slide, slide, "bullets", slide.bullets)

    def render_credits(self, pptx_slide, slide: CreditsSlide) -> None:
        self.titled_list(pptx_slide, slide, "items", slide.items)

    def titled_list(self, pptx_slide, slide: Slide, key: str, items: tuple[Bullet, ...]) -> None:
        """A title, the accent rule and a list filling the content area (bullets and credits slides)."""
        self.title(pptx_slide, slide, slide.title)
        self.rule(pptx_slide)
        body = self.body_placeholder(pptx_slide)
        box = grid.content_box(self.theme)
        self.place(body, box)
        self.bullets(slide, key, body.text_frame, items, box)

    def render_image(self, pptx_slide, slide: ImageSlide) -> None:
        self.title(pptx_slide, slide, slide.title)
        self.rule(pptx_slide)
        if slide.text:
            box = grid.image_text_box(self.theme)
            shape = pptx_slide.shapes.add_textbox(*(Inches(v) for v in box))
            shape.name = "Text"
            self.bullets(slide, "text", shape.text_frame, slide.text, box)
        for slot, (box, caption_box) in zip(slide.images, grid.slot_boxes(slide, self.theme)):
            picture = self.r.pictures.get(slot.slot)
            if picture is None:
                self.image_placeholder(pptx_slide, slot, box)
                bottom = box[1] + box[3]
            else:
                inner = fit(picture.width / picture.height, box)
                shape = pptx_slide.shapes.add_picture(io.BytesIO(picture.data), *(Inches(v) for v in inner))
                shape.name = f"Picture: {slot.slot}"
                shape._element.nvPicPr.cNvPr.set("descr", slot.alt)
                bottom = inner[1] + inner[3]
            if caption_box:
                self.caption(pptx_slide, slide, slot, (caption_box[0], bottom + 0.08, caption_box[2], caption_box[3]))

    def caption(self, pptx_slide, slide: ImageSlide, slot, box) -> None:
        shape = pptx_slide.shapes.add_textbox(*(Inches(v) for v in box))
        shape.name = f"Caption: {slot.slot}"
        frame = shape.text_frame
        pptxtext.frame(frame, anchor="t", inset=INSET)
        size = self.theme.caption_size
        lines = [(slot.caption, size, self.theme.colors.ink)] if slot.caption else []
        if slot.credit:
            lines.append((slot.credit, size - 2, self.theme.colors.muted))
        needed = text_height([(self.runs(t), s, 0, 2) for t, s, _ in lines], (box[2] - 2 * INSET) * 72, self.measurer)
        if needed > (box[3] - 2 * INSET) * 72:
            self.warn(slide, f"{slot.slot}.caption", "caption does not fit under the picture (expected a shorter caption)")
        for index, (text, size, color) in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, text, self.style(size, color), align="ctr", space_before=2 if index else 0)

    def image_placeholder(self, pptx_slide, slot, box) -> None:
        colors = self.theme.colors
        shape = pptx_slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
        shape.name = f"Image slot: {slot.slot}"
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string("F4F1EC")
        shape.line.color.rgb = RGBColor.from_string(colors.muted)
        shape.line.width = Pt(1.5)
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        shape.shadow.inherit = False
        ui = self.r.strings
        shape._element.nvSpPr.cNvPr.set("descr", ui.get("ui.image-alt", slot=slot.slot, alt=slot.alt))
        frame = shape.text_frame
        pptxtext.frame(frame, anchor="ctr", inset=0.15)
        expected = f"assets/{slot.file}"
        lines = [(ui.get("ui.image-slot", slot=slot.slot), 18, colors.ink, True),
                 (ui.get("ui.image-add", file=expected), 14, colors.muted, False),
                 (ui.get("ui.image-shape", shape=f"{slot.aspect[0]}:{slot.aspect[1]}"), 14, colors.muted, False)]
        for index, (text, size, color, bold) in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            pptxtext.set_paragraph(paragraph, text, self.style(size, color, bold), align="ctr", space_before=6 if index else 0)

    def render_chart(self, pptx_slide, slide: ChartSlide) -> None:
        self.title(pptx_slide, slide, slide.title)
        self.rule(pptx_slide)
        box = grid.chart_box(self.theme)
        shape = pptx_slide.shapes.add_picture(str(self.r.charts[slide.id]), *(Inches(v) for v in box))
        shape.name = f"Chart: {slide.id}"
        shape._element.nvPicPr.cNvPr.set("descr", slide.alt)
        source = pptx_slide.shapes.add_textbox(*(Inches(v) for v in grid.source_box(self.theme)))
        source.name = "Source"
        pptxtext.frame(source.text_frame, anchor="b", inset=INSET)
        pptxtext.set_paragraph(source.text_frame.paragraphs[0], slide.source,
                               self.style(self.theme.source_size, self.theme.colors.muted), align="l")

    def rule(self, pptx_slide) -> None:
        if not self.custom:
            top = self.theme.title_top + self.theme.title_height + 0.08
            self.decoration(pptx_slide, (self.theme.margin + INSET, top, 1.2, 0.05), self.theme.colors.accent)


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


def _renumber(element, tree) -> None:
    """Give a copied shape the next free id on its slide (ids must be unique per slide)."""
    c_nv_pr = element[0].find(qn("p:cNvPr"))
    c_nv_pr.set("id", str(max(int(i) for i in tree.xpath(".//p:cNvPr/@id")) + 1))


def _notes_frame(pptx_slide):
    """The notes slide's body text frame, found in its XML (python-pptx's lookup builds every shape first)."""
    notes_slide = pptx_slide.notes_slide
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


def _mark_decorative(shape) -> None:
    """Flag a shape as decorative so accessibility checkers do not ask for its alt text."""
    c_nv_pr = shape._element.nvSpPr.cNvPr
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")
