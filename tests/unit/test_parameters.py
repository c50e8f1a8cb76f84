"""Notebook parameters: the one reading of the grammar a parameters cell declares them in, the values a command
gives (read as papermill reads them, checked before anything runs), `talentcheck params`, and the run's own files
in the cache."""
import pytest

from helpers import small_notebook
from talentcheck import cli, parameters
from talentcheck.data.files import read_parameters_file
from talentcheck.run import selection

ORIGIN = "01_researcher_origin.ipynb"


def test_the_notebook_declares_its_parameters_with_types_and_allowed_values():
    declared = parameters.declared(selection.resolve_notebooks([ORIGIN])[0])
    assert (declared["year"].type, declared["year"].default, declared["year"].allowed) == ("str", "as_stated", ["as_stated", 2019, 2022])
    assert declared["cohort"].allowed == ["as_stated", "top_tier", "most_elite"]
    assert declared["source"].allowed is None and declared["source"].bounds == []


def test_p_values_are_read_as_papermill_reads_them_and_a_file_gives_yaml_types(tmp_path):
    costs = selection.resolve_notebooks(["07_compute_costs"])
    given = selection.check_given(costs, [("gpus", "4e5"), ("price_usd_per_kwh", "None"), ("include_inference", "False"),
                                            ("utilisation", "1")], explicit=True)[costs[0]]
    assert given == {"gpus": 400000.0, "price_usd_per_kwh": None, "include_inference": False, "utilisation": 1}
    origin = selection.resolve_notebooks([ORIGIN])
    assert selection.check_given(origin, [("year", "2019")], explicit=True)[origin[0]] == {"year": 2019}
    path = tmp_path / "p.yaml"
    path.write_text("year: 2022\ncohort: most_elite\n")
    assert selection.check_given(origin, [], explicit=True, given=read_parameters_file(path))[origin[0]] == \
        {"year": 2022, "cohort": "most_elite"}


def test_a_domain_is_read_whether_or_not_its_list_ends_in_a_period(tmp_path):
    nb = small_notebook(tmp_path / "93_domains.ipynb", 'a: str = "x"  # one of: x, y\nb: str = "x"  # one of: x, y. help\n'
                        "c: float = 0.5  # range: 0 to 1\nd: int = 3  # range: > 2. more than two\ne: float = None  # range: >= 0.5", "")
    specs = parameters.declared(nb)
    assert specs["a"].allowed == specs["b"].allowed == ["x", "y"]
    assert specs["c"].bounds == [(">=", 0), ("<=", 1)] and specs["d"].bounds == [(">", 2)] and specs["e"].bounds == [(">=", 0.5)]
    parameters.check(specs["e"], None, "here")  # None is allowed where the default is None
    with pytest.raises(parameters.ParameterError, match=r"parameter 'd' \(here\) must be > 2, got 2"):
        parameters.check(specs["d"], 2, "here")


def test_the_runs_own_files_in_the_cache_may_hold_anything(tmp_path, monkeypatch):
    """talentcheck-durations.json only orders a run: garbage in it is ignored, and a folder in its place leaves no
    temporary file behind."""
    from talentcheck.run import cache
    from talentcheck.run.execution import Result

    monkeypatch.setenv("TALENTCHECK_CACHE", str(tmp_path))
    for text in ("[" * 200_000, '{"a.ipynb": 1' + "0" * 400 + "}", '{"a.ipynb": "slow"}', "[1, 2]"):
        (tmp_path / cache.DURATIONS).write_text(text)
        assert cache.durations() == {}
    (tmp_path / cache.DURATIONS).unlink()
    (tmp_path / cache.DURATIONS).mkdir()
    cache.record_durations([Result("a.ipynb", True, 1.5)])
    assert sorted(p.name for p in tmp_path.iterdir()) == [cache.DURATIONS]


def test_params_lists_each_domain_and_the_help_after_it(tmp_path, capsys):
    """The one parser of the grammar: a bound with decimals ends at the full stop after it, not at the point in it."""
    nb = small_notebook(tmp_path / "92_help.ipynb", "u: float = 1.0  # range: 0.5 to 1. share of the year\n"
                        "k: str = \"a\"  # one of: a, b. which one\nm: int = 2  # a number")
    assert cli.main(["params", str(nb)]) == 0
    shown = capsys.readouterr().out
    assert "u: float = 1.0  (>= 0.5 and <= 1)\n      share of the year\n" in shown
    assert "k: str = a  (one of a, b)\n      which one\n" in shown
    assert "m: int = 2  (any value of its type)\n      a number\n" in shown


def test_the_checked_parameters_are_every_declared_one_in_order_and_a_bad_one_stops_the_notebook():
    namespace = {**parameters.defaults(ORIGIN), "unrelated": 1}
    assert parameters.checked_parameters(ORIGIN, namespace) == parameters.defaults(ORIGIN)
    assert list(parameters.checked_parameters(ORIGIN, namespace)) == ["year", "cohort", "source"]
    with pytest.raises(parameters.ParameterError, match=r"parameter 'cohort' \(01_researcher_origin.ipynb\) must be one of"):
        parameters.checked_parameters(ORIGIN, {**namespace, "cohort": "elite"})
