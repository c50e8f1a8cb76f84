"""Notebook parameters: the one reading of the grammar a parameters cell declares them in, the values a command
gives (read as papermill reads them, checked before anything runs), `talentcheck params`, and the run's own files
in the cache."""
import re

import pytest

from helpers import small_notebook
from talentcheck import cli, parameters
from talentcheck.data.files import read_parameters_file
from talentcheck.errors import RunError
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
                                            ("utilisation", "1")])[costs[0]]
    assert given == {"gpus": 400000.0, "price_usd_per_kwh": None, "include_inference": False, "utilisation": 1}
    origin = selection.resolve_notebooks([ORIGIN])
    assert selection.check_given(origin, [("year", "2019")])[origin[0]] == {"year": 2019}
    path = tmp_path / "p.yaml"
    path.write_text("year: 2022\ncohort: most_elite\n")
    assert selection.check_given(origin, [], given=read_parameters_file(path))[origin[0]] == \
        {"year": 2022, "cohort": "most_elite"}


def test_a_parameter_one_of_several_named_notebooks_declares_goes_to_that_one_alone():
    """docs/commands.md: a name is refused only when no named notebook declares it."""
    origin, xai = selection.resolve_notebooks([ORIGIN, "06_xai_founders"])
    given = selection.check_given([origin, xai], [("count_musk", "False")])
    assert given == {origin: {}, xai: {"count_musk": False}}
    with pytest.raises(RunError, match="unknown parameter 'top_n': not declared in 01_researcher_origin.ipynb, 06_xai_founders.ipynb"):
        selection.check_given([origin, xai], [("top_n", "10")])


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
    """The one parser of the grammar: a bound with decimals ends at the full stop after it, not at the point in it;
    each parameter is listed with the values it may take in words, and a long line wraps."""
    nb = small_notebook(tmp_path / "92_help.ipynb", "u: float = 1.0  # range: 0.5 to 1. share of the year\n"
                        "k: str = \"a\"  # one of: a, b. which one\nm: int = 2  # a number\n"
                        "y: str = \"as_stated\"  # one of: as_stated, 2019, 2022\n"
                        "g: float = None  # range: > 0. " + "a long help line " * 10 + "\nb: bool = True")
    assert cli.main(["params", str(nb)]) == 0
    shown = capsys.readouterr().out
    assert "  u = 1.0  (a number from 0.5 to 1)\n      share of the year\n" in shown
    assert "  k = a  (one of: a, b)\n      which one\n" in shown
    assert "  m = 2  (a whole number)\n      a number\n" in shown
    assert "  y = as_stated  (one of: as_stated, 2019, 2022)\n" in shown
    assert "  g = None  (a number > 0, or None)\n      a long help line" in shown and "  b = True  (True or False)\n" in shown
    assert max(map(len, shown.splitlines())) <= 100


def test_a_year_is_taken_with_or_without_quotes_and_used_as_the_number(tmp_path):
    """`year = "2019"` is what the help invites a person to type: the notebook and a run both take it as 2019."""
    namespace = {**parameters.defaults(ORIGIN), "year": "2019"}
    assert parameters.checked_parameters(ORIGIN, namespace)["year"] == 2019 and namespace["year"] == 2019
    flows = "03_us_institutions_and_flows.ipynb"
    assert parameters.checked_parameters(flows, {**parameters.defaults(flows), "year": "2019"})["year"] == 2019
    origin = selection.resolve_notebooks([ORIGIN])
    path = tmp_path / "p.yaml"
    path.write_text('year: "2019"\n')
    assert selection.check_given(origin, [], given=read_parameters_file(path))[origin[0]] == {"year": 2019}
    with pytest.raises(parameters.ParameterError, match=r"must be one of as_stated, 2019, 2022, got '2021'$"):
        parameters.checked_parameters(ORIGIN, {**namespace, "year": "2021"})


@pytest.mark.parametrize("notebook, name, value, message", [
    ("04_top_institutions.ipynb", "top_n", "25", "must be of type int, got '25' (a str)"),
    ("04_top_institutions.ipynb", "top_n", 2.5, "must be of type int, got 2.5 (a float)"),
    ("06_xai_founders.ipynb", "count_musk", "True", "must be of type bool, got 'True' (a str)"),
    ("01_researcher_origin.ipynb", "cohort", 5, "must be one of as_stated, top_tier, most_elite, got 5 (an int)"),
    ("01_researcher_origin.ipynb", "year", 2019.0, "must be one of as_stated, 2019, 2022, got 2019.0 (a float)"),
    ("07_compute_costs.ipynb", "gpus", "many", "must be of type float, got 'many' (a str)"),
])
def test_an_error_about_a_values_type_says_it_is_the_type(notebook, name, value, message):
    namespace = {**parameters.defaults(notebook), name: value}
    with pytest.raises(parameters.ParameterError, match=re.escape(message) + "$"):
        parameters.checked_parameters(notebook, namespace)
    assert parameters.checked_parameters(notebook, parameters.defaults(notebook))  # the default passes


def test_a_refused_value_leaves_no_variable_of_an_earlier_run():
    """What a notebook computed under the earlier values goes with them, so that no cell run after the error (as
    JupyterLab's Run All may) can show it; what the notebook imported stays, for the next run."""
    import pandas as pd

    namespace = {**parameters.defaults(ORIGIN), "get_ipython": lambda: None, "pd": pd, "DataFrame": pd.DataFrame,
                 "shown": pd.DataFrame({"share": [1.0]}), "_": "IPython's last result"}
    namespace["params"] = parameters.checked_parameters(ORIGIN, namespace)
    assert namespace["cohort"] == "as_stated" and "shown" in namespace
    namespace["cohort"] = "most_elit"
    with pytest.raises(parameters.ParameterError, match="got 'most_elit'"):
        namespace["params"] = parameters.checked_parameters(ORIGIN, namespace)
    assert sorted(namespace) == ["DataFrame", "_", "get_ipython", "pd"]


def test_the_checked_parameters_are_every_declared_one_in_order_and_a_bad_one_stops_the_notebook():
    namespace = {**parameters.defaults(ORIGIN), "unrelated": 1}
    assert parameters.checked_parameters(ORIGIN, namespace) == parameters.defaults(ORIGIN)
    assert list(parameters.checked_parameters(ORIGIN, namespace)) == ["year", "cohort", "source"]
    with pytest.raises(parameters.ParameterError, match=r"parameter 'cohort' \(01_researcher_origin.ipynb\) must be one of"):
        parameters.checked_parameters(ORIGIN, {**namespace, "cohort": "elite"})
