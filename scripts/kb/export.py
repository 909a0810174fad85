"""Machine-readable exports: ``kb.json`` (the whole knowledge base), JSON-LD for each entity page,
the graph data, alias redirects, and alias entries for the search index."""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from . import positions, render, schema, templates
from .relations import RelationGraph
from .templates import Markup

if TYPE_CHECKING:
    from .site import Page, Site

#: Version of the kb.json format (documented on docs/about/export.md).
KB_JSON_VERSION = 1

_STR, _INT = {"type": "string"}, {"type": "integer"}
_NULLABLE_STR, _NULLABLE_INT = {"type": ["string", "null"]}, {"type": ["integer", "null"]}

#: JSON Schema (2020-12) of kb.json; documented on the export page from this very object.
KB_JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Russia–NATO knowledge base export",
    "type": "object",
    "required": ["version", "entities", "relations", "positions"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": KB_JSON_VERSION, "description": "Format version."},
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
                "cites": {"type": "array", "description": "The source paragraphs the page cites.", "items": {
                    "type": "object", "required": ["source", "paragraph"], "additionalProperties": False,
                    "properties": {"source": _STR, "paragraph": _INT}}},
            }}},
        "relations": {"type": "array", "description": "Every typed relation.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["source", "relation", "target", "scope", "cite"],
            "properties": {
                "source": {**_STR, "description": "Entity id that declares the relation."},
                "relation": {"enum": sorted(schema.RELATIONS), "description": "Relation type."},
                "target": {**_STR, "description": "Entity id it points to."},
                "scope": {**_NULLABLE_STR, "description": "When it held, e.g. 2008–2011."},
                "cite": {**_NULLABLE_INT, "description": "The source paragraph that supports it."},
            }}},
        "positions": {"type": "array", "description": "Who argues what.", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["topic", "holder", "holder_text", "summary", "cite", "quote", "scope"],
            "properties": {
                "topic": {**_STR, "description": "Entity id of the topic."},
                "holder": {**_NULLABLE_STR, "description": "Entity id of the holder, if it has a page."},
                "holder_text": {**_NULLABLE_STR, "description": "The holder described, if it has no page."},
                "summary": {**_STR, "description": "The position, paraphrased."},
                "cite": {**_NULLABLE_INT, "description": "The source paragraph."},
                "quote": {**_NULLABLE_STR, "description": "A short exact quotation, if any."},
                "scope": {**_NULLABLE_STR, "description": "When it was held."},
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
                kind = spec.get("type") or ("one of " + ", ".join(f"`{v}`" for v in spec["enum"]) if "enum" in spec else "")
                kind = " or ".join(kind) if isinstance(kind, list) else kind
                out.append(f"| `{key}` | {kind} | {spec.get('description', '')} |")
        out.append("")
    return "\n".join(out)


#: Files the build writes at the top of the site besides the pages.
GENERATED_FILES = ("kb.json", "graph.json")


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def kb_json(site: Site, graph: RelationGraph) -> str:
    """The knowledge base as JSON: entities, relations, citations and positions (sorted, stable)."""
    entities = []
    for page in sorted(site.iter_pages(), key=lambda p: p.src_uri):
        if page.type not in schema.ENTITY_TYPES:
            continue
        spec = schema.PAGE_TYPES[str(page.type)]
        facts = {f.name: _json_value(page.meta[f.name]) for f in spec.fields if f.name in page.meta and f.kind is not schema.Kind.POSITIONS}
        entities.append({
            "id": page.src_uri[:-3],
            "type": page.type,
            "title": page.title,
            "summary": page.meta.get("description", ""),
            "aliases": [a for a in page.meta.get("aliases") or [] if isinstance(a, str)],
            "tags": [t for t in page.meta.get("tags") or [] if isinstance(t, str)],
            "url": site.url_of(page.src_uri),
            "facts": facts,
            "cites": [{"source": schema.PRIMARY_SOURCE[:-3], "paragraph": n} for n in _cited(page)],
        })
    relations = [
        {"source": e.source[:-3], "relation": e.relation, "target": e.target[:-3],
         "scope": e.scope or None, "cite": e.cite}
        for e in graph.edges
    ]
    held = [
        {"topic": p.topic[:-3], "holder": p.holder[:-3] if p.holder_uri else None,
         "holder_text": None if p.holder_uri else p.holder, "summary": p.summary, "cite": p.cite,
         "quote": p.quote or None, "scope": p.scope or None}
        for p in positions.positions(site)
    ]
    data = {"version": KB_JSON_VERSION, "entities": entities, "relations": relations, "positions": held}
    return templates.json_text(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _cited(page: Page) -> list[int]:
    from .timeline import cited_paragraphs

    return list(cited_paragraphs(page))


def graph_json(site: Site, graph: RelationGraph) -> str:
    """Nodes (entities, by type) and labelled edges, for the graph page."""
    nodes = [
        {"id": p.src_uri[:-3], "label": p.title, "type": p.type, "url": site.url_of(p.src_uri)}
        for p in sorted(site.iter_pages(), key=lambda p: p.src_uri)
        if p.type in schema.ENTITY_TYPES
    ]
    edges = [{"source": e.source[:-3], "target": e.target[:-3], "label": e.spec.label} for e in graph.edges]
    return templates.json_text({"nodes": nodes, "edges": edges}, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- JSON-LD ----------------------------------------------------------------------------------


def json_ld_data(page: Page, site_url: str, graph: RelationGraph) -> dict[str, Any]:
    """The schema.org description of an entity page (`json_ld` puts it in a ``<script>``)."""
    spec = schema.PAGE_TYPES[str(page.type)]
    page_url = page.site.url_of
    url = site_url.rstrip("/") + "/" + page_url(page.src_uri)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": spec.schema_org,
        "@id": url,
        "name": page.title,
        "url": url,
        "description": page.meta.get("description", ""),
    }
    aliases = [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]
    if aliases:
        data["alternateName"] = aliases
    meta = page.meta
    if page.type == "person":
        data["jobTitle"] = f"{meta.get('role')} ({meta.get('as_of')})"
        data["nationality"] = {"@type": "Country", "name": meta.get("country")}
    elif page.type == "event":
        data["startDate"] = _json_value(meta.get("date"))
        if meta.get("end"):
            data["endDate"] = _json_value(meta["end"])
        if meta.get("location"):
            data["location"] = {"@type": "Place", "name": meta["location"]}
    elif page.type == "treaty":
        data["legislationDate"] = _json_value(meta.get("signed"))
        data["legislationLegalForce"] = meta.get("treaty_status")
    elif page.type == "organization" and meta.get("founded"):
        data["foundingDate"] = _json_value(meta["founded"])
    elif page.type == "place" and meta.get("country"):
        data["containedInPlace"] = {"@type": "Place", "name": meta["country"]}
    elif page.type == "source":
        data["author"] = {"@type": "Person", "name": meta.get("author")}
        data["publisher"] = {"@type": "Organization", "name": meta.get("publisher")}
        data["genre"] = meta.get("genre")
    if page.type != "source":
        data["subjectOf"] = {"@type": "CreativeWork", "@id": site_url.rstrip("/") + "/" + page_url(schema.PRIMARY_SOURCE)}
    related = sorted({e.target for e in graph.outgoing.get(page.src_uri, [])})
    if related:
        data["relatedLink"] = [site_url.rstrip("/") + "/" + page_url(uri) for uri in related]
    return data


def json_ld(page: Page, site_url: str, graph: RelationGraph) -> Markup:
    """The page's JSON-LD element, for its head (`json_ld_data` through the escaping layer)."""
    return templates.html("json_ld.html", data=json_ld_data(page, site_url, graph))


# --- Aliases: redirects and search -----------------------------------------------------------


def slug(text: str) -> str:
    """A URL slug for an alias.

    >>> slug("Dmitry Olegovich Rogozin"), slug("CFE Treaty"), slug("NATO–Russia Council")
    ('dmitry-olegovich-rogozin', 'cfe-treaty', 'nato-russia-council')
    """
    import unicodedata

    text = re.sub(r"[^\w]+", " ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def alias_redirects(site: Site) -> dict[str, str]:
    """Alternative URL -> canonical page URL: one per alias (``people/rogozin/``) and one per
    old path in ``redirect_from``. A URL that is already a page, or that two pages claim, gets none.
    """
    claims: dict[str, set[str]] = {}
    for page in site.iter_pages():
        if page.type not in schema.ENTITY_TYPES:
            continue
        folder = posixpath.dirname(page.src_uri)
        for alias in [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]:
            name = slug(alias)
            if name:
                claims.setdefault(f"{folder}/{name}/", set()).add(site.url_of(page.src_uri))
        for old in [o for o in page.meta.get("redirect_from") or [] if isinstance(o, str) and o.endswith(".md")]:
            claims.setdefault(site.url_of(old), set()).add(site.url_of(page.src_uri))
    return {url: next(iter(targets)) for url, targets in sorted(claims.items())
            if len(targets) == 1 and site.url_occupant(url) is None}


def redirect_html(from_url: str, to_url: str) -> str:
    """A static redirect page (no script: it works under a strict Content-Security-Policy)."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_url.rstrip("/") or ".", base.rstrip("/") or ".") + ("/" if to_url.endswith("/") else "")
    return str(templates.html("redirect.html", url=quote(rel, safe="/._-~"))) + "\n"


#: The search field that holds an entity's names (declared in mkdocs.yml under search: fields).
NAMES_FIELD = "names"


class SearchFields(NamedTuple):
    """What an entity page's lead entry in the search index gets."""

    names: str
    """The words of its title and aliases, each once (the `names` field)."""
    lead: str
    """Text put before the entry's own: the infobox's (placed after indexing) or the aliases."""
    boost: float


def search_fields(page: Page, separator: str | None, linked: dict[str, set[str]] | None = None,
                  infobox: str | None = None) -> SearchFields:
    """The search fields of an entity page (see `search_index_with_aliases`)."""
    import math

    split = re.compile(separator or r"[\s\-]+").split
    words: dict[str, None] = {}
    aliases = [a for a in page.meta.get("aliases") or [] if isinstance(a, str)]
    # The theme shows the index's text as HTML: everything from front matter stays escaped.
    if infobox is not None:
        lead = render.infobox_text(infobox) + " "
    else:
        lead = "Also known as: " + "; ".join(templates.text(a) for a in aliases) + ". " if aliases else ""
    for name in [page.title, *aliases]:
        for word in split(name.casefold()):
            if word:
                words.setdefault(templates.text(word), None)
    count = len((linked or {}).get(page.src_uri, ()))
    return SearchFields(" ".join(words), lead, round(1 + math.log1p(count), 3))


def apply_search_fields(entry: dict[str, Any], fields: SearchFields) -> None:
    """Give a page's lead entry its names, the text before its own, and its boost."""
    entry[NAMES_FIELD] = fields.names
    entry["text"] = fields.lead + entry.get("text", "")
    entry["boost"] = entry.get("boost", 1) * fields.boost


def search_index_with_aliases(index_json: str, site: Site, linked: dict[str, set[str]] | None = None,
                              infoboxes: dict[str, str] | None = None) -> str:
    """Material's search index with each entity's names made searchable and weighed.

    The first entry of an entity page (its lead) gets a `names` field, searched with the highest
    boost, holding the words of its title and aliases, each once: a search for a name ("CFE",
    "Rogozin") finds the pages that bear it, however often other words repeat. Among those, a
    boost that grows with the number of pages linking to a page puts the one the knowledge base
    refers to most first (importance, as Wikipedia's search weighs it). The infobox (facts,
    other names, relations), placed after indexing, is indexed with the lead.
    """
    data = json.loads(index_json)
    separator = data.get("config", {}).get("separator")
    fields: dict[str, SearchFields] = {}
    for page in site.iter_pages():
        if page.type in schema.ENTITY_TYPES:
            box = None if infoboxes is None else infoboxes.get(page.src_uri, "")
            fields[site.url_of(page.src_uri)] = search_fields(page, separator, linked, box)
    for entry in data.get("docs", []):
        found = fields.get(entry.get("location"))
        if found is not None:
            apply_search_fields(entry, found)
    return templates.json_text(data, separators=(",", ":"), ensure_ascii=False)
