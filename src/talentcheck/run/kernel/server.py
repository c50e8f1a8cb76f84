"""The kernel server behind the project's kernelspec (see `talentcheck.run.kernel.launcher`): one process per
interpreter and environment that imports the third-party modules every notebook needs once, then forks
a kernel for each launcher that asks, until it has been idle for a while.

A launcher starts it as a script, `python server.py ADDRESS IDLE_SECONDS [ROOT]`, with the
environment less the variables that differ from one kernel start to the next (what a kernel reads from its
environment at import time must not come from the first launcher).

Given ROOT, the server also loads the project as every notebook begins: its modules (not the charts', whose
theme a kernel applies itself), every data table checked, and the claims. Its address then includes a
digest of the package code and of ROOT/data (`launcher.project`), so a kernel is only ever forked from a
server that loaded the code and data as they are on disk when the kernel starts; a server for an older
digest of the same project is told to stop (its socket removed) when a newer one starts, and exits when
its last kernel has.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys

# Imported once by the server: what every notebook's kernel needs before its first line (third-party
# only: the project's code changes while a server runs, installed packages do not).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "numpy", "pandas", "matplotlib",
           "matplotlib.pyplot", "seaborn", "yaml")
# The project's modules the notebooks use, not `talentcheck.plotting`: importing it applies the charts'
# theme, which a kernel must do itself (inside IPython, for the inline backend's formats).
PROJECT = ("talentcheck", "talentcheck.claims.judging", "talentcheck.claims.recording", "talentcheck.data.tables",
           "talentcheck.parameters", "talentcheck.topics.origin", "talentcheck.topics.work", "talentcheck.topics.flows",
           "talentcheck.topics.top_institutions", "talentcheck.topics.work_rederived", "talentcheck.topics.xai",
           "talentcheck.topics.compute", "talentcheck.topics.money", "talentcheck.topics.since_2022")


class _InKernel:
    kernel = True


def serve(where: str, idle: float, root: str | None = None) -> None:
    """Listen at `where` for kernel requests, forking a kernel for each, until `idle` seconds pass without one
    (or another server takes over: `where` is gone). Given `root`, load that project first."""
    import builtins
    import fcntl
    import importlib
    import time

    lock = open(where + ".lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # another server for this address is starting
    lock.truncate(0)
    lock.write(f"{os.getpid()}\n{os.path.abspath(__file__)}\n")  # who serves here, and which clone's code (`launcher.stop_server`)
    lock.flush()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(where)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(where)
    listener.listen(64)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # as ipykernel sets it
    # pandas picks its display defaults at import by asking IPython whether it runs in a kernel: answer
    # as the kernel will (a cold kernel imports pandas inside IPython; `display.max_columns` 20, not 0).
    builtins.get_ipython = lambda: _InKernel
    environment = dict(os.environ)
    try:
        for module in PRELOAD:
            importlib.import_module(module)
    finally:
        del builtins.get_ipython
    # matplotlib has read the matplotlibrc of the folder the first launcher started this server in (its digest
    # is in the address: `launcher.matplotlibrc`); from now on, hold no folder of a launcher's.
    os.chdir("/")
    # What those imports put in the environment (debugpy: PYDEVD_USE_FRAME_EVAL), a kernel that imports them has too.
    imported = {key: value for key, value in os.environ.items() if environment.get(key) != value}
    if root:
        _load_project(root, where)
        _supersede(where)
    ours = os.stat(where).st_ino
    children: set[int] = set()
    last = time.monotonic()
    listener.settimeout(1)
    while children or (time.monotonic() - last < idle and _listed(where, ours)):  # never leave a kernel without its parent
        _reap(children)
        try:
            client, _ = listener.accept()
        except TimeoutError:
            continue
        last = time.monotonic()
        client.settimeout(10)
        fds = []
        try:
            _, fds, _, _ = socket.recv_fds(client, 1, 3)
            request = json.loads(client.makefile("rb").readline())
            client.settimeout(None)
            if len(fds) == 3:
                pid = os.fork()
                if pid == 0:
                    lock.close()
                    _kernel(listener, client, fds, request, imported)  # never returns
                children.add(pid)
        except (OSError, ValueError):
            pass
        finally:
            client.close()
            for fd in fds:
                os.close(fd)
    if _listed(where, ours):
        os.unlink(where)
    with contextlib.suppress(OSError):
        os.unlink(where + ".lock")  # while still holding it: a server starting now takes a new lock


def _load_project(root: str, where: str) -> None:
    """Import the project's modules and load its data as a kernel in `root` would. If that fails (bad data), or
    what was loaded is no longer the state `where` names (an edit since the launcher looked), forget the
    project: each kernel then loads it, and reports any problem, itself."""
    import importlib

    os.environ["TALENTCHECK_ROOT"] = root  # where the project is: the server itself runs in /
    try:
        for module in PROJECT:
            importlib.import_module(module)
        sys.modules["talentcheck.data"].validate_all()
        sys.modules["talentcheck.claims.registry"].registry()
        if not where.endswith(f"-{importlib.import_module('talentcheck.run.kernel.launcher').project_state(root)}.sock"):
            raise RuntimeError("the project changed while it was loaded")
    except Exception:
        for name in [name for name in sys.modules if name.split(".")[0] == "talentcheck"]:
            del sys.modules[name]
    finally:
        del os.environ["TALENTCHECK_ROOT"]


def _supersede(where: str) -> None:
    """Remove the sockets of servers for older states of this project (same environment and root, other code
    or data): no kernel will ask them again, and each exits once its own kernels have."""
    import glob

    same_project = where.rsplit("-", 1)[0]  # ".../ENVIRONMENT-ROOT-" + "STATE.sock"
    for other in glob.glob(glob.escape(same_project) + "-*.sock"):
        if other != where:
            with contextlib.suppress(OSError):
                os.unlink(other)


def _listed(where: str, inode: int) -> bool:
    """True while `where` is still this server's socket."""
    try:
        return os.stat(where).st_ino == inode
    except OSError:
        return False


def _reap(children: set[int]) -> None:
    while children:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def _kernel(listener: socket.socket, client: socket.socket, fds: list[int], request: dict, imported: dict) -> None:
    """In the forked child: become the launcher's kernel, as `python -m ipykernel_launcher` would."""
    code = 1
    try:
        listener.close()
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.environ.clear()
        os.environ.update({**imported, **request["env"]})
        os.chdir(request["cwd"])
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.path[:] = request["path"]
        import ipykernel_launcher
        import numpy
        import threading

        sys.argv = [ipykernel_launcher.__file__, *request["argv"]]
        numpy.random.seed()  # fresh entropy, as a new process has (Python's `random` reseeds itself)
        client.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
        threading.Thread(target=_die_with, args=(client,), daemon=True).start()
        from ipykernel import kernelapp

        # ipykernel read JPY_INTERRUPT_EVENT from the environment when the server imported it: read it again, now.
        # Its parent is given as 1, not JPY_PARENT_PID: with a parent, ipykernel prints no banner for a terminal (a
        # cold kernel, started by a client, prints none, and its stdout may be closed); with the parent 1 (init) it
        # does not watch its parent process either. A forked kernel's parent is the server, which may stop (or be
        # killed) while the kernel runs: the kernel ends with its launcher instead (`_die_with`), and the launcher
        # with the client that started it.
        inherited = ["--IPKernelApp.parent_handle=1",
                     *([f"--IPKernelApp.interrupt={os.environ['JPY_INTERRUPT_EVENT']}"] if os.environ.get("JPY_INTERRUPT_EVENT") else [])]
        kernelapp.launch_new_instance(argv=[*request["argv"], *inherited])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def _die_with(client: socket.socket) -> None:
    """End this kernel when its launcher is gone (its end of the socket closes, even on SIGKILL)."""
    try:
        while client.recv(1):
            pass
    except OSError:
        pass
    os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    if sys.path and os.path.dirname(os.path.abspath(__file__)) == os.path.abspath(sys.path[0] or "."):
        del sys.path[0]  # run as a script: this folder must not shadow modules (data, paths, ...)
    serve(sys.argv[1], float(sys.argv[2]), *sys.argv[3:4])
