"""Property tests (hypothesis): random valid outlines build and reopen with all their text; random Unicode in
titles, bullets and notes gives a clean error or a valid deck, never a traceback or a corrupt file."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from lecturedeck.cli import cli
from conftest import FAULTS
from deckread import slide_texts
from lecturedeck.check.clients import validator
from lecturedeck.source.markup import plain

BASE = Path(__file__).parent / "corpus" / "base"
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz大躍進人民公社ABCXYZ0123456789", min_size=1, max_size=12)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def sentences(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    if draw(st.booleans()) and len(words) > 2:
        words[1] = f"**{words[1]}**"
    return " ".join(words)


@st.composite
def outlines(draw):
    slides = [{"id": "title", "kind": "title", "notes": draw(sentences())}]
    for index in range(draw(st.integers(1, 6))):
        bullets = []
        for _ in range(draw(st.integers(1, 4))):
            sub = draw(st.lists(sentences(), max_size=2))
            bullets.append({"text": draw(sentences()), "sub": sub} if sub else draw(sentences()))
        slides.append({"id": f"s{index}", "kind": "bullets", "title": draw(sentences()), "bullets": bullets,
                       "notes": draw(sentences())})
    return slides


def write_deck(folder: Path, slides: list) -> None:
    shutil.copytree(BASE, folder, symlinks=True, ignore=shutil.ignore_patterns("locales"))
    (folder / "outline" / "00-main.yaml").write_text(yaml.safe_dump({"slides": slides}, allow_unicode=False),
                                                     encoding="utf-8")


def texts_of(slides: list) -> list[str]:
    out = []
    for slide in slides:
        out += [slide.get("title", ""), slide["notes"]]
        for bullet in slide.get("bullets", []):
            out += [bullet] if isinstance(bullet, str) else [bullet["text"], *bullet["sub"]]
    return [plain(t) for t in out if t]


@SETTINGS
@given(outlines())
def test_random_valid_outlines_build_and_reopen_with_all_their_text(slides):
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck"
        write_deck(deck, slides)
        result = CliRunner().invoke(cli, ["build", str(deck), "--out", str(Path(tmp) / "out")])
        assert result.exit_code == 0, result.output
        prs = Presentation(str(next((Path(tmp) / "out").glob("*.pptx"))))
        shown = "\n".join(slide_texts(prs)) + "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
        for text in texts_of(slides):
            assert text in shown


# Printable text from every script (mostly valid decks) and text with anything at all (mostly clean errors).
ANY_TEXT = st.one_of(st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=40),
                     st.text(st.characters(exclude_categories=()), min_size=1, max_size=40))


@SETTINGS
@given(title=ANY_TEXT, bullet=ANY_TEXT, notes=ANY_TEXT)
def test_random_unicode_gives_a_clean_error_or_a_valid_deck(title, bullet, notes):
    slides = [{"id": "title", "kind": "title", "notes": "Welcome."},
              {"id": "s", "kind": "bullets", "title": title, "bullets": [bullet], "notes": notes}]
    with tempfile.TemporaryDirectory() as tmp:
        deck, out = Path(tmp) / "deck", Path(tmp) / "out"
        write_deck(deck, slides)
        result = CliRunner().invoke(cli, ["build", str(deck), "--out", str(out)])
        FAULTS["tried"] += 1
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        FAULTS["tracebacks"] += int(crashed)
        assert not crashed, repr(result.exception)
        assert result.exit_code in (0, 1) and "Traceback" not in result.output
        if result.exit_code == 1:
            FAULTS["clear errors"] += 1
            assert "00-main.yaml:" in result.stderr and not list(out.glob("*.pptx"))
            return
        path = next(out.glob("*.pptx"))
        Presentation(str(path))
        command = validator()
        if command:
            checked = subprocess.run([command, str(path)], capture_output=True, text=True, timeout=120)
            FAULTS["decks lost"] += int(checked.returncode != 0)
            assert checked.returncode == 0, checked.stdout[-2000:]
