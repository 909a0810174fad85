#!/usr/bin/env python3
"""Benchmark: synthetic knowledge bases of 100, 1,000 and 10,000 pages (``make bench``).

For each size it measures our checker (cold: no cache; warm: second run with the cache; and
after one page is edited), its peak memory and its findings against the planted defects;
``mkdocs build`` of the same site without and with the knowledge-base hooks (median of three
alternating runs of each, the cache warm as ``make build`` leaves it); and linkchecker over
HTTP on the built site (up to 1,000 pages: it is far too slow beyond).
It prints a Markdown table and, with ``--write``, puts it in docs/about/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localserver import serve  # noqa: E402
from synthetic import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORK = ROOT / ".bench"
PAGE = ROOT / "docs" / "about" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
LINKCHECKER_LIMIT = 1000
#: Builds of each kind per size (the median is reported).
BUILD_REPEAT = 3


def run_child(command: list[str], env: dict | None = None,
              cwd: Path | None = None) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run a command and measure its own peak memory (via wait4)."""
    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=devnull, text=True, env=env, cwd=cwd)
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, subprocess.CompletedProcess(command, code, output, "")


def check(root: Path, cache: bool) -> tuple[float, int, list[dict]]:
    """Our checker on a synthetic site; (seconds, MiB, problems)."""
    command = [sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(root / "mkdocs.yml"),
               "--format", "json", "--quiet"] + ([] if cache else ["--no-cache"])
    seconds, peak, result = run_child(command)
    return seconds, peak, json.loads(result.stdout)


def check_after_edit(root: Path) -> float:
    """The checker after one page has been edited (a sentence added), with the cache: the
    contributor's case. The page is restored afterwards (and the cache brought up to date)."""
    page = next((root / "docs" / "people").glob("entity-*.md"))
    text = page.read_text(encoding="utf-8")
    try:
        page.write_text(text + "\nOne more sentence.\n", encoding="utf-8")
        seconds, _, _ = check(root, cache=True)
    finally:
        page.write_text(text, encoding="utf-8")
    check(root, cache=True)
    return seconds


def build(root: Path, with_hooks: bool) -> tuple[float, int]:
    """``mkdocs build`` of a synthetic site; (seconds, site size in MiB)."""
    config = root / "mkdocs.yml"
    if not with_hooks:
        text = config.read_text(encoding="utf-8")
        config = root / "mkdocs-plain.yml"
        config.write_text(re.sub(r"\nhooks:\n(  - .*\n)+", "\n", text), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)  # a fresh build, as CI makes (cleaning is MkDocs' own cost)
    seconds, _, result = run_child([str(BIN / "mkdocs"), "build", "-q", "--config-file", str(config),
                                    "--site-dir", str(site)], env=env, cwd=root)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed for {root}")
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) // (1024 * 1024)
    return seconds, size


def linkchecker(root: Path) -> tuple[float, int]:
    """linkchecker over HTTP on the built site; (seconds, broken links and anchors reported)."""
    rc = root / "linkcheckerrc"
    rc.write_text("[checking]\nthreads=4\nmaxrequestspersecond=1000\n[filtering]\ncheckextern=0\n")
    with serve(root / "site") as url:
        seconds, _, result = run_child([str(BIN / "linkchecker"), "--config", str(rc), "--no-status", "--verbose",
                                        "--output", "csv", "--recursion-level", "-1", url])
    rows = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    records = list(csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"))
    bad = [r for r in records if r["valid"] != "True" or "anchor" in (r.get("warningstring") or "").lower()]
    return seconds, len(bad)


def browser_measures(root: Path) -> dict:
    """First visit of an entity page (bytes by kind, plain and gzip) and search latency, in Chromium."""
    import gzip

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    sizes: dict[str, list[int]] = {"html": [0, 0], "css": [0, 0], "js": [0, 0], "index": [0, 0], "other": [0, 0]}
    with serve(root / "site") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=flags)
        page = browser.new_page()

        def record(response) -> None:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                return
            name = response.url.split("?")[0]
            kind = ("index" if name.endswith("search_index.json") else "css" if name.endswith(".css")
                    else "js" if name.endswith(".js") else "html" if response.request.resource_type == "document"
                    else "other")
            sizes[kind][0] += len(body)
            sizes[kind][1] += len(gzip.compress(body))

        page.on("response", record)
        entity = next((root / "docs" / "people").glob("entity-*.md")).stem
        page.goto(f"{url}people/{entity}/")
        page.wait_for_load_state("networkidle")
        box = page.locator("input.md-search__input")
        started = time.perf_counter()
        box.click()
        box.press_sequentially("alliance")
        page.locator(".md-search-result__item").first.wait_for(timeout=600_000)
        first = time.perf_counter() - started
        latencies = []
        for query in ("treaty summit", "missile", "entity 00042"):
            box.fill("")
            started = time.perf_counter()
            box.press_sequentially(query)
            page.wait_for_function(
                "q => { const m = document.querySelector('.md-search-result__meta'); "
                "return m && !/Type to start/.test(m.textContent); }",
                arg=query, timeout=120_000)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            latencies.append(time.perf_counter() - started)
        browser.close()
    return {"visit": sizes, "search_first": first, "search_next": sorted(latencies)[len(latencies) // 2]}


def machine() -> str:
    """The machine the numbers were measured on."""
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}, {platform.system()}"


def measure(pages: int, do_build: bool, do_linkchecker: bool) -> dict:
    """Every measurement for one size."""
    root = WORK / f"kb-{pages}"
    planted = generate(root, pages)
    row: dict = {"pages": pages, "planted": len(planted)}
    shutil.rmtree(root / ".cache", ignore_errors=True)
    row["check_cold"], row["check_mib"], problems = check(root, cache=False)
    check(root, cache=True)  # fills the cache
    row["check_warm"], _, warm = check(root, cache=True)
    found = {(p["file"], p["line"], p["code"]) for p in problems}
    assert {(p["file"], p["line"], p["code"]) for p in warm} == found, "warm and cold runs disagree"
    row["found"] = len(found & planted)
    row["extra"] = len(found - planted)
    row["check_edit"] = check_after_edit(root)
    if do_build:
        # Builds vary by several percent from run to run here: alternate the two, take medians.
        plain, hooks = [], []
        for _ in range(BUILD_REPEAT):
            plain.append(build(root, with_hooks=False)[0])
            seconds, row["site_mib"] = build(root, with_hooks=True)
            hooks.append(seconds)
        row["build_plain"], row["build"] = statistics.median(plain), statistics.median(hooks)
        index = root / "site" / "search" / "search_index.json"
        row["index_mib"] = index.stat().st_size / (1024 * 1024)
        if do_linkchecker and pages <= LINKCHECKER_LIMIT:
            row["linkchecker"], row["linkchecker_found"] = linkchecker(root)
        row.update(browser_measures(root))
    return row


def table(rows: list[dict]) -> str:
    """The results as a Markdown table."""
    head = ("| Pages | Checker, cold | Checker, warm (cache) | Checker, one page edited | Checker peak memory "
            "| Checker findings | linkchecker | linkchecker findings | `mkdocs build` (plain) "
            "| `mkdocs build` (with the KB hooks) | Site size | Search index |")
    lines = [head, "| ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        found = f"{r['found']} of {r['planted']} planted, {r['extra']} other"
        lc = (f"{r['linkchecker']:.1f} s" if "linkchecker" in r
              else "not run (too slow)" if r["pages"] > LINKCHECKER_LIMIT else "not run")
        lc_found = f"{r['linkchecker_found']} reported" if "linkchecker" in r else "—"
        build_plain = f"{r['build_plain']:.1f} s" if "build_plain" in r else "—"
        build_hooks = (f"{r['build']:.1f} s ({100 * (r['build'] / r['build_plain'] - 1):+.0f}%)"
                       if "build" in r else "—")
        size = f"{r['site_mib']} MiB" if "site_mib" in r else "—"
        index = f"{r['index_mib']:.1f} MiB" if "index_mib" in r else "—"
        lines.append(f"| {r['pages']:,} | {r['check_cold']:.2f} s | {r['check_warm']:.2f} s | {r['check_edit']:.2f} s "
                     f"| {r['check_mib']} MiB "
                     f"| {found} | {lc} | {lc_found} | {build_plain} | {build_hooks} | {size} | {index} |")
    browser = [r for r in rows if "visit" in r]
    if browser:
        lines += ["", "| Pages | First visit of an entity page: HTML / CSS / JS / search index (gzip) | Total | "
                  "Search: first results (index loaded in the browser) | Search: next query |",
                  "| ---: | --- | ---: | ---: | ---: |"]
        for r in browser:
            v = r["visit"]
            parts = " / ".join(f"{v[k][0] / 1024:,.0f} KiB ({v[k][1] / 1024:,.0f})"
                               for k in ("html", "css", "js", "index"))
            total = sum(x[0] for x in v.values()) / 1024
            gz = sum(x[1] for x in v.values()) / 1024
            lines.append(f"| {r['pages']:,} | {parts} | {total:,.0f} KiB ({gz:,.0f} gzip) | "
                         f"{r['search_first']:.2f} s | {r['search_next']:.2f} s |")
    return "\n".join(lines)


def write_page(markdown: str) -> None:
    """Replace the table between the bench markers of the performance page."""
    text = PAGE.read_text(encoding="utf-8")
    block = f"{START}\n{markdown}\n{END}"
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    PAGE.write_text(text, encoding="utf-8")


def pathological() -> str:
    """Pathological Markdown (`scripts/pathological.py`): for each construct, the checker on a
    1 MB page of it (which the bounds refuse, `kb.bounds`), and Python-Markdown with the site's
    extensions on the largest page of it that the bounds accept (what the build may render)."""
    import tempfile

    import markdown
    from pathological import GENERATORS, largest_accepted, sized

    from kb import bounds
    from kb.check import check_config
    from kb.config import load_config

    config = load_config(ROOT / "mkdocs.yml")
    extensions = dict(config.markdown_extensions)
    extensions.pop("pymdownx.snippets", None)
    lines = ["| Construct | 1 MB page: checker | Found | Largest accepted page | Python-Markdown on it |",
             "| --- | ---: | --- | ---: | ---: |"]
    for name, generator in GENERATORS.items():
        print(f"  {name}…", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "docs").mkdir()
            (root / "docs" / "index.md").write_text(sized(generator, 1 << 20), encoding="utf-8")
            (root / "mkdocs.yml").write_text("site_name: pathological\n", encoding="utf-8")
            started = time.perf_counter()
            _, problems = check_config(root / "mkdocs.yml")
            checked = time.perf_counter() - started
        codes = ", ".join(sorted({p.code for p in problems if p.code in ("KB304", "KB305")})) or "—"
        accepted = largest_accepted(generator, bounds.MAX_PAGE_BYTES)
        started = time.perf_counter()
        markdown.Markdown(extensions=list(extensions), extension_configs=extensions).convert(accepted)
        rendered = time.perf_counter() - started
        lines.append(f"| {name} | {checked:.2f} s | {codes} | {len(accepted.encode()) / 1024:,.1f} KiB "
                     f"| {rendered:.2f} s |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--no-build", action="store_true", help="skip mkdocs build and linkchecker")
    parser.add_argument("--no-linkchecker", action="store_true", help="skip linkchecker")
    parser.add_argument("--write", action="store_true", help=f"update {PAGE.relative_to(ROOT)}")
    parser.add_argument("--pathological", action="store_true",
                        help="only time the checker and Python-Markdown on pathological Markdown")
    args = parser.parse_args(argv)
    if args.pathological:
        print(pathological())
        return 0
    rows = []
    for pages in args.sizes:
        print(f"measuring {pages:,} pages…", file=sys.stderr, flush=True)
        rows.append(measure(pages, not args.no_build, not args.no_linkchecker))
    result = table(rows)
    stamp = f"Measured on {date.today().isoformat()} on {machine()}."
    print(result)
    print(f"\n{stamp}")
    if args.write:
        write_page(f"{result}\n\n{stamp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
