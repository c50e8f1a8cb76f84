"""The runner: parameters checked by name and type before anything runs, outputs replaced only on success."""
import csv

import nbformat
import pytest

from helpers import small_notebook
from talentcheck import clear_caches, cli, parameters
from talentcheck.run import selection as discover
from talentcheck.run.publishing import MARK, MARKER

ORIGIN = "01_researcher_origin.ipynb"


@pytest.fixture
def previous_output(tmp_path):
    """An output folder from an earlier run, with content that must survive a failed run byte for byte."""
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "verdicts.csv").write_text("claim_id,verdict\nearlier,supported\n")
    (out / "report" / "index.html").write_text("<p>earlier</p>")
    (out / MARKER).write_text(MARK)
    return out


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_notebook_declares_its_parameters_with_types_and_allowed_values():
    declared = parameters.declared(discover.resolve_notebooks([ORIGIN])[0])
    assert (declared["year"].type, declared["year"].default, declared["year"].allowed) == ("str", "as_stated", ["as_stated", 2019, 2022])
    assert declared["cohort"].allowed == ["as_stated", "top_tier", "most_elite"]
    assert declared["source"].allowed is None and declared["source"].bounds == []


@pytest.mark.parametrize("notebook, args, message", [
    (ORIGIN, ["-p", "no_such_parameter", "1"], "unknown parameter 'no_such_parameter'"),
    (ORIGIN, ["-p", "year", "twenty"], "parameter 'year' (01_researcher_origin.ipynb) must be one of as_stated, 2019, 2022, got 'twenty'"),
    (ORIGIN, ["-p", "year", "2021"], "parameter 'year' (01_researcher_origin.ipynb) must be one of as_stated, 2019, 2022, got '2021'"),
    (ORIGIN, ["-p", "cohort", "elite"], "parameter 'cohort' (01_researcher_origin.ipynb) must be one of as_stated, top_tier, most_elite, got 'elite'"),
    ("02_work_location", ["-p", "barely_threshold", "low"], "parameter 'barely_threshold' (02_work_location.ipynb) must be of type float, got 'low'"),
])
def test_a_bad_parameter_is_refused_by_name_and_outputs_stay(previous_output, capsys, notebook, args, message):
    before = snapshot(previous_output)
    code = cli.main(["run", notebook, *args, "--output", str(previous_output)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert snapshot(previous_output) == before


def test_an_unknown_notebook_is_refused(previous_output, capsys):
    assert cli.main(["run", "no_such_notebook", "--output", str(previous_output)]) == 2
    assert "no notebook 'no_such_notebook'" in capsys.readouterr().err


def test_invalid_data_is_refused_before_anything_runs(data_copy, previous_output, capsys):
    path = data_copy / "tracker" / "origin_undergrad.csv"
    path.write_text(path.read_text().replace(",47,", ",4x7,"))
    before = snapshot(previous_output)
    assert cli.main(["run", ORIGIN, "--output", str(previous_output)]) == 2
    assert "origin_undergrad.csv, row" in capsys.readouterr().err
    assert snapshot(previous_output) == before


def test_data_that_passed_its_check_is_not_checked_again_until_it_changes(data_copy, tmp_path, monkeypatch, capsys):
    """A run records that the data passed under its tree digest; the next run on the same tree (even with --force)
    skips the check, and a run on changed data checks it again and refuses it."""
    from talentcheck import data
    from talentcheck.run import cache

    monkeypatch.setenv("TALENTCHECK_CACHE", str(tmp_path / "cache"))  # no other test's record
    notebook = small_notebook(tmp_path / "97_tiny.ipynb", "n: int = 1  # a number", "print(n)")
    out = tmp_path / "out"
    assert not cache.validated(cache.tree_digest())
    assert cli.main(["run", str(notebook), "--output", str(out)]) == 0
    assert cache.validated(cache.tree_digest())
    original = data.validate_all

    def refuse():
        raise data.DataError("checked again")
    monkeypatch.setattr(data, "validate_all", refuse)  # the check before the notebooks would refuse the run
    assert cli.main(["run", str(notebook), "--force", "--output", str(out)]) == 0
    assert "checked again" not in capsys.readouterr().err
    monkeypatch.setattr(data, "validate_all", original)
    path = data_copy / "tracker" / "origin_undergrad.csv"
    path.write_text(path.read_text().replace(",47,", ",4x7,"))
    clear_caches()  # as a new process would: it has not loaded the data yet
    assert not cache.validated(cache.tree_digest())
    assert cli.main(["run", str(notebook), "--force", "--output", str(out)]) == 2
    assert "origin_undergrad.csv, row" in capsys.readouterr().err


def test_a_failing_notebook_keeps_previous_outputs_and_its_own_for_inspection(tmp_path, previous_output, capsys):
    failing = small_notebook(tmp_path / "98_fails.ipynb", "n: int = 1  # a number", "raise ValueError(f'broken {n}')")
    before = snapshot(previous_output)
    assert cli.main(["run", str(failing), "-p", "n", "7", "--output", str(previous_output)]) == 1
    printed = capsys.readouterr().out
    assert "FAILED 98_fails.ipynb at cell 3: ValueError: broken 7" in printed  # cell 2 follows the injected parameters
    assert "1 notebook(s) in" in printed and "1 failed" in printed
    assert snapshot(previous_output) == before
    assert (tmp_path / "out.failed" / "notebooks" / "98_fails.ipynb").exists()


def test_the_origin_notebook_reruns_with_another_cohort(tmp_path):
    out = tmp_path / "out"
    assert cli.main(["run", ORIGIN, "-p", "cohort", "most_elite", "--output", str(out)]) == 0
    with open(out / "verdicts.csv", newline="") as handle:
        rows = {row["claim_id"]: row for row in csv.DictReader(handle)}
    assert rows["china-researchers-outnumber-us"]["verdict"] == "not_supported"
    assert rows["china-researchers-outnumber-us"]["parameters"] == '{"cohort": "most_elite", "source": "best_standing", "year": "as_stated"}'
    assert rows["nearly-half-undergrad-china"]["verdict"] == "not_supported"
    page = (out / "report" / "index.html").read_text()
    assert page.count("<tr data-verdict=") == 25
    assert (out / "report" / "notebooks" / "01_researcher_origin.html").exists()
    executed = nbformat.read(out / "notebooks" / ORIGIN, as_version=4)
    assert "papermill" not in executed.metadata  # volatile run metadata stripped


def test_p_values_are_read_as_papermill_reads_them_and_a_file_gives_yaml_types(tmp_path):
    costs = discover.resolve_notebooks(["07_compute_costs"])
    given = discover.check_given(costs, [("gpus", "4e5"), ("price_usd_per_kwh", "None"), ("include_inference", "False"),
                                            ("utilisation", "1")], explicit=True)[costs[0]]
    assert given == {"gpus": 400000.0, "price_usd_per_kwh": None, "include_inference": False, "utilisation": 1}
    origin = discover.resolve_notebooks([ORIGIN])
    assert discover.check_given(origin, [("year", "2019")], explicit=True)[origin[0]] == {"year": 2019}
    path = tmp_path / "p.yaml"
    path.write_text("year: 2022\ncohort: most_elite\n")
    from talentcheck import data

    assert discover.check_given(origin, [], explicit=True, given=data.read_parameters_file(path))[origin[0]] == \
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
