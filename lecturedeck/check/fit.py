"""Fit: every text box measured with the real fonts (the same measurement the builder sizes text with)."""

from __future__ import annotations

from pptx.oxml.ns import qn

from ..render.textfit import LINE_HEIGHT, Measurer, text_height
from ..render.xmltext import EMU_PER_PT, paragraphs_of
from .findings import Built, Finding

TOLERANCE_PT = 1.0
_DEFAULT_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}
_DEFAULT_CELL_MARGINS = {"marL": 91440, "marR": 91440, "marT": 45720, "marB": 45720}


def overflow(shape, measurer: Measurer) -> float:
    """How many points the shape's text is taller (or, unwrapped, wider) than its box; <= 0 when it fits."""
    tx_body = shape.text_frame._txBody
    body_pr = tx_body.find(qn("a:bodyPr"))
    insets = {side: int(body_pr.get(side, default)) if body_pr is not None else default
              for side, default in _DEFAULT_INSETS.items()}
    width = (shape.width - insets["lIns"] - insets["rIns"]) / EMU_PER_PT
    height = (shape.height - insets["tIns"] - insets["bIns"]) / EMU_PER_PT
    paragraphs = paragraphs_of(tx_body)
    if body_pr is not None and body_pr.get("wrap") == "none":
        widest = max((sum(measurer.width(r.text, size, r.bold, r.italic) for r in runs) + indent
                      for runs, size, indent, _b in paragraphs), default=0.0)
        tall = sum(size * LINE_HEIGHT + (before if i else 0) for i, (_r, size, _n, before) in enumerate(paragraphs))
        return max(widest - width, tall - height)
    return text_height(paragraphs, width, measurer) - height


def table_overflow(shape, measurer: Measurer) -> float:
    """How many points a table's rows need beyond the heights drawn (PowerPoint grows such rows, pushing the
    table down the slide); <= 0 when every cell fits its row."""
    table = shape._element.find(f".//{qn('a:tbl')}")
    widths = [int(col.get("w")) for col in table.iter(qn("a:gridCol"))]
    excess = 0.0
    for row in table.iter(qn("a:tr")):
        needed = 0.0
        for cell, width in zip(row.iter(qn("a:tc")), widths):
            tc_pr = cell.find(qn("a:tcPr"))
            margin = {side: int(tc_pr.get(side, default)) if tc_pr is not None else default
                      for side, default in _DEFAULT_CELL_MARGINS.items()}
            inner = (width - margin["marL"] - margin["marR"]) / EMU_PER_PT
            tall = text_height(paragraphs_of(cell.find(qn("a:txBody"))), inner, measurer)
            needed = max(needed, tall + (margin["marT"] + margin["marB"]) / EMU_PER_PT)
        excess += max(0.0, needed - int(row.get("h")) / EMU_PER_PT)
    return excess


def check_fit(built: Built) -> list[Finding]:
    """Any text box or table, on any slide, whose text does not fit inside it."""
    measurer = Measurer()  # the builder measures with the same metric-compatible font files
    found = []
    for number, slide in enumerate(built.prs.slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                excess = table_overflow(shape, measurer)
                if excess > TOLERANCE_PT:
                    found.append(built.finding("fit", f"table rows need {excess:.0f} pt more than drawn (expected "
                                                      f"every cell to fit its row: shape {shape.name!r})", slide=number))
                continue
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            excess = overflow(shape, measurer)
            if excess > TOLERANCE_PT:
                snippet = shape.text_frame.text.strip().splitlines()[0][:40]
                found.append(built.finding("fit", f"text overflows its box by {excess:.0f} pt "
                                                  f"(expected it to fit: shape {shape.name!r}, {snippet!r})", slide=number))
    return found
