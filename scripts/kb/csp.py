"""The Content-Security-Policy of every built page, as a ``<meta http-equiv>`` in its head.

The policy allows nothing but the site's own origin, and no inline script except the theme's
own inline scripts, each allowed by its SHA-256 hash (so an ``onclick=`` or an injected
``<script>`` would not run). A static host cannot send headers, so the meta element is it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)

#: Script types a browser executes (a JSON or JSON-LD block is data, not script).
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
)


@lru_cache(maxsize=1024)
def _source(body: str) -> str:
    """The CSP source expression of a script (pages share the theme's scripts: made once each)."""
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions ('sha256-…') for each executable inline script, in order, unique."""
    found: list[str] = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE:
            continue
        source = _source(m.group("body"))
        if source not in found:
            found.append(source)
    return found


def policy_for(html: str) -> str:
    """The policy for one page."""
    hashes = inline_script_hashes(html)
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def add_policy(html: str) -> str:
    """The page with its policy as the first element of <head> (before any script it governs)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: head.end()] + "\n" + meta + html[head.end():]
