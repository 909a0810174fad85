"""Editorial rules, reported as warnings: placeholders left in, orphan pages, entities named
without a link, and pages renamed without a redirect."""

from __future__ import annotations

import posixpath
import re
import subprocess
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import schema
from .backlinks import backlinks
from .problems import Problem
from .urls import page_url, relative, resolve_in

if TYPE_CHECKING:
    from .site import Page, Site


def check_placeholders(page: Page, site: Site) -> Iterator[Problem]:
    """A template's TODO markers must all be replaced before a page is done."""
    fm = page.front_matter
    if "TODO" not in fm.text and not page.scan.todos:
        return
    for index, line in enumerate(fm.text.split("\n")):
        if re.search(r"\bTODO\b", line):
            key = line.split(":", 1)[0].strip()
            yield Problem(page.src_uri, fm.first_line + index, 1, "KB402", f"placeholder TODO left in '{key}'",
                          "replace it with the real value (see the schema page for what the field holds)")
    for offset in page.scan.todos:
        line, col = page.position(offset)
        yield Problem(page.src_uri, line, col, "KB402", "placeholder TODO left in the text",
                      "write the sentence the placeholder asks for, with its citation")


def check_orphans(site: Site) -> Iterator[Problem]:
    """Entity pages that no other page's text links to (type indexes do not count)."""
    linked = backlinks(site)
    for page in site.iter_pages():
        if page.type in schema.ENTITY_TYPES and page.type != "source" and not linked.get(page.src_uri):
            yield Problem(page.src_uri, 1, 1, "KB501", "no other page links to this page (an orphan)",
                          "link to it from the pages that mention it")


# --- Unlinked mentions -------------------------------------------------------------------------

#: Names this short, and acronyms ("START"), match in their exact case only; others in any case.
SHORT_NAME = 3


def _exact_case(name: str) -> bool:
    return len(name) <= SHORT_NAME or name.isupper()


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words`, factored into a trie so that matching stays fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        if list(node) == [""]:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return build(trie)


class MentionFinder:
    """Finds the names (titles and aliases) of entity pages in running text."""

    def __init__(self, site: Site) -> None:
        self.owner: dict[str, str] = {}
        for page in site.iter_pages():
            if page.type not in schema.ENTITY_TYPES or page.type == "source":
                continue
            for name in [page.title, *[a for a in page.meta.get("aliases") or [] if isinstance(a, str)]]:
                key = name if _exact_case(name) else name.casefold()
                self.owner.setdefault(key, page.src_uri)
        long_names = sorted((n for n in self.owner if not _exact_case(n)), key=len, reverse=True)
        short_names = sorted((n for n in self.owner if _exact_case(n)), key=len, reverse=True)
        # Patterns start with the trie itself, not a look-behind, so the regex engine can skip
        # quickly over text that starts no name; word boundaries are checked on each match.
        self.long = re.compile(_trie_pattern(long_names) + r"(?!\w)") if long_names else None
        self.short = re.compile(_trie_pattern(short_names) + r"(?!\w)") if short_names else None

    def mentions(self, text: str) -> Iterator[tuple[str, int]]:
        """(page, offset) of each name found."""
        folded = text.casefold()
        if len(folded) != len(text):  # a letter whose case folds to two: keep offsets exact
            folded = "".join(c if len(c.casefold()) != 1 else c.casefold() for c in text)
        for pattern, source in ((self.long, folded), (self.short, text)):
            if pattern is None:
                continue
            for m in pattern.finditer(source):
                start = m.start()
                if start and (source[start - 1].isalnum() or source[start - 1] == "_"):
                    continue
                owner = self.owner.get(m.group(0))
                if owner is not None:
                    yield owner, start


def mention_finder(site: Site) -> MentionFinder:
    """The site's mention finder, built once."""
    finder = site.derived.get("mentions")
    if finder is None:
        finder = site.derived["mentions"] = MentionFinder(site)
    return finder


def check_unlinked_mentions(page: Page, site: Site) -> Iterator[Problem]:
    """An entity named in a page's text that the page never links to (warned at its first mention)."""
    if page.type not in schema.ENTITY_TYPES or not page.scan.prose.strip():
        return  # plain pages (home, indexes, about) are navigation and documentation
    folder = posixpath.dirname(page.src_uri)
    linked = {resolve_in(folder, link.target.partition("#")[0])
              for link in page.links if link.kind in ("inline", "definition") and link.target.partition("#")[0]}
    first: dict[str, int] = {}
    for owner, offset in mention_finder(site).mentions(page.scan.prose):
        if owner != page.src_uri and owner not in linked and owner not in first:
            first[owner] = offset
    for owner, offset in sorted(first.items(), key=lambda item: item[1]):
        line, col = page.position(offset)
        title = site.pages[owner].title
        yield Problem(page.src_uri, line, col, "KB502", f"'{title}' is mentioned but not linked",
                      f"link its first mention: [{title}]({relative(page.src_uri, owner)})")


# --- Renames -----------------------------------------------------------------------------------


def renamed_pages(root: str, docs_dir: str, since: str) -> list[tuple[str, str | None]]:
    """(old src_uri, new src_uri or None if deleted) of pages renamed or deleted since a git revision."""
    result = subprocess.run(
        ["git", "diff", "--name-status", "-M", since, "--", docs_dir],
        cwd=root, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise ValueError(result.stderr.strip() or f"git diff failed for {since}")
    prefix = docs_dir.rstrip("/") + "/"
    found = []
    for line in result.stdout.splitlines():
        parts = line.split("\t")
        status = parts[0]
        if status.startswith("R") and len(parts) == 3 and parts[1].endswith(".md"):
            found.append((parts[1].removeprefix(prefix), parts[2].removeprefix(prefix)))
        elif status == "D" and parts[1].endswith(".md"):
            found.append((parts[1].removeprefix(prefix), None))
    return found


def check_renames(site: Site, renames: list[tuple[str, str | None]]) -> Iterator[Problem]:
    """Each renamed or deleted page's old URL must still answer (a redirect)."""
    for old, new in renames:
        old_url = page_url(old, site.config.use_directory_urls)
        if old_url in site.urls:
            continue
        where = new if new is not None and new in site.pages else old
        hint = (f"add 'redirect_from: [{old}]' to {new}'s front matter" if new
                else f"add 'redirect_from: [{old}]' to the page that replaces it")
        yield Problem(where, 1, 1, "KB503", f"'{old}' was {'moved to ' + new if new else 'deleted'} and its URL {old_url} now answers nothing", hint)
