"""Front-matter rules: each page's front matter against the content schema (`kb.schema`)."""

from __future__ import annotations

import datetime
import posixpath
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from . import markers, markup, schema, sources
from .frontmatter import FrontMatter
from .problems import Problem
from .scan import read_text
from .schema import Kind
from .site import Page, Site
from .sourceref import parse_paragraphs
from .suggest import nearest_path, nearest_word
from .urls import ADDRESS

_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")



def _a(noun: str) -> str:
    """The noun with its indefinite article ("an event", "a person")."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _at(page: Page, line: int, code: str, message: str, hint: str = "", col: int = 1) -> Problem:
    return Problem(page.src_uri, line, col, code, message, hint)


def _page_kind(page: Page) -> str:
    """How messages name a page's type: "a person page", "a plain page"."""
    return "a plain page" if page.type == schema.PLAIN else f"{_a(str(page.type))} page"


#: Keys the theme reads on any page, whose values `check_theme_keys` checks on every page.
_THEME_CHECKED = frozenset({schema.HIDE.name, schema.ICON.name, schema.STATUS.name, schema.TEMPLATE.name})

#: Keys no page may set (`Kind.FORBIDDEN`).
_FORBIDDEN = frozenset(f.name for f in schema.THEME_FIELDS if f.kind is Kind.FORBIDDEN)


def check_file_basics(page: Page, site: Site) -> Iterator[Problem]:
    """Empty files and broken front matter."""
    if page.empty:
        yield _at(page, 1, "KB002", "file is empty", "copy a template from templates/ or run 'make new'")
        return
    if page.front_matter.error:
        code, line, col, message, hint = page.front_matter.error
        yield _at(page, line, code, message, hint, col)


def check_type_folder(page: Page, site: Site) -> Iterator[Problem]:
    """Every page of the knowledge base is in a type folder, which gives its type."""
    if page.empty:
        return
    as_md = page.src_uri.rpartition(".")[0] + ".md"
    if page.type is None and not page.src_uri.endswith(".md") and schema.type_of(as_md):
        name = page.src_uri.rpartition("/")[2]
        yield _at(page, 1, "KB004", f"'{name}' is Markdown to MkDocs, but pages of the knowledge base are named '*.md'",
                  f"rename it to '{name.rpartition('.')[0]}.md'")
    elif page.type is None:
        folders = ", ".join(sorted(f + "/" for f in schema.FOLDER_TYPES))
        yield _at(page, 1, "KB004", f"'{page.src_uri}' is not in a type folder, so it has no page type",
                  f"move it into one of {folders}, or into about/ for a plain page")


def check_front_matter_text(page: Page, site: Site) -> Iterator[Problem]:
    """What loading the front matter noted (`FrontMatter.issues`): keys written twice,
    impossible dates, markup, character references and control characters in text."""
    issues = page.scan.front_matter.issues
    if not issues:
        return
    for code, line, col, message, hint in issues:
        yield _at(page, line, code, message, hint, col)


def check_type_key(page: Page, site: Site) -> Iterator[Problem]:
    """The type comes from the folder; a ``type:`` key could disagree with it."""
    if "type" in page.meta:
        expected = page.type or "none"
        yield _at(page, page.front_matter.line_of("type"), "KB107",
                  f"'type: {page.meta['type']}' is set, but a page's type comes from its folder (here: {expected})",
                  "delete the 'type:' line; move the file to change its type")


def check_fields(page: Page, site: Site) -> Iterator[Problem]:
    """Required fields present, no unknown fields, every value of the right kind."""
    if page.type is None or page.front_matter.error or page.empty:
        return
    fields = schema.fields_for(page.type)
    fm = page.front_matter
    for name, spec in fields.items():
        if spec.required and page.meta.get(name) in (None, "", []):
            yield _at(page, fm.first_line - 1 if not fm.text else fm.first_line, "KB104",
                      f"required field '{name}' is missing for {_page_kind(page)}",
                      f"add '{name}: …' ({spec.doc})")
    for name, value in page.meta.items():
        if name == "type" or name in _FORBIDDEN:  # reported by check_type_key, check_theme_keys
            continue
        declared = fields.get(name)
        if declared is None:
            near = nearest_word(str(name), fields)
            hint = f"did you mean '{near}'?" if near else f"allowed: {', '.join(fields)}"
            yield _at(page, fm.line_of(name), "KB105", f"unknown field '{name}' for {_page_kind(page)}", hint)
            continue
        if name in _THEME_CHECKED:  # its value is checked on every page, by check_theme_keys
            continue
        error = kind_error(declared.kind, value)
        if error and not _impossible_date_noted(fm, declared, value):
            yield _at(page, fm.line_of(name), "KB106", f"field '{name}' {error}", _kind_hint(declared))
        elif declared.choices and declared.kind is Kind.CHOICE and str(value) not in declared.choices:
            near = nearest_word(str(value), declared.choices)
            yield _at(page, fm.line_of(name), "KB106", f"field '{name}' must be one of its choices, not {value!r}",
                      f"did you mean '{near}'?" if near else f"allowed: {', '.join(declared.choices)}")


def _impossible_date_noted(fm: FrontMatter, spec: schema.Field, value: Any) -> bool:
    """True if a date field's value is an impossible date the loader has already reported (KB117)."""
    return (spec.kind in (Kind.DATE, Kind.WHEN) and isinstance(value, str)
            and any(code == "KB117" and message.startswith(f"'{value}' ") for code, _, _, message, _ in fm.issues))


def check_tags(page: Page, site: Site) -> Iterator[Problem]:
    """Tags come from the vocabulary in the schema, so the tags index stays small and useful."""
    tags = page.meta.get("tags")
    if not isinstance(tags, list):
        return
    for tag in tags:
        if isinstance(tag, str) and tag not in schema.TAG_VOCABULARY:
            near = nearest_word(tag, schema.TAG_VOCABULARY)
            hint = f"did you mean '{near}'?" if near else f"allowed: {', '.join(sorted(schema.TAG_VOCABULARY))}"
            yield _at(page, page.front_matter.line_of_value(tag, after_key="tags"), "KB114",
                      f"tag '{tag}' is not in the vocabulary",
                      hint + " (the vocabulary is TAG_VOCABULARY in scripts/kb/schema.py)")


def kind_error(kind: Kind, value: Any) -> str | None:
    """Why `value` is not of `kind`, or None if it is."""
    if kind is Kind.TEXT:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None
        if not isinstance(value, str):
            return f"must be text, not a {_kind_name(value)}"
        if "\n" in value.strip():
            return "must be on one line"
        return None
    if kind is Kind.SENTENCE:
        if not isinstance(value, str):
            return f"must be a sentence, not a {_kind_name(value)}"
        text = value.strip()
        if not text.endswith((".", "?", "!")):
            return "must be one sentence ending with a full stop"
        if len(text) > 300:
            return f"is {len(text)} characters; keep it to one sentence of at most 300"
        return None
    if kind in (Kind.CHOICE, Kind.ICON):
        return None if isinstance(value, str) and value.strip() else f"must be a name, not {value!r}"
    if kind is Kind.FORBIDDEN:
        return "is not allowed in a page"
    if kind in (Kind.TEXT_LIST, Kind.NAMES, Kind.CHOICES):
        if not isinstance(value, list):
            return f"must be a list, not a {_kind_name(value)}"
        for item in value:
            if not isinstance(item, str) or not item.strip():
                return "must list non-empty text items"
        return None
    if kind is Kind.DATE:
        if isinstance(value, datetime.date):
            return None
        if isinstance(value, int) and 1000 <= value <= 2999:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            if len(value) == 10 and not _real_date(value):
                return f"must be a real date: {value} does not exist"
            return None
        return f"must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {value!r}"
    if kind is Kind.POSITIONS:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return "must be a list of records (each with holder, summary, cite)"
        return None
    if kind is Kind.WHEN:
        if isinstance(value, str) and _DATE.fullmatch(value) and len(value) == 10 and not _real_date(value):
            return f"must be a real date: {value} does not exist"
        return kind_error(Kind.DATE, value) and kind_error(Kind.TEXT, value)
    if kind is Kind.URL:
        if not isinstance(value, str) or not ADDRESS.fullmatch(value):
            return f"must be an https:// or http:// address on one line, not {value!r}"
        return None
    if kind is Kind.YES_NO:
        return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
    if kind is Kind.PARAGRAPHS:
        if parse_paragraphs(value) is None:
            return f"must be paragraph numbers as ranges, e.g. \"1-6\" or \"1, 2\", not {value!r}"
        return None
    if kind in (Kind.MAPPING, Kind.RELATIONS):
        if not isinstance(value, dict):
            return f"must be a mapping, not a {_kind_name(value)}"
        return None
    raise AssertionError(kind)  # pragma: no cover - every kind is handled above


def _real_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _kind_name(value: Any) -> str:
    return {list: "list", dict: "mapping", str: "text", bool: "yes/no value", int: "number",
            float: "number", datetime.date: "date"}.get(type(value), type(value).__name__)


def _kind_hint(spec: schema.Field) -> str:
    example = spec.example
    if isinstance(example, list):
        return f"write it as a list, e.g. {spec.name}: [{', '.join(map(str, example))}]"
    return f"e.g. {spec.name}: {example}" if example is not None else f"expected {spec.kind.value}"


def check_relations(page: Page, site: Site) -> Iterator[Problem]:
    """Relations use known types, point to existing pages of the right type, cite real ¶s."""
    relations = page.meta.get("relations")
    if not isinstance(relations, dict) or page.type not in schema.ENTITY_TYPES:
        return
    fm = page.front_matter
    for name, entries in relations.items():
        relation = schema.RELATIONS.get(str(name))
        line = fm.line_of("relations", str(name)) if relation is None or page.type not in relation.domain else 0
        if relation is None:
            near = nearest_word(str(name), schema.RELATIONS)
            yield _at(page, line, "KB108", f"unknown relation type '{name}'",
                      f"did you mean '{near}'?" if near else f"allowed: {', '.join(schema.RELATIONS)}")
            continue
        if page.type not in relation.domain:
            yield _at(page, line, "KB110", f"{_a(str(page.type)).capitalize()} page cannot declare '{name}'",
                      f"'{name}' is for {', '.join(sorted(relation.domain))} pages")
            continue
        if not isinstance(entries, list):
            entries = [entries]
        for entry in entries:
            yield from _check_relation_entry(page, site, relation, entry, line)


def _check_relation_entry(page: Page, site: Site, relation: schema.Relation, entry: Any,
                          line: int) -> Iterator[Problem]:
    fm = page.front_matter
    if isinstance(entry, str):
        entry = {"target": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("target"), str):
        yield _at(page, line or fm.line_of("relations", relation.name), "KB106",
                  f"each '{relation.name}' entry must be a page path or a mapping with 'target'",
                  "e.g. '- target: organisations/nato.md'")
        return
    target_uri = entry["target"]

    def entry_line() -> int:  # only looked up when there is something to report
        return fm.line_of_value(target_uri, after_key=relation.name)

    for key in entry:
        if key not in schema.RELATION_KEYS:
            yield _at(page, entry_line(), "KB105", f"unknown key '{key}' in a relation",
                      f"allowed: {', '.join(schema.RELATION_KEYS)}")
    target = site.pages.get(target_uri)
    if target is None:
        near = [u for u in site.pages if schema.type_of(u) in relation.range]
        guess = nearest_path(target_uri, near)
        yield _at(page, entry_line(), "KB109", f"'{relation.name}' target '{target_uri}' does not exist",
                  f"did you mean '{guess}'? (targets are paths relative to docs/)" if guess
                  else "targets are paths relative to docs/")
    elif target.type not in relation.range:
        yield _at(page, entry_line(), "KB110",
                  f"'{relation.name}' must point to {_a(' or '.join(sorted(relation.range)))} page, "
                  f"but '{target_uri}' is {_a(str(target.type))}",
                  "pick another relation type or target")
    if "cite" in entry:
        yield from sources.check_cite(page, site, entry["cite"], entry_line())


_NOT_ALNUM = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """What makes two names the same name: case, spacing, dashes, apostrophes and punctuation
    aside ("NATO–Russia Council" and "nato - russia council", "Russia's" and "Russias").

    >>> name_key("NATO–Russia Council") == name_key("nato - russia council"), name_key("Russia's")
    (True, 'russias')
    """
    key = name.casefold()
    if not key.isascii():
        key = unicodedata.normalize("NFKC", key).casefold()
    return _NOT_ALNUM.sub("", key) or key.strip()


def check_unique_names(site: Site) -> Iterator[Problem]:
    """No two pages share a title, an alias, or a slug (file name) within entity folders; names
    that differ only by case, spacing or punctuation are the same name (`name_key`)."""
    owners: dict[str, list[tuple[Page, str, str]]] = defaultdict(list)
    for page in site.iter_pages():
        if page.type not in schema.ENTITY_TYPES:
            continue
        title_key = name_key(page.title) if page.title else ""
        if title_key:
            owners[title_key].append((page, "title", page.title))
        aliases = page.meta.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias.strip():
                key = name_key(alias)
                if key != title_key:
                    owners[key].append((page, "alias", alias))
        slug = page.src_uri.rpartition("/")[2][:-3]
        owners["slug:" + slug].append((page, "slug", slug))
    for claims in owners.values():
        if len(claims) < 2:
            continue
        pages = {c[0].src_uri for c in claims}
        if len(pages) < 2:
            continue
        spellings = {c[2] for c in claims}
        hint = "names must lead to one page: rename one, or drop the alias"
        if len(spellings) > 1:
            hint += " (names that differ only by case, spacing, dashes or punctuation are the same name)"
        for page, what, name in claims:
            others = sorted(u for u in pages if u != page.src_uri)
            line = page.front_matter.line_of_value(name) if what != "slug" else 1
            yield _at(page, line, "KB112", f"{what} '{name}' is also used by {', '.join(others)}", hint)


def page_title(page: Page) -> tuple[str, int]:
    """The title MkDocs gives a page, and its line: the front matter's ``title``, else the first
    level-1 heading, else one made from the file name (``Page.title`` in MkDocs 1.6)."""
    title = page.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip(), page.front_matter.line_of_value(title)
    text = read_text(page.file.abs_path)
    start = page.front_matter.body_offset if not page.front_matter.error else 0
    for heading in markup.headings(text, markup.mask(text, start)):
        if heading.level == 1:
            return _MARKUP_CHARS.sub("", heading.text).strip(), page.position(heading.offset)[0]
        break
    stem = posixpath.splitext(posixpath.basename(page.src_uri))[0]
    if stem in ("index", "README"):
        folder = posixpath.basename(posixpath.dirname(page.src_uri))
        return (folder.replace("-", " ").replace("_", " ").capitalize() if folder else "Home"), 1
    name = stem.replace("-", " ").replace("_", " ")
    return (name.capitalize() if name.lower() == name else name), 1


_MARKUP_CHARS = re.compile(r"[*_`]|\{#[^}]*\}")


def check_duplicate_titles(site: Site) -> Iterator[Problem]:
    """No two published pages share a title (letter case aside): search results and navigation
    would show two entries a reader cannot tell apart. Two entity pages are left to
    `check_unique_names`, which also compares aliases and spellings."""
    owners: dict[str, list[tuple[Page, str, int]]] = defaultdict(list)
    for page in site.iter_pages():
        if page.empty or not page.file.published:
            continue
        title, line = page_title(page)
        if title:
            owners[" ".join(title.casefold().split())].append((page, title, line))
    for claims in owners.values():
        if len(claims) < 2 or all(page.type in schema.ENTITY_TYPES for page, _, _ in claims):
            continue
        for page, title, line in claims:
            others = ", ".join(sorted(p.src_uri for p, _, _ in claims if p is not page))
            yield _at(page, line, "KB129", f"title '{title}' is also the title of {others}",
                      "give each page a title that tells it apart (search and navigation list titles only)")


# --- Keys the theme reads ---------------------------------------------------------------------

#: An icon name as the theme writes them: ``set/name`` or ``set/group/name``.
_ICON_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9._-]*)+")


def check_theme_keys(page: Page, site: Site) -> Iterator[Problem]:
    """Keys MkDocs and Material read on any page (plain ones included), whatever the schema says
    of the page: a known ``status`` (it goes into the HTML of every page's navigation), an
    ``icon`` the theme has, known ``hide`` values, and no ``template``."""
    fm = page.scan.front_matter
    meta = fm.data
    if _THEME_CHECKED.isdisjoint(meta):
        return
    if schema.STATUS.name in meta:
        yield from _check_status(page, site, meta[schema.STATUS.name])
    if schema.ICON.name in meta:
        yield from _check_icon(page, site, meta[schema.ICON.name])
    if schema.HIDE.name in meta:
        yield from _check_hide(page, meta[schema.HIDE.name])
    for name in sorted(_FORBIDDEN & meta.keys()):
        line, col = fm.locate(name, key=True)
        yield _at(page, line, "KB122", f"'{name}:' is set: a page cannot choose its template",
                  "delete the line: a template could drop the site's protections (maintainers add templates "
                  "in overrides/ and use them from mkdocs.yml)", col)


def _statuses(site: Site) -> list[str]:
    extra = site.config.raw.get("extra")
    declared = extra.get("status") if isinstance(extra, dict) else None
    return [*schema.THEME_STATUSES, *(str(k) for k in (declared if isinstance(declared, dict) else {}))]


def _check_status(page: Page, site: Site, status: Any) -> Iterator[Problem]:
    allowed = _statuses(site)
    if isinstance(status, str) and status in allowed:
        return
    line, col = page.front_matter.locate(schema.STATUS.name)
    yield _at(page, line, "KB120", f"page status {status!r} is not one the theme knows",
              f"use {' or '.join(repr(s) for s in allowed)}, or declare the status in mkdocs.yml under extra.status "
              "(the status is written into the HTML of every page's navigation)", col)


def _check_icon(page: Page, site: Site, icon: Any) -> Iterator[Problem]:
    if isinstance(icon, str) and _ICON_NAME.fullmatch(icon):
        if any((folder / ".icons" / f"{icon}.svg").is_file() for folder in site.config.theme_dirs):
            return
        message = f"icon '{icon}' is not an icon of the theme (the build would stop on it)"
    else:
        message = f"icon {icon!r} is not an icon name like 'material/home'"
    line, col = page.front_matter.locate(schema.ICON.name)
    yield _at(page, line, "KB121", message,
              "name an icon file of the theme without '.svg' (material/templates/.icons/<set>/<name>.svg), or add "
              "one to overrides/.icons/", col)


def _check_hide(page: Page, hide: Any) -> Iterator[Problem]:
    allowed = ", ".join(schema.HIDE_VALUES)
    if not isinstance(hide, list):
        line, col = page.front_matter.locate(schema.HIDE.name)
        yield _at(page, line, "KB123", f"'hide' must be a list, not {hide!r}",
                  f"e.g. hide: [toc]; allowed: {allowed}", col)
        return
    for index, item in enumerate(hide):
        if item not in schema.HIDE_VALUES:
            line, col = page.front_matter.locate(schema.HIDE.name, index)
            near = nearest_word(item, schema.HIDE_VALUES) if isinstance(item, str) else None
            yield _at(page, line, "KB123", f"'hide' cannot hide {item!r}",
                      f"did you mean '{near}'?" if near else f"allowed: {allowed}", col)


# --- Aliases and old paths (redirects) --------------------------------------------------------

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def redirect_path_error(old: str) -> str | None:
    """Why an old path in ``redirect_from`` is not a plain docs-relative path, or None.

    >>> redirect_path_error("people/old-name.md"), redirect_path_error("../x.md")
    (None, "has a '..' segment")
    """
    if old != old.strip():
        return "has white space around it"
    if "\\" in old:
        return "has a backslash"
    if old.startswith("/"):
        return "is absolute"
    if _SCHEME.match(old) or ":" in old:
        return "has a scheme or a drive (':')"
    if "?" in old or "#" in old:
        return "has a query or fragment ('?', '#')"
    if "%" in old:
        return "has a percent escape"
    if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in old):
        return "has a control character"
    segments = old.split("/")
    if "" in segments:
        return "has an empty segment ('//')"
    if ".." in segments:
        return "has a '..' segment"
    if "." in segments:
        return "has a '.' segment"
    return None


def _redirect_taken(site: Site, old: str) -> str | None:
    """What already occupies an old path's file or URL, or None."""
    if old.lower() in site.lower_paths:
        return f"'{site.lower_paths.get(old.lower(), old)}' is a file of the site"
    if schema.type_of(old) is None:
        return "no page can be there (pages live in the type folders, about/ or at the top of docs/)"
    url = site.url_of(old)
    occupant = site.url_occupant(url)
    if occupant is not None:
        return f"its URL '{url}' is taken by '{occupant}', which the site publishes"
    return None


_REDIRECT_FIELDS = frozenset({schema.ALIASES.name, schema.REDIRECT_FROM.name})


def check_redirects(page: Page, site: Site) -> Iterator[Problem]:
    """Aliases and old paths stay few, and each old path is a docs-relative Markdown path inside
    docs/ that no file, page, asset or export occupies (each makes a redirect page)."""
    fm = page.scan.front_matter
    meta = fm.data
    if _REDIRECT_FIELDS.isdisjoint(meta):
        return
    for field, cap in ((schema.ALIASES.name, schema.MAX_ALIASES), (schema.REDIRECT_FROM.name, schema.MAX_REDIRECTS)):
        value = meta.get(field)
        if isinstance(value, list) and len(value) > cap:
            line, col = fm.locate(field, key=True)
            yield _at(page, line, "KB127", f"'{field}' has {len(value)} entries; a page may have at most {cap}",
                      "each makes a redirect page: keep the ones readers really use", col)
    olds = meta.get(schema.REDIRECT_FROM.name)
    if not isinstance(olds, list):
        return
    for index, old in enumerate(olds):
        if not isinstance(old, str) or not old:
            continue  # KB106 reports it
        error = redirect_path_error(old)
        if error:
            line, col = fm.locate(schema.REDIRECT_FROM.name, index)
            yield _at(page, line, "KB124", f"old path '{old}' {error}: it could write outside the site",
                      "write the old path relative to docs/, as it was: e.g. people/old-name.md", col)
            continue
        if not old.endswith(".md"):
            line, col = fm.locate(schema.REDIRECT_FROM.name, index)
            yield _at(page, line, "KB128", f"old path '{old}' is not a Markdown page path",
                      "write the old page's source path, ending in .md (e.g. people/old-name.md)", col)
            continue
        taken = _redirect_taken(site, old)
        if taken:
            line, col = fm.locate(schema.REDIRECT_FROM.name, index)
            yield _at(page, line, "KB125", f"old path '{old}' cannot redirect here: {taken}",
                      "list only paths this page had before it moved; a page that exists needs no redirect", col)


def check_redirect_claims(site: Site) -> Iterator[Problem]:
    """No two pages claim the same old path, and no old path is another page's alias URL (the
    site would make neither redirect)."""
    claims: dict[str, list[tuple[Page, str, int, str]]] = defaultdict(list)
    for page in site.pages.values():
        olds = page.scan.front_matter.data.get(schema.REDIRECT_FROM.name)
        if not olds or not isinstance(olds, list) or page.type not in schema.ENTITY_TYPES:
            continue
        for index, old in enumerate(olds):
            if isinstance(old, str) and old.endswith(".md") and redirect_path_error(old) is None:
                claims[site.url_of(old).casefold()].append((page, schema.REDIRECT_FROM.name, index, old))
    if not claims:
        return
    from .urls import slug

    for page in site.iter_pages():  # alias redirects (`aliases.alias_redirects`) claim URLs too
        aliases = page.meta.get(schema.ALIASES.name)
        if not aliases or not isinstance(aliases, list) or page.type not in schema.ENTITY_TYPES:
            continue
        folder = posixpath.dirname(page.src_uri)
        for index, alias in enumerate(aliases):
            if isinstance(alias, str) and slug(alias):
                url = f"{folder}/{slug(alias)}/".casefold()
                if url in claims:
                    claims[url].append((page, schema.ALIASES.name, index, alias))
    for owners in claims.values():
        pages = {owner[0].src_uri for owner in owners}
        if len(pages) < 2:
            continue
        for page, field, index, name in owners:
            others = ", ".join(sorted(pages - {page.src_uri}))
            what = "old path" if field == schema.REDIRECT_FROM.name else "alias"
            line, col = page.front_matter.locate(field, index)
            yield _at(page, line, "KB126", f"{what} '{name}' makes the same redirect as {others}",
                      "an old URL can lead to one page only: keep it on the page that really had it", col)


def check_positions(page: Page, site: Site) -> Iterator[Problem]:
    """Position records: required keys, an existing holder page, a real ¶, a short quote."""
    positions = page.meta.get("positions")
    if not isinstance(positions, list):
        return
    fm = page.front_matter
    line = fm.line_of("positions")
    for number, record in enumerate(positions, 1):
        if not isinstance(record, dict):
            continue
        holder = record.get("holder")
        at = fm.line_of_value(str(holder), after_key="positions") if holder else line
        for key, (required, doc) in schema.POSITION_KEYS.items():
            if required and record.get(key) in (None, ""):
                yield _at(page, at, "KB104", f"position {number} has no '{key}'", doc)
        for key in record:
            if key not in schema.POSITION_KEYS:
                yield _at(page, at, "KB105", f"unknown key '{key}' in position {number}",
                          f"allowed: {', '.join(schema.POSITION_KEYS)}")
        if isinstance(holder, str) and holder.endswith(".md") and holder not in site.pages:
            guess = nearest_path(holder, site.pages)
            yield _at(page, at, "KB109", f"position holder '{holder}' does not exist",
                      f"did you mean '{guess}'?" if guess else "holders are paths relative to docs/, or plain text")
        if "cite" in record:
            yield from sources.check_cite(page, site, record["cite"], at)


def check_markers(page: Page, site: Site) -> Iterator[Problem]:
    """Every marker names something that fills it, with a valid argument."""
    for name, arg, offset in page.scan.markers:
        if name not in markers.STATIC_NAMES and name not in markers.SITE_NAMES:
            line, col = page.position(offset)
            known = ", ".join(f"kb:{m}" for m in (*markers.STATIC_NAMES, *markers.SITE_NAMES))
            yield Problem(page.src_uri, line, col, "KB005", f"unknown marker 'kb:{name}'", f"known markers: {known}")
        elif not markers.valid_argument(name, arg):
            line, col = page.position(offset)
            allowed = ", ".join(sorted(markers.ARGUMENTS.get(name, ()))) or "none"
            yield Problem(page.src_uri, line, col, "KB005", f"marker 'kb:{name}' has a wrong argument '{arg}'",
                          f"allowed: {allowed}")


#: Characters a file name may not hold: controls (a newline forges lines wherever the name is
#: printed), separators and bidirectional overrides, and what breaks a URL or an attribute.
_BAD_NAME = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"<>\\\\]')


def check_dropped_files(site: Site) -> Iterator[Problem]:
    """Files MkDocs drops because another file of their folder is written to the same address
    (``README.md`` beside ``index.md``): the build warns, and links to them break."""
    for file in site.files.values():
        if file.conflict and not (file.excluded or file.draft):
            name = posixpath.basename(file.conflict)
            yield Problem(file.src_uri, 1, 1, "KB010", f"MkDocs leaves this file out of the site: '{name}' in the same "
                          f"folder is published at the same address", "merge the two files, or rename one")


def check_file_names(site: Site) -> Iterator[Problem]:
    """File names that would break where they are used: control characters and URL-breaking
    characters (KB210), and names that differ only in letter case (KB007), which are one file
    on case-insensitive disks and hosts."""
    # (An include under the docs directory is listed twice, under one name.)
    files = {f.src_uri: f for f in (*site.files.values(), *site.includes.values()) if not f.generated}.values()
    folded: dict[str, list[str]] = {}
    for file in files:
        bad = _BAD_NAME.findall(file.src_uri)
        if bad:
            shown = ", ".join(dict.fromkeys(repr(c) for c in bad))
            yield Problem(file.src_uri, 1, 1, "KB210", f"file name holds {shown}, which no file name may hold",
                          "rename the file without them (letters, digits, '-', '_' and '.' are safe)")
        name = file.src_uri if file.src_uri.isascii() else unicodedata.normalize("NFC", file.src_uri)
        folded.setdefault(name.casefold(), []).append(file.src_uri)
    for names in folded.values():
        if len(names) > 1:
            for name in names:
                others = ", ".join(f"'{other}'" for other in names if other != name)
                yield Problem(name, 1, 1, "KB007", f"file name differs from {others} only in letter case",
                              "rename or merge them: on case-insensitive disks and hosts they are one file")
