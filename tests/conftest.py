"""Shared fixtures, and the rule that no test may skip in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write_tree


@pytest.fixture
def make_site(tmp_path: Path):
    """Build a docs tree from {path: content} and return its mkdocs.yml path."""

    def make(files: dict[str, str | bytes], config: dict | None = None) -> Path:
        return write_tree(tmp_path, files, config)

    return make


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI a skipped test is a failure: every check must really run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") and skipped:
        reporter.write_line(f"error: {skipped} test(s) skipped in CI; every test must run here", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
