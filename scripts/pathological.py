"""Pathological Markdown: page bodies that make naive parsers take time that grows faster than
their size (for `scripts/bench.py --pathological` and tests/kb/test_bounds.py).

Each generator takes a repetition count and returns a page body. `sized` finds the count that
makes a body of about a given size; `largest_accepted` the largest body the checker's bounds
(`kb.bounds`) let through, which is what the build may be asked to render.
"""

from __future__ import annotations

from collections.abc import Callable

Generator = Callable[[int], str]

#: name -> generator of a body with `n` repetitions of a construct.
GENERATORS: dict[str, Generator] = {
    "nested brackets in a heading": lambda n: "# " + "[" * n + "]" * n + "\n",
    "nested brackets": lambda n: "[" * n + "]" * n + "\n",
    "run of [": lambda n: "[" * n + "\n",
    "run of ]": lambda n: "]" * n + "\n",
    "run of (": lambda n: "(" * n + "\n",
    "run of )": lambda n: ")" * n + "\n",
    "unclosed link texts [a": lambda n: "[a" * n + "\n",
    "unclosed images ![": lambda n: "![" * n + "\n",
    "unclosed link URLs [](": lambda n: "[](" * n + "\n",
    "link with unclosed ( in its URL": lambda n: "[a](" + "(" * n + "\n",
    "many short paragraphs of [": lambda n: "[[[[[[[[\n\n" * n,
    "run of *": lambda n: "*" * n + "a\n",
    "emphasis *a": lambda n: "*a" * n + "\n",
    "emphasis _a": lambda n: "_a" * n + "\n",
    "nested emphasis *_": lambda n: "*_" * n + "a" + "_*" * n + "\n",
    "run of backticks": lambda n: "`" * n + "\n",
    "unclosed code spans": lambda n: "`a " * n + "\n",
    "backtick runs of growing length": lambda n: "".join("`" * (i % 2000 + 1) + " a " for i in range(n)) + "\n",
    "footnote references [^": lambda n: "[^" * n + "\n",
    "run of <": lambda n: "<" * n + "\n",
    "unclosed tags <a": lambda n: "<a " * n + "\n",
    "unclosed autolinks <http://": lambda n: "<http://a" * n + "\n",
    "unclosed comments": lambda n: "<!-- a\n" * n,
    "run of {": lambda n: "{" * n + "\n",
    "nested attribute lists": lambda n: "a\n" + "{" * n + "}" * n + "\n",
    "long line": lambda n: "word " * n + "\n",
    "long table": lambda n: "| a | b |\n| - | - |\n" + "| x | y |\n" * n,
    "wide table": lambda n: "|" + " a |" * n + "\n|" + " - |" * n + "\n|" + " x |" * n + "\n",
    "deep list": lambda n: "".join("    " * i + "- x\n" for i in range(n)),
    "deep blockquote": lambda n: ">" * n + " x\n",
    "many deep blockquotes": lambda n: (">" * 4 + " x\n\n") * n,
    "deep admonitions": lambda n: "".join("    " * i + "!!! note\n" for i in range(n)) + "    " * n + "x\n",
    "deep tabs": lambda n: "".join("    " * i + '=== "t"\n' for i in range(n)) + "    " * n + "x\n",
    "many footnotes": lambda n: "".join(f"x[^{i}]\n" for i in range(n)) + "".join(f"[^{i}]: y\n" for i in range(n)),
    "many reference definitions": lambda n: ("".join(f"[r{i}]\n" for i in range(n))
                                             + "".join(f"[r{i}]: a.md\n" for i in range(n))),
    "many headings with markup": lambda n: "".join(f"# h *{i}*\n\n" for i in range(n)),
    "many abbreviations": lambda n: "".join(f"*[A{i}]: x\n" for i in range(n)) + "A1 " * n + "\n",
    "many definition lists": lambda n: "".join(f"t{i}\n: d\n\n" for i in range(n)),
    "nested HTML blocks": lambda n: "<div>" * n + "</div>" * n + "\n",
    "nested md_in_html": lambda n: '<div markdown="1">\n' * n + "</div>\n" * n,
    "inline code highlighting": lambda n: "`#!python x` " * n + "\n",
    "many footnote references": lambda n: "x[^a] " * n + "\n\n[^a]: y\n",
    "many markdown attributes": lambda n: '<div markdown="1">\n\nx\n\n</div>\n\n' * n,
    "many code blocks": lambda n: "```python\nx = 1\n```\n\n" * n,
    "many inline highlights": lambda n: "`#!python x`\n\n" * n,
    "many paragraphs of emphasis": lambda n: ("*a" * 1000 + "\n\n") * n,
}

FRONT_MATTER = "---\ntitle: Pathological\n---\n"


def page(body: str) -> str:
    """A page with the body (a title in front matter, nothing else)."""
    return FRONT_MATTER + body


def sized(generator: Generator, size: int) -> str:
    """The page of the generator whose size is the largest not above `size` characters."""
    low, high = 1, 1
    while len(page(generator(high))) <= size:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if len(page(generator(middle))) <= size:
            low = middle
        else:
            high = middle
    return page(generator(low))


def largest_accepted(generator: Generator, size: int) -> str:
    """The largest page of the generator, up to `size` characters, that no bound refuses."""
    from kb import bounds, markup

    def accepted(n: int) -> bool:
        text = page(generator(n))
        return len(text) <= size and not bounds.find(text, markup.mask(text, len(FRONT_MATTER)), len(FRONT_MATTER))

    if not accepted(1):
        return page(generator(0))
    low, high = 1, 2
    while accepted(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if accepted(middle):
            low = middle
        else:
            high = middle
    return page(generator(low))
