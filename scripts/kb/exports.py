"""The data files: ``kb.json`` (the whole knowledge base, with its JSON Schema, documented from
the schema itself) and ``graph.json`` (the graph page's nodes and edges)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from . import citations, positions, schema, templates, timeline
from .relations import RelationGraph
from .sourceref import Cite, parse_paragraphs

if TYPE_CHECKING:
    from .site import Page, Site

#: Version of the kb.json format (documented on docs/about/export.md).
KB_JSON_VERSION = 2

_STR, _INT = {"type": "string"}, {"type": "integer"}
_NULLABLE_STR, _NULLABLE_INT = {"type": ["string", "null"]}, {"type": ["integer", "null"]}
_CITE_PROPERTIES = {"source": {**_STR, "description": "Source id, e.g. sources/ivanov-2011."},
                    "paragraph": {**_NULLABLE_INT, "description": "The paragraph (null: the whole source)."}}
#: A citation: a source and a paragraph of it.
_CITE = {"type": "object", "required": ["source", "paragraph"], "additionalProperties": False,
         "properties": _CITE_PROPERTIES}
_NULLABLE_CITE = {**_CITE, "type": ["object", "null"]}

#: JSON Schema (2020-12) of kb.json; documented on the export page from this very object.
KB_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Russia–NATO knowledge base export",
    "type": "object",
    "required": ["version", "sources", "entities", "relations", "positions", "timeline"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": KB_JSON_VERSION, "description": "Format version."},
        "sources": {"type": "array", "description": "Every source: the documents the knowledge base rests on.",
                    "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "author", "publisher", "published", "kind", "url", "identifier", "licence",
                         "paragraphs", "complete", "numbering"],
            "properties": {
                "id": {**_STR, "description": "The source page's path without .md, e.g. sources/ivanov-2011."},
                "title": {**_STR, "description": "The document's title."},
                "author": {**_STR, "description": "Who wrote or issued it."},
                "publisher": {**_NULLABLE_STR, "description": "Who published it, if not the author."},
                "published": {**_NULLABLE_STR, "description": "When: an ISO date where known, else as written."},
                "kind": {**_STR, "description": "What kind of document it is (speech, declaration…)."},
                "url": {**_NULLABLE_STR, "description": "Its official address."},
                "identifier": {**_NULLABLE_STR, "description": "Its official identifier."},
                "licence": {**_STR, "description": "All rights reserved, public domain, or a named licence."},
                "paragraphs": {"type": ["array", "null"], "items": _INT,
                               "description": "The paragraphs retrieved and digested (null: no text)."},
                "complete": {"type": ["boolean", "null"], "description": "Whether those are the whole document."},
                "numbering": {**_NULLABLE_STR, "description": "official, or counted by the knowledge base."},
            }}},
        "entities": {"type": "array", "description": "Every entity page.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "type", "title", "summary", "aliases", "tags", "url", "facts", "cites"],
            "properties": {
                "id": {**_STR, "description": "The page's path without .md, e.g. people/dmitry-rogozin."},
                "type": {"enum": sorted(schema.PAGE_TYPES), "description": "The page type."},
                "title": {**_STR, "description": "The page's title."},
                "summary": {**_STR, "description": "The one-sentence description."},
                "aliases": {"type": "array", "items": _STR, "description": "Other names."},
                "tags": {"type": "array", "items": _STR, "description": "Themes."},
                "url": {**_STR, "description": "The page's URL, relative to the site root."},
                "facts": {"type": "object", "description": "The type's front-matter fields (dates as ISO strings)."},
                "cites": {"type": "array", "description": "The source paragraphs the page rests on.",
                          "items": _CITE},
            }}},
        "relations": {"type": "array", "description": "Every typed relation.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["source", "relation", "target", "scope", "cite"],
            "properties": {
                "source": {**_STR, "description": "Entity id that declares the relation."},
                "relation": {"enum": sorted(schema.RELATIONS), "description": "Relation type."},
                "target": {**_STR, "description": "Entity id it points to."},
                "scope": {**_NULLABLE_STR, "description": "When it held, e.g. 2008–2011."},
                "cite": {**_NULLABLE_CITE, "description": "The source (and paragraph) that supports it."},
            }}},
        "positions": {"type": "array", "description": "Who argues what.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["topic", "holder", "holder_text", "summary", "cite", "quote", "scope"],
            "properties": {
                "topic": {**_STR, "description": "Entity id of the topic."},
                "holder": {**_NULLABLE_STR, "description": "Entity id of the holder, if it has a page."},
                "holder_text": {**_NULLABLE_STR, "description": "The holder described, if it has no page."},
                "summary": {**_STR, "description": "The position, paraphrased."},
                "cite": {**_NULLABLE_CITE, "description": "The source (and paragraph) it rests on."},
                "quote": {**_NULLABLE_STR, "description": "A short exact quotation, if any."},
                "scope": {**_NULLABLE_STR, "description": "When it was held."},
            }}},
        "timeline": {"type": "array", "description": "Every dated entry, in date order.", "items": {
            "type": "object", "additionalProperties": False, "required": ["date", "text", "page", "cites"],
            "properties": {
                "date": {**_STR, "description": "YYYY-MM-DD, unknown parts as 00 (so it sorts)."},
                "text": {**_STR, "description": "What happened."},
                "page": {**_STR, "description": "Entity id of the page it comes from."},
                "cites": {"type": "array", "items": _CITE, "description": "The source paragraphs it rests on."},
            }}},
    },
}


def schema_markdown() -> str:
    """kb.json's structure as Markdown tables, generated from `KB_JSON_SCHEMA`."""
    out = []
    for name, part in KB_JSON_SCHEMA["properties"].items():
        out += [f"### `{name}`", "", part.get("description", "")]
        items = part.get("items")
        if items:
            out += ["", "Each item has:", "", "| Key | Type | Meaning |", "| --- | --- | --- |"]
            for key, spec in items["properties"].items():
                listed = "one of " + ", ".join(f"`{v}`" for v in spec["enum"]) if "enum" in spec else ""
                kind = spec.get("type") or listed
                kind = " or ".join(kind) if isinstance(kind, list) else kind
                out.append(f"| `{key}` | {kind} | {spec.get('description', '')} |")
        out.append("")
    return "\n".join(out)


def json_value(value: Any) -> Any:
    """A front-matter value as JSON data (dates as ISO strings)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def cite_json(cite: Cite | None) -> dict[str, Any] | None:
    """A citation as kb.json writes it."""
    return None if cite is None else {"source": cite.source[:-3], "paragraph": cite.paragraph}


def source_json(page: Page) -> dict[str, Any]:
    """A source's record as kb.json writes it."""
    meta = page.meta

    def text(name: str) -> str | None:
        value = meta.get(name)
        return None if value is None else str(json_value(value))

    complete = meta.get("complete")
    return {"id": page.src_uri[:-3], "title": page.title, "author": str(meta.get("author", "")),
            "publisher": text("publisher"), "published": text("published"), "kind": str(meta.get("kind", "")),
            "url": text("url"), "identifier": text("identifier"), "licence": str(meta.get("licence", "")),
            "paragraphs": parse_paragraphs(meta.get("paragraphs")), "complete": complete
            if isinstance(complete, bool) else None, "numbering": text("numbering")}


def kb_json(site: Site, graph: RelationGraph) -> str:
    """The knowledge base as JSON: entities, relations, citations and positions (sorted, stable)."""
    entities = []
    for page in sorted(site.iter_pages(), key=lambda p: p.src_uri):
        if not page.is_entity:
            continue
        spec = schema.PAGE_TYPES[str(page.type)]
        facts = {f.name: json_value(page.meta[f.name]) for f in spec.fields
                 if f.name in page.meta and f.kind is not schema.Kind.POSITIONS}
        entities.append({
            "id": page.src_uri[:-3],
            "type": page.type,
            "title": page.title,
            "summary": page.meta.get("description", ""),
            "aliases": [a for a in page.meta.get("aliases") or [] if isinstance(a, str)],
            "tags": [t for t in page.meta.get("tags") or [] if isinstance(t, str)],
            "url": site.url_of(page.src_uri),
            "facts": facts,
            "cites": [cite_json(c) for c in citations.cited_paragraphs(page, site)],
        })
    sources = [source_json(page) for page in sorted(site.iter_pages(), key=lambda p: p.src_uri)
               if page.type == "source"]
    relations = [
        {"source": e.source[:-3], "relation": e.relation, "target": e.target[:-3],
         "scope": e.scope or None, "cite": cite_json(e.cite)}
        for e in graph.edges
    ]
    held = [
        {"topic": p.topic[:-3], "holder": p.holder[:-3] if p.holder_uri else None,
         "holder_text": None if p.holder_uri else p.holder, "summary": p.summary, "cite": cite_json(p.cite),
         "quote": p.quote or None, "scope": p.scope or None}
        for p in positions.positions(site)
    ]
    dated = [{"date": e.sort_key, "text": e.text, "page": e.src_uri[:-3], "cites": [cite_json(c) for c in e.cites]}
             for e in timeline.entries(site)]
    data = {"version": KB_JSON_VERSION, "sources": sources, "entities": entities, "relations": relations,
            "positions": held, "timeline": dated}
    return templates.json_text(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def graph_json(site: Site, graph: RelationGraph) -> str:
    """Nodes (entities, by type) and labelled edges, for the graph page."""
    nodes = [
        {"id": p.src_uri[:-3], "label": p.title, "type": p.type, "url": site.url_of(p.src_uri)}
        for p in sorted(site.iter_pages(), key=lambda p: p.src_uri)
        if p.is_entity
    ]
    edges = [{"source": e.source[:-3], "target": e.target[:-3], "label": e.spec.label} for e in graph.edges]
    return templates.json_text({"nodes": nodes, "edges": edges}, ensure_ascii=False, separators=(",", ":")) + "\n"
