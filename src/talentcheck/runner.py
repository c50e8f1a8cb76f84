"""Execute notebooks with papermill, read their verdicts back, and publish the outputs atomically.

Everything a run writes goes to a temporary folder beside the output folder; only a run in which
every notebook succeeded replaces the previous outputs (by rename). A failed or interrupted run
leaves the previous outputs exactly as they were, and a failed one keeps what it produced in
`<output>.failed/` for inspection.

Only a folder that talentcheck made (it holds the MARKER file) or an empty one is ever replaced, never the
repository, one of its folders or an ancestor of them; `<output>.failed/` likewise.

A notebook already executed with the same notebook file, parameters, data and package code is not run
again: its executed copy and HTML page come from the cache (`.cache/notebooks/`; `--force` skips it).
Each entry holds the SHA-256 of its files and is verified when read; an unusable entry is discarded.
"""
from __future__ import annotations

import collections
import glob
import hashlib
import json
import logging
import os
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

from talentcheck import claims, data, kernels, parameters, paths
from talentcheck.paths import NOTEBOOKS, ROOT, cache_dir, data_dir, display_path
from talentcheck.verdicts import COLUMNS, NOTES_MIME, VERDICTS, from_notebook
from talentcheck.errors import RunError  # noqa: F401 (raised here; defined with the suite's other errors)

KERNEL = kernels.NAME  # the project's kernelspec (talentcheck.kernels): warm kernels, this interpreter
# papermill's own reading of a parameters cell stops at a second "=" on a line, which a declared range
# (`# range: >= 1`) has; its warnings about that are noise: talentcheck.parameters reads the cell.
logging.getLogger("papermill").setLevel(logging.ERROR)
TIMEOUT = 600
"""Seconds one notebook cell may run before the run gives up on the notebook (`--timeout`)."""
MARKER = ".talentcheck-output"
MARK = "talentcheck output: a later run replaces this whole folder\n"
"""The file that proves a folder was written by talentcheck; only such a folder is ever replaced."""
OWNER = ".talentcheck-pid"
CACHE_ENTRIES = 100
"""The cache keeps the most recently used entries, at most this many (one entry: a notebook and its page)."""


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
    timeout: float = TIMEOUT


def all_notebooks() -> list[Path]:
    return paths.notebooks()


def resolve_notebooks(names: list[str]) -> list[Path]:
    if not names:
        return all_notebooks()
    paths = []
    for name in names:
        path = Path(name)
        candidates = [path, NOTEBOOKS / path.name, NOTEBOOKS / f"{path.name}.ipynb"]
        found = next((c for c in candidates if c.is_file() and c.suffix == ".ipynb"), None)
        if found is None:
            from talentcheck.discover import suggest

            raise RunError(f"no notebook {name!r}; {suggest(name, [p.name for p in all_notebooks()])}")
        paths.append(found.resolve())
    return paths


def declared_parameters(path: Path) -> dict[str, parameters.Spec]:
    """The notebook's `parameters` cell: {name: Spec(type, default, allowed values or range)}."""
    return parameters.declared(path)


def check_parameters(notebooks: list[Path], raw: list[tuple[str, str]], explicit: bool,
                     given: dict | None = None) -> dict[Path, dict]:
    """Values from a parameters file (`given`, typed by YAML) and `-p NAME VALUE` pairs (read as papermill
    reads them), checked against each notebook's declared domains, as are the defaults of the rest.

    A name given twice is refused; so is a name no selected notebook declares, or one that a notebook
    named explicitly lacks.
    """
    values: dict[str, tuple[object, str]] = {}
    for name, value, shown in [(n, v, repr(v)) for n, v in (given or {}).items()] + \
                              [(n, parameters.parse_value(t), repr(t)) for n, t in raw]:
        if name in values:
            raise RunError(f"parameter {name!r} given twice")
        values[name] = (value, shown)
    declared = {path: declared_parameters(path) for path in notebooks}
    per_notebook: dict[Path, dict] = {path: {} for path in notebooks}
    for name, (value, shown) in values.items():
        takers = [p for p in notebooks if name in declared[p]]
        lacking = [p.name for p in notebooks if name not in declared[p]]
        if not takers or (explicit and lacking):
            from talentcheck.discover import suggest

            valid = sorted({n for p in notebooks for n in declared[p]})
            raise RunError(f"unknown parameter {name!r}: not declared in {', '.join(lacking)}; {suggest(name, valid)}")
        for path in takers:
            spec = declared[path][name]
            typed = parameters.as_list(value, shown) if spec.type == "list" else value
            parameters.check(spec, typed, path.name, shown)
            per_notebook[path][name] = typed
    for path in notebooks:
        for name, spec in declared[path].items():
            if name not in per_notebook[path]:
                parameters.check(spec, spec.default, f"{path.name}, its saved default")
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
                                       execution_timeout=job.timeout,
                                       kernel_manager_class=_kernel_manager(sockets))
        notebook = strip_volatile(job.target)
        if job.html is not None:
            from talentcheck.report import notebook_html

            job.html.write_text(notebook_html(notebook), encoding="utf-8")
    except papermill.PapermillExecutionError as err:
        seconds = time.perf_counter() - start
        if err.ename == "CellExecutionError" and not err.evalue:  # no error output: the cell timed out
            return Result(job.source.name, False, seconds, f"cell {err.cell_index}: no result within --timeout {job.timeout:g} s")
        return Result(job.source.name, False, seconds, _one_line(f"cell {err.exec_count}: {err.ename}: {err.evalue}"))
    except Exception as err:  # a kernel that died, a notebook that cannot be read, a cell that timed out
        seconds = time.perf_counter() - start
        if type(err).__name__ == "CellTimeoutError":
            return Result(job.source.name, False, seconds, f"{_timed_out_cell(job, str(err))}: no result within --timeout {job.timeout:g} s")
        return Result(job.source.name, False, seconds, _one_line(f"{type(err).__name__}: {err}"))
    return Result(job.source.name, True, time.perf_counter() - start)


def _timed_out_cell(job: Job, message: str) -> str:
    """'cell N' (numbered as executed) of the cell nbclient's timeout message previews, as nbclient previews it."""
    cells = nbformat.read(job.source, as_version=4).cells
    number = 0
    for cell in cells:
        if cell.cell_type != "code":
            continue
        number += 1
        lines = cell.source.strip().split("\n")
        preview = cell.source if len(lines) < 11 else f"{lines[:5]}\n...\n{lines[-5:]}"
        if cell.source and preview in message:
            return f"cell {number}"
        if job.parameters and "parameters" in cell.metadata.get("tags", []):
            number += 1  # papermill's injected-parameters cell follows
    return "a cell"


def _one_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return (lines[0] + (" ..." if len(lines) > 1 else "")) if lines else ""


def _warm() -> None:
    """What every notebook run in a worker needs, imported once per worker while the main process still
    validates the data: papermill, and the HTML exporter (compiling its templates takes most of a second)."""
    import papermill  # noqa: F401

    from talentcheck.report import _exporter

    _exporter()


def _die_with_parent(parent: int) -> None:
    """In a worker: be ended when the runner ends, even by `kill -9` (Linux's PR_SET_PDEATHSIG; elsewhere
    nothing). Its kernel then exits too: ipykernel ends when its parent process does."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the runner died before the call above
        os._exit(1)


def start_workers(count: int) -> ProcessPoolExecutor | None:
    """A process pool of `count` workers, warming up at once (None for a single worker: run in-process);
    the kernel server starts importing meanwhile."""
    if count >= 1:
        kernels.prepare()
    if count <= 1:
        return None
    pool = ProcessPoolExecutor(max_workers=count, initializer=_die_with_parent, initargs=(os.getpid(),))
    for _ in range(count):
        pool.submit(_warm)
    return pool


def stop_workers(pool: ProcessPoolExecutor | None, now: bool) -> None:
    """Shut the pool down; `now` also stops running notebooks (their kernels exit with their worker)."""
    if pool is None:
        return
    if now:
        for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public API stops running tasks
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


def _warn(text: str) -> None:
    print(f"talentcheck: warning: {text}", file=sys.stderr)


def _from_cache(job: Job) -> bool:
    """Copy a cached run of `job` into place if there is one whose files match their recorded checksums.
    A corrupt or unreadable entry is discarded (the notebook is then executed)."""
    folder = cache_dir() / job.key
    if not folder.exists():
        return False
    files = {job.source.name: job.target, job.html.name: job.html}
    try:
        sums = json.loads((folder / "sha256.json").read_text(encoding="utf-8"))
        blobs = {name: (folder / name).read_bytes() for name in files}
        if any(hashlib.sha256(blob).hexdigest() != sums.get(name) for name, blob in blobs.items()):
            raise ValueError("a file does not match its checksum")
        for name, blob in blobs.items():
            files[name].write_bytes(blob)
        os.utime(folder)  # most recently used: the last to be pruned
    except (OSError, ValueError, AttributeError) as err:
        _warn(f"cache entry for {job.source.name} is unusable ({_one_line(err)}); discarded, executing the notebook")
        shutil.rmtree(folder, ignore_errors=True)
        return False
    return True


def _to_cache(job: Job) -> None:
    """Store the job's notebook and page with their checksums; a cache that cannot be written is a warning."""
    folder = cache_dir() / job.key
    tmp = cache_dir() / f".{job.key}.{os.getpid()}"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        sums = {}
        for path in (job.target, job.html):
            blob = path.read_bytes()
            (tmp / path.name).write_bytes(blob)
            sums[path.name] = hashlib.sha256(blob).hexdigest()
        (tmp / "sha256.json").write_text(json.dumps(sums, sort_keys=True), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        _warn(f"could not write the cache ({err.strerror or err}: {err.filename or cache_dir()}); the run is unaffected")


def prune_cache(keep: int = CACHE_ENTRIES) -> None:
    """Remove all but the `keep` most recently used cache entries."""
    try:
        entries = sorted((p for p in cache_dir().iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)


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
        echo=print, force: bool = False, given: dict | None = None, timeout: float = TIMEOUT) -> int:
    """`talentcheck run`: returns the exit code (0 ok, 1 a notebook failed).

    Notebooks not in the cache start warming a process pool first, so that workers import papermill
    while this process validates the data (which refuses bad input before anything is executed).
    """
    from talentcheck import changes, report

    notebooks = resolve_notebooks(names)
    parameters = check_parameters(notebooks, raw_params, explicit=bool(names), given=given)
    if not timeout > 0:
        raise RunError(f"--timeout must be a positive number of seconds, got {timeout}")
    output = output.resolve()
    check_target(output, "--output")
    failed = output.with_name(output.name + ".failed")
    check_target(failed, "the folder for a failed run's notebooks")
    progress = Progress(echo)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        remove_debris(output)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    except OSError as err:
        raise RunError(f"--output {display_path(output)}: cannot write beside it ({err.strerror or err})") from None
    pool = None
    try:
        with _terminate_as_interrupt():
            (staging / OWNER).write_text(str(os.getpid()), encoding="utf-8")
            (staging / MARKER).write_text(MARK, encoding="utf-8")
            (staging / "notebooks").mkdir()
            (staging / "report" / "notebooks").mkdir(parents=True)
            tree = tree_digest()
            work = [Job(p, staging / "notebooks" / p.name, parameters[p], staging / "report" / "notebooks" / f"{p.stem}.html",
                        cache_key(p, parameters[p], tree), timeout) for p in notebooks]
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
                progress.summary(results, [])
                kept = _keep_failed(staging, failed)
                echo(f"previous outputs in {display_path(output)} left as they were"
                     + (f"; this run's notebooks are in {display_path(failed)}/" if kept else ""))
                return 1
            if to_run and tree_digest() != tree:
                _warn("the data or the package changed while the notebooks ran; their results are not cached")
            else:
                for job in to_run:
                    _to_cache(job)
                prune_cache()
            executed = {job.target.name: nbformat.read(job.target, as_version=4) for job in work}
            executed.update(changes.carry_over(output, staging, set(executed)))  # the others' latest results
            rows = collect_verdicts(executed)
            write_verdicts(rows, staging / "verdicts.csv")
            report.write(staging, rows, collect_notes(executed), executed)
            check_target(output, "--output")  # again: something may have appeared there meanwhile
            _publish(staging, output)
    except BaseException:
        stop_workers(pool, now=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress.summary(results, rows)
    for line in changes.describe(changes.flips(rows, changes.default_verdicts())):
        echo(line)
    echo(f"wrote {display_path(output)}/verdicts.csv and {display_path(output)}/report/index.html")
    return 0


def protected_folders() -> list[Path]:
    """Folders an output may never be, be inside of, or contain: the repository's own."""
    return [p.resolve() for p in (ROOT / ".git", data_dir(), NOTEBOOKS, ROOT / "src", ROOT / "tests", cache_dir())]


def check_target(path: Path, what: str) -> None:
    """Refuse (RunError) to replace `path` unless talentcheck made it (its marker file is there) or it is an
    empty folder or absent; never the repository, one of its folders, or an ancestor of either."""
    path = path.resolve()
    shown = display_path(path) if path != ROOT else "the repository"
    if path == ROOT or path in ROOT.parents:
        raise RunError(f"{what} {shown}: it holds the repository; choose a folder of its own (default: output/)")
    for folder in protected_folders():
        if path == folder or path in folder.parents or folder in path.parents:
            raise RunError(f"{what} {shown}: it is, holds or lies in the repository's {display_path(folder)}/; "
                           "choose a folder of its own (default: output/)")
    if not os.path.lexists(path):
        return
    if path.is_dir() and not path.is_symlink():
        try:
            if is_ours(path) or not any(path.iterdir()):
                return
        except OSError as err:
            raise RunError(f"{what} {shown}: cannot read it ({err.strerror or err})") from None
        raise RunError(f"{what} {shown}: a folder talentcheck did not make (it has no {MARKER}); "
                       "a run replaces only its own outputs, so remove it or choose another folder")
    raise RunError(f"{what} {shown}: exists and is not a folder; a run replaces only its own outputs")


LEGACY = {"verdicts.csv", "report", "notebooks"}
"""What the default output/ held before outputs were marked: such a folder there is taken as ours."""


def is_ours(folder: Path) -> bool:
    if folder.parent == ROOT and folder.name in ("output", "output.failed") and {p.name for p in folder.iterdir()} <= LEGACY:
        return True
    marker = folder / MARKER
    try:
        return marker.is_file() and not marker.is_symlink() and marker.stat().st_size == len(MARK) \
            and marker.read_text(encoding="utf-8") == MARK
    except (OSError, UnicodeDecodeError):
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_debris(output: Path) -> None:
    """Remove what a killed run left beside `output`: its staging folder (holding the pid of a process
    that is gone) or a retired output (named after such a pid, with the marker)."""
    for path in output.parent.glob(f".{glob.escape(output.name)}.*"):
        if not path.is_dir() or path.is_symlink():
            continue
        try:
            if path.name.startswith(f".{output.name}.retired-"):
                pid = int(path.name.rsplit("-", 1)[1])
                ours = is_ours(path)
            else:
                pid = int((path / OWNER).read_text(encoding="utf-8"))
                ours = True
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if ours and pid != os.getpid() and not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)


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
    """Swap the new outputs in by rename: the old folder goes only once the new one is in place.
    The published folder gets the usual permissions (a temporary folder is private to its user)."""
    (staging / OWNER).unlink(missing_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)
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


def _keep_failed(staging: Path, failed: Path) -> bool:
    """Keep a failed run's outputs in `failed` (checked again: only a folder of ours is replaced)."""
    try:
        check_target(failed, "the folder for a failed run's notebooks")
        _publish(staging, failed)
    except (RunError, OSError) as err:
        _warn(f"this run's notebooks were not kept: {err}")
        return False
    return True


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
    check_parameters(notebooks, [], explicit=bool(names))  # the saved defaults lie in their domains
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

