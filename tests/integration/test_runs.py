"""An interrupted run loses nothing; the same inputs give the same outputs; an unchanged notebook comes from the
cache. (A run refused for bad input: test_hostile_inputs.py and tests/unit/test_bad_input.py.)"""

import csv
import os
import signal
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from helpers import children, set_cell, small_notebook, wait_until, workers_of
from talentcheck import cli
from talentcheck.claims.verdicts import NOTES_MIME, from_notebook
from talentcheck.report import pages
from talentcheck.topics import since_2022
from talentcheck.run.kernel import launcher
from talentcheck.run.publishing import MARKER, MARK

ORIGIN_CSV = "tracker/origin_undergrad.csv"


@pytest.mark.parametrize("signum, group", [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
                         ids=["SIGTERM", "SIGINT", "Ctrl-C (SIGINT to the process group, as a terminal sends it)"])
def test_an_interrupted_run_leaves_the_previous_outputs_as_they_were(tmp_path, signum, group):
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "verdicts.csv").write_text("claim_id,verdict\nearlier,supported\n")
    (out / MARKER).write_text(MARK)
    env = {**os.environ, "TALENTCHECK_CACHE": str(tmp_path / "cache")}
    # two notebooks that take a minute: the signal reaches a run in progress however fast or loaded the machine
    # (with the suite's notebooks, a run on a loaded machine once finished before the signal arrived)
    slow = [str(small_notebook(tmp_path / f"9{k}_slow.ipynb", "n: int = 1", "import time; time.sleep(60)")) for k in (1, 2)]
    run = subprocess.Popen([str(Path(sys.executable).parent / "talentcheck"), "run", *slow, "--jobs", "2", "--force",
                            "--output", str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           start_new_session=group)
    wait_until(lambda: list(tmp_path.glob(".out.*/notebooks")), 30, "the run's staging folder")
    # notebooks are running once a worker of the run has started a kernel
    wait_until(lambda: any(children(worker) for worker in workers_of(run.pid)), 60, "a worker to start a kernel")
    if group:  # the runner, its workers and their kernels all get it
        os.killpg(run.pid, signum)
    else:
        run.send_signal(signum)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert err == "talentcheck: interrupted; previous outputs left as they were\n"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [MARKER, "report", "verdicts.csv"]
    assert (out / "verdicts.csv").read_text() == "claim_id,verdict\nearlier,supported\n"
    assert not list(tmp_path.glob(".out.*")), "the staging folder was left behind"


def test_a_run_started_in_the_background_goes_on_through_ctrl_c(tmp_path):
    """A shell starts a background job with Ctrl-C ignored (SIGINT: SIG_IGN): the runner goes on through one sent to
    its group, and so do its workers (they once died of it, and the run ended in BrokenProcessPool)."""
    out = tmp_path / "out"
    env = {**os.environ, "TALENTCHECK_CACHE": str(tmp_path / "cache")}
    slow = [str(small_notebook(tmp_path / f"9{k}_slow.ipynb", "n: int = 1", "import time; time.sleep(60)")) for k in (1, 2)]
    run = subprocess.Popen([str(Path(sys.executable).parent / "talentcheck"), "run", *slow, "--jobs", "2", "--force",
                            "--output", str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        wait_until(lambda: any(children(worker) for worker in workers_of(run.pid)), 60, "a worker to start a kernel")
        workers = workers_of(run.pid)
        os.killpg(run.pid, signal.SIGINT)
        time.sleep(3)
        assert run.poll() is None and workers_of(run.pid) == workers
        run.terminate()
        _, err = run.communicate(timeout=60)
        assert run.returncode == 130 and err == "talentcheck: interrupted; previous outputs left as they were\n", err
    finally:
        run.kill()


def test_a_timed_out_cell_and_a_run_under_warnings_as_errors_print_only_the_runs_own_lines(tmp_path):
    """nbclient's "Timeout waiting for execute reply" and Popen's "subprocess N is still running" (the kernel server
    outlives the run by design) once reached the terminal beside the run's own lines."""
    hung = small_notebook(tmp_path / "91_hangs.ipynb", "n: int = 1", "import time\ntime.sleep(600)")
    tiny = small_notebook(tmp_path / "90_tiny.ipynb", "n: int = 2", "print(n * 21)")
    runtime = tempfile.mkdtemp(prefix="tc-", dir="/tmp")  # a kernel server of its own, which this run starts (a
    env = {**os.environ, "TALENTCHECK_CACHE": str(tmp_path / "cache"), "PYTHONWARNINGS": "error",  # short path: a socket's)
           "XDG_RUNTIME_DIR": runtime}
    command = [str(Path(sys.executable).parent / "talentcheck"), "run", "--jobs", "1", "--force"]
    try:
        fine = subprocess.run([*command, str(tiny), "--output", str(tmp_path / "b")], env=env, capture_output=True, text=True,
                              timeout=300)
        if launcher.warm_possible():  # else (macOS, or the portable tests) every kernel starts cold: no server
            assert list(Path(runtime).glob("*/*.sock")), "the run started no kernel server of its own"
        timed_out = subprocess.run([*command, str(hung), "--timeout", "2", "--output", str(tmp_path / "a")], env=env,
                                   capture_output=True, text=True, timeout=300)
    finally:
        subprocess.run([str(Path(sys.executable).parent / "python"), "-c", "from talentcheck.run.kernel import launcher; "
                        "launcher.stop_server()"], env=env, timeout=60)
        shutil.rmtree(runtime, ignore_errors=True)
    assert fine.returncode == 0 and fine.stderr == "", fine.stderr
    assert timed_out.returncode == 1 and timed_out.stderr == "", timed_out.stderr
    assert "no result within --timeout 2 s" in timed_out.stdout


def text_outputs(notebook: Path) -> list:
    cells = nbformat.read(notebook, as_version=4).cells
    return [[{k: v for k, v in o.get("data", {}).items() if not k.startswith("image/")} or o.get("text")
             for o in c.get("outputs", [])] for c in cells if c.cell_type == "code"]


def test_two_runs_on_the_same_inputs_give_identical_outputs(tmp_path):
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert cli.main(["run", "01_researcher_origin", "--force", "--output", str(out)]) == 0
        outputs.append(out)
    a, b = outputs
    assert (a / "verdicts.csv").read_bytes() == (b / "verdicts.csv").read_bytes()
    for notebook in (a / "notebooks").glob("*.ipynb"):
        assert text_outputs(notebook) == text_outputs(b / "notebooks" / notebook.name), notebook.name
        assert notebook.read_bytes() == (b / "notebooks" / notebook.name).read_bytes(), notebook.name


def test_an_unchanged_rerun_comes_from_the_cache_and_a_data_change_invalidates_it(data_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["run", "01_researcher_origin", "--output", str(out)]) == 0
    assert cli.main(["run", "01_researcher_origin", "--output", str(out)]) == 0
    assert "1 unchanged (from the cache)" in capsys.readouterr().out
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    assert cli.main(["run", "01_researcher_origin", "--output", str(out)]) == 0
    changed = capsys.readouterr().out
    assert "from the cache" not in changed
    with open(out / "verdicts.csv", newline="") as handle:
        verdicts = {r["claim_id"]: r["verdict"] for r in csv.DictReader(handle)}
    assert verdicts["nearly-half-undergrad-china"] == "not_supported"
    assert cli.main(["run", "01_researcher_origin", "--output", str(out)]) == 0  # unchanged: stops early
    unchanged = capsys.readouterr().out
    flip = "    Supported -> Not supported; its card: "  # under the claim's paraphrase
    assert "nothing changed" in unchanged and flip in unchanged and "Nearly half of the world's top AI researchers" in unchanged
    assert unchanged.splitlines()[1:-1] == changed.splitlines()[1:-1]  # the same verdicts and flips reported


def test_readings_worked_out_once_are_kept_with_the_data_and_code_and_worked_out_again_when_the_data_changes(
        data_copy, tmp_path, monkeypatch):
    """The cards' readings come from the cache when code, data and parameters are those they were judged under, for
    the notebook run and for those whose results carry over; the report is the same byte for byte; a changed evidence
    row is judged again."""
    from talentcheck.topics import readings

    monkeypatch.setenv("TALENTCHECK_CACHE", str(tmp_path / "cache"))  # none of them worked out before
    judged = []
    real = readings.readings
    monkeypatch.setattr(readings, "readings", lambda notebook, params: judged.append(notebook) or real(notebook, params))
    first, second, third = (tmp_path / name for name in ("first", "second", "third"))
    assert cli.main(["run", "01_researcher_origin", "--output", str(first)]) == 0
    assert "01_researcher_origin.ipynb" in judged
    judged.clear()
    assert cli.main(["run", "01_researcher_origin", "--output", str(second), "--force"]) == 0
    assert judged == []  # neither the notebook run again nor those whose results carry over (their cards: 02 to 08)
    for card in (first / "report" / "claims").glob("*.html"):
        assert card.read_bytes() == (second / "report" / "claims" / card.name).read_bytes(), card.name
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    assert cli.main(["run", "01_researcher_origin", "--output", str(third)]) == 0
    assert "01_researcher_origin.ipynb" in judged
    card = "nearly-half-undergrad-china.html"
    assert (third / "report" / "claims" / card).read_bytes() != (first / "report" / "claims" / card).read_bytes()


def test_a_reading_left_off_a_card_is_named_again_by_a_run_that_takes_the_readings_from_the_cache(tiny, tmp_path, monkeypatch,
                                                                                                  capsys):
    """A reading whose text is not written is left off its card with a warning; a later run on the same code and
    data, which takes notebook 01's readings from the cache instead of judging them, warns the same."""
    from talentcheck.errors import DataError
    from talentcheck.topics import readings

    monkeypatch.setenv("TALENTCHECK_CACHE", str(tmp_path / "cache"))
    real_function, real_readings, judged = readings.verdict_function, readings.readings, []

    def verdict_function(notebook):
        judge = real_function(notebook)

        def without_a_text(params):
            if params.get("cohort") == "most_elite":
                raise DataError("data/claim_texts.yaml: claim 'x' has no text for verdict 'supported' (a test)")
            return judge(params)
        return without_a_text if notebook == "01_researcher_origin.ipynb" else judge
    monkeypatch.setattr(readings, "verdict_function", verdict_function)
    monkeypatch.setattr(readings, "readings", lambda notebook, params: judged.append(notebook) or real_readings(notebook, params))
    for out in ("first", "second"):
        judged.clear()
        assert cli.main(["run", str(tiny), "--output", str(tmp_path / out)]) == 0
        err = capsys.readouterr().err
        assert "a card leaves out the reading cohort=most_elite in 01_researcher_origin.ipynb: " in err, (out, err)
        assert ("01_researcher_origin.ipynb" in judged) == (out == "first")  # the second run's come from the cache


def test_the_notebook_reruns_with_other_parameters_and_its_notes_reach_the_report(tmp_path):
    out = tmp_path / "out"
    assert cli.main(["run", "09_since_2022", "-p", "grouping", "source", "-p", "follow", "[Tsinghua University, IBM]",
                     "--output", str(out)]) == 0
    executed = nbformat.read(out / "notebooks" / "09_since_2022.ipynb", as_version=4)
    assert from_notebook(executed, NOTES_MIME)[0] == since_2022.since_then()
    card = (out / "report" / "claims" / "growing-share-working-in-china.html").read_text()
    assert "since then" in card and "29.3%" in card
    assert "09_since_2022" in card and "09_since_2022-1.png" not in card  # linked; its charts bear on no claim of this card
