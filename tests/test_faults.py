"""Faults while writing: a build killed at any moment, a disk that is full or not writable, two builds at once.
Every case must leave the last good deck whole and no temporary files after the next build."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from lecturedeck.cli import cli
from conftest import FAULTS, ROOT
from lecturedeck.output import writer
from lecturedeck.commands.build import build

BASE = Path(__file__).parent / "corpus" / "base"


def whole(path: Path) -> bool:
    """The file is a complete, readable zip package."""
    try:
        with zipfile.ZipFile(path) as package:
            return package.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.startswith(".") and ".tmp" in p.name]


@pytest.fixture
def deck(tmp_path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(BASE, folder, symlinks=True)
    return folder


def test_a_build_killed_at_any_moment_leaves_the_previous_deck_whole(deck, tmp_path):
    out = tmp_path / "out"
    path = build(deck, out).path
    previous = path.read_bytes()
    rng = random.Random(1958)
    for attempt in range(8):
        (deck / "deck.yaml").write_text((BASE / "deck.yaml").read_text().replace("Base Deck", f"Base Deck {attempt}"),
                                        encoding="utf-8")
        new = build(deck, tmp_path / f"reference-{attempt}").path.read_bytes()
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", str(deck), "--out", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        FAULTS["tried"] += 1
        data = path.read_bytes()
        FAULTS["decks lost"] += int(data not in (previous, new))
        assert data in (previous, new), f"attempt {attempt}: after SIGKILL the deck is neither the old one nor the new one"
        assert whole(path)
        previous = data
    (out / f".{path.name}.killed.tmp").write_bytes(b"PK\x03\x04 half a deck")  # as a kill during write leaves it
    build(deck, out)
    assert temporaries(out) == [], "the next build removes what killed builds left"
    assert whole(path)


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")])
def test_disk_full_or_not_writable_is_a_clear_error_and_the_deck_stays(deck, tmp_path, monkeypatch, code, words):
    out = tmp_path / "out"
    path = build(deck, out).path
    before = path.read_bytes()
    (deck / "deck.yaml").write_text((BASE / "deck.yaml").read_text().replace("Base Deck", "Changed"), encoding="utf-8")

    def failing_fsync(_fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(writer.os, "fsync", failing_fsync)
    result = CliRunner().invoke(cli, ["build", str(deck), "--out", str(out)])
    FAULTS["tried"] += 1
    FAULTS["tracebacks"] += int(result.exception is not None and not isinstance(result.exception, SystemExit))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"cannot write the deck ({words}); the previous deck is unchanged" in result.stderr
    FAULTS["clear errors"] += 1
    assert path.read_bytes() == before
    assert temporaries(out) == []


def test_two_builds_of_the_same_deck_at_once_give_one_whole_deck(deck, tmp_path):
    out = tmp_path / "out"
    build(deck, out)  # charts cached, so both runs reach the writing step together
    command = [sys.executable, str(ROOT / "build.py"), "build", str(deck), "--out", str(out)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    results = [run.communicate(timeout=300) for run in runs]
    FAULTS["tried"] += 1
    assert [run.returncode for run in runs] == [0, 0, 0], results
    (path,) = out.glob("*.pptx")
    assert whole(path) and temporaries(out) == []
    assert path.read_bytes() == build(deck, tmp_path / "fresh").path.read_bytes()
