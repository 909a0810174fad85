"""kb.htmlsafety: the judge of built pages, vector by vector (golden list: HTML -> findings),
harmless markup, mapping back to the source, and every page of a real build."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kb import csp
from kb.htmlsafety import PARSERS, STUB, css_risk, judge, locate, other_host, srcset_urls, url_scheme

THEME = csp.script_hash("theme()")
SITE = "https://kb.example.org/"


def page(head: str = "", chrome: str = "", content: str = "") -> str:
    """A page shaped like the theme's: head, header/nav chrome, and the content region."""
    return (f"<!doctype html><html><head><meta charset=utf-8><title>t</title>{head}"
            f"<script>theme()</script></head><body><header>{chrome}</header>"
            f'<div class="md-content" data-md-component="content"><article class="md-content__inner">'
            f"{content}</article></div></body></html>")


def found(html: str) -> list[str]:
    """The findings in a page, the same with both parsers (the build's and the reference)."""
    by_parser = {parser: [f"{f.code} {f.message}" for f in judge(html, {THEME}, SITE, parser)] for parser in PARSERS}
    assert by_parser["lexbor"] == by_parser["html5lib"], by_parser
    return by_parser["lexbor"]


#: (name, content HTML, expected findings): each vector in the page content.
CONTENT_VECTORS = [
    ("script", "<script>alert(1)</script>", ["KB310 <script> in the page content"]),
    ("script with src", '<script src="x.js"></script>', ["KB310 <script> in the page content"]),
    ("indented script in a block", "<div>\n    <script>alert(1)</script>\n</div>",
     ["KB310 <script> in the page content"]),
    ("uppercase", "<SCRIPT>alert(1)</SCRIPT>", ["KB310 <script> in the page content"]),
    ("svg script", "<svg><script>alert(1)</script></svg>", ["KB310 <script> in the page content"]),
    ("svg style then img", "<svg><style><img src=x onerror=alert(1)></style></svg>",
     ["KB310 <style> in the page content", "KB311 event handler attribute 'onerror' on <img>"]),
    ("style element", "<style>body{display:none}</style>", ["KB310 <style> in the page content"]),
    ("iframe", '<iframe src="https://evil.example"></iframe>',
     ["KB310 <iframe> in the page content", "KB313 <iframe> src= loads 'https://evil.example' from another host"]),
    ("iframe srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
     ["KB310 <iframe> in the page content", "KB310 srcdoc= on <iframe>"]),
    ("object", '<object data="x.swf"></object>', ["KB310 <object> in the page content"]),
    ("embed", '<embed src="x.swf">', ["KB310 <embed> in the page content"]),
    ("frame set", "<frameset></frameset>", []),  # ignored by the parser inside a body: nothing to run
    ("applet", "<applet code=x></applet>", ["KB310 <applet> in the page content"]),
    ("portal", '<portal src="/x"></portal>', ["KB310 <portal> in the page content"]),
    ("form", '<form action="https://evil.example"><input name=q></form>',
     ["KB310 <form> in the page content", "KB313 <form> action= loads 'https://evil.example' from another host"]),
    ("button formaction", '<button formaction="javascript:alert(1)">x</button>',
     ["KB312 'javascript:' URL in formaction= of <button>"]),
    ("base", '<base href="https://evil.example/">', ["KB310 <base> in the page content"]),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
     ["KB310 <meta> in the page content"]),
    ("link", '<link rel="stylesheet" href="x.css">', ["KB310 <link> in the page content"]),
    ("noscript breakout", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
     ["KB310 <noscript> in the page content"]),
    ("template", "<template><p>x</p></template>", ["KB310 <template> in the page content"]),
    ("foreignObject", "<svg><foreignObject><p>x</p></foreignObject></svg>",
     ["KB310 <foreignobject> in the page content"]),
    ("onclick", '<p onclick="alert(1)">x</p>', ["KB311 event handler attribute 'onclick' on <p>"]),
    ("ONMOUSEOVER", "<a href=# ONMOUSEOVER=alert(1)>x</a>", ["KB311 event handler attribute 'onmouseover' on <a>"]),
    ("svg onload", "<svg onload=alert(1)></svg>", ["KB311 event handler attribute 'onload' on <svg>"]),
    ("backtick attribute", "<img src=`x` onerror=alert(1)>", ["KB311 event handler attribute 'onerror' on <img>"]),
    ("unclosed comment before script", "<!-- <p>x</p>\n<script>alert(1)</script>", []),  # all comment: inert
    ("comment closed early", "<!--> <script>alert(1)</script> -->", ["KB310 <script> in the page content"]),
    ("javascript href", '<a href="javascript:alert(1)">x</a>', ["KB312 'javascript:' URL in href= of <a>"]),
    ("entity-encoded scheme", '<a href="&#106;ava&#x73;cript&colon;alert(1)">x</a>',
     ["KB312 'javascript:' URL in href= of <a>"]),
    ("tab in scheme", '<a href="java\tscript:alert(1)">x</a>', ["KB312 'javascript:' URL in href= of <a>"]),
    ("leading blanks", '<a href=" \x01javascript:alert(1)">x</a>', ["KB312 'javascript:' URL in href= of <a>"]),
    ("vbscript", '<a href="vbscript:msgbox(1)">x</a>', ["KB312 'vbscript:' URL in href= of <a>"]),
    ("data href", '<a href="data:text/html,<script>alert(1)</script>">x</a>', ["KB312 'data:' URL in href= of <a>"]),
    ("data img", '<img src="data:image/svg+xml,<svg onload=alert(1)>">', ["KB312 'data:' URL in src= of <img>"]),
    ("javascript in srcset", '<img src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">',
     ["KB312 'javascript:' URL in srcset= of <img>"]),
    ("svg xlink href", '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
     ["KB312 'javascript:' URL in xlink:href= of <a>"]),
    ("svg animate href", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
     ['KB310 <animate attributeName="href"> in the page content']),
    ("svg set xlink:href", '<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/></a></svg>',
     ['KB310 <set attributeName="xlink:href"> in the page content']),
    ("svg animate colour", '<svg><rect><animate attributeName="fill" values="red;blue"/></rect></svg>', []),
    ("cite", '<blockquote cite="javascript:alert(1)">x</blockquote>',
     ["KB312 'javascript:' URL in cite= of <blockquote>"]),
    ("poster", '<video poster="javascript:alert(1)"></video>', ["KB312 'javascript:' URL in poster= of <video>"]),
    ("background", '<table background="javascript:alert(1)"></table>',
     ["KB312 'javascript:' URL in background= of <table>"]),
    ("ping", '<a href="/x" ping="https://tracker.example/">x</a>',
     ["KB313 <a> ping= loads 'https://tracker.example/' from another host"]),
    ("remote image", '<img src="https://evil.example/pixel.png">',
     ["KB313 <img> src= loads 'https://evil.example/pixel.png' from another host"]),
    ("protocol-relative image", '<img src="//evil.example/pixel.png">',
     ["KB313 <img> src= loads '//evil.example/pixel.png' from another host"]),
    ("backslash-relative image", '<img src="/\\evil.example/pixel.png">',
     ["KB313 <img> src= loads '/\\evil.example/pixel.png' from another host"]),
    ("remote srcset", '<img src="a.png" srcset="https://evil.example/b.png 2x">',
     ["KB313 <img> srcset= loads 'https://evil.example/b.png' from another host"]),
    ("remote audio", '<audio src="https://evil.example/a.mp3"></audio>',
     ["KB313 <audio> src= loads 'https://evil.example/a.mp3' from another host"]),
    ("remote video source", '<video><source src="http://evil.example/v.mp4"></video>',
     ["KB313 <source> src= loads 'http://evil.example/v.mp4' from another host"]),
    ("remote track", '<video><track src="//evil.example/t.vtt"></video>',
     ["KB313 <track> src= loads '//evil.example/t.vtt' from another host"]),
    ("remote svg image", '<svg><image href="https://evil.example/i.png"/></svg>',
     ["KB313 <image> href= loads 'https://evil.example/i.png' from another host"]),
    ("remote svg use", '<svg><use xlink:href="https://evil.example/s.svg#a"/></svg>',
     ["KB313 <use> xlink:href= loads 'https://evil.example/s.svg#a' from another host"]),
    ("remote input image", '<input type="image" src="https://evil.example/i.png">',
     ["KB313 <input> src= loads 'https://evil.example/i.png' from another host"]),
    ("style url", '<p style="background: url(https://evil.example/x.png)">x</p>', ["KB314 style= on <p> uses 'url('"]),
    ("style escaped url", '<p style="background: u\\72 l(x.png)">x</p>', ["KB314 style= on <p> uses 'url('"]),
    ("style comment in url", '<p style="background: ur/**/l(x.png)">x</p>', ["KB314 style= on <p> uses 'url('"]),
    ("style import", '<p style="@import \'x.css\'">x</p>', ["KB314 style= on <p> uses '@import'"]),
    ("style expression", '<p style="width: expression(alert(1))">x</p>', ["KB314 style= on <p> uses 'expression('"]),
    ("style binding", '<p style="-moz-binding: x">x</p>', ["KB314 style= on <p> uses '-moz-binding'"]),
    ("style behavior", '<p style="behavior : x.htc">x</p>', ["KB314 style= on <p> uses 'behavior:'"]),
    ("math href", '<math href="javascript:alert(1)"><mi>x</mi></math>', ["KB312 'javascript:' URL in href= of <math>"]),
]

#: Markup the content may hold: links to other sites, images of the site, harmless styles.
HARMLESS = [
    '<p>Plain <strong>text</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    '<a href="https://www.nato.int/">NATO</a> <a href="mailto:a@example.org">mail</a> <a href="tel:+1">call</a>',
    '<a href="../people/x/#y">x</a> <a href="#top">top</a> <a href="//example.org/">other site</a>',
    '<img src="../assets/images/map.png" alt="map" srcset="../a.png 1x, ../b.png 2x">',
    '<img src="https://kb.example.org/assets/x.png" alt="our own host">',
    '<p style="color: red; text-align: center">x</p>',
    '<svg viewBox="0 0 10 10" role="img"><title>t</title><a href="../x/"><rect width="5" height="5"/></a></svg>',
    '<div class="tabbed-set"><input type="radio" id="__tabbed_1_1" name="__tabbed_1" checked>'
    '<label for="__tabbed_1_1">A</label></div>',
    "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</code></pre>",
    '<p title="javascript:alert(1)" data-x="onclick">not URLs, not handlers</p>',
    "<!-- a comment: <script>alert(1)</script> -->",
]

#: (name, page, expected findings): vectors in the theme's chrome (where front matter lands).
PAGE_VECTORS = [
    ("title breakout", page(head="</title><script>alert(1)</script>"),
     ["KB315 inline <script> that is not one of the theme's"]),
    ("attribute breakout in the nav", page(chrome='<a href="x" data-status="" onmouseover="alert(1)">x</a>'),
     ["KB311 event handler attribute 'onmouseover' on <a>"]),
    ("remote script", page(head='<script src="https://evil.example/x.js"></script>'),
     ["KB313 <script> src= loads 'https://evil.example/x.js' from another host"]),
    ("protocol-relative script", page(head='<script src="//evil.example/x.js"></script>'),
     ["KB313 <script> src= loads '//evil.example/x.js' from another host"]),
    ("javascript script src", page(head='<script src="javascript:alert(1)"></script>'),
     ["KB312 'javascript:' URL in src= of <script>"]),
    ("JSON-LD swallowed by a comment", page(head='<script type="application/ld+json">{"d": "<!--<script>"}</script>'),
     ["KB316 <script type=\"application/ld+json\"> that is not valid JSON (markup ran into it)"]),
    ("module script", page(head='<script type="module">alert(1)</script>'),
     ["KB315 inline <script> that is not one of the theme's"]),
    ("unknown script type", page(head='<script type="importmap">{}</script>'),
     ["KB315 inline <script> that is not one of the theme's"]),
    ("base in head", page(head='<base href="https://evil.example/">'), ["KB310 <base> in the page"]),
    ("meta refresh in head", page(head='<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
     ["KB310 <meta http-equiv> in the page"]),
    ("remote stylesheet", page(head='<link rel="stylesheet" href="https://evil.example/x.css">'),
     ["KB313 <link> href= loads 'https://evil.example/x.css' from another host"]),
    ("style in head", page(head="<style>body{display:none}</style>"), ["KB310 <style> in the page"]),
    ("noscript in head", page(head="<noscript><style>x</style></noscript>"),
     ["KB310 <noscript> in the page", "KB310 <style> in the page"]),
    ("iframe in the header", page(chrome='<iframe src="/x"></iframe>'), ["KB310 <iframe> in the page"]),
    ("javascript link in the nav", page(chrome='<a href="javascript:alert(1)">x</a>'),
     ["KB312 'javascript:' URL in href= of <a>"]),
    ("the theme's no-op share link, in content", page(content='<a href="javascript:void(0)">x</a>'),
     ["KB312 'javascript:' URL in href= of <a>"]),
]

#: Pages built as the theme builds them: nothing to find.
HARMLESS_PAGES = [
    page(),
    page(head='<link rel="canonical" href="https://kb.example.org/x/"><link rel="stylesheet" href="../a.css">'
              '<script src="../assets/javascripts/bundle.js"></script><script src="/assets/x.js"></script>'
              '<script id="__config" type="application/json">{"base": ".."}</script>'
              '<script type="application/ld+json">{"@type": "Person", "name": "&lt;b&gt;"}</script>'
              '<meta name="description" content="&lt;script&gt;">'),
    page(chrome='<form class="md-search__form" name="search"><input type="text" name="query"></form>'
                '<a href="javascript:void(0)" class="md-search__icon" data-md-component="search-share">s</a>'
                '<a href="https://github.com/x/y" title="Go to repository">repo</a>'),
]


@pytest.mark.parametrize(("name", "content", "expected"), CONTENT_VECTORS, ids=[v[0] for v in CONTENT_VECTORS])
def test_content_vector(name, content, expected):
    assert found(page(content=content)) == expected


@pytest.mark.parametrize("content", HARMLESS)
def test_harmless_content(content):
    assert found(page(content=content)) == []


@pytest.mark.parametrize(("name", "html", "expected"), PAGE_VECTORS, ids=[v[0] for v in PAGE_VECTORS])
def test_page_vector(name, html, expected):
    assert found(html) == expected


@pytest.mark.parametrize("html", HARMLESS_PAGES)
def test_harmless_page(html):
    assert found(html) == []


def test_an_inline_script_is_allowed_only_by_its_theme_hash():
    html = page()
    assert found(html) == []
    assert [f.code for f in judge(html, set(), SITE)] == ["KB315"]


def test_a_remote_resource_is_foreign_without_a_site_url():
    html = page(content='<img src="https://kb.example.org/x.png">')
    assert found(html) == []
    assert [f.code for f in judge(html, {THEME}, "")] == ["KB313"]


def test_the_stub_is_harmless():
    assert judge(STUB) == []


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("javascript:x", "javascript"), (" \x00JaVa\nScRiPt:x", "javascript"), ("\x01 JAVASCRIPT:x", "javascript"),
     ("java\tscript:x", "javascript"), ("../a:b", None), ("#x", None), ("https://a", "https"), ("c:/x", "c")],
)
def test_url_scheme(url, scheme):
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    ("url", "foreign"),
    [("https://evil.example/x", True), ("//evil.example/x", True), ("\\\\evil.example/x", True),
     ("https://kb.example.org/x", False), ("x.png", False), ("/x.png", False), ("../x.png", False)],
)
def test_other_host(url, foreign):
    assert other_host(url, SITE) is foreign


def test_srcset_urls():
    assert srcset_urls("a.png 1x, b.png 2x,c.png") == ["a.png", "b.png", "c.png"]
    assert srcset_urls("data:image/png;base64,xyz 1x") == ["data:image/png;base64,xyz"]  # as browsers split it


@pytest.mark.parametrize(
    ("css", "risk"),
    [("color: red", None), ("background: URL(x)", "url("), ("background:\\75 rl(x)", "url("),
     ("b: image-set('x.png' 1x)", "image-set("), ("@IMPORT 'x'", "@import"), ("x: expression (1)", "expression("),
     ("a: u/* */rl(x)", "url(")],
)
def test_css_risk(css, risk):
    assert css_risk(css) == risk


def test_locate_finds_each_occurrence_then_falls_back_to_the_title():
    source = "---\ntype: person\ntitle: X\n---\n\n<p onclick=a>x</p>\n\n<p ONCLICK=b>y</p>\n"
    findings = judge(page(content="<p onclick=a>x</p><p onclick=b>y</p><script>s()</script>"), {THEME}, SITE)
    shown = [p.format(with_hint=False) for p in locate(findings, "people/x.md", source)]
    assert shown == [
        "people/x.md:6:4: KB311 event handler attribute 'onclick' on <p>",
        "people/x.md:8:4: KB311 event handler attribute 'onclick' on <p>",
        "people/x.md:3:1: KB310 <script> in the page content",
    ]
    assert all(p.security for p in locate(findings, "people/x.md", source))


def test_locate_without_front_matter_uses_line_one():
    findings = judge(page(content="<script>x()</script>"), {THEME}, SITE)
    assert [(p.line, p.col) for p in locate(findings, "a.md", "no match here\n")] == [(1, 1)]


def test_every_page_of_a_real_build_is_harmless(built_site: Path):
    """The theme's own markup (its config JSON, search form, share button, data-md-* attributes,
    icons) and everything the build generates passes, with the theme's hashes as the only trust."""
    from mkdocs.config import load_config

    from helpers import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    theme = csp.ThemeScripts(config.theme.dirs, csp.jinja_renderer(env, {"config": config,
                                                                          "features": config.theme["features"]}))
    problems, judged = [], 0
    for path in sorted(built_site.rglob("*.html")):
        relative = path.relative_to(built_site)
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # an alias redirect: written by the build, not a page of the theme
        judged += 1
        base = urlsplit(config.site_url or "/").path if str(relative) == "404.html" else (
            "/".join([".."] * (len(relative.parts) - 1)) or ".")
        for parser in PARSERS:
            problems += [f"{relative} ({parser}): {f.code} {f.message}"
                         for f in judge(html, theme.hashes(base), config.site_url, parser)]
    assert problems == []
    assert judged > 50


#: (file name, text, expected findings): files of docs/ a browser opens as documents.
ASSETS = [
    ("map.svg", '<svg xmlns="http://www.w3.org/2000/svg"><style>.a { fill: red }</style><rect class="a"/></svg>', []),
    ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>',
     ["KB310 <script> in the page content"]),
    ("prefixed.svg", '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
     ["KB310 <script> in the page content"]),
    ("onload.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
     ["KB311 event handler attribute 'onload' on <svg>"]),
    ("link.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                 '<a xlink:href="javascript:alert(1)"><rect/></a></svg>',
     ["KB312 'javascript:' URL in xlink:href= of <a>"]),
    ("remote.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
     ["KB313 <image> href= loads 'https://evil.example/x.png' from another host"]),
    ("css.svg", '<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://evil.example/x.css";</style></svg>',
     ["KB314 <style> uses '@import'"]),
    ("entity.svg", '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n'
                   '<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', ["KB317 '<!DOCTYPE' in a '.svg' file"]),
    ("xslt.xml", '<?xml-stylesheet type="text/xsl" href="x.xsl"?><a/>', ["KB317 '<?xml-stylesheet' in a '.xml' file"]),
    ("xhtml.xml", '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script></body></html>',
     ["KB310 <script> in the page content"]),
    ("broken.svg", "<svg>\n<rect></svg>", ["KB317 a '.svg' file that is not well-formed XML (mismatched tag)"]),
    ("page.html", "<p>Hello</p>", []),
    ("evil.html", '<p>x</p>\n<img src=x onerror="alert(1)">', ["KB311 event handler attribute 'onerror' on <img>"]),
    ("evil.html", "<html><head><script>alert(1)</script></head></html>", ["KB310 <script> in the page content"]),
    ("styles.xsl", "<x/>", ["KB317 a '.xsl' file in docs/"]),
    ("map.svgz", "", ["KB317 a '.svgz' file in docs/"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), ASSETS, ids=[a[0] for a in ASSETS])
def test_asset(name, text, expected):
    from kb.htmlsafety import judge_asset

    assert [f"{f.code} {f.message}" for f in judge_asset(name, text, SITE)] == expected


def test_asset_problems_are_placed_at_their_line():
    from kb.htmlsafety import judge_asset

    text = '<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n<script>alert(1)</script></svg>'
    assert [(p.line, p.col) for p in locate(judge_asset("x.svg", text), "x.svg", text)] == [(3, 1)]
    broken = "<svg>\n<rect></svg>"
    assert [(p.line, p.code) for p in locate(judge_asset("b.svg", broken), "b.svg", broken)] == [(2, "KB317")]


def test_script_files_are_only_the_sites_own():
    from kb.htmlsafety import ScriptSources

    scripts = ScriptSources(["assets/javascripts/bundle.js", "assets/javascripts/graph.js"], "https://kb.example.org/kb/")
    assert scripts.allows("../../assets/javascripts/graph.js", "people/x/")
    assert scripts.allows("assets/javascripts/bundle.js?v=1", "index.html")
    assert scripts.allows("/kb/assets/javascripts/bundle.js", "404.html")
    assert not scripts.allows("../../assets/x.js", "people/x/")
    assert not scripts.allows("../../../assets/javascripts/graph.js", "people/x/")  # above the root: another path
    assert not scripts.allows("https://evil.example/assets/javascripts/graph.js", "index.html")
    head = '<script src="../people/evil.js"></script><script src="../assets/javascripts/graph.js"></script>'
    html = page(head=head)
    assert found(html) == []  # same site is enough without the list
    assert [f.message for f in judge(html, {THEME}, SITE, scripts=scripts, page_url="graph/")] == [
        "<script src=\"../people/evil.js\"> that is not one of the site's scripts"]
