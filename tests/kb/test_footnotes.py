"""kb.footnotes: back-links keep their words as an accessible name, without a title (tooltip)."""

import markdown

from kb.footnotes import backlinks_without_tooltips


def test_backlinks_are_named_by_aria_label_not_title():
    html = markdown.markdown("Claim.[^p8] Again.[^p8]\n\n[^p8]: The source, ¶8.", extensions=["footnotes"])
    assert html.count('title="Jump back to footnote 1 in the text"') == 2
    out = backlinks_without_tooltips(html)
    assert "title=" not in out
    assert out.count('aria-label="Jump back to footnote 1 in the text"') == 2
    assert out.count('class="footnote-backref"') == 2


def test_pages_without_notes_and_other_titles_are_untouched():
    page = '<a class="footnote-ref" href="#fn:1" title="x">1</a><a href="y" title="z">y</a>'
    assert backlinks_without_tooltips(page) == page
