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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with ``mkdocs build --strict``."""
    from helpers import ROOT, mkdocs_build

    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1 for the whole session."""
    from helpers import serve_directory

    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline copy (Material's offline plugin), built as `make offline` builds it."""
    from helpers import ROOT, mkdocs_build

    site_dir = tmp_path_factory.mktemp("site-offline")
    result = mkdocs_build(ROOT / "mkdocs.yml", site_dir, env={"KB_OFFLINE": "true"})
    assert result.returncode == 0, f"offline build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir
