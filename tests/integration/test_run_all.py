"""JupyterLab's Run All, as the project's kernel receives it: a value the parameters check refuses stops every cell
after it, so that nothing computed under the previous values is shown under the new ones (talentcheck.run.kernel.
ipkernel), and each cell it stops says why. papermill, nbclient and nbval, which wait for each reply, and a person
who runs a fixed cell again, are not stopped.

Lab sends every cell's execute request at once, without waiting for replies, and they reach the kernel through
Lab's server a few milliseconds apart (sent all at once, the kernel aborts them all and the fault hides).
"""
from __future__ import annotations

import contextlib
import queue
import time

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from talentcheck import parameters, paths
from talentcheck.run.kernel import ipkernel, launcher as kernels

GAP = 0.003  # seconds between two of Lab's execute requests as they reach the kernel
TRIES = 3
WINDOW = ipkernel.Kernel.stop_on_error_timeout.default_value
OK, ERROR, ABORTED = "ok", "error", "aborted"


@contextlib.contextmanager
def lab_kernel():
    """A kernel of the project's kernelspec (as Lab starts it, in the notebooks' folder) and its client."""
    manager = KernelManager(kernel_name=kernels.NAME, kernel_spec_manager=kernels.spec_manager())
    manager.start_kernel(cwd=str(paths.NOTEBOOKS))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run_all(client, sources: list[str], gap: float = GAP, **options) -> tuple[list[str], list[str]]:
    """Send every cell as Lab's Run All does, then wait for every reply: each cell's status and printed text."""
    ids = []
    for source in sources:
        ids.append(client.execute(source, **options))
        time.sleep(gap)
    status: dict[str, str] = {}
    printed = {msg_id: "" for msg_id in ids}
    idle: set[str] = set()
    deadline = time.monotonic() + 300
    while len(status) < len(ids) or len(idle) < len(ids):
        assert time.monotonic() < deadline, "the kernel did not answer every cell within 300 s"
        with contextlib.suppress(queue.Empty):
            reply = client.get_shell_msg(timeout=0.05)
            if reply["parent_header"].get("msg_id") in printed:
                status[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
        with contextlib.suppress(queue.Empty):
            while True:
                msg = client.get_iopub_msg(timeout=0.01)
                parent = msg["parent_header"].get("msg_id")
                if parent in printed and msg["msg_type"] == "stream":
                    printed[parent] += msg["content"]["text"]
                if parent in printed and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle.add(parent)
    return [status[i] for i in ids], [printed[i] for i in ids]


def refused(notebook: str) -> tuple[str, str, str]:
    """(name, source line, the check's one line) for a misspelt value, as a person would type it, of the notebook's
    first parameter with a list of allowed values: its last value less its last letter ("most_elit")."""
    spec = next(s for s in parameters.declared(paths.NOTEBOOKS / notebook).values() if s.allowed)
    value = str(spec.allowed[-1])[:-1]
    with pytest.raises(parameters.ParameterError) as error:
        parameters.check(spec, value, notebook)
    return spec.name, f"{spec.name} = {value!r}", f"ParameterError: {error.value}"


def person_in_lab(notebook: str) -> dict:
    """A person's session in Lab on `notebook`: a run with the defaults; then, TRIES times, a value misspelt in the
    parameters cell and Run All again; then a look at what is left of the earlier runs, and Run All with the
    defaults again. What each Run All gave, and the cells' sources it ran.

    The first run goes as far as the parameters check: it leaves what the check defines, which a refused value
    must remove, and a cell after the check that runs under the refused value is caught whatever ran before it
    (every cell of every notebook runs with the defaults in the last Run All here, and under nbval)."""
    cells = nbformat.read(paths.NOTEBOOKS / notebook, as_version=4).cells
    sources = [c.source for c in cells if c.cell_type == "code"]
    at = [i for i, c in enumerate(c for c in cells if c.cell_type == "code") if "parameters" in c.metadata.get("tags", [])][0]
    name, line, error = refused(notebook)
    bad = [*sources[:at], sources[at] + "\n" + line, *sources[at + 1:]]  # the parameters cell, edited
    found = {"cells": len(sources), "check": at + 1, "line": line, "error": error, "tries": []}
    with lab_kernel() as client:
        found["first"] = run_all(client, sources[:at + 2])[0]
        for _ in range(TRIES):
            time.sleep(WINDOW + 0.2)  # the person edits the parameters cell meanwhile
            found["tries"].append(run_all(client, bad))
        time.sleep(WINDOW + 0.2)
        found["left"] = run_all(client, [f"print(sorted(k for k in globals() if k in ('params', 'chosen', {name!r})))"])
        found["again"] = run_all(client, sources)[0]
    return found


@pytest.fixture(scope="module")
def sessions():
    """Every notebook's session, all at once (most of a session is waiting for the window to close)."""
    from concurrent.futures import ThreadPoolExecutor

    names = [p.name for p in paths.notebooks()]
    with ThreadPoolExecutor(len(names)) as pool:
        futures = {name: pool.submit(person_in_lab, name) for name in names}
    return futures


@pytest.mark.parametrize("notebook", [p.name for p in paths.notebooks()])
def test_run_all_with_a_refused_value_runs_no_cell_after_the_check(notebook, sessions):
    found = sessions[notebook].result()
    cells, check = found["cells"], found["check"]
    assert found["first"] == [OK] * (check + 1), f"{notebook}: the first run, with the defaults, failed"
    for attempt, (status, printed) in enumerate(found["tries"], 1):
        assert status[:check] == [OK] * check and status[check] == ERROR, (notebook, attempt, status)
        ran = [i for i, s in enumerate(status[check + 1:], check + 1) if s != ABORTED]
        assert not ran, f"{notebook}, try {attempt}: cells {ran} ran after the parameters check refused ({found['line']})"
        assert printed[check + 1:] == [ipkernel.note(found["error"])] * (cells - check - 1)
    # nothing of the earlier runs is left for a cell to show; with the value fixed every cell runs again
    assert found["left"] == ([OK], ["[]\n"])
    assert found["again"] == [OK] * cells


def test_a_run_all_sent_at_once_and_one_sent_slowly_stop_alike():
    """The window holds whatever the spacing: all at once (the kernel finds them queued), or 50 ms apart."""
    with lab_kernel() as client:
        for gap in (0, 0.05):
            status, printed = run_all(client, ["x = 1", "raise ValueError('bad value')", "x = 2", "print(x)"], gap)
            assert status == [OK, ERROR, ABORTED, ABORTED], gap
            assert printed[2:] == [ipkernel.note("ValueError: bad value")] * 2
            time.sleep(WINDOW + 0.2)
            assert run_all(client, ["print(x)"])[1] == ["1\n"]  # neither later cell ran
            time.sleep(WINDOW + 0.2)


def test_a_person_who_runs_a_fixed_cell_again_is_not_stopped():
    with lab_kernel() as client:
        assert run_all(client, ["raise ValueError('typo')"])[0] == [ERROR]
        time.sleep(WINDOW + 0.1)
        assert run_all(client, ["print('fixed')"]) == ([OK], ["fixed\n"])


def test_clients_that_wait_for_each_reply_are_not_stopped(tmp_path):
    """nbval sends every cell with stop_on_error off, and a cell tagged raises-exception goes so from nbclient
    (papermill's executor): the cell right after such an error runs."""
    with lab_kernel() as client:
        for source in ("raise ValueError('expected')", "print('next')"):
            reply = client.execute_interactive(source, stop_on_error=False, timeout=60)
        assert reply["content"]["status"] == OK
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise ValueError('expected')", metadata={"tags": ["raises-exception"]}),
                nbformat.v4.new_code_cell("print('next')")]
    nb.metadata.kernelspec = {"name": kernels.NAME, "display_name": kernels.DISPLAY_NAME, "language": "python"}
    NotebookClient(nb, kernel_name=kernels.NAME, timeout=60, resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert nb.cells[1].outputs[0]["text"] == "next\n"
