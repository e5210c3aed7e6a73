"""Incremental, parallel and watched builds (behaviour only: speed is measured by benchmarks/bench.py)."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from lecturedeck.cli import cli
from conftest import ROOT
from lecturedeck.commands.build import build, build_locales
from lecturedeck.commands.watch import watch

BASE = Path(__file__).parent / "corpus" / "base"


def copy_lecture(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "deck", tmp_path / "deck", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "deck"


def test_editing_a_bullet_redraws_no_chart(tmp_path):
    deck = copy_lecture(tmp_path)
    out = tmp_path / "out"
    build(deck, out)
    charts = out / ".cache" / "charts"
    before = {path.name: path.stat().st_mtime_ns for path in charts.glob("*.png")}
    outline = deck / "outline" / "01-context.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("Economic recovery", "Economic recovery and growth"),
                       encoding="utf-8")
    result = build(deck, out)
    assert result.changed == ["early-prc"]
    assert {path.name: path.stat().st_mtime_ns for path in charts.glob("*.png")} == before


def test_a_chart_redrawn_the_same_is_not_reported_as_a_changed_slide(tmp_path, monkeypatch):
    """A new pipeline version (or a font installed) gives a chart a new cache name; the lecturer is told only about
    slides that look different."""
    from lecturedeck.resolve import charts as chart_module

    deck, out = tmp_path / "deck", tmp_path / "out"
    shutil.copytree(BASE, deck)
    build(deck, out)
    names = {path.name for path in (out / ".cache" / "charts").glob("*.png")}
    monkeypatch.setattr(chart_module, "RUNNER_VERSION", chart_module.RUNNER_VERSION + "-next")
    rebuilt = build(deck, out)
    assert {path.name for path in (out / ".cache" / "charts").glob("*.png")} - names, "the chart was not redrawn"
    assert rebuilt.changed == []
    (deck / "charts" / "growth.py").write_text((deck / "charts" / "growth.py").read_text(encoding="utf-8")
                                               .replace("ax.bar(", "ax.plot("), encoding="utf-8")
    assert build(deck, out).changed == ["growth"]


def test_a_chart_is_redrawn_when_its_data_or_translation_changes(tmp_path):
    deck = copy_lecture(tmp_path)
    out = tmp_path / "out"
    build(deck, out)
    count = len(list((out / ".cache" / "charts").glob("*.png")))
    data = tmp_path / "assets" / "data" / "grain_output.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("136.50", "136.60"), encoding="utf-8")
    assert build(deck, out).changed == ["economic-consequences"]
    assert len(list((out / ".cache" / "charts").glob("*.png"))) == count + 1


def test_parallel_locale_builds_give_the_same_bytes_as_one_by_one(tmp_path):
    deck = copy_lecture(tmp_path)
    locales = ["en", "zh_Hans", "zh_Hant"]
    together = dict(build_locales(deck, tmp_path / "together", locales))
    assert sorted(together) == locales and all(not isinstance(r, list) for r in together.values())
    for locale in locales:
        alone = build(deck, tmp_path / "alone", locale=locale, parallel_charts=False).path.read_bytes()
        assert together[locale].path.read_bytes() == alone, locale


def test_all_locales_prints_plain_progress_lines_when_not_on_a_terminal(tmp_path):
    deck = copy_lecture(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(deck), "--all-locales", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "[6/6] drawing charts" in lines  # two charts in each of three locales, drawn first
    building = [line for line in lines if line.startswith("[") and "] building: " in line]
    assert [line.split("]")[0] for line in building] == ["[1/3", "[2/3", "[3/3"]
    assert sorted(line.split(": ")[1] for line in building) == ["en", "zh_Hans", "zh_Hant"]
    built = [line.split()[1] for line in lines if line.startswith("built ")]
    assert [name.rsplit("-", 1)[1] for name in built] == ["en.pptx", "zh_Hans.pptx", "zh_Hant.pptx"]


def test_watch_rebuilds_on_save_and_survives_a_broken_save(tmp_path):
    deck = tmp_path / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    events, stop = [], threading.Event()
    thread = threading.Thread(target=watch, args=(deck, tmp_path / "out", ["en"], events.append),
                              kwargs={"stop_event": stop, "debounce_ms": 50}, daemon=True)
    thread.start()

    def wait_for(kind: str, count: int) -> None:
        deadline = time.time() + 60
        while sum(e.kind == kind for e in events) < count and time.time() < deadline:
            time.sleep(0.05)
        assert sum(e.kind == kind for e in events) >= count, [e.kind for e in events]

    try:
        wait_for("built", 1)
        time.sleep(0.5)  # the watcher is listening once the first build is reported
        outline = deck / "outline" / "00-main.yaml"
        outline.write_text(outline.read_text(encoding="utf-8").replace("Points", "More points"), encoding="utf-8")
        wait_for("built", 2)
        assert any(e.kind == "changed" and outline.resolve() in [p.resolve() for p in e.paths] for e in events)
        rebuilt = [e for e in events if e.kind == "built"][-1]
        assert rebuilt.result.changed == ["points"]

        outline.write_text("slides: [oops\n", encoding="utf-8")
        wait_for("failed", 1)
        failed = next(e for e in events if e.kind == "failed")
        assert failed.problems and "00-main.yaml" in failed.problems[0].format()
        assert thread.is_alive(), "a broken save must not stop the watcher"
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()


def test_watch_command_runs_until_interrupted(tmp_path):
    import signal
    import subprocess
    import sys

    deck = tmp_path / "deck"
    shutil.copytree(BASE, deck, symlinks=True)
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "watch", str(deck), "--out", str(tmp_path / "out")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        second = process.stdout.readline()
        assert first.startswith("watching ") and "(Ctrl-C to stop)" in first
        assert second.startswith("rebuilt ") and "base-deck-fall-2026-en.pptx" in second
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0 and "Traceback" not in err and "stopped watching" in out
