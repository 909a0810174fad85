#!/usr/bin/env python3
"""Lighthouse audit (``make audit``): scores of the home page, one page of every entity type and
the graph page, run by Lighthouse 12.2.3 (tools/audit) against Debian's Chromium.

Prints a table of performance, accessibility, best-practices and SEO scores (the median of
several runs, since performance varies from run to run) and the pages below the performance
target of 95; exits 1 if a page's accessibility, best practices or SEO is below 100, or its
performance below the floor of 90. With ``--details``, names each audit that cost a point. The site is
served from site/ on 127.0.0.1 (run ``make build`` first; make does).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from localserver import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
#: One page of every type, the home page and the graph page.
PAGES = {"home": "", "person": "people/dmitry-rogozin/", "organisation": "organisations/nato-russia-council/",
         "treaty": "treaties/new-start/", "event": "events/lisbon-nrc-summit-2010/", "place": "places/kaliningrad/",
         "topic": "topics/european-missile-defence/", "source": "sources/ivanov-2011/", "graph": "graph/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: The other categories must score 100 on every page: their audits give the same answer on
#: every run, so they fail the audit.
PERFECT = ("accessibility", "best-practices", "seo")
#: The performance target: a page whose median is below it is reported (the numbers are the
#: benchmark's, on the performance page), not failed: on this shared 2-core machine one page's
#: median moves by 3 points from one hour to the next.
TARGET = 95
#: Below this median a page fails the audit: a regression no noise explains.
FLOOR = 90


def audit(url: str, preset: str, details: set[str] | None = None) -> dict[str, int]:
    """Lighthouse scores (0–100) of one URL; each audit that cost a point in a category that
    must be perfect is added to `details`, if given."""
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--chrome-path={CHROMIUM}", f"--chrome-flags={CHROME_FLAGS}",
               "--only-categories=" + ",".join(CATEGORIES)]
    if preset == "desktop":
        command.append("--preset=desktop")
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    if details is not None:
        audits = report["audits"]
        for name in PERFECT:
            for ref in report["categories"][name]["auditRefs"]:
                found = audits.get(ref["id"], {})
                if ref.get("weight", 0) > 0 and found.get("score") is not None and found["score"] < 1:
                    details.add(f"{name}: {ref['id']} ({found.get('title', '')})")
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile",
                        help="Lighthouse's device and throttling preset (default: mobile, the stricter)")
    parser.add_argument("--runs", type=int, default=7,
                        help="runs per page; the median score is kept, as Lighthouse's docs advise (default: 7)")
    parser.add_argument("--details", action="store_true", help="name each audit that cost a point, by page")
    parser.add_argument("--pages", nargs="*", choices=sorted(PAGES), help="audit only these pages")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"audit.py: no built site in {site}: run `make build`", file=sys.stderr)
        return 2
    if not LIGHTHOUSE.is_file():
        print(f"audit.py: {LIGHTHOUSE} is missing: run `make audit` (it installs Lighthouse)", file=sys.stderr)
        return 2
    failed = False
    with serve(site, compress=True) as base:
        # One run to warm the disk cache and Chromium's own files, not counted; then the pages
        # in turn, round after round, so that a slow spell of a shared machine spreads over
        # every page instead of sinking the one measured during it.
        audit(base, args.preset)
        pages = {name: path for name, path in PAGES.items() if not args.pages or name in args.pages}
        runs: dict[str, list[dict[str, int]]] = {name: [] for name in pages}
        lost: dict[str, set[str]] = {name: set() for name in pages}
        for _ in range(args.runs):
            for name, path in pages.items():
                runs[name].append(audit(base + path, args.preset, lost[name] if args.details else None))
    below: list[str] = []
    print(f"| Page | {' | '.join(CATEGORIES)} | performance, each run |")
    print("| --- |" + " ---: |" * len(CATEGORIES) + " --- |")
    for name, path in pages.items():
        scores = {c: sorted(run[c] for run in runs[name])[len(runs[name]) // 2] for c in CATEGORIES}
        failed |= scores["performance"] < FLOOR or any(scores[c] < 100 for c in PERFECT)
        if scores["performance"] < TARGET:
            below.append(f"{name} ({scores['performance']})")
        each = " ".join(str(run["performance"]) for run in runs[name])
        print(f"| {name} (`/{path}`) | " + " | ".join(str(scores[c]) for c in CATEGORIES) + f" | {each} |")
    for name, found in lost.items():
        for item in sorted(found):
            print(f"  {name}: {item}")
    print(f"\nLighthouse 12.2.3, {args.preset} preset, median of {args.runs} runs (interleaved, after one"
          f" warm-up run); the others must be 100, performance at least {FLOOR} (target {TARGET}).")
    if below:
        print(f"Below the performance target of {TARGET}: {', '.join(below)}.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
