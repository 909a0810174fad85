"""URLs and link paths, resolved the way MkDocs and browsers resolve them."""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache

#: The file extensions MkDocs treats as Markdown pages (``mkdocs.utils.markdown_extensions``).
MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def is_markdown(path: str) -> bool:
    """Whether MkDocs makes a page of a file of this name (``mkdocs.utils.is_markdown_file``:
    the extension in lower case only; ``A.MD`` is copied as a file).

    >>> is_markdown("a.md"), is_markdown("b.markdown"), is_markdown("c.MD"), is_markdown("d.mdx")
    (True, True, False, False)
    """
    return path.endswith(MARKDOWN_EXTENSIONS)


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a file, relative to the site root.

    >>> page_url("people/dmitry-rogozin.md"), page_url("people/index.md"), page_url("a.png")
    ('people/dmitry-rogozin/', 'people/', 'a.png')
    >>> page_url("notes/README.markdown"), page_url("notes/b.mkd", False)
    ('notes/', 'notes/b.html')
    """
    if not is_markdown(src_uri):
        return src_uri
    stem = src_uri.rpartition(".")[0]
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return folder + "/" if folder else ""
    if use_directory_urls:
        return stem + "/"
    return stem + ".html"


def resolve_source(src_uri: str, path: str) -> str:
    """Resolve a link path against the folder of the linking file, MkDocs' way.

    >>> resolve_source("people/a.md", "../treaties/new-start.md")
    'treaties/new-start.md'
    """
    return resolve_in(posixpath.dirname(src_uri), path)


@lru_cache(maxsize=65536)
def resolve_in(folder: str, path: str) -> str:
    """Resolve a link path against a folder of the docs (cached: pages of a folder share links)."""
    return _resolve_in(folder, path)


def _resolve_in(folder: str, path: str) -> str:
    joined = posixpath.join(folder, path)
    return posixpath.normpath(joined) if joined else "."


def resolve_url(base_url: str, path: str) -> str | None:
    """Resolve a link path against a page's URL, as a browser does; None if it leaves the site.

    >>> resolve_url("people/a/", "../../treaties/"), resolve_url("", "people/"), resolve_url("", "../x")
    ('treaties/', 'people/', None)
    """
    base = base_url if base_url.endswith("/") or not base_url else posixpath.dirname(base_url) + "/"
    joined = posixpath.normpath(base + path) if base + path else "."
    if joined == ".." or joined.startswith("../"):
        return None
    if joined == ".":
        return ""
    if path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined


@lru_cache(maxsize=65536)
def relative(from_uri: str, to_uri: str) -> str:
    """The relative path from one docs file to another (posixpath.relpath, without its costs).

    >>> relative("people/a.md", "organisations/nato.md"), relative("index.md", "people/a.md")
    ('../organisations/nato.md', 'people/a.md')
    >>> relative("people/a.md", "people/b.md"), relative("a/b/c.md", "a/d.md")
    ('b.md', '../d.md')
    """
    start = from_uri.split("/")[:-1]
    target = to_uri.split("/")
    common = 0
    while common < len(start) and common < len(target) - 1 and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def relative_url(from_url: str, to_url: str) -> str:
    """The relative URL from one page's URL to another URL of the site (both from the site root).

    >>> relative_url("people/a/", "organisations/nato/"), relative_url("", "people/a/")
    ('../../organisations/nato/', 'people/a/')
    >>> relative_url("people/a.html", "people/b.html"), relative_url("people/a/", "people/a/#x")
    ('b.html', './#x')
    """
    base = [part for part in (from_url if from_url.endswith("/") else from_url.rpartition("/")[0]).split("/") if part]
    target = to_url.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + target[common:])
    return rel if rel and not rel.startswith("#") else "./" + rel


#: An address a page may give for a document elsewhere (a source's ``url:``): http or https, one
#: line, nothing that ends an attribute.
ADDRESS = re.compile(r"https?://[^\s<>\"]+")

#: Files the build writes at the top of the site besides the pages.
GENERATED_FILES = ("kb.json", "graph.json")


def slug(text: str) -> str:
    """A URL slug for an alias.

    >>> slug("Dmitry Olegovich Rogozin"), slug("CFE Treaty"), slug("NATO–Russia Council")
    ('dmitry-olegovich-rogozin', 'cfe-treaty', 'nato-russia-council')
    """
    text = re.sub(r"[^\w]+", " ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
