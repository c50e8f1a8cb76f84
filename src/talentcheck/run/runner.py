"""`talentcheck run` and `talentcheck refresh`: check what was asked, execute the notebooks, read their
verdicts back, and publish the outputs atomically.

The parts, each in a module of its own: the notebooks and parameter values a command names
(`selection`), executing notebooks in a pool of workers (`execution`), the cache of executed notebooks
(`cache`), what an output was made from (`manifest`), what the user sees while it runs (`progress`), the
verdicts read back (`results`), and the safe replacement of the previous outputs (`publishing`). A failed or
interrupted run leaves the previous outputs exactly as they were.
"""
from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path

from talentcheck.errors import RunError
from talentcheck.paths import NOTEBOOKS, display_path
from talentcheck.run import cache, execution, manifest, publishing, results
from talentcheck.run.execution import TIMEOUT, Job, Result
from talentcheck.run.progress import Progress, first_line, warn
from talentcheck.run.selection import check_environment, check_given, resolve_notebooks


def run(names: list[str], raw_params: list[tuple[str, str]], output: Path, workers: int,
        echo=print, force: bool = False, given: dict | None = None, timeout: int = TIMEOUT,
        site_url: str | None = None, date: str | None = None) -> int:
    """`talentcheck run` on `workers` processes (`--jobs`): returns the exit code (0 ok, 1 a notebook failed).

    Notebooks not in the cache start warming a process pool first, so that workers import papermill
    while this process validates the data (which refuses bad input before anything is executed).
    A run whose output already holds what it would write (`manifest.unchanged`) stops early.
    """
    check_environment()
    notebooks = resolve_notebooks(names)
    parameters = check_given(notebooks, raw_params, given=given)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout < 1:  # nbclient takes whole seconds
        raise RunError(f"--timeout must be a whole number of seconds, at least 1, got {timeout!r}")
    from talentcheck.report.claimreview import checked_date, checked_site_url

    site_url, date = checked_site_url(site_url), checked_date(date)  # refused before anything runs
    output = output.resolve()
    publishing.check_target(output, "--output")
    if output.name.endswith(".failed"):  # a failed run into the folder without it would replace this one
        raise RunError(f"--output {display_path(output)}: a name ending in .failed is where a failed run into "
                       f"{display_path(output.with_name(output.name.removesuffix('.failed')))} keeps its notebooks; "
                       "choose another name")
    failed = output.with_name(output.name + ".failed")
    publishing.check_target(failed, "the folder for a failed run's notebooks")
    progress = Progress(echo)
    tree, keys, inputs = _inputs(notebooks, parameters, site_url, date)
    flips = None if force else manifest.unchanged(output, keys, inputs)
    if flips is not None:
        return _unchanged(output, notebooks, progress, echo)
    untrusted = results.unverified(output, notebooks) if names else {}
    for path, problem in untrusted.items():  # what a partial run would carry over must match its checksums
        warn(f"{display_path(output)}/notebooks/{path.name} {problem}: executing {path.stem} again with its defaults")
        notebooks.append(path)
        parameters[path] = {}
    if untrusted:
        tree, keys, inputs = _inputs(notebooks, parameters)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        publishing.remove_debris(output)
        publishing.remove_dead(NOTEBOOKS, REFRESHING + "*")  # what a killed `refresh` left
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    except OSError as err:
        raise RunError(f"--output {display_path(output)}: cannot write beside it ({err.strerror or err})") from None
    pool = loading = None
    try:
        with _terminate_as_interrupt():
            publishing.prepare_staging(staging)
            work = [Job(p, staging / "notebooks" / p.name, parameters[p], staging / "report" / "notebooks" / f"{p.stem}.html",
                        keys[p], timeout) for p in notebooks]
            finished = []
            for job in work:
                if not force and cache.restore(job):
                    finished.append(Result(job.source.name, True, 0.0, cached=True))
            to_run = [job for job in work if job.source.name not in {r.notebook for r in finished}]
            took = cache.durations()
            to_run.sort(key=lambda job: -took.get(job.source.name, 0.0))  # the longest first
            pool = execution.start_workers(min(workers, len(to_run)))
            import nbformat  # what only a run that gets this far needs (imported once the workers, which do not, have started)

            from talentcheck import claims, data
            from talentcheck.claims import texts
            from talentcheck.report import changes, site

            if cache.validated(tree):  # the same data, code and environment passed before: load it while notebooks run
                loading = threading.Thread(target=_load_quietly, daemon=True)
                loading.start()
            else:
                data.validate_all()
                claims.registry()
                claims.cross_references()
                texts.texts()
                if cache.tree_digest() == tree:  # not changed while being checked
                    cache.mark_validated(tree)
            for result in finished:
                progress.done(result)
            from talentcheck import parameters as declared
            from talentcheck.topics import readings

            judged = {p.name: {**declared.defaults(p.name), **parameters[p]} for p in notebooks if p.name in readings.MODULES}
            known = {name: (params, kept[0]) for name, params in judged.items()
                     if (kept := _known_readings(name, params, tree)) is not None}
            rejudging = readings.in_background(judged, known)
            progress.started([job.source for job in to_run], workers)
            finished += execution.execute(to_run, pool, progress.done)
            execution.stop_workers(pool, now=False)
            if loading:
                loading.join()
            cache.record_durations(finished)
            if not all(r.ok for r in finished):
                progress.summary(finished, [])
                if any(r.no_space for r in finished):  # half-written notebooks would only keep the disk full
                    echo(f"previous outputs in {display_path(output)} left as they were; this run's notebooks were "
                         f"not kept (no space left on the device): free some space and run again")
                    return 1
                kept = publishing.keep_failed(staging, failed)
                echo(f"previous outputs in {display_path(output)} left as they were"
                     + (f"; this run's notebooks are in {display_path(failed)}/" if kept else ""))
                return 1
            if to_run and cache.tree_digest() != tree:
                warn("the data or the package changed while the notebooks ran; their results are not cached")
            else:
                for job in to_run:
                    cache.store(job)
            executed = {job.target.name: nbformat.read(job.target, as_version=4) for job in work}
            executed.update(results.carry_over(output, staging, set(executed)))  # the others' latest results
            rows = results.collect_verdicts(executed)
            results.write_verdicts(rows, staging / "verdicts.csv")
            recorded = readings.run_parameters(rows)  # the notebooks run now, and those whose results carry over
            known.update({name: (params, kept[0]) for name, params in recorded.items() if name not in known
                          and (kept := _known_readings(name, params, tree)) is not None})
            rejudged = rejudging(rows, known)
            left_out = list(dict.fromkeys(readings.SKIPPED))
            readings.SKIPPED.clear()
            for skipped in left_out:
                warn(f"a card leaves out the reading {first_line(skipped)}")
            if cache.tree_digest() == tree:  # else what was judged is not what `tree` names
                for name, params in recorded.items():
                    if name not in known:
                        keep = {cid: rejudged[cid] for cid in claims.claims_for(name) if cid in rejudged}
                        cache.keep_readings(name, params, tree, keep, [s for s in left_out if f" in {name}: " in s])
            site.write(staging, rows, results.collect_notes(executed), executed, page=cache.page, readings=rejudged,
                       site_url=site_url, date=date)
            cache.prune()  # after the report, which stores the pages it rendered
            changed = changes.flips(rows, changes.committed_verdicts())
            same = _inputs(notebooks, parameters, site_url, date)[2] == inputs  # else what was published is not what `inputs` gives
            manifest.record(staging, inputs if same else None, changed)
            publishing.check_target(output, "--output")  # again: something may have appeared there meanwhile
            _say_before_publishing(lambda: _closing(progress, finished, rows, changed, output, echo))
            publishing.publish(staging, output)
    except OSError as err:
        execution.stop_workers(pool, now=True)
        if not execution.full_disk(err):
            raise
        raise RunError(f"--output {display_path(output)}: cannot write this run's outputs beside it ({err.strerror or err}); "
                       "nothing was published, the previous outputs are as they were") from None
    except BaseException:
        execution.stop_workers(pool, now=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return 0


def _closing(progress: Progress, finished: list[Result], rows: list[dict], changed: list, output: Path, echo) -> None:
    """What a run says at its end: the summary, the verdicts that differ from their defaults, where it wrote."""
    from talentcheck.report import changes

    progress.summary(finished, rows)
    for line in changes.flip_lines(changed, display_path(output)):
        echo(line)
    echo(f"wrote {display_path(output)}/verdicts.csv and {display_path(output)}/report/index.html")


def _known_readings(notebook: str, params: dict, tree: str) -> tuple[dict, list[str]] | None:
    """`cache.known_readings`, with its notes of readings left off the cards put back in `readings.SKIPPED`, so
    that a run taking them from the cache warns as the run that worked them out did."""
    from talentcheck.topics import readings

    kept = cache.known_readings(notebook, params, tree)
    if kept is not None:
        readings.SKIPPED.extend(kept[1])
    return kept


def _say_before_publishing(say) -> None:
    """Say what the run did before its outputs replace the previous ones (the rename cannot fail halfway): a
    standard output that cannot take it (a full disk, `> /dev/full`) stops the run with nothing published, rather
    than publishing and then failing. A reader that went away (`| head -1`) is no failure (`cli.echo`)."""
    try:
        say()
    except OSError as err:
        raise RunError(f"standard output: cannot write to it ({err.strerror or err}); nothing was published, "
                       "the previous outputs are as they were") from None


def _load_quietly() -> None:
    """Load the data and claims the report reads (in a thread, while the notebooks run); a problem is left for
    the report itself to raise, in the main thread."""
    from talentcheck import claims, data
    from talentcheck.claims import texts

    with contextlib.suppress(Exception):
        data.validate_all()
        claims.registry()
        texts.texts()


def _inputs(notebooks: list[Path], parameters: dict[Path, dict], site_url: str | None = None,
            date: str | None = None) -> tuple[str, dict[Path, str], str]:
    """The tree digest, each notebook's cache key and the digest of the run's inputs (`manifest.inputs`)."""
    tree = cache.tree_digest()
    keys = {p: cache.key(p, parameters[p], tree) for p in notebooks}
    return tree, keys, manifest.inputs(keys, tree, site_url, date)


def _unchanged(output: Path, notebooks: list[Path], progress: Progress, echo) -> int:
    """A rerun on the inputs the published output was made from: it says what a full run would, writes nothing.
    The flips are worked out again from the published verdicts.csv (checked by the manifest) and the committed
    notebooks, not read from the manifest."""
    from talentcheck.report import changes

    with contextlib.suppress(OSError):
        publishing.remove_debris(output)  # what a killed run left beside it
    finished = [Result(p.name, True, 0.0, cached=True) for p in notebooks]
    for result in finished:
        progress.done(result)
    with open(output / "verdicts.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    progress.summary(finished, rows)
    for line in changes.flip_lines(changes.flips(rows, changes.committed_verdicts()), display_path(output)):
        echo(line)
    echo(f"{display_path(output)}/verdicts.csv and {display_path(output)}/report/index.html are up to date: nothing changed")
    return 0


class _terminate_as_interrupt:
    """Treat SIGTERM like Ctrl-C, so that the cleanup in `run` happens either way."""

    def __enter__(self):
        def handler(signum, frame):
            raise KeyboardInterrupt(f"signal {signum}")
        try:
            self.previous = signal.signal(signal.SIGTERM, handler)
        except ValueError:  # not the main thread
            self.previous = None
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
        return False


def refresh(names: list[str], workers: int, echo=print) -> int:
    """Re-execute notebooks in place with their default parameters (for committing with outputs). They are
    executed into a folder of notebooks/ marked with this process's id (`publishing.OWNER`), removed when the
    command ends (Ctrl-C and SIGTERM too) or, if it was killed, by the next command (`publishing.remove_dead`)."""
    from talentcheck import claims, data

    check_environment()
    notebooks = resolve_notebooks(names)
    check_given(notebooks, [])  # the saved defaults lie in their domains
    data.validate_all()
    claims.registry()
    claims.cross_references()
    progress = Progress(echo, live=True)
    publishing.remove_dead(NOTEBOOKS, REFRESHING + "*")
    with _terminate_as_interrupt():
        tmp = Path(tempfile.mkdtemp(prefix=REFRESHING, dir=NOTEBOOKS))
        try:
            (tmp / publishing.OWNER).write_text(str(os.getpid()), encoding="utf-8")
            work = [Job(p, tmp / p.name, {}) for p in notebooks]
            pool = execution.start_workers(min(workers, len(work)))
            try:
                finished = execution.execute(work, pool, progress.done)
            except BaseException:
                execution.stop_workers(pool, now=True)
                raise
            execution.stop_workers(pool, now=False)
            progress.summary(finished, [])
            if not all(r.ok for r in finished):
                return 1
            for job in work:
                os.replace(job.target, job.source)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


REFRESHING = ".refresh."
"""The prefix of the folder in notebooks/ that `refresh` executes into."""
