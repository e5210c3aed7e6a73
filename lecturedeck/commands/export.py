"""Export for review without PowerPoint: each locale's deck as PDF, one PNG per slide, and a contact sheet."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..fonts import latin_file
from ..output import office
from ..output.handout import handout_copy
from ..problems import DeckError, Problem
from ..steps import step
from .build import available_locales, build

SHEET_COLUMNS = 4
THUMB_WIDTH = 400
GAP = 16


@dataclass
class Exported:
    """What was written for one locale."""

    locale: str
    deck: Path
    pdf: Path | None = None
    pngs: list[Path] = field(default_factory=list)
    sheet: Path | None = None
    handout: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def export(deck_dir: Path, out_dir: Path, *, pdf: bool = True, png: bool = True, handout: bool = False,
           locales: list[str] | None = None, term: str | None = None) -> list[Exported]:
    """Build each locale in a temporary folder and write its deck, its PDF and/or slide PNGs and a contact sheet
    into out_dir (which gets no build cache), and a handout (one page per slide with its speaker notes under it)
    when asked."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise DeckError([Problem(out_dir, None, "--out", "output path is a file (expected a folder)")])
    done = []
    for locale in locales or available_locales(deck_dir):
        with tempfile.TemporaryDirectory() as tmp:  # the build's cache stays out of the folder handed to reviewers
            with step(f"building {locale} to export it"):
                result = build(deck_dir, Path(tmp) / "build", locale=locale, term=term)
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                deck = out_dir / result.path.name
                shutil.copyfile(result.path, deck)
            except OSError as exc:
                raise DeckError([Problem(out_dir, None, "--out", f"cannot write the export ({exc.strerror})")]) from None
            exported = Exported(locale, deck)
            with step(f"exporting {deck.name} through LibreOffice and poppler"):
                try:
                    if pdf or png:
                        made = _pdf(deck, Path(tmp), result.slides)
                        if pdf:
                            exported.pdf = out_dir / made.name
                            shutil.copyfile(made, exported.pdf)
                        if png:
                            exported.pngs = office.to_pngs(made, out_dir / result.path.stem, "slide")
                            exported.sheet = contact_sheet(exported.pngs, out_dir / f"{result.path.stem}-contact.png")
                    if handout:
                        copy = Path(tmp) / "handout" / deck.name
                        copy.parent.mkdir()
                        exported.warnings = handout_copy(deck, copy)
                        made = _pdf(copy, Path(tmp) / "handout", result.slides, notes_pages=True)
                        exported.handout = out_dir / f"{result.path.stem}-handout.pdf"
                        shutil.copyfile(made, exported.handout)
                except office.OfficeError as exc:
                    raise DeckError([Problem(deck, None, "export", str(exc))]) from None
        done.append(exported)
    return done


def _pdf(deck: Path, folder: Path, slides: int, notes_pages: bool = False) -> Path:
    """The deck (or its notes pages) as PDF in folder, checked to have one page per slide."""
    made = office.to_pdf(deck, folder, notes_pages=notes_pages)
    pages = office.page_count(made)
    if pages != slides:
        raise office.OfficeError(f"LibreOffice printed {pages} pages (expected one per slide: {slides})")
    return made


def contact_sheet(pngs: list[Path], target: Path) -> Path:
    """All slides on one image, numbered, four to a row."""
    thumbs = []
    for path in pngs:
        with Image.open(path) as image:
            scale = THUMB_WIDTH / image.width
            thumbs.append(image.convert("RGB").resize((THUMB_WIDTH, round(image.height * scale)),
                                                      Image.Resampling.LANCZOS))
    if not thumbs:
        raise DeckError([Problem(target, None, "export", "no slide images to put on a contact sheet")])
    label = 22
    height = max(t.height for t in thumbs)
    rows = (len(thumbs) + SHEET_COLUMNS - 1) // SHEET_COLUMNS
    sheet = Image.new("RGB", (SHEET_COLUMNS * (THUMB_WIDTH + GAP) + GAP, rows * (height + label + GAP) + GAP), "#D9D4CC")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(latin_file()), 16, layout_engine=ImageFont.Layout.BASIC)  # as textfit measures
    for index, thumb in enumerate(thumbs):
        x = GAP + (index % SHEET_COLUMNS) * (THUMB_WIDTH + GAP)
        y = GAP + (index // SHEET_COLUMNS) * (height + label + GAP)
        draw.text((x, y), str(index + 1), fill="#1F2A36", font=font)
        sheet.paste(thumb, (x, y + label))
    sheet.save(target, optimize=True)
    return target
