"""kb.anchors: heading ids must be exactly those Python-Markdown gives the built page."""

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import write_tree
from kb.config import load_config
from kb.site import Site

#: Ids Material's extensions generate for tabs and code lines; the checker does not model them.
GENERATED_PREFIX = "__"


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id" and v and not v.startswith(GENERATED_PREFIX))


def rendered_ids(config, text: str) -> set[str]:
    """Ids in the HTML Python-Markdown renders with the site's extensions."""
    extensions = dict(config.markdown_extensions)
    extensions.pop("pymdownx.snippets", None)
    html = markdown.Markdown(extensions=list(extensions), extension_configs=extensions).convert(text)
    parser = _Ids()
    parser.feed(html)
    return parser.ids


def checker_ids(root, text: str) -> tuple[set[str], object]:
    config_file = write_tree(root, {"index.md": text})
    site = Site(load_config(config_file))
    ids = {i for i in site.pages["index.md"].ids if not i.startswith(GENERATED_PREFIX)}
    return ids, site.config


TRICKY = [
    "Plain heading",
    "Repeated",
    "Repeated",
    "Repeated_1",
    "With *emphasis* and __strong__",
    "With `code <b>` span",
    "NATO & Russia: the \"two key\" plan?",
    "Link to [a page](other.md) inside",
    "Entity &amp; escape &lt;b&gt;",
    "Raw <span>html</span> inside",
    "Café crème, naïve façade",
    "Dates 2010–2011 and ¶8",
    "Ends with hashes ##",
    "Custom id {#given}",
    "Classes only {: .wide }",
    "Footnote[^n] in heading",
    "   ",
    "ABM",
    "Ünïcödé only: Россия",
]


def test_tricky_headings_match_python_markdown(tmp_path):
    text = "\n\n".join(f"## {h}" for h in TRICKY) + "\n\n[^n]: A note.\n"
    ids, config = checker_ids(tmp_path, text)
    assert ids == rendered_ids(config, text)


def test_setext_and_nested_headings_match(tmp_path):
    text = (
        "Top heading\n===========\n\nSecond\n------\n\n!!! note\n    ## Inside a note\n\n"
        "```\n## Not a heading\n```\n\n    ## Indented code\n\n=== \"Tab\"\n    ### In a tab\n"
    )
    ids, config = checker_ids(tmp_path, text)
    assert ids == rendered_ids(config, text)


_heading_text = st.text(
    alphabet=st.sampled_from(list("abcXYZ 019-_*`&;:!?'\"é–ф.,()[]#{}<>/")),
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip() and not s.lstrip().startswith(("#", "<", "{", "[")))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_heading_text, min_size=1, max_size=6))
def test_random_headings_match_python_markdown(tmp_path, headings):
    text = "\n\n".join(f"## {h}" for h in headings) + "\n"
    ids, config = checker_ids(tmp_path, text)
    assert ids == rendered_ids(config, text), text


@pytest.mark.parametrize("slug", ["!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}"])
def test_configured_slugify_is_used(tmp_path, slug):
    config_file = write_tree(tmp_path, {"index.md": "## Café Россия\n"})
    config_file.write_text(
        config_file.read_text().replace("- toc:\n", f"- toc:\n    slugify: {slug}\n"), encoding="utf-8"
    )
    site = Site(load_config(config_file))
    assert "café-россия" in site.pages["index.md"].ids


def test_a_page_over_the_bounds_gets_plain_ids_without_rendering(tmp_path, monkeypatch):
    # kb.bounds refuses the page; its headings are slugified as written, never rendered (a
    # heading of nested brackets took minutes to render), so links to it still find their ids.
    from kb.anchors import HeadingRenderer

    def no_rendering(self, source):
        raise AssertionError(f"rendered {source[:40]!r}")

    monkeypatch.setattr(HeadingRenderer, "_render", no_rendering)
    text = "---\ntitle: T\n---\n# Plain heading\n\n## With *emphasis*\n\n# " + "[" * 40 + "]" * 40 + "\n"
    ids, _ = checker_ids(tmp_path, text)
    assert {"plain-heading", "with-emphasis"} <= ids


HEADING_PIECES = ["a", "b", " ", "*", "_", "`", "&", "[", "]", "(", ")", "!", "\\", "#", "_1", "1", "é", "'", "[^n]"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(HEADING_PIECES), min_size=1, max_size=8).map("".join), max_size=12))
def test_learning_ids_in_a_batch_changes_no_answer(tmp_path, texts):
    """`prefetch` renders many headings at once; each id must be the one a heading rendered alone gets."""
    from kb.anchors import HeadingRenderer

    config = load_config(write_tree(tmp_path, {"index.md": "# x\n"}))
    batched, alone = HeadingRenderer(config), HeadingRenderer(config)
    batched.prefetch(texts + texts[:3])
    assert [batched.slug(t) for t in texts] == [alone._slug(t) for t in texts]
