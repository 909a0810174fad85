"""The site configuration, read from ``mkdocs.yml`` without importing MkDocs.

Only what the knowledge base needs is modelled: where the pages are, how URLs are formed,
which files are excluded, and how Python-Markdown is configured (so heading ids are computed
with the very slugify function the build uses).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
import yaml
from pathspec.patterns.gitignore.basic import GitIgnoreBasicPattern

#: Modules a ``!!python/name:`` or ``!!python/object/apply:`` tag may name in mkdocs.yml.
TRUSTED_MODULES = ("markdown.", "pymdownx.", "material.")

#: MkDocs' own default exclusions (``mkdocs.structure.files._default_exclude``).
DEFAULT_EXCLUDE = [".*", "/templates/"]

#: A set of gitignore-style patterns (``exclude_docs``, ``draft_docs``).
GitIgnore = pathspec.PathSpec[GitIgnoreBasicPattern]


#: Extensions the checker's renderings leave out: snippets (includes are checked as files of their
#: own, and reading them is the build's business) and Material's link previews (they need MkDocs'
#: page context, and only mark links with ``data-preview``).
BUILD_ONLY = frozenset({"pymdownx.snippets", "material.extensions.preview"})

#: The extensions Python-Markdown's ``extra`` enables.
_EXTRA = frozenset({"abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables"})


class ConfigError(Exception):
    """mkdocs.yml is missing or cannot be understood."""


def _import(name: str) -> Any:
    if not name.startswith(TRUSTED_MODULES):
        raise ConfigError(f"mkdocs.yml names {name!r}; only {', '.join(TRUSTED_MODULES)} are trusted")
    module, _, attr = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"mkdocs.yml names {name!r}, which cannot be imported: {exc}") from exc


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML has no types here: its classes are Any
    """A safe loader that understands the tags MkDocs configs use."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    # ``!ENV NAME`` or ``!ENV [NAME, ..., default]`` as in pyyaml-env-tag.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _python_name(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    return _import(suffix)


def _python_apply(loader: _Loader, suffix: str, node: yaml.Node) -> Any:
    func = _import(suffix)
    if isinstance(node, yaml.MappingNode):
        spec = loader.construct_mapping(node, deep=True)
        return func(*spec.get("args", []), **spec.get("kwds", {}))
    return func(*loader.construct_sequence(node, deep=True))


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python_apply)


def _gitignore(patterns: str | list[str] | None) -> GitIgnore:
    if isinstance(patterns, str):
        patterns = patterns.splitlines()
    return pathspec.PathSpec.from_lines("gitignore", patterns or [])


def _extensions(raw: Any) -> dict[str, dict[str, Any]]:
    """Normalise ``markdown_extensions`` (a list of names or one-key mappings) to a dict."""
    result: dict[str, dict[str, Any]] = {}
    for item in raw or []:
        if isinstance(item, str):
            result[item] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                result[name] = dict(options or {})
    return result


@dataclass
class SiteConfig:
    """What the knowledge base needs to know of ``mkdocs.yml``."""

    config_file: Path
    docs_dir: Path
    use_directory_urls: bool = True
    markdown_extensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    exclude: GitIgnore = field(default_factory=lambda: _gitignore(DEFAULT_EXCLUDE))
    drafts: GitIgnore = field(default_factory=lambda: _gitignore(None))
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        """The folder that holds mkdocs.yml."""
        return self.config_file.parent

    @property
    def slugify(self) -> Callable[[str, str], str]:
        """The toc extension's slugify function as configured (default: Python-Markdown's)."""
        options = self.markdown_extensions.get("toc", {})
        func: Callable[[str, str], str] | None = options.get("slugify")
        if func is None:
            from markdown.extensions.toc import slugify

            default: Callable[[str, str], str] = slugify
            return default
        return func

    @property
    def toc_separator(self) -> str:
        """The toc extension's word separator in ids."""
        return str(self.markdown_extensions.get("toc", {}).get("separator", "-"))

    @property
    def footnote_separator(self) -> str:
        """The footnotes extension's separator in ``fn:`` / ``fnref:`` ids."""
        return str(self.markdown_extensions.get("footnotes", {}).get("SEPARATOR", ":"))

    @property
    def theme_dirs(self) -> list[Path]:
        """The folders templates and icons are looked up in, as the theme does: the project's
        ``custom_dir`` (overrides/) first, then Material for MkDocs' own templates (found
        without importing it, nor MkDocs)."""
        theme = self.raw.get("theme")
        theme = theme if isinstance(theme, dict) else {"name": theme}
        dirs = []
        if isinstance(theme.get("custom_dir"), str):
            dirs.append((self.root / theme["custom_dir"]).resolve())
        if theme.get("name") == "material":
            spec = importlib.util.find_spec("material")
            for location in (spec.submodule_search_locations or []) if spec else []:
                dirs.append(Path(location) / "templates")
        return dirs

    def has_extension(self, name: str) -> bool:
        """Whether a Python-Markdown extension is enabled, by its short name (``footnotes``),
        its module path, or through ``extra``, which bundles it."""
        names = {name, f"markdown.extensions.{name}"}
        if name in _EXTRA:
            names |= {"extra", "markdown.extensions.extra"}
        return not names.isdisjoint(self.markdown_extensions)

    def rendering_extensions(self) -> dict[str, dict[str, Any]]:
        """The Markdown extensions (name -> options) with which the checker renders a page or a
        heading: the site's, less those that only work inside a MkDocs build and change nothing
        the checker judges (`BUILD_ONLY`)."""
        return {name: options for name, options in self.markdown_extensions.items() if name not in BUILD_ONLY}

    def snippet_files(self, option: str) -> list[Path]:
        """Files listed in a pymdownx.snippets option (``auto_append``), resolved on base_path."""
        options = self.markdown_extensions.get("pymdownx.snippets")
        if options is None:
            return []
        bases = options.get("base_path", ["."])
        bases = [bases] if isinstance(bases, str) else bases
        found = []
        for name in options.get(option, []):
            for base in bases:
                candidate = self.root / base / name
                if candidate.is_file():
                    found.append(candidate)
                    break
        return found

    def is_excluded(self, src_uri: str) -> bool:
        """True if MkDocs leaves this file out of the site (``exclude_docs`` and defaults)."""
        return self.exclude.match_file(src_uri)

    def is_draft(self, src_uri: str) -> bool:
        """True if ``draft_docs`` makes this page a draft (left out of ``mkdocs build``)."""
        return self.drafts.match_file(src_uri)


def load_config(path: str | os.PathLike[str]) -> SiteConfig:
    """Read mkdocs.yml at `path`."""
    config_file = Path(path).resolve()
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {config_file}: {exc.strerror}") from exc
    try:
        raw = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - our loader is a SafeLoader
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_file}: not valid YAML: {exc}") from exc
    except ConfigError as exc:
        raise ConfigError(f"{config_file}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_file}: expected a mapping at the top level")
    docs_dir = (config_file.parent / str(raw.get("docs_dir", "docs"))).resolve()
    excluded = _gitignore(DEFAULT_EXCLUDE + _lines(raw.get("exclude_docs")))
    return SiteConfig(
        config_file=config_file,
        docs_dir=docs_dir,
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
        markdown_extensions=_extensions(raw.get("markdown_extensions")),
        exclude=excluded,
        drafts=_gitignore(raw.get("draft_docs")),
        raw=raw,
    )


def _lines(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return value.splitlines() if isinstance(value, str) else list(value)
