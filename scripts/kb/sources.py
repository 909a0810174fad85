"""The rules on sources and on what cites them.

A front-matter citation (``cite: ivanov-2011#8``) names a source page and a paragraph it
retrieved and digests; an entity page cites at least one source in its text; a source page
digests exactly the paragraphs it declares; and, where a source's text is at hand
(`Site.source_texts`), every quotation is found in the paragraph it cites and no page copies a
long run of a text that is not in the public domain. A source nothing cites is reported too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import citations, schema, sourcetext
from .problems import Problem
from .site import Page, Site
from .sourceref import SOURCES, parse_cite, parse_paragraphs
from .sourcetext import RunFinder, quote_occurs
from .suggest import nearest_word

_PARAGRAPH_ID = re.compile(r"p([0-9]+)")


def _at(page: Page, line: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(page.src_uri, line, 1, code, message, hint)


def _source_names(site: Site) -> list[str]:
    return [uri[len(SOURCES) + 1:-3] for uri in site.pages if schema.type_of(uri) == "source"
            and not uri.endswith("/index.md")]


def declared_paragraphs(source: Page) -> list[int] | None:
    """The paragraphs a source page says it retrieved (None: it has no text, or says nothing valid)."""
    return parse_paragraphs(source.meta.get("paragraphs"))


def check_cite(page: Page, site: Site, value: Any, line: int) -> Iterator[Problem]:
    """One front-matter ``cite:``: a source page that exists, and a paragraph it retrieved and digests."""
    cite = parse_cite(value)
    if cite is None:
        yield _at(page, line, "KB106", f"'cite' must name a source and a paragraph, not {value!r}",
                  f"e.g. cite: {schema.CITE_EXAMPLE} (the source page's name in sources/, '#', the paragraph)")
        return
    source = site.pages.get(cite.source)
    if source is None:
        near = nearest_word(cite.name, _source_names(site))
        yield _at(page, line, "KB403", f"cites '{cite}', but there is no source page '{cite.source}'",
                  f"did you mean '{near}'?" if near else "add the source page first (make new TYPE=source)")
        return
    if cite.paragraph is None:
        return
    declared = declared_paragraphs(source)
    if declared is None:
        yield _at(page, line, "KB111", f"cites ¶{cite.paragraph} of '{cite.name}', which has no numbered paragraphs",
                  f"cite the source as a whole: cite: {cite.name}")
    elif cite.paragraph not in declared:
        yield _at(page, line, "KB111", f"cites ¶{cite.paragraph}, but '{cite.name}' has only ¶{_ranges(declared)}",
                  "cite a paragraph that was retrieved (the source page's 'paragraphs:')")
    elif f"p{cite.paragraph}" not in source.ids:
        yield _at(page, line, "KB111", f"cites ¶{cite.paragraph}, but '{cite.source}' has no section for it",
                  f"the source page needs a heading with {{#p{cite.paragraph}}}")


def _ranges(numbers: list[int]) -> str:
    """``1–6`` or ``1, 2, 4–9``."""
    parts: list[str] = []
    start = previous = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == previous + 1:
            previous = n
            continue
        parts.append(str(start) if start == previous else f"{start}–{previous}")
        if n is not None:
            start = previous = n
    return ", ".join(parts)


def check_cites_source(page: Page, site: Site) -> Iterator[Problem]:
    """Every entity page (other than a source) cites a source page in its text at least once."""
    if not page.is_entity or page.type == "source" or page.front_matter.error:
        return
    if citations.cites_a_source(page, site):
        return
    yield _at(page, 1, "KB401", "entity page does not cite any source",
              "add a footnote citing a source's paragraph, e.g. [^iv8]: Ivanov (2011), "
              "[¶8](../sources/ivanov-2011.md#p8).")


def check_source_page(page: Page, site: Site) -> Iterator[Problem]:
    """A source page digests each paragraph it declares, under a heading ``{#pN}``, and no other."""
    if page.type != "source" or page.src_uri.endswith("/index.md") or page.front_matter.error:
        return
    sections = sorted(int(m.group(1)) for i in page.ids if (m := _PARAGRAPH_ID.fullmatch(i)))
    declared = declared_paragraphs(page)
    line = page.front_matter.line_of("paragraphs") if "paragraphs" in page.meta else 1
    if declared is None:
        if sections and "paragraphs" not in page.meta:
            yield _at(page, 1, "KB408", f"has paragraph sections (¶{_ranges(sections)}) but declares no 'paragraphs'",
                      f'add paragraphs: "{_ranges(sections).replace("–", "-")}"')
        return
    missing = [n for n in declared if n not in sections]
    extra = [n for n in sections if n not in declared]
    if missing:
        yield _at(page, line, "KB408", f"declares ¶{_ranges(missing)} but has no section for it",
                  "digest each retrieved paragraph under a heading ending {#pN}")
    if extra:
        yield _at(page, line, "KB408", f"has sections for ¶{_ranges(extra)}, which it does not declare",
                  "cite only what was retrieved: fix 'paragraphs:' or remove the sections")


def _texts(site: Site) -> dict[str, dict[int, str]]:
    return site.source_texts or {}


def _licence(site: Site, source_uri: str) -> str:
    page = site.pages.get(source_uri)
    return str(page.meta.get("licence", "")).strip().casefold() if page is not None else ""


def check_quotations(page: Page, site: Site) -> Iterator[Problem]:
    """Each position's quotation is short enough for its source's licence and, where the text is
    at hand, occurs word for word in the paragraph it cites."""
    records = page.meta.get("positions")
    if page.type != "topic" or not isinstance(records, list):
        return
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict) or not isinstance(record.get("quote"), str):
            continue
        quote, cite = record["quote"], parse_cite(record.get("cite"))
        if cite is None or cite.source not in site.pages:
            continue  # reported by check_cite
        line = page.front_matter.line_of_value(quote[:30], after_key="positions")
        count = len(quote.split())
        if count > schema.MAX_QUOTE_WORDS and _licence(site, cite.source) != schema.PUBLIC_DOMAIN:
            yield _at(page, line, "KB405", f"the quotation of position {number} has {count} words, and "
                      f"'{cite.name}' is not in the public domain",
                      f"quote at most {schema.MAX_QUOTE_WORDS} words; paraphrase the rest in 'summary'")
        text = _texts(site).get(cite.source)
        if text is None or cite.paragraph is None or cite.paragraph not in text:
            continue
        if not quote_occurs(quote, text[cite.paragraph]):
            elsewhere = [n for n, paragraph in text.items() if quote_occurs(quote, paragraph)]
            hint = (f"it occurs in ¶{elsewhere[0]}: cite that paragraph" if elsewhere
                    else "copy the words exactly as the source has them, or paraphrase in 'summary'")
            yield _at(page, line, "KB113",
                      f"the quotation of position {number} does not occur in ¶{cite.paragraph} of '{cite.name}'", hint)


def run_finder(site: Site) -> RunFinder:
    """What finds copied runs: the texts at hand that are not in the public domain (made once)."""
    finder = site.derived.get("copied-runs")
    if not isinstance(finder, RunFinder):
        texts = [" ".join(paragraphs.values()) for uri, paragraphs in sorted(_texts(site).items())
                 if _licence(site, uri) != schema.PUBLIC_DOMAIN]
        finder = site.derived["copied-runs"] = RunFinder(texts, schema.MAX_COPIED_WORDS)
    return finder


def check_copied_text(page: Page, site: Site) -> Iterator[Problem]:
    """No page's running text shares more than `schema.MAX_COPIED_WORDS` consecutive words with a
    source that is not in the public domain (cite and summarise: never republish)."""
    if not site.source_texts or not page.scan.prose:
        return
    offset = run_finder(site).first_run(page.scan.prose)
    if offset is not None:
        line, col = page.position(offset)
        yield Problem(page.src_uri, line, col, "KB407",
                      f"more than {schema.MAX_COPIED_WORDS} words in a row copied from a source that is not in "
                      "the public domain", "summarise in your own words; quote a short phrase at most")


def check_uncited_sources(site: Site) -> Iterator[Problem]:
    """A source page that no page cites (a warning: it may be new, or a citation may be missing)."""
    cited = citations.citing_pages(site)
    for uri, page in site.pages.items():
        if page.type == "source" and not uri.endswith("/index.md") and not cited.get(uri):
            yield Problem(uri, 1, 1, "KB504", "no page cites this source",
                          "cite it where a page rests on it, or remove it")


def load_texts(folder: Path, site: Site) -> dict[str, dict[int, str]]:
    """Source src_uri -> paragraph number -> text, for each source page whose ``text:`` file is in
    `folder`, split into the paragraphs it declares."""
    found: dict[str, dict[int, str]] = {}
    for uri, page in sorted(site.pages.items()):
        name, numbers = page.meta.get("text"), parse_paragraphs(page.meta.get("paragraphs"))
        if page.type != "source" or not isinstance(name, str) or numbers is None:
            continue
        text = sourcetext.read(folder, name)
        if text is not None:
            found[uri] = sourcetext.split(text, numbers, str(page.meta.get("numbering") or "counted"))
    return found
