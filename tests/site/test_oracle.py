"""The checker agrees with the build on every link of a site that is not ours (tests/corpus/).

The oracle is the build itself: `mkdocs build --strict` on the corpus, with every link
validation turned to a warning, and our pass over the HTML it wrote (`kb.sitelinks`: links in raw
HTML, which MkDocs does not check, and footnote back-links). Markdown the build leaves as text
(an undefined footnote or reference, outside raw HTML blocks) is found in the built HTML too. The checker must report
exactly those, each at its line: nothing missed, no false alarm.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from kb.check import check_config
from kb.sitelinks import check_built

CORPUS = ROOT / "tests" / "corpus"
DOCS = CORPUS / "docs"

#: MkDocs' messages about links, and the (page, URL) each names.
_MKDOCS = [
    re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link '(?P<url>[^']+)'"),
    re.compile(r"Doc file '(?P<page>[^']+)' contains a link to '(?P<url>[^']+)' which is excluded"),
    re.compile(r"Excluding '(?P<page>[^']+)' from the site because it conflicts"),
]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    site = tmp_path_factory.mktemp("corpus") / "site"
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-f",
                             str(CORPUS / "mkdocs.yml"), "-d", str(site)], capture_output=True, text=True, check=False,
                            cwd=CORPUS)
    assert result.returncode == 1, "the corpus has broken links: the strict build must fail"
    log = result.stdout + result.stderr
    assert "Aborted with" in log and "Traceback" not in log, log
    return site, log


def page_of(html_uri: str) -> str:
    """The source page of a built HTML file of the corpus."""
    folder = html_uri.removesuffix("index.html").rstrip("/")
    for ext in (".md", ".markdown", ".mdown", ".mkdn", ".mkd"):
        for candidate in (folder + ext, (folder + "/index" if folder else "index") + ext):
            if (DOCS / candidate).is_file():
                return candidate
    raise AssertionError(f"no source page for {html_uri}")


def line_of(page: str, needle: str) -> int:
    """The line of the page where `needle` (a URL as the build saw it) is written; for text a
    snippet brings in, the line that includes the snippet."""
    text = (DOCS / page).read_text(encoding="utf-8")
    # As written: backslash escapes may stand before any character, angle brackets around the URL.
    pattern = re.compile("".join(r"\\?" + re.escape(c) for c in needle))
    found = [i for i, line in enumerate(text.split("\n"), 1) if pattern.search(line)]
    if found:
        assert len(found) == 1, f"{needle!r} is on several lines of {page}: the corpus must keep URLs unique"
        return found[0]
    for i, line in enumerate(text.split("\n"), 1):
        include = re.match(r'--8<-- "([^"]+)"', line)
        if include and pattern.search((CORPUS / "includes" / include.group(1)).read_text(encoding="utf-8")):
            return i
    raise AssertionError(f"{needle!r} not found in {page}")


def expected(site: Path, log: str) -> set[tuple[str, int]]:
    found = set()
    for line in log.splitlines():
        for pattern in _MKDOCS:
            m = pattern.search(line)
            if m:
                page = m.group("page")
                found.add((page, 1) if "url" not in m.groupdict() else (page, line_of(page, m.group("url"))))
                break
    for problem in check_built(site):
        page = page_of(problem.file)
        url = re.match(r"link '([^']+)'", problem.message).group(1)
        html_line = (site / problem.file).read_text(encoding="utf-8").split("\n")[problem.line - 1]
        if "footnote-backref" in html_line:
            # The back-link of a footnote that is never referenced: at the footnote's definition.
            label = url.split(":", 1)[1]
            found.add((page, line_of(page, f"[^{label}]:")))
        elif re.search(rf"""(href|src)=["']{re.escape(url)}["']""", (DOCS / page).read_text(encoding="utf-8")):
            found.add((page, line_of(page, f'="{url}"')))  # raw HTML: MkDocs neither rewrites nor checks it
        else:  # a Markdown link, rewritten by MkDocs: its log named it
            assert any(p == page for p, _ in found), (page, url)
    for html_file in site.rglob("*.html"):  # Markdown left as text: undefined footnotes and references
        uri = html_file.relative_to(site).as_posix()
        if uri == "404.html" or uri.startswith(("search/", "assets/")):
            continue
        # Markdown inside a raw HTML block is text by design (the corpus marks those blocks "raw").
        html = re.sub(r'<div class="raw">.*?</div>', "", html_file.read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"<[^>]+>", "", html)
        for literal in re.findall(r"\[\^[^\]\s]+\]|\]\[[^\]\s]+\]", text):
            found.add((page_of(uri), line_of(page_of(uri), literal)))
    return found


def test_the_oracle_sees_every_kind_of_broken_link(build):
    site, log = build
    pages = {page for page, _ in expected(site, log)}
    assert {"snippets.md", "ext/index.md", "ext/alpha.markdown", "ext/delta.mkd", "ext/gamma.mkdn", "footnotes.md",
            "parsing.md", "raw-html.md", "unpublished.md", "readme/README.md"} <= pages


def test_the_checker_reports_exactly_what_the_build_breaks_at_the_same_lines(build):
    site, log = build
    _, problems = check_config(CORPUS / "mkdocs.yml")
    links = {(p.file, p.line) for p in problems if p.code != "KB129"}
    oracle = expected(site, log)
    assert sorted(oracle - links) == [], "missed"
    assert sorted(links - oracle) == [], "false alarms"


def test_every_finding_points_at_the_link_or_the_inclusion(build):
    _, problems = check_config(CORPUS / "mkdocs.yml")
    for problem in problems:
        line = (DOCS / problem.file).read_text(encoding="utf-8").split("\n")[problem.line - 1]
        assert line[problem.col - 1 :][:1] in ("[", "<", "!", '"', "-", "h", "(") or problem.col > 1 or \
            problem.code in ("KB010", "KB129"), (problem.format(), line)
        if "in snippet '" in problem.message:
            assert re.search(r"at includes/part\.md:\d+", problem.message), problem.message


def test_content_rules_stay_off_on_a_site_that_is_not_the_knowledge_base(build):
    _, problems = check_config(CORPUS / "mkdocs.yml")
    assert {p.code for p in problems} <= {"KB010", "KB129", "KB201", "KB205", "KB206", "KB207", "KB208", "KB214"}


def test_duplicate_titles_are_found_among_any_pages(build):
    _, problems = check_config(CORPUS / "mkdocs.yml")
    assert [(p.file, p.line, p.message) for p in problems if p.code == "KB129"] == [
        ("a/perf.md", 2, "title 'Performance' is also the title of b/perf.md"),
        ("b/perf.md", 1, "title 'Performance' is also the title of a/perf.md"),
    ]
