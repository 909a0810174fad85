"""scripts/new.py (kb.scaffold): a valid page in the right folder, never an overwrite or a duplicate,
and a page that passes the checker once its fields are filled in."""

import re
import subprocess
import sys

import pytest

from helpers import ROOT, write_tree
from kb import schema
from kb.check import check_config
from kb.scaffold import SCAFFOLD_TYPES, TEMPLATES

SOURCE = (ROOT / "docs" / "sources" / "ivanov-2011.md").read_text(encoding="utf-8")

#: What a contributor would write for each required field.
FILLED = {
    "description": "A person who matters here.", "role": "Diplomat", "as_of": "2011", "country": "Russia",
    "kind": "region", "signed": "2010-04-08", "parties": "[A, B]", "treaty_status": "In force (2011)",
    "date": "2010-11-20",
}

#: What differs for a source (its `kind` is one of a list; its record is a document's).
FILLED_SOURCE = {
    "kind": "speech", "author": "Jane Q. Public", "publisher": "A ministry", "published": "2011-06-08",
    "url": "https://example.org/remarks", "licence": "public domain", "text": "remarks.txt",
}


def new(config, *args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "new.py"), "--config", str(config), *args],
                          capture_output=True, text=True, cwd=config.parent, check=False)


@pytest.fixture
def site(tmp_path):
    # The source page links to real pages: keep only its paragraph anchors.
    anchors = "".join(f"## ¶{n} {{#p{n}}}\n" for n in range(1, 16))
    head = SOURCE.split("\n# ", 1)[0]
    return write_tree(tmp_path, {"index.md": "---\ntitle: Home\n---\n",
                                 "sources/ivanov-2011.md": head + "\n# S\n" + anchors})


@pytest.mark.parametrize("page_type", SCAFFOLD_TYPES)
def test_scaffolded_page_passes_the_checker_once_filled(site, page_type):
    result = new(site, page_type, "Jane Q. Public")
    assert result.returncode == 0, result.stderr
    folder = schema.PAGE_TYPES[page_type].folder
    path = site.parent / "docs" / folder / "jane-q-public.md"
    assert f"Created docs/{folder}/jane-q-public.md." in result.stdout
    assert "Next: fill in" in result.stdout
    before = [p for p in check_config(site)[1] if p.file == f"{folder}/jane-q-public.md"]
    assert {p.code for p in before} >= {"KB402"}, "an unfilled page must not pass"
    # Fill in what the template asks for, as a contributor would.
    text = path.read_text(encoding="utf-8")
    for name, value in {**FILLED, **(FILLED_SOURCE if page_type == "source" else {})}.items():
        text = re.sub(rf"^{name}: .*$", f"{name}: {value}", text, flags=re.M)
    text = re.sub(r"TODO:? ?", "", text)
    text = re.sub(r"^- \n", "", text, flags=re.M)
    path.write_text(text, encoding="utf-8")
    after = [p.format() for p in check_config(site)[1]
             if p.file == f"{folder}/jane-q-public.md" and p.code not in ("KB501", "KB504")]
    assert after == []


def test_refuses_to_overwrite_or_duplicate(site):
    assert new(site, "person", "Jane Doe").returncode == 0
    again = new(site, "person", "Jane Doe")
    assert again.returncode == 1
    assert "people/jane-doe.md already exists" in again.stderr
    other = new(site, "place", "jane doe")
    assert other.returncode == 1
    assert "already the title or an alias of people/jane-doe.md" in other.stderr


def test_unknown_type_and_empty_title(site):
    assert "unknown page type 'persons'" in new(site, "persons", "X").stderr
    assert "the title is empty" in new(site, "person", "  ").stderr


def test_every_template_has_its_types_required_fields():
    for page_type in SCAFFOLD_TYPES:
        text = (TEMPLATES / f"{page_type}.md").read_text(encoding="utf-8")
        for field in schema.fields_for(page_type).values():
            if field.required:
                assert re.search(rf"^{field.name}:", text, re.M), (page_type, field.name)
