"""kb.sources: citations of sources and paragraphs, source pages' digests, quotations and copied
runs checked against the texts at hand (golden cases: tests/cases/sources/)."""

import pytest

from helpers import load_cases, run_case, write_tree
from kb.check import check_config

ARTICLE = "\n".join([
    'Title line',
    'Source: a credit',
    ('The first paragraph says that the alliance and Russia should build one shield together, since both '
     'face the same missiles from the south and neither can afford to build alone in a time of budget cuts '
     'and doubt.'),
    'The second paragraph names the "two key arrangement" as the proposal.',
    'The third paragraph ends it.',
    'All rights reserved by Someone.',
    '',
])

STATEMENT = """title: A statement
issuer: A council
---

A statement
Lisbon, 20 November 2010

1. We met today and agreed on a short list of things.

2. We will cooperate on missile defence.

- a bullet of paragraph two

[END OF RETRIEVED TEXT. The rest was not retrieved.]
"""

SOURCE = """---
title: The article
description: A commentary.
author: A. Writer
published: "2011"
kind: commentary
licence: {licence}
paragraphs: "1-3"
complete: true
numbering: counted
text: article.txt
---
# The article
## ¶1 {{#p1}}
## ¶2 {{#p2}}
## ¶3 {{#p3}}
"""

DECLARATION = """---
title: The declaration
description: A declaration.
author: A council
published: 2010-11-20
kind: declaration
licence: all rights reserved
paragraphs: "1, 2"
complete: false
numbering: official
text: statement.txt
---
# The declaration
## ¶1 {#p1}
## ¶2 {#p2}
"""


@pytest.mark.parametrize("case", load_cases("sources"))
def test_golden(case, make_site):
    run_case(case, make_site)


def topic(*positions: tuple[str, str], text: str = "") -> str:
    records = "".join(f"  - holder: Someone\n    summary: Says.\n    cite: {cite}\n    quote: {quote!r}\n"
                      for cite, quote in positions)
    listed = "\n" + records if records else " []\n"
    return (f"---\ntitle: Topic\ndescription: A topic.\npositions:{listed}---\n"
            f"{text}Cited.[^a] [d](../sources/declaration.md#p1)\n\n[^a]: [¶1](../sources/article.md#p1)\n")


def check(tmp_path, page: str, licence: str = "all rights reserved"):
    texts = tmp_path / "texts"
    texts.mkdir(parents=True)
    (texts / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (texts / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    config = write_tree(tmp_path / "site", {"sources/article.md": SOURCE.format(licence=licence),
                                            "sources/declaration.md": DECLARATION, "topics/t.md": page})
    site, problems = check_config(config, source_dir=texts)
    return site, [p.format(with_hint=False) for p in problems if not p.code.startswith("KB5")]


def test_the_texts_at_hand_are_split_as_their_pages_declare(tmp_path):
    site, problems = check(tmp_path, topic())
    assert problems == []
    second = 'The second paragraph names the "two key arrangement" as the proposal.'
    assert site.source_texts["sources/article.md"][2] == second
    assert site.source_texts["sources/declaration.md"] == {
        1: "1. We met today and agreed on a short list of things.",
        2: "2. We will cooperate on missile defence. - a bullet of paragraph two",
    }


def test_a_quotation_is_found_in_the_paragraph_it_cites_in_any_source(tmp_path):
    page = topic(("article#2", "“two key arrangement”"), ("declaration#2", "cooperate on missile defence"),
                 ("declaration#2", "a short list of things"), ("article#3", "names the"))
    _, problems = check(tmp_path, page)
    assert problems == [
        "topics/t.md:16:1: KB113 the quotation of position 3 does not occur in ¶2 of 'declaration'",
        "topics/t.md:20:1: KB113 the quotation of position 4 does not occur in ¶3 of 'article'",
    ]


def test_a_long_quotation_needs_a_public_domain_source(tmp_path):
    quote = ("The first paragraph says that the alliance and Russia should build one shield together, since both "
             "face the same missiles from the south and neither can")
    assert len(quote.split()) == 26
    _, problems = check(tmp_path, topic(("article#1", quote)))
    assert problems == ["topics/t.md:8:1: KB405 the quotation of position 1 has 26 words, and 'article' is not in "
                        "the public domain"]
    _, problems = check(tmp_path / "pd", topic(("article#1", quote)), licence="public domain")
    assert problems == []


def test_a_page_that_copies_more_than_30_words_in_a_row(tmp_path):
    copied = ("As the article put it, the alliance and Russia should build one shield together, since both face "
              "the same missiles from the south and neither can afford to build alone in a time of budget cuts.\n\n")
    _, problems = check(tmp_path, topic(text=copied))
    assert problems == ["topics/t.md:6:24: KB407 more than 30 words in a row copied from a source that is not in "
                        "the public domain"]
    thirty = "the alliance and Russia should build one shield together, since both face the same missiles from " \
             "the south and neither can afford to build alone in a time of budget\n\n"
    assert len(thirty.split()) == 30
    _, problems = check(tmp_path / "thirty", topic(text=thirty))
    assert problems == []
    _, problems = check(tmp_path / "pd", topic(text=copied), licence="public domain")
    assert problems == []


def test_a_text_is_read_only_from_its_folder(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    page = SOURCE.format(licence="all rights reserved").replace("text: article.txt", "text: ../secret.txt")
    texts = tmp_path / "texts"
    texts.mkdir()
    config = write_tree(tmp_path / "site", {"sources/article.md": page, "topics/t.md": topic()})
    site, _ = check_config(config, source_dir=texts)
    assert site.source_texts == {}
