"""Links of the built site: every local link and anchor in the HTML resolves.

The checker judges the Markdown before the build; this pass judges what the build wrote, as a
browser follows it: each local ``href``/``src`` of every HTML file is resolved against the
file's URL, the target file must exist, and a fragment must be an ``id`` (or an ``<a name>``)
of the target page. It is single-threaded and reads each file once, so its answer does not
depend on the order in which anything is visited (linkchecker's anchor check does: see
linkchecker/linkchecker#542, #555 and #568, and the maintainers' "can't be relied on" in #575).

The HTML is parsed by Lexbor (through selectolax), as `kb.htmlsafety` parses it.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Problem

#: (element, attribute) pairs whose value is a URL the browser follows or loads.
LINK_ATTRS = (("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"), ("script", "src"),
              ("source", "src"), ("video", "src"), ("audio", "src"), ("track", "src"), ("iframe", "src"))

_SELECTOR = ", ".join(f"{tag}[{attr}]" for tag, attr in LINK_ATTRS)


class BuiltPage:
    """One HTML file of the built site: its ids and its local links, read once."""

    def __init__(self, site_dir: Path, path: Path) -> None:
        from selectolax.lexbor import LexborHTMLParser  # imported when first needed

        self.uri = path.relative_to(site_dir).as_posix()
        self.text = path.read_text(encoding="utf-8", errors="replace")
        tree = LexborHTMLParser(self.text)
        self.ids = {node.attributes.get("id") for node in tree.css("[id]")}
        self.ids |= {node.attributes.get("name") for node in tree.css("a[name]")}
        self.links: list[tuple[str, str]] = []
        """(attribute, value) of each link, in document order."""
        self._attributes: list[tuple[str, str, int]] | None = None
        self._starts: list[int] = []
        for node in tree.css(_SELECTOR):
            for tag, attr in LINK_ATTRS:
                if node.tag == tag and (value := node.attributes.get(attr)) is not None:
                    self.links.append((attr, value))

    def line_of(self, attr: str, value: str, start: int) -> tuple[int, int]:
        """The line of the next occurrence of an attribute with this value, from the `start`-th
        attribute of the file on (links come in document order), and the index after it; (1,
        start) if none of the next few is it. One pass over the text finds every attribute,
        so the whole page is read in linear time, however many links it has."""
        if self._attributes is None:
            self._attributes = [(m.group(1).lower(), html.unescape(m.group(2) or m.group(3) or m.group(4) or ""),
                                 m.start()) for m in _ATTRIBUTE.finditer(self.text)]
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        for index in range(start, min(start + _LOOK_AHEAD, len(self._attributes))):
            name, found, offset = self._attributes[index]
            if name == attr and found == value:
                return bisect.bisect_right(self._starts, offset), index + 1
        return 1, start


#: An attribute that may hold a link, as written (quoted either way, or bare).
_ATTRIBUTE = re.compile(r"""\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
#: How many attributes on a link's value is looked for (others, such as ``<base href>``, stand between).
_LOOK_AHEAD = 64


def _target_file(site_dir: Path, page_uri: str, path: str) -> str | None:
    """The built file a link path reaches from a page (its path in the site), or None if the
    path leaves the site."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    if joined == ".." or joined.startswith("../"):
        return None
    joined = "" if joined == "." else joined
    if path.endswith("/") or joined == "" or (site_dir / joined).is_dir():
        return posixpath.join(joined, "index.html") if joined else "index.html"
    return joined


def check_built(site_dir: Path, base_path: str = "/") -> list[Problem]:
    """Every broken local link and anchor of the built site in `site_dir`, in file order.

    `base_path` is the path the site is served from (that of ``site_url``): an absolute link
    (MkDocs writes them on the 404 page, which is served at any address) must start with it, and
    is resolved from the site's root."""
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    pages: dict[str, BuiltPage] = {}

    def page(uri: str) -> BuiltPage:
        if uri not in pages:
            pages[uri] = BuiltPage(site_dir, site_dir / uri)
        return pages[uri]

    problems: list[Problem] = []
    for path in sorted(site_dir.rglob("*.html")):
        source = page(path.relative_to(site_dir).as_posix())
        problems.extend(_check_page(site_dir, source, page, base_path))
    return problems


def _check_page(site_dir: Path, source: BuiltPage, page: Callable[[str], BuiltPage],
                base_path: str) -> Iterator[Problem]:
    offset = 0
    for attr, value in source.links:
        url = value.strip()
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url or url == "#":
            continue
        line, offset = source.line_of(attr, value, offset)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            if not path.startswith(base_path):
                yield Problem(source.uri, line, 1, "KB220", f"absolute link '{url}' is outside the site's path "
                              f"'{base_path}'", "link relative to the page, or set site_url")
                continue
            target = _target_file(site_dir, "index.html", path[len(base_path):] or "./")
        else:
            target = _target_file(site_dir, source.uri, path) if path else source.uri
        if target is None:
            yield Problem(source.uri, line, 1, "KB220", f"link '{url}' leaves the site", "")
            continue
        if not (site_dir / target).is_file():
            yield Problem(source.uri, line, 1, "KB220",
                          f"link '{url}' reaches '{target}', which the site does not have",
                          "fix the page that generated this link")
            continue
        if fragment and target.endswith(".html") and fragment not in page(target).ids:
            yield Problem(source.uri, line, 1, "KB221", f"link '{url}': '{target}' has no anchor '#{fragment}'",
                          "fix the link or give the target an id")
