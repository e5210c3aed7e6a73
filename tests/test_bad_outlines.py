"""The CLI on a corpus of broken decks: every case fails with exactly the problems in its expected.txt.

Each folder under corpus/bad_outlines/ is a small deck (deck.yaml, outline/, assets/data/) that is valid except
for one mistake (or, in `several-problems`, a few). expected.txt holds the exact stderr lines of
`python build.py build . --out DIR` run inside the case folder, so file paths print relative to it. A case whose
message is wrong today holds what it should say, and an xfail.txt with the reason (strict: a fix turns it red
until the xfail.txt is removed).
"""

from __future__ import annotations

import shutil
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner
from lecturedeck.cli import cli
from conftest import FAULTS
from deckread import open_deck, title_of

CORPUS = Path(__file__).parent / "corpus"
BAD_CASES = sorted(path for path in (CORPUS / "bad_outlines").glob("*/") if path.is_dir())
GOOD = CORPUS / "good_outlines" / "yaml11-surprises"


def _bad_params() -> list:
    params = []
    for case in BAD_CASES:
        reason = case / "xfail.txt"
        marks = [pytest.mark.xfail(reason=reason.read_text(encoding="utf-8").strip(), strict=True)] if reason.is_file() else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def run_build(deck_dir: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """`build . --out out_dir` with the working directory set to deck_dir (so paths print relative to it)."""
    monkeypatch.chdir(deck_dir)
    return CliRunner().invoke(cli, ["build", ".", "--out", str(out_dir)])


def assert_clean_exit(result, code: int) -> None:
    """The CLI ended through sys.exit/return (not an uncaught exception) with `code`, and printed no traceback."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        detail = "".join(traceback.format_exception(*result.exc_info))
        pytest.fail(f"the CLI raised instead of reporting a problem:\n{detail}")
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert result.exit_code == code, f"exit code {result.exit_code}; stderr:\n{result.stderr}"


def test_corpus_is_there():
    assert len(BAD_CASES) >= 30
    for case in BAD_CASES:
        assert (case / "deck.yaml").is_file(), case
        assert (case / "assets" / "data").is_dir(), case
        assert (case / "expected.txt").is_file(), case


@pytest.mark.parametrize("case", _bad_params())
def test_bad_outline(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    result = run_build(case, out, monkeypatch)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    FAULTS["tried"] += 1
    FAULTS["tracebacks"] += int(result.exception is not None and not isinstance(result.exception, SystemExit))
    FAULTS["clear errors"] += int(result.exit_code == 1 and bool(result.stderr.strip()))
    assert_clean_exit(result, 1)
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""
    assert not list(out.rglob("*.pptx"))


# -- a failed build leaves the previous deck alone -------------------------------------------------------------

def _break_outline(deck: Path) -> None:
    """A loader error: a slide without its required notes."""
    path = deck / "outline" / "00-main.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: late\n    kind: agenda\n    title: Late\n",
                    encoding="utf-8")


def _break_chart(deck: Path) -> None:
    """An error found only after loading: a chart script that raises while drawing."""
    (deck / "charts").mkdir()
    (deck / "charts" / "late.py").write_text("def draw(fig, ctx):\n    raise RuntimeError('no data yet')\n",
                                             encoding="utf-8")
    path = deck / "outline" / "00-main.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: late\n    kind: chart\n    title: Late\n    chart: charts/late.py\n"
        "    alt: Nothing yet.\n    source: Nobody\n    notes: Later.\n"), encoding="utf-8")


@pytest.mark.parametrize("breakage", [_break_outline, _break_chart], ids=["loader-error", "chart-error"])
def test_failed_build_keeps_previous_deck(breakage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    deck = tmp_path / "deck"
    shutil.copytree(GOOD, deck)
    out = tmp_path / "out"
    first = run_build(deck, out, monkeypatch)
    assert_clean_exit(first, 0)
    built = sorted(out.glob("*.pptx"))
    assert len(built) == 1
    before = built[0].read_bytes()

    breakage(deck)
    second = run_build(deck, out, monkeypatch)
    assert_clean_exit(second, 1)
    assert second.stderr.splitlines()[-1].startswith("build failed: 1 problem;")
    assert sorted(out.glob("*.pptx")) == built
    assert built[0].read_bytes() == before
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


# -- YAML 1.1 surprises stay text -------------------------------------------------------------------------------

def _paragraphs(shape) -> list[str]:
    return [p.text for p in shape.text_frame.paragraphs] if shape.has_text_frame else []


def test_yaml11_surprises_case_is_as_typed():
    """The good case's source really holds the bare YAML 1.1 look-alikes the next test expects back."""
    source = (GOOD / "outline" / "00-main.yaml").read_text(encoding="utf-8")
    for line in ("subtitle: yes", "title: no", "- 3.10", "- 2026-09-01", "- on", "text: off", "notes: 012"):
        assert f" {line}\n" in source


def test_yaml11_surprises_stay_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    result = run_build(GOOD, out, monkeypatch)
    assert_clean_exit(result, 0)
    assert result.stderr == ""
    (path,) = out.glob("*.pptx")
    assert path.name == "test-deck-fall-2026-en.pptx"
    title_slide, bullets_slide = open_deck(path).slides

    title_texts = [t for shape in title_slide.shapes for t in _paragraphs(shape)]
    assert "yes" in title_texts  # subtitle: yes

    assert title_of(bullets_slide) == "no"  # title: no
    body = [t for shape in bullets_slide.shapes if shape != bullets_slide.shapes.title for t in _paragraphs(shape)]
    typed = ["3.10", "2026-09-01", "on", "off", "0x1F", "1e3", "~x", "null text"]
    start = body.index(typed[0])
    assert body[start:start + len(typed)] == typed
    assert bullets_slide.notes_slide.notes_text_frame.text == "012"  # notes: 012


def test_documented_nulls_are_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    result = run_build(CORPUS / "good_outlines" / "documented-nulls", out, monkeypatch)
    assert_clean_exit(result, 0)
    assert result.stderr == ""
    (path,) = out.glob("*.pptx")
    title_slide = open_deck(path).slides[0]
    texts = [t for shape in title_slide.shapes for t in _paragraphs(shape)]
    assert "~" not in texts and "null" not in texts
