"""Command line of the checker: ``python scripts/check.py [--config mkdocs.yml] [--format …]``."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from .check import check_config
from .config import ConfigError, load_config
from .editorial import check_renames, renamed_pages
from .problems import Problem, Severity, to_json
from .sitelinks import check_built

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also documents the options)."""
    parser = argparse.ArgumentParser(
        prog="check.py",
        description="Check every page of the knowledge base: front matter, links, anchors, safety.",
    )
    parser.add_argument("--config", default=str(DEFAULT_CONFIG),
                        help="mkdocs.yml of the site (default: the repository's)")
    parser.add_argument("--format", choices=("text", "json", "github"), default=None,
                        help="text (default), json, or github (Actions annotations; default when GITHUB_ACTIONS=true)")
    parser.add_argument("--quiet", action="store_true", help="print problems only, no summary")
    parser.add_argument("--no-cache", action="store_true",
                        help="scan every page afresh (the cache lives in .cache/ next to mkdocs.yml)")
    parser.add_argument("--source-text", default=os.environ.get("KB_SOURCE_TEXT") or None,
                        help="a source's text file: the sources' texts are read from its folder, to verify "
                             "quotations and copied runs (default: $KB_SOURCE_TEXT)")
    parser.add_argument("--source-dir", default=os.environ.get("KB_SOURCE_DIR") or None,
                        help="the folder of the sources' texts (default: $KB_SOURCE_DIR, else the folder of "
                             "--source-text)")
    parser.add_argument("--since", metavar="REV", default=None,
                        help="also warn about pages renamed or deleted since this git revision without a redirect")
    parser.add_argument("--built", metavar="SITE_DIR", default=None,
                        help="check the built HTML in SITE_DIR instead (every local link and anchor resolves)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes that scan pages (default: one per core on large sites; 1 to disable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the checker; exit 1 if there is an error, 2 if the configuration is unusable."""
    args = build_parser().parse_args(argv)
    # A short-lived process that builds many small objects: the cyclic garbage collector would
    # only walk them again and again (it costs a third of a large warm run).
    gc.disable()
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    started = time.perf_counter()
    if args.built:
        return _check_built(args, fmt, started)
    try:
        site, problems = check_config(args.config, use_cache=not args.no_cache, workers=args.workers,
                                      source_text=args.source_text, source_dir=args.source_dir)
    except ConfigError as exc:
        print(f"check.py: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"check.py: cannot read the source text: {exc}", file=sys.stderr)
        return 2
    if args.since:
        try:
            docs_dir = os.path.relpath(site.config.docs_dir, site.config.root)
            renames = renamed_pages(str(site.config.root), docs_dir, args.since)
        except ValueError as exc:
            print(f"check.py: --since {args.since}: {exc}", file=sys.stderr)
            return 2
        problems = sorted(set(problems) | set(check_renames(site, renames)))
    elapsed = time.perf_counter() - started
    _print(problems, fmt, _display_prefix(site.config.docs_dir))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if not args.quiet:
        if not site.is_knowledge_base:
            print("note: the docs have none of the knowledge base's type folders (people/, sources/…): this site "
                  "was checked for links, anchors, safety and syntax only", file=sys.stderr)
        elif site.source_texts is None:
            print("note: quotations were not verified against the sources' texts "
                  "(give --source-dir DIR, or set KB_SOURCE_DIR or KB_SOURCE_TEXT)", file=sys.stderr)
        else:
            sources = sum(p.type == "source" and bool(p.meta.get("text")) for p in site.pages.values())
            print(f"quotations verified against {len(site.source_texts)} of {sources} sources' texts",
                  file=sys.stderr)
        files = len({p.file for p in problems})
        checked = len(site.derived.get("pages_checked", site.pages))
        reused = f" ({len(site.pages) - checked} unchanged, from the cache)" if checked < len(site.pages) else ""
        print(f"{errors} error(s), {warnings} warning(s) in {files} file(s); "
              f"checked {len(site.pages)} pages{reused} in {elapsed:.2f} s", file=sys.stderr)
    return 1 if errors else 0


def _check_built(args: argparse.Namespace, fmt: str, started: float) -> int:
    """``--built SITE_DIR``: the built site's links and anchors (`kb.sitelinks`)."""
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        print(f"check.py: {exc}", file=sys.stderr)
        return 2
    site_dir = Path(args.built)
    if not (site_dir / "index.html").is_file():
        print(f"check.py: {site_dir} holds no built site (no index.html); run 'mkdocs build' first", file=sys.stderr)
        return 2
    site_url = config.raw.get("site_url")
    base_path = urlsplit(site_url).path or "/" if isinstance(site_url, str) else "/"
    problems = check_built(site_dir, base_path)
    _print(problems, fmt, _display_prefix(site_dir))
    if not args.quiet:
        files = len(list(site_dir.rglob("*.html")))
        print(f"{len(problems)} broken link(s) or anchor(s) in {files} HTML files "
              f"({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    return 1 if problems else 0


def _print(problems: list[Problem], fmt: str, prefix: str) -> None:
    """Problems on standard output: as JSON, or a line each (with an Actions annotation under ``github``)."""
    if fmt == "json":
        print(to_json(problems))
        return
    for problem in problems:
        print(problem.format(prefix))
        if fmt == "github":
            print(problem.github_annotation(prefix))


def _display_prefix(docs_dir: Path) -> str:
    try:
        return os.path.relpath(docs_dir) + "/"
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(docs_dir) + "/"
