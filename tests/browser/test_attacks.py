"""Attacked pages in a real browser, online and from the offline copy (file://): no dialog, no
request to another host, no Content-Security-Policy violation, no script error.

The checker and the build refuse every attacked site (tests/site/test_fail_closed.py), so a reader
never gets one. These tests take that first line away: they build with the checker's refusal
switched off (in a test process only: nothing in the project can switch it off), so what a reader
would get rests on the lines behind it, the escaping layer (front matter shown as text) and the
judge of built pages (an unsafe page becomes a stub), with the policy as the last net. Then they
load every page a reader could open.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from attacks import ATTACK_PAGES, attack_files, attacked_site
from helpers import ROOT, serve_directory

pytestmark = pytest.mark.slow

#: Hostile front-matter values: each lands in every text field of every page type but the title
#: (shown as text by the escaping layer), and in the titles of a second site (which the theme
#: prints as HTML in every page's navigation: the judge refuses every page of it).
VALUES = {
    "script": ("</title><script>alert('kb-title')</script>", "alert('kb-title')"),
    "event handler": ("<img src=x onerror=alert('kb-img')>", "onerror=alert('kb-img')"),
    "attribute breakout": ("\"><svg onload=alert('kb-svg')>", "onload=alert('kb-svg')"),
    "comment": ("<!-- <script>alert('kb-comment')</script>", "alert('kb-comment')"),
}

#: Pages whose body is an attack the checker would refuse (the judge makes each a stub).
BODIES = {
    "about/svg-style.md": "<svg><style><img src=x onerror=alert('kb-mxss')></style></svg>\n",
    "about/animate.md": '<svg><a><animate attributeName="href" values="javascript:alert(\'kb-anim\')"/>'
                        "<text>x</text></a></svg>\n",
    "about/attr-list.md": "[click](../index.md){ onclick=\"alert('kb-attr')\" }\n",
    "about/comment.md": "<!--\n<script>alert('kb-unclosed')</script>\n",
}

_UNGATED = """
import sys
sys.path.insert(0, {scripts!r})
import kb.problems
kb.problems.Code.stops_build = property(lambda self: False)  # this test process only
from mkdocs.__main__ import cli
cli(sys.argv[1:])
"""


def ungated_build(config: Path, site: Path, offline: bool) -> subprocess.CompletedProcess:
    """`mkdocs build` with the checker's refusal switched off (the judge and escaping stay)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_OFFLINE="true" if offline else "false")
    code = _UNGATED.format(scripts=str(ROOT / "scripts"))
    return subprocess.run([sys.executable, "-c", code, "build", "-q", "--config-file", str(config), "--site-dir",
                           str(site)], capture_output=True, text=True, cwd=config.parent, env=env, timeout=300,
                          check=False)


def _files(value: str, titles: bool) -> dict[str, str]:
    files: dict[str, str | bytes] = dict(attack_files(value, titles))
    files["assets/javascripts/reader.js"] = (ROOT / "docs/assets/javascripts/reader.js").read_bytes()
    for path, body in BODIES.items():
        files[path] = f"---\ntitle: {path}\n---\n# Attack\n\n{body}"
    return files


_BUILT: dict[tuple[str, bool], tuple[str | None, Path, Path]] = {}


def _build(name: str, titles: bool, tmp_path_factory) -> tuple[str | None, Path, Path]:
    """(the value's visible text, or None if titles hold it; online site; offline site), built once
    from the same attacked sources."""
    if (name, titles) not in _BUILT:
        value, shown = VALUES[name]
        root = tmp_path_factory.mktemp("attacked")
        config = attacked_site(root, (_files(value, titles), {}, ""))
        sites = []
        for offline in (False, True):
            site = root / ("site-offline" if offline else "site")
            result = ungated_build(config, site, offline)
            output = result.stdout + result.stderr
            assert "Traceback" not in output, output[-3000:]
            # The judge refuses the attacked bodies (and the pages whose theme chrome the title broke).
            assert result.returncode != 0 and "KB31" in output, output[-3000:]
            sites.append(site)
        _BUILT[name, titles] = (None if titles else shown), sites[0], sites[1]
    return _BUILT[name, titles]


@pytest.fixture(params=[(name, titles) for name in VALUES for titles in (False, True)],
                ids=lambda param: param[0] + (" in titles" if param[1] else ""))
def attacked(request, tmp_path_factory):
    """An attacked site: the value in every front-matter text field (and, for some, in titles)."""
    return _build(*request.param, tmp_path_factory)


@pytest.fixture(params=list(VALUES))
def attacked_fields(request, tmp_path_factory):
    """An attacked site whose titles are plain (its pages are published, the value shown as text)."""
    return _build(request.param, False, tmp_path_factory)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "assets" not in p.relative_to(site).parts)


def _visit(page, url: str, redirect: bool = False) -> None:
    """Open a page and let it run; a `redirect` page (an alias's meta refresh) is followed to
    the page it names before the next visit, so that its refresh cannot cut the next one short."""
    page.goto(url)
    page.wait_for_load_state("load")
    if redirect:
        page.wait_for_url(lambda now: now != url, timeout=15000)
        page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # a timer or an onload handler would fire by now


def _is_redirect(site: Path, path: str) -> bool:
    return 'http-equiv="refresh"' in (site / path).read_text(encoding="utf-8")


def _watch(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def test_online_pages_run_nothing_and_load_nothing_foreign(page, attacked):
    shown, site, _ = attacked
    dialogs = _watch(page)
    pages = _pages(site)
    assert len(pages) >= 20, pages
    with serve_directory(site) as url:
        for path in pages:
            _visit(page, url + path, _is_redirect(site, path))
            assert page.evaluate("window.__csp") == [], path
        if shown is not None:  # published as text, not dropped: on the topic, its positions and infobox
            _visit(page, url + "topics/t/")
            assert shown in page.inner_text("article")
        else:  # hostile titles: the theme prints a page's title as HTML in its <title>: a stub
            for path in ATTACK_PAGES.values():
                built = site / path[0].removesuffix(".md") / "index.html"
                assert "This page was not published" in built.read_text(encoding="utf-8"), built
    assert dialogs == []
    assert page.requests.foreign() == []
    assert page.errors == []


def test_search_results_show_hostile_names_as_text(page, attacked_fields, request):
    shown, site, _ = attacked_fields
    dialogs = _watch(page)
    with serve_directory(site) as url:
        _visit(page, url)
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("role", delay=20)  # the person's role holds the value; Material reacts to keys
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        page.wait_for_timeout(300)
        assert results.count() >= 1
        # The hostile text is in the results as text, and no element it spells is.
        assert "alert" in page.inner_text(".md-search-result")
        assert page.locator(".md-search-result :is(img, svg, script, iframe)").count() == 0
        # A hostile alias typed whole: reader.js puts the page bearing that name first (listing it
        # itself if the theme's query finds nothing), and it is shown as text too.
        alias = "aperson" + VALUES[request.node.callspec.params["attacked_fields"]][0]
        assert page.evaluate("typeof window.kbNameKey") == "function"  # reader.js runs here
        box.fill("")
        box.press_sequentially(alias, delay=10)
        box.press("End")
        page.wait_for_function("() => { const a = document.querySelector('.md-search-result__item > a');"
                               " return a && a.href.includes('/people/'); }", timeout=15000)
        first = page.locator(".md-search-result__item > a.md-search-result__link").first
        assert "/people/" in first.get_attribute("href")
        assert page.locator(".md-search-result :is(img, svg, script, iframe)").count() == 0
    assert dialogs == []
    assert page.errors == []
    assert page.requests.foreign() == []


def test_offline_pages_from_file_run_nothing_and_load_nothing_foreign(page, attacked):
    _, _, site = attacked
    dialogs = _watch(page)
    pages = _pages(site)
    assert len(pages) >= 20, pages
    for path in pages:
        _visit(page, (site / path).as_uri(), _is_redirect(site, path))
    assert dialogs == []
    assert [u for u in page.requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
    assert page.errors == []


def test_the_attacked_bodies_became_stubs(attacked):
    _, site, offline = attacked
    for folder in (site, offline):
        for path in BODIES:
            stem = folder / path.removesuffix(".md")  # the offline copy has no directory URLs
            built = stem / "index.html" if (stem / "index.html").exists() else stem.with_suffix(".html")
            text = built.read_text(encoding="utf-8")
            assert "kb-" not in text and "This page was not published" in text, built
