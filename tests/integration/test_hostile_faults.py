"""Faults end cleanly and the cache cannot lie: a hung notebook times out, a killed run's debris goes, a
closed stdout is no error, every error is one line (a traceback only with --debug), a corrupt or edited
cache entry is discarded, an unwritable cache is a warning, and a bad value typed in JupyterLab stops the
notebook at the top with one line."""
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import children, eventually, full_disk, small_notebook, snapshot, wait_until, workers_of
from talentcheck import cli, paths
from talentcheck.errors import RunError
from talentcheck.report import pages as report_pages
from talentcheck.run import cache as notebook_cache
from talentcheck.run import execution
from talentcheck.run.publishing import MARK, MARKER, OWNER

TALENTCHECK = str(Path(sys.executable).parent / "talentcheck")


def printed(out: Path, name: str = "90_tiny.ipynb") -> str:
    cells = nbformat.read(out / "notebooks" / name, as_version=4).cells
    return "".join(o.get("text", "") for c in cells if c.cell_type == "code" for o in c.outputs)


def test_a_run_publishes_a_marked_folder_with_the_usual_permissions(tiny, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    assert (out / MARKER).read_text() == MARK
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask
    assert not (out / OWNER).exists()
    assert "42" in printed(out)
    # its own folder is replaced by the next run; an empty folder is taken too
    assert cli.main(["run", str(tiny), "-p", "n", "3", "--jobs", "1", "--output", str(out)]) == 0
    assert "63" in printed(out)
    (tmp_path / "empty").mkdir()
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(tmp_path / "empty")]) == 0


def test_a_hung_notebook_ends_at_the_timeout_naming_notebook_and_cell(tmp_path, capsys):
    hung = small_notebook(tmp_path / "91_hangs.ipynb", "n: int = 1", "import time\ntime.sleep(600)")
    out = tmp_path / "out"
    assert cli.main(["run", str(hung), "--timeout", "2", "--jobs", "1", "--output", str(out)]) == 1
    assert "FAILED 91_hangs.ipynb at cell 2: no result within --timeout 2 s" in capsys.readouterr().out
    assert not out.exists() and (tmp_path / "out.failed" / MARKER).exists()


def test_a_failed_run_replaces_its_own_failed_folder_only(tmp_path, capsys):
    failing = small_notebook(tmp_path / "92_fails.ipynb", "n: int = 1", "raise ValueError('no')")
    out = tmp_path / "out"
    for _ in range(2):  # the second run replaces the first run's out.failed/ (it is marked as talentcheck's)
        assert cli.main(["run", str(failing), "--jobs", "1", "--output", str(out)]) == 1
    assert "in out.failed/" in capsys.readouterr().out.replace(str(tmp_path) + "/", "")
    assert (tmp_path / "out.failed" / "notebooks" / "92_fails.ipynb").exists()


def test_a_killed_runs_debris_is_removed_by_the_next_run_and_only_its_own(tiny, tmp_path, data_copy):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    staging = tmp_path / ".out.abc123"
    (staging / "notebooks").mkdir(parents=True)
    (staging / OWNER).write_text(str(pid))
    retired = tmp_path / f".out.retired-{pid}"
    retired.mkdir()
    (retired / MARKER).write_text(MARK)
    strangers = tmp_path / ".out.users"  # no pid file: not provably ours
    strangers.mkdir()
    alive = tmp_path / ".out.running"  # a run still going (this test's own process)
    alive.mkdir()
    (alive / OWNER).write_text(str(os.getppid()))
    (data_copy / "tracker" / "origin_undergrad.csv").write_text("year\n")  # the run is then refused, after the sweep
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(tmp_path / "out")]) == 2
    assert not staging.exists() and not retired.exists()
    assert strangers.exists() and alive.exists()


def test_a_closed_stdout_is_not_an_error(tmp_path):
    run = subprocess.Popen([TALENTCHECK, "validate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run.stdout.close()
    err = run.stderr.read()
    assert run.wait(timeout=120) == 0, err
    assert err == b""


def test_a_run_whose_stdout_closes_still_publishes_and_succeeds(tiny, tmp_path):
    out = tmp_path / "out"
    run = subprocess.Popen([TALENTCHECK, "run", str(tiny), "--jobs", "1", "--output", str(out)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    run.stdout.close()
    err = run.stderr.read()
    assert run.wait(timeout=120) == 0, err
    assert err == b""
    assert "42" in printed(out)


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys):
    def broken():
        raise KeyError("something internal")
    monkeypatch.setattr("talentcheck.data.validate_all", broken)
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err
    assert err == "talentcheck: error (KeyError; --debug shows where): 'something internal'\n"
    with pytest.raises(KeyError):
        cli.main(["--debug", "validate"])


def test_bad_input_under_debug_raises_with_its_traceback():
    with pytest.raises(RunError, match="it holds the repository"):
        cli.main(["--debug", "run", "--output", str(paths.ROOT)])


# ------------------------------------------------------------------------------------------ the cache

@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TALENTCHECK_CACHE", str(folder))
    return folder


def entries(cache: Path) -> list[Path]:
    """The cache's entries of executed notebooks (not those holding only the page of a notebook left out)."""
    return sorted({p.parent for p in cache.glob("[!.]*/*.ipynb")})


def pages(cache: Path) -> list[Path]:
    """The cache's pages of notebooks (`talentcheck.run.cache.page`)."""
    return sorted(cache.glob(f"[!.]*/{notebook_cache.PAGE}"))


def test_a_page_is_rendered_once_for_a_notebook_and_a_damaged_one_is_rendered_again(cache, capsys):
    """The report renders the pages of notebooks a run left out from the cache; an entry whose page was edited
    or truncated is rendered again, not served."""
    notebook = nbformat.read(paths.NOTEBOOKS / "07_compute_costs.ipynb", as_version=4)
    fresh = report_pages.notebook_html(notebook)
    assert notebook_cache.page(notebook) == fresh
    [page] = pages(cache)
    calls = []
    render = report_pages.notebook_html
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_pages, "notebook_html", lambda nb: calls.append(1) or render(nb))
        assert notebook_cache.page(notebook) == fresh and calls == []  # from the cache
        page.write_text(fresh.replace("<h1", "<h1 hidden"), encoding="utf-8")  # a hand edit
        assert notebook_cache.page(notebook) == fresh and calls == [1]
        page.write_bytes(page.read_bytes()[:50])  # truncated
        assert notebook_cache.page(notebook) == fresh and calls == [1, 1]
        notebook.cells[0].source += " (edited)"  # another notebook: another page
        assert notebook_cache.page(notebook) != fresh and calls == [1, 1, 1] and len(pages(cache)) == 2


def test_an_edited_or_truncated_cache_entry_is_discarded_and_the_notebook_executed(tiny, tmp_path, cache, capsys):
    out = tmp_path / "out"
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    [entry] = entries(cache)
    cached = entry / "90_tiny.ipynb"
    cached.write_text(cached.read_text().replace("42", "99"))  # a hand edit
    capsys.readouterr()
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert "cache entry for 90_tiny.ipynb is unusable (a file does not match its checksum)" in captured.err
    assert "from the cache" not in captured.out
    assert "42" in printed(out) and "99" not in printed(out)
    [entry] = entries(cache)
    (entry / "90_tiny.ipynb").write_bytes((entry / "90_tiny.ipynb").read_bytes()[:50])  # truncated
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    assert "is unusable" in capsys.readouterr().err
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    assert "1 unchanged (from the cache)" in capsys.readouterr().out


def test_an_unwritable_cache_is_a_warning_not_a_failed_run(tiny, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TALENTCHECK_CACHE", str(blocker / "cache"))
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert f"talentcheck: warning: could not write the cache in {blocker / 'cache'} (" in err
    assert err.count("could not write the cache") == 1  # once, though the run stores a page for every notebook
    assert "42" in printed(tmp_path / "out")


def test_a_result_whose_inputs_changed_during_the_run_is_not_cached(tiny, tmp_path, cache, data_copy, monkeypatch, capsys):
    execute = execution.execute

    def execute_and_edit(*args, **kw):
        results = execute(*args, **kw)
        (data_copy / "README.md").write_text("edited while the notebook ran")
        return results
    monkeypatch.setattr(execution, "execute", execute_and_edit)
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(tmp_path / "out")]) == 0
    assert "changed while the notebooks ran; their results are not cached" in capsys.readouterr().err
    assert entries(cache) == []


def test_the_cache_keeps_the_most_recently_used_entries_and_never_touches_anything_else(cache):
    """Pruning removes old cache entries only: a user's folders in a TALENTCHECK_CACHE pointed at their
    home survive, however old."""
    keys = [f"{number:064x}" for number in range(5)]
    for number, name in enumerate(keys):
        (cache / name).mkdir(parents=True)
        (cache / name / "sha256.json").write_text("{}")
        os.utime(cache / name, (1000 + number, 1000 + number))
    mine = [cache / "thesis", cache / ("a" * 64)]  # a user's folder; a key-named folder with no checksums
    for folder in mine:
        folder.mkdir()
        (folder / "precious.txt").write_text("mine")
        os.utime(folder, (1, 1))
    dead, alive = cache / f".{keys[0]}.999999999", cache / f".{keys[1]}.{os.getpid()}"  # half-written entries
    for folder in (dead, alive):
        folder.mkdir()
        (folder / "page.html").write_text("half")
    notebook_cache.prune(keep=2)
    assert sorted(p.name for p in cache.iterdir() if p.name in keys) == keys[3:]
    assert all((folder / "precious.txt").read_text() == "mine" for folder in mine)
    assert not dead.exists() and alive.exists()  # a killed run's is removed; a live process's is its own


# ------------------------------------------------------------------------------ inside the notebook

def test_a_bad_value_typed_in_the_notebook_stops_it_at_the_top_in_one_line(tmp_path):
    """What a JupyterLab user sees: the check right after the parameters cell, as one line."""
    source = paths.NOTEBOOKS / "01_researcher_origin.ipynb"
    nb = nbformat.read(source, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells[index].source = nb.cells[index].source.replace('cohort: str = "as_stated"', 'cohort: str = "elite"')
    edited = tmp_path / "edited.ipynb"
    nbformat.write(nb, edited)
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(paths.NOTEBOOKS)}})
    with pytest.raises(CellExecutionError):
        client.execute()
    errors = [(i, o) for i, c in enumerate(nb.cells) if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    [(where, error)] = errors
    first_code_after = next(i for i, c in enumerate(nb.cells) if i > index and c.cell_type == "code")
    assert where == first_code_after
    assert error.traceback == ["ParameterError: parameter 'cohort' (01_researcher_origin.ipynb) must be one of "
                               "as_stated, top_tier, most_elite, got 'elite'"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_workers_end_when_the_runner_is_killed(tmp_path):
    slow = [small_notebook(tmp_path / f"8{i}_slow.ipynb", "n: int = 1", "import time\ntime.sleep(120)") for i in (1, 2)]
    run = subprocess.Popen([TALENTCHECK, "run", *map(str, slow), "--jobs", "2", "--output", str(tmp_path / "out")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={**os.environ, "TALENTCHECK_CACHE": str(tmp_path / "cache")})
    wait_until(lambda: len(workers_of(run.pid)) >= 2, 60, "the run's two workers")
    workers = workers_of(run.pid)
    # killed mid-notebook: once each worker has started the kernel of its notebook
    wait_until(lambda: all(children(worker) for worker in workers), 60, "each worker to start a kernel")
    launchers = [pid for worker in workers for pid in children(worker)]  # each kernel's stand-in (kernels.launch)
    run.kill()
    run.wait()
    eventually(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers + launchers), 20)
    left = [pid for pid in workers + launchers if Path(f"/proc/{pid}").exists()]
    for pid in left:  # do not leave them running if the test fails
        os.kill(pid, 9)
    assert not left


def test_a_run_into_an_earlier_output_renders_the_pages_it_carries_over_with_todays_code(tiny, tmp_path, cache, monkeypatch):
    """The notebooks a run leaves out keep their latest results, but their pages are rendered by the code that
    runs now (from the page cache, keyed by that code), not copied from the earlier output: a fixed template
    or escaping reaches every page."""
    out = tmp_path / "out"
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    page = out / "report" / "notebooks" / "07_compute_costs.html"
    assert "today's renderer" not in page.read_text(encoding="utf-8")
    monkeypatch.setattr(notebook_cache, "_renderer", lambda: "the code after an edit")
    monkeypatch.setattr(report_pages, "notebook_html", lambda notebook: "<p>today's renderer</p>")
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out), "--force"]) == 0
    assert page.read_text(encoding="utf-8") == "<p>today's renderer</p>"
    assert (out / "notebooks" / "07_compute_costs.ipynb").is_file()


# ------------------------------------------------------------------------------ faults that clean up after themselves

def test_a_run_on_a_full_disk_keeps_no_half_written_notebooks_and_the_next_run_works(tiny, tmp_path, previous_output, monkeypatch,
                                                                                    capsys):
    """ENOSPC injected at the write layer (`helpers.full_disk`: no root needed) while the executed notebook is written:
    the run fails naming the notebook and the full disk, keeps no out.failed/ with truncated notebooks (it would keep the
    disk full), leaves the previous output byte for byte; once there is room, the next run works."""
    before = snapshot(previous_output)
    full_disk(monkeypatch, tmp_path, match=lambda path: path.suffix == ".ipynb" and path.parent.name == "notebooks", room=100)
    assert cli.main(["run", str(tiny), "--force", "--jobs", "1", "--output", str(previous_output)]) == 1
    out = capsys.readouterr().out
    assert "FAILED 90_tiny.ipynb at writing 90_tiny.ipynb: No space left on device" in out
    assert "this run's notebooks were not kept (no space left on the device)" in out
    assert snapshot(previous_output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["90_tiny.ipynb", "out"]  # no out.failed/, no staging folder
    monkeypatch.undo()
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(previous_output)]) == 0
    assert "42" in printed(previous_output)


def test_a_full_disk_while_the_report_is_written_is_one_line_and_publishes_nothing(tiny, tmp_path, previous_output, monkeypatch,
                                                                                  capsys):
    before = snapshot(previous_output)
    full_disk(monkeypatch, tmp_path, match=lambda path: path.name == "verdicts.csv")
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(previous_output)]) == 2
    err = capsys.readouterr().err
    assert err == (f"talentcheck: error: --output {previous_output}: cannot write this run's outputs beside it (No space left on "
                   "device); nothing was published, the previous outputs are as they were\n")
    assert snapshot(previous_output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["90_tiny.ipynb", "out"]


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True).returncode == 0


@pytest.mark.skipif(not (sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="a real full disk needs a small tmpfs, which only root can mount (the injected one runs everywhere)")
def test_a_run_on_a_real_full_disk_leaves_it_as_free_as_it_found_it(tiny, tmp_path):
    """The same on a real 64 KB file system (tmpfs): a failed run leaves it empty, and once it is larger, a run works."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "64k"):
        pytest.skip("mount -t tmpfs is not permitted here")
    try:
        run = subprocess.run([TALENTCHECK, "run", str(tiny), "--force", "--jobs", "1", "--output", str(disk / "out")],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode in (1, 2), run.stdout + run.stderr
        assert "No space left on device" in run.stdout + run.stderr
        assert list(disk.iterdir()) == [] and os.statvfs(disk).f_bfree == os.statvfs(disk).f_blocks
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        run = subprocess.run([TALENTCHECK, "run", str(tiny), "--jobs", "1", "--output", str(disk / "out")],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


def test_stdout_that_fails_before_publishing_stops_the_run_with_nothing_published(tiny, tmp_path, previous_output):
    """`run > /dev/full` must not publish and then exit 2: the run says what it did before the rename, and a standard
    output that cannot take it stops the run there. A closed one (`>&-`) is refused before anything runs."""
    before = snapshot(previous_output)
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            run = subprocess.run([TALENTCHECK, "run", str(tiny), "--force", "--jobs", "1", "--output", str(previous_output)],
                                 stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
        assert run.returncode == 2
        assert run.stderr == ("talentcheck: error: standard output: cannot write to it (No space left on device); nothing was "
                              "published, the previous outputs are as they were\n")
        assert snapshot(previous_output) == before
    closed = subprocess.run(["bash", "-c", 'exec "$@" >&-', "_", TALENTCHECK, "run", str(tiny), "--output", str(previous_output)],
                            stderr=subprocess.PIPE, text=True, timeout=300)
    assert closed.returncode == 2
    assert closed.stderr == ("talentcheck: error: standard output is closed: a run says there what it did; send it to a file "
                             "or to /dev/null instead\n")
    assert snapshot(previous_output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["90_tiny.ipynb", "out"]


def test_a_terminated_refresh_leaves_nothing_in_notebooks(tmp_path):
    """SIGTERM during `refresh`: its folder in notebooks/ goes with it, and the committed notebook is as it was."""
    before = snapshot(paths.NOTEBOOKS)
    refresh = subprocess.Popen([TALENTCHECK, "refresh", "06_xai_founders", "--jobs", "1"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env={**os.environ, "TALENTCHECK_CACHE": str(tmp_path / "cache")})
    try:
        wait_until(lambda: any((p / OWNER).exists() for p in paths.NOTEBOOKS.glob(".refresh.*")), 120, "refresh's folder")
        refresh.terminate()
        assert refresh.wait(timeout=60) == 130
        assert "interrupted" in refresh.stderr.read().decode()
    finally:
        refresh.kill()
    assert snapshot(paths.NOTEBOOKS) == before


def test_what_a_killed_refresh_left_is_removed_by_the_next_command_and_only_that(tiny, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = paths.NOTEBOOKS / ".refresh.killed-by-a-test"
    users = paths.NOTEBOOKS / ".refresh.not-provably-ours"  # no process id in it: not provably talentcheck's
    try:
        left.mkdir()
        (left / OWNER).write_text(dead.stdout.strip())
        (left / "06_xai_founders.ipynb").write_text("half")
        users.mkdir()
        assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(tmp_path / "out")]) == 0
        assert not left.exists() and users.exists()
    finally:
        import shutil
        shutil.rmtree(left, ignore_errors=True)
        shutil.rmtree(users, ignore_errors=True)


# ------------------------------------------------------------------------------ previous outputs verified

def test_a_hand_edited_previous_result_is_never_republished(tiny, tmp_path, capsys):
    """A partial run carries the other notebooks over from DIR/notebooks/ only if they match the checksums their run
    recorded: an edited verdict and reason is named in one warning and executed again, and neither verdicts.csv, the
    card nor claimreview.json carries the edit."""
    out = tmp_path / "out"
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    edited = out / "notebooks" / "06_xai_founders.ipynb"
    text = edited.read_text(encoding="utf-8")
    assert '"supported_with_caveat"' in text
    edited.write_text(text.replace('"supported_with_caveat"', '"not_supported"', 1).replace('"reason": "', '"reason": "TAMPERED ', 1),
                      encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"talentcheck: warning: {out}/notebooks/06_xai_founders.ipynb does not match the "
                                                   "checksum its run recorded in .talentcheck-manifest.json (edited since): "
                                                   "executing 06_xai_founders again with its defaults"), err
    published = [out / "verdicts.csv", out / "claimreview.json", *(out / "report").rglob("*.html"), *(out / "notebooks").glob("*")]
    assert not [p for p in published if "TAMPERED" in p.read_text(encoding="utf-8")]
