"""The project's kernel (talentcheck.run.kernel.launcher): registered in the venv, named by every notebook, started
warm from a fork server, with the same outputs as a cold kernel, no state shared between notebooks,
and a crash confined to its own notebook."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import queue
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from helpers import wait_until
from talentcheck import paths
from talentcheck.run import cache, execution
from talentcheck.run.kernel import clients, launcher as kernels

PORTABLE = Path(__file__).parents[1] / "portable"


# Warm kernels need Linux's calls (kernels.WARM_NEEDS); where they are missing (macOS, or CI's run under
# tests/portable/sitecustomize.py) every kernel starts cold, and these tests of the warm path skip.
warm_only = pytest.mark.skipif(not kernels.warm_possible(),
                               reason="warm kernels need os.pidfd_open and socket.send_fds, which this Python lacks")
WARM = str(kernels.accelerated())  # what warm_probe prints in a kernel started now


def notebook(*cells: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata.kernelspec = {"name": kernels.NAME, "display_name": kernels.DISPLAY_NAME, "language": "python"}
    return nb


def run(nb: nbformat.NotebookNode, cwd: Path) -> list[str]:
    """Execute `nb` in the project's kernel; each cell's printed text."""
    NotebookClient(nb, kernel_name=kernels.NAME, timeout=120, resources={"metadata": {"path": str(cwd)}}).execute()
    return ["".join(o.get("text", "") for o in c.outputs) for c in nb.cells]


def warm_probe(tmp_path: Path) -> str:
    """True in a kernel forked from the server: seaborn is imported there before any cell runs."""
    return run(notebook("import sys; print('seaborn' in sys.modules)"), tmp_path)[0].strip()


def stream_text(client, msg_id: str) -> list[str]:
    """What the cell `msg_id` printed, among the kernel's messages that have arrived by now."""
    found = []
    while True:
        try:
            msg = client.get_iopub_msg(timeout=0.1)
        except queue.Empty:
            return found
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            found.append(msg["content"]["text"])


def test_the_kernelspec_is_the_projects_own():
    found = KernelSpecManager().get_kernel_spec(kernels.NAME)
    assert Path(found.resource_dir).is_relative_to(sys.prefix), "registered inside the venv, not the user's home"
    assert found.argv in (kernels.spec(warm=True)["argv"], kernels.spec(warm=False)["argv"])
    for path in paths.notebooks():
        spec = json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert (spec["name"], spec["display_name"]) == (kernels.NAME, kernels.DISPLAY_NAME), path.name


def impostor(tmp_path: Path) -> Path:
    """A `talentcheck` kernelspec of someone else's on the Jupyter path: a kernel that exits at once."""
    folder = tmp_path / "jupyter" / "kernels" / kernels.NAME
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps({**kernels.spec(), "argv": [sys.executable, "-c", "raise SystemExit(3)"]}))
    return tmp_path / "jupyter"


def test_a_kernelspec_on_the_users_jupyter_path_cannot_stand_in_for_the_projects(tmp_path, monkeypatch):
    """The runner and nbval find the kernelspec in the venv by path: JUPYTER_PATH changes neither the kernel that
    runs nor the cache key."""
    before = cache.tree_digest()
    monkeypatch.setenv("JUPYTER_PATH", str(impostor(tmp_path)))
    assert KernelSpecManager().get_kernel_spec(kernels.NAME).argv[1] == "-c"  # Jupyter's own lookup would take it
    assert cache.tree_digest() == before
    source = tmp_path / "probe.ipynb"
    nbformat.write(notebook("import sys; print(sys.executable)"), source)
    result = execution.execute_one(execution.Job(source, tmp_path / "out.ipynb", {}))
    assert result.ok, result.error
    assert nbformat.read(tmp_path / "out.ipynb", 4).cells[0].outputs[0]["text"] == sys.executable + "\n"
    clients.use_in_nbval()
    import nbval.kernel

    found = nbval.kernel.KernelManager(kernel_name=kernels.NAME).kernel_spec
    assert Path(found.resource_dir) == Path(kernels.spec_path()).parent and found.argv[1] != "-c"


def test_the_cache_key_knows_the_projects_kernelspec(tmp_path, monkeypatch):
    before = cache.tree_digest()
    other = tmp_path / "kernel.json"
    other.write_text(json.dumps(kernels.spec("/usr/bin/python3")))
    monkeypatch.setattr(kernels, "spec_path", lambda prefix=None: str(other))
    assert cache.tree_digest() != before


def test_where_warm_kernels_are_impossible_the_kernelspec_is_ipykernels_own(tmp_path):
    """What `make setup` registers on macOS or Windows: the stock ipykernel command with the project's kernel class,
    no launcher (its calls are missing there); the launcher itself, started without them, becomes a cold kernel (the next tests)."""
    code = "from talentcheck.run.kernel import launcher as kernels; import json, sys; print(json.dumps(kernels.install(sys.argv[1])))"
    env = {**os.environ, "PYTHONPATH": str(PORTABLE)}
    written = json.loads(subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=env, check=True,
                                        capture_output=True, text=True).stdout)
    assert json.loads(Path(written).read_text())["argv"] == [sys.executable, "-m", "ipykernel_launcher", kernels.KERNEL_CLASS,
                                                             "-f", "{connection_file}"]


def test_without_linux_calls_a_run_uses_cold_kernels_and_publishes_the_same_outputs(tmp_path, built):
    """The whole path as on macOS (tests/portable/sitecustomize.py removes pidfd_open and send_fds): the installed
    launcher starts ordinary kernels, and the run publishes what a warm run does: the notebook as committed (nbval holds
    the committed notebooks to a warm kernel's outputs, and `talentcheck refresh` writes them), its page as the report
    of the committed notebooks shows it, and its verdicts as the committed notebook records them."""
    from talentcheck.run.results import collect_verdicts, write_verdicts

    env = {**os.environ, "TALENTCHECK_CACHE": str(tmp_path / "cache-cold"), "PYTHONPATH": str(PORTABLE)}
    env.pop("TALENTCHECK_COLD_KERNEL", None)
    done = subprocess.run([sys.executable, "-m", "talentcheck.cli", "run", "07_compute_costs.ipynb", "--force",
                           "--output", str(tmp_path / "cold")], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    committed = paths.NOTEBOOKS / "07_compute_costs.ipynb"
    write_verdicts(collect_verdicts({committed.name: nbformat.read(committed, as_version=4)}), tmp_path / "committed.csv")
    cold_rows = (tmp_path / "cold" / "verdicts.csv").read_text(encoding="utf-8").splitlines()
    assert set((tmp_path / "committed.csv").read_text(encoding="utf-8").splitlines()) <= set(cold_rows)
    assert (tmp_path / "cold" / "notebooks" / committed.name).read_bytes() == committed.read_bytes()
    page = "notebooks/07_compute_costs.html"
    assert (tmp_path / "cold" / "report" / page).read_bytes() == (built / page).read_bytes()
    code = ("import nbformat, sys; from nbclient import NotebookClient; nb = nbformat.v4.new_notebook();"
            "nb.cells = [nbformat.v4.new_code_cell('import sys; print(\\'seaborn\\' in sys.modules)')];"
            "from talentcheck.run import execution;"
            "NotebookClient(nb, kernel_name='talentcheck', kernel_manager_class=execution._kernel_manager(sys.argv[1])).execute();"
            "print(nb.cells[0].outputs[0]['text'].strip())")
    probe = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env={**os.environ, "PYTHONPATH": str(PORTABLE)},
                           capture_output=True, text=True, timeout=120)
    assert probe.stdout.strip() == "False", probe.stderr  # a cold kernel: nothing imported ahead


@contextlib.contextmanager
def live_kernel():
    """A kernel of the project's kernelspec, ready, with its client; shut down afterwards."""
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name=kernels.NAME)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        yield manager, client
    finally:
        client.stop_channels()
        manager.shutdown_kernel()


def printed_by(client, code: str) -> str:
    """What `code`, run in the kernel, printed (it must run without error)."""
    printed: list[str] = []
    reply = client.execute_interactive(code, timeout=60, output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
    assert reply["content"]["status"] == "ok"
    return "".join(printed)


@warm_only
def test_kernels_start_warm_unless_told_otherwise(tmp_path, monkeypatch):
    assert warm_probe(tmp_path) == "True"
    monkeypatch.setenv("TALENTCHECK_COLD_KERNEL", "1")
    assert warm_probe(tmp_path) == "False"


@warm_only
def test_a_warm_kernel_writes_the_same_notebook_as_a_cold_one(tmp_path, monkeypatch):
    """A notebook with charts and verdicts, executed by the runner: byte-identical either way."""
    source = paths.NOTEBOOKS / "07_compute_costs.ipynb"
    warm = execution.execute_one(execution.Job(source, tmp_path / "warm.ipynb", {}))
    monkeypatch.setenv("TALENTCHECK_COLD_KERNEL", "1")
    cold = execution.execute_one(execution.Job(source, tmp_path / "cold.ipynb", {}))
    assert warm.ok and cold.ok, (warm.error, cold.error)
    assert (tmp_path / "warm.ipynb").read_bytes() == (tmp_path / "cold.ipynb").read_bytes()
    assert any("image/png" in o.get("data", {}) for c in nbformat.read(tmp_path / "warm.ipynb", 4).cells
               for o in c.get("outputs", []))


def test_a_notebook_cannot_see_another_notebooks_variables_imports_or_settings(tmp_path):
    (tmp_path / "tc_probe_module.py").write_text("VALUE = 1\n")
    first = run(notebook("LEAK = 42\nimport tc_probe_module\nimport pandas as pd\npd.set_option('display.max_rows', 3)\n"
                         "import os\nos.environ['TC_PROBE'] = '1'\nprint(pd.get_option('display.max_rows'))"), tmp_path)
    assert first == ["3\n"]
    second = run(notebook("import sys, os, pandas as pd\n"
                          "print('LEAK' in globals(), 'tc_probe_module' in sys.modules, 'TC_PROBE' in os.environ,"
                          " pd.get_option('display.max_rows'), 'seaborn' in sys.modules)"), tmp_path)
    assert second == [f"False False False 60 {WARM}\n"]  # the last: it did start warm (where it can)


def test_a_crashed_kernel_fails_only_its_own_notebook(tmp_path):
    sources = []
    for name, cells in (("a_ok", ["print(1)"]), ("b_crash", ["import os\nos._exit(3)", "print(2)"]), ("c_ok", ["print(3)"])):
        sources.append(tmp_path / f"{name}.ipynb")
        nbformat.write(notebook(*cells), sources[-1])
    jobs = [execution.Job(s, tmp_path / f"out_{s.name}", {}) for s in sources]
    pool = execution.start_workers(2)
    try:
        results = execution.execute(jobs, pool)
    finally:
        execution.stop_workers(pool, now=False)
    assert [r.ok for r in results] == [True, False, True]
    assert "DeadKernelError" in results[1].error or "died" in results[1].error.lower()


def test_a_kernel_killed_under_nbclient_is_reported_dead(tmp_path):
    with pytest.raises(DeadKernelError):
        run(notebook("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"), tmp_path)
    assert warm_probe(tmp_path) == WARM  # the server (where there is one) still serves the next notebook


def test_a_warm_kernel_can_be_interrupted_and_leaves_no_process_behind():
    """Lab's stop button and a client's shutdown reach the forked kernel through its launcher."""
    import os
    import time

    with live_kernel() as (manager, client):
        pid, warm = printed_by(client, "import os, sys; print(os.getpid(), 'seaborn' in sys.modules)").split()
        if kernels.accelerated():
            assert warm == "True" and int(pid) != manager.provisioner.process.pid  # a forked kernel, not the launcher
        msg_id = client.execute("import time; print('sleeping', flush=True); time.sleep(60)")
        seen: list[str] = []

        def sleeping() -> bool:  # the interrupt must reach the cell itself: once it has printed, it sleeps
            seen.extend(stream_text(client, msg_id))
            return "sleeping" in "".join(seen)
        wait_until(sleeping, 30, "the cell to start sleeping")
        manager.interrupt_kernel()
        reply = client.get_shell_msg(timeout=20)
        assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["ename"] == "KeyboardInterrupt"
    for _ in range(50):
        if not os.path.exists(f"/proc/{pid}") or "Z" in open(f"/proc/{pid}/stat").read().split()[2]:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"kernel process {pid} still runs after shutdown")



@warm_only
def test_a_launcher_whose_client_is_already_gone_starts_no_kernel(tmp_path):
    """A run killed while its worker starts a kernel: the launcher finds its client (JPY_PARENT_PID) dead and
    exits at once instead of standing in, forever, for a kernel nobody will talk to."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    launcher = subprocess.run([sys.executable, kernels.__file__, "launch", "-f", str(tmp_path / "kernel.json")],
                              env={**os.environ, "JPY_PARENT_PID": str(gone.pid)}, timeout=30)
    assert launcher.returncode == 0 and not (tmp_path / "kernel.json").exists()


PROBE = ("import sys\nloaded = 'talentcheck.data' in sys.modules and 'talentcheck.plotting' not in sys.modules\n"
         "from talentcheck import data\nt = data.load('tracker/origin_undergrad')\n"
         "print(loaded, t[(t.year == 2019) & (t.cohort == 'top_tier') & (t.country == 'China') & (t.source_name == 'MP1')].share_pct.tolist())")


def project_copy(tmp_path: Path) -> Path:
    """A project of its own (the suite finds it from a kernel's folder), with a copy of data/ and notebooks/."""
    import shutil

    for folder in ("data", "notebooks"):
        shutil.copytree(paths.ROOT / folder, tmp_path / "project" / folder)
    return tmp_path / "project"


def server_address(cwd: Path) -> str:
    """The server a launcher started in `cwd` asks for (computed in a process of its own, as the launcher's is)."""
    code = "from talentcheck.run.kernel import launcher as kernels; print(kernels.address(kernels.project()[1]))"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@warm_only
def test_a_kernel_in_the_project_starts_with_it_loaded_and_sees_every_change(tmp_path, monkeypatch):
    """The server that forks a project's kernels has loaded its modules (not the charts': their theme is the
    kernel's to apply) and its data; after an edit, kernels come from a server that loaded the edited data, and
    the superseded server's socket is gone."""
    from helpers import set_cell

    monkeypatch.delenv("TALENTCHECK_DATA", raising=False)
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)  # where the launcher looks for the project, as a kernel would
    first = server_address(project)
    assert run(notebook(PROBE), project) == ["True [29.0]\n"]
    assert os.path.exists(first)
    set_cell(project / "data" / "tracker" / "origin_undergrad.csv", {"year": 2019, "cohort": "top_tier", "country": "China"},
             "share_pct", "31")
    assert server_address(project) != first
    assert run(notebook(PROBE), project) == ["True [31.0]\n"]
    assert not os.path.exists(first)
    monkeypatch.setenv("TALENTCHECK_COLD_KERNEL", "1")
    assert run(notebook(PROBE), project) == ["False [31.0]\n"]


@warm_only
def test_a_project_whose_data_fails_its_checks_is_not_loaded_ahead(tmp_path, monkeypatch):
    """The server keeps no half-loaded project: the kernel loads the data itself and names the problem."""
    from helpers import set_cell

    monkeypatch.delenv("TALENTCHECK_DATA", raising=False)
    project = project_copy(tmp_path)
    set_cell(project / "data" / "tracker" / "origin_undergrad.csv", {"year": 2019, "cohort": "top_tier", "country": "China"},
             "share_pct", "4x7")
    monkeypatch.chdir(project)
    nb = notebook("import sys; print('talentcheck.data' in sys.modules, 'seaborn' in sys.modules)", PROBE)
    with pytest.raises(Exception, match=r"origin_undergrad.csv, row 2, column share_pct: '4x7' is not a number"):
        run(nb, project)
    assert "".join(o.get("text", "") for o in nb.cells[0].outputs) == "False True\n"


def test_the_charts_theme_has_a_figure_drawn_only_for_its_display(tmp_path):
    """In a notebook, pyplot redraws every new figure when a cell ends, then the inline backend draws it again
    for its PNG: importing the suite's charts drops the first, which no one sees (the PNG is unchanged:
    nbval and `talentcheck refresh` hold the committed charts byte for byte)."""
    count = ("import matplotlib.pyplot as plt\n{}\ndraws = []\nfig = plt.figure()\n"
             "fig.canvas.mpl_connect('draw_event', lambda event: draws.append(1))\nplt.plot([1, 2])")
    plain = run(notebook(count.format("pass"), "print(len(draws))"), tmp_path)[1]
    themed = run(notebook(count.format("import talentcheck.plotting"), "print(len(draws))"), tmp_path)[1]
    assert int(themed) == int(plain) - 1


@warm_only
def test_a_kernel_outlives_the_server_that_forked_it():
    """A server that stops (`python -m talentcheck.run.kernel.launcher stop`, or a crash) forks no new kernels; the ones
    it forked run on: a run or a Lab session in progress goes on."""
    import time

    with live_kernel() as (_, client):
        server = int(printed_by(client, "import os; print(os.getppid())"))
        assert "kernel/server.py" in Path(f"/proc/{server}/cmdline").read_text()
        os.kill(server, 9)  # as a crash would; `kernels stop` ends it more gently
        wait_until(lambda: not Path(f"/proc/{server}").exists() or " Z " in Path(f"/proc/{server}/stat").read_text(),
                   20, "the server to end")
        time.sleep(1.5)  # ipykernel's parent poller, when it runs, looks every second
        assert printed_by(client, "print('still here')") == "still here\n"


@warm_only
def test_kernels_start_cold_rather_than_talk_through_a_folder_that_is_not_ours_alone(tmp_path, monkeypatch):
    """A launcher sends its environment and standard streams to the server: a socket folder that others may
    write (or a non-socket where the socket should be) gets a cold kernel, at once."""
    import tempfile
    import time

    runtime = Path(tempfile.mkdtemp(dir="/tmp"))  # short: a socket's path has room for 107 bytes
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    folder = runtime / f"talentcheck-kernels-{os.getuid()}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    assert warm_probe(tmp_path) == "False"
    folder.chmod(0o700)
    assert warm_probe(tmp_path) == "True"
    kernels.stop_server()
    code = "from talentcheck.run.kernel import launcher as kernels; print(kernels.address(kernels.project() and kernels.project()[1]))"
    where = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    if os.path.lexists(where):
        os.unlink(where)  # a stopped server leaves its socket file; a new one would replace it
    os.mkdir(where)
    start = time.monotonic()
    assert warm_probe(tmp_path) == "False"
    assert time.monotonic() - start < 8  # not the 10 s a launcher gives a starting server
    os.rmdir(where)
    kernels.stop_server()


@warm_only
def test_a_matplotlibrc_where_the_kernel_starts_is_read_warm_as_cold(tmp_path, monkeypatch):
    """matplotlib reads a matplotlibrc in the kernel's folder (or the config folder) when it is imported: a warm
    kernel, whose server imported it, must see the same file, and its edits."""
    probe = "import matplotlib; print(matplotlib.rcParams['axes.titlesize'])"
    (tmp_path / "matplotlibrc").write_text("axes.titlesize: 31\n")
    assert run(notebook(probe), tmp_path) == ["31.0\n"]
    (tmp_path / "matplotlibrc").write_text("axes.titlesize: 17\n")
    assert run(notebook(probe), tmp_path) == ["17.0\n"]
    monkeypatch.setenv("TALENTCHECK_COLD_KERNEL", "1")
    assert run(notebook(probe), tmp_path) == ["17.0\n"]


@warm_only
def test_a_server_forgets_a_project_that_is_not_the_state_its_address_names(tmp_path):
    """The launcher names the project's state when it asks for a server; if the files change before the server
    has loaded them, what it loaded is not that state: it must not fork kernels with it. (A copy of the project: other
    tests add files to the repository's notebooks/ meanwhile, which changes its state.)"""
    root = tmp_path / "project"
    for folder in ("data", "notebooks"):
        shutil.copytree(paths.ROOT / folder, root / folder)
    code = ("import sys; from talentcheck.run.kernel import server as k, launcher as kernels; root = sys.argv[1]\n"
            "right = f'/x/{kernels.fingerprint()}-{kernels.project_state(root)}.sock'\n"
            "k._load_project(root, '/x/fingerprint-ffffffff-ffffffffffffffff.sock'); print('talentcheck' in sys.modules)\n"
            "k._load_project(root, right); print('talentcheck.data' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.split() == ["False", "True"]


def test_nbval_starts_the_notebooks_kernels_with_the_client_that_is_ready_when_the_kernel_answers():
    """The plugin pyproject.toml loads (talentcheck.run.kernel.nbval_plugin) has nbval start its kernels with
    `clients.BlockingReadyClient`: ready when the kernel has answered and broadcast once, not after 0.2 s of
    silence; the kernel then runs a cell as usual."""
    import nbval.kernel

    from talentcheck.run.kernel import clients

    manager, client = nbval.kernel.start_new_kernel(kernel_name=kernels.NAME)  # as nbval starts a notebook's kernel
    try:
        assert isinstance(client, clients.BlockingReadyClient)
        assert printed_by(client, "print(6 * 7)") == "42\n"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_a_launcher_in_another_network_namespace_asks_a_server_of_its_own():
    """A forked kernel listens on its server's localhost: a launcher under `unshare -n` that reached a server
    outside its namespace would wait for a kernel it cannot connect to."""
    code = "from talentcheck.run.kernel import launcher; print(launcher.fingerprint())"
    here = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    unshare = shutil.which("unshare")
    there = subprocess.run([unshare, "-n", sys.executable, "-c", code], capture_output=True, text=True) if unshare else None
    if there is None or there.returncode != 0:
        pytest.skip("unshare -n is not available here (Linux, with the right to make a network namespace)")
    assert there.stdout.strip() and there.stdout != here


@warm_only
def test_stop_ends_this_clones_servers_whatever_started_them_and_no_other_clones(tmp_path):
    """`python -m talentcheck.run.kernel.launcher stop`, from a shell, ends a server that JupyterLab's kernels started
    (in another environment, so under another fingerprint: `make lab` sets MAKELEVEL, Lab variables of its own), and
    leaves alone a server of another clone of the project, whose socket shares the folder."""
    import time

    folder = Path(kernels.sockets())
    before = set(folder.glob("*.sock.lock"))
    subprocess.run([sys.executable, "-c", "from talentcheck.run.kernel import launcher; launcher.prepare()"],
                   env={**os.environ, "LAB_LIKE_ENVIRONMENT": str(tmp_path)}, cwd=tmp_path,
                   check=True, timeout=60)
    started = [int(p.read_text().split()[0]) for p in set(folder.glob("*.sock.lock")) - before]
    assert started, "no new server started"
    other = folder / f"other-clone-{os.getpid()}.sock.lock"
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time\nlock = open(sys.argv[1], 'a+')\n"
                               "fcntl.flock(lock, fcntl.LOCK_EX)\nlock.write(f'{os.getpid()}\\n/elsewhere/src/talentcheck"
                               "/run/kernel/server.py\\n')\nlock.flush()\ntime.sleep(120)", str(other)])
    try:
        wait_until(lambda: other.exists() and other.read_text().endswith("server.py\n"), 20, "the other clone's lock")
        done = subprocess.run([sys.executable, "-m", "talentcheck.run.kernel.launcher", "stop"], capture_output=True,
                              text=True, timeout=60)
        assert done.stdout == "stopped\n"
        for pid in started:
            wait_until(lambda: not Path(f"/proc/{pid}").exists() or " Z " in Path(f"/proc/{pid}/stat").read_text(),
                       20, f"server {pid} to end")
        time.sleep(0.5)
        assert holder.poll() is None, "stop ended another clone's server"
    finally:
        holder.kill()
        holder.wait()
        other.unlink(missing_ok=True)


@warm_only
def test_a_launcher_whose_server_closes_unanswered_asks_again_rather_than_start_cold(monkeypatch):
    """A server that stops as a launcher dials (idle, or superseded by a newer state of the project) drops the
    connection without a reply: the launcher asks again and stands in for the kernel it then gets."""
    import signal
    import socket

    kernel = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    dialled: list[socket.socket] = []
    answering: list[socket.socket] = []

    def connect(start: bool) -> socket.socket:
        ours, server = socket.socketpair()
        if dialled:  # the second server answers with its kernel's process id
            server.sendall(json.dumps({"pid": kernel.pid}).encode() + b"\n")
            answering.append(server)
        else:
            server.close()  # the first closes unanswered
        dialled.append(ours)
        return ours

    def cold(argv):
        raise AssertionError("the launcher started a cold kernel")

    monkeypatch.setattr(kernels, "_connect", connect)
    monkeypatch.setattr(kernels, "cold", cold)
    monkeypatch.delenv("TALENTCHECK_COLD_KERNEL", raising=False)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT,
                                                 signal.SIGUSR1, signal.SIGUSR2)}
    try:
        with pytest.raises(SystemExit) as ended:
            kernels.launch(["-f", "connection.json"])
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        kernel.wait()
        for end in dialled + answering:
            end.close()
    assert ended.value.code == 0 and len(dialled) == 2 and kernel.returncode == 0


@warm_only
def test_an_xdg_runtime_dir_that_is_not_there_is_never_created(tmp_path, monkeypatch):
    """A user's shell may name a runtime folder that does not exist (or a relative one): the sockets go to /tmp,
    and nothing is created where the variable points."""
    for given in (tmp_path / "absent" / "run", "relative/run"):
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(given))
        monkeypatch.chdir(tmp_path)
        assert kernels.sockets() == f"/tmp/talentcheck-kernels-{os.getuid()}"
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert kernels.sockets() == str(tmp_path / f"talentcheck-kernels-{os.getuid()}")
