"""Fixtures every test may use: a private notebook cache, a private copy of data/ that a test may edit
(`data_copy`, with `helpers.set_cell` to edit one CSV cell), and the report of the committed notebooks (`built`)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock

from talentcheck import clear_caches, paths


def pytest_configure(config):
    """Timing is not what the property tests test: a loaded CI machine must not fail them on a deadline. (Set where
    tests run, not in pytest-xdist's controller, which only hands them out: importing Hypothesis takes a second.)"""
    if config.getoption("numprocesses", default=None) and not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    from hypothesis import settings

    settings.register_profile("talentcheck", deadline=None)
    settings.load_profile("talentcheck")


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests never read or fill the user's notebook cache."""
    os.environ["TALENTCHECK_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the suite reads instead of the real one (TALENTCHECK_DATA)."""
    copy = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", copy)
    monkeypatch.setenv("TALENTCHECK_DATA", str(copy))
    clear_caches()
    yield copy
    monkeypatch.delenv("TALENTCHECK_DATA")
    clear_caches()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A report built from the committed (executed) notebooks, as `talentcheck run` builds it: once per session, by
    the first pytest-xdist worker to need it while the others wait (a build re-judges every reading: seconds)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    shared = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    out = shared / "built"
    with FileLock(shared / "built.lock"):
        if not (out / "done").exists():
            shutil.rmtree(out, ignore_errors=True)  # what a worker that failed half-way left
            _build(out)
            (out / "done").touch()
    return out / "report"


def _build(out: Path) -> None:
    from talentcheck.report import site
    from talentcheck.run.results import collect_notes, collect_verdicts
    from talentcheck.topics.readings import for_rows

    (out / "notebooks").mkdir(parents=True)
    executed = {p.name: nbformat.read(shutil.copy(p, out / "notebooks"), as_version=4) for p in paths.notebooks()}
    rows = collect_verdicts(executed)
    site.write(out, rows, collect_notes(executed), executed, readings=for_rows(rows))


@pytest.fixture
def previous_output(tmp_path) -> Path:
    """An output folder from an earlier run (marked as talentcheck's), whose content must survive a refused or
    failed run byte for byte."""
    from talentcheck.run.publishing import MARK, MARKER

    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "verdicts.csv").write_text("claim_id,verdict\nearlier,supported\n")
    (out / "report" / "index.html").write_text("<p>earlier</p>")
    (out / MARKER).write_text(MARK)
    return out


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A notebook that runs in a second and records no verdict, with a declared domain."""
    from helpers import small_notebook

    return small_notebook(tmp_path / "90_tiny.ipynb", "n: int = 2  # range: >= 1. How many", "print(n * 21)")
