"""Anchor ids a built page will have, computed as Python-Markdown computes them.

Heading ids come from the toc extension's own ``slugify`` (as configured in mkdocs.yml) and its
own ``unique`` for repeated headings. Headings that hold only plain text are slugified
directly; a heading with any Markdown or HTML in it is rendered by Python-Markdown with the
site's extensions, so emphasis, code, links and entities give exactly the build's id.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from markdown.extensions.toc import unique

from . import markup

if TYPE_CHECKING:
    from .config import SiteConfig

#: Heading text made only of these characters renders to itself.
_PLAIN = re.compile(r"(?:[^\W_]|[ \t\-.,;()?/–—’%$@])*")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_H1_ID = re.compile(r'<h1[^>]*\bid="([^"]*)"')
#: An id the toc extension may have numbered to keep it unique in its document.
_NUMBERED = re.compile(r"_\d+$")


class _Converter(Protocol):
    """What `HeadingRenderer` uses of a ``markdown.Markdown`` instance."""

    def reset(self) -> object: ...

    def convert(self, source: str) -> str: ...


#: Headings rendered in one conversion by `HeadingRenderer.prefetch`.
PREFETCH_BATCH = 100


class HeadingRenderer:
    """Turns heading text into the id the build gives it."""

    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self.slugify: Callable[[str, str], str] = config.slugify
        self.separator = config.toc_separator
        self._markdown: _Converter | None = None
        self._slugs: dict[str, str] = {}

    def slug(self, text: str) -> str:
        """The id the build gives a heading of this text (as written, without an attribute list)."""
        found = self._slugs.get(text)
        if found is None:
            found = self._slugs[text] = self._slug(text)
        return found

    def prefetch(self, texts: Iterable[str]) -> None:
        """Learn at once the ids of the headings among `texts` that must be rendered: one
        conversion of many headings costs about a third of one conversion each. Only an id the
        batch cannot have changed is kept (the toc extension numbers repeated ids within a
        document: an id ending in ``_N`` is left to `slug`); anything else is rendered alone
        when asked, so this changes no answer, only the time."""
        batch: list[str] = []
        chosen: set[str] = set()
        for text in texts:
            if text in self._slugs or text in chosen or "<" in text or "{" in text or "\n" in text:
                continue
            if _PLAIN.fullmatch(_FOOTNOTE_REF.sub("", text).strip()):
                continue
            chosen.add(text)
            batch.append(text)
        for start in range(0, len(batch) if len(batch) > 1 else 0, PREFETCH_BATCH):
            part = batch[start : start + PREFETCH_BATCH]
            html = self._render("\n\n".join("# " + _FOOTNOTE_REF.sub("", text).strip() for text in part))
            ids = _H1_ID.findall(html)
            if len(ids) != len(part):
                continue  # a heading changed the document's shape: each is rendered alone
            for text, found in zip(part, ids):
                if not _NUMBERED.search(found):
                    self._slugs[text] = found

    def _slug(self, text: str) -> str:
        # toc drops footnote references (remove_fnrefs) before it takes the heading's text.
        text = _FOOTNOTE_REF.sub("", text).strip()
        if _PLAIN.fullmatch(text):
            return self.slugify(text, self.separator)
        html = self._render("# " + text)
        m = _H1_ID.search(html)
        return m.group(1) if m else ""

    def _render(self, source: str) -> str:
        if self._markdown is None:
            import markdown

            extensions = self.config.rendering_extensions()
            extensions.setdefault("toc", {})
            self._markdown = markdown.Markdown(extensions=list(extensions), extension_configs=extensions)
        self._markdown.reset()
        return self._markdown.convert(source)


def page_ids(headings: list[markup.Heading], masked: str, renderer: HeadingRenderer, html_ids: set[str],
             text: str | None = None, plain: bool = False) -> set[str]:
    """Ids of headings, attr_list ``{#id}`` and raw HTML (footnote ids are added by the scan);
    `text` is the unmasked text. With `plain`, no heading is rendered: each is slugified as
    written (for a page too costly to render, which the build refuses anyway: `kb.bounds`)."""
    explicit = markup.attr_list_ids(masked, text) | html_ids | {h.explicit_id for h in headings if h.explicit_id}
    used = set(explicit)
    counters: dict[str, int] = {}
    for heading in headings:
        if heading.explicit_id:
            continue
        slug = renderer.slugify(heading.text, renderer.separator) if plain else renderer.slug(heading.text)
        unique(slug, used, counters)
    return used
