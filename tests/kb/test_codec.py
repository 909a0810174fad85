"""kb.codec: every type the cache holds round-trips through JSON data, a new field needs no codec
change, and data of the wrong shape is refused with one of `DECODE_ERRORS`."""

import dataclasses
import datetime
import json
from typing import Any, NamedTuple

import pytest
import yaml

from kb.codec import DECODE_ERRORS, Table, codec, decode_any, decode_texts, dumps, encode_any, encode_texts, loads
from kb.frontmatter import FrontMatter
from kb.incremental import NOTHING, PageResult, RuleResult, decode_results, encode_results
from kb.markup import Link, Tag
from kb.problems import Problem

# --- Round trips of every type the cache holds -------------------------------------------------------

YAML_VALUES = """
title: Home
date: 2010-11-20
when: 2010-11-20 10:30:00+03:00
naive: 2010-11-20 10:30:00
numbers: [1, -2.5, .inf, 1e300, 12345678901234567890]
flags: [true, false, null, ~]
binary: !!binary aGVsbG8=
set: !!set {a, b}
omap: !!omap [{a: 1}, {b: 2}]
pairs: !!pairs [{a: 1}, {a: 2}]
1: an int key
2010-01-01: a date key
null: a null key
nested: {deep: [{d: 2011-01-02}, [1, [2, {3: x}]]]}
"\\0any": a key like a tag
"\\0date": [not, a, date]
text: "line\\nbreak\\u2028 and \\0 nul"
"""


def _round_trip(hint, value):
    encode, decode = codec(hint)
    data = json.loads(json.dumps(encode(value)))
    return decode(data)


def test_any_yaml_value_round_trips():
    data = yaml.load(YAML_VALUES, Loader=yaml.SafeLoader)  # noqa: S506 - the safe loader
    assert isinstance(data["when"], datetime.datetime) and data["when"].tzinfo is not None
    back = decode_any(json.loads(json.dumps(encode_any(data))))
    assert back == data
    assert [type(v) for v in back.values()] == [type(v) for v in data.values()]
    assert type(back["omap"][0]) is tuple and type(back["set"]) is set
    for value in ("text", 1, None, [1, "a"], {"a": [1, {"b": None}]}, {}, [], (), frozenset({"a"})):
        assert decode_any(json.loads(json.dumps(encode_any(value)))) == value
    assert encode_any({"a": [1, "b"]}) == {"a": [1, "b"]}  # plain JSON stays as it is
    with pytest.raises(TypeError):
        encode_any(object())


def test_every_cached_type_round_trips():
    fm = FrontMatter(data=yaml.safe_load(YAML_VALUES), text="title: Home\n", first_line=2, body_offset=40,
                     error=("KB101", 3, 4, "message", "hint"))
    assert _round_trip(FrontMatter, fm) == fm
    assert _round_trip(FrontMatter | None, None) is None
    link = Link("definition", "a.md#x", 12, tag="label")
    tag = Tag("a", (("href", "x"), ("download", None)), 7, (("href", 16),))
    assert _round_trip(Link, link) == link and type(_round_trip(Link, link)) is Link
    assert _round_trip(Tag, tag) == tag and _round_trip(Tag, tag).get("download") is None
    problem = Problem("a.md", 1, 2, "KB201", "message", "hint")
    assert _round_trip(Problem, problem) == problem and hash(_round_trip(Problem, problem)) == hash(problem)
    results = {
        "a.md": PageResult("shape", (10, 20),
                           (NOTHING, RuleResult(None, 0, (problem,)), RuleResult(("b.md", "c\0d.md"), -5, ()))),
        "b.md": PageResult("other", (1, 2), ()),
    }
    back = decode_results(json.loads(json.dumps(encode_results(results))))
    assert back == results and back["a.md"].rules[0] is NOTHING
    assert type(back["a.md"].rules[1].problems[0]) is Problem



def test_new_fields_need_no_codec_change():
    class Place(NamedTuple):
        name: str
        at: int
        extra: tuple[str, ...] = ()

    @dataclasses.dataclass
    class Wider(FrontMatter):
        issues_by_line: dict[int, list[str]] = dataclasses.field(default_factory=dict)
        places: list[Place] = dataclasses.field(default_factory=list)
        labels: frozenset[str] = frozenset()
        anything: Any = None
        flag: bool = False
        ratio: float = 0.5
        maybe: str | None = None

    value = Wider(data={"a": datetime.date(2011, 1, 1)}, text="a: 2011-01-01\n", issues_by_line={3: ["x"]},
                  places=[Place("p", 1, ("q",))], labels=frozenset({"l", ""}), anything={1: (2,)}, flag=True,
                  ratio=2.0, maybe="m")
    assert _round_trip(Wider, value) == value
    table = Table(Wider)
    rows = [table.encode_row(value), table.encode_row(Wider())]
    assert table.decode(json.loads(json.dumps(table.columns(rows))), 2) == [value, Wider()]
    with pytest.raises(DECODE_ERRORS):
        _round_trip(Wider, Wider(places=[Place("p", "not a number")]))


@pytest.mark.parametrize("hint, data", [
    (Link, ["inline", "a.md", "12"]), (Link, ["inline", "a.md", 12]), (Link, {"kind": "inline"}),
    (Tag, ["a", [["href", 1]], 7, []]), (Problem, ["a.md", 1, 1, "KB201", "m", None]),
    (FrontMatter, [[], "", 2, 0, None, []]), (FrontMatter, [{}, "", True, 0, None, []]),
    (frozenset[str], [["a"]]), (dict[str, str], {"a": 1}), (tuple[str, int], ["a"]), (Any, {"\0any": 5}),
    (Any, {"\0any": [{"a": None}, [[["a", "b", "c"], {"\0date": "x"}]]]}), (Any, {"\0evil": 1}),
    (list[Link], [2, [["inline"], ["a.md"], [1], [""]]]), (list[Link], [1, [["inline"], ["a.md"], ["1"], [""]]]),
    (list[Link], [-1, [[], [], [], []]]), (list[Link], [1, [["inline"], ["a.md"], [1]]]),
])
def test_data_of_the_wrong_shape_is_refused(hint, data):
    with pytest.raises(DECODE_ERRORS):
        codec(hint)[1](data)



# --- encode_texts and decode_texts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "data"),
    [
        (["a", "bc", ""], "\0a\0bc\0"),  # one string: each item after a NUL
        ([], ""),
        (["a\0b", "c"], ["a\0b", "c"]),  # an item holding a NUL: kept as a list
    ],
)
def test_encode_texts_and_back(items, data):
    assert encode_texts(items) == data
    assert decode_texts(data) == items


@pytest.mark.parametrize("data", [5, None, ["a", 1], {"a": "b"}])
def test_decode_texts_refuses_what_is_not_text(data):
    with pytest.raises(DECODE_ERRORS, match="expected a list of text"):
        decode_texts(data)


# --- dumps and loads ------------------------------------------------------------------------------


def test_dumps_writes_one_ascii_line_and_loads_reads_it_back():
    data = {"uri": "people/café.md", "odd": "\udc80", "lines": ["a\nb"], "n": [1, 2.5, None, True]}
    line = dumps(data)
    assert line == (b'{"uri":"people/caf\\u00e9.md","odd":"\\udc80","lines":["a\\nb"],'
                    b'"n":[1,2.5,null,true]}')
    assert loads(line) == data


def test_loads_refuses_what_is_not_json():
    with pytest.raises(DECODE_ERRORS):
        loads(b'{"key": ')


def test_a_set_is_written_in_sorted_order_however_it_was_built():
    """The cache's bytes do not depend on the process: a set's order changes with string
    hashing (a run of `make test` once failed on it: a scan written again came out otherwise)."""
    from kb.codec import codec
    texts, _ = codec(frozenset[str])
    numbers, _ = codec(set[int])
    for n in range(2, 60):
        words = [f"w{i}" for i in range(n)]
        assert texts(frozenset(words)) == texts(frozenset(reversed(words))) == "\0" + "\0".join(sorted(words))
        assert numbers(set(range(n, 0, -1))) == list(range(1, n + 1))
    assert codec(list[str])[0](["b", "a"]) == "\0b\0a"  # a list keeps its order
