"""The floor: a bare python-pptx script writing given slides (16:9, title, body, notes, picture), nothing else.

Run as a process (`floor.py SLIDES.pickle OUT.pptx`, the slides as (title, body lines, notes, picture path) tuples)
it imports python-pptx only, so it is what a whole-process build is measured against.
"""

from __future__ import annotations

import io
import pickle
import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Inches


def floor(slides: list[tuple[str, list[str], str, Path | None]], target: Path | None = None) -> None:
    """A bare python-pptx script: 16:9, each slide's title, body text, notes and picture, saved once."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = prs.slide_layouts[1]
    for title, body, notes, picture in slides:
        new = prs.slides.add_slide(layout)
        new.shapes.title.text = title
        new.placeholders[1].text_frame.text = "\n".join(body)
        new.notes_slide.notes_text_frame.text = notes
        if picture is not None:
            new.shapes.add_picture(str(picture), Inches(0.6), Inches(1.75), Inches(8), Inches(4.6))
    prs.save(str(target) if target else io.BytesIO())


if __name__ == "__main__":
    floor(pickle.loads(Path(sys.argv[1]).read_bytes()), Path(sys.argv[2]))
