"""Safety rules: nothing a contributor writes may run script or frame another site.

Raw HTML is parsed by the standard library's HTML parser, which lower-cases names, joins
tags split over lines and unescapes entities in attribute values; URL schemes are compared
after removing the white space and control characters browsers ignore.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from .problems import Problem
from .site import Page, Site

#: Elements that run script, embed other documents or submit data elsewhere.
UNSAFE_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "portal"})

#: Attributes that hold a URL.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "poster", "background",
                            "xlink:href", "cite", "srcset", "ping", "manifest", "codebase"})

#: URL schemes that run code or smuggle documents in.
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")

_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_scheme(url: str) -> str | None:
    """The unsafe scheme a URL uses (as a browser reads it), or None.

    >>> unsafe_scheme(" Java\\tScript:alert(1)"), unsafe_scheme("https://example.org")
    ('javascript:', None)
    """
    if ":" not in url and "&" not in url:
        return None  # no scheme can be spelt without a colon (or an entity that makes one)
    cleaned = _IGNORED.sub("", html.unescape(url)).lower()
    for scheme in UNSAFE_SCHEMES:
        if cleaned.startswith(scheme):
            return scheme
    return None


def check_html_safety(page: Page, site: Site) -> Iterator[Problem]:
    """Unsafe elements, event-handler attributes and script URLs in raw HTML."""
    for tag in page.html_tags:
        line, col = page.position(tag.offset)
        if tag.name in UNSAFE_ELEMENTS:
            yield Problem(page.src_uri, line, col, "KB301", f"<{tag.name}> is not allowed in pages",
                          "use Markdown; embeds and scripts belong in the theme, reviewed separately")
        elif tag.name == "meta" and tag.get("http-equiv") is not None:
            yield Problem(page.src_uri, line, col, "KB301", "<meta http-equiv> is not allowed in pages",
                          "remove it; headers are set by the theme")
        for name, value in tag.attrs:
            if name.startswith("on"):
                yield Problem(page.src_uri, line, col, "KB302", f"event handler attribute '{name}' on <{tag.name}>",
                              "remove it; pages may not run script")
            elif name in URL_ATTRIBUTES and value and (scheme := unsafe_scheme(value)):
                yield Problem(page.src_uri, line, col, "KB303", f"'{scheme}' URL in {name}= of <{tag.name}>",
                              "link to a page or an https:// address")


def check_link_safety(page: Page, site: Site) -> Iterator[Problem]:
    """Script and data URLs in Markdown links and images."""
    for link in page.links:
        if link.kind in ("inline", "image", "definition", "autolink"):
            scheme = unsafe_scheme(link.target)
            if scheme:
                line, col = page.position(link.offset)
                yield Problem(page.src_uri, line, col, "KB303", f"'{scheme}' URL in a link",
                              "link to a page or an https:// address")
