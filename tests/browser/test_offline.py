"""The offline copy works from file://: pages show, links work, search finds pages, nothing
is requested from any host."""

import re

import pytest

pytestmark = pytest.mark.slow


def test_offline_copy_shows_pages_and_search_works(page, offline_site):
    page.goto((offline_site / "index.html").as_uri())
    assert "Russia–NATO Knowledge Base" in page.title()
    page.locator("article a[href$='european-missile-defence.html']").first.click()
    page.wait_for_url(re.compile(r".*/topics/european-missile-defence\.html$"))
    assert page.locator("article h1").first.inner_text().rstrip("¶") == "European missile defence"
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Rogozin", delay=20)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for(timeout=15000)
    assert "people/dmitry-rogozin.html" in results.first.get_attribute("href")
    assert [u for u in page.requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
