"""The real site's pymdownx.snippets settings (from mkdocs.yml), which the snippet tests use."""

from __future__ import annotations

from helpers import ROOT
from kb.config import load_config

#: The real site's snippets settings.
REAL = load_config(ROOT / "mkdocs.yml").markdown_extensions["pymdownx.snippets"]
