"""Editorial rules, reported as warnings: placeholders left in, orphan pages, entities named
without a link, and pages renamed without a redirect."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import schema
from .aliases import site_urls
from .backlinks import linked_pages
from .problems import Problem
from .urls import page_url, relative

if TYPE_CHECKING:
    from .site import Page, Site


def check_placeholders(page: Page, site: Site) -> Iterator[Problem]:
    """A template's TODO markers must all be replaced before a page is done."""
    fm = page.front_matter
    if "TODO" not in fm.text and not page.scan.todos:
        return
    for index, yaml_line in enumerate(fm.text.split("\n")):
        if re.search(r"\bTODO\b", yaml_line):
            key = yaml_line.split(":", 1)[0].strip()
            yield Problem(page.src_uri, fm.first_line + index, 1, "KB402", f"placeholder TODO left in '{key}'",
                          "replace it with the real value (see the schema page for what the field holds)")
    for offset in page.scan.todos:
        line, col = page.position(offset)
        yield Problem(page.src_uri, line, col, "KB402", "placeholder TODO left in the text",
                      "write the sentence the placeholder asks for, with its citation")


def check_orphans(site: Site) -> Iterator[Problem]:
    """Entity pages that no other page's text links to (type indexes do not count)."""
    linked = linked_pages(site)
    for page in site.iter_pages():
        if page.type in schema.ENTITY_TYPES and page.type != "source" and page.src_uri not in linked:
            yield Problem(page.src_uri, 1, 1, "KB501", "no other page links to this page (an orphan)",
                          "link to it from the pages that mention it")


# --- Unlinked mentions -------------------------------------------------------------------------

#: Names this short, and acronyms ("START"), match in their exact case only; others in any case.
SHORT_NAME = 3

#: A trie of characters: each key is one character (or "" for the end of a word), each value the trie below it.
_Trie = dict[str, "_Trie"]


def _exact_case(name: str) -> bool:
    return len(name) <= SHORT_NAME or name.isupper()


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of `words`, factored into a trie so that matching stays fast."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        if list(node) == [""]:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return build(trie)


#: A run of word characters: what a name's first word and the words of a text are made of.
_WORD = re.compile(r"\w+")


class MentionFinder:
    """Finds the names (titles and aliases) of entity pages in running text.

    Names are matched as whole words: the longest name that starts where a word starts and
    ends where a word ends. Names of four letters or more match in any case (on case-folded
    text); shorter names and acronyms in their exact case. The matching is done by regular
    expressions factored into tries, one for each kind; on a large site that is one pattern
    for all names (`compile_all`, once), and to check a few pages a small one per text, made
    only from the names whose first word occurs in it (the full pattern takes longer to
    compile than a few pages take to check). Both find the same mentions.
    """

    def __init__(self, site: Site) -> None:
        self.owner: dict[str, str] = {}
        self.title: dict[str, str] = {}
        """The title of each page that owns a name."""
        for page in site.iter_pages():
            if page.type not in schema.ENTITY_TYPES or page.type == "source":
                continue
            self.title[page.src_uri] = page.title
            for name in [page.title, *[a for a in page.meta.get("aliases") or [] if isinstance(a, str)]]:
                if not name:
                    continue
                key = name if _exact_case(name) else name.casefold()
                self.owner.setdefault(key, page.src_uri)
        # Names by their first word ('' for names that do not start with one), for each kind.
        self._by_word: dict[bool, dict[str, list[str]]] = {True: {}, False: {}}
        for name in self.owner:
            first = _WORD.match(name)
            self._by_word[_exact_case(name)].setdefault(first.group(0) if first else "", []).append(name)
        self._full: dict[bool, re.Pattern[str] | None] = {}

    def compile_all(self) -> None:
        """Make the patterns of all names, to check many pages with."""
        for exact in (False, True):
            if exact not in self._full:
                self._full[exact] = _names_pattern([n for names in self._by_word[exact].values() for n in names])

    def _pattern(self, exact: bool, source: str) -> re.Pattern[str] | None:
        if exact in self._full:
            return self._full[exact]
        by_word = self._by_word[exact]
        words = set(_WORD.findall(source)) & by_word.keys()
        return _names_pattern([n for word in [*words, ""] for n in by_word.get(word, ())])

    def mentions(self, text: str) -> Iterator[tuple[str, int]]:
        """(page, offset) of each name found."""
        folded = text.casefold()
        if len(folded) != len(text):  # a letter whose case folds to two: keep offsets exact
            folded = "".join(c if len(c.casefold()) != 1 else c.casefold() for c in text)
        for exact, source in ((False, folded), (True, text)):
            pattern = self._pattern(exact, source)
            if pattern is None:
                continue
            position = 0
            while (match := pattern.search(source, position)) is not None:
                start = match.start()
                if start and (source[start - 1].isalnum() or source[start - 1] == "_"):
                    position = start + 1  # inside a word: a name may still start further on
                    continue
                position = match.end()
                owner = self.owner.get(match.group(0))
                if owner is not None:
                    yield owner, start


def _names_pattern(names: list[str]) -> re.Pattern[str] | None:
    """One pattern for some names, longest match first, ending where a word ends."""
    if not names:
        return None
    # The pattern starts with the trie itself, not a look-behind, so the regex engine can skip
    # quickly over text that starts no name; where a match starts is checked on each match.
    return re.compile(_trie_pattern(sorted(set(names))) + r"(?!\w)")


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
    linked = page.scan.linked
    first: dict[str, int] = {}
    for owner, offset in mention_finder(site).mentions(page.scan.prose):
        if owner != page.src_uri and owner not in linked and owner not in first:
            first[owner] = offset
    for owner, offset in sorted(first.items(), key=lambda item: item[1]):
        line, col = page.position(offset)
        title = mention_finder(site).title[owner]
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
    found: list[tuple[str, str | None]] = []
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
        if old_url in site_urls(site):
            continue
        where = new if new is not None and new in site.pages else old
        hint = (f"add 'redirect_from: [{old}]' to {new}'s front matter" if new
                else f"add 'redirect_from: [{old}]' to the page that replaces it")
        fate = "moved to " + new if new else "deleted"
        yield Problem(where, 1, 1, "KB503", f"'{old}' was {fate} and its URL {old_url} now answers nothing", hint)
