"""kb.pagecite: "Cite this page" in plain text and BibTeX, escaped for both."""

import pytest

from helpers import write_tree
from kb import pagecite
from kb.build import BuildContext
from kb.config import load_config
from kb.site import Site

SOURCE = """---
title: Russia and NATO
description: The source.
author: Eugene Ivanov
published: 2011-06-15
kind: commentary
licence: all rights reserved
paragraphs: "8"
---
# Russia and NATO
## ¶8 {#p8}
"""

PERSON = """---
title: {title}
description: An ambassador.
role: Ambassador
as_of: 2011
country: Russia
---
# Dmitry Rogozin

Text.[^p8]

[^p8]: [¶8](../sources/ivanov-2011.md#p8)
"""


def _site(tmp_path, title="Dmitry Rogozin"):
    config = write_tree(tmp_path, {"sources/ivanov-2011.md": SOURCE, "people/dmitry-rogozin.md": PERSON.format(
        title=title)})
    return Site(load_config(config))


def test_a_page_cited_in_plain_text_and_bibtex(tmp_path):
    site = _site(tmp_path)
    c = pagecite.page_citation(site.pages["people/dmitry-rogozin.md"], site, "https://kb.example.org", "2026-12-03")
    assert c.url == "https://kb.example.org/people/dmitry-rogozin/"
    assert c.sources == ("Eugene Ivanov (2011-06-15), Russia and NATO",)
    assert pagecite.plain_text(c) == (
        f"“Dmitry Rogozin”. {c.site_name}. Revision of 2026-12-03. https://kb.example.org/people/dmitry-rogozin/. "
        "Based on: Eugene Ivanov (2011-06-15), Russia and NATO.")
    assert pagecite.bibtex(c) == (
        "@misc{kb-people-dmitry-rogozin,\n"
        f"  author       = {{{{{c.site_name} contributors}}}},\n"
        "  title        = {Dmitry Rogozin},\n"
        f"  howpublished = {{{c.site_name}}},\n"
        "  year         = {2026},\n"
        "  date         = {2026-12-03},\n"
        "  url          = {https://kb.example.org/people/dmitry-rogozin/},\n"
        "  note         = {Revision of 2026-12-03. Based on: Eugene Ivanov (2011-06-15), Russia and NATO}\n"
        "}")


def test_a_page_never_committed_says_so_and_a_source_rests_on_itself(tmp_path):
    site = _site(tmp_path)
    c = pagecite.page_citation(site.pages["sources/ivanov-2011.md"], site, "http://127.0.0.1:8000/", None)
    assert "Not yet revised in the repository." in pagecite.plain_text(c)
    assert "year" not in pagecite.bibtex(c)
    assert c.sources == ("Eugene Ivanov (2011-06-15), Russia and NATO",)


@pytest.mark.parametrize(("value", "escaped"), [
    ("A}, title = {B", r"A\}, title = \{B"),
    ("\\input{/etc/passwd}", r"\textbackslash{}input\{/etc/passwd\}"),
    ("50% & $5 #1 a_b ^ ~", r"50\% \& \$5 \#1 a\_b \^{} \~{}"),
    ("two\nlines", "two lines"),
])
def test_bibtex_text_cannot_end_a_field_or_run_a_command(value, escaped):
    assert pagecite.bibtex_text(value) == escaped


def test_a_hostile_title_stays_text_in_bibtex_and_in_html(tmp_path):
    site = _site(tmp_path, title='"x}} @misc{evil, <script>alert(1)</script>"')
    c = pagecite.page_citation(site.pages["people/dmitry-rogozin.md"], site, "https://e.org/a b{}/", "2026-12-03")
    entry = pagecite.bibtex(c)
    assert r"title        = {x\}\} @misc\{evil, <script>alert(1)</script>}," in entry
    assert "url          = {https://e.org/a%20b%7B%7D/people/dmitry-rogozin/}" in entry
    box = str(pagecite.cite_box_html(c))
    assert "<script>" not in box and "&lt;script&gt;" in box
    assert box.startswith('<details class="kb-cite-page">') and box.count('<pre class="kb-cite-page__bibtex">') == 1


def test_every_entity_page_gets_the_box_at_the_end_of_its_article(tmp_path):
    build = BuildContext.for_config(write_tree(tmp_path, {"sources/ivanov-2011.md": SOURCE,
                                                          "people/dmitry-rogozin.md": PERSON.format(title="R")}))
    page = '<html><body><article><h1 id="x">R</h1><p>Text.</p><div class="footnote">n</div></article></body></html>'
    out = build.page_html("people/dmitry-rogozin.md", page)
    assert out.index('<div class="footnote">') < out.index('<details class="kb-cite-page">') < out.index("</article>")
    assert "Based on: Eugene Ivanov (2011-06-15), Russia and NATO." in out
