"""The Nu Html Checker (vnu-jar, from the npm registry) on every built page: no error that comes
from our templates or content. Errors that Material's own templates cause are listed here with
the template markup that causes them; the test fails if that markup ever leaves Material."""

import json
import re
import shutil
import subprocess

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow

VNU = ROOT / "tools" / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: (vnu message pattern, Material template, the markup in it that the message is about)
THEME_ERRORS = [
    (r"Attribute “autocomplete” is only allowed when the input type is", "base.html",
     'type="checkbox" id="__drawer" autocomplete="off"'),
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     "partials/toc.html", 'for="__toc"'),
    (r"Bad value “” for attribute “tabindex” on element “label”", "partials/nav-item.html",
     'tabindex="{{ tabindex }}"'),
]


def _material_templates():
    from pathlib import Path

    import material

    return Path(material.__file__).parent / "templates"


def test_theme_errors_are_still_the_themes():
    templates = _material_templates()
    for _, template, markup in THEME_ERRORS:
        assert markup in (templates / template).read_text(encoding="utf-8"), (template, markup)


def test_no_html_errors_from_our_templates_or_content(built_site):
    assert VNU.is_file(), f"{VNU} is missing: run `make test` (it runs npm ci in tools/browser)"
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker (Debian: apt-get install default-jre-headless)"
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(built_site)],
                            capture_output=True, text=True, check=False, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    ours = [f"{m['url'].split(str(built_site))[-1]}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
            for m in messages
            if m["type"] == "error" and not any(re.search(p, m["message"]) for p, _, _ in THEME_ERRORS)]
    assert ours == [], "\n".join(ours[:20])
    assert len(list(built_site.rglob("*.html"))) > 50
