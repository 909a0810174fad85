"""axe-core (from the npm registry, tools/browser) on one page of every type, light and dark:
no serious or critical violation."""

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow

AXE = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"

PAGES = [
    "", "people/dmitry-rogozin/", "organisations/nato/", "treaties/new-start/", "events/lisbon-nrc-summit-2010/",
    "places/kaliningrad/", "topics/european-missile-defence/", "sources/ivanov-2011/", "people/",
    "timeline/", "glossary/", "graph/", "tags/",
]


@pytest.fixture(scope="module")
def axe_source():
    assert AXE.is_file(), f"{AXE} is missing: run `make test` (it runs npm ci in tools/browser)"
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page, site_url, axe_source, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
    # Most blocks are rendered only when they come near the screen (content-visibility: auto,
    # kb.css), and a block scrolled past is skipped again: axe would measure the contrast of what
    # lies behind a box not drawn. Draw every block, as a reader scrolling to it sees it, before
    # measuring (scrolling to the end and back left the middle of a long page undrawn: a flaky
    # failure). Set through the CSS object model, which the page's CSP allows.
    page.evaluate("async () => { for (const el of document.querySelectorAll('*'))"
                  " if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible';"
                  " await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); }")
    assert page.evaluate("() => [...document.querySelectorAll('*')]"
                         ".every(el => getComputedStyle(el).contentVisibility !== 'auto')")
    # Back at the top, the header's tabs come back with a transition: measure once it has ended.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.evaluate(axe_source)  # evaluated by the test driver, so the page's CSP does not apply
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
    assert page.requests.foreign() == []
