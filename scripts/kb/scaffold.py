"""The scaffold: a new page from its type's template, in the right folder, with a clean slug.

It refuses to overwrite a file or to duplicate a title or alias, and says what to fill in next.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import schema
from .site import Site
from .urls import slug
from .validate import name_key

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

#: Page types a contributor can scaffold: every type (each has its template).
SCAFFOLD_TYPES = tuple(schema.PAGE_TYPES)


class ScaffoldError(Exception):
    """The page cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Created:
    """A page the scaffold wrote, and what the contributor must fill in."""

    path: Path
    todo: list[str]


def template_text(page_type: str, title: str, templates: Path = TEMPLATES) -> str:
    """The template of a type with the title filled in."""
    if page_type not in SCAFFOLD_TYPES:
        raise ScaffoldError(f"unknown page type '{page_type}': choose one of {', '.join(SCAFFOLD_TYPES)}")
    safe_title = title.replace('"', "'")
    return (templates / f"{page_type}.md").read_text(encoding="utf-8").format(title=safe_title)


def create(site: Site, page_type: str, title: str, templates: Path = TEMPLATES) -> Created:
    """Write a new page of `page_type` titled `title` into the site's docs directory."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty: give the page's name, e.g. \"Dmitry Rogozin\"")
    text = template_text(page_type, title, templates)
    name = slug(title)
    if not name:
        raise ScaffoldError(f"cannot make a file name from the title '{title}': use letters or digits")
    folder = schema.PAGE_TYPES[page_type].folder
    src_uri = f"{folder}/{name}.md"
    path = site.config.docs_dir / src_uri
    if path.exists():
        raise ScaffoldError(f"{src_uri} already exists: edit it, or choose another title")
    for page in site.iter_pages():
        names = [page.title, *[a for a in page.meta.get("aliases") or [] if isinstance(a, str)]]
        if name_key(title) in (name_key(n) for n in names):  # the same name, as the checker's KB112 sees it
            raise ScaffoldError(f"'{title}' is already the title or an alias of {page.src_uri}: edit that page instead")
        if page.src_uri.rpartition("/")[2] == f"{name}.md" and page.type in schema.ENTITY_TYPES:
            raise ScaffoldError(f"the slug '{name}' is already used by {page.src_uri}: choose a more specific title")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    spec = schema.PAGE_TYPES[page_type]
    todo = [f.name for f in (*schema.COMMON_FIELDS, *spec.fields) if f.required and f.name != "title"]
    return Created(path, todo)
