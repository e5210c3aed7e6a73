"""Installable: `pip install .` into a clean virtual environment gives a `lecturedeck` command with build.py's
subcommands, every subpackage and data file, and every dependency declared; the Makefile builds any deck (DECK=)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")

from conftest import ROOT, require_tool  # noqa: E402
from lecturedeck.cli import cli  # noqa: E402

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
DISTRIBUTIONS = {"pptx": "python-pptx", "yaml": "PyYAML", "PIL": "Pillow", "babel": "Babel"}  # import name -> project


def package_files() -> list[Path]:
    """The package as a checkout holds it: every file under lecturedeck/ but bytecode."""
    return sorted(p.relative_to(ROOT) for p in (ROOT / "lecturedeck").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def third_party_imports() -> set[str]:
    """Top-level modules the package imports that are neither its own nor the standard library's."""
    found = set()
    for path in (ROOT / "lecturedeck").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name != "lecturedeck"}


def declared(requirements: list[str]) -> dict[str, str]:
    return {re.split(r"[<>=!~\[ ]", item, maxsplit=1)[0].lower(): item for item in requirements}


def test_every_import_is_a_declared_dependency_with_a_range_and_a_pin():
    ranges = declared(PYPROJECT["project"]["dependencies"])
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if line and not line.startswith("#"))
    pins = {name.lower(): version for name, version in pins.items()}
    imported = third_party_imports()
    assert {DISTRIBUTIONS.get(module, module).lower() for module in imported} == set(ranges), \
        "every dependency pyproject declares is imported, and nothing else"
    for module in imported:
        project = DISTRIBUTIONS.get(module, module).lower()
        assert project in ranges, f"{module} is imported but {project} is not in pyproject's dependencies"
        assert re.search(r">=[\d.]+,<\d+", ranges[project]), f"{ranges[project]}: expected a range"
        assert project in pins, f"{project} has no exact pin in requirements.txt"
        low = ranges[project].split(">=")[1].split(",")[0]
        assert tuple(map(int, pins[project].split("."))) >= tuple(map(int, low.split("."))), project
    for extra in PYPROJECT["project"]["optional-dependencies"]["test"]:
        assert re.split(r"[<>=]", extra)[0].lower() in pins


def test_pyproject_ships_every_subpackage_and_data_file():
    found = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert found == ["lecturedeck", "lecturedeck.*"]
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    for path in package_files():
        if path.suffix == ".py":
            continue
        package = ".".join(path.parts[:-1])
        patterns = [p for owner, ps in data.items() for p in ps if package.startswith(owner)]
        owners = [owner for owner in data if package.startswith(owner)]
        relative = [str(path.relative_to(Path(*owner.split(".")))) for owner in owners]
        assert any(Path(r).match(p) for r in relative for p in patterns), f"{path} is not in package-data"
    assert PYPROJECT["project"]["scripts"] == {"lecturedeck": "lecturedeck.cli:main"}


@pytest.mark.slow
def test_pip_install_gives_a_working_lecturedeck_command(tmp_path):
    """A real `pip install` of a copy of the tracked sources into a fresh venv, the pins as constraints; then the
    installed command builds and checks the lecture from a folder outside the checkout."""
    source = tmp_path / "source"
    for path in [Path("pyproject.toml"), Path("README.md"), *package_files()]:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    python, command = venv / "bin" / "python", venv / "bin" / "lecturedeck"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                              "-c", str(ROOT / "requirements.txt"), str(source)],
                             capture_output=True, text=True, timeout=1200)
    assert install.returncode == 0, install.stdout + install.stderr

    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    site = subprocess.run([str(python), "-c", "import lecturedeck, pathlib; print(pathlib.Path(lecturedeck.__file__).parent)"],
                          capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout.strip()
    installed = Path(site)
    assert installed.is_relative_to(venv), "the venv's own copy is imported, not the checkout"
    for path in package_files():
        assert (installed.parent / path).is_file(), f"{path} is missing from the installed package"

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    helped = subprocess.run([str(command), "--help"], capture_output=True, text=True, cwd=outside, env=env)
    listed = set(re.findall(r"^  (\w[\w-]*)\s", helped.stdout.split("Commands:")[1], re.M))
    assert listed == set(cli.commands), "the same subcommands as build.py"

    built = subprocess.run([str(command), "build", str(ROOT / "deck"), "--out", str(outside / "out")],
                           capture_output=True, text=True, cwd=outside, env=env, timeout=600)
    assert built.returncode == 0, built.stderr
    from lecturedeck.commands.build import build

    reference = build(ROOT / "deck", tmp_path / "reference").path
    assert (outside / "out" / reference.name).read_bytes() == reference.read_bytes(), \
        "the installed package builds the same deck byte for byte (fonts and catalogs included)"
    checked = subprocess.run([str(command), "check", str(ROOT / "deck"), "--no-clients"], capture_output=True,
                             text=True, cwd=outside, env=env, timeout=900)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(r"check: 3 locales, 0 errors", checked.stdout)


def test_every_make_target_takes_the_deck(tmp_path):
    make = require_tool("make")
    for target, command in (("deck", "build.py build examples/reform-era --all-locales"),
                            ("check", "build.py check examples/reform-era"),
                            ("export", "build.py export examples/reform-era"),
                            ("watch", "build.py watch examples/reform-era"),
                            ("review", "build.py review examples/reform-era"),
                            ("test", "build.py check examples/reform-era")):
        # STAMP and NODE_STAMP point at files that exist, so make prints the deck's commands without setting up .venv
        # (not at the Makefile: make remakes its makefiles even under -n, so -B ran venv and pip install for real)
        done = subprocess.run([make, "-n", "-B", target, "DECK=examples/reform-era",
                               "STAMP=README.md", "NODE_STAMP=pyproject.toml"], capture_output=True, text=True, cwd=ROOT)
        assert command in done.stdout, (target, done.stdout, done.stderr)
    default = subprocess.run([make, "-n", "-B", "deck", "STAMP=README.md", "NODE_STAMP=pyproject.toml"], capture_output=True,
                             text=True, cwd=ROOT).stdout
    assert "build.py build deck --all-locales" in default and "touch build/.deck-built-deck" in default
    second = subprocess.run([make, "-p", "-n", "deck", "DECK=examples/reform-era", "STAMP=README.md",
                             "NODE_STAMP=pyproject.toml"], capture_output=True, text=True, cwd=ROOT).stdout
    inputs = next(line for line in second.splitlines() if line.startswith("DECK_INPUTS :="))
    assert "examples/reform-era/assets/data/fdi_actually_used.csv" in inputs
    assert "examples/reform-era/outline/00-opening.yaml" in inputs and " deck/" not in inputs
