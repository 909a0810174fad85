"""The checker's cache: page scans, and each page's problems, kept on disk between runs.

Scans are kept until their file, the checker or the config change. Problems are kept rule by
rule with what they depended on (`kb.incremental`), so a warm run stats the files, re-checks
only what an edit can have changed, and reports the rest from here: that is what makes
checking a 10,000-page knowledge base take under a second.

The cache is only data. Its files are JSON Lines, read with `json` and turned into our types
by explicit codecs (`codec`), which check every value's shape: a file that is not exactly what
we write (truncated, edited, from another version) counts as empty, never as a crash, and
nothing in it can run. A file is read only past its first line when that line holds the key of
this checker and config. A cache that is under version control came from someone else: it is
reported (KB006) and not used.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import sys
import zlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .codec import DECODE_ERRORS, dumps, loads
from .incremental import PageResult, decode_results, encode_results
from .markers import Filler
from .scan import PageScan, decode_entries, encode_entries, read_text, scan_text

if TYPE_CHECKING:
    from .config import SiteConfig

_PACKAGE = Path(__file__).resolve().parent


def cache_key(config: SiteConfig) -> str:
    """A digest of all a scan depends on besides the page: our code, the config, the libraries."""
    digest = hashlib.sha256(sys.version.encode())
    for package in ("markdown", "pymdown-extensions", "pyyaml", "mkdocs-material"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    for path in sorted([*_PACKAGE.glob("*.py"), *_PACKAGE.glob("templates/*")]):
        digest.update(path.read_bytes())
    digest.update(config.config_file.read_bytes())
    # The theme's icons (KB121 checks `icon:` against them): the project's own, by name.
    for folder in config.theme_dirs:
        icons = folder / ".icons"
        if icons.is_dir() and "site-packages" not in folder.parts:  # the theme's: its version above
            digest.update("\n".join(sorted(p.relative_to(icons).as_posix() for p in icons.rglob("*.svg"))).encode())
    for snippet in config.snippet_files("auto_append"):
        digest.update(snippet.read_bytes())
    return digest.hexdigest()


# --- The cache files -----------------------------------------------------------------------------

#: The cache is split into this many files by page, so that a run which checked a few pages
#: again rewrites a few small files, not one file of every page (58 MB at 10,000 pages).
SHARDS = 16

#: Written in each file's first line, with the key: a file of another layout counts as empty.
FORMAT = "kb-check-cache/2"


def shard_of(src_uri: str) -> int:
    """The cache file a page is kept in (stable across runs and machines)."""
    return zlib.crc32(src_uri.encode("utf-8")) % SHARDS


class ScanCache:
    """Files of ``src_uri -> (size, mtime_ns, scan)`` and of each page's last problems, valid
    for one `cache_key`, in `SHARDS` files of a folder.

    Each file is JSON Lines: a header (``{"format": …, "key": …}``), read first and alone; then
    the index, in columns (`kb.scan.encode_entries`: each page's stamp and what every run reads
    of its scan; `kb.incremental.encode_results`: its problems); then one line per page with
    the rest of its scan, decoded only when a rule or the build first reads it. `rescan`
    (src_uri -> PageScan) makes a page's scan afresh should that line be corrupt. A cache that
    is not `enabled` is neither read nor written.
    """

    def __init__(self, path: Path, key: str, rescan: Callable[[str], PageScan] | None = None,
                 enabled: bool = True) -> None:
        self.path, self.key, self.rescan, self.enabled = path, key, rescan, enabled
        self.entries: dict[str, tuple[int, int, PageScan]] = {}
        self.results: dict[str, PageResult] = {}
        """src_uri -> the page rules' problems for it, with what they depended on (`kb.incremental`)."""
        self.changed: set[int] = set()
        """The shards that differ from their files."""
        self.tracked: list[str] | None = []
        """Files of the cache folder under version control (None: git could not tell); set by `for_config`."""
        if enabled:
            for shard in range(SHARDS):
                self._load(shard)

    @classmethod
    def for_config(cls, config: SiteConfig, fill_static: Filler | None = None) -> ScanCache:
        """The cache of a site, in `default_cache_path`; not used (neither read nor written) when
        git lists a file of it (`tracked_cache_files`) or cannot tell."""
        tracked = tracked_cache_files(config)
        path = default_cache_path(config)
        enabled = tracked == [] and not _leads_elsewhere(config.root, path)
        cache = cls(path, cache_key(config), _rescanner(config, fill_static), enabled=enabled)
        cache.tracked = tracked
        return cache

    def _file(self, shard: int) -> Path:
        return self.path / f"{shard:02d}.jsonl"

    def _load(self, shard: int) -> None:
        """Read one file; any surprise leaves the whole shard out (its pages start afresh)."""
        try:
            with self._file(shard).open("rb") as stream:
                header = loads(stream.readline(4096))
                if type(header) is not dict or header.get("format") != FORMAT or header.get("key") != self.key:
                    return
                index_line = stream.readline()
                details = stream.read()
        except (OSError, *DECODE_ERRORS):
            return  # no cache, or an unreadable one
        try:
            index = loads(index_line)
            if type(index) is not dict or set(index) != {"entries", "results"}:
                return
            entries = decode_entries(index["entries"], details, self.rescan)
            results = decode_results(index["results"])
        except DECODE_ERRORS:
            return
        self.entries.update(entries)
        self.results.update(results)

    @staticmethod
    def stamp(path: Path) -> tuple[int, int] | None:
        """A file's (size, mtime_ns), taken before it is read; None if it cannot be read."""
        try:
            stat = path.stat()
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
        if not self.changed or not self.enabled:
            return
        Part = tuple[list[tuple[str, int, int, PageScan]], dict[str, PageResult]]
        split: dict[int, Part] = {shard: ([], {}) for shard in self.changed}
        for uri, (size, mtime, scan) in self.entries.items():
            part = split.get(shard_of(uri))
            if part is not None:
                part[0].append((uri, size, mtime, scan))
        for uri, result in self.results.items():
            part = split.get(shard_of(uri))
            if part is not None:
                part[1][uri] = result
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            header = dumps({"format": FORMAT, "key": self.key})
            for shard, (items, results) in sorted(split.items()):
                entries, details = encode_entries(items)
                try:
                    index = dumps({"entries": entries, "results": encode_results(results)})
                except (TypeError, ValueError, RecursionError):
                    index = dumps({"entries": entries, "results": encode_results({})})
                temporary = self._file(shard).with_suffix(f".{os.getpid()}.tmp")
                with temporary.open("wb") as stream:
                    stream.write(header + b"\n" + index + b"\n")
                    stream.writelines(details)
                os.replace(temporary, self._file(shard))
            self.changed.clear()
        except OSError:
            pass


def _leads_elsewhere(root: Path, path: Path) -> bool:
    """Whether a folder on the way from `root` to `path` is a symbolic link (or not a folder):
    the cache would then be read and written wherever someone pointed it."""
    for folder in [path, *path.parents]:
        if folder == root or root not in folder.parents:
            return False
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return True
    return False


def default_cache_path(config: SiteConfig) -> Path:
    """Where the cache of a site lives: the folder ``.cache/kb-check/`` next to its mkdocs.yml."""
    return config.root / ".cache" / "kb-check"


def _rescanner(config: SiteConfig, fill_static: Filler | None) -> Callable[[str], PageScan]:
    """Scan one page afresh (for a cache line found corrupt after its page was taken from it)."""
    renderer = None

    def rescan(src_uri: str) -> PageScan:
        nonlocal renderer
        from .anchors import HeadingRenderer

        renderer = renderer or HeadingRenderer(config)
        try:
            text = read_text(config.docs_dir / src_uri)
        except (OSError, UnicodeDecodeError):
            text = ""  # changed since it was stamped: the next run sees the new stamp
        return scan_text(text, renderer, posixpath.dirname(src_uri), fill_static)

    return rescan


# --- A cache under version control -----------------------------------------------------------

#: How long git may take to list the cache's tracked files.
GIT_TIMEOUT = 10.0

#: `Site.derived` key under which the checker leaves what `tracked_cache_files` found.
TRACKED = "tracked_cache"


def tracked_cache_files(config: SiteConfig) -> list[str] | None:
    """Files of the cache folder that git tracks, relative to the folder of mkdocs.yml: [] when
    none (or when the site is not in a git work tree), None when git cannot tell (not
    installed, too slow, or refusing the repository)."""
    root = config.root.resolve()
    if not any((folder / ".git").exists() for folder in (root, *root.parents)):
        return []
    import subprocess  # only here: most runs never need it

    folder = os.path.relpath(default_cache_path(config), config.root).replace(os.sep, "/")
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", folder], cwd=root, env=env, capture_output=True,
                                timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    # Paths are relative to the working directory (the site's folder), unquoted with -z.
    return sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name)
