"""kb.minify: the site's own scripts and stylesheets, published without comments and spaces."""

from __future__ import annotations

import subprocess

import pytest

from helpers import ROOT
from kb import minify


def test_a_script_loses_its_comments_and_keeps_its_strings_and_regular_expressions():
    source = ('/* About this file. */\nvar a = "/* not a comment */";  // a note\n'
              "var b = s.replace(/\\/\\/+|\\/\\*/g, '//');\n/*! licence */\n")
    out = minify.minify(source, ".js")
    assert "About this file" not in out and "a note" not in out
    assert '"/* not a comment */"' in out and "/\\/\\/+|\\/\\*/g" in out and "'//'" in out
    assert "/*! licence */" in out


def test_a_stylesheet_loses_its_comments_and_spaces():
    out = minify.minify("/* Why. */\n.kb-lead {\n  display: contents;\n}\n", ".css")
    assert out == ".kb-lead{display:contents}"


@pytest.mark.parametrize("name", ["reader.js", "graph.js"])
def test_the_sites_scripts_minified_are_still_valid_javascript(name, tmp_path):
    source = (ROOT / "docs" / "assets" / "javascripts" / name).read_text(encoding="utf-8")
    out = minify.minify(source, ".js")
    assert len(out) < len(source) * 0.85
    (tmp_path / name).write_text(out, encoding="utf-8")
    checked = subprocess.run(["node", "--check", str(tmp_path / name)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr


def test_minify_files_rewrites_the_named_files_of_the_site_only(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("// x\nvar a = 1;\n", encoding="utf-8")
    (tmp_path / "assets" / "b.css").write_text("/* y */ p { color: red; }\n", encoding="utf-8")
    (tmp_path / "assets" / "c.js").write_text("// left as it is\n", encoding="utf-8")
    done = minify.minify_files(tmp_path, ["assets/a.js", "/assets/b.css", "https://example.org/x.js",
                                          "assets/missing.js", "assets/d.txt"])
    assert done == ["assets/a.js", "assets/b.css"]
    assert (tmp_path / "assets" / "a.js").read_text(encoding="utf-8") == "var a=1;"
    assert (tmp_path / "assets" / "b.css").read_text(encoding="utf-8") == "p{color:red}"
    assert (tmp_path / "assets" / "c.js").read_text(encoding="utf-8") == "// left as it is\n"


@pytest.mark.parametrize("path", ["../outside.js", "assets/../../outside.css", ".."])
def test_minify_files_refuses_a_path_that_leaves_the_site(path, tmp_path):
    outside = tmp_path / "outside.js"
    outside.write_text("// keep\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="outside the site"):
        minify.minify_files(site, [path])
    assert outside.read_text(encoding="utf-8") == "// keep\n"
