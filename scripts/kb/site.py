"""The site: every file under the docs directory, its page model, and URL resolution; the
include files snippets can name (`Site.includes`); the rules on file names.

Files are keyed by ``src_uri``: the POSIX path relative to the docs directory, as in MkDocs'
``File.src_uri``. URLs follow MkDocs' rules for ``use_directory_urls``.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import frontmatter, markup, schema, snippets
from .anchors import HeadingRenderer
from .cache import ScanCache
from .config import SiteConfig
from .incremental import shape_only
from .problems import Problem
from .scan import PageScan, scan_text
from .suggest import PathSuggester
from .urls import page_url, resolve_source, resolve_url  # noqa: F401 - re-exported


@dataclass
class SourceFile:
    """One file under the docs directory."""

    src_uri: str
    """POSIX path relative to the docs directory."""
    abs_path: Path
    is_symlink: bool = False
    excluded: bool = False
    """Left out of the site by ``exclude_docs`` or MkDocs' defaults (dot files, templates)."""
    draft: bool = False
    """A draft (``draft_docs``): left out of ``mkdocs build``."""
    generated: bool = False
    """Not on disk: the build generates it (kb.json, graph.json)."""

    @property
    def is_page(self) -> bool:
        """Markdown files become pages."""
        return self.src_uri.endswith(".md")

    @property
    def published(self) -> bool:
        """True if ``mkdocs build`` writes it to the site."""
        return not (self.excluded or self.draft)


@dataclass
class Page:
    """A Markdown page: its file, its type, and what scanning its text found."""

    file: SourceFile
    scan: PageScan
    site: Site = field(repr=False)

    @property
    def src_uri(self) -> str:
        """The page's path relative to the docs directory."""
        return self.file.src_uri

    @cached_property
    def folder(self) -> str:
        """The folder of the page, relative to the docs directory ('' at the top)."""
        return posixpath.dirname(self.src_uri)

    @property
    def front_matter(self) -> frontmatter.FrontMatter:
        """The parsed front matter."""
        return self.scan.front_matter

    @property
    def meta(self) -> dict[str, Any]:
        """The front-matter mapping (empty if broken)."""
        return self.scan.front_matter.data

    @property
    def empty(self) -> bool:
        """True if the file holds nothing but white space."""
        return self.scan.empty

    @cached_property
    def type(self) -> str | None:
        """The page type from its folder, or None outside every type folder."""
        return schema.type_of(self.src_uri)

    @property
    def is_entity(self) -> bool:
        """True for entity pages (person, organisation, …, source)."""
        return self.type in schema.ENTITY_TYPES

    @property
    def title(self) -> str:
        """The title from front matter ('' if missing)."""
        title = self.meta.get("title")
        return title if isinstance(title, str) else ""

    @property
    def links(self) -> list[markup.Link]:
        """Every Markdown link, image, reference and definition in the body."""
        return self.scan.links

    @property
    def html_tags(self) -> list[markup.Tag]:
        """Raw HTML start tags in the body."""
        return self.scan.html_tags

    @property
    def ids(self) -> frozenset[str]:
        """Anchor ids the built page will have."""
        return self.scan.ids

    @property
    def explicit_heading_ids(self) -> dict[str, str]:
        """For headings given an id with ``{#id}``: the slug they would have had -> their id."""
        return self.scan.explicit_heading_ids

    @cached_property
    def lines(self) -> markup.Lines:
        """Offset to line/column mapping, from the file read again (only to report problems)."""
        return markup.Lines(read_text(self.file.abs_path))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in the file."""
        return self.lines.position(offset)


#: Scan in worker processes from this many pages needing a scan (below it, forking costs more).
PARALLEL_FROM = 400

_WORKER_RENDERER: HeadingRenderer | None = None


def read_text(path: Path) -> str:
    """A page's text as MkDocs reads it (UTF-8, BOM dropped), with newlines normalised."""
    text = path.read_bytes().decode("utf-8-sig")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _scan_file(file: tuple[Path, str]) -> PageScan | tuple[str, int, int, str, str]:
    """Read and scan one file (its path and docs folder); a problem tuple if it is not UTF-8
    (runs in worker processes)."""
    assert _WORKER_RENDERER is not None
    path, folder = file
    try:
        text = read_text(path)
    except UnicodeDecodeError as exc:
        data = path.read_bytes()
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return ("KB001", line, col, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                "save the file as UTF-8 in your editor")
    scan = scan_text(text, _WORKER_RENDERER, folder)
    # Snippet inclusions, found in the text as pymdownx.snippets finds them (code blocks
    # included), are kept with the scan: the site rule `snippets.check_snippets` reads them.
    found = snippets.find(text, scan.front_matter.body_offset if not scan.front_matter.error else 0)
    if found:  # as plain lists, which the cache keeps as they are
        scan.snippets = [[offset, spec] for offset, spec in found]  # type: ignore[attr-defined]
    return scan


class Site:
    """All files of the docs directory, with lookups by path and by URL."""

    def __init__(self, config: SiteConfig, extra_urls: dict[str, str] | None = None,
                 cache: ScanCache | None = None, workers: int | None = None) -> None:
        self.config = config
        self.files: dict[str, SourceFile] = {}
        self.unreadable: dict[str, tuple[str, int, int, str, str]] = {}
        self._walk(config.docs_dir, "")
        from .export import GENERATED_FILES

        for name in GENERATED_FILES:  # written by the build: links to them are links to files
            self.files.setdefault(name, SourceFile(name, config.docs_dir / name, generated=True))
        self.pages: dict[str, Page] = {}
        self.headings = HeadingRenderer(config)
        self.extra_urls = extra_urls or {}
        self.derived: dict[str, Any] = {}
        """Results computed from all pages, kept for whoever asks next (backlinks…)."""
        self.source_paragraphs: dict[int, str] | None = None
        """The source article by paragraph, when its text is at hand (to verify quotations)."""
        self.stamps: dict[str, tuple[int, int]] = {}
        """(size, mtime_ns) of each page when it was read, when the scan cache is in use."""
        self._load_pages(cache, workers)

    # -- loading

    def _walk(self, folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            src_uri = prefix + entry.name
            if entry.is_symlink():
                self.files[src_uri] = SourceFile(src_uri, Path(entry.path), is_symlink=True,
                                                 excluded=self.config.is_excluded(src_uri))
            elif entry.is_dir():
                self._walk(Path(entry.path), src_uri + "/")
            else:
                self.files[src_uri] = SourceFile(
                    src_uri,
                    Path(entry.path),
                    excluded=self.config.is_excluded(src_uri),
                    draft=entry.name.endswith(".md") and self.config.is_draft(src_uri),
                )

    def _load_pages(self, cache: ScanCache | None, workers: int | None) -> None:
        wanted = [f for f in self.files.values() if f.is_page and not f.is_symlink and not f.excluded]
        results: dict[str, PageScan | tuple[str, int, int, str, str]] = {}
        todo = []
        for file in wanted:
            cached = None
            if cache is not None:
                stamp = cache.stamp(file)
                if stamp is not None:
                    self.stamps[file.src_uri] = stamp
                    cached = cache.get(file.src_uri, stamp)
            if cached is not None:
                results[file.src_uri] = cached
            else:
                todo.append(file)
        scans = self._scan_all([(f.abs_path, posixpath.dirname(f.src_uri)) for f in todo], workers)
        for file, result in zip(todo, scans):
            results[file.src_uri] = result
            stamp = self.stamps.get(file.src_uri)
            if cache is not None and stamp is not None and isinstance(result, PageScan):
                cache.put(file.src_uri, stamp, result)
        for file in wanted:
            result = results[file.src_uri]
            if isinstance(result, PageScan):
                self.pages[file.src_uri] = Page(file, result, self)
            else:
                self.unreadable[file.src_uri] = result

    def _scan_all(self, paths: list[tuple[Path, str]], workers: int | None) -> list[PageScan | tuple[str, int, int, str, str]]:
        global _WORKER_RENDERER
        _WORKER_RENDERER = self.headings
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if workers < 2 or len(paths) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            return [_scan_file(p) for p in paths]
        # Workers are forked, so they inherit the renderer (and its slugify) without pickling.
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_scan_file, paths, chunksize=max(1, len(paths) // (workers * 8)))

    def prepare_shared(self) -> None:
        """Build the lookup tables every rule uses, before worker processes inherit the site."""
        for name in ("lower_paths", "folders", "urls", "suggester"):
            getattr(self, name)

    # -- lookups

    def iter_pages(self) -> Iterator[Page]:
        """Pages in path order."""
        return iter(self.pages.values())

    @cached_property
    def lower_paths(self) -> dict[str, str]:
        """Lower-cased path to real path, for case-mismatch hints."""
        return {uri.lower(): uri for uri in self.files}

    @cached_property
    def suggester(self) -> PathSuggester:
        """Nearest-path suggestions among published files."""
        return PathSuggester(uri for uri, f in self.files.items() if f.published)

    @cached_property
    def folders(self) -> set[str]:
        """Every folder that holds a file ('' is the docs directory)."""
        result = {""}
        for uri in self.files:
            parts = uri.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                result.add("/".join(parts[:depth]))
        return result

    @cached_property
    def _folded_file_urls(self) -> dict[str, str]:
        return {url.casefold(): uri for url, uri in self.file_urls.items()}

    def url_occupant(self, url: str) -> str | None:
        """The published file (its src_uri) whose URL is `url`, or lies on its path (a file cannot
        also be a folder: ``kb.json/`` is taken by kb.json), compared without letter case (hosts
        and file systems may not tell case apart); None if a redirect page can be written there."""
        folded = self._folded_file_urls
        parts = url.casefold().rstrip("/").split("/")
        for depth in range(1, len(parts)):  # a folder on the way that is a file
            if (prefix := "/".join(parts[:depth])) in folded:
                return folded[prefix]
        whole = "/".join(parts)
        for candidate in (whole, whole + "/", url.casefold()):
            if candidate in folded:
                return folded[candidate]
        return None

    @cached_property
    def file_urls(self) -> dict[str, str]:
        """URL (and its ``index.html`` form) of every published file -> its src_uri."""
        result: dict[str, str] = {}
        use_dirs = self.config.use_directory_urls
        for uri, file in self.files.items():
            if not file.published or file.is_symlink:
                continue
            url = page_url(uri, use_dirs)
            result[url] = uri
            if file.is_page and (url.endswith("/") or url == ""):
                result[url + "index.html"] = uri
        return result

    @cached_property
    def urls(self) -> dict[str, str]:
        """Every URL the built site answers: files, files the build generates, alias redirects.

        Generated URLs map to the page they stand for (a redirect) or to their own name.
        """
        from .export import alias_redirects

        result = dict(self.file_urls)
        with shape_only(self.pages):  # made of names only, whichever rule asks first
            redirects = alias_redirects(self)
        for url, target in redirects.items():
            result.setdefault(url, self.file_urls.get(target, target))
        result.update(self.extra_urls)
        return result

    def url_of(self, src_uri: str) -> str:
        """The URL of a file."""
        return page_url(src_uri, self.config.use_directory_urls)

    @cached_property
    def snippets(self) -> snippets.Snippets | None:
        """The pymdownx.snippets settings (None if snippets are not enabled)."""
        return snippets.settings(self.config)

    @cached_property
    def includes(self) -> dict[str, SourceFile]:
        """Every file a snippet can include (all under the snippet base paths), keyed by its
        path relative to the docs directory (``../includes/abbreviations.md``)."""
        if self.snippets is None:
            return {}
        result = {}
        for path in self.snippets.files():
            uri = snippets.include_uri(self.config, path)
            result[uri] = SourceFile(uri, path, is_symlink=path.is_symlink())
        return result


#: Characters a file name may not hold: controls (a newline forges lines wherever the name is
#: printed), separators and bidirectional overrides, and what breaks a URL or an attribute.
_BAD_NAME = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"<>\\\\]')


def check_file_names(site: Site) -> Iterator[Problem]:
    """File names that would break where they are used: control characters and URL-breaking
    characters (KB210), and names that differ only in letter case (KB007), which are one file
    on case-insensitive disks and hosts."""
    # (An include under the docs directory is listed twice, under one name.)
    files = {f.src_uri: f for f in (*site.files.values(), *site.includes.values()) if not f.generated}.values()
    folded: dict[str, list[str]] = {}
    for file in files:
        bad = _BAD_NAME.findall(file.src_uri)
        if bad:
            shown = ", ".join(dict.fromkeys(repr(c) for c in bad))
            yield Problem(file.src_uri, 1, 1, "KB210", f"file name holds {shown}, which no file name may hold",
                          "rename the file without them (letters, digits, '-', '_' and '.' are safe)")
        name = file.src_uri if file.src_uri.isascii() else unicodedata.normalize("NFC", file.src_uri)
        folded.setdefault(name.casefold(), []).append(file.src_uri)
    for names in folded.values():
        if len(names) > 1:
            for name in names:
                others = ", ".join(f"'{other}'" for other in names if other != name)
                yield Problem(name, 1, 1, "KB007", f"file name differs from {others} only in letter case",
                              "rename or merge them: on case-insensitive disks and hosts they are one file")
