"""Paths built from identifiers in data stay in their folder: the patterns and `paths.inside`."""
from __future__ import annotations

import pytest

from talentcheck import paths
from talentcheck.errors import DataError


@pytest.mark.parametrize("kind, good, bad", [
    ("claim id", ["top25-2019-us-18", "us-65pct-work-2019"], ["../x", "a/b", "a--b", "-a", "A", "a b", "a.html", "é"]),
    ("notebook", ["01_researcher_origin.ipynb", "90_tiny.ipynb"], ["1_x.ipynb", "01-x.ipynb", "01_x.py", "../01_x.ipynb", "01_X.ipynb"]),
    ("source code", ["MP1", "AI-INDEX", "GH-FR"], ["mp1", "1MP", "A--B", "../X", "A B"]),
    ("mirror path", ["github/o/r/" + "a" * 40 + "/d/f.json"], ["github/o/r/main/f", "github/o/r/" + "a" * 40, "github/../r/x",
                                                          "github/o/r/" + "a" * 40 + "/./f", "http://x/y"]),
])
def test_identifiers_from_data_match_their_pattern_in_full(kind, good, bad):
    assert all(paths.identifier_problem(kind, value) is None for value in good)
    for value in bad:
        assert paths.identifier_problem(kind, value).startswith(repr(value)), value


def test_a_path_inside_its_folder_is_given_and_one_that_leads_out_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path)
    assert paths.inside(tmp_path / "out", "claims", "a.html") == tmp_path.resolve() / "out" / "claims" / "a.html"
    for parts in (("..", "x"), ("/etc", "passwd"), ("link", "x"), ("claims", "..", "..", "x")):
        with pytest.raises(DataError, match="would lead outside"):
            paths.inside(tmp_path / "out", *parts)
