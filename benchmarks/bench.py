#!/usr/bin/env python3
"""`make bench`: one table of build times and peak memory, with ratios measured in the same run.

Rows: cold all-locale build, warm one-locale build (in one process and as a whole process), the review site with
its pictures cached, `make deck` with nothing changed, one-bullet edit, 100 and 1000 synthetic slides; beside a bare python-pptx script writing the same slides (notes and pictures included) and pandoc
on the same content as Markdown when pandoc is installed. Figures only: tests never assert on time.
Targets: warm one-locale <= 1.5x the floor; cold all-locale <= 3 s on 2 cores; 1000 slides faster than pandoc and
per slide within 1.2x the floor's per-slide cost at 100 slides.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


import synthetic  # noqa: E402
from floor import floor  # noqa: E402
from lecturedeck.commands.build import available_locales, build, build_locales  # noqa: E402

REPEATS = 7


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


def processes_together(first: list[str], second: list[str], repeats: int = 9) -> tuple[float, float]:
    """Median wall times of two commands run as whole processes, alternately, so load hits both alike."""
    return timed_together(lambda: child(first), lambda: child(second), repeats)


TIME = shutil.which("time") if Path("/usr/bin/time").is_file() else None


def child(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of a command run as a child process.

    Memory comes from GNU time when installed: a child forked straight from this process would count the pages
    it shares with this (large) process at the fork, so its own peak would read too high.
    """
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [TIME, "-f", "%M", "-o", report.name, *command] if TIME else command
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"benchmark step failed: {' '.join(command)}")
        lines = report.read().split()
        peak_kib = int(lines[-1]) if TIME and lines else usage.ru_maxrss
    return seconds, peak_kib / 1024


def lecture_slides(deck, charts: dict[str, Path]) -> list:
    """The lecture as the floor writes it: the same texts and the chart pictures."""
    out = []
    for slide in deck.slides:
        texts = [text for _key, text in slide.texts()]
        out.append((texts[0] if texts else slide.id, texts[1:-1], texts[-1] if texts else "", charts.get(slide.id)))
    return out


def synthetic_slides(slides: int, picture: Path) -> list:
    deck = Path(tempfile.mkdtemp()) / "deck"
    synthetic.write_deck(deck, slides)
    from lecturedeck.source.loader import load_deck

    loaded = load_deck(deck)
    out = []
    for slide in loaded.slides:
        texts = [text for _key, text in slide.texts()]
        has_picture = slide.kind == "image"
        out.append((texts[0] if texts else slide.id, texts[1:-1], texts[-1] if texts else "",
                    picture if has_picture else None))
    shutil.rmtree(deck.parent)
    return out


FLOOR_CHILD = [sys.executable, str(ROOT / "benchmarks" / "floor.py")]  # + pickled slides, output file


def main() -> None:
    rows: list[tuple[str, float, str, str]] = []
    deck_dir = ROOT / "deck"
    locales = available_locales(deck_dir)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)

        # -- the lecture ------------------------------------------------------------------------------------
        def cold() -> None:
            shutil.rmtree(tmp / "cold", ignore_errors=True)
            list(build_locales(deck_dir, tmp / "cold", locales))

        cold_time = timed(cold, 3)
        result = build(deck_dir, tmp / "warm")
        charts = {slide_id: path for slide_id, path in result.resolved.charts.items()}
        lecture = lecture_slides(result.resolved.deck, charts)
        warm, floor_lecture = timed_together(lambda: build(deck_dir, tmp / "warm"), lambda: floor(lecture))
        rows.append((f"cold build, {len(locales)} locales, charts drawn", cold_time, "", "target <= 3 s"))
        rows.append(("warm build, one locale", warm, f"{warm / floor_lecture:.2f}x floor", "target <= 1.5x"))
        rows.append(("python-pptx floor, same slides", floor_lecture, "1.00x", ""))
        import pickle

        pickled = tmp / "lecture.pickle"
        pickled.write_bytes(pickle.dumps(lecture))
        ours_process = [sys.executable, str(ROOT / "build.py"), "build", str(deck_dir), "--locale", "en", "--out",
                        str(tmp / "warm")]
        warm_process, floor_process = processes_together(ours_process, FLOOR_CHILD + [str(pickled), str(tmp / "floor.pptx")])
        rows.append(("warm build, one locale, whole process", warm_process, f"{warm_process / floor_process:.2f}x floor",
                     "target <= 1.5x; process start and imports included"))
        rows.append(("python-pptx floor, same slides, whole process", floor_process, "1.00x", ""))

        if shutil.which("soffice"):  # the review site, its slide pictures already rendered, against the build it runs
            review = [sys.executable, str(ROOT / "build.py"), "review", str(deck_dir), "--out", str(tmp / "review")]
            all_locales = [sys.executable, str(ROOT / "build.py"), "build", str(deck_dir), "--all-locales", "--out",
                           str(tmp / "review-build")]
            child(review)
            child(all_locales)
            review_time, all_time = processes_together(review, all_locales, 5)
            rows.append((f"review site, {len(locales)} locales, pictures cached", review_time,
                         f"+{review_time - all_time:.2f} s", "beyond a warm all-locale build; target well under 1 s"))
        else:
            rows.append(("review site", float("nan"), "no LibreOffice", ""))

        copy = tmp / "copy"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "build", "node_modules", "__pycache__"))
        os.symlink(ROOT / ".venv", copy / ".venv")
        subprocess.run(["make", "-s", "deck"], cwd=copy, check=True, capture_output=True)
        noop = statistics.median(child(["make", "-s", "deck"], cwd=copy)[0] for _ in range(5))
        rows.append(("make deck, nothing changed", noop, "", "target < 0.1 s"))

        outline = copy / "deck" / "outline" / "01-context.yaml"
        text = outline.read_text(encoding="utf-8")
        build(copy / "deck", copy / "build")
        edits = []
        for index in range(REPEATS):
            outline.write_text(text.replace("Economic recovery", f"Economic recovery {index}"), encoding="utf-8")
            started = time.perf_counter()
            edited = build(copy / "deck", copy / "build")
            edits.append(time.perf_counter() - started)
            assert edited.changed == ["early-prc"], edited.changed
        rows.append(("one-bullet edit, one locale (no chart redrawn)", statistics.median(edits), "", ""))

        # -- scale ------------------------------------------------------------------------------------------
        picture = tmp / "photo.jpg"
        from PIL import Image

        Image.new("RGB", (1200, 900), "#8A6F4D").save(picture, quality=85)
        per_slide = {}
        memory = {}
        for count in (100, 1000):
            deck = synthetic.write_deck(tmp / f"syn{count}", count)
            build(deck, tmp / f"synout{count}")  # pictures and fonts ready; the timed run is a warm build
            code = (f"import sys, time; sys.path.insert(0, {str(ROOT)!r})\n"
                    f"from lecturedeck.commands.build import build\n"
                    f"build({str(deck)!r}, {str(tmp / f'synout{count}')!r})\n")
            ours, ours_mem = min((child([sys.executable, "-c", code]) for _ in range(3 if count == 100 else 1)),
                                 key=lambda pair: pair[0])
            import pickle

            data = tmp / f"floor{count}.pickle"
            pickle.dump(synthetic_slides(count, picture), open(data, "wb"))
            base, base_mem = min((child(FLOOR_CHILD + [str(data), str(tmp / "floor.pptx")]) for _ in range(3 if count == 100 else 1)),
                                 key=lambda pair: pair[0])
            slides = pickle.load(open(data, "rb"))
            inside = timed(lambda: build(deck, tmp / f"synout{count}"), 3 if count == 100 else 1)
            floor_inside = timed(lambda: floor(slides), 3 if count == 100 else 1)
            per_slide[count] = (inside / count, floor_inside / count)
            memory[count] = (ours_mem, base_mem)
            rows.append((f"{count} synthetic slides, one locale", ours, f"{ours / base:.2f}x floor", f"{ours_mem:.0f} MiB peak"))
            rows.append((f"python-pptx floor, {count} slides", base, "1.00x", f"{base_mem:.0f} MiB peak"))
            if shutil.which("pandoc"):
                markdown = synthetic.write_markdown(tmp / f"syn{count}.md", count, picture)
                pandoc, pandoc_mem = child(["pandoc", str(markdown), "-o", str(tmp / f"pandoc{count}.pptx")])
                rows.append((f"pandoc, {count} slides", pandoc, f"ours {ours / pandoc:.2f}x", f"{pandoc_mem:.0f} MiB peak"))
            else:
                rows.append((f"pandoc, {count} slides", float("nan"), "not installed", ""))

    print(f"{'what':50} {'seconds':>8}  {'ratio':<16} {'note'}")
    for name, seconds, ratio, note in rows:
        print(f"{name:50} {seconds:8.3f}  {ratio:<16} {note}")
    ours100, floor100 = per_slide[100]
    ours1000, floor1000 = per_slide[1000]
    print(f"per slide (in one process, start-up and imports excluded): ours {ours100 * 1000:.2f} ms at 100, {ours1000 * 1000:.2f} ms at 1000 "
          f"({ours1000 / ours100:.2f}x, target <= 1.3x); floor {floor100 * 1000:.2f} ms at 100, "
          f"{floor1000 * 1000:.2f} ms at 1000; ours at 1000 vs floor at 100: {ours1000 / floor100:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
