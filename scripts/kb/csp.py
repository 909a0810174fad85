"""The Content-Security-Policy of every built page, as a ``<meta http-equiv>`` in its head.

The policy allows nothing but the site's own origin, and no inline script except the theme's
own inline scripts, each allowed by its SHA-256 hash (so an ``onclick=`` or an injected
``<script>`` would not run). A static host cannot send headers, so the meta element is it.

What is trusted comes from the theme, never from a finished page: `ThemeScripts` finds every
inline ``<script>`` in the template files (the theme's ``templates/`` and the project's
``overrides/``), renders the Jinja inside each one as the theme would for a page at a given
``base_url`` (the only per-page value those scripts hold), and hashes the result. A script a
page smuggled in is not among them, so the policy does not allow it (and `kb.htmlsafety`
refuses the page anyway). A theme script whose text depends on other per-page values (say
Material's redirect page, or Google Analytics' property set outside the script) hashes
differently from what a page gets: it is blocked, never allowed by accident.

The offline copy (``file://``) gets no policy: a file has no origin for ``'self'`` to name and
its search runs in a frame; it is protected by the judge alone, which refuses every page that
holds anything that could run or load (see ``tests/site/test_fail_closed.py``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

#: Renders a theme script's template text for a page at a base_url (see `jinja_renderer`).
Renderer = Callable[[str, str], str]

_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)

#: Script types that are data, not code (their text is never hashed nor run).
DATA_TYPES = frozenset({"application/json", "application/ld+json"})

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
)


@lru_cache(maxsize=1024)
def script_hash(text: str) -> str:
    """The CSP source expression (``'sha256-…'``) of an inline script's text."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def script_type(attributes: Mapping[Any, str]) -> str:
    """A script element's type as a browser compares it: lower case, no parameters, no blanks."""
    return (attributes.get("type") or "").split(";")[0].strip().lower()


def template_scripts(text: str) -> list[str]:
    """The text (still Jinja) of each inline executable ``<script>`` in a template file."""
    if "<script" not in text.lower():
        return []
    import html5lib  # imported when first needed (the build's theme templates, not the checker)

    document = html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)
    return [element.text or "" for element in document.iter("script")
            if "src" not in element.attrib and script_type(element.attrib) not in DATA_TYPES]


class ThemeScripts:
    """The inline scripts of a theme's templates, rendered and hashed per ``base_url``.

    `render` turns a script's template text and a ``base_url`` into the text a page gets
    (in the hook: the theme's own Jinja environment with the site's config).
    """

    def __init__(self, template_dirs: Iterable[str | Path], render: Renderer) -> None:
        self.templates: list[str] = []
        """Each distinct inline script found in the templates, as template text."""
        seen: set[str] = set()
        for folder in template_dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                for script in template_scripts(path.read_text(encoding="utf-8", errors="replace")):
                    if script not in seen:
                        seen.add(script)
                        self.templates.append(script)
        self._render = render
        self._hashes: dict[str, frozenset[str]] = {}

    def hashes(self, base_url: str) -> frozenset[str]:
        """The source expressions of the theme's inline scripts as a page at `base_url` has them."""
        made = self._hashes.get(base_url)
        if made is None:
            found = set()
            for script in self.templates:
                try:
                    found.add(script_hash(self._render(script, base_url)))
                except Exception:  # noqa: BLE001 - a script that does not render is simply not allowed
                    continue
            made = self._hashes[base_url] = frozenset(found)
        return made


def jinja_renderer(env: jinja2.Environment, context: Mapping[str, Any]) -> Renderer:
    """A `ThemeScripts` renderer: each script's text rendered by `env` with `context` and the
    page's ``base_url`` (and ``page`` None, as for a theme template)."""
    def render(script: str, base_url: str) -> str:
        return env.from_string(script).render({**context, "page": None, "base_url": base_url})
    return render


def policy(hashes: Iterable[str]) -> str:
    """The policy that allows exactly these inline scripts."""
    return POLICY.format(hashes="".join(" " + h for h in sorted(hashes)))


def add_policy(html: str, hashes: Iterable[str]) -> str:
    """The page with its policy (allowing the theme's scripts `hashes`) as the first element of
    <head>, before any script it governs."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    return html[: head.end()] + "\n" + meta + html[head.end():]
