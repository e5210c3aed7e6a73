#!/usr/bin/env python3
"""Benchmark: cold and warm builds of the lecture deck against a bare python-pptx script writing the same slides.

Prints figures and ratios measured in this run (never asserted in tests). Target: warm build <= 1.5x the floor.
"""

from __future__ import annotations

import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pptx import Presentation  # noqa: E402
from pptx.util import Inches  # noqa: E402

from lecturedeck.model import slide_texts  # noqa: E402
from lecturedeck.pipeline import build  # noqa: E402

REPEATS = 9


def timed(function, repeats: int = REPEATS) -> float:
    """Median wall time of `function()` in seconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed_together(first, second, repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall times of two functions run alternately, so load on the machine hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for function, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def floor(deck, charts: list[Path], out: Path) -> None:
    """A bare python-pptx script: the same slides, titles, texts and notes, the chart pictures, saved once."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layout = prs.slide_layouts[1]
    pictures = iter(charts)
    for slide in deck.slides:
        texts = [text for _key, text in slide_texts(slide)]
        new = prs.slides.add_slide(layout)
        new.shapes.title.text = texts[0] if texts else slide.id
        new.placeholders[1].text_frame.text = "\n".join(texts[1:-1])
        new.notes_slide.notes_text_frame.text = texts[-1] if texts else ""
        if slide.kind == "chart":
            new.shapes.add_picture(str(next(pictures)), Inches(0.6), Inches(1.75), Inches(12.1), Inches(4.6))
    prs.save(io.BytesIO())
    out.touch()


def main() -> None:
    deck_dir = ROOT / "deck"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)

        def cold() -> None:
            shutil.rmtree(tmp / "cold", ignore_errors=True)
            build(deck_dir, tmp / "cold")

        cold_time = timed(cold, 3)
        deck = build(deck_dir, tmp / "warm").resolved.deck  # the slides as built, the generated credits slide too
        charts = sorted((tmp / "warm" / ".cache" / "charts").glob("*.png"))
        warm_time, floor_time = timed_together(lambda: build(deck_dir, tmp / "warm"),
                                               lambda: floor(deck, charts, tmp / "floor.done"))
    rows = [
        ("cold build (charts drawn)", cold_time),
        ("warm build (charts cached)", warm_time),
        ("python-pptx floor, same slides", floor_time),
    ]
    print(f"{'what':34} {'seconds':>8} {'x floor':>8}")
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.3f} {seconds / floor_time:8.2f}")
    print(f"slides: {len(deck.slides)}; target: warm build <= 1.50x floor "
          f"({'met' if warm_time <= 1.5 * floor_time else 'not met'})")


if __name__ == "__main__":
    main()
