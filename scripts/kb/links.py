"""Link rules: every link, image, reference and footnote resolves as the built site will.

Markdown links are resolved MkDocs' way: first against the source tree (MkDocs rewrites a
link to an existing file into that file's URL), and a link without a file extension that
matches no file (``people/``) is left as written, so it is resolved against the page's URL as
a browser would. Raw HTML links are never rewritten: they are resolved against the URL only.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from . import markup
from .aliases import site_urls
from .problems import Problem
from .safety import in_spans, raw_html_spans
from .scan import read_text
from .site import Page, Site
from .suggest import nearest_word
from .urls import is_markdown, relative, resolve_in, resolve_source, resolve_url

#: A scheme (``https:``, ``mailto:``) or a network location (``//host``): not a site link.
_EXTERNAL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")

#: (element, attribute) pairs of raw HTML whose value is a link to check.
HTML_LINK_ATTRS = frozenset({("a", "href"), ("img", "src"), ("link", "href"), ("source", "src"),
                             ("video", "src"), ("audio", "src"), ("area", "href"), ("track", "src")})


def check_links(page: Page, site: Site) -> Iterator[Problem]:
    """Markdown links, images and reference definitions."""
    raw = raw_html_spans(page, site)
    for link in page.links:
        if link.kind in ("inline", "image", "definition"):
            if raw and in_spans(raw, link.offset):
                continue  # inside a raw HTML block: text, not a link
            target = html.unescape(link.target) if "&" in link.target else link.target
            yield from _check_target(page, site, target, link.offset, rewritten=True)


def check_references(page: Page, site: Site) -> Iterator[Problem]:
    """Reference-style links whose label has no definition."""
    defined = page.scan.reference_labels | site_appended_labels(site)
    raw = raw_html_spans(page, site)
    for link in page.links:
        if link.kind == "reference" and markup.normalize_label(link.target) not in defined:
            if raw and in_spans(raw, link.offset):
                continue  # text in a raw HTML block
            line, col = page.position(link.offset)
            near = nearest_word(markup.normalize_label(link.target), defined)
            hint = f"did you mean [{near}]?" if near else f"add a line '[{link.target}]: target.md' to the page"
            yield Problem(page.src_uri, line, col, "KB207", f"reference '[{link.target}]' is not defined", hint)


def check_footnotes(page: Page, site: Site) -> Iterator[Problem]:
    """Footnote references whose label has no definition (the build shows them as text)."""
    if not site.config.has_extension("footnotes"):
        return
    defined = page.scan.footnote_labels
    raw = raw_html_spans(page, site)
    for label, offset in page.scan.footnote_refs:
        if label not in defined and not (raw and in_spans(raw, offset)):
            line, col = page.position(offset)
            yield Problem(page.src_uri, line, col, "KB208", f"footnote '[^{label}]' is not defined",
                          f"add a line '[^{label}]: …' at the end of the page")


def check_unreferenced_footnotes(page: Page, site: Site) -> Iterator[Problem]:
    """Footnotes defined but never referenced: the build lists them, with a back-link to a
    reference that is not on the page."""
    defined = page.scan.footnote_labels
    if not defined or not site.config.has_extension("footnotes"):
        return
    referenced = {label for label, _ in page.scan.footnote_refs}
    for label in sorted(defined - referenced):
        text = read_text(page.file.abs_path)
        found = re.search(rf"(?m)^[ \t]*\[\^{re.escape(label)}\]:", text)
        offset = found.end() - len(label) - 4 if found else 0
        yield _problem(page, offset, "KB214", f"footnote '[^{label}]' is defined but never referenced; the build "
                       f"lists it with a back-link to nowhere", f"cite it in the text with [^{label}] or remove it")


def check_html_links(page: Page, site: Site) -> Iterator[Problem]:
    """Links in raw HTML (``<a href>``, ``<img src>``…), which MkDocs does not check."""
    for tag in page.html_tags:
        for name, value in tag.attrs:
            if (tag.name, name) in HTML_LINK_ATTRS and value is not None:
                yield from _check_target(page, site, value, tag.value_offset(name), rewritten=False)


def site_appended_labels(site: Site) -> set[str]:
    """Reference labels defined in snippets appended to every page (pymdownx.snippets)."""
    cached = getattr(site, "_appended_labels", None)
    if cached is None:
        cached = set()
        for path in site.config.snippet_files("auto_append"):
            cached |= markup.reference_definitions(markup.mask(path.read_text(encoding="utf-8")))
        site._appended_labels = cached  # type: ignore[attr-defined]
    return cached


def _problem(page: Page, offset: int, code: str, message: str, hint: str = "") -> Problem:
    line, col = page.position(offset)
    return Problem(page.src_uri, line, col, code, message, hint)


def _relative(page: Page, target_uri: str) -> str:
    return relative(page.src_uri, target_uri)


def _check_target(page: Page, site: Site, url: str, offset: int, rewritten: bool) -> Iterator[Problem]:
    url = url.strip()
    if not url or url == "#" or _EXTERNAL.match(url):
        return  # external, not fetched; unsafe schemes are the safety rules' business
    if url.startswith(("/", "\\")):
        yield _problem(page, offset, "KB209", f"absolute link '{url}' breaks when the site is served from a sub-path",
                       "write a relative link to the Markdown file, e.g. '../people/x.md'")
        return
    path, _, fragment = url.partition("#")
    path = path.partition("?")[0]
    if "%" in path:
        path = unquote(path)
    if "%" in fragment:
        fragment = unquote(fragment)
    if not path:
        if fragment:
            yield from _check_anchor(page, page, fragment, offset, url)
        return
    if rewritten:
        target_uri = resolve_in(page.folder, path)
        if target_uri == ".." or target_uri.startswith("../"):
            yield _problem(page, offset, "KB203", f"link '{url}' points outside the docs directory",
                           "link only to files under docs/")
            return
        file = site.files.get(target_uri)
        if file is not None:
            yield from _check_file(page, site, file.src_uri, fragment, offset, url)
            return
        if posixpath.splitext(path)[1]:
            yield _not_found(page, site, url, target_uri, offset)
            return
    yield from _check_url(page, site, url, path, fragment, offset, rewritten)


def _check_file(page: Page, site: Site, target_uri: str, fragment: str, offset: int, url: str) -> Iterator[Problem]:
    file = site.files[target_uri]
    if not file.published:
        why = ("a draft (draft_docs)" if file.draft else
               f"dropped by MkDocs because '{file.conflict}' is published at the same address" if file.conflict else
               "excluded from the site (exclude_docs or a dot name)")
        yield _problem(page, offset, "KB205", f"link '{url}' points to '{target_uri}', which is {why}",
                       "publish the target or remove the link")
        return
    # Only an anchor needs the target page's content (the rest is the file list): a link without
    # one does not look the page up, so editing that page does not re-check this one.
    target = site.pages.get(target_uri) if fragment else None
    if target is not None:
        yield from _check_anchor(page, target, fragment, offset, url)


def _check_url(page: Page, site: Site, url: str, path: str, fragment: str, offset: int,
               rewritten: bool) -> Iterator[Problem]:
    base = site.url_of(page.src_uri)
    resolved = resolve_url(base, path)
    if resolved is None:
        yield _problem(page, offset, "KB203", f"link '{url}' points outside the site", "link only to pages of the site")
        return
    target_uri = site_urls(site).get(resolved)
    if target_uri is None and not resolved.endswith("/"):
        target_uri = site_urls(site).get(resolved + "/")
    if target_uri is not None:
        target = site.pages.get(target_uri) if fragment else None  # as in `_check_file`
        if target is not None:
            yield from _check_anchor(page, target, fragment, offset, url)
        return
    folder = resolved.rstrip("/")
    source_folder = resolve_source(page.src_uri, path) if rewritten else folder
    if folder in site.folders or source_folder in site.folders:
        where = f"{folder}/" if folder in site.folders else f"{source_folder}/"
        has_index = site.files.get(f"{source_folder}/index.md") if rewritten else None
        if has_index is not None:
            hint = (f"a folder link is resolved against the page's URL ({base or '/'}), not its file; "
                    f"link to '{_relative(page, has_index.src_uri)}' instead")
            yield _problem(page, offset, "KB201",
                           f"link '{url}' resolves to '{resolved}' in the built site, which does not exist", hint)
            return
        yield _problem(page, offset, "KB204", f"link '{url}' points to folder '{where}', which has no index.md",
                       f"add {where}index.md or link to a page in it")
        return
    if not rewritten and is_markdown(path):
        source = resolve_source(page.src_uri, path)
        if source in site.pages:
            url_from_page = posixpath.relpath(site.url_of(source) or ".", base.rstrip("/") or ".")
            yield _problem(page, offset, "KB201",
                           f"raw HTML link '{url}' is not rewritten by MkDocs and points to no published URL",
                           f"use the page's URL '{url_from_page}/' or a Markdown link")
            return
    yield _not_found(page, site, url, resolved, offset)


def _not_found(page: Page, site: Site, url: str, target_uri: str, offset: int) -> Problem:
    real = site.lower_paths.get(target_uri.lower())
    if real is not None and real != target_uri:
        return _problem(page, offset, "KB202", f"link '{url}' points to '{target_uri}', but the file is '{real}'",
                        f"fix the letter case: '{_relative(page, real)}' (it works on case-insensitive disks only)")
    near = site.suggester.nearest(target_uri)
    hint = f"did you mean '{_relative(page, near)}'?" if near else "check the path; links are relative to this file"
    return _problem(page, offset, "KB201", f"link target '{target_uri}' does not exist", hint)


def _check_anchor(page: Page, target: Page, fragment: str, offset: int, url: str) -> Iterator[Problem]:
    if fragment in target.ids:
        return
    near = target.explicit_heading_ids.get(fragment) or nearest_word(fragment, target.ids)
    where = "this page" if target is page else f"'{target.src_uri}'"
    hint = f"did you mean '#{near}'?" if near else "link to a heading's id (shown by its ¶ permalink) or add {#id}"
    yield _problem(page, offset, "KB206", f"anchor '#{fragment}' does not exist on {where}", hint)
