"""A handout copy of a built deck: each slide's speaker notes sized to fit the notes page under the slide picture."""

from __future__ import annotations

from pathlib import Path

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from ..problems import WARNING, Problem
from ..render.textfit import Measurer, text_height
from ..render.xmltext import EMU_PER_PT, paragraphs_of

NOTES_SIZES = (14, 13, 12, 11, 10, 9)  # the deck's notes are 14 pt; a handout page may take them down to 9 pt
_INSETS = (91440 * 2, 45720 * 2)  # the notes body's default left+right and top+bottom insets, in EMU


def handout_copy(deck: Path, target: Path) -> list[Problem]:
    """Write `target`: the deck with every slide's notes at the largest size that fits its notes page; a warning for
    each slide whose notes do not fit even at the smallest."""
    from pptx import Presentation

    prs = Presentation(str(deck))
    width, height = _notes_box(prs)
    measurer = Measurer()
    warnings = []
    for number, slide in enumerate(prs.slides, 1):
        if not slide.has_notes_slide:
            continue
        body = slide.notes_slide.notes_text_frame._txBody
        paragraphs = paragraphs_of(body)
        chosen = next((size for size in NOTES_SIZES
                       if text_height([(runs, size, indent, before) for runs, _s, indent, before in paragraphs],
                                      width, measurer) <= height), None)
        if chosen is None:
            chosen = NOTES_SIZES[-1]
            slide_id = slide._element.cSld.get("name") or str(number)
            warnings.append(Problem(deck, None, f"slide {number} ({slide_id})", f"speaker notes do not fit the handout "
                                    f"page even at {chosen} pt (expected shorter notes)", WARNING, "handout"))
        for element in body.iter(qn("a:rPr"), qn("a:endParaRPr")):
            element.set("sz", str(chosen * 100))
    prs.save(str(target))
    return warnings


def _notes_box(prs) -> tuple[float, float]:
    """The notes placeholder's text area in points, from the notes master."""
    for shape in prs.notes_master.placeholders:
        if shape.placeholder_format.type == PP_PLACEHOLDER.BODY:
            return (shape.width - _INSETS[0]) / EMU_PER_PT, (shape.height - _INSETS[1]) / EMU_PER_PT
    return 6.0 * 72, 4.5 * 72
