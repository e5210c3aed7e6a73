"""Read a built .pptx back the way a person sees it: texts per slide, notes, pictures."""

from __future__ import annotations

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE


def slide_texts(prs) -> list[str]:
    """All text on each slide, one string per slide, paragraphs separated by newlines (a line break inside a
    paragraph, which a wrapped Chinese title may have, read as the text it breaks)."""
    out = []
    for slide in prs.slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.extend(p.text.replace("\v", "") for p in shape.text_frame.paragraphs)
        out.append("\n".join(parts))
    return out


def title_of(slide) -> str:
    """The text of the slide's title placeholder."""
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


def pictures(prs):
    """(slide number, picture shape) for every picture in the deck."""
    return [(n, shape) for n, slide in enumerate(prs.slides, 1) for shape in slide.shapes
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]


def alt_text(shape) -> str:
    """The alt text (cNvPr/@descr) of a shape."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr", "")


def open_deck(path):
    """Reopen a built deck with python-pptx."""
    return Presentation(str(path))
