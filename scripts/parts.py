#!/usr/bin/env python3
"""Where a cold check's time goes: processor seconds of each part of the scan and of each rule,
in one process, timed by wrappers around each part (about a microsecond a call; no profiler,
whose own cost would distort the shares).

    python scripts/parts.py path/to/mkdocs.yml

The benchmark's synthetic sites are made by ``scripts/synthetic.py`` (``make bench`` keeps them
under the system's temporary folder).
"""

from __future__ import annotations

import functools
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb import bounds, check, frontmatter, generated, markers, markup, scan  # noqa: E402
from kb import site as sitemod  # noqa: E402
from kb.config import load_config  # noqa: E402

#: (module, function, part) of the scan, timed where the scan calls them.
SCAN_PARTS = [
    (scan, "read_text", "reading files"), (sitemod, "read_text", "reading files"),
    (frontmatter, "parse", "front matter"), (markup, "mask", "masking code"), (bounds, "find", "bounds"),
    (markup, "html_tags", "raw HTML tags"), (markup, "headings", "headings"), (scan, "page_ids", "heading ids"),
    (markup, "links", "links"), (markup, "reference_definitions", "links"), (markup, "prose", "running text"),
    (scan, "linked_paths", "linked paths"), (markup, "footnote_definitions", "footnotes"),
    (scan, "footnote_ids", "footnotes"), (markers, "find", "markers"),
]


def timed(function: Callable[..., Any], totals: dict[str, float], label: str,
          as_list: bool = False) -> Callable[..., Any]:
    """`function`, adding the time of each call to ``totals[label]`` (its result listed, for rules)."""
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            result = function(*args, **kwargs)
            return list(result) if as_list else result
        finally:
            totals[label] = totals.get(label, 0.0) + time.perf_counter() - started
    return wrapper


def main(config_file: str) -> None:
    gc.disable()
    parts: dict[str, float] = {}
    for module, name, label in SCAN_PARTS:
        setattr(module, name, timed(getattr(module, name), parts, label))
    rules: dict[str, float] = {}
    check.PAGE_RULES = tuple(timed(r, rules, f"{r.__module__.split('.')[-1]}.{r.__name__}", True)
                             for r in check.PAGE_RULES)
    check.SITE_RULES = tuple(timed(r, rules, f"{r.__module__.split('.')[-1]}.{r.__name__} (site)", True)
                             for r in check.SITE_RULES)
    config = load_config(config_file)
    started = time.perf_counter()
    site = sitemod.Site(config, workers=1, fill_static=generated.fill_static)
    scanned = time.perf_counter()
    problems = check.check_site(site, 1)
    done = time.perf_counter()
    print(f"{len(site.pages)} pages, {len(problems)} problems: reading and scanning {scanned - started:.2f} s, "
          f"rules {done - scanned:.2f} s (processor seconds, one process)")
    for label, seconds in sorted(parts.items(), key=lambda item: -item[1]):
        print(f"  scan  {label:40s} {seconds:6.2f}")
    print(f"  scan  {'(the rest)':40s} {scanned - started - sum(parts.values()):6.2f}")
    for label, seconds in sorted(rules.items(), key=lambda item: -item[1])[:15]:
        print(f"  rule  {label:40s} {seconds:6.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
