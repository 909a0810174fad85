"""kb.suggest: the "did you mean …?" of broken links (nearest path) and unknown names (nearest word)."""

import pytest

from kb.suggest import PathSuggester, nearest_path, nearest_word

PATHS = ["people/dmitry-rogozin.md", "people/sergei-lavrov.md", "organisations/nato.md",
         "organisations/nato-russia-council.md", "topics/nato.md", "index.md", "about/team.md"]

# --- PathSuggester --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "nearest"),
    [
        ("people/dmitry-rogozn.md", "people/dmitry-rogozin.md"),  # a typo in the name
        ("about/tem.md", "about/team.md"),
        ("organisations/nato.md", "organisations/nato.md"),
        ("organisations/nato-russia.md", "organisations/nato-russia-council.md"),
        ("peopl/sergei-lavrov.md", "people/sergei-lavrov.md"),  # a typo in the folder: the name decides
        ("rogozin.md", "people/dmitry-rogozin.md"),  # the folder left out
        ("places/nato.md", "topics/nato.md"),  # a name in two folders: the path most like the one wanted
        ("people/", None),  # nothing similar enough
        ("zzz/qqq.md", None),
    ],
)
def test_nearest(wanted, nearest):
    assert PathSuggester(PATHS).nearest(wanted) == nearest


def test_a_file_of_the_same_folder_is_preferred():
    suggester = PathSuggester(["people/lavrov.md", "organisations/lavrova.md"])
    assert suggester.nearest("people/lavrova.md") == "people/lavrov.md"
    assert suggester.nearest("places/lavrova.md") == "organisations/lavrova.md"


def test_the_cutoff_is_the_similarity_required():
    suggester = PathSuggester(PATHS)
    assert suggester.nearest("people/dmitry-rogozn.md", cutoff=99) is None
    assert suggester.nearest("people/dmitry-rogozin.md", cutoff=100) == "people/dmitry-rogozin.md"


def test_the_suggester_indexes_paths_by_name_and_by_folder():
    suggester = PathSuggester(PATHS)
    assert suggester.by_name["nato.md"] == ["organisations/nato.md", "topics/nato.md"]
    assert suggester.names_in["organisations"] == ["nato.md", "nato-russia-council.md"]
    assert suggester.names_in[""] == ["index.md"]


# --- nearest_path and nearest_word ----------------------------------------------------------------


def test_nearest_path_is_a_one_off_lookup():
    assert nearest_path("people/lavrov.md", PATHS) == "people/sergei-lavrov.md"
    assert nearest_path("people/lavrov.md", []) is None


@pytest.mark.parametrize(
    ("wanted", "candidates", "nearest"),
    [
        ("titel", ["title", "description", "aliases"], "title"),
        ("alias", ["aliases", "alias_of"], "aliases"),
        ("xyz", ["title"], None),
        ("title", [], None),
    ],
)
def test_nearest_word(wanted, candidates, nearest):
    assert nearest_word(wanted, iter(candidates)) == nearest
