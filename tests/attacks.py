"""Attack sites shared by the tests: a knowledge base with a hostile string in every front-matter
text field of every page type (`attack_files`), and a small site with the real theme, overrides,
hooks and offline plugin (`attacked_site`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from helpers import ROOT, write_tree
from kb import schema

#: One page per type: (path, the type's extra front matter, its body). Each type's own fields are
#: added from the schema (`_fields`), so a field added later is attacked too.
ATTACK_PAGES = {
    "source": ("sources/src.md", "", "# Source\n\n## ¶1 {{#p1}}\n\nText.\n"),
    "person": ("people/p.md", "relations:\n  member_of:\n    - target: organisations/o.md\n      scope: {q}\n"
                              "      cite: ivanov-2011#1\n", "# P\n\nText. {cite}\n"),
    "organization": ("organisations/o.md", "", "# O\n\nText. {cite} [p](../people/p.md)\n"),
    "event": ("events/e.md", "relations:\n  about:\n    - target: topics/t.md\n", "# E\n\nText. {cite}\n"),
    "treaty": ("treaties/t.md", "", "# T\n\nText. {cite}\n"),
    "place": ("places/pl.md", "", "# Pl\n\nText. {cite}\n"),
    "topic": ("topics/t.md", "positions:\n  - holder: people/p.md\n    summary: {q}\n    quote: {q}\n    scope: {q}\n"
                             "    cite: ivanov-2011#1\n  - holder: {q}\n    summary: {q}\n    cite: ivanov-2011#1\n",
                             "# T\n\nText. {cite}\n"),
}


def _fields(page_type: str, v) -> str:
    """The type's own fields from the schema: text ones (and dates given as text, choices,
    addresses) hold the value, dates a valid date."""
    lines = []
    for spec in schema.PAGE_TYPES[page_type].fields:
        if spec.kind in (schema.Kind.TEXT, schema.Kind.SENTENCE, schema.Kind.WHEN, schema.Kind.CHOICE):
            lines.append(f"{spec.name}: {v(spec.name)}")
        elif spec.kind is schema.Kind.URL:  # an address, then the value (it may still reach JSON)
            lines.append(f"{spec.name}: {v('https://example.org/')}")
        elif spec.kind in (schema.Kind.TEXT_LIST, schema.Kind.NAMES):
            lines.append(f"{spec.name}: [{v(spec.name)}]")
        elif spec.kind is schema.Kind.DATE:
            lines.append(f"{spec.name}: 2011-06-08")
    return "".join(line + "\n" for line in lines)


def attack_files(value: str, titles: bool = True) -> dict[str, str]:
    """A small knowledge base with `value` in every front-matter text field of every page type
    (with `titles` false, titles are plain: the theme prints titles as HTML in every page's
    navigation, so a hostile title makes the judge refuse every page)."""

    def v(prefix: str) -> str:  # a YAML double-quoted scalar holding any text
        return yaml.safe_dump(prefix + value, default_style='"', width=10**9).strip().removesuffix("...").strip()

    q, cite = v(""), "[¶1](../sources/src.md#p1)"
    files = {}
    for page_type, (path, extra, body) in ATTACK_PAGES.items():
        title = v(page_type) if titles else page_type.capitalize()
        files[path] = (f"---\ntitle: {title}\ndescription: {q}\naliases: [{v('a' + page_type)}]\n"
                       + _fields(page_type, v) + extra.format(q=q) + "---\n" + body.format(cite=cite))
    files.update({
        "index.md": "---\ntitle: Home\n---\n# Home\n",
        "timeline.md": "---\ntitle: Timeline\n---\n# Timeline\n\n<!-- kb:timeline -->\n",
        "relations.md": "---\ntitle: Relations\n---\n# Relations\n\n<!-- kb:relations -->\n",
        "glossary.md": "---\ntitle: Glossary\n---\n# Glossary\n\n<!-- kb:glossary -->\n",
        **{f"{folder}/index.md": f"---\ntitle: {folder}\n---\n# {folder}\n\n<!-- kb:index {kind} -->\n"
           for folder, kind in [("people", "person"), ("organisations", "organization"), ("events", "event"),
                                ("treaties", "treaty"), ("places", "place"), ("topics", "topic"),
                                ("sources", "source")]},
    })
    return files


def attacked_site(root: Path, attack: tuple[dict[str, str], dict[str, str], str], override: str = "") -> Path:
    """A small site with the real theme, overrides, hooks and offline plugin (KB_OFFLINE); with
    `override`, the head of every page gets it (a theme template of the project)."""
    files, links, _ = attack
    overrides = root / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    if override:  # added to the project's own page template
        main = overrides / "main.html"
        main.write_text(main.read_text(encoding="utf-8") + "{% block extrahead %}" + override + "{% endblock %}",
                        encoding="utf-8")
    config = write_tree(root, files, {
        "theme": {"name": "material", "custom_dir": str(overrides), "font": False},
        "extra": {"polyfills": ["assets/vendor/iframe-worker/shim.js"],
                  "early_javascript": ["assets/javascripts/reader.js"]},
        "hooks": [str(ROOT / "scripts" / "hooks.py")],
    })
    config.write_text(config.read_text(encoding="utf-8")
                      + "plugins:\n  - search\n  - offline:\n      enabled: !ENV [KB_OFFLINE, false]\n",
                      encoding="utf-8")
    for path, target in links.items():
        (root / "docs" / path).symlink_to(target)
    return config
