"""The build fails closed in every mode: small attacked sites, built as deployers build them
(`mkdocs build`, `-q`, `--strict -q`, the offline copy, `gh-deploy`, `serve`), each exit non-zero,
name the file and line, and leave nothing unsafe in the site directory.

Each vector is caught by the checker (a security problem stops the build before anything is
written) or by the judge of built pages (`kb.htmlsafety`: the page is replaced by a stub and the
build stops once every page is judged); either way the build refuses. The "theme script"
vectors can only be caught by the judge: an override template whose inline script holds page
data, so its text differs from what the theme's scripts render to (the policy would not allow
it either), or that loads a script file of docs/ rather than the theme's or mkdocs.yml's.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from attacks import attacked_site

pytestmark = pytest.mark.slow

MARK = "kbpwned"
HOME = f"---\ntitle: Home\n---\n# Home\n\nHello {MARK}.\n\n"  # the page's text: not in the search index either
PLAIN = "---\ntitle: Home\n---\n# Home\n\nHello.\n"  # a page with nothing wrong (beside an unsafe file)

_AT_8 = r"docs/index\.md:8:\d+: KB3\d\d"  # the attack's line, a security code (the checker's or the judge's)

#: name -> (files, symlinks {path: target}, where the problem is reported: a "file:line:" regex)
ATTACKS: dict[str, tuple[dict[str, str], dict[str, str], str]] = {
    "script": ({"index.md": HOME + f"<script>alert('{MARK}')</script>\n"}, {}, _AT_8),
    "svg animate": ({"index.md": HOME + f'<svg><a><animate attributeName="href" values="javascript:alert(\'{MARK}\')"/>'
                                        "<text>x</text></a></svg>\n"}, {}, _AT_8),
    "attr_list onclick": ({"index.md": HOME + f"[click](index.md){{ onclick=\"alert('{MARK}')\" }}\n"}, {},
                          _AT_8),
    "unclosed comment": ({"index.md": HOME + f"<!--\n<script>alert('{MARK}')</script>\n"}, {},
                         r"docs/index\.md:[89]:\d+: KB3\d\d"),
    "symlink": ({"index.md": HOME}, {"hostname.txt": "/etc/hostname"}, r"docs/hostname\.txt:1:1: KB003"),
    "theme script": ({"index.md": HOME}, {}, r"docs/index\.md:2:1: KB315"),
    "theme script file": ({"index.md": HOME, "x.js": "alert(1)"}, {}, r"docs/index\.md:2:1: KB315"),
    "title breakout": ({"index.md": HOME.replace("title: Home", f"title: x</title><script>alert('{MARK}')</script>")},
                       {}, r"docs/index\.md:2:\d+: KB\d\d\d"),
    "script file": ({"index.md": PLAIN.replace("title: Home", 'title: x</title><script src="x.js"></script>'),
                     "x.js": f"alert('{MARK}')"}, {}, r"docs/index\.md:2:\d+: KB\d\d\d"),
    "svg file": ({"index.md": PLAIN, "map.svg": f'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(\'{MARK}\')'
                                               "</script></svg>"}, {}, r"docs/map\.svg:2:1: KB310"),
    "svg entity": ({"index.md": PLAIN,
                    "map.svg": f'<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;{MARK}&#60;/script&#62;">]>'
                               '\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'}, {},
                   r"docs/map\.svg:1:1: KB317"),
    "html file": ({"index.md": PLAIN, "about.html": f"<p>x</p>\n<img src=x onerror=\"alert('{MARK}')\">"}, {},
                  r"docs/about\.html:2:\d+: KB311"),
}

#: Theme templates of the project that some attacks need (judge-only: the checker reads no template).
OVERRIDES = {
    "theme script": '<script>var title = "{{ page.title }}";</script>',  # page data: not the theme's text
    "theme script file": "<script src=\"{{ 'x.js' | url }}\"></script>",  # a file of docs/, not a theme script
}

#: What must not be in any file of the site after the refusal (the theme script with page data).
UNSAFE_TEXT = {"theme script": (MARK, 'var title = "Home"'), "theme script file": (MARK, 'src="x.js"'),
               "script file": ('src="x.js"',)}  # x.js itself is copied: inert, as nothing may load it

SAFE = ({"index.md": HOME + "[NATO](https://www.nato.int/) and an image: ![map](map.svg)\n",
         "map.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'}, {}, "")


def run(config: Path, *args: str, env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args, "--config-file", str(config)],
                          capture_output=True, text=True, cwd=config.parent, timeout=timeout, check=False,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))


def assert_refused(result: subprocess.CompletedProcess, where: str, site: Path | None,
                   unsafe_texts: tuple[str, ...] = (MARK,)) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert re.search(where, output), output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    if site is not None and site.exists():
        unsafe = [p for p in site.rglob("*") if p.is_file() and (
            any(text in p.read_text(encoding="utf-8", errors="replace") for text in unsafe_texts)
            or p.name == "hostname.txt")]
        assert unsafe == [], unsafe


MODES = {
    "build": ((), {}),
    "build -q": (("-q",), {}),
    "build --strict -q": (("--strict", "-q"), {}),
    "offline": (("-q",), {"KB_OFFLINE": "true"}),
}


def _build_attacked(tmp_path: Path, name: str, mode: str) -> None:
    """Build an attacked site in one mode and check that the build refused it."""
    args, env = MODES[mode]
    attack = ATTACKS[name]
    config = attacked_site(tmp_path, attack, OVERRIDES.get(name, ""))
    site = tmp_path / "site"
    assert_refused(run(config, "build", *args, "--site-dir", str(site), env=env), attack[2], site,
                   UNSAFE_TEXT.get(name, (MARK,)))


@pytest.mark.parametrize("mode", ["build -q", "offline"])
@pytest.mark.parametrize("name", list(ATTACKS))
def test_each_attack_is_refused_by_a_quiet_build_and_the_offline_copy(tmp_path, name, mode):
    """The offline copy (file://) has no policy: the judge alone keeps every vector out of it."""
    _build_attacked(tmp_path, name, mode)


@pytest.mark.parametrize("mode", ["build", "build --strict -q"])
@pytest.mark.parametrize("name", ["svg animate", "attr_list onclick", "theme script"])
def test_every_mode_refuses(tmp_path, mode, name):
    _build_attacked(tmp_path, name, mode)


@pytest.mark.parametrize("mode", ["build --strict -q", "offline"])
def test_a_safe_site_builds(tmp_path, mode):
    """The control: the same small site without an attack builds, so the refusals above are the attacks'."""
    args, env = MODES[mode]
    config = attacked_site(tmp_path, SAFE)
    result = run(config, "build", *args, "--site-dir", str(tmp_path / "site"), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8").count("www.nato.int") == 1


def test_strict_aborts_on_a_checker_error_even_when_quiet(tmp_path):
    """Not a security problem, but --strict -q must not exit 0 with an error (MkDocs counts only
    the warnings it logs, and -q logs none)."""
    config = attacked_site(tmp_path, ({"index.md": HOME + "[gone](missing.md)\n"}, {}, ""))
    result = run(config, "build", "--strict", "-q", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0
    assert re.search(r"docs/index\.md:8:\d+: KB201", result.stdout + result.stderr), result.stdout + result.stderr
    plain = run(config, "build", "-q", "--site-dir", str(tmp_path / "site"))
    assert plain.returncode == 0, plain.stdout + plain.stderr


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)


def _deploy(tmp_path: Path,
            attack: tuple[dict[str, str], dict[str, str], str]) -> tuple[subprocess.CompletedProcess, str]:
    """gh-deploy the site to a local bare repository (no network); what it printed and the
    remote's refs afterwards."""
    remote = tmp_path / "remote.git"
    assert _git("init", "--bare", "-q", str(remote), cwd=tmp_path).returncode == 0
    project = tmp_path / "project"
    project.mkdir()
    config = attacked_site(project, attack)
    assert _git("init", "-q", cwd=project).returncode == 0
    env = dict(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    result = run(config, "gh-deploy", "--force", "--no-history", "--ignore-version", "--remote-name",
                 remote.as_uri(), "--site-dir", str(project / "site"), env=env)
    return result, _git("show-ref", cwd=remote).stdout


def test_gh_deploy_refuses_and_pushes_nothing(tmp_path):
    result, refs = _deploy(tmp_path, ATTACKS["svg animate"])
    assert_refused(result, ATTACKS["svg animate"][2], tmp_path / "project" / "site")
    assert refs == ""


def test_gh_deploy_of_a_safe_site_pushes(tmp_path):
    """The control: the same deployment of a safe site reaches the bare repository."""
    result, refs = _deploy(tmp_path, SAFE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "refs/heads/gh-pages" in refs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_refuses_on_its_first_build(tmp_path):
    config = attacked_site(tmp_path, ATTACKS["attr_list onclick"])
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config),
         "--dev-addr", f"127.0.0.1:{_free_port()}", "--no-livereload"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        output, _ = process.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"mkdocs serve kept serving an attacked site:\n{output[-3000:]}")
    assert process.returncode != 0, output[-3000:]
    assert re.search(ATTACKS["attr_list onclick"][2], output), output[-3000:]


def test_serve_does_not_publish_a_page_made_unsafe_while_it_runs(tmp_path):
    """A later rebuild that finds an unsafe page fails: the error names the file and line and the
    server holds every request until the page is fixed (the page's file is the stub meanwhile)."""
    import time
    import urllib.request

    config = attacked_site(tmp_path, SAFE)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=sink, stderr=subprocess.STDOUT, cwd=tmp_path, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))

    def home() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=3) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""  # not up yet, or held while the build is broken

    def wait_for(check, what: str) -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            if check():
                return
            time.sleep(0.3)
        pytest.fail(f"never {what}:\n{log.read_text()[-3000:]}")

    try:
        wait_for(lambda: "www.nato.int" in home(), "served the safe page")
        (tmp_path / "docs" / "index.md").write_text(HOME + f"[click](index.md){{ onclick=\"alert('{MARK}')\" }}\n",
                                                   encoding="utf-8")
        wait_for(lambda: re.search(ATTACKS["attr_list onclick"][2], log.read_text()), "reported the unsafe page")
        assert MARK not in home()
        (tmp_path / "docs" / "index.md").write_text(HOME + "Fixed again.\n", encoding="utf-8")
        wait_for(lambda: "Fixed again." in home(), "served the fixed page")
    finally:
        process.kill()
        process.wait(timeout=30)
