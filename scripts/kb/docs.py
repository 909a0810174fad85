"""Documentation generated from code: the content schema and the problem codes.

Pages hold a marker comment (``<!-- kb:schema -->``, see `kb.markers`) that is replaced by the
Markdown generated here, so the prose around it and the code can never disagree.
"""

from __future__ import annotations

from . import schema
from .problems import CODES


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "`[" + ", ".join(map(str, value)) + "]`"
    if isinstance(value, dict):
        return "see below"
    return f"`{value}`"


def _field_rows(fields: list[schema.Field]) -> list[str]:
    rows = ["| Field | Kind | Required | Meaning | Example |", "| --- | --- | --- | --- | --- |"]
    for f in fields:
        required = "yes" if f.required else "no"
        rows.append(f"| `{f.name}` | {f.kind.value} | {required} | {_cell(f.doc)} | {_example(f.example)} |")
    return rows


def schema_markdown() -> str:
    """The content schema as Markdown: common fields, each type's fields, the relations."""
    out = ["## Fields every entity page has", ""]
    out += _field_rows([*schema.COMMON_FIELDS, schema.RELATIONS_FIELD])
    out += ["", "## Page types", ""]
    out += ["| Type | Folder | What it is | schema.org |", "| --- | --- | --- | --- |"]
    for t in schema.PAGE_TYPES.values():
        out.append(f"| {t.label} (`{t.name}`) | `{t.folder}/` | {_cell(t.doc)} | {t.schema_org} |")
    for t in schema.PAGE_TYPES.values():
        out += ["", f"### {t.label} fields", ""]
        if t.fields:
            out += _field_rows(list(t.fields))
        else:
            out.append("No fields beyond the common ones.")
    out += ["", "## Plain pages", "",
            "Pages at the top of `docs/`, in `about/`, and the `index.md` of every folder are plain pages:",
            "they need a `title` and may use these fields:", ""]
    out += _field_rows([f for f in schema.fields_for(schema.PLAIN).values() if f.name != "title"])
    out += ["", "## Positions", "",
            "A topic's `positions:` lists who argues what about it, one record per position, with:", "",
            "| Key | Required | Meaning |", "| --- | --- | --- |"]
    out += [f"| `{key}` | {'yes' if required else 'no'} | {_cell(doc)} |"
            for key, (required, doc) in schema.POSITION_KEYS.items()]
    out += ["", f"A quotation is at most {schema.MAX_QUOTE_WORDS} words, and the checker verifies it word for word "
            "against the source when the text is at hand."]
    out += ["", "## Tags", "", "Pages may be tagged with these themes: "
            + ", ".join(f"`{t}`" for t in sorted(schema.TAG_VOCABULARY)) + "."]
    out += ["", "## Relations", "",
            "Under `relations:`, each relation type lists its targets: a page path relative to `docs/`,",
            "or a mapping with `target`, an optional `scope` (when it held, e.g. `2008–2011`) and an",
            "optional `cite` (the source paragraph, a number).", "",
            "| Relation | Reads | Inverse (on the target) | From | To |", "| --- | --- | --- | --- | --- |"]
    for r in schema.RELATIONS.values():
        domain, range_ = ", ".join(sorted(r.domain)), ", ".join(sorted(r.range))
        out.append(f"| `{r.name}` | {r.label} | {r.inverse} | {domain} | {range_} |")
    return "\n".join(out) + "\n"


def codes_markdown() -> str:
    """Every problem code with its severity, whether it stops every build, and its summary."""
    rows = ["| Code | Severity | Stops every build | Problem |", "| --- | --- | --- | --- |"]
    for c in CODES.values():
        stops = "yes (unsafe)" if c.security else "yes (cannot be built)" if c.unbuildable else "—"
        rows.append(f"| {c.code} {{#{c.code.lower()}}} | {c.severity} | {stops} | {_cell(c.summary)} |")
    return "\n".join(rows) + "\n"
