"""Knowledge-base features in the browser: abbreviations, the graph page, the timeline."""

import json
import re

import pytest

pytestmark = pytest.mark.slow


def test_an_abbreviation_carries_its_meaning(page, site_url):
    """Its title, which the browser shows on hover and screen readers read (the theme's own
    tooltips are off: they cost every page's loading more than they gave)."""
    page.goto(site_url + "people/dmitry-rogozin/")
    abbr = page.locator("article abbr", has_text="NATO").first
    assert abbr.get_attribute("title") == "North Atlantic Treaty Organization"
    abbr.hover()
    assert page.locator(".md-tooltip2--active").count() == 0
    assert page.requests.foreign() == []


def test_graph_page_draws_every_entity_and_a_click_opens_its_page(page, site_url, built_site):
    data = json.loads((built_site / "graph.json").read_text(encoding="utf-8"))
    page.goto(site_url)
    # Arrive by instant navigation, as a reader would: the graph must still be drawn.
    page.locator("article a[href$='graph/']").first.click()
    page.locator("#kb-graph-draw").click()
    graph = page.locator("#kb-graph[data-ready='yes']")
    graph.wait_for(timeout=20000)
    assert int(graph.get_attribute("data-nodes")) == len(data["nodes"])
    assert int(graph.get_attribute("data-edges")) == len(data["edges"])
    # Click on the node of Dmitry Rogozin, where it was drawn.
    position = page.evaluate("""() => {
        const node = window.kbGraph.getElementById('people/dmitry-rogozin');
        window.kbGraph.center(node); const p = node.renderedPosition();
        const box = document.getElementById('kb-graph').getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url(re.compile(r".*/people/dmitry-rogozin/$"))
    assert page.requests.foreign() == []


def test_a_page_s_connections_map_is_drawn_and_its_nodes_open_their_pages(page, site_url):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "organisations/nato/")
    # Arrive by the theme's instant navigation, which rewrites the new page's links.
    page.locator("aside.kb-infobox a[href$='people/dmitry-rogozin/']").first.click()
    page.wait_for_url(re.compile(r".*/people/dmitry-rogozin/$"))
    figure = page.locator("figure.kb-nb")
    figure.scroll_into_view_if_needed()
    box = figure.locator("svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100  # laid out, not collapsed
    # The theme's link colour must not hide the node's type: NATO is drawn in the organisations' colour.
    nato = figure.locator("a.kb-nb--organization", has_text="NATO")
    assert nato.locator("circle").evaluate("c => getComputedStyle(c).fill") == "rgb(0, 150, 136)"
    nato.locator("text").first.click()
    page.wait_for_url(re.compile(r".*/organisations/nato/$"))
    assert page.locator("figure.kb-nb a.kb-nb--person", has_text="Dmitry Rogozin").count() == 1
    assert errors == []
    assert page.requests.foreign() == []


def test_graph_stays_usable_with_a_thousand_nodes(page, site_url, built_site, tmp_path):
    """Draw a synthetic 1,000-node graph on the real graph page; report the time it took."""
    nodes = [{"id": f"n{i}", "label": f"Entity {i}", "type": "person", "url": "people/dmitry-rogozin/"}
             for i in range(1000)]
    edges = [{"source": f"n{i % 1000}", "target": f"n{(i * 7 + 3) % 1000}", "label": "Member of"} for i in range(1500)]
    big = json.dumps({"nodes": nodes, "edges": edges})
    page.route("**/graph.json", lambda route: route.fulfill(status=200, content_type="application/json", body=big))
    page.goto(site_url + "graph/")
    page.locator("#kb-graph-draw").click()
    graph = page.locator("#kb-graph[data-ready='yes']")
    graph.wait_for(timeout=60000)
    assert graph.get_attribute("data-nodes") == "1000"
    milliseconds = int(graph.get_attribute("data-draw-ms"))
    print(f"\n1,000-node graph drawn in {milliseconds} ms")
    # Still responsive: zooming works and a node can be selected after drawing.
    assert page.evaluate("() => { window.kbGraph.zoom(2); return window.kbGraph.zoom(); }") == 2


def test_timeline_page_is_in_date_order(page, site_url):
    page.goto(site_url + "timeline/")
    dates = page.locator("article table tbody tr td:first-child").all_inner_texts()
    assert len(dates) >= 8
    years = [int(re.search(r"\d{4}", d).group()) for d in dates]
    assert years == sorted(years)


@pytest.mark.parametrize("script", [True, False])
def test_cite_this_page_opens_without_script_and_gives_both_formats(browser, site_url, script):
    context = browser.new_context(java_script_enabled=script)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "people/dmitry-rogozin/")
    box = page.locator("article details.kb-cite-page")
    assert box.count() == 1 and box.get_attribute("open") is None
    text = box.locator(".kb-cite-page__text")
    assert not text.is_visible()
    box.locator("summary").click()
    assert text.is_visible()
    cited = text.inner_text()
    assert cited.startswith("“Dmitry Rogozin”. Russia–NATO Knowledge Base. Revision of ")
    assert re.search(r"Revision of \d{4}-\d{2}-\d{2}\. ", cited)
    # The page's address on the public site (site_url), not the test server's.
    assert re.search(r" https?://\S+/people/dmitry-rogozin/\. Based on: Eugene Ivanov", cited), cited
    entry = box.locator("pre.kb-cite-page__bibtex").inner_text()
    assert entry.startswith("@misc{kb-people-dmitry-rogozin,") and "  title        = {Dmitry Rogozin}," in entry
    assert [u for u in requests if not u.startswith(site_url)] == []
    context.close()
