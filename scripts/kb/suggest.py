"""Nearest-name suggestions for broken links and unknown names ("did you mean …?")."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable

from rapidfuzz import fuzz, process


class PathSuggester:
    """Suggests the existing path nearest a wanted one: file names first, then whole paths."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.paths = list(paths)
        self.by_name: dict[str, list[str]] = {}
        for path in self.paths:
            self.by_name.setdefault(posixpath.basename(path), []).append(path)
        self.names = list(self.by_name)
        self.names_in: dict[str, list[str]] = {}
        for path in self.paths:
            self.names_in.setdefault(posixpath.dirname(path), []).append(posixpath.basename(path))

    def nearest(self, wanted: str, cutoff: float = 60.0) -> str | None:
        """The most similar path, or None if nothing is similar enough.

        A file of the same folder is preferred: it is the likelier typo, and the cheaper search.
        """
        name = posixpath.basename(wanted.rstrip("/")) or wanted
        folder = posixpath.dirname(wanted.rstrip("/"))
        if folder in self.names_in:
            best = process.extractOne(name, self.names_in[folder], scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None:
                return posixpath.join(folder, best[0])
        best = process.extractOne(name, self.names, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            whole = process.extractOne(wanted, self.paths, scorer=fuzz.ratio, score_cutoff=cutoff)
            return whole[0] if whole else None
        paths = self.by_name[best[0]]
        return paths[0] if len(paths) == 1 else max(paths, key=lambda p: fuzz.ratio(wanted, p))


def nearest_path(wanted: str, candidates: Iterable[str]) -> str | None:
    """The candidate path most like `wanted` (for one-off lookups)."""
    return PathSuggester(candidates).nearest(wanted)


def nearest_word(wanted: str, candidates: Iterable[str]) -> str | None:
    """The closest of a few names (field names, anchors), or None."""
    matches = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
