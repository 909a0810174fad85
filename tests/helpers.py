"""Test helpers: fixture sites and golden cases (imported by tests and conftest)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"

#: The markdown extensions of the real site, so fixture sites compute ids the same way.
_REAL_CONFIG = yaml.safe_load(
    "\n".join(
        line for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if "!ENV" not in line
    )
)


def site_config(extra: dict | None = None) -> str:
    """A mkdocs.yml for a fixture site: the real extensions (minus snippets), plus `extra`."""
    extensions = []
    for item in _REAL_CONFIG["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        if name != "pymdownx.snippets":
            extensions.append(item)
    config = {"site_name": "fixture", "markdown_extensions": extensions}
    config.update(extra or {})
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def write_tree(root: Path, files: dict[str, str | bytes], config: dict | None = None) -> Path:
    """Write `files` under root/docs (and a mkdocs.yml); return the mkdocs.yml path."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        target = root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content), encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(site_config(config), encoding="utf-8")
    return config_file


def load_cases(group: str) -> list:
    """Golden cases of one group: each YAML file holds a list of cases."""
    params = []
    for path in sorted((CASES / group).glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            params.append(pytest.param(case, id=f"{path.stem}:{case['name']}"))
    return params


def run_case(case: dict, make_site) -> None:
    """Check a golden case's tree and compare the problems with its expectations."""
    from kb.check import check_config

    config_file = make_site(case["files"], case.get("config"))
    _, problems = check_config(config_file)
    only = case.get("only", "")
    # Editorial warnings (KB5xx: orphans, unlinked names) are compared only when asked for.
    actual = [p for p in problems
              if p.code.startswith(only) and (only.startswith("KB5") or not p.code.startswith("KB5"))]
    expected = case.get("expect") or []
    shown = "\n".join(p.format() for p in actual) or "(none)"
    assert len(actual) == len(expected), f"expected {len(expected)} problem(s), got:\n{shown}"
    for want, got in zip(expected, actual):
        assert want in (got.format(), got.format(with_hint=False)), (
            f"\nwant: {want}\ngot:  {got.format()}\nall:\n{shown}")


# --- Building and serving the real site --------------------------------------------------------

import os
import subprocess
import sys


def mkdocs_build(config_file: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` as a user would; return the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=config_file.parent, check=False,
    )


def serve_directory(root: Path):
    """Serve `root` on 127.0.0.1 on a free port (scripts/localserver.py); a context manager."""
    from localserver import serve

    return serve(root)
