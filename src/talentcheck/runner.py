"""Execute notebooks with papermill, read their verdicts back, and publish the outputs atomically.

Everything a run writes goes to a temporary folder beside the output folder; only a run in which
every notebook succeeded replaces the previous outputs (by rename). A failed or interrupted run
leaves the previous outputs exactly as they were, and a failed one keeps what it produced in
`<output>.failed/` for inspection.

A notebook already executed with the same notebook file, parameters, data and package code is not run
again: its executed copy and HTML page come from the cache (`.cache/notebooks/`; `--force` skips it).
"""
from __future__ import annotations

import collections
import hashlib
import json
import os
import re
import sys
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from talentcheck import claims, data, kernels
from talentcheck.paths import NOTEBOOKS, ROOT, cache_dir, data_dir, display_path
from talentcheck.verdicts import COLUMNS, NOTES_MIME, VERDICTS, from_notebook

KERNEL = kernels.NAME  # the project's kernelspec (talentcheck.kernels): warm kernels, this interpreter
ALLOWED = re.compile(r"one of:\s*([^.]+)\.")
TYPES = {"int": int, "float": (int, float), "str": str, "bool": bool, "list": list}


class RunError(ValueError):
    """Bad input to a run (unknown notebook or parameter, a value of the wrong type); exit code 2."""


@dataclass
class Result:
    notebook: str
    ok: bool
    seconds: float
    error: str = ""
    cached: bool = False


@dataclass
class Job:
    """One notebook to execute into `target`, then strip and (for a run's report) render to `html`;
    `key` names its cache entry."""
    source: Path
    target: Path
    parameters: dict
    html: Path | None = None
    key: str = ""


def all_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def resolve_notebooks(names: list[str]) -> list[Path]:
    if not names:
        return all_notebooks()
    paths = []
    for name in names:
        path = Path(name)
        candidates = [path, NOTEBOOKS / path.name, NOTEBOOKS / f"{path.name}.ipynb"]
        found = next((c for c in candidates if c.is_file() and c.suffix == ".ipynb"), None)
        if found is None:
            known = ", ".join(p.name for p in all_notebooks())
            raise RunError(f"no notebook {name!r} (known: {known})")
        paths.append(found.resolve())
    return paths


def declared_parameters(path: Path) -> dict[str, dict]:
    """The notebook's `parameters` cell: {name: {type, default, allowed}} from its annotations and comments."""
    from papermill.inspection import inspect_notebook

    declared = {}
    for name, spec in inspect_notebook(str(path)).items():
        match = ALLOWED.search(spec.get("help") or "")
        allowed = [yaml.safe_load(v.strip()) for v in match[1].split(",")] if match else None
        declared[name] = {"type": spec["inferred_type_name"], "default": spec["default"], "allowed": allowed}
    return declared


def check_parameters(notebooks: list[Path], raw: list[tuple[str, str]], explicit: bool) -> dict[Path, dict]:
    """Parse `-p NAME VALUE` pairs (values as YAML) and check them against each notebook's declarations.

    A name no selected notebook declares is refused; so is one that a notebook named explicitly lacks.
    """
    per_notebook: dict[Path, dict] = {path: {} for path in notebooks}
    if not raw:
        return per_notebook
    declared = {path: declared_parameters(path) for path in notebooks}
    for name, text in raw:
        takers = [p for p in notebooks if name in declared[p]]
        lacking = [p.name for p in notebooks if name not in declared[p]]
        if not takers or (explicit and lacking):
            where = ", ".join(lacking)
            raise RunError(f"unknown parameter {name!r}: not declared in {where}")
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            value = text
        for path in takers:
            spec = declared[path][name]
            expected = TYPES.get(spec["type"])
            if spec["allowed"] is not None:  # a list of values (of any type: year may be "as_stated" or 2019)
                if value not in spec["allowed"]:
                    raise RunError(f"parameter {name!r} must be one of {spec['allowed']} ({path.name}), got {text!r}")
            elif expected and (not isinstance(value, expected) or (spec["type"] != "bool" and isinstance(value, bool))):
                raise RunError(f"parameter {name!r} must be of type {spec['type']} ({path.name}), got {text!r}")
            per_notebook[path][name] = value
    return per_notebook


def _kernel_manager(socket_dir: str):
    """A kernel manager that talks to the kernel over local IPC sockets in `socket_dir`, not TCP ports."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Unicode

    class LocalKernelManager(AsyncKernelManager):
        transport = Unicode("ipc")
        ip = Unicode(os.path.join(socket_dir, "kernel"))

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # Cell output reaches the notebook through the kernel's messages; what the kernel process
            # itself prints (log lines at shutdown) is noise on the runner's terminal.
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return LocalKernelManager


def _execute(job: Job) -> Result:
    """Run one notebook (in a worker process): execute, strip volatile metadata, render its HTML page."""
    import papermill

    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="tc-kernel-") as sockets:
            papermill.execute_notebook(str(job.source), str(job.target), parameters=job.parameters, kernel_name=KERNEL,
                                       progress_bar=False, cwd=str(NOTEBOOKS), log_output=False,
                                       request_save_on_cell_execute=False,  # write once at the end, not after every cell
                                       kernel_manager_class=_kernel_manager(sockets))
        notebook = strip_volatile(job.target)
        if job.html is not None:
            from talentcheck.report import notebook_html

            job.html.write_text(notebook_html(notebook), encoding="utf-8")
    except papermill.PapermillExecutionError as err:
        return Result(job.source.name, False, time.perf_counter() - start,
                      f"cell {err.exec_count}: {err.ename}: {err.evalue}")
    except Exception as err:  # a kernel that died, a notebook that cannot be read
        return Result(job.source.name, False, time.perf_counter() - start, f"{type(err).__name__}: {err}")
    return Result(job.source.name, True, time.perf_counter() - start)


def _warm() -> None:
    """What every notebook run in a worker needs, imported once per worker while the main process still
    validates the data: papermill, and the HTML exporter (compiling its templates takes most of a second)."""
    import papermill  # noqa: F401

    from talentcheck.report import _exporter

    _exporter()


def start_workers(count: int) -> ProcessPoolExecutor | None:
    """A process pool of `count` workers, warming up at once (None for a single worker: run in-process);
    the kernel server starts importing meanwhile."""
    if count >= 1:
        kernels.prepare()
    if count <= 1:
        return None
    pool = ProcessPoolExecutor(max_workers=count)
    for _ in range(count):
        pool.submit(_warm)
    return pool


def stop_workers(pool: ProcessPoolExecutor | None, now: bool) -> None:
    """Shut the pool down; `now` also stops running notebooks (their kernels exit with their worker)."""
    if pool is None:
        return
    if now:
        for process in list(getattr(pool, "_processes", {}).values()):  # no public API stops running tasks
            process.terminate()
    pool.shutdown(wait=not now, cancel_futures=now)


def execute(jobs: list[Job], pool: ProcessPoolExecutor | None, on_done=lambda result: None) -> list[Result]:
    """Run the jobs in the pool (or in this process without one), calling `on_done` as each finishes."""
    results = []
    if pool is None:
        for job in jobs:
            results.append(_execute(job))
            on_done(results[-1])
    else:
        for future in as_completed([pool.submit(_execute, job) for job in jobs]):
            results.append(future.result())
            on_done(results[-1])
    order = [job.source.name for job in jobs]
    return sorted(results, key=lambda r: order.index(r.notebook))


def tree_digest() -> str:
    """A digest of everything a notebook's outputs depend on besides itself: the data, the package code,
    Python and the installed packages (by their versioned .dist-info folders, which are quick to list)."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(kernels.spec_digest().encode())  # which interpreter, started how, runs the notebooks
    for entry in sys.path:
        if os.path.isdir(entry):
            digest.update(" ".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
    for folder in (data_dir(), ROOT / "src" / "talentcheck"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(source: Path, parameters: dict, tree: str) -> str:
    """The cache entry of a notebook run: the notebook, its parameters, and `tree_digest()`."""
    digest = hashlib.sha256(tree.encode())
    digest.update(source.read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    return digest.hexdigest()


def _from_cache(job: Job) -> bool:
    folder = cache_dir() / job.key
    if not (folder / job.source.name).exists():
        return False
    shutil.copyfile(folder / job.source.name, job.target)
    shutil.copyfile(folder / job.html.name, job.html)
    return True


def _to_cache(job: Job) -> None:
    folder = cache_dir() / job.key
    tmp = cache_dir() / f".{job.key}.{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    shutil.copyfile(job.target, tmp / job.source.name)
    shutil.copyfile(job.html, tmp / job.html.name)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


class Progress:
    """What a run tells its user: each notebook as it finishes on a terminal; elsewhere (CI, pipes)
    only failures and the closing summary."""

    def __init__(self, echo=print, live: bool | None = None):
        self.echo = echo
        self.live = sys.stdout.isatty() if live is None else live
        self.start = time.perf_counter()

    def started(self, notebooks: list[Path], workers: int) -> None:
        if self.live and notebooks:
            self.echo(f"running {len(notebooks)} notebook(s) on {min(workers, len(notebooks))} worker(s): "
                      + ", ".join(p.name for p in notebooks))

    def done(self, result: Result) -> None:
        if result.ok and self.live:
            self.echo(f"  {'cached' if result.cached else 'done':7} {result.notebook}"
                      + ("" if result.cached else f" ({result.seconds:.1f} s)"))
        elif not result.ok:
            self.echo(f"  FAILED  {result.notebook} ({result.seconds:.1f} s) at {result.error}")

    def summary(self, results: list[Result], rows: list[dict]) -> None:
        failed = [r for r in results if not r.ok]
        cached = sum(r.cached for r in results)
        self.echo(f"{len(results)} notebook(s) in {time.perf_counter() - self.start:.1f} s, {len(failed)} failed"
                  + (f", {cached} unchanged (from the cache)" if cached else ""))
        if rows:
            counts = collections.Counter(r["verdict"] for r in rows)
            self.echo("verdicts: " + ", ".join(f"{v.replace('_', ' ')} {counts[v]}" for v in VERDICTS if counts[v]))
        for result in failed:
            self.echo(f"FAILED {result.notebook} at {result.error}")


def strip_volatile(path: Path):
    """Remove timings and papermill's run metadata so that reruns give the same bytes; return the notebook."""
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
    nbformat.write(notebook, path)
    return notebook


def run(names: list[str], raw_params: list[tuple[str, str]], output: Path, jobs: int,
        echo=print, force: bool = False) -> int:
    """`talentcheck run`: returns the exit code (0 ok, 1 a notebook failed).

    Notebooks not in the cache start warming a process pool first, so that workers import papermill
    while this process validates the data (which refuses bad input before anything is executed).
    """
    from talentcheck import report

    notebooks = resolve_notebooks(names)
    parameters = check_parameters(notebooks, raw_params, explicit=bool(names))
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    progress = Progress(echo)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    pool = None
    try:
        with _terminate_as_interrupt():
            (staging / "notebooks").mkdir()
            (staging / "report" / "notebooks").mkdir(parents=True)
            tree = tree_digest()
            work = [Job(p, staging / "notebooks" / p.name, parameters[p], staging / "report" / "notebooks" / f"{p.stem}.html",
                        cache_key(p, parameters[p], tree)) for p in notebooks]
            results = []
            for job in work:
                if not force and _from_cache(job):
                    results.append(Result(job.source.name, True, 0.0, cached=True))
            to_run = [job for job in work if job.source.name not in {r.notebook for r in results}]
            pool = start_workers(min(jobs, len(to_run)))
            data.validate_all()
            claims.registry()
            for result in results:
                progress.done(result)
            progress.started([job.source for job in to_run], jobs)
            results += execute(to_run, pool, progress.done)
            stop_workers(pool, now=False)
            if not all(r.ok for r in results):
                _keep_failed(staging, output)
                progress.summary(results, [])
                echo(f"previous outputs in {display_path(output)} left as they were; "
                     f"this run's notebooks are in {display_path(output)}.failed/")
                return 1
            for job in to_run:
                _to_cache(job)
            executed = {job.target.name: nbformat.read(job.target, as_version=4) for job in work}
            rows = collect_verdicts(executed)
            write_verdicts(rows, staging / "verdicts.csv")
            report.write(staging, rows, collect_notes(executed), executed)
            _publish(staging, output)
    except BaseException:
        stop_workers(pool, now=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress.summary(results, rows)
    echo(f"wrote {display_path(output)}/verdicts.csv and {display_path(output)}/report/index.html")
    return 0


def collect_verdicts(executed: dict[str, object]) -> list[dict]:
    """Verdict rows from executed notebooks ({file name: notebook}), checked against the registry."""
    rows = []
    for name, notebook in executed.items():
        found = from_notebook(notebook)
        expected = set(claims.claims_for(name))
        got = {row["claim_id"] for row in found}
        if got != expected:
            raise RunError(f"{name} recorded verdicts for {sorted(got)}, but the registry assigns it {sorted(expected)}")
        rows.extend(found)
    return sorted(rows, key=lambda r: r["claim_id"])


def collect_notes(executed: dict[str, object]) -> dict[str, str]:
    """Notes on claims that notebooks recorded (a claim's "since then"), by claim id."""
    notes = {}
    for notebook in executed.values():
        for recorded in from_notebook(notebook, NOTES_MIME):
            notes.update(recorded)
    return notes


def write_verdicts(rows: list[dict], path: Path) -> None:
    import pandas as pd

    pd.DataFrame(rows, columns=COLUMNS).to_csv(path, index=False, lineterminator="\n")


def _publish(staging: Path, output: Path) -> None:
    """Swap the new outputs in by rename: the old folder goes only once the new one is in place."""
    retired = output.with_name(f".{output.name}.retired-{os.getpid()}")
    if output.exists():
        output.rename(retired)
    try:
        staging.rename(output)
    except BaseException:
        if retired.exists() and not output.exists():
            retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _keep_failed(staging: Path, output: Path) -> None:
    failed = output.with_name(output.name + ".failed")
    shutil.rmtree(failed, ignore_errors=True)
    shutil.copytree(staging, failed)


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


def refresh(names: list[str], jobs: int, echo=print) -> int:
    """Re-execute notebooks in place with their default parameters (for committing with outputs)."""
    notebooks = resolve_notebooks(names)
    data.validate_all()
    claims.registry()
    progress = Progress(echo, live=True)
    with tempfile.TemporaryDirectory(prefix=".refresh.", dir=NOTEBOOKS) as tmp:
        work = [Job(p, Path(tmp) / p.name, {}) for p in notebooks]
        pool = start_workers(min(jobs, len(work)))
        try:
            results = execute(work, pool, progress.done)
        except BaseException:
            stop_workers(pool, now=True)
            raise
        stop_workers(pool, now=False)
        progress.summary(results, [])
        if not all(r.ok for r in results):
            return 1
        for job in work:
            os.replace(job.target, job.source)
    return 0


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))

