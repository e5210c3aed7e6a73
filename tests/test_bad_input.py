"""Bad input and failures beyond the corpus: a failure in any stage that is not the user's is one line, a crash log
and exit status 2 (never a traceback, never a changed deck); chart scripts run in child processes the build can
always stop; decks get the user's umask; two deck folders cannot overwrite each other's deck."""

from __future__ import annotations

import errno
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FAULTS, ROOT
from lecturedeck.cli import cli
from lecturedeck.commands.build import build

BASE = Path(__file__).parent / "corpus" / "base"
SECOND = ROOT / "examples" / "reform-era"


@pytest.fixture
def deck(tmp_path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(BASE, folder, symlinks=True)
    return folder


def run(*args, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, [str(a) for a in args])
    finally:
        os.chdir(old)


def decks(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.pptx"))}


def assert_crash_reported(result, out: Path | None, doing: str, status: int = 2) -> Path:
    """Exit 2, one line naming the step and the crash log, no traceback; returns the log."""
    FAULTS["tried"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    FAULTS["tracebacks"] += int(crashed or "Traceback" in result.output)
    assert not crashed, repr(result.exception)
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("internal error while")]
    assert lines, result.stderr
    line = lines[0]
    assert doing in line, line
    assert "RuntimeError: injected" in line and "This is a bug in lecturedeck" in line
    log = Path(line.rsplit("Crash log for a bug report: ", 1)[1].split(" Watching")[0])
    log = log if log.is_absolute() else Path.cwd() / log
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: injected" in text and doing in text
    if out is not None:
        assert log.parent == out.resolve() or log.parent == Path(os.path.realpath(out))
    else:
        import tempfile

        assert log.parent == Path(tempfile.gettempdir())
    FAULTS["clear errors"] += 1
    return log


def injected(*_args, **_kwargs):
    raise RuntimeError("injected")


# -- no traceback, ever: a failure injected into each stage ------------------------------------------------------

STAGES = [
    ("load", "lecturedeck.source.loader._read_outline", "loading the deck"),
    ("localize", "lecturedeck.resolve.resolve.localize", "applying the en translations"),
    ("pictures", "lecturedeck.resolve.resolve.prepare_cached", "preparing the picture assets/posters/left.jpg for slot left"),
    ("theme", "lecturedeck.resolve.resolve.load_theme", "reading the theme"),
    ("generated slides", "lecturedeck.resolve.resolve.GENERATORS", "generating the slides the pipeline adds"),
    ("template", "lecturedeck.render.deck.open_template", "making the default template"),
    ("render title", "lecturedeck.kinds.title.TitleSlide.render", "rendering slide 1, title (kind title)"),
    ("render bullets", "lecturedeck.kinds.bullets.BulletsSlide.render", "rendering slide 2, points (kind bullets)"),
    ("render image", "lecturedeck.kinds.image.ImageSlide.render", "rendering slide 3, pictures (kind image)"),
    ("render chart", "lecturedeck.kinds.chart.ChartSlide.render", "rendering slide 4, growth (kind chart)"),
    ("render credits", "lecturedeck.kinds.credits.CreditsSlide.render", "rendering slide 5, credits (kind credits)"),
    ("write", "lecturedeck.commands.build.deck_bytes", "writing "),
]


@pytest.mark.parametrize("target, doing", [stage[1:] for stage in STAGES], ids=[stage[0] for stage in STAGES])
def test_a_failure_in_any_build_stage_is_one_line_a_crash_log_and_status_2(target, doing, deck, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(deck, out)
    good = decks(out)
    monkeypatch.setattr(target, [injected] if target.endswith("GENERATORS") else injected)
    result = run("build", ".", "--out", out, cwd=deck)
    assert_crash_reported(result, out, doing)
    assert decks(out) == good
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("kind", ["part", "agenda"])
def test_a_failure_rendering_the_second_decks_kinds_is_reported_too(kind, tmp_path, monkeypatch):
    folder = tmp_path / "reform-era"
    shutil.copytree(SECOND, folder)
    module = __import__(f"lecturedeck.kinds.{kind}", fromlist=["x"])
    cls = next(value for name, value in vars(module).items() if name.endswith("Slide") and value.__module__ == module.__name__)
    monkeypatch.setattr(cls, "render", injected)
    result = run("build", folder, "--out", tmp_path / "out")
    assert_crash_reported(result, tmp_path / "out", f"(kind {kind})")


def test_a_failure_inside_a_chart_child_is_a_crash_not_the_scripts_fault(deck, tmp_path, monkeypatch):
    from lecturedeck.resolve import chartdraw

    monkeypatch.setattr(chartdraw, "_text_problems", injected)  # runs in the child, after the script
    result = run("build", ".", "--out", tmp_path / "out", cwd=deck)
    log = assert_crash_reported(result, tmp_path / "out", "drawing the chart charts/growth.py")
    assert "chartdraw.py" in log.read_text(encoding="utf-8")  # the child's own traceback is in the log


def test_a_crash_in_one_locale_of_a_parallel_build_is_reported_with_the_others(deck, tmp_path, monkeypatch):
    from lecturedeck.commands import build as build_module

    original = build_module.build

    def crash_in_fr(*args, **kwargs):
        if kwargs.get("locale") == "fr":
            raise RuntimeError("injected")
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "build", crash_in_fr)
    result = run("build", ".", "--all-locales", "--out", tmp_path / "out", cwd=deck)
    assert_crash_reported(result, tmp_path / "out", "building fr")
    assert "built " in result.stdout and "-en.pptx" in result.stdout  # English was built and reported


def test_a_worker_process_that_dies_is_a_crash_not_broken_process_pool(deck, tmp_path, monkeypatch):
    from lecturedeck.commands import build as build_module

    original = build_module.build

    def die_in_fr(*args, **kwargs):
        if kwargs.get("locale") == "fr":
            os._exit(9)
        return original(*args, **kwargs)

    monkeypatch.setattr(build_module, "build", die_in_fr)
    result = run("build", ".", "--all-locales", "--out", tmp_path / "out", cwd=deck)
    FAULTS["tried"] += 1
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "internal error while building fr: BrokenProcessPool" in result.stderr
    FAULTS["clear errors"] += 1


def test_check_export_and_i18n_commands_report_crashes_the_same_way(deck, tmp_path, monkeypatch):
    import tempfile

    from lecturedeck.commands import check, export, i18n

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # commands without --out log to the temporary folder
    with monkeypatch.context() as patch:
        patch.setattr(check, "check_built", injected)
        assert_crash_reported(run("check", ".", "--no-clients", "--locale", "en", cwd=deck), None,
                              "checking the en deck")
    with monkeypatch.context() as patch:
        patch.setattr(export.office, "to_pdf", injected)
        out = tmp_path / "export"
        assert_crash_reported(run("export", ".", "--out", out, "--locale", "en", cwd=deck), out, "exporting ")
    for args, doing in ((["i18n", "extract", "."], "extracting the translatable texts"),
                        (["i18n", "status", "."], "counting the translations")):
        with monkeypatch.context() as patch:
            patch.setattr(i18n, "deck_entries", injected)
            assert_crash_reported(run(*args, cwd=deck), None, doing)
    with monkeypatch.context() as patch:
        patch.setattr(i18n.cat, "merge", injected)
        assert_crash_reported(run("i18n", "update", ".", cwd=deck), None, "merging the template into fr.po")


def test_watch_reports_a_crash_and_keeps_watching(deck, tmp_path, monkeypatch):
    import watchfiles

    from lecturedeck.kinds import bullets

    monkeypatch.setattr(bullets.BulletsSlide, "render", injected)
    monkeypatch.setattr(watchfiles, "watch", lambda *args, **kwargs: iter([{("modified", str(deck / "deck.yaml"))}]))
    result = run("watch", ".", "--out", tmp_path / "out", cwd=deck)
    assert_crash_reported(result, tmp_path / "out", "rendering slide 2, points", status=0)
    assert result.stderr.count("internal error while") == 2  # the first build and the rebuild after the save
    assert result.stderr.count("Watching for the next save.") == 2 and result.stdout.endswith("stopped watching\n")


# -- chart scripts run in child processes the build can always stop ----------------------------------------------

def _chart_deck(deck: Path, script: str, timeout: int | None = None) -> None:
    (deck / "charts" / "growth.py").write_text(script, encoding="utf-8")
    if timeout:
        path = deck / "deck.yaml"
        path.write_text(path.read_text(encoding="utf-8") + f"chart_timeout: {timeout}\n", encoding="utf-8")


def test_a_process_a_chart_script_starts_does_not_outlive_the_build(deck, tmp_path):
    marker = tmp_path / "pid"
    _chart_deck(deck, "import subprocess\n\n\ndef draw(fig, ctx):\n"
                      f"    child = subprocess.Popen(['sleep', '300'])\n    open({str(marker)!r}, 'w').write(str(child.pid))\n"
                      "    ax = fig.add_subplot()\n    ax.plot([1, 2])\n")
    build(deck, tmp_path / "out")
    pid = int(marker.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    assert not _running(pid), "the sleep the script started is still running after the build"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")  # a zombie has ended
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def test_the_time_limit_holds_in_c_and_outside_the_main_thread(deck, tmp_path):
    """watch builds from its own loop; the limit must not depend on SIGALRM or the main thread."""
    from lecturedeck.problems import DeckError

    _chart_deck(deck, "def draw(fig, ctx):\n    sum(range(10**12))\n", timeout=1)
    outcome = {}

    def target():
        try:
            build(deck, tmp_path / "out")
        except DeckError as error:
            outcome["problems"] = error.problems

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()
    (problem,) = outcome["problems"]
    assert problem.line == 2 and "still running after 1 s, stopped" in problem.message


def test_a_script_using_too_much_memory_fails_alone(deck, tmp_path, monkeypatch):
    from lecturedeck.problems import DeckError
    from lecturedeck.resolve import sandbox

    monkeypatch.setattr(sandbox, "memory_limit", lambda: 600 << 20)
    _chart_deck(deck, "def draw(fig, ctx):\n    hoard = []\n    while True:\n        hoard.append(bytearray(50 << 20))\n")
    with pytest.raises(DeckError) as caught:
        build(deck, tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.line == 4 and "chart script ran out of memory" in problem.message


def test_a_cached_chart_that_does_not_match_its_sidecar_is_drawn_again(deck, tmp_path):
    out = tmp_path / "out"
    first = build(deck, out).path.read_bytes()
    (png,) = (out / ".cache" / "charts").glob("*.png")
    good = png.read_bytes()
    png.write_bytes(good[: len(good) // 2])  # as a full disk or a kill would leave it
    assert build(deck, out).path.read_bytes() == first
    assert png.read_bytes() == good


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_chart_cache_that_cannot_be_written_is_a_clear_error(code, deck, tmp_path, monkeypatch):
    from lecturedeck.resolve import charts

    out = tmp_path / "out"
    build(deck, out)
    good = decks(out)
    shutil.rmtree(out / ".cache" / "charts")

    def refuse(path, data):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(charts, "write_atomic", refuse)
    result = run("build", ".", "--out", out, cwd=deck)
    FAULTS["tried"] += 1
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"cannot write the chart cache ({os.strerror(code)}); nothing was left half-written" in result.stderr
    FAULTS["clear errors"] += 1
    assert decks(out) == good
    assert list((out / ".cache" / "charts").glob("*.png")) == []


# -- files the build writes -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_decks_catalogs_and_caches_get_the_users_umask(mask, mode, deck, tmp_path):
    old = os.umask(mask)
    try:
        path = build(deck, tmp_path / "out").path
        result = run("i18n", "init", "de", ".", cwd=deck)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert path.stat().st_mode & 0o777 == mode
    assert (deck / "locales" / "de.po").stat().st_mode & 0o777 == mode
    cached = list((tmp_path / "out" / ".cache" / "charts").iterdir())
    assert cached, "the charts were drawn into the cache"
    for path in cached:
        assert path.stat().st_mode & 0o777 == mode, path.name


def test_two_deck_folders_cannot_overwrite_each_others_deck(deck, tmp_path):
    out = tmp_path / "out"
    other = tmp_path / "other"
    shutil.copytree(BASE, other, symlinks=True)
    (other / "outline" / "00-main.yaml").write_text(
        (other / "outline" / "00-main.yaml").read_text(encoding="utf-8").replace("title: Points", "title: Others"),
        encoding="utf-8")
    path = build(deck, out).path
    good = path.read_bytes()
    result = run("build", other, "--out", out)
    FAULTS["tried"] += 1
    assert result.exit_code == 1, result.output
    assert "a deck of this name built from another deck folder is already here" in result.stderr
    assert str(deck.resolve()) in result.stderr and str(other.resolve()) in result.stderr
    FAULTS["clear errors"] += 1
    assert path.read_bytes() == good
    assert run("build", deck, "--out", out).exit_code == 0  # the deck's own folder still rebuilds it


def test_a_project_moved_with_its_build_folder_still_builds(deck, tmp_path):
    build(deck, tmp_path / "out")
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.move(str(deck), moved / "deck")
    shutil.move(str(tmp_path / "out"), moved / "out")
    assert run("build", moved / "deck", "--out", moved / "out").exit_code == 0


@pytest.mark.parametrize("value, message", [
    ("99999999999", "SOURCE_DATE_EPOCH: date out of range (expected a time up to 2107-12-31"),
    ("yesterday", "SOURCE_DATE_EPOCH: not a number of seconds (expected seconds since 1970-01-01, got 'yesterday')"),
])
def test_a_source_date_epoch_a_pptx_cannot_hold_is_a_clear_error(value, message, deck, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run("build", ".", "--out", tmp_path / "out", cwd=deck)
    assert result.exit_code == 1 and message in result.stderr, result.output


def test_source_date_epoch_sets_the_documents_date(deck, tmp_path, monkeypatch):
    from pptx import Presentation

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1262304000")  # 2010-01-01 00:00 UTC
    path = build(deck, tmp_path / "out").path
    assert Presentation(str(path)).core_properties.created.isoformat().startswith("2010-01-01T00:00")


def test_i18n_update_with_a_bad_locale_writes_nothing(deck):
    outline = deck / "outline" / "00-main.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("title: Points", "title: New points"), encoding="utf-8")
    before = {path.name: path.read_bytes() for path in (deck / "locales").iterdir()}
    result = run("i18n", "update", ".", "--locale", "fr", "--locale", "xx", cwd=deck)
    assert result.exit_code == 1 and "update failed: 1 problem; nothing was written." in result.stderr
    assert {path.name: path.read_bytes() for path in (deck / "locales").iterdir()} == before
    result = run("i18n", "update", ".", "--locale", "fr", cwd=deck)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == ["wrote locales/deck.pot", "wrote locales/fr.po"]


def test_new_leaves_nothing_behind_when_it_cannot_finish(tmp_path, monkeypatch):
    from lecturedeck.commands import new

    written = []
    original = Path.write_text

    def full_disk(self, *args, **kwargs):
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        written.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(new.Path, "write_text", full_disk)
    result = run("new", tmp_path / "a" / "lecture")
    assert result.exit_code == 1 and "cannot create the deck folder (No space left on device)" in result.stderr
    assert not (tmp_path / "a").exists()


# -- a chart's CSV data ------------------------------------------------------------------------------------------

def _rows(tmp_path, data: bytes, script: Path | None = None):
    from lecturedeck.resolve.chartdata import read_rows

    path = tmp_path / "data.csv"
    path.write_bytes(data)
    return read_rows(path, script)


@pytest.mark.parametrize("data, line, message", [
    (b"year,value\n2001,1\n2002,t\xe9l\xe9\n", 3, "file is not UTF-8 (expected UTF-8 text, got byte 0xe9"),
    (b"\xef\xbb\xbfyear,value\n2001,1\n2002,t\xe9\n", 3, "file is not UTF-8 (expected UTF-8 text, got byte 0xe9"),
    (b"year,value\n2001,1\n\n2002\n", 4, "row has 1 field (expected 2, as in the header: year, value)"),
    (b"year,,value\n", 1, "column 2 of the header has no name"),
    (b"year,year\n", 1, "column named twice in the header"),
    (b"year,value\n2001,\x01\n", 2, "control or non-character in text (expected printable text, got U+0001)"),
    (b"", None, "data file is empty (expected a header line of column names)"),
])
def test_a_bad_csv_is_reported_at_its_line(data, line, message, tmp_path):
    from lecturedeck.resolve.chartdata import DataProblem

    with pytest.raises(DataProblem) as caught:
        _rows(tmp_path, data)
    assert caught.value.problem.line == line and message in caught.value.problem.message


def test_csv_rows_name_the_file_line_and_columns_when_misused(tmp_path):
    import pickle

    from lecturedeck.resolve.chartdata import MissingColumn, NotANumber

    rows = _rows(tmp_path, "\ufeffyear,value\n2001,1.5\n2002,n/a\n".encode())  # a byte-order mark is fine
    assert list(rows[0]) == ["year", "value"] and float(rows[0]["value"]) == 1.5 and int(rows[1]["year"]) == 2002
    assert float(rows[0]["value"].strip()) == 1.5
    with pytest.raises(KeyError) as missing:
        rows[0]["valeu"]
    assert isinstance(missing.value, MissingColumn)
    assert missing.value.problem.line == 1 and "expected one of year, value" in missing.value.problem.message
    with pytest.raises(ValueError) as bad:
        float(rows[1]["value"])
    assert isinstance(bad.value, NotANumber) and bad.value.problem.line == 3 and bad.value.problem.where == "value"
    assert "got 'n/a'" in bad.value.problem.message
    assert rows[1].get("valeu") is None  # asking politely still works
    copied = pickle.loads(pickle.dumps(rows[0]["value"]))
    assert copied == "1.5" and type(copied) is str
