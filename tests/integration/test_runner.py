"""The runner: parameters checked by name and type before anything runs, outputs replaced only on success."""
import csv

import nbformat

from helpers import small_notebook, snapshot
from talentcheck import clear_caches, cli

ORIGIN = "01_researcher_origin.ipynb"


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
