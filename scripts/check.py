#!/usr/bin/env python3
"""Check the knowledge base: ``python scripts/check.py --help``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
