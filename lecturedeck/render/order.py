"""Reading order: screen readers read a slide's shapes in shape-tree order, so that order should be the visual one."""

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.shapes.shapetree import SlideShapeFactory

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
    own = _own_position(shape._element)
    return own if own is not None else (shape.top or 0, shape.left or 0)


def _own_position(element) -> tuple[int, int] | None:
    off = element.find(_OFF)
    if off is None:
        off = element.find(_FRAME_OFF)
    return (int(off.get("y", 0)), int(off.get("x", 0))) if off is not None else None


def _rank(element) -> int:
    kind = placeholder_type(element)
    return 0 if kind in TITLE_TYPES else 2 if kind in FOOTER_TYPES else 1


def reading_order(items: list[tuple[object, int, int, int]]) -> list:
    """Keys of (key, rank, top, left) items in reading order: by rank (titles, body, footers), then rows top to
    bottom (tops closer than ROW_TOLERANCE share a row), left to right within a row."""
    ordered = []
    for rank in (0, 1, 2):
        rows: list[list] = []
        for item in sorted((i for i in items if i[1] == rank), key=lambda i: (i[2], i[3])):
            if rows and abs(item[2] - rows[-1][0][2]) < ROW_TOLERANCE:
                rows[-1].append(item)
            else:
                rows.append([item])
        ordered += [item[0] for row in rows for item in sorted(row, key=lambda i: i[3])]
    return ordered


def visual_order(shapes) -> list:
    """python-pptx shapes in reading order: titles first, then rows top to bottom (left to right within a
    row), footers and slide numbers last."""
    return reading_order([(shape, _rank(shape._element), *position(shape)) for shape in shapes])


def put_in_reading_order(slide) -> None:
    """Rearrange the slide's shape tree into visual order (none of our shapes overlap, so drawing is unchanged)."""
    tree = slide.shapes._spTree
    items = []
    for element in [child for child in tree if is_shape(child)]:
        place = _own_position(element)
        if place is None:  # a placeholder placed by its layout (an institution's template): ask python-pptx
            shape = SlideShapeFactory(element, slide.shapes)
            place = (shape.top or 0, shape.left or 0)
        items.append((element, _rank(element), *place))
    for element in reading_order(items):
        tree.remove(element)
        tree.append(element)


def is_shape(element) -> bool:
    """True for the elements a shape tree reads out (not its own properties)."""
    return element.tag in _SHAPE_TAGS
