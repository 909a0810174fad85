"""Scanning one page: everything the rules need from its text, computed once.

A `PageScan` holds only plain, picklable data, so pages can be scanned in worker processes
and the result kept in the on-disk cache (`kb.cache`) until the file changes.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, fields
from typing import Any

import re

from . import frontmatter, markers, markup
from .anchors import HeadingRenderer, page_ids
from .urls import resolve_in


_TODO = re.compile(r"\bTODO\b")


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
    todos: list[int] = field(default_factory=list)
    """Offsets of template placeholders (``TODO``) in the body."""
    prose: str = ""
    """The body's running text, offsets kept: code, headings, link targets, HTML and notes blanked."""
    linked: frozenset[str] = frozenset()
    """Docs paths the body's inline links and definitions point to, resolved against the page's
    folder (what "Referenced by", orphans and unlinked mentions need, kept with the scan)."""

    # Pickling (the cache file, worker processes) keeps the fields that only the page rules
    # and the build read as one nested pickle, unpacked when one of them is first read: a
    # warm check whose pages are all unchanged reads none of them, and loads its cache
    # three times faster.

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if _PACKED not in state:
            state[_PACKED] = pickle.dumps({name: state.pop(name) for name in DETAIL}, pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes the instance lacks: the packed fields, before unpacking.
        if name not in DETAIL or _PACKED not in self.__dict__:
            raise AttributeError(name)
        packed = self.__dict__.pop(_PACKED)
        self.__dict__.update(pickle.loads(packed))  # noqa: S301 - our own data
        return self.__dict__[name]


_PACKED = "_packed"

#: The fields packed when a scan is pickled (all but those every run reads).
DETAIL = tuple(f.name for f in fields(PageScan) if f.name not in ("empty", "front_matter", "linked"))

for _name in DETAIL:  # no class-level defaults: a missing field must reach __getattr__
    if _name in PageScan.__dict__:
        delattr(PageScan, _name)


def scan_text(text: str, renderer: HeadingRenderer, folder: str = "") -> PageScan:
    """Scan a page's text (already decoded, newlines normalised); `folder` is the page's folder
    relative to the docs directory, to resolve its links against."""
    fm = frontmatter.parse(text)
    if not text.strip():
        return PageScan(True, fm)
    masked = markup.mask(text, fm.body_offset if not fm.error else 0)
    tags = markup.html_tags(masked)
    headings = markup.headings(text, masked)
    html_ids = {v for t in tags for k, v in t.attrs if (k == "id" or (k == "name" and t.name == "a")) and v}
    ids = page_ids(headings, masked, renderer, html_ids, text)
    footnote_labels = markup.footnote_definitions(masked)
    ids |= {f"{kind}{renderer.config.footnote_separator}{label}" for label in footnote_labels for kind in ("fn", "fnref")}
    found_markers = markers.find(text)
    if found_markers:
        generated = markers.fill(text[fm.body_offset :])
        generated_masked = markup.mask(generated)
        ids |= page_ids(markup.headings(generated, generated_masked), generated_masked, renderer, set(), generated)
    links = markup.links(masked)
    return PageScan(
        empty=False,
        front_matter=fm,
        links=links,
        html_tags=tags,
        ids=frozenset(ids),
        explicit_heading_ids={renderer.slug(h.text): h.explicit_id for h in headings if h.explicit_id},
        reference_labels=frozenset(markup.reference_definitions(masked)),
        footnote_labels=frozenset(footnote_labels),
        footnote_refs=markup.footnote_references(masked),
        markers=found_markers,
        todos=[m.start() for m in _TODO.finditer(masked)] if "TODO" in masked else [],
        prose=markup.prose(masked),
        linked=linked_paths(links, folder),
    )


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
