"""kb.build: what the build adds to the site, on the features knowledge base (tests/features_kb.py):
positions placed before rendering, the work done in the background, the paths it writes, the
front matter the theme prints. (What each page gets is tested with its writer: test_render.py,
test_sections.py, test_connections.py, test_jsonld.py, test_search.py.)"""

import os

import pytest

from features_kb import FIXTURE, build_context
from kb.build import Generated, OutsideSiteError, inside


@pytest.fixture
def build(tmp_path):
    return build_context(tmp_path)


# --- page_markdown and page_html ------------------------------------------------------------------


def test_positions_go_before_references_and_the_rest_after_rendering(build):
    out = build.page_markdown("people/rogozin.md", FIXTURE["files"]["people/rogozin.md"])
    assert out.index("## Positions") < out.index("## References")
    assert "Referenced by" not in out


def test_pages_that_are_not_entities_get_nothing(build):
    assert build.generated("index.md") == build.generated("no/such/page.md") == Generated()
    page = "<html><head></head><body><article><h1>T</h1></article></body></html>"
    assert build.page_html("index.md", page) == page
    assert build.page_markdown("no/such/page.md", "# T\n") == "# T\n"


def test_page_meta_escapes_the_description_the_theme_prints_unescaped(build):
    meta = {"title": "A <b>", "description": 'Rock & "roll" <script>'}
    assert build.page_meta(meta) == {"title": "A <b>", "description": "Rock &amp; &#34;roll&#34; &lt;script&gt;"}
    assert meta["description"] == 'Rock & "roll" <script>'  # the page's own front matter is left as it is
    assert build.page_meta({"description": ["not text"]}) == {"description": ["not text"]}


# --- start_background and finish_background -------------------------------------------------------


def test_background_work_writes_the_redirects_and_makes_the_same_sections(build, tmp_path):
    """What the forked process makes is what the build would make page by page."""
    site_dir = tmp_path / "built"
    site_dir.mkdir()
    inline = {uri: build._make(uri) for uri in build.site.pages}
    build.start_background(site_dir)
    assert build._background is not None  # forked: this machine has fork
    assert build.finish_background() == inline
    redirects = build.generated_files()
    assert "organisations/nrc/index.html" in redirects
    assert {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")} == set(redirects)
    assert (site_dir / "organisations/nrc/index.html").read_text() == redirects["organisations/nrc/index.html"]
    exports = build.generated_sources()
    assert sorted(exports) == sorted(build.generated_sources_names()) == ["graph.json", "kb.json"]
    assert all((site_dir / name).read_text() == text for name, text in exports.items())
    assert (inline["people/rogozin.md"].infobox.startswith("<aside")
            and "Referenced by" in inline["people/rogozin.md"].sections)
    assert ('"@type": "Person"' in inline["people/rogozin.md"].json_ld
            or '"@type":"Person"' in inline["people/rogozin.md"].json_ld)
    assert inline["sources/ivanov-2011.md"].cited_by[8] == (
        '<p class="kb-cited-by"><em>Cited by:</em> <a href="../../topics/defence/">Defence</a>, '
        '<a href="../../organisations/council/">NATO–Russia Council</a>, '
        '<a href="../../people/rogozin/">Rogozin</a>.</p>')  # by title


def test_background_errors_reach_the_build(build, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    build.start_background(blocker)
    with pytest.raises(OSError):
        build.finish_background()


def test_finishing_without_background_work_is_nothing(build):
    assert build.finish_background() == {}


# --- inside ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["index.html", "people/rogozin/index.html", "a/../b.html", "kb.json"])
def test_inside_gives_the_path_in_the_site_directory(tmp_path, path):
    assert inside(tmp_path, path) == (tmp_path / path).resolve()


@pytest.mark.parametrize("path", ["/etc/passwd", "\\server\\x", "a\\..\\..\\x", "../x.html", "a/../../x",
                                  "", ".", "a/.."])
def test_inside_refuses_a_path_out_of_the_site_directory(tmp_path, path):
    with pytest.raises(OutsideSiteError, match="is not a file inside the site directory"):
        inside(tmp_path, path)


def test_inside_refuses_a_symbolic_link_out(tmp_path):
    site_dir, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    site_dir.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, site_dir / "people")
    with pytest.raises(OutsideSiteError):
        inside(site_dir, "people/index.html")
