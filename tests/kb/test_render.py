"""kb.render: infoboxes (relations seen from both ends), index pages, the pages citing a source's
paragraphs, links, redirect pages (the relation graph itself is tested in test_relations.py)."""

import pytest

from helpers import write_tree
from kb import render
from kb.build import BuildContext
from kb.problems import Severity
from kb.render import link

SOURCE = """---
title: The article
description: The source.
author: A
publisher: P
published: "2011"
kind: commentary
licence: all rights reserved
paragraphs: "8"
---
# The article
## ¶8 {#p8}
"""

FILES = {
    "sources/ivanov-2011.md": SOURCE,
    "people/dmitry-rogozin.md": """---
title: Dmitry Rogozin
description: An ambassador.
aliases: [Rogozin]
role: Ambassador to NATO
as_of: 2008–2011
country: Russia
relations:
  ambassador_to:
    - target: organisations/nato.md
      scope: 2008–2011
      cite: ivanov-2011#8
---
# Dmitry Rogozin

Text.[^p8]

[^p8]: [¶8](../sources/ivanov-2011.md#p8)
""",
    "organisations/nato.md": """---
title: NATO
description: An alliance.
kind: military alliance
founded: 1949-04-04
---
# NATO

[¶8](../sources/ivanov-2011.md#p8)
""",
    "people/index.md": "---\ntitle: People\n---\n# People\n\n<!-- kb:index person -->\n",
}


@pytest.fixture
def build(tmp_path):
    return BuildContext.for_config(write_tree(tmp_path, FILES))


PAGE = '<html><body><article class="md-content__inner"><h1 id="x">Title</h1><p>Text.</p></article></body></html>'


def test_infobox_shows_fields_aliases_and_outgoing_relation(build):
    out = build.page_html("people/dmitry-rogozin.md", PAGE)
    head, box = out.split('<h1 id="x">Title</h1>', 1)
    assert box.startswith('<div class="kb-lead"><aside class="kb-infobox" aria-label="Person facts">')
    assert "<dt>Role (2008–2011)</dt><dd>Ambassador to NATO</dd>" in box
    assert "<dt>Also known as</dt><dd>Rogozin</dd>" in box
    assert ('<dt>Ambassador to</dt><dd><a href="../../organisations/nato/">NATO</a> (2008–2011) '
            '<a class="kb-cite" href="../../sources/ivanov-2011/#p8">¶8</a></dd>') in box
    assert [p for p in build.problems if p.severity is Severity.ERROR] == []


def test_incoming_relation_is_shown_under_the_inverse_label(build):
    out = build.page_html("organisations/nato.md", PAGE)
    assert '<dt>Ambassadors</dt><dd><a href="../../people/dmitry-rogozin/">Dmitry Rogozin</a> (2008–2011)' in out
    assert "<dt>Founded</dt><dd>4 April 1949</dd>" in out


def test_sections_go_before_the_references_heading_or_the_notes():
    from kb.render import place_in_article

    page = '<article><h1>T</h1><p>x</p><h2 id="references">References</h2><div class="footnote">n</div></article>'
    assert place_in_article(page, "<aside/>", "<h2>S</h2>") == (
        '<article><h1>T</h1><aside/><p>x</p><h2>S</h2><h2 id="references">References</h2>'
        '<div class="footnote">n</div></article>'
    )
    no_heading = '<article><h1>T</h1><div class="footnote">n</div></article>'
    assert place_in_article(no_heading, "", "<h2>S</h2>") == (
        '<article><h1>T</h1><h2>S</h2><div class="footnote">n</div></article>'
    )


def test_type_index_lists_every_page_with_its_summary(build):
    out = build.page_markdown("people/index.md", FILES["people/index.md"])
    assert out.endswith("- **[Dmitry Rogozin](dmitry-rogozin.md)**: An ambassador\\.\n\n")
    assert "kb:index" not in out


def test_plain_pages_get_no_infobox(build):
    assert build.page_markdown("people/index.md", "# People\n") == "# People\n"
    assert build.page_html("people/index.md", PAGE) == PAGE




def test_link_is_relative_to_the_linking_page():
    assert link("people/a.md", "organisations/nato.md", "NATO [x]") == "[NATO \\[x\\]](../organisations/nato.md)"
    assert link("index.md", "people/a.md", "A", "p1") == "[A](people/a.md#p1)"


def test_source_paragraphs_list_the_pages_that_cite_them(build):
    built = ('<html><head><title>S</title></head><body><article class="md-content__inner">'
             '<h1 id="the-article">The article</h1>'
             '<h2 id="p7">¶7<a class="headerlink" href="#p7">¶</a></h2><p>Seven.</p>'
             '<h2 id="p8">¶8<a class="headerlink" href="#p8">¶</a></h2><p>Eight.</p><h3 id="x">X</h3>'
             '</article></body></html>')
    out = build.page_html("sources/ivanov-2011.md", built)
    assert ('<p>Seven.</p><p class="kb-cited-by"><em>Cited by:</em> no page yet.</p><h2 id="p8">' in out)
    assert ('<p>Eight.</p><p class="kb-cited-by"><em>Cited by:</em> '
            '<a href="../../people/dmitry-rogozin/">Dmitry Rogozin</a>, '
            '<a href="../../organisations/nato/">NATO</a>.</p><h3 id="x">') in out
    assert (out.count('<script type="application/ld+json">') == 1
            and out.index("application/ld+json") < out.index("</head>"))
    assert "Cited by" not in build.page_markdown("sources/ivanov-2011.md", SOURCE)


# --- redirect_html --------------------------------------------------------------------------------


def redirect_page(url: str) -> str:
    """The redirect page to `url`, as it is written."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n"
        f'<title>Redirecting…</title>\n<link rel="canonical" href="{url}">\n'
        f'<meta http-equiv="refresh" content="0; url={url}">\n<meta name="robots" content="noindex">\n'
        f'</head>\n<body>\n<p>This page has moved to <a href="{url}">{url}</a>.</p>\n</body>\n</html>\n'
    )


@pytest.mark.parametrize(
    ("from_url", "to_url", "href"),
    [
        ("people/rogozin/", "people/dmitry-rogozin/", "../dmitry-rogozin/"),
        ("rogozin/", "people/dmitry-rogozin/", "../people/dmitry-rogozin/"),
        ("people/rogozin.html", "people/dmitry-rogozin.html", "dmitry-rogozin.html"),
        ("people/old/", "index.html", "../../index.html"),
        ("people/r/", "people/d é/", "../d%20%C3%A9/"),  # percent-encoded
        ("people/r/", 'people/a"><script>/', "../a%22%3E%3Cscript%3E/"),
    ],
)
def test_redirect_html(from_url, to_url, href):
    assert render.redirect_html(from_url, to_url) == redirect_page(href)


def test_russian_names_are_marked_as_russian_and_escaped(tmp_path):
    files = dict(FILES)
    files["people/dmitry-rogozin.md"] = files["people/dmitry-rogozin.md"].replace(
        "aliases: [Rogozin]", 'aliases: [Rogozin, Дмитрий Рогозин, "Рогозин <img src=x onerror=alert(1)>"]')
    out = BuildContext.for_config(write_tree(tmp_path, files)).page_html("people/dmitry-rogozin.md", PAGE)
    assert ('<dt>Also known as</dt><dd>Rogozin; <span lang="ru">Дмитрий Рогозин</span>; '
            '<span lang="ru">Рогозин &lt;img src=x onerror=alert(1)&gt;</span></dd>') in out


def test_the_infobox_and_the_lead_paragraph_are_placed_together():
    from kb.render import place_in_article

    box = '<aside class="kb-infobox">facts</aside>'
    page = '<article><h1>T</h1>\n<p><strong>T</strong> is a thing.</p>\n<p>More.</p></article>'
    assert place_in_article(page, box) == (
        '<article><h1>T</h1><div class="kb-lead"><aside class="kb-infobox">facts</aside>\n'
        '<p><strong>T</strong> is a thing.</p></div>\n<p>More.</p></article>'
    )
    # No paragraph right after the title (an admonition first): the infobox alone, as before.
    other = '<article><h1>T</h1><div class="admonition">x</div><p>y</p></article>'
    assert place_in_article(other, box) == (
        '<article><h1>T</h1><aside class="kb-infobox">facts</aside><div class="admonition">x</div><p>y</p></article>')
    # Nothing but an infobox is wrapped.
    assert place_in_article(page, "<p>timeline</p>") == (
        '<article><h1>T</h1><p>timeline</p>\n<p><strong>T</strong> is a thing.</p>\n<p>More.</p></article>')
