"""kb.templates, the one escaping layer: hostile front matter never becomes markup.

The checker refuses markup in front matter (the first line of defence); these tests take that line
away and feed hostile strings straight to every generator, then judge what comes out with a real
HTML5 parser (html5lib), as a browser would read it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attacks import ATTACK_PAGES, attack_files
from helpers import ROOT, write_tree
from kb import schema, search, templates
from kb.build import BuildContext
from kb.config import load_config

#: Strings an attacker would put in a front-matter field.
VECTORS = [
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<!--",
    "--><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{ onclick=alert(1) }",
    "*[HTML]: <script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\x02klzzwxh:0000\x03",
    "| cell | break |",
    "`<script>`",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "a\nb\r\n<script>",
    "'; alert(1); '",
]

hostile = st.one_of(st.sampled_from(VECTORS), st.text(min_size=1, max_size=40),
                    st.lists(st.sampled_from(VECTORS), min_size=2, max_size=3).map(" ".join))

#: What generated content may contain (besides the text it shows).
ALLOWED = {"html", "head", "body", "p", "a", "ul", "ol", "li", "strong", "em", "table", "thead", "tbody", "tr",
           "th", "td", "h2", "aside", "dl", "dt", "dd", "figure", "figcaption", "svg", "defs", "marker", "path",
           "g", "rect", "text", "title", "circle", "abbr", "div", "sup", "hr", "code", "span", "h1", "h3", "br",
           "article", "details", "summary", "pre"}  # "Cite this page" (kb.pagecite): a details box
_URL_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}


def live_markup(fragment: str) -> list[str]:
    """What in some HTML could run or load: elements outside `ALLOWED`, event handlers, script URLs."""
    tree = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    found = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        name = tag.rsplit("}", 1)[-1]
        if tag and name not in ALLOWED and tag != "DOCUMENT_FRAGMENT":
            found.append(f"<{name}>")
        for attribute, value in element.attrib.items():
            if attribute.rsplit("}", 1)[-1].lower().startswith("on"):
                found.append(f"{name} {attribute}=")
            if attribute in _URL_ATTRIBUTES and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                found.append(f"{name} {attribute}={value}")
    return found


def test_live_markup_sees_what_a_browser_runs():
    assert live_markup("<p>ok <a href='x/'>x</a></p>") == []
    assert live_markup("<svg><style><img src=x onerror=alert(1)></style></svg>") != []
    assert live_markup('<a href=" java\nscript:x">a</a>') != []


@pytest.fixture(scope="module")
def render_markdown():
    config = load_config(ROOT / "mkdocs.yml")
    extensions = dict(config.markdown_extensions)
    extensions.pop("pymdownx.snippets", None)
    md = markdown.Markdown(extensions=list(extensions), extension_configs=extensions)

    def render(source: str) -> str:
        md.reset()
        return md.convert(source)

    return render


@given(value=hostile)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_markdown_text_renders_as_exactly_its_text(value, render_markdown):
    out = render_markdown("Before " + templates.markdown_text(value) + " after")
    assert live_markup(out) == []
    tree = html5lib.parseFragment(out, treebuilder="etree", namespaceHTMLElements=False)
    shown = "".join(tree.itertext())
    expected = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", value).split())
    assert " ".join(shown.split()) == " ".join(f"Before {expected} after".split())


def test_html_templates_escape_every_value():
    out = templates.html("link.html", url='x" onclick="alert(1)', text="<script>", cite=False)
    assert live_markup(out) == []
    assert out == '<a href="x&#34; onclick=&#34;alert(1)">&lt;script&gt;</a>'


def test_json_ld_cannot_end_its_script():
    out = templates.html("json_ld.html", data={"name": "</script><script>alert(1)</script><!--"})
    assert out.count("</script>") == 1 and "<!--" not in out and "<script>" not in out[1:]
    payload = out[len('<script type="application/ld+json">'):-len("</script>")]
    assert json.loads(payload) == {"name": "</script><script>alert(1)</script><!--"}


def _site(tmp_path: Path, value: str) -> Path:
    return write_tree(tmp_path, attack_files(value))


def test_the_attack_site_covers_every_type_and_text_field(tmp_path):
    assert set(ATTACK_PAGES) == set(schema.PAGE_TYPES)
    build = BuildContext.for_config(_site(tmp_path, "<b>X</b>"))
    for page_type, (path, _, _) in ATTACK_PAGES.items():
        meta = build.site.pages[path].meta
        for spec in schema.PAGE_TYPES[page_type].fields:
            if spec.kind in (schema.Kind.TEXT, schema.Kind.SENTENCE, schema.Kind.TEXT_LIST, schema.Kind.NAMES,
                             schema.Kind.WHEN, schema.Kind.CHOICE, schema.Kind.URL):
                assert "<b>X</b>" in str(meta[spec.name]), (path, spec.name)


PAGE = '<html><head></head><body><article><h1 id="x">T</h1><p>Text.</p></article></body></html>'


@given(value=hostile)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_generated_output_holds_live_markup(value, tmp_path_factory, render_markdown):
    build = BuildContext.for_config(_site(tmp_path_factory.mktemp("site"), value))
    site = build.site
    assert all(not p.front_matter.error for p in site.pages.values()), [
        p.front_matter.error for p in site.pages.values()]
    for uri, page in site.pages.items():
        # HTML placed after rendering: infobox, timeline, connections, backlinks, cited-by, JSON-LD.
        out = build.page_html(uri, PAGE)
        assert live_markup(out.replace(str(build.generated(uri).json_ld), "")) == [], uri
        if build.generated(uri).json_ld:
            assert build.generated(uri).json_ld.count("<") == 2 and "<!--" not in build.generated(uri).json_ld
        # Markdown the build renders: markers (indexes, timeline, glossary, relations) and positions.
        source = site.files[uri].abs_path.read_text(encoding="utf-8")[page.front_matter.body_offset:]
        assert live_markup(render_markdown(build.page_markdown(uri, source))) == [], uri
        made = build.generated(uri).search
        if made is not None:
            assert "<" not in made.names and "<" not in made.lead, uri
    for name, text in build.generated_sources().items():
        assert "<" not in text and ">" not in text, name
        json.loads(text)
    for name, text in build.generated_files().items():
        assert live_markup(text.split("<body>", 1)[1]) == [], name
    index = {"config": {"separator": r"[\s\-]+"}, "docs": [{"location": site.url_of(u), "title": "t", "text": ""}
                                                          for u in site.pages]}
    assert "<" not in search.search_index_with_aliases(json.dumps(index), site, build.backlinks)
