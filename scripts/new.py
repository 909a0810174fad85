#!/usr/bin/env python3
"""Create a new page from its type's template: ``python scripts/new.py person "Dmitry Rogozin"``."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.config import ConfigError, load_config  # noqa: E402
from kb.scaffold import SCAFFOLD_TYPES, ScaffoldError, create  # noqa: E402
from kb.site import Site  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Create the page, or explain why not (exit 1)."""
    parser = argparse.ArgumentParser(prog="new.py", description=__doc__)
    parser.add_argument("type", help=f"the page type: {', '.join(SCAFFOLD_TYPES)}")
    parser.add_argument("title", help="the page's title, e.g. \"Dmitry Rogozin\"")
    parser.add_argument("--config", default=str(Path(__file__).resolve().parents[1] / "mkdocs.yml"))
    args = parser.parse_args(argv)
    try:
        site = Site(load_config(args.config))
        created = create(site, args.type, args.title)
    except (ScaffoldError, ConfigError) as exc:
        print(f"new.py: {exc}", file=sys.stderr)
        return 1
    shown = os.path.relpath(created.path)
    print(f"Created {shown}.")
    print(f"Next: fill in {', '.join(created.todo)}; replace every TODO (the checker lists what is left);")
    print("cite each claim with a footnote to its paragraph; then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
