"""What the build adds to each page: the one entry point the MkDocs hooks call.

`BuildContext.for_config` loads and checks the site once per build; `page_markdown` returns a
page's Markdown with its infobox placed and its markers filled. Any builder that can run Python
before rendering can call the same two functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import markers, render, schema
from .check import check_site
from .config import load_config
from .problems import Problem
from .relations import RelationGraph
from .site import Site


@dataclass
class BuildContext:
    """The site model for one build, and the checker's problems with it."""

    site: Site
    graph: RelationGraph
    problems: list[Problem]

    @classmethod
    def for_config(cls, config_file: str | Path) -> BuildContext:
        """Load, check and index the site of a mkdocs.yml."""
        site = Site(load_config(config_file))
        return cls(site, RelationGraph(site), check_site(site))

    def page_markdown(self, src_uri: str, markdown: str) -> str:
        """A page's Markdown as the build should render it."""
        page = self.site.pages.get(src_uri)
        markdown = markers.fill(markdown, self.site, src_uri)
        if page is not None and page.type in schema.ENTITY_TYPES and not page.front_matter.error:
            if page.type == "source":
                markdown = render.insert_cited_by(markdown, self.site, src_uri)
            box = render.infobox(page, self.graph)
            if box:
                markdown = render.insert_after_title(markdown, box)
        return markdown
