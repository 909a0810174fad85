"""Nearest-name suggestions for broken links and unknown names ("did you mean …?")."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable

from rapidfuzz import fuzz, process


def nearest_path(wanted: str, candidates: Iterable[str], cutoff: float = 60.0) -> str | None:
    """The candidate path most like `wanted`, comparing file names first, then whole paths."""
    candidates = list(candidates)
    if not candidates:
        return None
    by_name: dict[str, list[str]] = {}
    for path in candidates:
        by_name.setdefault(posixpath.basename(path), []).append(path)
    name = posixpath.basename(wanted.rstrip("/")) or wanted
    best = process.extractOne(name, list(by_name), scorer=fuzz.ratio, score_cutoff=cutoff)
    if best is None:
        whole = process.extractOne(wanted, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        return whole[0] if whole else None
    paths = by_name[best[0]]
    if len(paths) == 1:
        return paths[0]
    return max(paths, key=lambda p: fuzz.ratio(wanted, p))


def nearest_word(wanted: str, candidates: Iterable[str]) -> str | None:
    """The closest of a few names (field names, anchors), or None."""
    matches = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
