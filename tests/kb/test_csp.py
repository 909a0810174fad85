"""kb.csp: the policy trusts the theme's inline scripts, found in its templates and rendered per
base_url, never what a finished page holds."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from helpers import ROOT
from kb import csp
from kb.htmlsafety import judge

POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/))[^>]*>(.*?)</script>", re.S)


def renderer() -> object:
    return csp.jinja_renderer(jinja2.Environment(), {"config": {"extra": {}}})


@pytest.fixture(scope="module")
def material() -> csp.ThemeScripts:
    """The real theme's scripts (Material's templates and the project's overrides), rendered by
    the theme's own environment with the real config."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    context = {"config": config, "features": config.theme["features"]}
    return csp.ThemeScripts(config.theme.dirs, csp.jinja_renderer(config.theme.get_env(), context))


def test_template_scripts_finds_inline_executable_scripts_only():
    text = ('{#- comment -#}\n<script>a("{{ base_url }}")</script>\n<script src="{{ x | url }}"></script>'
            '<script type="application/json">{"a": 1}</script><SCRIPT type="module">b()</SCRIPT>'
            "<!-- <script>c()</script> -->")
    assert csp.template_scripts(text) == ['a("{{ base_url }}")', "b()"]
    assert csp.template_scripts("<p>no script</p>") == []


def test_theme_scripts_are_rendered_per_base_url(tmp_path: Path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "a.html").write_text('<script>go("{{ config.extra.scope | d(base_url) }}")</script>')
    (tmp_path / "b.html").write_text("{% if x %}<script>fixed()</script>{% endif %}"
                                     "<script>go(\"{{ base_url }}\")</script>")
    theme = csp.ThemeScripts([tmp_path], renderer())
    assert theme.hashes("..") == {csp.script_hash('go("..")'), csp.script_hash("fixed()")}
    assert csp.script_hash('go(".")') in theme.hashes(".")
    assert csp.script_hash('go(".")') not in theme.hashes("..")


def test_a_script_that_does_not_render_is_not_allowed(tmp_path: Path):
    (tmp_path / "a.html").write_text("<script>{{ broken( }}</script><script>ok()</script>")
    assert csp.ThemeScripts([tmp_path], renderer()).hashes(".") == {csp.script_hash("ok()")}


def test_material_base_script_hash_for_each_depth(material):
    for base_url in (".", "..", "../..", "/"):
        text = (f'__md_scope=new URL("{base_url}",location),'
                '__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),'
                '0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,'
                't=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
        assert csp.script_hash(text) in material.hashes(base_url)


def test_an_injected_script_is_not_allowed_and_is_refused(material):
    page = ("<!doctype html><html><head><title>x</title></head><body>"
            '<article class="md-content__inner"><p>hi</p></article>'
            "<script>alert(document.cookie)</script></body></html>")
    hashes = material.hashes("..")
    built = csp.add_policy(page, hashes)
    policy = POLICY_META.search(built).group(1)
    assert csp.script_hash("alert(document.cookie)") not in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert [f.code for f in judge(page, hashes)] == ["KB315"]


def test_the_policy_comes_first_in_head_not_in_a_header():
    built = csp.add_policy("<html><head lang=en><title>t</title></head><body><header>h</header></body></html>",
                           ["'sha256-x'"])
    assert built.index("Content-Security-Policy") < built.index("<title>")
    assert "script-src 'self' 'sha256-x';" in built
    assert csp.add_policy("<p>no head</p>", []) == "<p>no head</p>"


def test_the_page_policy_is_allowed_by_the_judge_but_no_other_meta():
    hashes = {csp.script_hash("t()")}
    page = "<html><head><title>t</title><script>t()</script></head><body></body></html>"
    assert judge(csp.add_policy(page, hashes), hashes) == []
    other = csp.add_policy(page, {csp.script_hash("evil()")})
    assert [f.code for f in judge(other, hashes)] == ["KB310"]


def test_every_inline_script_of_the_real_site_is_in_its_policy(built_site: Path):
    """The real build: each page's policy allows each inline script the page has (from the theme),
    and nothing but script-src hashes and 'self'."""
    missing = []
    pages = [p for p in built_site.rglob("*.html") if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = POLICY_META.search(html)
        assert match, f"{path} has no policy"
        script_src = match.group(1).split("script-src")[1].split(";")[0].split()
        assert all(s == "'self'" or s.startswith("'sha256-") for s in script_src), script_src
        missing += [f"{path}: {body[:40]}" for body in INLINE_SCRIPT.findall(html)
                    if csp.script_hash(body) not in script_src]
    assert missing == []
