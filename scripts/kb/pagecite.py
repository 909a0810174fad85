"""How to cite a page: the "Cite this page" box of every entity page, made at build time.

A reader copies a citation in plain text or BibTeX: the page's title, the site, the date the
page was last revised (from git: `kb.revisions`), its address, and the sources it rests on
(the source pages it cites). Everything comes from front matter, so it is escaped twice over:
for BibTeX (its special characters) and, like all the build writes, by the template layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import templates
from .citations import cited_sources
from .urls import page_url

if TYPE_CHECKING:
    from markupsafe import Markup

    from .site import Page, Site


@dataclass(frozen=True)
class PageCitation:
    """What a citation of one page says."""

    key: str
    """The BibTeX key: ASCII, from the page's path (``kb-people-dmitry-rogozin``)."""
    title: str
    site_name: str
    url: str
    revised: str | None
    """The day of the page's last commit (YYYY-MM-DD), None if it was never committed."""
    sources: tuple[str, ...]
    """The sources it rests on, each as "Author (date), Title"."""


def page_citation(page: Page, site: Site, site_url: str, revised: str | None) -> PageCitation:
    """The citation of an entity page."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    url = base + page_url(page.src_uri, site.config.use_directory_urls)
    uris = [page.src_uri] if page.type == "source" else cited_sources(page, site)
    sources = tuple(_source_label(site.pages[uri]) for uri in uris if uri in site.pages)
    key = "kb-" + re.sub(r"[^a-z0-9]+", "-", page.src_uri.removesuffix(".md").lower()).strip("-")
    site_name = str(site.config.raw.get("site_name") or "")
    return PageCitation(key, page.title, site_name, url, revised, sources)


def _source_label(source: Page) -> str:
    meta = source.meta
    author = str(meta.get("author") or meta.get("publisher") or "").strip()
    when = str(meta.get("published") or "").strip()
    head = f"{author} ({when})" if author and when else author or when
    return f"{head}, {source.title}" if head else source.title


def plain_text(c: PageCitation) -> str:
    """The citation as one paragraph of text."""
    revised = f"Revision of {c.revised}." if c.revised else "Not yet revised in the repository."
    text = f"“{c.title}”. {c.site_name}. {revised} {c.url}"
    if c.sources:
        text += ". Based on: " + "; ".join(c.sources) + "."
    return text


#: BibTeX's special characters, each as BibTeX reads it literally.
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
           "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX)) + "]")


def bibtex_text(value: str) -> str:
    """Text for a BibTeX field: its special characters escaped, so that a brace in a title can
    neither end the field nor open a command; line breaks become spaces."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX[m.group()], " ".join(value.split()))


def bibtex(c: PageCitation) -> str:
    """The citation as a BibTeX ``@misc`` entry (the URL in ``url``, verbatim but for braces)."""
    fields = [("author", "{" + bibtex_text(c.site_name + " contributors") + "}"), ("title", bibtex_text(c.title)),
              ("howpublished", bibtex_text(c.site_name))]
    if c.revised:
        fields += [("year", c.revised[:4]), ("date", c.revised)]
    fields += [("url", re.sub(r"[{}\\%\s]", lambda m: f"%{ord(m.group()):02X}", c.url))]
    note = ("Revision of " + c.revised if c.revised else "Not yet revised in the repository") + (
        ". Based on: " + "; ".join(c.sources) if c.sources else "")
    fields.append(("note", bibtex_text(note)))
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}"


def cite_box_html(c: PageCitation) -> Markup:
    """The "Cite this page" box: a disclosure widget (no script), both formats inside."""
    return templates.html("cite_page.html", text=plain_text(c), bibtex=bibtex(c))
