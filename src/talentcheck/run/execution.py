"""Executing notebooks: one job in a kernel of the project's kernelspec (papermill), with its timeout and
its errors as one line, and the pool of worker processes that runs several at once."""
from __future__ import annotations

import errno
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from talentcheck.paths import NOTEBOOKS
from talentcheck.run.kernel import launcher
from talentcheck.run.progress import first_line

KERNEL = launcher.NAME  # the project's kernelspec (`talentcheck.run.kernel.launcher`): warm kernels, this interpreter
# papermill's own reading of a parameters cell stops at a second "=" on a line, which a declared range
# (`# range: >= 1`) has; its warnings about that are noise: talentcheck.parameters reads the cell.
logging.getLogger("papermill").setLevel(logging.CRITICAL)  # nbclient logs there ("Timeout waiting for execute reply"):
# every failure of a notebook is the runner's one line per notebook, not a log line of papermill's
TIMEOUT = 600
"""Seconds one notebook cell may run before the run gives up on the notebook (`--timeout`)."""


@dataclass
class Result:
    notebook: str
    ok: bool
    seconds: float
    error: str = ""
    cached: bool = False
    no_space: bool = False  # it failed because the disk (or the user's quota) is full


@dataclass
class Job:
    """One notebook to execute into `target`, then strip and (for a run's report) render to `html`;
    `key` names its cache entry."""
    source: Path
    target: Path
    parameters: dict
    html: Path | None = None
    key: str = ""
    timeout: int = TIMEOUT


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def _kernel_manager(socket_dir: str):
    """A kernel manager for the project's kernelspec only (`launcher.spec_manager`), talking to the kernel
    through a `clients.ReadyClient` over local IPC sockets in `socket_dir` where the system has them (not on
    Windows: TCP on localhost there, as Jupyter does)."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Unicode, default

    from talentcheck.run.kernel.clients import ReadyClient

    class LocalKernelManager(AsyncKernelManager):
        if os.name == "posix":
            transport = Unicode("ipc")
            ip = Unicode(os.path.join(socket_dir, "kernel"))

        @default("client_factory")
        def _client_factory_default(self):
            return ReadyClient

        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return launcher.spec_manager()

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # Cell output reaches the notebook through the kernel's messages; what the kernel process
            # itself prints (log lines at shutdown) is noise on the runner's terminal.
            kw.setdefault("stderr", subprocess.DEVNULL)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return LocalKernelManager


def execute_one(job: Job) -> Result:
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
            from talentcheck.run import cache

            job.html.write_text(cache.page(notebook), encoding="utf-8")
    except papermill.PapermillExecutionError as err:
        seconds = time.perf_counter() - start
        if err.ename == "CellExecutionError" and not err.evalue:  # no error output: the cell timed out
            return Result(job.source.name, False, seconds, f"cell {err.cell_index}: no result within --timeout {job.timeout:g} s")
        return Result(job.source.name, False, seconds, first_line(f"cell {err.exec_count}: {err.ename}: {err.evalue}"))
    except Exception as err:  # a kernel that died, a notebook that cannot be read, a cell that timed out
        seconds = time.perf_counter() - start
        if full_disk(err):
            return Result(job.source.name, False, seconds, f"writing {job.target.name}: {os.strerror(errno.ENOSPC)}", no_space=True)
        if type(err).__name__ == "CellTimeoutError":
            return Result(job.source.name, False, seconds, f"{_timed_out_cell(job, str(err))}: no result within --timeout {job.timeout:g} s")
        return Result(job.source.name, False, seconds, first_line(f"{type(err).__name__}: {err}"))
    return Result(job.source.name, True, time.perf_counter() - start)


def full_disk(err: BaseException | None) -> bool:
    """Whether `err`, or an error it arose from, is a write refused for want of space: a full disk (ENOSPC), a
    full quota (EDQUOT) or a file-size limit (EFBIG)."""
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if isinstance(err, OSError) and err.errno in {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}:
            return True
        err = err.__cause__ or err.__context__
    return False


def _timed_out_cell(job: Job, message: str) -> str:
    """'cell N' (numbered as executed) of the cell nbclient's timeout message previews, as nbclient previews it."""
    import nbformat

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


def strip_volatile(path: Path):
    """Remove timings and papermill's run metadata so that reruns give the same bytes; return the notebook."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
    nbformat.write(notebook, path)
    return notebook


def _warm() -> None:
    """What every notebook run in a worker needs, imported once per worker while the main process still
    validates the data: papermill, and the HTML exporter (compiling its templates takes most of a second)."""
    import papermill  # noqa: F401

    from talentcheck.report.pages import exporter

    exporter()


def _die_with_parent(parent: int) -> None:
    """In a worker: be ended when the runner ends, even by `kill -9` (Linux's PR_SET_PDEATHSIG; elsewhere
    the pool ends its workers when the runner exits normally). Its kernel then exits too: ipykernel ends when
    its parent process does."""
    import ctypes

    # The runner stops the run and says so in one line: a worker ends quietly on Ctrl-C or SIGTERM, with no
    # traceback (it inherited the runner's handler, which turns SIGTERM into KeyboardInterrupt).
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a run started in the background ignores Ctrl-C, and
        signal.signal(signal.SIGINT, lambda signum, frame: os._exit(128 + signum))  # so do its workers
    if not sys.platform.startswith("linux"):
        return
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
        launcher.prepare()
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
            results.append(execute_one(job))
            on_done(results[-1])
    else:
        try:
            for future in as_completed([pool.submit(execute_one, job) for job in jobs]):
                results.append(future.result())
                on_done(results[-1])
        except BrokenProcessPool:
            raise RuntimeError("a worker process ended abruptly (killed from outside, or out of memory); "
                               "nothing was published, the previous outputs are as they were") from None
    order = [job.source.name for job in jobs]
    return sorted(results, key=lambda r: order.index(r.notebook))
