"""JSON-LD: the schema.org description of each entity page, for its head."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import schema, templates
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
        data["nationality"] = {"@type": "Country", "name": meta.get("country")}
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
        data["author"] = {"@type": "Person", "name": meta.get("author")}
        data["publisher"] = {"@type": "Organization", "name": meta.get("publisher")}
        data["genre"] = meta.get("genre")
    if page.type != "source":
        source = site_url.rstrip("/") + "/" + page_url(schema.PRIMARY_SOURCE)
        data["subjectOf"] = {"@type": "CreativeWork", "@id": source}
    related = sorted({e.target for e in graph.outgoing.get(page.src_uri, [])})
    if related:
        data["relatedLink"] = [site_url.rstrip("/") + "/" + page_url(uri) for uri in related]
    return data


def json_ld(page: Page, site_url: str, graph: RelationGraph) -> Markup:
    """The page's JSON-LD element, for its head (`json_ld_data` through the escaping layer)."""
    return templates.html("json_ld.html", data=json_ld_data(page, site_url, graph))
