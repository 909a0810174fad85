"""The checker's cache: page scans, and each page's problems, kept on disk between runs.

Scans are kept until their file, the checker or the config change. Problems are kept rule by
rule with what they depended on (`kb.incremental`), so a warm run stats the files, re-checks
only what an edit can have changed, and reports the rest from here: that is what makes
checking a 10,000-page knowledge base take under a second.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import SiteConfig
    from .incremental import PageResult
    from .scan import PageScan
    from .site import SourceFile

_PACKAGE = Path(__file__).resolve().parent


def cache_key(config: SiteConfig) -> str:
    """A digest of all a scan depends on besides the page: our code, the config, the libraries."""
    digest = hashlib.sha256(sys.version.encode())
    for package in ("markdown", "pymdown-extensions", "pyyaml"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update(config.config_file.read_bytes())
    for snippet in config.snippet_files("auto_append"):
        digest.update(snippet.read_bytes())
    return digest.hexdigest()


class ScanCache:
    """A file of ``src_uri -> (size, mtime_ns, scan)`` and of each page's last problems,
    valid for one `cache_key`."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        self.entries: dict[str, tuple[int, int, PageScan]] = {}
        self.results: dict[str, PageResult] = {}
        """src_uri -> the page rules' problems for it, with what they depended on (`kb.incremental`)."""
        self.dirty = False
        try:
            with path.open("rb") as stream:
                stored_key, entries, results = pickle.load(stream)  # noqa: S301 - our own cache file
            if stored_key == key:
                self.entries, self.results = entries, results
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            pass  # no cache, or an unreadable one: start afresh

    @staticmethod
    def stamp(file: SourceFile) -> tuple[int, int] | None:
        """A file's (size, mtime_ns), taken before it is read; None if it cannot be read."""
        try:
            stat = file.abs_path.stat()
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns

    def get(self, src_uri: str, stamp: tuple[int, int]) -> PageScan | None:
        """The cached scan of a file, if the file has not changed since (same stamp)."""
        entry = self.entries.get(src_uri)
        if entry is not None and (entry[0], entry[1]) == stamp:
            return entry[2]
        return None

    def put(self, src_uri: str, stamp: tuple[int, int], scan: PageScan) -> None:
        """Remember a scan, with the stamp the file had when it was read."""
        self.entries[src_uri] = (stamp[0], stamp[1], scan)
        self.dirty = True

    def prune(self, keep: set[str]) -> None:
        """Forget files that no longer exist."""
        for uri in set(self.entries) - keep:
            del self.entries[uri]
            self.results.pop(uri, None)
            self.dirty = True

    def save(self) -> None:
        """Write the cache atomically (best effort: a read-only checkout just runs cold)."""
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            with temporary.open("wb") as stream:
                pickle.dump((self.key, self.entries, self.results), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:
            pass


def default_cache_path(config: SiteConfig) -> Path:
    """Where the cache of a site lives: ``.cache/kb-check.pickle`` next to its mkdocs.yml."""
    return config.root / ".cache" / "kb-check.pickle"
