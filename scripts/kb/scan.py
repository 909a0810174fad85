"""Scanning one page: everything the rules need from its text, computed once.

A `PageScan` holds only plain data, so pages can be scanned in worker processes and the result
kept in the on-disk cache (`kb.cache`, as JSON) until the file changes.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from . import bounds, frontmatter, markers, markup
from .anchors import HeadingRenderer, page_ids
from .codec import DECODE_ERRORS, CorruptCache, Decoder, Encoder, Table, codec, decode_any, dumps, encode_any, loads
from .urls import resolve_in

_TODO = re.compile(r"\bTODO\b")
#: The start of a tag, a comment or a declaration (in the raw text: code spans may hide one).
_TAG_START = re.compile(r"<[a-zA-Z!/?]")
#: An attribute list (``{ … }``) that sets an event handler (``onclick=``…), in any case.
_EVENT_ATTRIBUTE = re.compile(r"\{[^{}\n]*?\b[oO][nN][a-zA-Z]*[ \t]*=")


@dataclass
class PageScan:
    """What one page's text holds, with positions as character offsets in the file.

    Offsets become lines and columns only when a problem is reported (`Page.position`), so
    the scan stays small.
    """

    empty: bool
    front_matter: frontmatter.FrontMatter
    links: list[markup.Link] = field(default_factory=list)
    html_tags: list[markup.Tag] = field(default_factory=list)
    ids: frozenset[str] = frozenset()
    explicit_heading_ids: dict[str, str] = field(default_factory=dict)
    reference_labels: frozenset[str] = frozenset()
    footnote_labels: frozenset[str] = frozenset()
    footnote_refs: list[tuple[str, int]] = field(default_factory=list)
    markers: list[tuple[str, str, int]] = field(default_factory=list)
    """(name, argument, offset) of each generated-content marker line."""
    bounds: list[tuple[int, str, str, str]] = field(default_factory=list)
    """(offset, code, message, hint) of each bound of `kb.bounds` the page exceeds."""
    raw_html: bool = False
    """The body holds raw HTML, an HTML comment or an attribute list with an event handler: the
    checker renders it, as the build will, and judges the HTML (`kb.safety.check_rendered`)."""
    todos: list[int] = field(default_factory=list)
    """Offsets of template placeholders (``TODO``) in the body."""
    prose: str = ""
    """The body's running text, offsets kept: code, headings, link targets, HTML and notes blanked."""
    linked: frozenset[str] = frozenset()
    """Docs paths the body's inline links and definitions point to, resolved against the page's
    folder (what "Referenced by", orphans and unlinked mentions need, kept with the scan)."""

    # The cache file keeps the fields that only the page rules and the build read as one JSON
    # line per page, decoded when one of them is first read: a warm check whose pages are all
    # unchanged reads none of them (`encode_entries`, `decode_entries`).

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled only from a worker process to ours (`kb.site`), never to or from a file: as it
        # is, with its fields unpacked (the fastest way; the cache file is JSON).
        details = {name: getattr(self, name) for name in DETAIL}
        return _from_state, ({**self.__dict__, **details},)

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes the instance lacks: the packed fields, before unpacking.
        if name not in DETAIL or _PACKED not in self.__dict__:
            raise AttributeError(name)
        self.__dict__.update(_unpack(self.__dict__.pop(_PACKED)))
        return self.__dict__[name]


_PACKED = "_packed"

#: The fields every run reads (kept in the cache's index); the others are `DETAIL`.
CORE = ("empty", "front_matter", "linked")

#: The fields packed in the cache (all but those every run reads).
DETAIL = tuple(f.name for f in fields(PageScan) if f.name not in CORE)

#: What a scan's attributes may be besides those set beside its fields (kept as plain data).
_KNOWN = frozenset((*CORE, *DETAIL, _PACKED))

for _name in DETAIL:  # no class-level defaults: a missing field must reach __getattr__
    if _name in PageScan.__dict__:
        delattr(PageScan, _name)

#: A page's packed fields: (file data, start, end, src_uri, what rescans the page if they are corrupt).
Packed = tuple[bytes, int, int, str, "Callable[[str], PageScan] | None"]


@functools.cache
def _codecs() -> list[tuple[str, Encoder, Decoder]]:
    """The codecs of the detail fields, made from their annotations."""
    hints = typing.get_type_hints(PageScan)
    return [(name, *codec(hints[name])) for name in DETAIL]


@functools.cache
def _core() -> Table:
    """The core fields of many scans as columns (`kb.cache.Table`)."""
    return Table(PageScan, CORE, _make_scan)


def _make_scan(values: Sequence[Any]) -> PageScan:
    scan = object.__new__(PageScan)
    scan.__dict__.update(zip(CORE, values))
    return scan


#: The columns of a cache file's index of scans (besides "core", the core fields' columns).
_COLUMNS = {"uri": str, "size": int, "mtime": int, "length": int}


def encode_entries(items: Iterable[tuple[str, int, int, PageScan]]) -> tuple[dict[str, Any], list[bytes]]:
    """Scans as plain data: the index (columns of each page's path, stamp, core fields, extra
    attributes and the length of its detail line) and the detail lines (JSON, newline included).
    A scan holding a value JSON cannot hold is left out (its page is scanned again next time)."""
    core = _core()
    rows: list[list[Any]] = []
    columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
    extras: list[Any] = []
    lines: list[bytes] = []
    for src_uri, size, mtime, scan in items:
        state = scan.__dict__
        try:
            row = core.encode_row(scan)
            packed = state.get(_PACKED)
            if packed is not None:  # never unpacked: kept as read
                line = packed[0][packed[1] : packed[2]]
            else:
                line = dumps([encode(state[name]) for name, encode, _ in _codecs()])
            extra = {name: value for name, value in state.items() if name not in _KNOWN}
            if any(name.startswith("_") for name in extra):
                raise TypeError("a scan with private attributes")
            extra_data = encode_any(extra) if extra else 0
        except (TypeError, ValueError, RecursionError):  # RecursionError: nesting deeper than we walk
            continue
        rows.append(row)
        for name, value in zip(_COLUMNS, (src_uri, size, mtime, len(line))):
            columns[name].append(value)
        extras.append(extra_data)
        lines.append(line + b"\n")
    return {**columns, "core": core.columns(rows), "extra": extras}, lines


def decode_entries(index: Any, details: bytes,
                   rescan: Callable[[str], PageScan] | None) -> dict[str, tuple[int, int, PageScan]]:
    """src_uri -> (size, mtime_ns, scan) of an index whose detail lines are `details`. Raises one
    of `DECODE_ERRORS` on data that is not what `encode_entries` makes; a detail line is checked
    when it is decoded."""
    if type(index) is not dict or set(index) != {*_COLUMNS, "core", "extra"}:
        raise CorruptCache("an index of the wrong shape")
    uris = index["uri"]
    count = len(uris) if type(uris) is list else -1
    for name, kind in _COLUMNS.items():
        column = index[name]
        if type(column) is not list or len(column) != count or (column and set(map(type, column)) != {kind}):
            raise CorruptCache(f"an index column '{name}' of the wrong shape")
    lengths, extras = index["length"], index["extra"]
    if (lengths and min(lengths) < 0) or sum(lengths) + count != len(details):
        raise CorruptCache("detail lines of the wrong length")
    if type(extras) is not list or len(extras) != count:
        raise CorruptCache("an index column 'extra' of the wrong shape")
    scans = _core().decode(index["core"], count)
    start = 0
    for scan, length, src_uri, extra in zip(scans, lengths, uris, extras):
        state = scan.__dict__
        if extra:  # attributes set beside the fields (`snippets`): plain data, public names only
            extra = decode_any(extra)
            if type(extra) is not dict or not all(type(name) is str and name.isidentifier()
                                                  and not name.startswith("_") and name not in _KNOWN
                                                  for name in extra):
                raise CorruptCache("a scan with unknown attributes")
            state.update(extra)
        state[_PACKED] = (details, start, start + length, src_uri, rescan)
        start += length + 1
    return dict(zip(uris, zip(index["size"], index["mtime"], scans)))


def _unpack(packed: Packed) -> dict[str, Any]:
    """The detail fields of a packed scan; if its line is corrupt, those of the page scanned again."""
    details, start, end, src_uri, rescan = packed
    detail = _codecs()
    try:
        data = loads(details[start:end])
        if type(data) is not list or len(data) != len(detail):
            raise CorruptCache("a scan of the wrong shape")
        return {name: decode(item) for (name, _, decode), item in zip(detail, data)}
    except DECODE_ERRORS:
        if rescan is None:
            raise CorruptCache(f"the cached scan of '{src_uri}' is corrupt") from None
    fresh = rescan(src_uri)
    return {name: getattr(fresh, name) for name in DETAIL}


def _from_state(state: dict[str, Any]) -> PageScan:
    """A scan sent by a worker process (`PageScan.__reduce__`)."""
    scan = object.__new__(PageScan)
    scan.__dict__.update(state)
    return scan


def read_text(path: Path) -> str:
    """A page's text as MkDocs reads it (UTF-8, BOM dropped), with newlines normalised."""
    text = path.read_bytes().decode("utf-8-sig")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def scan_text(text: str, renderer: HeadingRenderer, folder: str = "",
              fill_static: markers.Filler | None = None) -> PageScan:
    """Scan a page's text (already decoded, newlines normalised); `folder` is the page's folder
    relative to the docs directory, to resolve its links against; `fill_static` fills static
    markers (`kb.generated.fill_static`), whose headings' ids the page then has."""
    fm = frontmatter.parse(text)
    if not text.strip():
        return PageScan(True, fm)
    masked = markup.mask(text, fm.body_offset if not fm.error else 0)
    # A page past the bounds is refused by the build: it is neither parsed as HTML nor are its
    # headings rendered (both could take minutes), so its scan stays linear in its size.
    excess = bounds.find(text, masked, fm.body_offset if not fm.error else 0)
    tags = markup.html_tags(masked) if not excess else []
    headings = markup.headings(text, masked)
    html_ids = {v for t in tags for k, v in t.attrs if (k == "id" or (k == "name" and t.name == "a")) and v}
    ids = page_ids(headings, masked, renderer, html_ids, text, plain=bool(excess))
    footnote_labels = markup.footnote_definitions(masked)
    footnote_refs = markup.footnote_references(masked)
    ids |= footnote_ids(footnote_labels, footnote_refs, renderer.config.footnote_separator)
    found_markers = markers.find(text)
    if found_markers and fill_static is not None:
        generated = fill_static(text[fm.body_offset :])
        generated_masked = markup.mask(generated)
        ids |= page_ids(markup.headings(generated, generated_masked), generated_masked, renderer, set(), generated,
                        plain=bool(excess))
    links = markup.links(masked)
    body = text[fm.body_offset:] if not fm.error else text
    if found_markers:  # the build fills those comments with generated content, judged at build time
        body = markers.MARKER.sub("", body)
    raw_html = not excess and bool(tags or "<!--" in body or ("<" in body and _TAG_START.search(body))
                                   or ("{" in body and _EVENT_ATTRIBUTE.search(body)))
    return PageScan(
        empty=False,
        front_matter=fm,
        links=links,
        html_tags=tags,
        ids=frozenset(ids),
        explicit_heading_ids={(renderer.slugify(h.text, renderer.separator) if excess else renderer.slug(h.text)):
                              h.explicit_id for h in headings if h.explicit_id},
        reference_labels=frozenset(markup.reference_definitions(masked)),
        footnote_labels=frozenset(footnote_labels),
        footnote_refs=footnote_refs,
        markers=found_markers,
        bounds=[(e.offset, e.code, e.message, e.hint) for e in excess],
        todos=[m.start() for m in _TODO.finditer(masked)] if "TODO" in masked else [],
        prose=markup.prose(masked) if not excess else "",  # no mentions to warn about on a refused page
        linked=linked_paths(links, folder),
        raw_html=raw_html,
    )


def footnote_ids(labels: set[str], refs: list[tuple[str, int]], separator: str) -> set[str]:
    """The ids the footnotes extension gives: ``fn:x`` to each defined note, ``fnref:x`` to the
    first reference of a defined note, ``fnref2:x``, ``fnref3:x``… to the next ones (a note never
    referenced has no ``fnref:x``, and its back-link leads nowhere)."""
    ids = {f"fn{separator}{label}" for label in labels}
    counts: dict[str, int] = {}
    for label, _ in refs:
        if label in labels:
            counts[label] = counts.get(label, 0) + 1
            number = counts[label]
            ids.add(f"fnref{number if number > 1 else ''}{separator}{label}")
    return ids


def linked_paths(links: list[markup.Link], folder: str) -> frozenset[str]:
    """The docs paths that inline links and reference definitions point to (external URLs and
    same-page anchors left out)."""
    paths = set()
    for link in links:
        if link.kind in ("inline", "definition") and "://" not in link.target:
            path = link.target.partition("#")[0]
            if path:
                paths.add(resolve_in(folder, path))
    return frozenset(paths)
