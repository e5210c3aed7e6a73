"""LibreOffice and poppler from Python: a deck to PDF (checked: soffice exits 0 even when it fails), pages to PNG."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..fonts import FONT_DIR

SOFFICE_HINT = "install LibreOffice: sudo apt-get install libreoffice-impress-nogui"
POPPLER_HINT = "install poppler: sudo apt-get install poppler-utils"


class OfficeError(Exception):
    """A conversion that did not produce what it should, with the reason."""


def soffice() -> str | None:
    """The LibreOffice command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


NOTES_PAGES = ('pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},'
               '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}')


def to_pdf(deck: Path, out_dir: Path, timeout: int = 300, *, notes_pages: bool = False) -> Path:
    """Convert a deck to PDF in out_dir with a private LibreOffice profile (its notes pages, one per slide, when
    asked); raise OfficeError unless a PDF appears."""
    command = soffice()
    if command is None:
        raise OfficeError(f"LibreOffice not found ({SOFFICE_HINT})")
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / (deck.stem + ".pdf")
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        try:
            done = subprocess.run([command, "--headless", f"-env:UserInstallation=file://{profile}/user", "--convert-to",
                                   NOTES_PAGES if notes_pages else "pdf", "--outdir", str(out_dir), str(deck)], capture_output=True, text=True,
                                  timeout=timeout, env=_env_with_project_fonts(Path(profile)))
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice did not finish within {timeout} s") from None
    if not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise OfficeError("LibreOffice wrote no PDF" + (f" ({detail[-1]})" if detail else ""))
    return pdf


def _env_with_project_fonts(folder: Path) -> dict[str, str]:
    """The environment for LibreOffice: fontconfig sees the system's fonts but takes Carlito only from the project's
    files, so Calibri renders with the same Carlito the deck was measured with on every machine."""
    conf = folder / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{FONT_DIR}</dir>
  <cachedir>{folder / "fontconfig"}</cachedir>
  <selectfont>
    <acceptfont><glob>{FONT_DIR}/*</glob></acceptfont>
    <rejectfont><glob>*/Carlito*</glob><glob>*/carlito*</glob></rejectfont>
  </selectfont>
</fontconfig>
""", encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def page_count(pdf: Path) -> int:
    """Pages in a PDF, by pdfinfo when installed, else by counting page objects."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60).stdout
        match = re.search(r"^Pages:\s+(\d+)", info, re.M)
        if match:
            return int(match[1])
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def to_pngs(pdf: Path, out_dir: Path, stem: str, dpi: int = 96) -> list[Path]:
    """One PNG per page (stem-01.png, ...) via pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise OfficeError(f"pdftoppm not found ({POPPLER_HINT})")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(out_dir / stem)], check=True,
                   capture_output=True, timeout=300)
    return sorted(out_dir.glob(f"{stem}-*.png"))
