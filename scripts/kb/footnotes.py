"""Footnotes as readers meet them: numbered in reading order, back-links without tooltips.

Python-Markdown's footnotes extension, told not to number notes in the order they are defined
(``USE_DEFINITION_ORDER: false``), numbers them in the order its inline processor reaches their
references: the paragraphs of the page first, then those nested in lists, quotations and
admonitions. `ReadingOrder` numbers them in the order of the text (the first mark a reader meets
is 1) and puts the list of notes in that order.

Footnote back-links in the built page are named by ``aria-label`` instead of ``title``.

Python-Markdown gives each back-link ("↩") a title, "Jump back to footnote 3 in the text". The
theme turns every titled element into a tooltip when the page loads; on a page that cites its
source thirty-five times, those tooltips were a measurable share of the page's script time
(Lighthouse's total blocking time). The words still name the link for screen readers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_BACKREF = re.compile(r'(<a class="footnote-backref" href="[^"]*") title="([^"]*)"')


def backlinks_without_tooltips(html: str) -> str:
    """The page with its footnote back-links' titles turned into accessible names."""
    if "footnote-backref" not in html:
        return html
    return _BACKREF.sub(r'\1 aria-label="\2"', html)


class ReadingOrder(Extension):  # type: ignore[misc]  # Python-Markdown has no types
    """Number footnotes in reading order (see the module's doc). Added after ``footnotes``; it
    does nothing where that extension keeps the definition order."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the inline processor (20) has made the marks, before the notes are reordered (19).
        md.treeprocessors.register(_Renumber(md), "kb-footnote-reading-order", 19.5)


class _Renumber(Treeprocessor):  # type: ignore[misc]  # Python-Markdown has no types
    def run(self, root: etree.Element) -> None:
        reorder = self.md.treeprocessors["footnote-reorder"] if "footnote-reorder" in self.md.treeprocessors else None
        notes: Any = getattr(reorder, "footnotes", None)
        if notes is None or not notes.footnotes:
            return
        separator = notes.get_separator()
        marks = [(a, a.get("href", "").partition(f"#fn{separator}")[2]) for sup in root.iter("sup")
                 if sup.get("id", "").startswith("fnref") for a in sup.iter("a") if a.get("class") == "footnote-ref"]
        met = dict.fromkeys(label for _, label in marks if label in notes.footnotes)
        if list(met) == notes.footnote_order[: len(met)]:
            return
        met.update(dict.fromkeys(notes.footnote_order))  # notes never referenced keep their place after
        notes.footnote_order[:] = list(met)
        number = {label: n for n, label in enumerate(met, 1)}
        for a, label in marks:
            if label in number:
                a.text = str(number[label])
