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
import zlib
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


#: The cache is split into this many files by page, so that a run which checked a few pages
#: again rewrites a few small files, not one file of every page (58 MB at 10,000 pages).
SHARDS = 16


def shard_of(src_uri: str) -> int:
    """The cache file a page is kept in (stable across runs and machines)."""
    return zlib.crc32(src_uri.encode("utf-8")) % SHARDS


class ScanCache:
    """Files of ``src_uri -> (size, mtime_ns, scan)`` and of each page's last problems, valid
    for one `cache_key`, in `SHARDS` files of a folder."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        self.entries: dict[str, tuple[int, int, PageScan]] = {}
        self.results: dict[str, PageResult] = {}
        """src_uri -> the page rules' problems for it, with what they depended on (`kb.incremental`)."""
        self.changed: set[int] = set()
        """The shards that differ from their files."""
        for shard in range(SHARDS):
            try:
                with self._file(shard).open("rb") as stream:
                    stored_key, entries, results = pickle.load(stream)  # noqa: S301 - our own cache file
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
                continue  # no cache, or an unreadable one: those pages start afresh
            if stored_key == key:
                self.entries.update(entries)
                self.results.update(results)

    def _file(self, shard: int) -> Path:
        return self.path / f"{shard:02d}.pickle"

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
        self.changed.add(shard_of(src_uri))

    def put_result(self, src_uri: str, result: PageResult | None) -> None:
        """Remember a page's problems (None: forget them)."""
        if result is None:
            self.results.pop(src_uri, None)
        else:
            self.results[src_uri] = result
        self.changed.add(shard_of(src_uri))

    def prune(self, keep: set[str]) -> None:
        """Forget files that no longer exist."""
        for uri in set(self.entries) - keep:
            del self.entries[uri]
            self.results.pop(uri, None)
            self.changed.add(shard_of(uri))

    def save(self) -> None:
        """Write the changed shards, each atomically (best effort: a read-only checkout just
        runs cold). A shard is consistent on its own: stamps say which of its pages are current."""
        if not self.changed:
            return
        split: dict[int, tuple[dict, dict]] = {shard: ({}, {}) for shard in self.changed}
        for uri, entry in self.entries.items():
            part = split.get(shard_of(uri))
            if part is not None:
                part[0][uri] = entry
        for uri, result in self.results.items():
            part = split.get(shard_of(uri))
            if part is not None:
                part[1][uri] = result
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            for shard, (entries, results) in sorted(split.items()):
                temporary = self._file(shard).with_suffix(f".{os.getpid()}.tmp")
                with temporary.open("wb") as stream:
                    pickle.dump((self.key, entries, results), stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self._file(shard))
            self.changed.clear()
            self.path.with_suffix(".pickle").unlink(missing_ok=True)  # the one-file cache of before
        except OSError:
            pass


def default_cache_path(config: SiteConfig) -> Path:
    """Where the cache of a site lives: the folder ``.cache/kb-check/`` next to its mkdocs.yml."""
    return config.root / ".cache" / "kb-check"
