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


def _numbers(html: str) -> tuple[list[str], list[str]]:
    """The marks' numbers in the text, and the notes' labels in the list, in order."""
    import re
    marks = re.findall(r'class="footnote-ref" href="#fn:[^"]*">(\d+)<', html)
    listed = re.findall(r'<li id="fn:([^"]+)"', html)
    return marks, listed


READING_ORDER_PAGE = """Lead.[^a]

- In a list.[^b]
- Again.[^a]

> Quoted.[^c]

!!! note
    In a note.[^d]

After.[^e]

[^e]: E.
[^d]: D.
[^c]: C.
[^b]: B.
[^a]: A.
"""


def test_notes_are_numbered_in_reading_order_even_inside_lists_and_admonitions():
    from kb.footnotes import ReadingOrder
    configs = {"footnotes": {"USE_DEFINITION_ORDER": False}}
    plain = markdown.markdown(READING_ORDER_PAGE, extensions=["footnotes", "admonition"], extension_configs=configs)
    # Python-Markdown alone reaches the top-level paragraphs first: the list's note comes late.
    assert _numbers(plain)[0] != ["1", "2", "1", "3", "4", "5"]
    html = markdown.markdown(READING_ORDER_PAGE, extensions=["footnotes", "admonition", ReadingOrder()],
                             extension_configs=configs)
    marks, listed = _numbers(html)
    assert marks == ["1", "2", "1", "3", "4", "5"]
    assert listed == ["a", "b", "c", "d", "e"]
    assert 'title="Jump back to footnote 2 in the text"' in html.split('id="fn:b"')[1].split("</li>")[0]


def test_definition_order_is_kept_where_the_site_asks_for_it():
    from kb.footnotes import ReadingOrder
    html = markdown.markdown(READING_ORDER_PAGE, extensions=["footnotes", "admonition", ReadingOrder()])
    marks, listed = _numbers(html)
    assert listed == ["e", "d", "c", "b", "a"]
    assert marks == ["5", "4", "5", "3", "2", "1"]


def test_pages_without_footnotes_or_without_the_extension_are_untouched():
    from kb.footnotes import ReadingOrder
    assert markdown.markdown("Text.", extensions=[ReadingOrder()]) == "<p>Text.</p>"
    assert markdown.markdown("Text.", extensions=["footnotes", ReadingOrder()]) == "<p>Text.</p>"
