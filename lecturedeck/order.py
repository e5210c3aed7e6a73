"""Reading order: screen readers read a slide's shapes in shape-tree order, so that order should be the visual one."""

from __future__ import annotations

from pptx.oxml.ns import qn

TITLE_TYPES = {"title", "ctrTitle"}
FOOTER_TYPES = {"ftr", "sldNum", "dt"}
ROW_TOLERANCE = int(0.15 * 914400)  # shapes whose tops differ by less than this read left to right
_SHAPE_TAGS = {qn("p:sp"), qn("p:pic"), qn("p:graphicFrame"), qn("p:grpSp"), qn("p:cxnSp")}
_PH = f"./*[1]/{qn('p:nvPr')}/{qn('p:ph')}"
_OFF = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}"
_FRAME_OFF = f"{qn('p:xfrm')}/{qn('a:off')}"


def placeholder_type(element) -> str | None:
    """A shape element's placeholder type (`obj` when unnamed), or None for a plain shape."""
    ph = element.find(_PH)
    return None if ph is None else ph.get("type", "obj")


def position(shape) -> tuple[int, int]:
    """(top, left) of a python-pptx shape in EMU, read from its own a:off when it has one (fast), else inherited."""
    off = shape._element.find(_OFF)
    if off is None:
        off = shape._element.find(_FRAME_OFF)
    if off is not None:
        return int(off.get("y", 0)), int(off.get("x", 0))
    return shape.top or 0, shape.left or 0


def visual_order(shapes) -> list:
    """python-pptx shapes in reading order: titles first, then rows top to bottom (left to right within a
    row), footers and slide numbers last."""
    def group(shape) -> int:
        kind = placeholder_type(shape._element)
        return 0 if kind in TITLE_TYPES else 2 if kind in FOOTER_TYPES else 1

    places = {id(shape): position(shape) for shape in shapes}
    ordered = []
    for rank in (0, 1, 2):
        members = sorted((s for s in shapes if group(s) == rank), key=lambda s: places[id(s)])
        rows: list[list] = []
        for shape in members:
            if rows and abs(places[id(shape)][0] - places[id(rows[-1][0])][0]) < ROW_TOLERANCE:
                rows[-1].append(shape)
            else:
                rows.append([shape])
        ordered += [shape for row in rows for shape in sorted(row, key=lambda s: places[id(s)][1])]
    return ordered


def put_in_reading_order(slide) -> None:
    """Rearrange the slide's shape tree into visual order (none of our shapes overlap, so drawing is unchanged)."""
    tree = slide.shapes._spTree
    for shape in visual_order(list(slide.shapes)):
        element = shape._element
        tree.remove(element)
        tree.append(element)


def is_shape(element) -> bool:
    """True for the elements a shape tree reads out (not its own properties)."""
    return element.tag in _SHAPE_TAGS
