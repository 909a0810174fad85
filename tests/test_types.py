"""The code type-checks (mypy, configured in pyproject.toml): strict in scripts/kb, mypy's defaults elsewhere."""

import subprocess
import sys

from helpers import ROOT


def test_mypy_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", "pyproject.toml"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
