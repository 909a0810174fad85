"""kb.cache: a warm run finds what a cold run finds, and any change invalidates what it must; the
cache is only data (a committed, corrupt or tampered cache is never trusted), and nothing in
scripts/ loads what can run (the codec's round trips are tested in test_codec.py)."""

import ast
import json
import os
import pickle  # to write the attacker's file, never to read one
import subprocess
import time
from pathlib import Path

import pytest

from helpers import ROOT
from kb import cache as kb_cache
from kb.anchors import HeadingRenderer
from kb.cache import SHARDS, ScanCache, shard_of
from kb.check import check_config
from kb.cli import main
from kb.codec import CorruptCache
from kb.config import load_config
from kb.problems import Problem
from kb.scan import scan_text

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
    assert ({f.name for f in (tmp_path / ".cache" / "kb-check").iterdir()}
            == {f"{shard_of(uri):02d}.jsonl" for uri in FILES})
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
    text = config.read_text().replace(
        "- toc:\n", "- toc:\n    slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n")
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
    assert {name for name in after if after[name] != before[name]} == {f"{shard_of('p3.md'):02d}.jsonl"}


# --- The cache is only data ---------------------------------------------------------------------

#: A page with a problem of each kind a cache could hide: a broken link, unsafe HTML, a bad anchor.
ATTACKED = {
    **FILES,
    "about/b.md": "---\ntitle: B\n---\n# B\n<img src=x onerror=alert(1)>\n[a](a.md#nowhere)\n",
}


class _Payload:
    """What an attacker commits: unpickling it runs a command (here: creates a marker file)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


def _json_problems(config: Path, capsys, *options: str) -> list[dict]:
    capsys.readouterr()
    main(["--config", str(config), "--format", "json", "--quiet", *options])
    return json.loads(capsys.readouterr().out)


def _plant(folder: Path, payload: bytes) -> None:
    """The attacker's cache: the payload under every name a cache file ever had."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.with_suffix(".pickle").write_bytes(payload)
    for shard in range(SHARDS):
        for suffix in (".pickle", ".jsonl"):
            (folder / f"{shard:02d}{suffix}").write_bytes(payload)


def test_a_committed_pickle_is_never_run(make_site, tmp_path, capsys):
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    pickle.loads(payload)  # the payload works: loading it does create the marker
    assert marker.exists()
    marker.unlink()
    config = make_site(ATTACKED)
    _plant(tmp_path / ".cache" / "kb-check", payload)
    cold = _json_problems(config, capsys, "--no-cache")
    assert {p["code"] for p in cold} >= {"KB201", "KB206", "KB302"}
    assert _json_problems(config, capsys) == cold  # with the planted files
    assert _json_problems(config, capsys) == cold  # warm, from the files it wrote over them
    assert not marker.exists()


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, timeout=60)


def test_a_cache_under_version_control_is_reported_and_not_used(make_site, tmp_path, capsys):
    config = make_site(ATTACKED)
    folder = tmp_path / ".cache" / "kb-check"
    cold = _json_problems(config, capsys)  # fills the cache
    # A cache that hides the problems, with a key that matches: taken as it is when untracked...
    for shard in folder.iterdir():
        shard.write_bytes(shard.read_bytes().replace(b"onerror", b"onclick"))
    tampered = _json_problems(config, capsys)
    assert tampered != cold and any("onclick" in p["message"] for p in tampered)
    # ...but committed, it is reported at each of its files and neither read nor written.
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-f", ".cache")
    before = {f.name: f.read_bytes() for f in folder.iterdir()}
    found = _json_problems(config, capsys)
    tracked = [p for p in found if p["code"] == "KB006"]
    assert [p["file"] for p in tracked] == [f"../.cache/kb-check/{name}" for name in sorted(before)]
    assert tracked[0] | {"file": None} == {
        "file": None, "line": 1, "col": 1, "code": "KB006", "severity": "error",
        "message": "checker cache is under version control: it is not used",
        "hint": "remove it from git with 'git rm -r --cached .cache'; .cache/ belongs in .gitignore"}
    assert [p for p in found if p["code"] != "KB006"] == cold
    assert {f.name: f.read_bytes() for f in folder.iterdir()} == before
    # Printed from the docs folder's parent, the path reads as it is in the repository.
    problem = Problem(tracked[0]["file"], 1, 1, "KB006", "m")
    assert problem.format("docs/").startswith(f"{tracked[0]['file'][3:]}:1:1: KB006")
    assert tracked[0]["file"].startswith("../.cache/kb-check/")
    assert problem.security
    # --no-cache still reports it; once removed from git, the cache is used again.
    assert [p for p in _json_problems(config, capsys, "--no-cache") if p["code"] == "KB006"] == tracked
    _git(tmp_path, "rm", "-r", "-q", "--cached", ".cache")
    assert _json_problems(config, capsys) == tampered


def test_git_that_cannot_answer_means_no_cache(make_site, tmp_path, monkeypatch):
    config = make_site(FILES)
    (tmp_path / ".git").mkdir()  # not a repository: git fails
    site_config = load_config(config)
    assert kb_cache.tracked_cache_files(site_config) is None
    cache = ScanCache.for_config(site_config)
    assert not cache.enabled
    monkeypatch.setenv("PATH", "")  # no git at all
    assert kb_cache.tracked_cache_files(site_config) is None


def test_a_cache_folder_that_leads_elsewhere_is_not_used(make_site, tmp_path, capsys):
    config = make_site(ATTACKED)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / ".cache").symlink_to(elsewhere)
    cold = _json_problems(config, capsys, "--no-cache")
    assert _json_problems(config, capsys) == cold
    assert list(elsewhere.iterdir()) == []  # nothing written where the link points
    (tmp_path / ".cache").unlink()
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "kb-check").write_text("a file, not a folder")
    assert _json_problems(config, capsys) == cold


def _shards(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / ".cache" / "kb-check").glob("*.jsonl"))


def _index(data: bytes) -> tuple[bytes, dict, bytes]:
    header, index, details = data.split(b"\n", 2)
    return header, json.loads(index), details


def _with_index(data: bytes, change) -> bytes:
    header, index, details = _index(data)
    before = json.dumps(index)
    change(index)
    if json.dumps(index) == before:
        raise KeyError("nothing to change in this file")
    return header + b"\n" + json.dumps(index).encode() + b"\n" + details


CORRUPTIONS = {
    "truncated": lambda data: data[: len(data) // 2],
    "cut after the header": lambda data: data.split(b"\n", 1)[0] + b"\n",
    "random bytes": lambda data: os.urandom(len(data)),
    "random bytes after the header": lambda data: data.split(b"\n", 1)[0] + b"\n" + os.urandom(200),
    "wrong key": lambda data: data.replace(b'"key":"', b'"key":"0', 1),
    "another format": lambda data: data.replace(b"kb-check-cache/", b"kb-check-cache/9", 1),
    "a header that never ends": lambda data: b'{"key":"' + b"x" * 100_000,
    "huge nesting": lambda data: data.split(b"\n", 1)[0] + b"\n" + b"[" * 200_000 + b"]" * 200_000 + b"\n",
    "huge nesting in a value": lambda data: data.replace(b'"Home"', b"[" * 200_000 + b"]" * 200_000),
    "index of the wrong type": lambda data: _with_index(data, lambda index: index.update(entries=[])),
    "a stamp that is text": lambda data: _with_index(data, lambda index: index["entries"]["size"].__setitem__(0, "9")),
    "a boolean for a number": lambda data: _with_index(
        data, lambda index: index["entries"]["mtime"].__setitem__(0, True)),
    "a column too short": lambda data: _with_index(data, lambda index: index["entries"]["core"][1].pop()),
    "a line length too long": lambda data: _with_index(
        data, lambda index: index["entries"]["length"].__setitem__(0, 10**6)),
    "a problem of an unknown code": lambda data: data.replace(b'"KB201"', b'"KB999"'),
    "a problem with a line as text": lambda data: _with_index(
        data,
        lambda index: [rule.__setitem__(1, "5") for problems in index["results"]["rules"][4] for rule in problems]),
    "a rule of no page": lambda data: _with_index(data, lambda index: index["results"]["rules"][0].__setitem__(0, 99)),
    "an unknown tag": lambda data: data.replace(b"\\u0000any", b"\\u0000evil"),
    "a scan with private attributes": lambda data: _with_index(
        data, lambda index: index["entries"]["extra"].__setitem__(0, {"_packed": 1})),
}

TAGGED_FILES = {
    "index.md": "---\ntitle: Home\ndate: 2010-11-20\n---\n# Home\n[a](about/a.md#x) [b](about/b.md)\n",
    "about/a.md": "---\ntitle: A\n---\n# A\n## X\n",
}


@pytest.mark.parametrize("name", CORRUPTIONS)
def test_a_corrupt_cache_file_counts_as_empty(make_site, tmp_path, name):
    config = make_site(TAGGED_FILES)
    cold = _formatted(config)
    assert cold and len(_shards(tmp_path)) == 2
    corrupted = set()
    for shard in _shards(tmp_path):
        data = shard.read_bytes()
        try:
            changed = CORRUPTIONS[name](data)
        except (IndexError, KeyError):  # the shard has nothing of what this corruption changes
            continue
        if changed != data:
            shard.write_bytes(changed)
            corrupted.add(shard.name)
    assert corrupted
    site, problems = check_config(config, use_cache=True)
    assert [p.format() for p in problems] == cold
    # Nothing was taken from a corrupt file: its pages were checked again.
    assert set(site.derived["pages_checked"]) >= {uri for uri in TAGGED_FILES
                                                  if f"{shard_of(uri):02d}.jsonl" in corrupted}
    assert _formatted(config) == cold  # and the files written again are good
    assert check_config(config, use_cache=True)[0].derived["pages_checked"] == []


def test_a_corrupt_detail_line_is_scanned_again(make_site, tmp_path):
    config = make_site(FILES)
    cold = _formatted(config)
    for shard in _shards(tmp_path):
        header, index, details = shard.read_bytes().split(b"\n", 2)
        shard.write_bytes(header + b"\n" + index + b"\n" + details.replace(b'"inline"', b'12345678'))
    site_config = load_config(config)
    cache = ScanCache.for_config(site_config)
    assert set(cache.entries) == set(FILES)  # the index is good: the lines are read when needed
    fresh = scan_text(FILES["index.md"], HeadingRenderer(site_config), "")
    assert cache.entries["index.md"][2].links == fresh.links
    # Without a way to scan again, reading the line says what is wrong.
    cache = ScanCache(cache.path, cache.key)
    with pytest.raises(CorruptCache, match="the cached scan of 'index.md' is corrupt"):
        assert cache.entries["index.md"][2].links
    assert _formatted(config) == cold


def test_values_nested_too_deep_to_keep_are_scanned_again(make_site):
    deep = "[" * 600 + "x" + "]" * 600
    config = make_site({**FILES, "deep.md": f"---\ntitle: Deep\naliases: {deep}\n---\n# Deep\n"})
    site, problems = check_config(config)
    assert isinstance(site.pages["deep.md"].meta["aliases"], list)  # YAML let it through
    cold = [p.format() for p in problems]
    assert _formatted(config) == cold
    site, problems = check_config(config, use_cache=True)
    assert [p.format() for p in problems] == cold and site.derived["pages_checked"] == []


def test_a_warm_run_decodes_no_detail_of_unchanged_pages(make_site):
    config = make_site(FILES)
    _formatted(config)
    site, _ = check_config(config, use_cache=True)
    assert all("_packed" in page.scan.__dict__ for page in site.pages.values())


# --- Nothing in scripts/ may run what it reads ------------------------------------------------------

#: Calls that can run code from the data they load (module, function).
UNSAFE_CALLS = {("pickle", "load"), ("pickle", "loads"), ("pickle", "Unpickler"), ("marshal", "load"),
                ("marshal", "loads"), ("shelve", "open"), ("yaml", "unsafe_load"), ("yaml", "full_load"),
                ("yaml", "unsafe_load_all"), ("yaml", "full_load_all"), ("dill", "load"), ("dill", "loads"),
                ("jsonpickle", "decode")}
UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "shelve", "marshal", "dill", "jsonpickle"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def unsafe_code(source: str, name: str) -> list[str]:
    """What in a module's source can run code it reads: imports of pickle and the like, eval and
    exec, and yaml.load with a loader that is not a SafeLoader."""
    tree = ast.parse(source, name)
    safe_loaders = {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
                    and any(_dotted(base).endswith("SafeLoader") for base in node.bases)}
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UNSAFE_MODULES:
            found.append(f"{where}: from {node.module} import")
        elif isinstance(node, ast.Call):
            called = _dotted(node.func)
            parts = tuple(called.rsplit(".", 1)) if "." in called else ("", called)
            if called in ("eval", "exec", "builtins.eval", "builtins.exec", "__import__") or parts in UNSAFE_CALLS:
                found.append(f"{where}: {called}()")
            elif parts[0] == "yaml" and parts[1] in ("load", "load_all"):
                loader = next((_dotted(k.value) for k in node.keywords if k.arg == "Loader"),
                              _dotted(node.args[1]) if len(node.args) > 1 else "")
                if not (loader.endswith("SafeLoader") or loader in safe_loaders):
                    found.append(f"{where}: yaml.{parts[1]} with Loader={loader or 'none'}")
    return found


def test_the_checker_finds_unsafe_loading():
    bad = ("import pickle\nimport marshal as m\nfrom shelve import open\nimport yaml\nfrom yaml import CSafeLoader\n"
           "class L(yaml.SafeLoader): pass\nyaml.load(s, Loader=yaml.FullLoader)\nyaml.load(s)\nyaml.load(s, L)\n"
           "yaml.load(s, Loader=CSafeLoader)\neval('1')\nexec('x')\npickle.loads(b'')\nyaml.unsafe_load(s)\n")
    assert unsafe_code(bad, "bad.py") == [
        "bad.py:1: import pickle", "bad.py:2: import marshal", "bad.py:3: from shelve import",
        "bad.py:7: yaml.load with Loader=yaml.FullLoader", "bad.py:8: yaml.load with Loader=none",
        "bad.py:11: eval()", "bad.py:12: exec()", "bad.py:13: pickle.loads()", "bad.py:14: yaml.unsafe_load()"]


def test_nothing_in_scripts_loads_what_can_run():
    found = []
    for path in sorted((ROOT / "scripts").rglob("*.py")):
        found += unsafe_code(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    assert found == []


def test_the_cache_is_ignored_by_git():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".cache/kb-check/00.jsonl"], cwd=ROOT, timeout=60)
    assert ignored.returncode == 0
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
