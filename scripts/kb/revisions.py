"""Revision dates: the day each file was last changed, read from git's history.

One ``git log`` over the docs folder gives every file's last commit date; a file never
committed (or a checkout without git) has none, and says so rather than guessing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

#: git's answer must come within this many seconds (a history of any size gives it in well under one).
TIMEOUT = 60


def last_changed(root: Path, docs_dir: Path) -> dict[str, str]:
    """src_uri (relative to `docs_dir`) -> the date (YYYY-MM-DD, committer's) of the last commit
    that changed it; empty when `root` is not a git checkout or git is missing."""
    try:
        prefix = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return {}
    command = ["git", "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--no-renames",
               "-z", "--", prefix]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, check=False, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout.decode("utf-8", "replace"), prefix)


def parse_log(output: str, prefix: str) -> dict[str, str]:
    """The dates `last_changed` reads from ``git log --format=%x00%cs --name-only -z`` output
    (newest commit first): each file's first date is its last change. File paths start with
    `prefix` (the docs folder, relative to the repository; "." for the repository itself)."""
    dates: dict[str, str] = {}
    date = ""
    start = "" if prefix in ("", ".") else prefix.rstrip("/") + "/"
    for field in output.split("\0"):
        field = field.strip("\n")
        if not field:
            continue
        if len(field) == 10 and field[4] == "-" and field[7] == "-" and field.replace("-", "").isdigit():
            date = field
            continue
        if date and field.startswith(start):
            dates.setdefault(field[len(start):], date)
    return dates
