"""Front-matter rules: each page's front matter against the content schema (`kb.schema`)."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from . import schema, sourcetext
from .problems import Problem
from .schema import Kind
from .site import Page, Site
from .suggest import nearest_path, nearest_word

_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")

PRIMARY_SOURCE = schema.PRIMARY_SOURCE


def _a(noun: str) -> str:
    """The noun with its indefinite article ("an event", "a person")."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _at(page: Page, line: int, code: str, message: str, hint: str = "", col: int = 1) -> Problem:
    return Problem(page.src_uri, line, col, code, message, hint)


def check_file_basics(page: Page, site: Site) -> Iterator[Problem]:
    """Empty files, broken front matter, and pages outside every type folder."""
    if page.empty:
        yield _at(page, 1, "KB002", "file is empty", "copy a template from templates/ or run 'make new'")
        return
    if page.front_matter.error:
        code, line, col, message, hint = page.front_matter.error
        yield _at(page, line, code, message, hint, col)
    if page.type is None:
        folders = ", ".join(sorted(f + "/" for f in schema.FOLDER_TYPES))
        yield _at(page, 1, "KB004", f"'{page.src_uri}' is not in a type folder, so it has no page type",
                  f"move it into one of {folders}, or into about/ for a plain page")


def check_type_key(page: Page, site: Site) -> Iterator[Problem]:
    """The type comes from the folder; a ``type:`` key could disagree with it."""
    if "type" in page.meta:
        expected = page.type or "none"
        yield _at(page, page.front_matter.line_of("type"), "KB107",
                  f"'type: {page.meta['type']}' is set, but a page's type comes from its folder (here: {expected})",
                  "delete the 'type:' line; move the file to change its type")


def check_fields(page: Page, site: Site) -> Iterator[Problem]:
    """Required fields present, no unknown fields, every value of the right kind."""
    if page.type is None or page.front_matter.error or page.empty:
        return
    fields = schema.fields_for(page.type)
    fm = page.front_matter
    for name, spec in fields.items():
        if spec.required and page.meta.get(name) in (None, "", []):
            yield _at(page, fm.first_line - 1 if not fm.text else fm.first_line, "KB104",
                      f"required field '{name}' is missing for {_a(str(page.type))} page",
                      f"add '{name}: …' ({spec.doc})")
    for name, value in page.meta.items():
        if name == "type":
            continue
        spec = fields.get(name)
        if spec is None:
            near = nearest_word(str(name), fields)
            hint = f"did you mean '{near}'?" if near else f"allowed: {', '.join(fields)}"
            yield _at(page, fm.line_of(name), "KB105", f"unknown field '{name}' for {_a(str(page.type))} page", hint)
            continue
        error = kind_error(spec.kind, value)
        if error:
            yield _at(page, fm.line_of(name), "KB106", f"field '{name}' {error}", _kind_hint(spec))


def check_tags(page: Page, site: Site) -> Iterator[Problem]:
    """Tags come from the vocabulary in the schema, so the tags index stays small and useful."""
    tags = page.meta.get("tags")
    if not isinstance(tags, list):
        return
    for tag in tags:
        if isinstance(tag, str) and tag not in schema.TAG_VOCABULARY:
            near = nearest_word(tag, schema.TAG_VOCABULARY)
            hint = f"did you mean '{near}'?" if near else f"allowed: {', '.join(sorted(schema.TAG_VOCABULARY))}"
            yield _at(page, page.front_matter.line_of_value(tag, after_key="tags"), "KB114",
                      f"tag '{tag}' is not in the vocabulary", hint + " (the vocabulary is TAG_VOCABULARY in scripts/kb/schema.py)")


def kind_error(kind: Kind, value: Any) -> str | None:
    """Why `value` is not of `kind`, or None if it is."""
    if kind is Kind.TEXT:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None
        if not isinstance(value, str):
            return f"must be text, not a {_kind_name(value)}"
        if "\n" in value.strip():
            return "must be on one line"
        return None
    if kind is Kind.SENTENCE:
        if not isinstance(value, str):
            return f"must be a sentence, not a {_kind_name(value)}"
        text = value.strip()
        if not text.endswith((".", "?", "!")):
            return "must be one sentence ending with a full stop"
        if len(text) > 300:
            return f"is {len(text)} characters; keep it to one sentence of at most 300"
        return None
    if kind in (Kind.TEXT_LIST, Kind.NAMES):
        if not isinstance(value, list):
            return f"must be a list, not a {_kind_name(value)}"
        for item in value:
            if not isinstance(item, str) or not item.strip():
                return "must list non-empty text items"
        return None
    if kind is Kind.DATE:
        if isinstance(value, datetime.date):
            return None
        if isinstance(value, int) and 1000 <= value <= 2999:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            return None
        return f"must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {value!r}"
    if kind is Kind.POSITIONS:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return "must be a list of records (each with holder, summary, cite)"
        return None
    if kind in (Kind.MAPPING, Kind.RELATIONS):
        if not isinstance(value, dict):
            return f"must be a mapping, not a {_kind_name(value)}"
        return None
    raise AssertionError(kind)  # pragma: no cover - every kind is handled above


def _kind_name(value: Any) -> str:
    return {list: "list", dict: "mapping", str: "text", bool: "yes/no value", int: "number",
            float: "number", datetime.date: "date"}.get(type(value), type(value).__name__)


def _kind_hint(spec: schema.Field) -> str:
    example = spec.example
    if isinstance(example, list):
        return f"write it as a list, e.g. {spec.name}: [{', '.join(map(str, example))}]"
    return f"e.g. {spec.name}: {example}" if example is not None else f"expected {spec.kind.value}"


def check_relations(page: Page, site: Site) -> Iterator[Problem]:
    """Relations use known types, point to existing pages of the right type, cite real ¶s."""
    relations = page.meta.get("relations")
    if not isinstance(relations, dict) or page.type not in schema.ENTITY_TYPES:
        return
    fm = page.front_matter
    for name, entries in relations.items():
        relation = schema.RELATIONS.get(str(name))
        line = fm.line_of("relations", str(name)) if relation is None or page.type not in relation.domain else 0
        if relation is None:
            near = nearest_word(str(name), schema.RELATIONS)
            yield _at(page, line, "KB108", f"unknown relation type '{name}'",
                      f"did you mean '{near}'?" if near else f"allowed: {', '.join(schema.RELATIONS)}")
            continue
        if page.type not in relation.domain:
            yield _at(page, line, "KB110", f"{_a(str(page.type)).capitalize()} page cannot declare '{name}'",
                      f"'{name}' is for {', '.join(sorted(relation.domain))} pages")
            continue
        if not isinstance(entries, list):
            entries = [entries]
        for entry in entries:
            yield from _check_relation_entry(page, site, relation, entry, line)


def _check_relation_entry(page: Page, site: Site, relation: schema.Relation, entry: Any, line: int) -> Iterator[Problem]:
    fm = page.front_matter
    if isinstance(entry, str):
        entry = {"target": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("target"), str):
        yield _at(page, line or fm.line_of("relations", relation.name), "KB106",
                  f"each '{relation.name}' entry must be a page path or a mapping with 'target'",
                  "e.g. '- target: organisations/nato.md'")
        return
    target_uri = entry["target"]

    def entry_line() -> int:  # only looked up when there is something to report
        return fm.line_of_value(target_uri, after_key=relation.name)

    for key in entry:
        if key not in schema.RELATION_KEYS:
            yield _at(page, entry_line(), "KB105", f"unknown key '{key}' in a relation", f"allowed: {', '.join(schema.RELATION_KEYS)}")
    target = site.pages.get(target_uri)
    if target is None:
        near = [u for u in site.pages if schema.type_of(u) in relation.range]
        guess = nearest_path(target_uri, near)
        yield _at(page, entry_line(), "KB109", f"'{relation.name}' target '{target_uri}' does not exist",
                  f"did you mean '{guess}'? (targets are paths relative to docs/)" if guess else "targets are paths relative to docs/")
    elif target.type not in relation.range:
        yield _at(page, entry_line(), "KB110",
                  f"'{relation.name}' must point to {_a(' or '.join(sorted(relation.range)))} page, but '{target_uri}' is {_a(str(target.type))}",
                  "pick another relation type or target")
    if "cite" in entry:
        cite = entry["cite"]
        source = site.pages.get(PRIMARY_SOURCE)
        if not isinstance(cite, int) or isinstance(cite, bool) or (source is not None and f"p{cite}" not in source.ids):
            yield from _check_cite(page, site, cite, entry_line())


def _check_cite(page: Page, site: Site, cite: Any, line: int) -> Iterator[Problem]:
    source = site.pages.get(PRIMARY_SOURCE)
    if not isinstance(cite, int) or isinstance(cite, bool):
        yield _at(page, line, "KB106", f"'cite' must be a paragraph number of the source, not {cite!r}", "e.g. cite: 8")
    elif source is not None and f"p{cite}" not in source.ids:
        yield _at(page, line, "KB111", f"cites ¶{cite}, but '{PRIMARY_SOURCE}' has no paragraph {cite}",
                  "paragraphs are numbered as in the source's README")


def check_cites_source(page: Page, site: Site) -> Iterator[Problem]:
    """Every entity page (other than a source) links to a source page at least once."""
    if page.type not in schema.ENTITY_TYPES or page.type == "source" or page.front_matter.error:
        return
    for link in page.links:
        if "sources/" in link.target:
            return
    yield _at(page, 1, "KB401", "entity page does not cite the source article",
              f"add a footnote citing a paragraph, e.g. [^p8]: Ivanov (2011), [¶8](../{PRIMARY_SOURCE}#p8).")


def check_unique_names(site: Site) -> Iterator[Problem]:
    """No two pages share a title, an alias, or a slug (file name) within entity folders."""
    owners: dict[str, list[tuple[Page, str, str]]] = defaultdict(list)
    for page in site.iter_pages():
        if page.type not in schema.ENTITY_TYPES:
            continue
        if page.title:
            owners[page.title.casefold()].append((page, "title", page.title))
        aliases = page.meta.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias.casefold() != page.title.casefold():
                owners[alias.casefold()].append((page, "alias", alias))
        slug = page.src_uri.rpartition("/")[2][:-3]
        owners["slug:" + slug].append((page, "slug", slug))
    for claims in owners.values():
        if len(claims) < 2:
            continue
        pages = {c[0].src_uri for c in claims}
        if len(pages) < 2:
            continue
        for page, what, name in claims:
            others = sorted(u for u in pages if u != page.src_uri)
            line = page.front_matter.line_of_value(name) if what != "slug" else 1
            yield _at(page, line, "KB112", f"{what} '{name}' is also used by {', '.join(others)}",
                      "names must lead to one page: rename one, or drop the alias")


def check_positions(page: Page, site: Site) -> Iterator[Problem]:
    """Position records: required keys, an existing holder page, a real ¶, a short quote."""
    positions = page.meta.get("positions")
    if not isinstance(positions, list):
        return
    fm = page.front_matter
    line = fm.line_of("positions")
    for number, record in enumerate(positions, 1):
        if not isinstance(record, dict):
            continue
        holder = record.get("holder")
        at = fm.line_of_value(str(holder), after_key="positions") if holder else line
        for key, (required, doc) in schema.POSITION_KEYS.items():
            if required and record.get(key) in (None, ""):
                yield _at(page, at, "KB104", f"position {number} has no '{key}'", doc)
        for key in record:
            if key not in schema.POSITION_KEYS:
                yield _at(page, at, "KB105", f"unknown key '{key}' in position {number}",
                          f"allowed: {', '.join(schema.POSITION_KEYS)}")
        if isinstance(holder, str) and holder.endswith(".md") and holder not in site.pages:
            guess = nearest_path(holder, site.pages)
            yield _at(page, at, "KB109", f"position holder '{holder}' does not exist",
                      f"did you mean '{guess}'?" if guess else "holders are paths relative to docs/, or plain text")
        if "cite" in record:
            yield from _check_cite(page, site, record["cite"], at)
        quote = record.get("quote")
        if isinstance(quote, str) and len(quote.split()) > schema.MAX_QUOTE_WORDS:
            yield _at(page, at, "KB106", f"the quotation of position {number} has {len(quote.split())} words",
                      f"quote at most {schema.MAX_QUOTE_WORDS} words; paraphrase the rest in 'summary'")


def check_quotations(page: Page, site: Site) -> Iterator[Problem]:
    """Each position's quotation occurs word for word in the source paragraph it cites.

    Runs only when the source text is at hand (`Site.source_paragraphs`); it cannot ship with
    the site, being copyrighted.
    """
    paragraphs = site.source_paragraphs
    positions = page.meta.get("positions")
    if paragraphs is None or not isinstance(positions, list):
        return
    for number, record in enumerate(positions, 1):
        if not isinstance(record, dict):
            continue
        quote, cite = record.get("quote"), record.get("cite")
        if not isinstance(quote, str) or not isinstance(cite, int) or cite not in paragraphs:
            continue
        if not sourcetext.quote_occurs(quote, paragraphs[cite]):
            line = page.front_matter.line_of_value(quote[:30], after_key="positions")
            elsewhere = [n for n, text in paragraphs.items() if sourcetext.quote_occurs(quote, text)]
            hint = (f"it occurs in ¶{elsewhere[0]}: cite that paragraph" if elsewhere
                    else "copy the words exactly as the article has them, or paraphrase in 'summary'")
            yield _at(page, line, "KB113", f"the quotation of position {number} does not occur in ¶{cite}", hint)
