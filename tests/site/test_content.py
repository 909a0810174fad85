"""The real knowledge base, as built: every entity cites the source, every page is reachable
from the home page, no page is an orphan, and every relation shows on both of its pages."""

import posixpath
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT
from kb import schema
from kb.aliases import site_urls
from kb.config import load_config
from kb.connections import PER_SIDE
from kb.relations import RelationGraph
from kb.site import Site, page_url

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site():
    return Site(load_config(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def html(built_site, site):
    """src_uri -> parsed HTML of its built page."""
    out = {}
    for uri in site.pages:
        url = page_url(uri)
        out[uri] = BeautifulSoup((built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return out


def _targets(site, uri, soup, content_only):
    """src_uris of the pages a built page links to (only from its article when content_only)."""
    scope = soup.select_one("article") if content_only else soup
    base = page_url(uri)
    found = set()
    for a in scope.select("a[href]"):
        href = a["href"].split("#")[0].split("?")[0]
        if not href or "://" in href or href.startswith(("mailto:", "/")):
            continue
        resolved = posixpath.normpath(posixpath.join(base, href)).lstrip("./")
        resolved = "" if resolved == "." else resolved
        target = site_urls(site).get(resolved + "/" if resolved and not resolved.endswith("/") else resolved)
        if target is None:
            target = site_urls(site).get(resolved)
        if target is not None and target.endswith(".md"):
            found.add(target)
    return found


def test_every_entity_page_cites_a_source_paragraph(site, html):
    entities = [u for u, p in site.pages.items() if p.type in schema.ENTITY_TYPES and p.type != "source"]
    assert len(entities) >= 35
    uncited = [u for u in entities if not html[u].select('article a[href*="sources/ivanov-2011/#p"]')]
    assert uncited == []


def test_every_page_is_reachable_from_the_home_page(site, html):
    seen, queue = {"index.md"}, ["index.md"]
    while queue:
        uri = queue.pop()
        for target in _targets(site, uri, html[uri], content_only=False) - seen:
            seen.add(target)
            queue.append(target)
    assert sorted(set(site.pages) - seen) == []


def test_no_entity_page_is_an_orphan(site, html):
    """Each entity page is linked from the text of another page, not only from its type's index."""
    incoming = defaultdict(set)
    for uri, soup in html.items():
        if uri.endswith("index.md"):
            continue
        for target in _targets(site, uri, soup, content_only=True) - {uri}:
            incoming[target].add(uri)
    entities = [u for u, p in site.pages.items() if p.type in schema.ENTITY_TYPES]
    assert sorted(u for u in entities if not incoming[u]) == []


def test_every_relation_is_shown_on_both_of_its_pages(site, html):
    graph = RelationGraph(site)
    assert len(graph.edges) >= 50
    missing = []
    for edge in graph.edges:
        for here, there in ((edge.source, edge.target), (edge.target, edge.source)):
            box = html[here].select_one("aside.kb-infobox")
            label = edge.spec.label if here == edge.source else edge.spec.inverse
            links = _targets(site, here, box, content_only=False) if box else set()
            terms = [dt.get_text(strip=True) for dt in box.select("dt")] if box else []
            if there not in links or label not in terms:
                missing.append(f"{edge.relation}: {edge.source} -> {edge.target}, not on {here}")
    assert missing == []


def test_every_relation_is_drawn_on_both_of_its_pages_maps(site, html):
    """The Connections map: the source on the target's left, the target on the source's right,
    each a link to its page (unless the side holds more than the map draws)."""
    graph = RelationGraph(site)
    missing, checked = [], 0
    for edge in graph.edges:
        for here, there, side in ((edge.source, edge.target, "right"), (edge.target, edge.source, "left")):
            svg = html[here].select_one("figure.kb-nb svg")
            anchor = "start" if side == "right" else "end"
            nodes = svg.select(f'a:has(text[text-anchor="{anchor}"])') if svg else []
            if len(nodes) == PER_SIDE:
                continue
            checked += 1
            hrefs = [a["xlink:href"] for a in nodes]
            if site.url_of(there) not in {posixpath.normpath(posixpath.join(page_url(here), h)) + "/" for h in hrefs}:
                missing.append(f"{edge.relation}: {edge.source} -> {edge.target}, not on the {side} of {here}'s map")
    assert missing == []
    assert checked > 1.5 * len(graph.edges)  # most sides hold fewer pages than the map draws


def test_footnotes_are_numbered_in_the_order_readers_meet_them(site, html):
    """On every page the first citation mark a reader meets is 1, the next new one 2, and so on
    (Python-Markdown numbers notes as they are defined unless told otherwise)."""
    pages_with_notes = 0
    for uri, soup in html.items():
        marks = [a.get_text() for a in soup.select("article sup[id^='fnref'] > a.footnote-ref")]
        if not marks:
            continue
        pages_with_notes += 1
        first_seen = list(dict.fromkeys(int(m) for m in marks))
        assert first_seen == list(range(1, len(first_seen) + 1)), (uri, first_seen[:10])
        # The list at the bottom follows the same order: note n is the n-th item.
        items = soup.select("article div.footnote > ol > li[id^='fn']")
        assert len(items) >= len(first_seen), uri
    assert pages_with_notes > 40
