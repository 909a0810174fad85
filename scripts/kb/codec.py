"""Codecs: our types to plain JSON data and back, checking every value's shape.

The checker's cache (`kb.cache`) is only data: JSON Lines, turned into our types by explicit
codecs (`codec`, made from type annotations), so that a file which is not exactly what we write
(truncated, edited, from another version) raises one of `DECODE_ERRORS`, never runs anything.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any

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
        return {f"\0{kind.__name__}": [_tag(item) for item in sorted(value, key=repr)]}
    raise TypeError(f"a {kind.__name__} cannot be kept in the cache")


def _untag_list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise CorruptCache("a tagged value holds no list")
    return [_untag(item) for item in value]


def _untag_str(value: Any) -> str:
    if type(value) is not str:
        raise CorruptCache("a tagged value holds no text")
    return value


def _untag_pairs(value: Any) -> dict[str, Any]:
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
    patches: list[list[Any]] = []
    skeleton = _split(value, [], patches)
    return {_ANY: [skeleton, patches]}


def _split(value: Any, path: list[Any], patches: list[list[Any]]) -> Any:
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


def _expect_list(data: Any) -> list[Any]:
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
        # A set is written in sorted order: the same set gives the same bytes in every process
        # (a set's order changes with each process's string hashing).
        unordered = make is set or make is frozenset
        if _is_record(item_hint):  # [count, columns] (`Table`)
            table = Table(item_hint)

            def decode_records(data: Any) -> Any:
                count, columns = _expect_list(data)
                if type(count) is not int or count < 0:
                    raise CorruptCache("a table of a wrong count")
                return make(table.decode(columns, count))

            def encode_records(value: Any) -> list[Any]:
                items = sorted(value, key=repr) if unordered else value
                return [len(value), table.columns([table.encode_row(item) for item in items])]

            return encode_records, decode_records
        if item_hint is str:  # one string, "\0" before each item: decoded and checked at C speed
            return ((lambda value: encode_texts(sorted(value))) if unordered else encode_texts,
                    lambda data: make(decode_texts(data)))
        if item_hint in (int, bool):  # checked at C speed
            kinds = {item_hint}

            def decode_scalars(data: Any) -> Any:
                if type(data) is not list or (data and set(map(type, data)) != kinds):
                    raise CorruptCache(f"expected a list of {item_hint.__name__}")
                return data if make is list else make(data)

            return (lambda value: sorted(value) if unordered else list(value)), decode_scalars
        return ((lambda value: [item_encode(item) for item in (sorted(value, key=repr) if unordered else value)]),
                (lambda data: make(item_decode(item) for item in _expect_list(data))))
    if origin is tuple:
        parts = [codec(arg) for arg in args]

        def decode_tuple(data: Any) -> tuple[Any, ...]:
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
            def decode_object(data: Any) -> dict[str, Any]:
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


def _record(cls: type, names: list[str], make: Callable[[Sequence[Any]], Any]) -> tuple[Encoder, Decoder]:
    """The codec of a class by its fields: a list of the fields' values, in field order."""
    hints = typing.get_type_hints(cls)
    parts = [codec(hints[name]) for name in names]
    count = len(parts)
    # Fields of one scalar type are checked by type alone; only the others call a decoder.
    scalars = [(index, hints[name]) for index, name in enumerate(names) if hints[name] in (str, int, bool)]
    others = [(index, parts[index][1]) for index, name in enumerate(names) if hints[name] not in (str, int, bool)]
    scalar_indexes = [index for index, _ in scalars]
    scalar_kinds = [kind for _, kind in scalars]

    def encode(value: Any) -> list[Any]:
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
                 make: Callable[[Sequence[Any]], Any] | None = None) -> None:
        hints = typing.get_type_hints(cls)
        if names is None:
            if issubclass(cls, tuple):
                names = tuple(cls._fields)  # type: ignore[attr-defined]  # a NamedTuple's
            else:
                names = tuple(f.name for f in dataclasses.fields(cls) if f.init)  # type: ignore[arg-type]
        self.cls, self.names = cls, names
        self.make = make or _maker(cls, names)
        self.parts: list[tuple[str, Table | None, Encoder, Decoder, type | None]] = []
        for name in names:
            hint = hints[name]
            if _is_record(hint):
                self.parts.append((name, Table(hint), _identity, _identity, None))
            else:
                self.parts.append((name, None, *codec(hint), hint if hint in (str, int, bool) else None))
        self.width: int = sum(1 if table is None else table.width for _, table, *_ in self.parts)

    def encode_row(self, record: Any) -> list[Any]:
        """A record's leaf values, encoded, in column order (raises TypeError or ValueError)."""
        row: list[Any] = []
        for name, table, encode, _, _ in self.parts:
            value = getattr(record, name)
            if table is None:
                row.append(encode(value))
            else:
                row.extend(table.encode_row(value))
        return row

    def columns(self, rows: list[list[Any]]) -> list[list[Any]]:
        """Rows of `encode_row` as columns."""
        return [list(column) for column in zip(*rows)] if rows else [[] for _ in range(self.width)]

    def decode(self, columns: Any, count: int) -> list[Any]:
        """`count` records from the columns (raises one of `DECODE_ERRORS` if they are not ours)."""
        if type(columns) is not list or len(columns) != self.width:
            raise CorruptCache(f"a table of {self.cls.__name__} of the wrong shape")
        values: list[list[Any]] = []
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


def _maker(cls: type, names: tuple[str, ...]) -> Callable[[Sequence[Any]], Any]:
    """Make a record from its field values, as `codec` does."""
    if issubclass(cls, tuple):
        return functools.partial(tuple.__new__, cls)
    if (len(names) == len(dataclasses.fields(cls)) and not hasattr(cls, "__post_init__")  # type: ignore[arg-type]
            and not hasattr(cls, "__slots__")):
        def make(values: Sequence[Any]) -> Any:
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
