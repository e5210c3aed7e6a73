"""The package type-checks: mypy (pinned in requirements.txt) finds no error in lecturedeck/."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import ROOT


def test_mypy_finds_no_error_in_the_package(tmp_path):
    if importlib.util.find_spec("mypy") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("mypy is required under CI=true (make setup installs it from requirements.txt)")
        pytest.skip("mypy is not installed (pip install -r requirements.txt installs it)")
    checked = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary",
                              "--cache-dir", str(tmp_path / "mypy-cache"), "lecturedeck"],
                             capture_output=True, text=True, cwd=ROOT, timeout=600)
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert checked.returncode == 0 and not errors, checked.stdout + checked.stderr
