"""Scanning one page: everything the rules need from its text, computed once.

A `PageScan` holds only plain, picklable data, so pages can be scanned in worker processes
and the result kept in the on-disk cache (`kb.cache`) until the file changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re

from . import frontmatter, markers, markup
from .anchors import HeadingRenderer, page_ids


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


def scan_text(text: str, renderer: HeadingRenderer) -> PageScan:
    """Scan a page's text (already decoded, newlines normalised)."""
    fm = frontmatter.parse(text)
    lines = markup.Lines(text)
    if not text.strip():
        return PageScan(True, fm)
    masked = markup.mask(text, fm.body_offset if not fm.error else 0)
    tags = markup.html_tags(masked, lines)
    headings = markup.headings(text, masked)
    html_ids = {v for t in tags for k, v in t.attrs if (k == "id" or (k == "name" and t.name == "a")) and v}
    ids = page_ids(headings, masked, renderer, html_ids)
    footnote_labels = markup.footnote_definitions(masked)
    ids |= {f"{kind}{renderer.config.footnote_separator}{label}" for label in footnote_labels for kind in ("fn", "fnref")}
    found_markers = markers.find(text)
    if found_markers:
        generated = markers.fill(text[fm.body_offset :])
        generated_masked = markup.mask(generated)
        ids |= page_ids(markup.headings(generated, generated_masked), generated_masked, renderer, set())
    return PageScan(
        empty=False,
        front_matter=fm,
        links=markup.links(masked),
        html_tags=tags,
        ids=frozenset(ids),
        explicit_heading_ids={renderer.slug(h.text): h.explicit_id for h in headings if h.explicit_id},
        reference_labels=frozenset(markup.reference_definitions(masked)),
        footnote_labels=frozenset(footnote_labels),
        footnote_refs=markup.footnote_references(masked),
        markers=found_markers,
        todos=[m.start() for m in _TODO.finditer(masked)],
        prose=markup.prose(masked),
    )
