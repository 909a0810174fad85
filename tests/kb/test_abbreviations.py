"""kb.abbreviations: only the first use of each abbreviation in the article stays marked."""

from kb.abbreviations import first_use_only


def test_first_use_only():
    html = ('<nav><abbr title="x">NATO</abbr></nav><article class="md-content__inner">'
            '<p><abbr title="North Atlantic Treaty Organization">NATO</abbr> and '
            '<abbr title="European Union">EU</abbr>,'
            ' then <abbr title="North Atlantic Treaty Organization">NATO</abbr> again.</p></article>')
    assert first_use_only(html) == (
        '<nav><abbr title="x">NATO</abbr></nav><article class="md-content__inner">'
        '<p><abbr title="North Atlantic Treaty Organization">NATO</abbr> and <abbr title="European Union">EU</abbr>,'
        ' then NATO again.</p></article>'
    )


def test_page_without_article_is_unchanged():
    assert first_use_only("<p><abbr title='a'>A</abbr></p>") == "<p><abbr title='a'>A</abbr></p>"
