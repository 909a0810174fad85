"""A reader in a real browser: search finds an entity page, a cross-link works, nothing leaves 127.0.0.1."""

import re

import pytest

pytestmark = pytest.mark.slow


def search(page, query: str):
    """Type a query into Material's search box; return the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)  # Material reacts to key events, not to fill()
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for(timeout=15000)
    return results


def test_search_finds_entity_page_and_cross_link_works(page, site_url):
    page.goto(site_url)
    assert "Russia–NATO Knowledge Base" in page.title()
    results = search(page, "Rogozin")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("people/dmitry-rogozin/" in h for h in hrefs), hrefs
    results.filter(has_text="Dmitry Rogozin").first.click()
    page.wait_for_url(re.compile(r".*/people/dmitry-rogozin/.*"))
    assert page.locator("article h1").first.inner_text().rstrip("¶") == "Dmitry Rogozin"
    # Follow the citation's link to the source paragraph it cites.
    page.locator("article a[href*='sources/ivanov-2011/#p8']").first.click()
    page.wait_for_url(re.compile(r".*/sources/ivanov-2011/#p8$"))
    assert page.locator("#p8").is_visible()
    assert page.requests, "no request was recorded"
    assert page.requests.foreign() == []
