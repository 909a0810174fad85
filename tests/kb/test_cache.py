"""kb.cache: a warm run finds what a cold run finds, and any change invalidates what it must."""

import os
import time

from kb.cache import shard_of
from kb.check import check_config

FILES = {
    "index.md": "---\ntitle: Home\n---\n# Home\n[a](about/a.md#x) [b](about/b.md)\n",
    "about/a.md": "---\ntitle: A\n---\n# A\n## X\n",
}


def _formatted(config):
    return [p.format() for p in check_config(config, use_cache=True)[1]]


def test_warm_run_matches_cold_run_and_edits_invalidate(make_site, tmp_path):
    config = make_site(FILES)
    cold = _formatted(config)
    assert cold == ["index.md:5:23: KB201 link target 'about/b.md' does not exist (did you mean 'about/a.md'?)"]
    assert {f.name for f in (tmp_path / ".cache" / "kb-check").iterdir()} == {f"{shard_of(uri):02d}.pickle" for uri in FILES}
    assert _formatted(config) == cold
    # Removing the heading the link points to must be seen, though the linking page is cached.
    page = tmp_path / "docs" / "about" / "a.md"
    page.write_text("---\ntitle: A\n---\n# A\n## Y\n")
    os.utime(page, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert _formatted(config) == [
        "index.md:5:5: KB206 anchor '#x' does not exist on 'about/a.md' "
        "(link to a heading's id (shown by its ¶ permalink) or add {#id})",
        "index.md:5:23: KB201 link target 'about/b.md' does not exist (did you mean 'about/a.md'?)",
    ]


def test_config_change_invalidates_and_corrupt_cache_is_ignored(make_site, tmp_path):
    config = make_site({"index.md": "---\ntitle: Home\n---\n## Café\n[x](#café)\n"})
    assert _formatted(config)[0].startswith("index.md:5:5: KB206 anchor '#café'")
    text = config.read_text().replace("- toc:\n", "- toc:\n    slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n")
    config.write_text(text)
    assert _formatted(config) == []
    for shard in (tmp_path / ".cache" / "kb-check").iterdir():
        shard.write_bytes(b"not a pickle")
    assert _formatted(config) == []


def test_an_edit_rewrites_only_the_cache_file_of_its_page(make_site, tmp_path):
    files = {f"p{i}.md": f"---\ntitle: P{i}\n---\n# P{i}\n[next](p{i + 1}.md)\n" for i in range(40)}
    config = make_site(files)
    assert len(_formatted(config)) == 1  # p39 links to a missing p40
    folder = tmp_path / ".cache" / "kb-check"
    before = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}
    assert len(before) == len({shard_of(uri) for uri in files}) > 2
    page = tmp_path / "docs" / "p3.md"
    page.write_text(files["p3.md"] + "More.\n")
    os.utime(page, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert len(_formatted(config)) == 1
    after = {f.name: f.stat().st_mtime_ns for f in folder.iterdir()}
    assert {name for name in after if after[name] != before[name]} == {f"{shard_of('p3.md'):02d}.pickle"}
