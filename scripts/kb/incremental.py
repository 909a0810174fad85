"""Incremental checking: a page's problems are kept between runs with what they depended on.

The page rules of `kb.check` are functions of one page and the site. What they read of the
site falls in two parts:

- its *shape*, read by every page: the list of files (and whether each is published), the
  names of the pages (titles, aliases, old paths: they make the URL table and the mention
  finder), the source article's paragraphs, the URL style. `kb.site.shape_digest` sums it up; when it changes, every
  page is checked again.
- other *pages*, read through ``site.pages`` (a link's target and its anchors, the source's
  paragraphs). While a page is checked, ``site.pages`` is a `RecordingPages` that notes every
  page looked up; the problems are kept with the stamp (size, mtime) of each of those pages.

This is recorded rule by rule. When a page's own file or the shape has changed, every rule
runs on it again; otherwise only the rules whose looked-up pages have changed (the link rules
of the pages linking to an edited page, say), and the other rules' problems come from the
cache. A rule that walks all pages' contents (``site.pages.values()``) depends on every page,
so it runs every time.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, NamedTuple, TypeVar

from .codec import CorruptCache, codec, decode_texts, encode_texts
from .problems import CODES, Problem

#: What the pages of a site are (`kb.site.Page`; this module does not need to know).
V = TypeVar("V")

#: A dependency list standing for "every page" (the rule walked them all).
EVERYTHING = None

Stamp = tuple[int, int]

#: The stamp of a page that does not exist.
MISSING: Stamp = (-1, -1)


class RuleResult(NamedTuple):
    """One page rule's problems on one page, and the pages it looked up."""

    depends: tuple[str, ...] | None
    """Each page looked up (its src_uri), () for none; None for every page."""
    digest: int
    """`stamps_digest` of the pages looked up, as they were."""
    problems: tuple[Problem, ...]


#: The result of a rule that looked nothing up and found nothing (most): one object, which the
#: cache file leaves out.
NOTHING = RuleResult((), 0, ())


class PageResult(NamedTuple):
    """One page's problems, rule by rule, and what they were computed from."""

    shape: str
    """`kb.site.shape_digest` of the site at the time."""
    stamp: Stamp
    """The page's own file stamp."""
    rules: tuple[RuleResult, ...]
    """One per page rule, in the order of `kb.check.PAGE_RULES`."""


# --- Results as plain data (the cache file) ---------------------------------------------------
#
# Some pages' results are kept as columns: {"shapes": [shape digest, …], "pages": [[src_uri, …],
# [size, …], [mtime_ns, …], [rule count, …], [index into shapes, …]], "rules": [[index into
# pages, …], [rule index, …], [depends (`encode_texts`, or None), …], [digest, …], [[problem, …],
# …]]}, with only the rules that are not `NOTHING` listed. A problem is its fields in order
# (`kb.cache.codec`). Columns of numbers and paths are checked at C speed.

#: Rules a page may have (more means a corrupt cache).
_MAX_RULES = 1000


def encode_results(results: dict[str, PageResult]) -> dict[str, Any]:
    """Some pages' results as plain data (see above)."""
    encode_problem = codec(Problem)[0]
    shapes: dict[str, int] = {}
    pages: list[list[Any]] = [[], [], [], [], []]
    rules: list[list[Any]] = [[], [], [], [], []]
    for number, (uri, result) in enumerate(results.items()):
        for column, value in zip(pages, (uri, result.stamp[0], result.stamp[1], len(result.rules),
                                         shapes.setdefault(result.shape, len(shapes)))):
            column.append(value)
        for index, rule in enumerate(result.rules):
            if rule != NOTHING:
                depends = None if rule.depends is None else encode_texts(rule.depends)
                for column, value in zip(rules, (number, index, depends,
                                                 rule.digest, [encode_problem(problem) for problem in rule.problems])):
                    column.append(value)
    return {"shapes": list(shapes), "pages": pages, "rules": rules}


def decode_results(data: Any) -> dict[str, PageResult]:
    """The results `encode_results` made; raises one of `kb.cache.DECODE_ERRORS` on anything else."""
    if type(data) is not dict or set(data) != {"shapes", "pages", "rules"}:
        raise CorruptCache("results of the wrong shape")
    shapes = _column(data["shapes"], str)
    uris, sizes, mtimes, counts, shape_numbers = _columns(data["pages"], (str, int, int, int, int))
    pages, indexes, depends, digests, problems = _columns(data["rules"], (int, int, None, int, list))
    if counts and not (0 <= min(counts) and max(counts) <= _MAX_RULES):
        raise CorruptCache("a page with a wrong number of rules")
    if shape_numbers and not (0 <= min(shape_numbers) and max(shape_numbers) < len(shapes)):
        raise CorruptCache("a page of an unknown shape")
    if pages and not (0 <= min(pages) and max(pages) < len(uris) and min(indexes) >= 0
                      and all(map(int.__lt__, indexes, map(counts.__getitem__, pages)))):
        raise CorruptCache("a rule of no page")
    decode_problem = codec(Problem)[1]
    found = [tuple(map(decode_problem, items)) if items else () for items in problems]
    if not all(problem.code in CODES for items in found for problem in items):
        raise CorruptCache("a problem of an unknown code")
    kept = [[NOTHING] * count for count in counts]
    new_rule = functools.partial(tuple.__new__, RuleResult)
    for page, index, rule in zip(pages, indexes, map(new_rule, zip(map(_depends, depends), digests, found))):
        kept[page][index] = rule
    new_page = functools.partial(tuple.__new__, PageResult)
    return dict(zip(uris, map(new_page, zip(map(shapes.__getitem__, shape_numbers), zip(sizes, mtimes),
                                            map(tuple, kept)))))


def _depends(data: Any) -> tuple[str, ...] | None:
    return None if data is None else tuple(decode_texts(data))


def _column(data: Any, kind: type | None, length: int | None = None) -> list[Any]:
    """A column of values of one type (any type for None), checked."""
    if type(data) is not list or (length is not None and len(data) != length):
        raise CorruptCache("a column of the wrong length")
    if kind is not None and data and set(map(type, data)) != {kind}:
        raise CorruptCache("a column of the wrong type")
    return data


def _columns(data: Any, kinds: tuple[type | None, ...]) -> list[list[Any]]:
    """Columns of the same length, of these types."""
    if type(data) is not list or len(data) != len(kinds) or type(data[0]) is not list:
        raise CorruptCache("columns of the wrong shape")
    return [_column(column, kind, len(data[0])) for column, kind in zip(data, kinds)]


def stamps_digest(uris: tuple[str, ...], stamps: dict[str, Stamp]) -> int:
    """One number for the stamps of some pages (tuples of ints hash the same in every run)."""
    return hash(tuple([stamps.get(uri, MISSING) for uri in uris]))


def stale_rules(result: PageResult | None, src_uri: str, shape: str, stamps: dict[str, Stamp],
                rule_count: int) -> list[int] | None:
    """Which page rules must run again on a page: None for all of them (nothing kept, or the
    page or the shape changed); otherwise those whose looked-up pages changed (often none)."""
    if (result is None or result.shape != shape or result.stamp != stamps.get(src_uri)
            or len(result.rules) != rule_count):
        return None
    return [index for index, rule in enumerate(result.rules)
            if rule.depends is EVERYTHING or (rule.depends and stamps_digest(rule.depends, stamps) != rule.digest)]


class RecordingPages(dict[str, V]):
    """``site.pages`` while a page is checked: notes each page looked up (`looked_up`)."""

    def __init__(self, pages: dict[str, V]) -> None:
        super().__init__(pages)
        self.looked_up: set[str] | None = set()

    def start(self) -> None:
        """Begin recording for the next page."""
        self.looked_up = set()

    def _note(self, key: str) -> None:
        if self.looked_up is not None:
            self.looked_up.add(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> V:
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._note(key)  # type: ignore[arg-type]
        return super().__contains__(key)

    @contextmanager
    def shape_only(self) -> Iterator[None]:
        """Lookups made inside are not recorded: they read only what `kb.site.shape_digest` covers
        (the pages' names, to make the URL table), whichever rule first asks for it."""
        saved = self.looked_up
        self.looked_up = None
        try:
            yield
        finally:
            self.looked_up = saved

    def values(self) -> Any:
        self.looked_up = EVERYTHING
        return super().values()

    def items(self) -> Any:
        self.looked_up = EVERYTHING
        return super().items()

    def rule_result(self, src_uri: str, stamps: dict[str, Stamp], problems: list[Problem]) -> RuleResult:
        """What to keep of one rule's run on a page (since the last `start`)."""
        looked_up = self.looked_up
        if looked_up is EVERYTHING:
            return RuleResult(EVERYTHING, 0, tuple(problems))
        if not looked_up:
            return RuleResult((), 0, tuple(problems)) if problems else NOTHING
        # Interned, so that memory holds each path once however many pages look it up.
        depends = tuple(sorted(sys.intern(uri) for uri in looked_up if uri != src_uri))
        return RuleResult(depends, stamps_digest(depends, stamps), tuple(problems))


def shape_only(pages: dict[str, V]) -> AbstractContextManager[None]:
    """A context in which reading `pages` is not recorded (`RecordingPages.shape_only`)."""
    return pages.shape_only() if isinstance(pages, RecordingPages) else nullcontext()
