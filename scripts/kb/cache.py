"""The checker's cache: page scans, and each page's problems, kept on disk between runs.

Scans are kept until their file, the checker or the config change. Problems are kept rule by
rule with what they depended on (`kb.incremental`), so a warm run stats the files, re-checks
only what an edit can have changed, and reports the rest from here: that is what makes
checking a 10,000-page knowledge base take under a second.

The cache is only data. Its files are JSON Lines, read with `json` and turned into our types
by explicit codecs (`codec`), which check every value's shape: a file that is not exactly what
we write (truncated, edited, from another version) counts as empty, never as a crash, and
nothing in it can run. A file is read only past its first line when that line holds the key of
this checker and config. A cache that is under version control came from someone else: it is
reported (KB006) and not used.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import os
import posixpath
import sys
import types
import typing
import zlib
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem

if TYPE_CHECKING:
    from .config import SiteConfig
    from .incremental import PageResult
    from .scan import PageScan
    from .site import Site, SourceFile

_PACKAGE = Path(__file__).resolve().parent


def cache_key(config: SiteConfig) -> str:
    """A digest of all a scan depends on besides the page: our code, the config, the libraries."""
    digest = hashlib.sha256(sys.version.encode())
    for package in ("markdown", "pymdown-extensions", "pyyaml", "mkdocs-material"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    for path in sorted([*_PACKAGE.glob("*.py"), *_PACKAGE.glob("templates/*")]):
        digest.update(path.read_bytes())
    digest.update(config.config_file.read_bytes())
    # The theme's icons (KB121 checks `icon:` against them): the project's own, by name.
    for folder in config.theme_dirs:
        icons = folder / ".icons"
        if icons.is_dir() and "site-packages" not in folder.parts:  # the theme's: its version above
            digest.update("\n".join(sorted(p.relative_to(icons).as_posix() for p in icons.rglob("*.svg"))).encode())
    for snippet in config.snippet_files("auto_append"):
        digest.update(snippet.read_bytes())
    return digest.hexdigest()


# --- Codecs: our types to plain JSON data and back, checking shapes ----------------------------


class CorruptCache(ValueError):
    """Cached data that is not what this checker writes."""


#: What a codec's decoder may raise on data it did not write (all mean: a corrupt cache).
DECODE_ERRORS = (CorruptCache, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError,
                 OverflowError)

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]

# Values of any type (front matter from YAML) are kept as JSON as they are when they are plain
# JSON (str-keyed mappings, lists, str, int, float, bool, None), so that reading them needs no
# walk; anything else is wrapped in {"\0any": …} and its parts tagged as below.
_ANY = "\0any"
_TAGGED = "\0"


def _is_plain(value: Any) -> bool:
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return True
    if kind is list:
        return all(_is_plain(item) for item in value)
    if kind is dict:
        return all(type(key) is str and not key.startswith(_TAGGED) and _is_plain(item) for key, item in value.items())
    return False


def _tag(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is list:
        return [_tag(item) for item in value]
    if kind is dict:
        if all(type(key) is str and not key.startswith(_TAGGED) for key in value):
            return {key: _tag(item) for key, item in value.items()}
        return {"\0map": [[_tag(key), _tag(item)] for key, item in value.items()]}
    if kind is tuple:
        return {"\0tuple": [_tag(item) for item in value]}
    if kind is datetime.datetime:
        return {"\0datetime": value.isoformat()}
    if kind is datetime.date:
        return {"\0date": value.isoformat()}
    if kind is bytes:
        return {"\0bytes": value.hex()}
    if kind is set or kind is frozenset:
        return {f"\0{kind.__name__}": [_tag(item) for item in value]}
    raise TypeError(f"a {kind.__name__} cannot be kept in the cache")


def _untag_list(value: Any) -> list:
    if type(value) is not list:
        raise CorruptCache("a tagged value holds no list")
    return [_untag(item) for item in value]


def _untag_str(value: Any) -> str:
    if type(value) is not str:
        raise CorruptCache("a tagged value holds no text")
    return value


def _untag_pairs(value: Any) -> dict:
    pairs = _untag_list(value)
    if not all(type(pair) is list and len(pair) == 2 for pair in pairs):
        raise CorruptCache("a mapping is not a list of pairs")
    return dict(pairs)  # an unhashable key raises TypeError


_UNTAG: dict[str, Callable[[Any], Any]] = {
    "\0map": _untag_pairs,
    "\0tuple": lambda value: tuple(_untag_list(value)),
    "\0datetime": lambda value: datetime.datetime.fromisoformat(_untag_str(value)),
    "\0date": lambda value: datetime.date.fromisoformat(_untag_str(value)),
    "\0bytes": lambda value: bytes.fromhex(_untag_str(value)),
    "\0set": lambda value: set(_untag_list(value)),
    "\0frozenset": lambda value: frozenset(_untag_list(value)),
}


def _untag(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return [_untag(item) for item in value]
    if kind is dict:
        if len(value) == 1:
            ((key, item),) = value.items()
            if key.startswith(_TAGGED):
                return _UNTAG[key](item)  # an unknown tag raises KeyError
        return {key: _untag(item) for key, item in value.items()}
    return value


def encode_any(value: Any) -> Any:
    """Any value YAML can make, as JSON data: plain JSON values as they are; others as
    ``{"\0any": [skeleton, patches]}``, the skeleton being the plain part (None where the rest
    goes) and each patch ``[path, tagged value]``, so that reading it walks only to the patches."""
    if _is_plain(value):
        return value
    patches: list[list] = []
    skeleton = _split(value, [], patches)
    return {_ANY: [skeleton, patches]}


def _split(value: Any, path: list, patches: list[list]) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is list:
        return [_split(item, [*path, index], patches) for index, item in enumerate(value)]
    if kind is dict and all(type(key) is str and not key.startswith(_TAGGED) for key in value):
        return {key: _split(item, [*path, key], patches) for key, item in value.items()}
    patches.append([path, _tag(value)])
    return None


def decode_any(data: Any) -> Any:
    """The value `encode_any` kept (JSON data holds nothing else, so plain data needs no walk)."""
    if type(data) is not dict or len(data) != 1:
        return data
    if _ANY not in data:
        if next(iter(data)).startswith(_TAGGED):  # never written so: plain mappings have no such key
            raise CorruptCache("an unknown tag")
        return data
    skeleton, patches = _expect_list(data[_ANY])
    for patch in _expect_list(patches):
        path, tagged = _expect_list(patch)
        if not _expect_list(path):
            return _untag(tagged)
        container = skeleton
        for step in path[:-1]:
            container = container[step]
        if type(container) is list and type(path[-1]) is int and 0 <= path[-1] < len(container):
            container[path[-1]] = _untag(tagged)
        elif type(container) is dict and type(path[-1]) is str and path[-1] in container:
            container[path[-1]] = _untag(tagged)
        else:
            raise CorruptCache("a patch to a place the value does not have")
    return skeleton


def encode_texts(items: Any) -> str | list[str]:
    """Strings as one: each after a "\\0" ('' for none); a list if one holds "\\0" itself."""
    joined = "".join(["\0" + item for item in items])
    return joined if joined.count("\0") == len(items) else list(items)


def decode_texts(data: Any) -> list[str]:
    """The strings `encode_texts` kept."""
    if type(data) is str:
        return data.split("\0")[1:]
    if type(data) is not list or (data and set(map(type, data)) != {str}):
        raise CorruptCache("expected a list of text")
    return data


def _scalar(kind: type) -> tuple[Encoder, Decoder]:
    def decode(data: Any) -> Any:
        if type(data) is not kind:
            if kind is float and type(data) is int:
                return float(data)
            raise CorruptCache(f"expected {kind.__name__}, found {type(data).__name__}")
        return data

    return _identity, decode


def _identity(value: Any) -> Any:
    return value


def _expect_list(data: Any) -> list:
    if type(data) is not list:
        raise CorruptCache(f"expected a list, found {type(data).__name__}")
    return data


@functools.cache
def codec(hint: Any) -> tuple[Encoder, Decoder]:
    """An (encoder, decoder) pair for values of a type annotation, made from the annotation:
    dataclasses and named tuples by their fields (so a new field needs no new code), builtin
    containers by their items. The decoder checks that the data has the shape the annotation
    gives, and raises (one of `DECODE_ERRORS`) when it does not."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return encode_any, decode_any
    if hint in (str, int, float, bool):
        return _scalar(hint)
    if hint is None or hint is type(None):
        return _scalar(type(None))
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in args if arg is not type(None)]
        if len(options) == 1 and len(args) == 2:
            inner_encode, inner_decode = codec(options[0])
            return ((lambda value: None if value is None else inner_encode(value)),
                    (lambda data: None if data is None else inner_decode(data)))
        return _checked_any(tuple(typing.get_origin(arg) or arg for arg in args))
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        return _record(hint, list(hint._fields), _maker(hint, tuple(hint._fields)))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        names = tuple(f.name for f in dataclasses.fields(hint) if f.init)
        return _record(hint, list(names), _maker(hint, names))
    if origin in (list, set, frozenset) or (origin is tuple and len(args) == 2 and args[1] is Ellipsis):
        item_hint = args[0] if args else Any
        item_encode, item_decode = codec(item_hint)
        make = origin
        if _is_record(item_hint):  # [count, columns] (`Table`)
            table = Table(item_hint)

            def decode_records(data: Any) -> Any:
                count, columns = _expect_list(data)
                if type(count) is not int or count < 0:
                    raise CorruptCache("a table of a wrong count")
                return make(table.decode(columns, count))

            return (lambda value: [len(value), table.columns([table.encode_row(item) for item in value])]), decode_records
        if item_hint is str:  # one string, "\0" before each item: decoded and checked at C speed
            return encode_texts, lambda data: make(decode_texts(data))
        if item_hint in (int, bool):  # checked at C speed
            kinds = {item_hint}

            def decode_scalars(data: Any) -> Any:
                if type(data) is not list or (data and set(map(type, data)) != kinds):
                    raise CorruptCache(f"expected a list of {item_hint.__name__}")
                return data if make is list else make(data)

            return (lambda value: list(value)), decode_scalars
        return ((lambda value: [item_encode(item) for item in value]),
                (lambda data: make(item_decode(item) for item in _expect_list(data))))
    if origin is tuple:
        parts = [codec(arg) for arg in args]

        def decode_tuple(data: Any) -> tuple:
            if len(_expect_list(data)) != len(parts):
                raise CorruptCache("a tuple of the wrong length")
            return tuple(part[1](item) for part, item in zip(parts, data))

        return (lambda value: [part[0](item) for part, item in zip(parts, value)]), decode_tuple
    if origin is dict:
        key_hint, value_hint = args or (Any, Any)
        if value_hint is Any:  # kept whole: plain JSON needs no walk
            return _checked_any((dict,))
        key_encode, key_decode = codec(key_hint)
        value_encode, value_decode = codec(value_hint)
        if key_hint is str:
            def decode_object(data: Any) -> dict:
                if type(data) is not dict:
                    raise CorruptCache("expected a mapping")
                return {key: value_decode(item) for key, item in data.items()}

            return (lambda value: {key: value_encode(item) for key, item in value.items()}), decode_object
        return ((lambda value: [[key_encode(key), value_encode(item)] for key, item in value.items()]),
                (lambda data: {key_decode(pair[0]): value_decode(pair[1]) for pair in _expect_list(data)
                               if len(_expect_list(pair)) == 2}))
    if origin is not None:
        return _checked_any((origin,))
    if isinstance(hint, type):
        return _checked_any((hint,))
    raise TypeError(f"no cache codec for {hint!r}")


def _checked_any(kinds: tuple[type, ...]) -> tuple[Encoder, Decoder]:
    def decode(data: Any) -> Any:
        value = decode_any(data)
        if not isinstance(value, kinds):
            raise CorruptCache(f"expected {' or '.join(k.__name__ for k in kinds)}, found {type(value).__name__}")
        return value

    return encode_any, decode


def _record(cls: type, names: list[str], make: Callable[[list[Any]], Any]) -> tuple[Encoder, Decoder]:
    """The codec of a class by its fields: a list of the fields' values, in field order."""
    hints = typing.get_type_hints(cls)
    parts = [codec(hints[name]) for name in names]
    count = len(parts)
    # Fields of one scalar type are checked by type alone; only the others call a decoder.
    scalars = [(index, hints[name]) for index, name in enumerate(names) if hints[name] in (str, int, bool)]
    others = [(index, parts[index][1]) for index, name in enumerate(names) if hints[name] not in (str, int, bool)]
    scalar_indexes = [index for index, _ in scalars]
    scalar_kinds = [kind for _, kind in scalars]

    def encode(value: Any) -> list:
        return [part[0](getattr(value, name)) for part, name in zip(parts, names)]

    def decode(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise CorruptCache(f"a {cls.__name__} of the wrong shape")
        if [type(data[index]) for index in scalar_indexes] != scalar_kinds:
            raise CorruptCache(f"a {cls.__name__} with a field of the wrong type")
        values = list(data)
        for index, decode_field in others:
            values[index] = decode_field(values[index])
        return make(values)

    return encode, decode


class Table:
    """Many records of one class as columns: one list per field, the fields of a nested record
    (a dataclass or named tuple) flattened into its own columns. A column of str, int or bool
    is checked at C speed, and records are made row by row without their ``__init__``.

    `names` (default: every field) and `make` (a row of field values -> record) may be given.
    """

    def __init__(self, cls: type, names: tuple[str, ...] | None = None,
                 make: Callable[[tuple], Any] | None = None) -> None:
        hints = typing.get_type_hints(cls)
        if names is None:
            names = tuple(cls._fields) if issubclass(cls, tuple) else tuple(
                f.name for f in dataclasses.fields(cls) if f.init)
        self.cls, self.names = cls, names
        self.make = make or _maker(cls, names)
        self.parts: list[tuple[str, Table | None, Encoder, Decoder, type | None]] = []
        for name in names:
            hint = hints[name]
            if _is_record(hint):
                self.parts.append((name, Table(hint), _identity, _identity, None))
            else:
                self.parts.append((name, None, *codec(hint), hint if hint in (str, int, bool) else None))
        self.width = sum(1 if table is None else table.width for _, table, *_ in self.parts)

    def encode_row(self, record: Any) -> list:
        """A record's leaf values, encoded, in column order (raises TypeError or ValueError)."""
        row: list = []
        for name, table, encode, _, _ in self.parts:
            value = getattr(record, name)
            if table is None:
                row.append(encode(value))
            else:
                row.extend(table.encode_row(value))
        return row

    def columns(self, rows: list[list]) -> list[list]:
        """Rows of `encode_row` as columns."""
        return [list(column) for column in zip(*rows)] if rows else [[] for _ in range(self.width)]

    def decode(self, columns: Any, count: int) -> list:
        """`count` records from the columns (raises one of `DECODE_ERRORS` if they are not ours)."""
        if type(columns) is not list or len(columns) != self.width:
            raise CorruptCache(f"a table of {self.cls.__name__} of the wrong shape")
        values: list[list] = []
        at = 0
        for _, table, _, decode, kind in self.parts:
            if table is not None:
                values.append(table.decode(columns[at : at + table.width], count))
                at += table.width
                continue
            column = columns[at]
            at += 1
            if type(column) is not list or len(column) != count:
                raise CorruptCache(f"a column of {self.cls.__name__} of the wrong length")
            if kind is not None:
                if column and set(map(type, column)) != {kind}:
                    raise CorruptCache(f"a column of {self.cls.__name__} of the wrong type")
                values.append(column)
            else:
                values.append(list(map(decode, column)))
        return list(map(self.make, zip(*values))) if values else [self.make(()) for _ in range(count)]


def _is_record(hint: Any) -> bool:
    return isinstance(hint, type) and ((issubclass(hint, tuple) and hasattr(hint, "_fields"))
                                       or dataclasses.is_dataclass(hint))


def _maker(cls: type, names: tuple[str, ...]) -> Callable[[tuple], Any]:
    """Make a record from its field values, as `codec` does."""
    if issubclass(cls, tuple):
        return functools.partial(tuple.__new__, cls)
    if (len(names) == len(dataclasses.fields(cls)) and not hasattr(cls, "__post_init__")
            and not hasattr(cls, "__slots__")):
        def make(values: tuple) -> Any:
            made = object.__new__(cls)
            made.__dict__.update(zip(names, values))
            return made

        return make
    return lambda values: cls(**dict(zip(names, values)))


def dumps(data: Any) -> bytes:
    """JSON data as one line of ASCII (every string escaped, lone surrogates of odd file names too)."""
    return json.dumps(data, separators=(",", ":"), check_circular=False).encode("ascii")


def loads(data: bytes) -> Any:
    """The JSON data of `dumps` (raises one of `DECODE_ERRORS` on anything else)."""
    return json.loads(data)


# --- The cache files -----------------------------------------------------------------------------

#: The cache is split into this many files by page, so that a run which checked a few pages
#: again rewrites a few small files, not one file of every page (58 MB at 10,000 pages).
SHARDS = 16

#: Written in each file's first line, with the key: a file of another layout counts as empty.
FORMAT = "kb-check-cache/2"


def shard_of(src_uri: str) -> int:
    """The cache file a page is kept in (stable across runs and machines)."""
    return zlib.crc32(src_uri.encode("utf-8")) % SHARDS


class ScanCache:
    """Files of ``src_uri -> (size, mtime_ns, scan)`` and of each page's last problems, valid
    for one `cache_key`, in `SHARDS` files of a folder.

    Each file is JSON Lines: a header (``{"format": …, "key": …}``), read first and alone; then
    the index, in columns (`kb.scan.encode_entries`: each page's stamp and what every run reads
    of its scan; `kb.incremental.encode_results`: its problems); then one line per page with
    the rest of its scan, decoded only when a rule or the build first reads it. `rescan`
    (src_uri -> PageScan) makes a page's scan afresh should that line be corrupt. A cache that
    is not `enabled` is neither read nor written.
    """

    def __init__(self, path: Path, key: str, rescan: Callable[[str], PageScan] | None = None,
                 enabled: bool = True) -> None:
        self.path, self.key, self.rescan, self.enabled = path, key, rescan, enabled
        self.entries: dict[str, tuple[int, int, PageScan]] = {}
        self.results: dict[str, PageResult] = {}
        """src_uri -> the page rules' problems for it, with what they depended on (`kb.incremental`)."""
        self.changed: set[int] = set()
        """The shards that differ from their files."""
        self.tracked: list[str] | None = []
        """Files of the cache folder under version control (None: git could not tell); set by `for_config`."""
        if enabled:
            for shard in range(SHARDS):
                self._load(shard)

    @classmethod
    def for_config(cls, config: SiteConfig) -> ScanCache:
        """The cache of a site, in `default_cache_path`; not used (neither read nor written) when
        git lists a file of it (`tracked_cache_files`) or cannot tell."""
        tracked = tracked_cache_files(config)
        path = default_cache_path(config)
        enabled = tracked == [] and not _leads_elsewhere(config.root, path)
        cache = cls(path, cache_key(config), _rescanner(config), enabled=enabled)
        cache.tracked = tracked
        return cache

    def _file(self, shard: int) -> Path:
        return self.path / f"{shard:02d}.jsonl"

    def _load(self, shard: int) -> None:
        """Read one file; any surprise leaves the whole shard out (its pages start afresh)."""
        from .incremental import decode_results
        from .scan import decode_entries

        try:
            with self._file(shard).open("rb") as stream:
                header = loads(stream.readline(4096))
                if type(header) is not dict or header.get("format") != FORMAT or header.get("key") != self.key:
                    return
                index_line = stream.readline()
                details = stream.read()
        except (OSError, *DECODE_ERRORS):
            return  # no cache, or an unreadable one
        try:
            index = loads(index_line)
            if type(index) is not dict or set(index) != {"entries", "results"}:
                return
            entries = decode_entries(index["entries"], details, self.rescan)
            results = decode_results(index["results"])
        except DECODE_ERRORS:
            return
        self.entries.update(entries)
        self.results.update(results)

    @staticmethod
    def stamp(file: SourceFile) -> tuple[int, int] | None:
        """A file's (size, mtime_ns), taken before it is read; None if it cannot be read."""
        try:
            stat = file.abs_path.stat()
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns

    def get(self, src_uri: str, stamp: tuple[int, int]) -> PageScan | None:
        """The cached scan of a file, if the file has not changed since (same stamp)."""
        entry = self.entries.get(src_uri)
        if entry is not None and (entry[0], entry[1]) == stamp:
            return entry[2]
        return None

    def put(self, src_uri: str, stamp: tuple[int, int], scan: PageScan) -> None:
        """Remember a scan, with the stamp the file had when it was read."""
        self.entries[src_uri] = (stamp[0], stamp[1], scan)
        self.changed.add(shard_of(src_uri))

    def put_result(self, src_uri: str, result: PageResult | None) -> None:
        """Remember a page's problems (None: forget them)."""
        if result is None:
            self.results.pop(src_uri, None)
        else:
            self.results[src_uri] = result
        self.changed.add(shard_of(src_uri))

    def prune(self, keep: set[str]) -> None:
        """Forget files that no longer exist."""
        for uri in set(self.entries) - keep:
            del self.entries[uri]
            self.results.pop(uri, None)
            self.changed.add(shard_of(uri))

    def save(self) -> None:
        """Write the changed shards, each atomically (best effort: a read-only checkout just
        runs cold). A shard is consistent on its own: stamps say which of its pages are current."""
        from .incremental import encode_results
        from .scan import encode_entries

        if not self.changed or not self.enabled:
            return
        split: dict[int, tuple[list, dict]] = {shard: ([], {}) for shard in self.changed}
        for uri, (size, mtime, scan) in self.entries.items():
            part = split.get(shard_of(uri))
            if part is not None:
                part[0].append((uri, size, mtime, scan))
        for uri, result in self.results.items():
            part = split.get(shard_of(uri))
            if part is not None:
                part[1][uri] = result
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            header = dumps({"format": FORMAT, "key": self.key})
            for shard, (items, results) in sorted(split.items()):
                entries, details = encode_entries(items)
                try:
                    index = dumps({"entries": entries, "results": encode_results(results)})
                except (TypeError, ValueError, RecursionError):
                    index = dumps({"entries": entries, "results": encode_results({})})
                temporary = self._file(shard).with_suffix(f".{os.getpid()}.tmp")
                with temporary.open("wb") as stream:
                    stream.write(header + b"\n" + index + b"\n")
                    stream.writelines(details)
                os.replace(temporary, self._file(shard))
            self.changed.clear()
            for old in [self.path.with_suffix(".pickle")] + [self.path / f"{n:02d}.pickle" for n in range(SHARDS)]:
                old.unlink(missing_ok=True)  # the pickled cache of before is never read
        except OSError:
            pass


def _leads_elsewhere(root: Path, path: Path) -> bool:
    """Whether a folder on the way from `root` to `path` is a symbolic link (or not a folder):
    the cache would then be read and written wherever someone pointed it."""
    for folder in [path, *path.parents]:
        if folder == root or root not in folder.parents:
            return False
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return True
    return False


def default_cache_path(config: SiteConfig) -> Path:
    """Where the cache of a site lives: the folder ``.cache/kb-check/`` next to its mkdocs.yml."""
    return config.root / ".cache" / "kb-check"


def _rescanner(config: SiteConfig) -> Callable[[str], PageScan]:
    """Scan one page afresh (for a cache line found corrupt after its page was taken from it)."""
    renderer = None

    def rescan(src_uri: str) -> PageScan:
        nonlocal renderer
        from .anchors import HeadingRenderer
        from .scan import scan_text
        from .site import read_text

        renderer = renderer or HeadingRenderer(config)
        try:
            text = read_text(config.docs_dir / src_uri)
        except (OSError, UnicodeDecodeError):
            text = ""  # changed since it was stamped: the next run sees the new stamp
        return scan_text(text, renderer, posixpath.dirname(src_uri))

    return rescan


# --- A cache under version control -----------------------------------------------------------

#: How long git may take to list the cache's tracked files.
GIT_TIMEOUT = 10.0

#: `Site.derived` key under which the checker leaves what `tracked_cache_files` found.
TRACKED = "tracked_cache"


def tracked_cache_files(config: SiteConfig) -> list[str] | None:
    """Files of the cache folder that git tracks, relative to the folder of mkdocs.yml: [] when
    none (or when the site is not in a git work tree), None when git cannot tell (not
    installed, too slow, or refusing the repository)."""
    root = config.root.resolve()
    if not any((folder / ".git").exists() for folder in (root, *root.parents)):
        return []
    import subprocess  # only here: most runs never need it

    folder = os.path.relpath(default_cache_path(config), config.root).replace(os.sep, "/")
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", folder], cwd=root, env=env, capture_output=True,
                                timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    # Paths are relative to the working directory (the site's folder), unquoted with -z.
    return sorted(name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name)


def check_cache_not_tracked(site: Site) -> Iterator[Problem]:
    """KB006: a checker cache under version control came from whoever committed it."""
    tracked = site.derived[TRACKED] if TRACKED in site.derived else tracked_cache_files(site.config)
    docs = site.config.docs_dir.resolve()
    for name in tracked or []:
        where = Path(os.path.relpath(site.config.root.resolve() / name, docs)).as_posix()
        yield Problem(where, 1, 1, "KB006", "checker cache is under version control: it is not used",
                      "remove it from git with 'git rm -r --cached .cache'; .cache/ belongs in .gitignore")
