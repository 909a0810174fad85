"""The judge of built HTML: nothing in a finished page may run or load unless the theme put it there.

The source-level rules (`kb.safety`) are the fast first pass; this is the last word. A built
page is parsed once by a parser that follows the WHATWG parsing algorithm as a browser does, so
mutation vectors (``<svg><style><img onerror>``, an unclosed ``<!--`` before a script, a
``</script>`` inside JSON-LD, markup that breaks out of ``<title>`` or of an attribute) are
seen as a browser sees them. The build uses Lexbor (C, through selectolax): parsing and
judging take about 2 ms a page (the real site's 62 pages of 38 KB: 0.13 s; a synthetic site's
1,011 pages: 2.1 s, about a tenth of its build). html5lib (pure Python, the reference
implementation of the same algorithm) took 35 to 50 ms a page here, which would have made
the build of 10,000 pages several times slower; the tests judge every vector and every real
page with both and expect the same findings. Then every element is judged:

- **In the page content** (inside ``<article>`` or the theme's ``md-content`` region: all that
  comes from Markdown or from the generated HTML) nothing may run, embed or load: no
  ``script``, ``form``, ``meta``, ``link``, ``noembed``/``noframes``/``xmp``/``plaintext``,
  SVG ``foreignObject`` (HTML inside SVG has no business in a page), nor an SVG animation
  aimed at an ``href`` (it turns a link into ``javascript:``).
- **Everywhere in the page** (head, header and navigation too, where front-matter text lands
  through the theme's templates): no ``iframe``/``frame``/``object``/``embed``/``applet``/
  ``portal``, no ``template`` (its content is not among its children in every parser), no
  ``noscript`` (the parsers read its content as a browser without script does, a browser with
  script differently: refused, so the two never disagree), no ``style`` element, no ``base``;
  no ``on*`` attribute in any namespace, no ``srcdoc``; no URL whose scheme is not http,
  https, mailto or tel (but the theme's no-op ``javascript:void(0)`` link outside the
  content); no resource (``src``, ``srcset``, ``poster``, ``data``, an SVG ``image``/``use``
  ``href``…) from another host; no ``style`` attribute that can load or run something
  (``url()``, ``@import``, ``expression()``, ``-moz-binding``, ``behavior``; harmless inline
  styles are allowed); no ``meta http-equiv`` but the page's own policy (which the build adds
  after judging); and every ``script`` either loads one of the site's script files (the
  theme's, and those mkdocs.yml names: `ScriptSources`), or is JSON data that parses as JSON,
  or is one of the theme's own inline scripts (its hash among those `kb.csp.ThemeScripts` made).

`judge_asset` judges the files of docs/ that a browser would open as a document (a link to an
``.html`` or ``.svg`` file opens it on the site's origin): HTML as page content, SVG and XML
parsed as XML, as a browser does, with no declarations; other such kinds are refused.
`locate` maps each finding back to its source (the offending text, else the ``title:`` line,
else line 1).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from .csp import DATA_TYPES, policy, script_hash, script_type
from .problems import Problem

#: Elements refused wherever they are: they embed another document, restyle the page, change
#: every relative URL, parse differently with and without script, or hold a tree of their own
#: (a template's content is not among its children in every parser).
REFUSED_ANYWHERE = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base",
                              "noscript", "style", "template"})

#: Elements refused in the page content as well (the theme may use some of them around it).
REFUSED_IN_CONTENT = REFUSED_ANYWHERE | {"script", "form", "meta", "link", "noembed", "noframes", "xmp", "plaintext",
                                         "foreignobject"}

#: SVG animation elements: aimed at an href, they turn a link into ``javascript:``.
ANIMATIONS = frozenset({"animate", "set", "animatetransform", "animatemotion", "animatecolor"})

#: Attributes that hold a URL (or, for srcset, a list of them).
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "imagesrcset", "action", "formaction", "data", "poster",
                            "background", "cite", "ping", "manifest", "codebase", "lowsrc", "dynsrc", "longdesc",
                            "usemap", "classid", "archive", "profile", "icon"})

#: URL attributes whose target the browser fetches (or posts to) by itself: same site only.
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "imagesrcset", "poster", "data", "background", "ping",
                                 "manifest", "codebase", "lowsrc", "dynsrc", "classid", "archive", "action",
                                 "formaction", "icon", "profile"})

#: Elements whose href is fetched, not followed (SVG images and references, links, SVG scripts).
RESOURCE_HREF = frozenset({"image", "use", "feimage", "link", "script"})

#: The only URL schemes a page may name.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

#: The one script URL the theme uses (its search "share" button, outside the content): it does nothing.
THEME_NO_OP_URL = "javascript:void(0)"

#: CSS that loads something or runs script (compared without escapes, comments, blanks or case).
CSS_RISKS = ("url(", "image-set(", "image(", "cross-fade(", "element(", "@import", "@font-face", "expression(",
             "-moz-binding", "behavior:", "javascript:", "vbscript:")

#: What an unsafe page is replaced with (in the site directory, until the build aborts).
STUB = ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not published</title></head>"
        "<body><p>This page was not published: the build found something in it that could run or load "
        "content. See the build's output.</p></body></html>\n")

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_URL_IGNORED = str.maketrans("", "", "\t\n\r")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\n|(.))", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")
@lru_cache(maxsize=1)
def _html5lib() -> Any:
    """html5lib's parser (imported when first needed: the checker rarely needs it)."""
    import html5lib

    return html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=True)


@dataclass(frozen=True)
class Finding:
    """One thing in a built page that could run or load."""

    code: str
    message: str
    hint: str
    needles: tuple[str, ...] = ()
    """Texts to look for in the page's source to place the finding, best first."""
    in_content: bool = True
    """Whether it is in the page content (else in the theme's chrome, where only the most
    specific needle is looked for: the rest is the theme's own text)."""
    at: tuple[int, int] | None = None
    """Its line and column in the source, when the parser knows it."""


# --- URLs and CSS


def clean_url(value: str) -> str:
    """A URL as a browser's URL parser starts from: tabs and newlines removed, C0 and blanks
    stripped from both ends."""
    return value.translate(_URL_IGNORED).strip(_C0_AND_SPACE)


def url_scheme(value: str) -> str | None:
    """The scheme of a URL, lower case (None for a relative URL).

    >>> url_scheme(" Java\\tScript:alert(1)"), url_scheme("../a/#b"), url_scheme("HTTPS://x")
    ('javascript', None, 'https')
    """
    if ":" not in value:
        return None  # the parser has decoded entities: no scheme without a colon
    match = _SCHEME.match(clean_url(value))
    return match.group(1).lower() if match else None


def other_host(value: str, site_url: str = "") -> bool:
    """Whether a URL points to another host than the site's (relative URLs never do)."""
    url = clean_url(value)
    scheme = url_scheme(url)
    if scheme is None and not url[:2].replace("\\", "/") == "//":
        return False
    if scheme not in (None, "http", "https"):
        return True
    site = urlsplit(site_url).netloc.lower() if site_url else ""
    host = urlsplit(url.replace("\\", "/")).netloc.lower()
    return not site or host != site


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset (each candidate's URL, without its descriptors)."""
    urls = []
    for candidate in re.finditer(r"[\s,]*([^\s,][^\s]*)([^,]*)", value):
        url = candidate.group(1)
        if url.endswith(","):
            url = url.rstrip(",")
        if url:
            urls.append(url)
    return urls


def _css_unescape(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return match.group(2) or ""


def css_risk(css: str) -> str | None:
    """The first construct in a piece of CSS that can load or run something, or None.

    >>> css_risk("color: red; margin: 0"), css_risk("background: U\\\\52 L ( x.png )")
    (None, 'url(')
    """
    text = _BLANKS.sub("", _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_css_unescape, css))).lower()
    for risk in CSS_RISKS:
        if risk in text:
            return risk
    return None


# --- The judge


class Node(NamedTuple):
    """One element as the judge sees it (whichever parser made the tree)."""

    name: str
    """Local name, lower case."""
    attrs: dict[str, str]
    """Attributes by lower-case name, namespaced ones prefixed as written (``xlink:href``)."""
    text: str
    """The text of a ``<script>`` or ``<style>`` (empty for other elements)."""
    in_content: bool


def _nodes_lexbor(html: str) -> Iterator[Node]:
    """The elements of a page in document order, parsed by Lexbor (through selectolax)."""
    from selectolax.lexbor import LexborHTMLParser  # imported when first needed

    tree = LexborHTMLParser(html)
    content: set[int] = set()  # the elements of the content regions (a region inside another is skipped)
    for region in tree.css("article, .md-content"):
        if region.mem_id not in content:
            content.update(node.mem_id for node in region.traverse(include_text=False))
    root = tree.root
    if root is None:  # pragma: no cover - HTML parsing always builds <html>, <head> and <body>
        return
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag is None:  # pragma: no cover - every node Lexbor builds is named
            continue
        if tag == "-comment":
            if node.mem_id not in content:
                yield Node(COMMENT, {}, node.comment_content or "", False)
        elif tag[0] != "-":  # not text
            name = tag.lower()
            yield Node(name, {k.lower(): v or "" for k, v in node.attributes.items()},
                       node.text(deep=False) if name in _TEXT_ELEMENTS else "", node.mem_id in content)


_NAMESPACE_PREFIX = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:",
                     "http://www.w3.org/2000/xmlns/": "xmlns:"}


def _local(key: str) -> str:
    """An html5lib tree's tag or attribute name ``{namespace}local`` as a prefixed lower-case name."""
    if key[:1] == "{":
        namespace, _, local = key[1:].partition("}")
        return _NAMESPACE_PREFIX.get(namespace, "") + local.lower()
    return key.lower()


def _nodes_html5lib(html: str) -> Iterator[Node]:
    """The same, parsed by html5lib (pure Python, slower: the reference the tests compare with)."""
    stack: list[tuple[Element, bool]] = [(_html5lib().parse(html), False)]
    while stack:
        element, in_content = stack.pop()
        if isinstance(element.tag, str):  # not a comment
            name = _local(element.tag)
            attrs = {_local(k): v for k, v in element.attrib.items()}
            in_content = in_content or name == "article" or "md-content" in attrs.get("class", "").split()
            yield Node(name, attrs, (element.text or "") if name in _TEXT_ELEMENTS else "", in_content)
        elif not in_content:  # a comment of the theme's chrome
            yield Node(COMMENT, {}, element.text or "", False)
        stack.extend((child, in_content) for child in reversed(element))


def _nodes_xml(root: Element) -> Iterator[Node]:
    """The elements of an XML document (an SVG file), all of them content."""
    for element in root.iter():
        if isinstance(element.tag, str):
            name = _local(element.tag)
            yield Node(name, {_local(k): v for k, v in element.attrib.items()},
                       "".join(element.itertext()) if name in _TEXT_ELEMENTS else "", True)


_TEXT_ELEMENTS = frozenset({"script", "style"})

#: The name of a comment node (outside the page content: in the theme's chrome, where front-matter
#: text such as a title lands, a comment holding markup has swallowed part of the page).
COMMENT = "#comment"
_MARKUP = re.compile(r"<[a-zA-Z/!?]")


#: The WHATWG parsers the judge can use: Lexbor (C, the build's) and html5lib (Python).
PARSERS: dict[str, Callable[[str], Iterator[Node]]] = {"lexbor": _nodes_lexbor, "html5lib": _nodes_html5lib}


class ScriptSources:
    """The scripts a page may load: the theme's files and those the site's config names
    (``extra_javascript``, ``extra.polyfills``, ``extra.early_javascript``), as paths from the
    site's root; not any ``.js`` that a contribution could add to docs/."""

    def __init__(self, paths: Iterable[str], site_url: str = "") -> None:
        self.paths = frozenset(posixpath.normpath(p.lstrip("/")) for p in paths)
        self.root = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"

    def allows(self, src: str, page_url: str) -> bool:
        """Whether a script's ``src`` on the page at `page_url` (relative to the root) is one of them."""
        url = urljoin("https://site.invalid" + self.root + page_url, clean_url(src))
        parts = urlsplit(url)
        if parts.netloc != "site.invalid" or not parts.path.startswith(self.root):
            return False
        return posixpath.normpath(parts.path[len(self.root):] or ".") in self.paths


def judge(html: str, allowed_scripts: Iterable[str] = (), site_url: str = "", parser: str = "lexbor",
          scripts: ScriptSources | None = None, page_url: str = "") -> list[Finding]:
    """Everything in a built page that could run or load, in document order.

    `allowed_scripts` are the CSP source expressions of the theme's inline scripts for this
    page (`kb.csp.ThemeScripts.hashes`); `site_url` is the site's own address, if it has one;
    `scripts`, if given, the only script files the page (at `page_url`) may load (else any
    same-site one).
    """
    return _judge_nodes(PARSERS[parser](html), frozenset(allowed_scripts), site_url, scripts, page_url)


def _judge_nodes(nodes: Iterable[Node], allowed: frozenset[str], site_url: str, scripts: ScriptSources | None,
                 page_url: str, style_elements: bool = False) -> list[Finding]:
    """The findings in a page's elements; with `style_elements`, a ``<style>`` is judged by its CSS
    (an SVG file's own styles) instead of refused."""
    findings: list[Finding] = []
    for node in nodes:
        if style_elements and node.name == "style":
            risk = css_risk(node.text)
            found = [Finding("KB314", f"<style> uses '{risk}'", "an image's styles may not load or run anything",
                             (risk, "<style"))] if risk else []
        elif node.name == COMMENT:
            found = [Finding("KB310", "a comment in the page's frame holds markup: text opened it and it hides "
                                      "part of the page", "front matter is plain text: remove the '<!--'",
                             ("<!--",), in_content=False)] if _MARKUP.search(node.text) else []
        else:
            found = list(_judge_element(node, allowed)) if node.name in _ELEMENT_RULES else []
        for key, value in node.attrs.items():
            if key in _WATCHED or key[:2] == "on" or ":" in key:  # most attributes are none of these
                found.extend(_judge_attribute(node.name, key, value, node.in_content, site_url))
        if node.name == "script" and scripts is not None and not found and not node.in_content:
            source = _script_source(node.attrs)
            if source is not None and not scripts.allows(source, page_url):
                found.append(Finding("KB315",
                                     f"<script src=\"{clean_url(source)[:80]}\"> that is not one of the site's scripts",
                                     "only the theme's scripts and those mkdocs.yml names may load", (source[:40],)))
        findings.extend(f if node.in_content else replace(f, in_content=False) for f in found)
    return findings


def _script_source(attrs: Mapping[str, str]) -> str | None:
    """A script element's URL (``src``, or an SVG script's ``href``), if it has one."""
    if "src" in attrs:
        return attrs["src"]
    return next((v for k, v in attrs.items() if k.rpartition(":")[2] == "href"), None)


#: Files that a browser opens as a document that can run script (a link to one opens it).
DOCUMENT_ASSETS = frozenset({".html", ".htm", ".shtml", ".xhtml", ".xht", ".svg", ".xml", ".xsl", ".xslt", ".svgz",
                             ".mht", ".mhtml", ".htc", ".hta"})
_HTML_ASSETS = frozenset({".html", ".htm", ".shtml"})
_XML_ASSETS = frozenset({".svg", ".xml", ".xhtml", ".xht"})
_DECLARATIONS = re.compile(r"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", re.I)


def judge_asset(name: str, text: str, site_url: str = "") -> list[Finding]:
    """What could run or load in a file of docs/ that a browser would open as a document (an HTML
    page, an SVG image, XML): judged as page content, with nothing trusted. An SVG or XML file is
    parsed as XML, as a browser does, after refusing declarations (entities can make elements
    no parser of the text would see; a stylesheet can turn the file into HTML); the other kinds
    (XSLT, compressed SVG, web archives) are refused."""
    suffix = posixpath.splitext(name.lower())[1]
    if suffix in _HTML_ASSETS:
        return _judge_nodes((node._replace(in_content=True) for node in _nodes_lexbor(text)), frozenset(), site_url,
                            None, "")
    if suffix not in _XML_ASSETS:
        return [Finding("KB317", f"a '{suffix}' file in docs/", "a browser would run it as a document; remove it",
                        ())]
    declaration = _DECLARATIONS.search(text)
    if declaration:
        return [Finding("KB317", f"'{declaration.group(0)}' in a '{suffix}' file",
                        "remove the declaration; entities and stylesheets can make content no check sees",
                        (declaration.group(0),))]
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, col = error.position
        return [Finding("KB317", f"a '{suffix}' file that is not well-formed XML ({error.msg.split(':')[0]})",
                        "fix it; a file that cannot be read cannot be judged", (), at=(line, col + 1))]
    return _judge_nodes(_nodes_xml(root), frozenset(), site_url, None, "", style_elements=True)


def _judge_element(node: Node, allowed: frozenset[str]) -> Iterator[Finding]:
    name, attrs, in_content = node.name, node.attrs, node.in_content
    where = "in the page content" if in_content else "in the page"
    if name in (REFUSED_IN_CONTENT if in_content else REFUSED_ANYWHERE):
        yield Finding("KB310", f"<{name}> {where}", _ELEMENT_HINTS.get(name, _ELEMENT_HINT), (f"<{name}",))
    elif name == "script":
        yield from _judge_script(node, allowed)
    elif name == "meta" and "http-equiv" in attrs and not _our_policy(attrs, allowed):
        yield Finding("KB310", "<meta http-equiv> in the page", "remove it; the build sets the page's policy itself",
                      ("http-equiv", "<meta"))
    elif name in ANIMATIONS:
        target = attrs.get("attributename", "").strip()
        if target.lower().split(":")[-1] == "href":
            yield Finding("KB310", f"<{name} attributeName=\"{target}\"> {where}",
                          "remove it; an animation may not change where a link goes", ("attributename", f"<{name}"))


def _our_policy(attrs: Mapping[str, str], allowed: frozenset[str]) -> bool:
    """Whether a ``<meta http-equiv>`` is exactly the policy the build gives this page."""
    return (attrs.get("http-equiv", "").strip().lower() == "content-security-policy"
            and attrs.get("content") == policy(allowed))


def _judge_attribute(element: str, shown: str, value: str, in_content: bool, site_url: str) -> Iterator[Finding]:
    name = shown.rpartition(":")[2]  # xlink:href is an href (and x:onclick counts as a handler: stricter)
    if name.startswith("on") or shown.startswith("on"):
        yield Finding("KB311", f"event handler attribute '{shown}' on <{element}>",
                      "remove it; pages may not run script", (shown, f"<{element}"))
    elif name == "srcdoc":
        yield Finding("KB310", f"srcdoc= on <{element}>", "remove it; pages may not embed documents",
                      ("srcdoc", f"<{element}"))
    elif name == "style":
        risk = css_risk(value)
        if risk:
            yield Finding("KB314", f"style= on <{element}> uses '{risk}'",
                          "style pages with the site's stylesheet; inline styles may not load or run anything",
                          (risk, "style=", f"<{element}"))
    elif name in URL_ATTRIBUTES:
        urls = srcset_urls(value) if name in ("srcset", "imagesrcset") else [value]
        fetched = name in RESOURCE_ATTRIBUTES or name == "href" and element in RESOURCE_HREF
        for url in urls:
            scheme = url_scheme(url)
            if scheme is not None and scheme not in SAFE_SCHEMES and (
                    in_content or element != "a" or clean_url(url) != THEME_NO_OP_URL):
                yield Finding("KB312", f"'{scheme}:' URL in {shown}= of <{element}>",
                              "link to a page or an https:// address", (f"{scheme}:", shown, f"<{element}"))
            elif fetched and other_host(url, site_url):
                yield Finding("KB313", f"<{element}> {shown}= loads '{clean_url(url)[:80]}' from another host",
                              "keep what a page loads in docs/ (a link to another site is fine)",
                              (clean_url(url)[:40], shown, f"<{element}"))


def _judge_script(node: Node, allowed: frozenset[str]) -> Iterator[Finding]:
    if _script_source(node.attrs) is not None:
        return  # the attribute checks judge its URL (same site, safe scheme), `_judge_nodes` which file
    kind = script_type(node.attrs)
    if kind in DATA_TYPES:
        try:
            json.loads(node.text)
        except ValueError:
            yield Finding("KB316", f"<script type=\"{kind}\"> that is not valid JSON (markup ran into it)",
                          "look for '<!--', '<script' or '</script' in the page's text fields", ("<!--", "<script"))
    elif script_hash(node.text) not in allowed:
        yield Finding("KB315", "inline <script> that is not one of the theme's",
                      "remove it; only the theme's reviewed scripts run on the site", ("<script",))


#: Elements with rules of their own, and the attributes judged (with every ``on*`` and prefixed one).
_ELEMENT_RULES = REFUSED_IN_CONTENT | ANIMATIONS | {"meta"}
_WATCHED = URL_ATTRIBUTES | {"style", "srcdoc"}

_ELEMENT_HINT = "remove it; pages may not run script, embed other documents or load from other hosts"
_ELEMENT_HINTS = {
    "style": "use the site's stylesheet (docs/assets/stylesheets/); pages may not carry CSS",
    "form": "remove it; pages may not submit data anywhere",
    "base": "remove it; it would change where every link of the page goes",
    "noscript": "remove it; it reads differently with and without script",
    "meta": "remove it; the theme writes the page's head",
    "link": "remove it; the theme writes the page's head",
}


# --- Back to the source


def _title_line(text: str) -> int:
    """The line of the front matter's ``title:``, or 1."""
    lines = text.split("\n", 200)
    if not lines or lines[0].strip() != "---":
        return 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            break
        if re.match(r"title\s*:", line):
            return number
    return 1


def locate(findings: Iterable[Finding], src_uri: str, text: str) -> list[Problem]:
    """Problems at the source of each finding: the first not yet used place in `text` (a page's
    Markdown source) where one of its needles occurs (in the theme's chrome, only its most
    specific one), else the ``title:`` line (front matter lands in the chrome), else line 1."""
    lowered = text.lower()
    used: dict[str, int] = {}
    problems = []
    for finding in findings:
        line, col = finding.at or (0, 1)
        for needle in () if finding.at else finding.needles if finding.in_content else finding.needles[:1]:
            needle = needle.lower()
            if not needle:
                continue
            offset = lowered.find(needle, used.get(needle, 0))
            if offset < 0 and needle in used:
                offset = lowered.find(needle)
            if offset >= 0:
                used[needle] = offset + 1
                line = lowered.count("\n", 0, offset) + 1
                col = offset - (lowered.rfind("\n", 0, offset) + 1) + 1
                break
        if not line:
            line = _title_line(text)
        problems.append(Problem(src_uri, line, col, finding.code, finding.message, finding.hint))
    return problems
