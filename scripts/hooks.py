"""MkDocs hooks: a thin shell around the knowledge-base package ``kb`` (next to this file).

MkDocs puts this folder on sys.path while it loads the hook, so ``kb`` imports. The checker's
errors are logged as warnings, its warnings as info. Everything the build adds comes from
``kb.build``; the hooks only place it.

The build fails closed, in every mode (``build``, ``serve``, ``gh-deploy``, the offline copy;
strict or not, quiet or not), by the hooks' own decision, never by MkDocs' count of logged
warnings: a security problem of the checker (or, under ``--strict``, any checker error) stops
it before anything is written; every built page (and 404.html) is judged by
``kb.htmlsafety`` before it is written, an unsafe one is replaced by a harmless stub (and left
out of Material's search index), and the build stops with all findings once every page has
been judged (before the offline plugin copies the search index into its script).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from kb import abbreviations, csp, footnotes, htmlsafety, minify
from kb.build import BuildContext
from kb.problems import Problem, Severity
from kb.scan import read_text

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("kb")
@dataclass
class BuildState:
    """What one build's hooks share (MkDocs calls hooks as module functions: this object is the
    one thing the module keeps, made afresh by `on_pre_build`)."""

    build: BuildContext | None = None
    search_done: bool = False
    theme: csp.ThemeScripts | None = None
    scripts: htmlsafety.ScriptSources | None = None
    """The script files pages may load: the theme's and those mkdocs.yml names."""
    refused: list[tuple[str, Problem]] = field(default_factory=list)
    """What the judge found in built pages: (path prefix, problem), reported when the build ends."""

    def reset(self) -> None:
        """Forget the last build (`mkdocs serve` builds again in the same process)."""
        self.__dict__.update(BuildState().__dict__)


_state = BuildState()


def _stop(problems: list[tuple[str, Problem]], why: str) -> PluginError:
    """The error that stops the build, listing every problem with its file and line."""
    listed = "\n".join("  " + problem.format(prefix) for prefix, problem in problems)
    return PluginError(f"{why} ({len(problems)} problem{'s' if len(problems) != 1 else ''}):\n{listed}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Number footnotes in the order readers meet them (`kb.footnotes.ReadingOrder`)."""
    if "footnotes" in config.markdown_extensions:
        config.markdown_extensions.append(footnotes.ReadingOrder())
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check the knowledge base; log every problem with its file and line. Stop before
    anything is written if one is a security problem or, under --strict, an error."""
    _state.reset()
    _state.build = _build = BuildContext.for_config(config.config_file_path, config.use_directory_urls, use_cache=True,
                                     site_url=config.site_url or "")
    blocking = [p for p in _build.problems if p.stops_build or (config.strict and p.severity is Severity.ERROR)]
    blocked = set(blocking)
    for problem in _build.problems:
        if problem not in blocked:
            (log.warning if problem.severity is Severity.ERROR else log.info)(problem.format("docs/"))
    if blocking:
        why = ("The site is not built: it has security problems" if any(p.security for p in blocking)
               else "The site is not built: a page cannot be rendered" if any(p.stops_build for p in blocking)
               else "The site is not built (--strict): the checker found errors")
        raise _stop([("docs/", p) for p in blocking], why)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the data exports (kb.json, graph.json); leave out pages MkDocs cannot read (not UTF-8):
    it would stop with a traceback. The checker has reported those, and --strict fails on that."""
    assert _state.build is not None, "on_pre_build has not run"
    for src_uri in _state.build.unbuildable():
        file = files.get_file_from_path(src_uri)
        if file is not None:
            files.remove(file)
    # The site directory has been cleaned by now. Another process writes the exports and the
    # redirects into it and makes each page's generated HTML while MkDocs renders; the exports
    # are files of the site (MkDocs checks links to them), written in place ("abs_src_path" in
    # site_dir: MkDocs leaves them where they are).
    site_dir = Path(config.site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    index = _search_index(config)
    _state.build.search_separator = getattr(index, "config", {}).get("separator") if index is not None else None
    for src_uri in _state.build.generated_sources_names():
        files.append(File.generated(config, src_uri, abs_src_path=str(site_dir / src_uri)))
    _state.build.start_background(site_dir)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Wait for the other process before MkDocs copies the files (the exports among them). Find
    the theme's inline scripts, which the pages' policies allow (rendered with the theme's own
    environment, for each page's base_url), the script files pages may load, and judge the
    files of docs/ that a browser would open as documents."""
    assert _state.build is not None, "on_pre_build has not run"
    _state.build.finish_background()
    context = {"config": config, "features": config.theme.get("features") or []}
    _state.theme = csp.ThemeScripts(config.theme.dirs, csp.jinja_renderer(env, context))
    docs = Path(config.docs_dir).resolve()
    theme_files = [f.url for f in files if f.url.endswith(".js") and f.abs_src_path
                   and not Path(f.abs_src_path).resolve().is_relative_to(docs)]
    named = _own_scripts(config) + [str(script) for script in config.extra.get("polyfills") or []]
    _state.scripts = htmlsafety.ScriptSources(theme_files + named, config.site_url or "")
    _judge_assets(files, docs, config)
    return env


def _own_scripts(config: MkDocsConfig) -> list[str]:
    """The site's own scripts, as mkdocs.yml names them: ``extra_javascript`` and
    ``extra.early_javascript`` (run before the theme's bundle, overrides/main.html)."""
    return [str(script) for script in [*config.extra_javascript, *(config.extra.get("early_javascript") or [])]]


def _judge_assets(files: Files, docs: Path, config: MkDocsConfig) -> None:
    """Judge each file of docs/ that a browser would open as a document (HTML, SVG, XML…);
    leave an unsafe one out (it is never copied), its findings kept for `on_post_build`."""
    for file in list(files):
        suffix = Path(file.src_uri).suffix.lower()
        if suffix not in htmlsafety.DOCUMENT_ASSETS or file.is_documentation_page() or not file.abs_src_path:
            continue
        path = Path(file.abs_src_path)
        if not path.resolve().is_relative_to(docs):
            continue  # the theme's own
        text = path.read_text(encoding="utf-8", errors="replace")
        findings = htmlsafety.judge_asset(file.src_uri, text, config.site_url or "")
        if findings:
            _state.refused.extend(("docs/", p) for p in htmlsafety.locate(findings, file.src_uri, text))
            files.remove(file)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Fill the page's markers and place its positions; escape its description for the head."""
    assert _state.build is not None, "on_pre_build has not run"
    page.meta.update(_state.build.page_meta(page.meta))
    return _state.build.page_markdown(page.file.src_uri, markdown)


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def _judged(output: str, url: str, base_url: str, config: MkDocsConfig, src_uri: str, source: Path | None) -> str:
    """The page if the judge finds nothing in it, with its Content-Security-Policy (not in the
    offline copy: file:// has no origin for a policy to protect, and its search runs in a frame;
    the judge alone guards it); else a harmless stub, its findings kept for `on_post_build`."""
    assert _state.theme is not None, "on_env has not run"
    allowed = _state.theme.hashes(base_url)
    findings = htmlsafety.judge(output, allowed, config.site_url or "", scripts=_state.scripts, page_url=url)
    if findings:
        text = read_text(source) if source is not None and source.is_file() else ""
        prefix = "docs/" if source is not None else ""
        _state.refused.extend((prefix, p) for p in htmlsafety.locate(findings, src_uri, text))
        return htmlsafety.STUB
    return output if _offline(config) else csp.add_policy(output, allowed)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: object) -> str:
    """Place the infobox, timeline, backlinks, cited-by and JSON-LD; mark abbreviations at their
    first use; name footnote back-links without a tooltip; then judge the page (`_judged`)."""
    assert _state.build is not None, "on_pre_build has not run"
    output = _state.build.page_html(page.file.src_uri, output)
    output = footnotes.backlinks_without_tooltips(abbreviations.first_use_only(output))
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    judged = _judged(output, page.url, get_relative_url(".", page.url), config, page.file.src_uri, source)
    index = _search_index(config)
    if judged is htmlsafety.STUB and index is not None:  # nothing of a refused page goes into the search index
        index.entries[:] = [e for e in index.entries if e.get("location", "").partition("#")[0] != page.url]
    return judged


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig, **kwargs: object) -> str:
    """The same for pages built from templates (404.html), whose base_url is the site's path."""
    if not template_name.endswith(".html"):
        return output_content
    return _judged(output_content, template_name, urlsplit(config.site_url or "/").path, config, template_name, None)


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index while it is built (None if search is off or not Material's)."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None) if plugin and plugin.config.enabled else None
    return index if isinstance(getattr(index, "entries", None), list) else None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Material's search plugin has just indexed the page: give its lead entry the page's names,
    infobox text and boost (instead of rewriting the whole index file after the build)."""
    assert _state.build is not None, "on_pre_build has not run"
    index = _search_index(config)
    if index is not None and _state.build.search_entries(page.file.src_uri, page.url, index.entries):
        _state.search_done = True
    return context


@event_priority(-50)  # after the search index is written (without refused pages), before the offline copy's
def on_post_build(config: MkDocsConfig) -> None:
    """Stop if the judge refused a page; else publish the site's own scripts and stylesheets
    minified, and make aliases searchable, if it could not be done page by page."""
    assert _state.build is not None, "on_pre_build has not run"
    if _state.refused:
        raise _stop(sorted(_state.refused, key=lambda item: item[1]),
                    "The site is not published: built pages hold what could run or load")
    minify.minify_files(Path(config.site_dir), [str(path) for path in config.extra_css] + _own_scripts(config))
    if _state.search_done:
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(_state.build.search_index(index.read_text(encoding="utf-8")), encoding="utf-8")
