"""Synthetic knowledge bases for the benchmark: real structure, a fixed seed, known defects.

`generate(root, pages)` writes ``root/mkdocs.yml`` and ``root/docs/`` with `pages` entity pages
spread over the type folders, each with valid front matter, headings (some repeated, some with
inline Markdown), 10–20 links to other pages (many to a heading's anchor), a citation of the
source, and — at a known rate — links to pages that do not exist and to anchors that do not
exist. It returns the set of defects it planted, as ``(src_uri, line, code)``.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

from kb import schema

REAL_ROOT = Path(__file__).resolve().parents[1]

_WORDS = (
    "alliance treaty summit missile defence council ministers security cooperation border arms "
    "race strategic stability enlargement diplomacy reset agreement partner system interceptor "
    "launch threat assessment exchange information decision capability region policy"
).split()

_FIELDS: dict[str, dict[str, str | list[str]]] = {
    "person": {"role": "Diplomat", "as_of": "2011", "country": "Russia"},
    "organization": {"kind": "organisation"},
    "treaty": {"signed": "2010-04-08", "parties": ["A", "B"], "treaty_status": "In force (2011)"},
    "event": {"date": "2010-11-20", "location": "Lisbon"},
    "place": {"kind": "region"},
    "topic": {},
}

#: Relations each type declares in the synthetic sites: (relation, target type).
_RELATIONS = {
    "person": (("member_of", "organization"), ("attended", "event")),
    "organization": (("party_to", "treaty"), ("located_in", "place")),
    "treaty": (("about", "topic"),),
    "event": (("about", "treaty"), ("part_of", "event")),
    "place": (("located_in", "place"),),
    "topic": (("about", "person"), ("about", "organization")),
}

BROKEN_PAGE_RATE = 0.01
BROKEN_ANCHOR_RATE = 0.01


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n)).capitalize()


def _headings(rng: random.Random) -> list[str]:
    heads = [_sentence(rng, rng.randint(2, 4)) for _ in range(rng.randint(3, 6))]
    heads.append("Background")
    heads.append("Background")  # repeated: the build makes it background_1
    if rng.random() < 0.3:
        heads.append(f"The *{rng.choice(_WORDS)}* `{rng.choice(_WORDS)}` question")
    return heads


def generate(root: Path, pages: int, seed: int = 2011) -> set[tuple[str, int, str]]:
    """Write a synthetic site of `pages` entity pages under root; return the planted defects."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    types = list(_FIELDS)
    plan: list[tuple[str, str, list[str]]] = []  # (src_uri, type, headings)
    for number in range(pages):
        page_type = types[number % len(types)]
        folder = schema.PAGE_TYPES[page_type].folder
        plan.append((f"{folder}/entity-{number:05d}.md", page_type, _headings(rng)))
    slug = _slugger()
    by_type: dict[str, list[str]] = {}
    for src_uri, page_type, _ in plan:
        by_type.setdefault(page_type, []).append(src_uri)
    defects: set[tuple[str, int, str]] = set()
    for src_uri, page_type, heads in plan:
        lines = ["---", f"title: Entity {src_uri.rsplit('-', 1)[1][:-3]}", f"description: {_sentence(rng, 8)}."]
        lines.append(f"aliases: [Alias {src_uri.rsplit('-', 1)[1][:-3]}]")
        for key, value in _FIELDS[page_type].items():
            lines.append(f"{key}: {value if not isinstance(value, list) else '[' + ', '.join(value) + ']'}")
        grouped: dict[str, list[str]] = {}  # one key per relation (a topic is "about" people and organisations)
        for relation, target_type in _RELATIONS[page_type]:
            targets = sorted({rng.choice(by_type[target_type]) for _ in range(rng.randint(1, 2))} - {src_uri})
            grouped.setdefault(relation, []).extend(targets)
        if any(grouped.values()):
            lines.append("relations:")
        for relation, targets in grouped.items():
            if targets:
                lines.append(f"  {relation}:")
                for target in targets:
                    lines += [f"    - target: {target}", f"      cite: {rng.choice(SOURCES)}#{rng.randint(1, 15)}"]
        cited = rng.choice(SOURCES)
        lines += ["---", "", f"# Entity {src_uri}", "", "**Entity** is a synthetic page.[^p8]", ""]
        links = rng.randint(10, 20)
        per_section = max(1, links // len(heads))
        made = 0
        for head in heads:
            lines += [f"## {head}", ""]
            for _ in range(per_section):
                if made >= links:
                    break
                made += 1
                target_uri, _, target_heads = plan[rng.randrange(len(plan))]
                rel = "../" + target_uri
                roll = rng.random()
                if roll < BROKEN_PAGE_RATE:
                    rel = rel.replace("entity-", "entity-missing-")
                    defects.add((src_uri, len(lines) + 1, "KB201"))
                elif roll < BROKEN_PAGE_RATE + BROKEN_ANCHOR_RATE:
                    rel += "#no-such-heading"
                    defects.add((src_uri, len(lines) + 1, "KB206"))
                elif roll < 0.5:
                    rel += "#" + slug(rng.choice(target_heads[:-1]))
                lines.append(f"{_sentence(rng, rng.randint(6, 14))} [{_sentence(rng, 2)}]({rel}) {_sentence(rng, 5)}.")
                lines.append("")
            if rng.random() < 0.1:
                lines += ["!!! note", f"    {_sentence(rng, 10)}.", ""]
            if rng.random() < 0.1:
                lines += ["```text", f"[not a link](nowhere.md) {_sentence(rng, 4)}", "```", ""]
        lines += ["## References", "", f"[^p8]: A source, [¶8](../sources/{cited}.md#p8).", ""]
        path = docs / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
    _write_fixed_pages(docs, [uri for uri, _, _ in plan])
    _write_config(root)
    # The site's own scripts, stylesheet and vendored files, so that a page loads what it loads on
    # the real site (the benchmark measures a first visit)
    shutil.copytree(REAL_ROOT / "docs" / "assets", docs / "assets")
    return defects


#: The synthetic sources pages cite (several, as on the real site).
SOURCES = [f"source-{n}" for n in range(1, 6)]


def _slugger() -> Callable[[str], str]:
    """Heading text to id, as Python-Markdown's toc extension gives it."""
    import markdown

    cache: dict[str, str] = {}

    def slug(text: str) -> str:
        if text not in cache:
            html = markdown.markdown("# " + text, extensions=["toc"])
            cache[text] = html.split('id="', 1)[1].split('"', 1)[0]
        return cache[text]

    return slug


def _write_fixed_pages(docs: Path, entities: list[str]) -> None:
    """The home page, the sources, and one index page per folder (its list generated by the build)."""
    (docs / "sources").mkdir(parents=True, exist_ok=True)
    paragraphs = "".join(f"## ¶{n} {{#p{n}}}\n\nDigest of paragraph {n}.\n\n" for n in range(1, 16))
    for number, name in enumerate(SOURCES, 1):
        (docs / "sources" / f"{name}.md").write_text(
            f"---\ntitle: Source {number}\ndescription: A synthetic source.\nauthor: A\npublisher: P\n"
            "published: 2011-01-01\nkind: commentary\nlicence: all rights reserved\nparagraphs: \"1-15\"\n"
            f"complete: true\nnumbering: counted\n---\n\n# Source {number}\n\n{paragraphs}",
            encoding="utf-8",
        )
    (docs / "index.md").write_text("---\ntitle: Synthetic\n---\n\n# Synthetic\n\n" + "".join(
        f"- [{t.plural}]({t.folder}/index.md)\n" for t in schema.PAGE_TYPES.values()), encoding="utf-8")
    (docs / "about").mkdir(exist_ok=True)
    (docs / "about" / "index.md").write_text("---\ntitle: About\n---\n\n# About\n", encoding="utf-8")
    for t in schema.PAGE_TYPES.values():
        # Generated by the build, as on the real site (a hand-written list of 1,700 pages would
        # exceed the 64 KiB the checker lets one page hold, KB305).
        folder = docs / t.folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(f"---\ntitle: {t.plural}\n---\n\n# {t.plural}\n\n<!-- kb:index {t.name} -->\n",
                                         encoding="utf-8")


def _write_config(root: Path) -> None:
    """The real mkdocs.yml, pointed at the real theme overrides, snippets and hooks."""
    text = (REAL_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {REAL_ROOT / 'overrides'}")
    text = text.replace("base_path: [includes]", f"base_path: [{REAL_ROOT / 'includes'}]")
    text = text.replace("  - scripts/hooks.py", f"  - {REAL_ROOT / 'scripts' / 'hooks.py'}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
