"""kb.citations: one answer to "what does this page cite?", for the citation rule, the timeline,
"Cited by", kb.json and JSON-LD alike (a small knowledge base: tests/cases/features/kb.yml)."""

import json

import pytest
import yaml

from helpers import CASES, write_tree
from kb import citations, exports, render, timeline
from kb.build import BuildContext
from kb.check import check_config

FIXTURE = yaml.safe_load((CASES / "features" / "kb.yml").read_text(encoding="utf-8"))

EVENT = """---
title: June meeting
description: A meeting of defence ministers.
date: 2011-06
---
# June meeting

The ministers met.{footnote}

[^a]: {citation}
"""


def site_with(tmp_path, citation: str):
    """The fixture knowledge base, its June meeting citing only `citation`."""
    files = dict(FIXTURE["files"])
    files["events/meeting.md"] = EVENT.format(footnote="[^a]", citation=citation)
    return write_tree(tmp_path, files)


def cited_everywhere(config):
    """What each consumer says the meeting page cites."""
    context = BuildContext.for_config(config)
    site, page = context.site, context.site.pages["events/meeting.md"]
    entry = next(e for e in timeline.entries(site) if e.src_uri == "events/meeting.md")
    kb = json.loads(exports.kb_json(site, context.graph))
    cites = next(e["cites"] for e in kb["entities"] if e["id"] == "events/meeting")
    cited_by = {n: uris for n, uris in citations.cited_by(site, "sources/ivanov-2011.md").items()
                if "events/meeting.md" in uris}
    rule = [p.code for p in context.problems if p.file == "events/meeting.md" and p.code == "KB401"]
    return {"rule": rule, "timeline": tuple(str(c) for c in entry.cites), "kb.json": cites,
            "cited by": sorted(cited_by),
            "model": citations.cited_paragraphs(page, site)}


def test_a_valid_citation_counts_in_every_consumer(tmp_path):
    found = cited_everywhere(site_with(tmp_path, "[¶2](../sources/ivanov-2011.md#p2)"))
    assert found == {"rule": [], "timeline": ("ivanov-2011#2",),
                     "kb.json": [{"source": "sources/ivanov-2011", "paragraph": 2}],
                     "cited by": [2], "model": [("sources/ivanov-2011.md", 2)]}


def test_a_url_that_contains_sources_cites_nothing(tmp_path):
    found = cited_everywhere(site_with(tmp_path, "[elsewhere](https://example.org/sources/x)"))
    assert found == {"rule": ["KB401"], "timeline": (), "kb.json": [], "cited by": [], "model": []}


def test_a_broken_path_to_a_paragraph_cites_nothing_anywhere(tmp_path):
    # ../notes/ does not exist: the build would not link it, so no consumer may count it.
    found = cited_everywhere(site_with(tmp_path, "[¶2](../notes/ivanov-2011.md#p2)"))
    assert found["timeline"] == () and found["kb.json"] == [] and found["cited by"] == [] and found["model"] == []
    assert found["rule"] == ["KB401"]


@pytest.mark.parametrize(("target", "paragraphs", "cites"), [
    ("../sources/ivanov-2011.md#p8", [("sources/ivanov-2011.md", 8)], True),
    ("../sources/ivanov-2011.md", [], True),  # the source as a whole: a citation, no paragraph
    ("../sources/ivanov-2011.md#p8x", [], True),
    ("../sources/../sources/ivanov-2011.md#p8", [("sources/ivanov-2011.md", 8)], True),  # resolved as MkDocs does
    ("../sources/ivanov%2D2011.md#p8", [("sources/ivanov-2011.md", 8)], True),  # percent-decoded as MkDocs does
    ("../people/rogozin.md#p8", [], False),  # a page that is not a source
    ("/sources/ivanov-2011.md#p8", [], False),  # absolute: not resolved against docs/
    ("https://example.org/sources/ivanov-2011.md#p8", [], False),
])
def test_which_links_are_citations(tmp_path, target, paragraphs, cites):
    config = site_with(tmp_path, f"[cited]({target})")
    site = check_config(config)[0]
    page = site.pages["events/meeting.md"]
    assert citations.cited_paragraphs(page, site) == paragraphs
    assert citations.cites_a_source(page, site) is cites


def test_a_reference_style_link_cites_through_its_definition(tmp_path):
    config = site_with(tmp_path, "[¶11][art]\n\n[art]: ../sources/ivanov-2011.md#p11")
    site = check_config(config)[0]
    assert citations.cited_paragraphs(site.pages["events/meeting.md"], site) == [("sources/ivanov-2011.md", 11)]


def test_cited_by_lists_pages_by_title_and_never_the_source_itself(tmp_path):
    config = site_with(tmp_path, "[¶8](../sources/ivanov-2011.md#p8)")
    site = check_config(config)[0]
    by = citations.cited_by(site, "sources/ivanov-2011.md")
    assert by[8] == sorted(by[8], key=lambda u: site.pages[u].title.casefold())
    assert "events/meeting.md" in by[8] and all(u != "sources/ivanov-2011.md" for n in by for u in by[n])
    html = render.cited_by_html(site, "sources/ivanov-2011.md")
    assert "June meeting" in str(html[8])
