"""Link previews in Chromium (docs/assets/javascripts/reader.js): resting the pointer on a link
of a page's text, or reaching it from the keyboard, shows the start of the page it leads to, the
paragraph a citation names, or the note a note mark leads to; the infobox, the page's own
headings and the offline copy show none; the preview stays while the pointer is on it and
Escape closes it; nothing is set up as the page loads; no request leaves the site; the target's
markup never enters the page (a hostile target is shown as text)."""

from __future__ import annotations

import re

import pytest

from helpers import ROOT, serve_directory

pytestmark = pytest.mark.slow

PREVIEW = "#kb-preview:not([hidden])"
ROGOZIN = "people/dmitry-rogozin/"


def _shown(page, timeout=5000) -> str:
    """The preview's text ('' if none is shown within `timeout` ms)."""
    try:
        page.locator(PREVIEW).wait_for(state="visible", timeout=timeout)
    except Exception:  # noqa: BLE001 - none came: the caller asserts on ''
        return ""
    return " ".join(page.locator(PREVIEW).inner_text().split())


def _none_shown(page) -> bool:
    """True if no preview is shown a second after a hover or focus (the delay is 350 ms)."""
    page.wait_for_timeout(1000)
    return page.locator(PREVIEW).count() == 0


def _lead(page, site_url, path) -> str:
    """The first words of a page's lead paragraph, as the page shows them."""
    other = page.context.new_page()
    other.goto(site_url + path)
    text = other.evaluate("""() => {
        const lead = document.querySelector("article .kb-lead > p, article h1 ~ p").cloneNode(true);
        lead.querySelectorAll("sup").forEach(mark => mark.remove());  // note marks
        return lead.textContent;
    }""")
    other.close()
    return " ".join(text.split()[:8])


def test_resting_on_a_link_of_the_text_shows_the_start_of_its_page(page, site_url):
    lead = _lead(page, site_url, "organisations/nato/")
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    # Nothing is set up as the page loads: the preview is made when first asked for.
    assert page.evaluate("() => document.getElementById('kb-preview')") is None
    link = page.locator("article .kb-lead > p a[href$='organisations/nato/']").first
    link.hover()
    shown = _shown(page)
    assert shown.startswith("NATO ") and lead in shown, (lead, shown[:300])
    # Screen readers hear it as the link's description.
    assert link.get_attribute("aria-describedby") == "kb-preview"
    assert page.locator(PREVIEW).get_attribute("role") == "tooltip"
    assert page.requests.foreign() == []
    assert page.evaluate("() => window.__csp") == []
    assert page.errors == []


def test_a_link_reached_from_the_keyboard_shows_its_preview_and_escape_closes_it(page, site_url):
    lead = _lead(page, site_url, "topics/european-missile-defence/")
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    target = "article p a[href$='topics/european-missile-defence/']"
    page.locator(target).first.focus()
    # Tab away and back, as a keyboard reader arrives at the link (:focus-visible).
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(f"() => document.activeElement.matches({target!r})")
    assert lead in _shown(page)
    page.keyboard.press("Escape")
    page.locator(PREVIEW).wait_for(state="detached", timeout=2000)
    # Escape closed the preview without moving the focus.
    assert page.evaluate(f"() => document.activeElement.matches({target!r})")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") is None


def test_a_citation_previews_the_paragraph_it_names(page, site_url):
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    cite = page.locator(".footnote a[href*='sources/ivanov-2011/#p']").first
    number = re.search(r"#p(\d+)", cite.get_attribute("href")).group(1)
    cite.scroll_into_view_if_needed()
    cite.hover()
    shown = _shown(page)
    assert shown.startswith(f"¶{number} "), shown[:300]
    # The paragraph's summary follows its heading.
    source = page.context.new_page()
    source.goto(site_url + f"sources/ivanov-2011/#p{number}")
    summary = source.locator(f"#p{number} + p").inner_text()
    source.close()
    assert " ".join(summary.split()[:8]) in shown


def test_a_note_mark_previews_its_note(page, site_url):
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    mark = page.locator("article sup a.footnote-ref").first
    # (The theme writes a note mark's address in full: its fragment names the note.)
    note_id = mark.get_attribute("href").rpartition("#")[2]
    note = page.locator("#" + note_id.replace(":", "\\:")).inner_text()
    mark.hover()
    shown = _shown(page)
    assert shown.startswith("Note 1 "), shown
    assert " ".join(note.replace("↩", "").split()) in shown


def test_the_infobox_and_the_pages_own_headings_show_none(page, site_url):
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    page.locator("aside.kb-infobox a[href*='organisations/']").first.hover()
    assert _none_shown(page)
    page.locator("article h2 .headerlink").first.hover()
    assert _none_shown(page)
    page.locator(".md-tags a").first.hover()
    assert _none_shown(page)


def test_the_preview_stays_while_the_pointer_is_on_it_and_goes_after(page, site_url):
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    page.locator("article .kb-lead > p a[href$='organisations/nato/']").first.hover()
    assert _shown(page)
    box = page.locator(PREVIEW).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(1000)
    assert page.locator(PREVIEW).count() == 1, "the preview went while the pointer was on it"
    page.mouse.move(5, 700, steps=5)
    page.locator(PREVIEW).wait_for(state="detached", timeout=2000)


def test_an_open_preview_has_no_accessibility_violation(page, site_url):
    axe = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
    page.goto(site_url + ROGOZIN)
    page.wait_for_load_state("networkidle")
    page.locator("article .kb-lead > p a[href$='organisations/nato/']").first.hover()
    assert _shown(page)
    page.evaluate(axe.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [f"{v['id']}: {v['help']}" for v in result["violations"]
                  if any("kb-preview" in node["html"] or "aria-describedby" in node["html"] for node in v["nodes"])]
    assert violations == []


def test_on_a_phone_screen_the_preview_fits_the_screen(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "topics/european-missile-defence/")
    page.wait_for_load_state("networkidle")
    links = page.locator("article .kb-lead > p a:not(.footnote-ref)")
    assert links.count() >= 2
    for i in (0, links.count() - 1):
        links.nth(i).hover()
        assert _shown(page)
        box = page.locator(PREVIEW).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        page.mouse.move(5, 5)
        page.locator(PREVIEW).wait_for(state="detached", timeout=2000)
    context.close()


def test_the_offline_copy_shows_no_preview_and_no_error(page, offline_site):
    page.goto((offline_site / "people" / "dmitry-rogozin.html").as_uri())
    page.locator("article .kb-lead > p a").first.hover()
    assert _none_shown(page)
    assert page.errors == []


HOSTILE_TARGET = """<!doctype html><html><head><title>t</title></head><body><article>
<h1>Hostile <img src="/pixel-title.png" onerror="window.__pwned = 'title'"></h1>
<p>Lead &lt;script&gt;window.__pwned = 'text'&lt;/script&gt; <script>window.__pwned = 'script'</script>
<img src="/pixel-lead.png" onerror="window.__pwned = 'lead'"><a href="javascript:window.__pwned='link'">x</a></p>
</article></body></html>"""


def test_a_hostile_target_is_shown_as_text_and_nothing_of_it_runs(page, tmp_path):
    """The preview copies the target's text only: its elements, scripts and handlers never
    enter the page, and links to another host are neither fetched nor previewed."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text(HOSTILE_TARGET, encoding="utf-8")
    (tmp_path / "reader.js").write_bytes((ROOT / "docs/assets/javascripts/reader.js").read_bytes())
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><body><article><p><a id='in' href='b/'>inside</a> and "
        "<a id='out' href='http://localhost:9/elsewhere/'>elsewhere</a></p></article>"
        "<script src='reader.js'></script></body></html>", encoding="utf-8")
    with serve_directory(tmp_path) as url:
        page.goto(url)
        page.locator("#out").hover()
        assert _none_shown(page)
        page.locator("#in").hover()
        shown = _shown(page)
    assert shown.startswith("Hostile Lead <script>window.__pwned = 'text'</script>"), shown
    assert page.evaluate("() => document.querySelectorAll('#kb-preview *').length") == 2  # two <p>
    assert page.evaluate("() => document.querySelectorAll('#kb-preview img, #kb-preview script, #kb-preview a')"
                         ".length") == 0
    assert page.evaluate("() => window.__pwned") is None
    assert not [u for u in page.requests if "pixel" in u or "localhost" in u], page.requests
