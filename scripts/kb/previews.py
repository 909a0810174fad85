"""Link previews: which links of a page show the start of the page they lead to.

Material's ``material.extensions.preview`` marks the links of a page's text whose target it
is told to preview (``data-preview``). It marks a link to a heading of the same page as well,
the heading's own permalink (¶) among them: hovering it would show the reader the section they
are reading. `NoSamePagePreviews` takes the mark off those.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class NoSamePagePreviews(Extension):  # type: ignore[misc]  # Python-Markdown has no types
    """No preview on a link to the page it is on (see the module's doc)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the preview extension (0) and MkDocs' relative links (0), which rewrite hrefs.
        md.treeprocessors.register(_Unmark(md), "kb-no-same-page-previews", -1)


class _Unmark(Treeprocessor):  # type: ignore[misc]  # Python-Markdown has no types
    def run(self, root: etree.Element) -> None:
        for a in root.iter("a"):
            if "data-preview" in a.attrib and a.get("href", "").startswith("#"):
                del a.attrib["data-preview"]
