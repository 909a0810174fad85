"""JSON-LD: the schema.org description of each entity page, for its head."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import citations, schema, templates
from .exports import json_value
from .relations import RelationGraph
from .templates import Markup

if TYPE_CHECKING:
    from .site import Page

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
        if meta.get("country"):
            data["nationality"] = {"@type": "Country", "name": meta["country"]}
    elif page.type == "event":
        data["startDate"] = json_value(meta.get("date"))
        if meta.get("end"):
            data["endDate"] = json_value(meta["end"])
        if meta.get("location"):
            data["location"] = {"@type": "Place", "name": meta["location"]}
    elif page.type == "treaty":
        data["legislationDate"] = json_value(meta.get("signed"))
        data["legislationLegalForce"] = meta.get("treaty_status")
    elif page.type == "organization" and meta.get("founded"):
        data["foundingDate"] = json_value(meta["founded"])
    elif page.type == "place" and meta.get("country"):
        data["containedInPlace"] = {"@type": "Place", "name": meta["country"]}
    elif page.type == "source":
        data["author"] = {"@type": "Thing", "name": meta.get("author")}
        if meta.get("publisher"):
            data["publisher"] = {"@type": "Organization", "name": meta["publisher"]}
        data["genre"] = meta.get("kind")
        if meta.get("published") is not None:
            data["datePublished"] = json_value(meta["published"])
        if meta.get("url"):
            data["sameAs"] = meta["url"]
        if meta.get("identifier"):
            data["identifier"] = meta["identifier"]
        if meta.get("licence"):
            data["license"] = meta["licence"]
    # What the page rests on: the sources it cites (in its text or its front matter).
    cited = citations.cited_sources(page, page.site)
    if cited:
        data["citation"] = [{"@type": "CreativeWork", "@id": site_url.rstrip("/") + "/" + page_url(uri),
                             "name": page.site.pages[uri].title} for uri in cited]
        data["isBasedOn"] = [site_url.rstrip("/") + "/" + page_url(uri) for uri in cited]
    related = sorted({e.target for e in graph.outgoing.get(page.src_uri, [])})
    if related:
        data["relatedLink"] = [site_url.rstrip("/") + "/" + page_url(uri) for uri in related]
    return data


def json_ld(page: Page, site_url: str, graph: RelationGraph) -> Markup:
    """The page's JSON-LD element, for its head (`json_ld_data` through the escaping layer)."""
    return templates.html("json_ld.html", data=json_ld_data(page, site_url, graph))
