"""Bad input of every kind: a clear problem with file, line and hint, all in one run, and never a
traceback from the checker or from the build."""

import pytest

from helpers import ROOT, load_cases, mkdocs_build, run_case, write_tree
from kb.check import check_config


@pytest.mark.parametrize("case", load_cases("bad-input"))
def test_bad_input_cases(case, make_site):
    run_case(case, make_site)


#: One tree holding every kind of bad input at once.
EVERYTHING = {
    "index.md": "---\ntitle: Home\n---\n# Home\n[all](people/index.md)\n",
    "people/index.md": "---\ntitle: People\n---\n# People\n",
    "people/not-yaml.md": "---\ntitle: [unclosed\n---\n# X\n",
    "people/list.md": "---\n- a\n- b\n---\n",
    "people/open.md": "---\ntitle: Open\n# never closed\n",
    "people/empty.md": "",
    "people/no-title.md": "---\ndescription: Nobody.\n---\n",
    "people/wrong-kinds.md": (
        "---\ntitle: W\ndescription: [a]\nrole: R\nas_of: '2011'\ncountry: [Russia]\nborn: yesterday\n---\n"
    ),
    "people/latin1.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
    "misc/outside.md": "---\ntitle: Outside\n---\n",
    "people/unsafe.md": (
        "---\ntitle: Unsafe\ndescription: U.\nrole: R\nas_of: '2011'\ncountry: Russia\n---\n"
        "<SCRIPT\n>x</SCRIPT><iframe src=//evil></iframe><embed src=x><form></form>"
        "<meta http-equiv=refresh content=0><a href=' JAVAscript:x' onClick=y>z</a>\n"
        "[bad](vbscript:x) ![img](data:image/png;base64,xx) [gone](../nowhere.md) [cite](../sources/x.md#p99)\n"
    ),
    "people/twin-a.md": "---\ntitle: Twin\ndescription: A.\nrole: R\nas_of: '2011'\ncountry: R\n---\n",
    "organisations/twin-a.md": (
        "---\ntitle: Twin\ndescription: B.\nkind: k\n"
        "relations:\n  party_to: [people/twin-a.md]\n  nonsense: [x.md]\n---\n"
    ),
}

EXPECTED_CODES = {
    "people/not-yaml.md": {"KB101"}, "people/list.md": {"KB102"}, "people/open.md": {"KB103"},
    "people/empty.md": {"KB002"}, "people/no-title.md": {"KB104"}, "people/wrong-kinds.md": {"KB106"},
    "people/latin1.md": {"KB001"}, "misc/outside.md": {"KB004"},
    "people/unsafe.md": {"KB301", "KB302", "KB303", "KB201"},
    "people/twin-a.md": {"KB112"}, "organisations/twin-a.md": {"KB112", "KB110", "KB108"},
}


def test_every_bad_input_is_reported_in_one_run(tmp_path):
    config = write_tree(tmp_path, EVERYTHING)
    _, problems = check_config(config)
    codes: dict[str, set[str]] = {}
    for problem in problems:
        codes.setdefault(problem.file, set()).add(problem.code)
        assert problem.line >= 1 and problem.message and problem.hint, problem
    for path, expected in EXPECTED_CODES.items():
        assert expected <= codes.get(path, set()), (path, codes.get(path))


@pytest.mark.slow
def test_the_build_fails_cleanly_on_bad_input(tmp_path):
    config = write_tree(tmp_path, EVERYTHING)
    text = config.read_text()
    text += f"hooks:\n  - {ROOT / 'scripts' / 'hooks.py'}\n"
    config.write_text(text)
    result = mkdocs_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output, output[-3000:]
    assert "KB101" in output and "people/not-yaml.md" in output
