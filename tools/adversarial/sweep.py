"""Adversarial sweep (repeatable): each case is the corpus base deck (or the lecture) copied to /tmp/adv/cases/<name>, changed,
built with the CLI in a subprocess; the result classified. Usage: python tools/adversarial/sweep.py [name-substring...]; SWEEP_DIR (default /tmp/adv) holds the copies,
JOBS the parallel runs (2), QUIET=1 only the outcomes; results.json there."""
from __future__ import annotations

import hashlib, io, json, os, re, shutil, signal, struct, subprocess, sys, time, zlib, stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(os.environ.get("REPO", Path(__file__).resolve().parents[2]))
PY = os.environ.get("PY", sys.executable)
WORK = Path(os.environ.get("SWEEP_DIR", "/tmp/adv"))
ROOT = WORK / "cases"
TEMPLATES = WORK / "templates"
BASE = REPO / "tests/corpus/base"
CASES = []


def case(name, expect="error", *, base="base", args="build . --out {out}", need=(), check=None, env=None, timeout=90,
         run=None):
    """need: substrings the message must hold to be clear; check(out, res) -> problem text for an accepted build."""
    def wrap(setup):
        CASES.append(dict(name=name, expect=expect, base=base, args=args, need=need, check=check, env=env or {},
                          timeout=timeout, setup=setup, run=run))
        return setup
    return wrap


def text(deck, rel, new=None, old=None, append=None, data=None):
    p = deck / rel
    if data is not None:
        p.parent.mkdir(parents=True, exist_ok=True)
        (p.write_bytes if isinstance(data, bytes) else lambda d: p.write_text(d, encoding="utf-8"))(data)
        return
    t = p.read_text(encoding="utf-8")
    if old is not None:
        assert old in t, (rel, old)
        t = t.replace(old, new, 1)
    if append:
        t += append
    p.write_text(t, encoding="utf-8")


def pic(image, kind, **kw):
    b = io.BytesIO()
    image.save(b, kind, **kw)
    return b.getvalue()


def template_out(base):
    """A folder with the last good decks (and the chart cache) of a base."""
    t = TEMPLATES / base
    if (t / "ok").exists():
        return t
    shutil.rmtree(t, ignore_errors=True)
    deck = t / "deck"
    if base == "base":
        shutil.copytree(BASE, deck, symlinks=True)
        cmds = [["build", ".", "--out", str(t / "out")], ["build", ".", "--locale", "fr", "--out", str(t / "out")]]
    else:
        shutil.copytree(REPO / "deck", deck, symlinks=True)
        shutil.copytree(REPO / "assets", t / "assets", symlinks=True)
        cmds = [["build", ".", "--all-locales", "--out", str(t / "out")]]
    for c in cmds:
        subprocess.run([PY, str(REPO / "build.py"), *c], cwd=deck, check=True, capture_output=True)
    (t / "ok").write_text("")
    return t


def digest(out: Path):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.pptx"))}


ERROR_LINE = re.compile(r"^(?P<file>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?P<rest>.+)$")


def run_case(c):
    folder = ROOT / c["name"].replace("/", "__")
    shutil.rmtree(folder, ignore_errors=True)
    t = template_out(c["base"])
    shutil.copytree(t, folder, symlinks=True)
    deck, out = folder / "deck", folder / "out"
    good = digest(out)
    ctx = dict(deck=deck, out=out, folder=folder, env=dict(os.environ, **c["env"]))
    ctx["env"].pop("CI", None)
    try:
        extra = c["setup"](deck, ctx) or {}
    except Exception as exc:
        return dict(name=c["name"], outcome="setup failed", detail=repr(exc))
    args = extra.get("args", c["args"])
    if isinstance(args, str):
        import shlex
        args = shlex.split(args)
    args = [a.replace("{out}", str(out)).replace("{deck}", str(deck)) for a in args]
    start = time.time()
    if c["run"]:
        rc, so, se = c["run"](deck, out, args, ctx)
    else:
        try:
            p = subprocess.run([PY, str(REPO / "build.py"), *args], cwd=extra.get("cwd", deck), capture_output=True,
                               timeout=c["timeout"], env=ctx["env"], stdin=subprocess.DEVNULL,
                               preexec_fn=extra.get("preexec"))
            rc, so, se = p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as exc:
            rc, so, se = None, (exc.stdout or b"").decode("utf-8", "replace"), (exc.stderr or b"").decode("utf-8", "replace")
    secs = time.time() - start
    if extra.get("cleanup"):
        extra["cleanup"]()
    now = digest(out) if out.is_dir() else {}
    lost = [n for n, h in good.items() if now.get(n) != h]
    errors = [l for l in se.splitlines() if l.strip() and ": warning:" not in l and not l.startswith(("built ", "[", "  "))]
    outcome, detail = None, ""
    if rc is None:
        outcome = "hang"
    elif "Traceback" in so + se:
        outcome = "traceback"
    elif rc < 0 or rc not in (0, 1, 2) or (rc != 0 and not se.strip() and not so.strip()):
        outcome = "crash without message"
    elif rc != 0 and lost and not c.get("may_change"):
        outcome = "deck lost"
    elif rc == 2:
        outcome = "internal error (2)"
    elif rc == 1:
        bad = [l for l in errors if not ERROR_LINE.match(l)]
        missing = [n for n in c["need"] if n.lower() not in se.lower()]
        if c["expect"] == "ok":
            outcome, detail = "wrongly refused", ""
        elif bad or missing:
            outcome, detail = "unclear message", f"missing {missing}" if missing else f"format {bad[:1]}"
        else:
            outcome = "good"
    else:  # rc == 0
        if c["expect"] == "error":
            outcome = "silently wrong deck"
        else:
            problem = c["check"](out, dict(stdout=so, stderr=se, deck=deck, folder=folder)) if c["check"] else None
            outcome, detail = ("silently wrong deck", problem) if problem else ("good", "accepted")
    leftovers = [str(p.relative_to(out)) for p in out.rglob("*") if p.name.endswith(".tmp")] if out.is_dir() else []
    if leftovers and outcome == "good":
        outcome, detail = "leftovers", str(leftovers[:3])
    return dict(name=c["name"], outcome=outcome, rc=rc, secs=round(secs, 1), detail=detail,
                stderr=se[-3000:], stdout=so[-1000:], lost=lost)


def main():
    import cases  # noqa: F401  (registers CASES)
    import sweep as registry
    global CASES
    CASES = registry.CASES
    for fn in ('run_case',):
        pass
    want = [a for a in sys.argv[1:] if not a.startswith("--")]
    selected = [c for c in CASES if not want or any(w in c["name"] for w in want)]
    template_out("base")
    if any(c["base"] == "lecture" for c in selected):
        template_out("lecture")
    with ThreadPoolExecutor(int(os.environ.get("JOBS", "2"))) as pool:
        results = list(pool.map(run_case, selected))
    counts = {}
    for r in results:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
        print(f"== {r['name']}: {r['outcome']} rc={r.get('rc')} {r.get('secs')}s {r.get('detail', '')}")
        if os.environ.get("QUIET") != "1":
            for line in (r.get("stderr") or "").splitlines()[-6:]:
                print("   |", line[:400])
    print(json.dumps(counts, indent=1))
    print(f"{len(results)} cases")
    json.dump(results, open(os.environ.get("RESULTS", WORK / "results.json"), "w"), indent=1)


sys.path.insert(0, str(Path(__file__).parent))
if __name__ == "__main__":
    main()
