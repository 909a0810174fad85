"""kb.safety.check_rendered: golden cases in tests/cases/safety/rendered.yml are run by
test_safety.py; here, that pages without raw HTML are never rendered (the rule stays cheap)."""

from kb import safety
from kb.check import check_config


def test_a_page_without_raw_html_is_not_rendered(make_site, monkeypatch):
    config = make_site({"index.md": "---\ntitle: Home\n---\n# Home\n\n"
                                    "Plain *Markdown* with `code`, a [link](index.md) and a { brace }.\n"})
    rendered = []
    monkeypatch.setattr(safety, "_markdown", lambda config: rendered.append(config))
    _, problems = check_config(config, use_cache=False)
    assert problems == [] and rendered == []


def test_a_page_with_raw_html_is_rendered_and_judged(make_site):
    config = make_site({"index.md": "---\ntitle: Home\n---\n# Home\n\n<!--\n<script>alert(1)</script>\n"})
    _, problems = check_config(config, use_cache=False)
    assert [(p.line, p.code) for p in problems] == [(7, "KB310")]
