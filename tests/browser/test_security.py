"""The Content-Security-Policy holds on every page type: nothing is blocked, nothing foreign loads,
and an inline event handler would not run."""

import pytest

pytestmark = pytest.mark.slow

#: One page of every type, plus the pages with their own scripts.
PAGES = [
    "", "people/dmitry-rogozin/", "organisations/nato/", "treaties/new-start/", "events/lisbon-nrc-summit-2010/",
    "places/kaliningrad/", "topics/european-missile-defence/", "sources/ivanov-2011/", "people/",
    "timeline/", "glossary/", "tags/", "graph/", "about/schema/", "404.html",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_csp_violation_or_script_error(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if path == "graph/":
        page.locator("#kb-graph-draw").click()
        page.locator("#kb-graph[data-ready='yes']").wait_for(timeout=20000)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("window.__csp") == []
    assert page.errors == []
    assert page.requests.foreign() == []


def test_the_policy_blocks_an_injected_inline_handler(page, site_url):
    page.goto(site_url + "people/dmitry-rogozin/")
    page.evaluate("""() => {
        window.__ran = false;
        const b = document.createElement('button');
        b.id = 'x'; b.textContent = 'x'; b.setAttribute('onclick', 'window.__ran = true');
        document.body.append(b); b.click();
    }""")
    assert page.evaluate("window.__ran") is False
    assert any("script-src" in v for v in page.evaluate("window.__csp"))
