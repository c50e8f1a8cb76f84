"""An unchanged rerun stops early (talentcheck.run.manifest) and writes nothing; but any change to what the output
is made from (a data file, the notebook, a parameter, the package or its environment, the review's date)
reruns, and a damaged output or cache entry is rebuilt byte for byte."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ORIGIN_CSV, set_cell, small_notebook
from talentcheck import cli, data, hashing, paths
from talentcheck.run import cache, manifest, runner

UP_TO_DATE = "nothing changed"


def stamps(folder: Path) -> dict:
    """Each file and folder with its inode and modification time: what a rewrite or a replacement changes."""
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in [folder, *folder.rglob("*")]}


def contents(folder: Path) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(capsys, *args) -> str:
    capsys.readouterr()
    assert cli.main(["run", *map(str, args), "--jobs", "1"]) == 0
    return capsys.readouterr().out


def test_an_unchanged_rerun_writes_nothing_and_every_input_change_reruns(tiny, tmp_path, data_copy, monkeypatch, capsys):
    out = tmp_path / "out"
    first = run(capsys, tiny, "--output", out)
    assert UP_TO_DATE not in first and (out / manifest.NAME).is_file()
    before = stamps(out)
    again = run(capsys, tiny, "--output", out)
    assert UP_TO_DATE in again and "1 unchanged (from the cache)" in again
    assert stamps(out) == before  # not one file rewritten, the folder not replaced
    assert again.splitlines()[1:-1] == first.splitlines()[1:-1]  # the same verdicts and flips reported

    def reruns(*args):
        assert UP_TO_DATE not in run(capsys, tiny, "--output", out, *args)
        assert UP_TO_DATE in run(capsys, tiny, "--output", out, *args)

    reruns("-p", "n", "3")  # a parameter
    assert '"63' in (out / "notebooks" / tiny.name).read_text()
    small_notebook(tiny, "n: int = 2  # range: >= 1. How many", "print(n * 22)")  # the notebook
    reruns()
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")  # data
    reruns()
    monkeypatch.setattr("talentcheck.run.kernel.launcher.spec_digest", lambda: "another kernelspec")  # environment, package (the tree)
    reruns()
    monkeypatch.setattr("talentcheck.report.claimreview.date_published", lambda given=None: "2023-11-14")  # the review's date
    reruns()
    assert UP_TO_DATE not in run(capsys, tiny, "--output", out, "--force")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A run of a tiny notebook: its notebook, output folder, cache keys and digest of inputs."""
    folder = tmp_path_factory.mktemp("published")
    tiny = small_notebook(folder / "90_tiny.ipynb", "n: int = 2  # range: >= 1. How many", "print(n * 21)")
    assert cli.main(["run", str(tiny), "--jobs", "1", "--output", str(folder / "out")]) == 0
    _, keys, inputs = runner._inputs([tiny], {tiny: {}})
    return tiny, folder / "out", keys, inputs


@pytest.fixture
def copied(published, tmp_path, monkeypatch):
    """A copy of `published`'s output and its cache entry, for a test to damage."""
    tiny, out, keys, inputs = published
    shutil.copytree(cache.cache_dir() / keys[tiny], tmp_path / "cache" / keys[tiny])
    monkeypatch.setenv("TALENTCHECK_CACHE", str(tmp_path / "cache"))
    shutil.copytree(out, tmp_path / "out", symlinks=True)
    return tiny, tmp_path / "out", keys, inputs


def test_a_damaged_output_is_rebuilt_byte_for_byte(copied, capsys):
    tiny, out, keys, inputs = copied
    published = contents(out)
    page = out / "report" / "index.html"
    page.write_text(page.read_text().replace("Supported", "Refuted"))
    assert UP_TO_DATE not in run(capsys, tiny, "--output", out)
    assert contents(out) == published
    assert UP_TO_DATE in run(capsys, tiny, "--output", out)


@pytest.mark.parametrize("damage", ["edited", "removed", "added", "linked", "manifest edited", "manifest removed",
                                    "cache entry edited", "cache entry removed", "other inputs"])
def test_the_early_stop_checks_every_published_file_and_cache_entry(copied, tmp_path, damage):
    tiny, out, keys, inputs = copied
    assert manifest.unchanged(out, keys, inputs) == []
    verdicts, entry = out / "verdicts.csv", cache.cache_dir() / keys[tiny]
    if damage == "edited":
        verdicts.write_bytes(verdicts.read_bytes().replace(b"supported", b"supportex", 1))
    elif damage == "removed":
        (out / "report" / "sources.html").unlink()
    elif damage == "added":
        (out / "report" / "notes.txt").write_text("mine")
    elif damage == "linked":
        target = tmp_path / "verdicts.csv"
        shutil.copyfile(verdicts, target)
        verdicts.unlink()
        os.symlink(target, verdicts)
    elif damage == "manifest edited":
        (out / manifest.NAME).write_text((out / manifest.NAME).read_text()[:-20])
    elif damage == "manifest removed":
        (out / manifest.NAME).unlink()
    elif damage == "cache entry edited":
        (entry / tiny.name).write_text((entry / tiny.name).read_text().replace("42", "99"))
    elif damage == "cache entry removed":
        shutil.rmtree(entry)
    else:
        inputs = manifest.inputs({tiny: keys[tiny], tmp_path / "91_other.ipynb": keys[tiny]}, "another tree")
    assert manifest.unchanged(out, keys, inputs) is None


def test_a_change_under_a_symlinked_data_folder_reruns(tiny, tmp_path, data_copy, capsys):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data_copy / "tracker", elsewhere)
    os.symlink(elsewhere, data_copy / "tracker")
    os.symlink(data_copy, elsewhere / "loop")  # a link back up is not followed forever
    out = tmp_path / "out"
    run(capsys, tiny, "--output", out)
    fingerprint = data.fingerprint()
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    assert data.fingerprint() != fingerprint
    assert UP_TO_DATE not in run(capsys, tiny, "--output", out)
    assert UP_TO_DATE in run(capsys, tiny, "--output", out)


def test_an_environment_that_changes_outputs_reruns_and_is_not_served_from_the_cache(tiny, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    run(capsys, tiny, "--output", out)
    monkeypatch.setenv("TALENTCHECK_COLD_KERNEL", "1")  # the same outputs: still unchanged
    assert UP_TO_DATE in run(capsys, tiny, "--output", out)
    for name, value in [("MPLBACKEND", "Agg"), ("PYTHONHASHSEED", "7"), ("LC_ALL", "C.UTF-8")]:
        monkeypatch.setenv(name, value)
        assert "from the cache" not in run(capsys, tiny, "--output", tmp_path / f"new-{name}")  # executed anew
        changed = run(capsys, tiny, "--output", out)
        assert UP_TO_DATE not in changed and "from the cache" in changed  # the run above filled the cache
        assert UP_TO_DATE in run(capsys, tiny, "--output", out)


def test_the_package_hashed_is_the_one_imported(tiny, tmp_path):
    """A copy of the package imported (first on sys.path) with the project elsewhere (TALENTCHECK_ROOT): a run under it
    stops early when nothing changed, and editing the copy changes what the early stop compares. (Put first by the
    command itself: PYTHONPATH would do the same, but it is part of the cache's key, and every notebook's readings
    and page would be worked out again.)"""
    package = shutil.copytree(Path(cache.__file__).parents[1], tmp_path / "lib" / "talentcheck",
                              ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "TALENTCHECK_ROOT": str(paths.ROOT)}
    first = f"import sys; sys.path.insert(0, {str(tmp_path / 'lib')!r}); "

    def python(code: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", first + code, *args], env=env, capture_output=True, text=True, cwd=tmp_path)

    assert python("import talentcheck; print(talentcheck.__file__)").stdout.strip() == str(package / "__init__.py")

    def rerun() -> str:
        done = python("from talentcheck import cli; sys.exit(cli.main(sys.argv[1:]))", "run", str(tiny), "--jobs", "1",
                      "--output", str(tmp_path / "out"))
        assert done.returncode == 0, done.stderr
        return done.stdout

    def tree() -> str:  # what the early stop compares: the digest of code, kernel and data the run works out
        return python("from talentcheck.run import cache; print(cache.tree_digest())").stdout.strip()

    rerun()
    assert UP_TO_DATE in rerun()
    before = tree()
    (package / "report" / "changes.py").write_text((package / "report" / "changes.py").read_text() + "\nEDITED = True\n")
    assert tree() != before  # so the next run executes again (every input change reruns: the test above)


def test_run_help_explains_the_early_stop_and_force(capsys):
    assert cli.main(["run", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "An unchanged rerun stops early" in text and "manifest" in text
    assert "--force executes every notebook and skips that check" in text


def test_the_flips_of_an_early_stop_come_from_the_published_verdicts_not_the_manifest(tiny, tmp_path, capsys):
    out = tmp_path / "out"
    first = run(capsys, tiny, "--output", out)
    recorded = json.loads((out / manifest.NAME).read_text())
    recorded["flips"] = [["nearly-half-undergrad-china", "supported", "not_supported"]]  # a hand edit
    (out / manifest.NAME).write_text(json.dumps(recorded))
    again = run(capsys, tiny, "--output", out)
    assert UP_TO_DATE in again and "nearly-half-undergrad-china" not in again
    assert again.splitlines()[1:-1] == first.splitlines()[1:-1]


def test_a_files_end_cannot_pass_for_the_next_files_name(tmp_path):
    """Digests separate each file's name, size and bytes (a hostile tester renamed x.csv to x.cs and put a v
    before its bytes: the tree digest had not changed)."""
    import hashlib

    digests = []
    for name, text in (("x.csv", "data"), ("x.cs", "vdata")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / name).write_text(text)
        digests.append(hashlib.sha256())
        hashing.add_files(digests[-1], folder)
    assert digests[0].hexdigest() != digests[1].hexdigest()


def test_renaming_a_notebook_changes_the_tree(tmp_path, monkeypatch):
    """The claims name their notebooks: a renamed one must not pass a data check recorded before the rename."""
    (tmp_path / "08_money.ipynb").write_text("{}")
    monkeypatch.setattr(cache, "NOTEBOOKS", tmp_path)
    before = cache.tree_digest()
    (tmp_path / "08_money.ipynb").rename(tmp_path / "08_money2.ipynb")
    assert cache.tree_digest() != before
