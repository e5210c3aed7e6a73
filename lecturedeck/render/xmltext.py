"""Read written text back from DrawingML as measurable paragraphs (for the fit check and the handout)."""

from __future__ import annotations

from pptx.oxml.ns import qn

from ..source.markup import Run
from .textfit import BREAK

EMU_PER_PT = 12700


def paragraphs_of(tx_body) -> list[tuple[list[Run], float, float, float]]:
    """(runs, size pt, left indent pt, space before pt) for each paragraph of a txBody."""
    out = []
    for p in tx_body.iter(qn("a:p")):
        runs, sizes = [], []
        for r in p:
            if r.tag == qn("a:br"):
                runs.append(Run(BREAK))
                continue
            if r.tag not in (qn("a:r"), qn("a:fld")):
                continue
            rpr = r.find(qn("a:rPr"))
            text = r.findtext(qn("a:t")) or ""
            bold = rpr is not None and rpr.get("b") == "1"
            italic = rpr is not None and rpr.get("i") == "1"
            if rpr is not None and rpr.get("cap") == "all":  # drawn in capitals, so measured in capitals
                text = text.upper()
            runs.append(Run(text, bold, italic))
            if rpr is not None and rpr.get("sz"):
                sizes.append(int(rpr.get("sz")) / 100)
        end = p.find(qn("a:endParaRPr"))
        size = max(sizes) if sizes else (int(end.get("sz")) / 100 if end is not None and end.get("sz") else 18.0)
        ppr = p.find(qn("a:pPr"))
        indent = int(ppr.get("marL", 0)) / EMU_PER_PT if ppr is not None else 0.0
        spacing = p.find(f"{qn('a:pPr')}/{qn('a:spcBef')}/{qn('a:spcPts')}")
        before = int(spacing.get("val")) / 100 if spacing is not None else 0.0
        out.append((runs, size, indent, before))
    return out
