"""The site: every file under the docs directory, its page model, and URL resolution; the
include files snippets can name (`Site.includes`); the rules on file names.

Files are keyed by ``src_uri``: the POSIX path relative to the docs directory, as in MkDocs'
``File.src_uri``. URLs follow MkDocs' rules for ``use_directory_urls``.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import frontmatter, markup, schema, snippets
from .anchors import HeadingRenderer
from .cache import ScanCache
from .codec import encode_any
from .config import SiteConfig
from .markers import Filler
from .scan import PageScan, read_text, scan_text
from .suggest import PathSuggester
from .urls import GENERATED_FILES, is_markdown, page_url, resolve_source, resolve_url  # noqa: F401 - re-exported


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
    conflict: str = ""
    """The file of the same folder that MkDocs keeps instead of this one, both being written to
    the same place (``README.md`` beside ``index.md``, ``a.md`` beside ``a.markdown``)."""

    @property
    def is_page(self) -> bool:
        """Markdown files (any extension MkDocs reads as Markdown) become pages."""
        return is_markdown(self.src_uri)

    @property
    def published(self) -> bool:
        """True if ``mkdocs build`` writes it to the site."""
        return not (self.excluded or self.draft or self.conflict)


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
        """Anchor ids the built page will have (those of the snippets it includes as well)."""
        included = self.site.included_ids.get(self.src_uri)
        return self.scan.ids | included if included else self.scan.ids

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

@dataclass(frozen=True)
class Scanner:
    """Reads and scans files: what a worker process needs, given to it when it starts."""

    renderer: HeadingRenderer
    fill_static: Filler | None = None
    """Fills a page's static markers (`kb.generated.fill_static`), to learn the ids they make."""

    def __call__(self, file: tuple[Path, str]) -> PageScan | tuple[str, int, int, str, str]:
        """Read and scan one file (its path and docs folder); a problem tuple if it is not UTF-8."""
        return self.scan_many([file])[0]

    def scan_many(self, files: list[tuple[Path, str]]) -> list[PageScan | tuple[str, int, int, str, str]]:
        """Read and scan files; the ids of their headings that need rendering are learnt in one
        batch first (`HeadingRenderer.prefetch`)."""
        texts = [_read(path) for path, _ in files]
        if len(files) > 1:
            self.renderer.prefetch(heading for text in texts if isinstance(text, str) and "#" in text
                                   for heading in _heading_texts(text))
        return [self._scan(text, folder) if isinstance(text, str) else text
                for text, (_, folder) in zip(texts, files)]

    def _scan(self, text: str, folder: str) -> PageScan:
        scan = scan_text(text, self.renderer, folder, self.fill_static)
        # Snippet inclusions, found in the text as pymdownx.snippets finds them (code blocks
        # included), are kept with the scan: the site rule `inclusions.check_snippets` reads them.
        found = snippets.find(text, scan.front_matter.body_offset if not scan.front_matter.error else 0)
        if found:  # as plain lists, which the cache keeps as they are
            scan.snippets = [[offset, spec] for offset, spec in found]  # type: ignore[attr-defined]
        return scan


#: The text of an ATX heading, roughly (code blocks not told apart): what `Scanner.scan_many`
#: asks the renderer to learn in advance; a line it takes wrongly for a heading costs time only.
_ATX_TEXT = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)


def _heading_texts(text: str) -> list[str]:
    """The first `PREFETCH_PER_PAGE` heading texts of a page, each short (a page of thousands of
    headings, or of huge ones, is past the bounds and renders none: `kb.bounds`)."""
    found = []
    for m in _ATX_TEXT.finditer(text):
        if len(m.group(1)) <= 300:
            found.append(m.group(1))
            if len(found) == PREFETCH_PER_PAGE:
                break
    return found


#: At most this many headings of a page are learnt in advance.
PREFETCH_PER_PAGE = 50


def _read(path: Path) -> str | tuple[str, int, int, str, str]:
    """A page's text, or the problem tuple of a file that is not UTF-8."""
    try:
        return read_text(path)
    except UnicodeDecodeError as exc:
        data = path.read_bytes()
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return ("KB001", line, col, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                "save the file as UTF-8 in your editor")


#: The scanner of a worker process, set in the worker only, when it starts (`_start_worker`).
_worker_scanner: Scanner | None = None


def _start_worker(scanner: Scanner) -> None:
    global _worker_scanner
    _worker_scanner = scanner


def _scan_in_worker(files: list[tuple[Path, str]]) -> list[PageScan | tuple[str, int, int, str, str]]:
    assert _worker_scanner is not None
    return _worker_scanner.scan_many(files)


class Site:
    """All files of the docs directory, with lookups by path and by URL."""

    def __init__(self, config: SiteConfig, extra_urls: dict[str, str] | None = None,
                 cache: ScanCache | None = None, workers: int | None = None,
                 fill_static: Filler | None = None) -> None:
        self.config = config
        self.fill_static = fill_static
        """Fills a page's static markers (the output layer's `kb.generated.fill_static`), if given."""
        self.files: dict[str, SourceFile] = {}
        self.unreadable: dict[str, tuple[str, int, int, str, str]] = {}
        self._walk(config.docs_dir, "")
        _mark_conflicts(self.files, config.use_directory_urls)
        for name in GENERATED_FILES:  # written by the build: links to them are links to files
            self.files.setdefault(name, SourceFile(name, config.docs_dir / name, generated=True))
        self.pages: dict[str, Page] = {}
        self.headings = HeadingRenderer(config)
        self.extra_urls = extra_urls or {}
        self.derived: dict[str, Any] = {}
        """Results computed from all pages, kept for whoever asks next (backlinks…)."""
        self.source_texts: dict[str, dict[int, str]] | None = None
        """Source src_uri -> its text by paragraph, for the sources whose texts are at hand (None:
        no folder of texts was given), to verify quotations."""
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
                    draft=is_markdown(entry.name) and self.config.is_draft(src_uri),
                )

    def _load_pages(self, cache: ScanCache | None, workers: int | None) -> None:
        wanted = [f for f in self.files.values() if f.is_page and not f.is_symlink and not f.excluded]
        results: dict[str, PageScan | tuple[str, int, int, str, str]] = {}
        todo = []
        for file in wanted:
            cached = None
            if cache is not None:
                stamp = cache.stamp(file.abs_path)
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

    def _scan_all(self, paths: list[tuple[Path, str]],
                  workers: int | None) -> list[PageScan | tuple[str, int, int, str, str]]:
        scanner = Scanner(self.headings, self.fill_static)
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if workers < 2 or len(paths) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
            return scanner.scan_many(paths)
        # Forked: the scanner reaches each worker as it starts, not pickled with every file.
        size = max(1, len(paths) // (workers * 8))
        chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
        with multiprocessing.get_context("fork").Pool(workers, _start_worker, (scanner,)) as pool:
            return [scan for part in pool.map(_scan_in_worker, chunks, chunksize=1) for scan in part]

    def prepare_shared(self) -> None:
        """Build the lookup tables every rule uses, before worker processes inherit the site."""
        for name in ("lower_paths", "folders", "suggester", "included_ids"):
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
    def is_knowledge_base(self) -> bool:
        """Whether the docs have a folder of the knowledge base (a type folder such as people/,
        or about/): only then do its content rules apply; on another MkDocs site the checker
        checks links, anchors, safety and syntax."""
        return any(folder in self.folders for folder in (*schema.FOLDER_TYPES, *schema.PLAIN_FOLDERS) if folder)

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

    def url_of(self, src_uri: str) -> str:
        """The URL of a file."""
        return page_url(src_uri, self.config.use_directory_urls)

    @cached_property
    def snippets(self) -> snippets.Snippets | None:
        """The pymdownx.snippets settings (None if snippets are not enabled)."""
        return snippets.settings(self.config)

    @cached_property
    def included_ids(self) -> dict[str, frozenset[str]]:
        """Page src_uri -> the anchor ids the snippets it includes give it (their headings, their
        ``{#id}``s): the included text is part of the page. A snippet that cannot be included is
        left to the inclusion rules (`kb.inclusions`). A section of a file counts as the whole
        file: a link to a heading outside the section is not caught, and none is falsely reported."""
        settings = self.snippets
        if settings is None:
            return {}
        result: dict[str, frozenset[str]] = {}
        by_file: dict[str, frozenset[str]] = {}
        for uri, page in self.pages.items():
            kept = page.scan.__dict__.get("snippets")
            if not kept:
                continue
            ids: set[str] = set()
            for _, spec in kept:
                if not isinstance(spec, str) or spec == snippets.UNCLOSED:
                    continue
                target = settings.processor.parse_snippet_target(spec)
                path = target["path"] if target else ""
                if not path or path.lower().startswith(snippets.URL_SCHEMES) or settings.escapes(path):
                    continue
                found = settings.processor.get_snippet_path(path)
                if found is None or not settings.inside(Path(found)) or not Path(found).is_file():
                    continue
                if found not in by_file:
                    try:
                        by_file[found] = scan_text(read_text(Path(found)), self.headings).ids
                    except (OSError, UnicodeDecodeError):
                        by_file[found] = frozenset()
                ids |= by_file[found]
            if ids:
                result[uri] = frozenset(ids)
        return result

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




def _dest(file: SourceFile, use_directory_urls: bool) -> str:
    if not file.is_page:
        return file.src_uri
    url = page_url(file.src_uri, use_directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def _mkdocs_order(file: SourceFile) -> tuple[bool, str]:
    """MkDocs' order of the files of a folder (``_file_sort_key``): index and README first."""
    name = posixpath.basename(file.src_uri)
    return posixpath.splitext(name)[0] not in ("index", "README"), name


def _mark_conflicts(files: dict[str, SourceFile], use_directory_urls: bool) -> None:
    """Mark the files MkDocs drops because another file of their folder is written to the same
    place (``mkdocs.structure.files.get_files``): in each folder, files in MkDocs' order (index
    and README first, then by name), the first of two with one destination is dropped, with a
    warning, if the second is published; the second is dropped if it is not."""
    by_folder: dict[str, list[SourceFile]] = {}
    for file in files.values():
        if not file.generated:
            by_folder.setdefault(posixpath.dirname(file.src_uri), []).append(file)
    for folder_files in by_folder.values():
        folder_files.sort(key=_mkdocs_order)
        seen: dict[str, SourceFile] = {}
        for file in folder_files:
            first = seen.setdefault(_dest(file, use_directory_urls), file)
            if first is file:
                continue
            if not (file.excluded or file.draft):
                if not (first.excluded or first.draft):
                    first.conflict = file.src_uri
            else:
                file.conflict = first.src_uri


def shape_digest(site: Site) -> str:
    """A digest of what every page's check may read of the whole site (see the module's doc)."""
    files = [(f.src_uri, f.is_symlink, f.excluded, f.draft, f.generated, f.conflict) for f in site.files.values()]
    # The URL style too: a plugin may change it (the offline build), the config file staying the same.
    # Every include, as it is now: the ids it gives the pages that include it (`Site.included_ids`).
    includes = sorted((uri, *_stat(f.abs_path)) for uri, f in site.includes.items())
    rest = (sorted(site.unreadable), site.source_texts, sorted(site.extra_urls.items()),
            site.config.use_directory_urls, includes)
    # JSON of a fixed layout: only the front-matter values can be of any type (`encode_any`).
    try:
        names: list[tuple[Any, ...]] = [
            (uri, _name(page.meta.get("title")), _name(page.meta.get("aliases")), _name(page.meta.get("redirect_from")))
            for uri, page in site.pages.items()]
        text = json.dumps((files, names, *rest), ensure_ascii=False, default=_unexpected)
    except (TypeError, ValueError, RecursionError):  # a value nested too deep: each page's front matter whole
        names = [(uri, page.front_matter.text) for uri, page in site.pages.items()]
        text = json.dumps((files, names, *rest), ensure_ascii=False, default=_unexpected)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return -1, -1
    return stat.st_size, stat.st_mtime_ns


def _name(value: Any) -> Any:
    """A front-matter value as the shape digest takes it (text and lists of text as they are)."""
    if value is None or type(value) is str or (type(value) is list and all(type(item) is str for item in value)):
        return value
    return encode_any(value)


def _unexpected(value: Any) -> Any:
    raise TypeError(f"a {type(value).__name__} in the site's shape")
