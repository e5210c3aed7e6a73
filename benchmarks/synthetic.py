"""A synthetic lecture of N slides (bullets with notes, a picture every tenth slide) for scale benchmarks, and the
same content as Markdown for pandoc."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

WORDS = ("the great leap forward collectivization commune steel grain famine party cadres quotas backyard furnaces "
         "procurement harvest reports propaganda mobilization planning targets").split()


def _sentence(seed: int, length: int = 12) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)).capitalize()


def write_deck(folder: Path, slides: int) -> Path:
    """A deck folder with `slides` slides (title slide included) that `build.py build` accepts."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "outline").mkdir(parents=True)
    (folder / "assets" / "posters").mkdir(parents=True)
    (folder / "assets" / "data").mkdir(parents=True)
    Image.new("RGB", (1200, 900), "#8A6F4D").save(folder / "assets" / "posters" / "photo.jpg", quality=85)
    (folder / "deck.yaml").write_text(
        "title: Synthetic Lecture\nauthor: Bench\ncourse: Benchmarks\nterm: Fall 2026\ndate: 2026-09-01\n"
        "slug: synthetic\nassets: assets\noutline:\n  - outline/00-main.yaml\n", encoding="utf-8")
    lines = ["slides:", "  - id: title", "    kind: title", "    notes: Welcome."]
    for n in range(1, slides):
        lines += [f"  - id: s{n}", f"    title: \"Slide {n}: {_sentence(n, 5)}\"", f"    notes: \"{_sentence(n + 1, 30)}.\""]
        if n % 10 == 0:
            lines += ["    kind: image", "    images:", f"      - slot: photo-{n}", "        file: posters/photo.jpg",
                      "        aspect: \"4:3\"", "        alt: A brown test picture.", "        credit: Benchmark"]
        else:
            lines += ["    kind: bullets", "    bullets:"] + [f"      - \"{_sentence(n + b, 9)}\"" for b in range(4)]
    (folder / "outline" / "00-main.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_markdown(path: Path, slides: int, picture: Path) -> Path:
    """The same slides as pandoc Markdown (level-2 headings are slides; ::: notes are speaker notes)."""
    parts = ["---\ntitle: Synthetic Lecture\nauthor: Bench\n---\n"]
    for n in range(1, slides):
        parts.append(f"## Slide {n}: {_sentence(n, 5)}\n")
        if n % 10 == 0:
            parts.append(f"![A brown test picture.]({picture})\n")
        else:
            parts.extend(f"- {_sentence(n + b, 9)}\n" for b in range(4))
        parts.append(f"\n::: notes\n{_sentence(n + 1, 30)}.\n:::\n")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
