"""Safety rules: nothing a contributor writes may run script or frame another site.

Raw HTML is parsed by the standard library's HTML parser, which lower-cases names, joins
tags split over lines and unescapes entities in attribute values; URL schemes are compared
after removing the white space and control characters browsers ignore.

That is the fast first pass. What it cannot see (markup that only becomes live once
Python-Markdown has rendered it and a browser has parsed the result: a backtick inside an
attribute, an unclosed comment, ``<svg><style>`` whose content a browser reads as markup) is
found by `check_rendered`: a page with raw HTML is rendered as the build renders it and judged
by the build's own judge (`kb.htmlsafety`, an HTML5 parser), so ``make check`` reports what the
build would refuse.
"""

from __future__ import annotations

import bisect
import html
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import htmlsafety
from .cache import TRACKED, tracked_cache_files
from .config import SiteConfig
from .problems import Problem
from .scan import read_text
from .site import Page, Site

#: Elements that run script, embed other documents, load, submit data elsewhere or hide markup
#: (the build's judge refuses the same in page content; ``<meta>`` is judged by its attributes).
UNSAFE_ELEMENTS = htmlsafety.REFUSED_IN_CONTENT - {"meta"}

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


_RENDERERS: dict[int, tuple[SiteConfig, Any]] = {}


def _markdown(config: SiteConfig) -> Any:
    """Python-Markdown with the site's extensions (snippets left out: includes are checked as
    files of their own), made once per process and config."""
    made = _RENDERERS.get(id(config))
    if made is None or made[0] is not config:
        import markdown

        extensions = config.rendering_extensions()
        made = _RENDERERS[id(config)] = (config, markdown.Markdown(extensions=list(extensions),
                                                                   extension_configs=extensions))
    return made[1]


def check_rendered(page: Page, site: Site) -> Iterator[Problem]:
    """A page with raw HTML, a comment or an event-handler attribute list, rendered as the build
    renders it and judged as the build judges it; findings at their source line. Pages the
    first pass already refuses are left to its more precise messages."""
    if not page.scan.raw_html or page.scan.bounds or any(check_html_safety(page, site)) \
            or any(check_link_safety(page, site)):
        return
    text = read_text(page.file.abs_path)
    built = "<!doctype html><html><head><title>x</title></head><body><article>" + rendered_body(page, site) + \
            "</article></body></html>"
    findings = htmlsafety.judge(built)
    yield from htmlsafety.locate(findings, page.src_uri, text)


def rendered_body(page: Page, site: Site) -> str:
    """The page's body as the build's Python-Markdown renders it (snippets left out), rendered
    once per check: for pages with raw HTML, whose Markdown the scan cannot judge alone."""
    done = page.__dict__.get("_rendered")
    if done is None:
        text = read_text(page.file.abs_path)
        start = page.front_matter.body_offset if not page.front_matter.error else 0
        body = text[start:]
        renderer = _markdown(site.config)
        renderer.reset()
        done = page.__dict__["_rendered"] = renderer.convert(body)
        page.__dict__["_raw_spans"] = _stashed_spans(body, start, renderer.htmlStash.rawHtmlBlocks)
    return str(done)


def raw_html_spans(page: Page, site: Site) -> list[tuple[int, int]]:
    """Where the page's raw HTML blocks are (start and end offsets in the file, in order): the
    build passes them through as they are, so Markdown inside one (without ``markdown="1"``) is
    text: no link, no reference, no footnote. Empty on a page without raw HTML."""
    if not page.scan.raw_html or page.scan.bounds:
        return []
    rendered_body(page, site)
    spans: list[tuple[int, int]] = page.__dict__["_raw_spans"]
    return spans


def _stashed_spans(body: str, start: int, stashed: list[Any]) -> list[tuple[int, int]]:
    """The spans of the raw HTML blocks Python-Markdown stashed, found in the body as written
    (a block it changed on the way, by expanding tabs, is not found: its Markdown is then
    judged as Markdown, which can only report more)."""
    spans = []
    cursor = 0
    for block in stashed:
        if not isinstance(block, str) or "\n" not in block.strip("\n"):
            continue  # an inline tag, or a markdown="1" block (an element)
        where = body.find(block.rstrip("\n"), cursor)
        if where < 0:
            continue
        spans.append((start + where, start + where + len(block.rstrip("\n"))))
        cursor = where + len(block.rstrip("\n"))
    return spans


def in_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether an offset lies inside one of `spans` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def check_cache_not_tracked(site: Site) -> Iterator[Problem]:
    """KB006: a checker cache under version control came from whoever committed it."""
    tracked = site.derived[TRACKED] if TRACKED in site.derived else tracked_cache_files(site.config)
    docs = site.config.docs_dir.resolve()
    for name in tracked or []:
        where = Path(os.path.relpath(site.config.root.resolve() / name, docs)).as_posix()
        yield Problem(where, 1, 1, "KB006", "checker cache is under version control: it is not used",
                      "remove it from git with 'git rm -r --cached .cache'; .cache/ belongs in .gitignore")


def check_bounds(page: Page, site: Site) -> Iterator[Problem]:
    """Markdown the build would take too long to render (found while the page was scanned, `kb.bounds`)."""
    for offset, code, message, hint in page.scan.bounds:
        line, col = page.position(offset)
        yield Problem(page.src_uri, line, col, code, message, hint)


#: The rules of this module that judge a page's HTML and links (run again on includes, `kb.inclusions`).
PAGE_RULES = (check_html_safety, check_link_safety, check_rendered)
