"""The tests mirror the modules: each module of scripts/kb/ has its own tests/kb/test_<module>.py,
and every test file there is named after a module, or is one of the few listed below (with why)."""

from helpers import ROOT

PACKAGE = ROOT / "scripts" / "kb"
TESTS = ROOT / "tests" / "kb"

#: Test files that name no module, each with the reason it stands apart.
EXTRA = {
    "bad_input": "bad input of every kind at once: the checker's rules and the build together, never a traceback",
    "layers": "the direction of the imports between the package's modules, not one module",
    "mirror": "this test: which test files there are",
    "safety_rendered": "kb.safety's rendered-HTML rule kept cheap: which pages it renders at all",
}


def modules() -> set[str]:
    """The package's modules (it is a namespace package: an __init__.py would be left out)."""
    return {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}


def named_in_tests() -> set[str]:
    """What the test files are named after: `x` of each tests/kb/test_x.py."""
    return {path.stem.removeprefix("test_") for path in TESTS.glob("test_*.py")}


def test_the_package_and_its_tests_are_where_this_test_looks():
    assert {"site", "check", "build"} <= modules()
    assert {"site", "mirror"} <= named_in_tests()


def test_every_module_has_a_test_file():
    missing = sorted(modules() - named_in_tests())
    assert missing == [], f"modules without tests/kb/test_<module>.py: {missing}"


def test_every_test_file_is_named_after_a_module_or_listed():
    stray = sorted(named_in_tests() - modules() - set(EXTRA))
    assert stray == [], f"test files named after no module of scripts/kb/ (rename, or list in EXTRA): {stray}"


def test_the_listed_extras_are_test_files_named_after_no_module():
    assert sorted(set(EXTRA) - named_in_tests()) == [], "EXTRA lists a test file that no longer exists"
    assert sorted(set(EXTRA) & modules()) == [], "EXTRA lists a test file named after a module: remove it from EXTRA"
