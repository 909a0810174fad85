"""The one escaping layer: every piece of HTML, SVG, JSON-LD and Markdown the build makes from
front matter is rendered here, from the templates in ``kb/templates/``.

Front matter comes from strangers' pull requests, so nothing made from it is written by string
formatting. Two Jinja2 environments share the templates:

- **HTML** (``*.html``, ``*.svg``): Jinja2's autoescaping (MarkupSafe): every value is escaped
  unless it is `Markup` made by this layer (a rendered template, a link). JSON inside a
  ``<script>`` goes through ``|tojson``, which also escapes ``<``, ``>``, ``&`` and ``'``.
- **Markdown** (``*.md``): every value is escaped for Markdown on output (`markdown_text`):
  HTML-escaped, Markdown punctuation backslash-escaped, line breaks and table pipes neutralised,
  so a title cannot become a tag, a link, emphasis, an attribute list or a new table cell. Links
  made by `markdown_link` are `MarkdownSafe` and pass as they are.

Undefined names are errors (`StrictUndefined`), so a typo in a template fails a test, not a page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

__all__ = ["Markup", "MarkdownSafe", "escape", "html", "markdown", "markdown_link", "markdown_text", "json_text",
           "plain", "text"]

_FOLDER = Path(__file__).resolve().parent / "templates"


class MarkdownSafe(str):
    """Markdown made by this layer (a link, a rendered template): not escaped again."""

    __slots__ = ()


#: Characters Python-Markdown (with the tables extension) lets a backslash escape (its
#: ``Markdown.ESCAPED_CHARS``; ``<``, ``>`` and ``&`` are written as entities instead).
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
#: Line breaks, and control characters (Python-Markdown marks its placeholders with STX and ETX).
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def markdown_text(value: Any) -> MarkdownSafe:
    """Plain text as Markdown that shows exactly that text.

    >>> markdown_text("<b>*NATO*</b> & [x](y) | z")
    '&lt;b&gt;\\\\*NATO\\\\*&lt;/b&gt; &amp; \\\\[x\\\\]\\\\(y\\\\) \\\\| z'
    """
    if isinstance(value, MarkdownSafe):
        return value
    text = _BREAKS.sub(" ", str(value))
    text = str(escape(text))  # & < > " ' as entities, which Python-Markdown keeps as they are
    return MarkdownSafe(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text))


def _finalize_markdown(value: Any) -> Any:
    return value if isinstance(value, MarkdownSafe) else markdown_text("" if value is None else value)


@lru_cache(maxsize=1)
def _html_environment() -> Any:
    import jinja2  # imported when first needed: the checker renders no template

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_FOLDER),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


@lru_cache(maxsize=1)
def _markdown_environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_FOLDER),
        autoescape=False,
        finalize=_finalize_markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html(name: str, **context: Any) -> Markup:
    """Render an HTML or SVG template (autoescaped) as `Markup`."""
    return Markup(_html_environment().get_template(name).render(**context).strip())


def markdown(name: str, **context: Any) -> MarkdownSafe:
    """Render a Markdown template (every value escaped for Markdown)."""
    return MarkdownSafe(_markdown_environment().get_template(name).render(**context))


def markdown_link(text: Any, path: str, fragment: str = "") -> MarkdownSafe:
    """A Markdown link whose text is shown as it is, to a relative docs path the build made
    (percent-encoded, so nothing in a file name can end the link; MkDocs decodes it)."""
    url = quote(path, safe="/._-~") + ("#" + quote(fragment, safe="._-~") if fragment else "")
    return MarkdownSafe(f"[{markdown_text(text)}]({url})")


def json_text(data: Any, **options: Any) -> str:
    """JSON for files the site serves and the search index: ``<``, ``>``, ``&`` and ``'`` written
    as ``\\u`` escapes (what ``|tojson`` does in templates), so no string in it is markup even
    where it is read as HTML.

    >>> json_text({"t": "</script><b>'&"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0027\\\\u0026"}'
    """
    from jinja2.utils import htmlsafe_json_dumps

    return str(htmlsafe_json_dumps(data, **options))


def text(value: Any) -> str:
    """Plain text for a place the theme shows as HTML, such as the search index's ``text``: ``&``,
    ``<`` and ``>`` as entities (quotes stay, so that words with apostrophes still match).

    >>> text("Russia's <img onerror=x> & co")
    "Russia's &lt;img onerror=x&gt; &amp; co"
    """
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(markup: str) -> str:
    """The text of some HTML made by this layer, escaped again with `text` (for search-index text).

    >>> plain('<dt>Role</dt><dd>&lt;script&gt; &amp; Russia&#39;s</dd>')
    "Role &lt;script&gt; &amp; Russia's"
    """
    return text(unescape(" ".join(re.sub(r"<[^>]*>", " ", markup).split())))
