"""Link previews in Chromium: hovering or focusing a link in a page's text shows the start of
the page it leads to (or the paragraph a citation names); links of the infobox show none; no
request leaves the site, the page's CSP is kept, and axe finds nothing serious in the preview.

The theme previews only links to pages of its own sitemap, whose addresses are the site's
``site_url``: this module builds the site for the address it is served at."""

import re

import pytest

from helpers import ROOT, mkdocs_build, serve_directory

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_at_its_address(tmp_path_factory):
    folder = tmp_path_factory.mktemp("previews")
    with serve_directory(folder) as url:
        result = mkdocs_build(ROOT / "mkdocs.yml", folder, env={"KB_SITE_URL": url})
        assert result.returncode == 0, result.stderr[-3000:]
        yield url


#: A preview: a tooltip holding the target's title or the heading the link names (an
#: abbreviation's tooltip, which may open with it, holds no heading).
PREVIEW = ".md-tooltip2--active:has(h1, h2, h3)"


def _preview(page):
    """The text of the preview shown ('' if none comes within 5 s)."""
    try:
        page.locator(PREVIEW).first.wait_for(state="visible", timeout=5000)
    except Exception:  # noqa: BLE001 - no preview came: the caller asserts on ''
        return ""
    return page.locator(PREVIEW).first.inner_text()


def _lead(page, site_url, path):
    """The first words of a page's lead paragraph, as the page shows them."""
    other = page.context.new_page()
    other.goto(site_url + path)
    text = other.locator("article .kb-lead > p, article h1 ~ p").first.inner_text()
    other.close()
    return " ".join(text.split()[:6])


def test_hovering_a_link_in_the_text_shows_the_start_of_its_page(page, site_at_its_address):
    url = site_at_its_address
    lead = _lead(page, url, "organisations/nato/")
    page.goto(url + "people/dmitry-rogozin/")
    page.wait_for_load_state("networkidle")
    link = page.locator("article .kb-lead > p a[data-preview][href$='organisations/nato/']").first
    link.hover()
    shown = _preview(page)
    assert "NATO" in shown and lead in " ".join(shown.split()), (lead, shown[:300])
    assert page.requests.foreign() == []
    assert page.evaluate("() => window.__csp") == []
    assert page.errors == []


def test_a_link_focused_from_the_keyboard_shows_its_preview(page, site_at_its_address):
    url = site_at_its_address
    lead = _lead(page, url, "topics/european-missile-defence/")
    page.goto(url + "people/dmitry-rogozin/")
    page.wait_for_load_state("networkidle")
    target = "article p a[data-preview][href$='topics/european-missile-defence/']"
    page.locator(target).first.focus()
    # Tab away and back, as a keyboard reader arrives at the link.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => document.activeElement.matches({target!r})")
    assert lead in " ".join(_preview(page).split())


def test_a_citation_previews_the_paragraph_it_names(page, site_at_its_address):
    url = site_at_its_address
    page.goto(url + "people/dmitry-rogozin/")
    page.wait_for_load_state("networkidle")
    cite = page.locator(".footnote a[data-preview][href*='sources/ivanov-2011/#p']").first
    number = re.search(r"#p(\d+)", cite.get_attribute("href")).group(1)
    cite.scroll_into_view_if_needed()
    cite.hover()
    shown = _preview(page)
    assert f"¶{number}" in shown, shown[:300]


def test_the_infobox_has_no_previews_and_a_heading_none_of_itself(page, site_at_its_address):
    url = site_at_its_address
    page.goto(url + "people/dmitry-rogozin/")
    page.wait_for_load_state("networkidle")
    assert page.locator("aside.kb-infobox a[data-preview]").count() == 0
    assert page.locator("article a[data-preview][href^='#']").count() == 0
    assert page.locator("article .kb-lead > p a[data-preview]").count() >= 2
    page.locator("aside.kb-infobox a[href*='organisations/']").first.hover()
    assert _preview(page) == ""


def test_an_open_preview_has_no_serious_accessibility_violation(page, site_at_its_address):
    axe = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
    url = site_at_its_address
    page.goto(url + "people/dmitry-rogozin/")
    page.wait_for_load_state("networkidle")
    page.locator("article .kb-lead > p a[data-preview][href$='organisations/nato/']").first.hover()
    assert _preview(page)
    page.evaluate(axe.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document.querySelector('.md-tooltip2--active:has(h1, h2, h3)'),"
                           " {resultTypes: ['violations']})")
    serious = [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    # The preview is named after what it shows (reader.js), for screen readers.
    assert page.locator(PREVIEW).first.get_attribute("aria-label") == "Preview: NATO"
