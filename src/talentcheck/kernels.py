"""The project's Jupyter kernel: a kernelspec named `talentcheck` whose kernels start warm.

`make setup` registers the kernelspec inside the virtual environment (`<venv>/share/jupyter/kernels/
talentcheck/`), never in the user's home, and every notebook names it; papermill (the runner), nbval and
JupyterLab all start kernels through it. A `python3` kernelspec elsewhere on the Jupyter path cannot
replace the project's interpreter, and the runner's cache key includes the kernelspec (`spec_digest`).

Starting a kernel the ordinary way costs about 1.4 s of CPU: a new Python imports IPython, ipykernel,
pandas, matplotlib and seaborn. Here the kernelspec runs this file as a small *launcher* (no heavy
imports) that asks a *fork server* for a kernel. The server is one process per interpreter and
environment that has imported those third-party modules once; for each request it forks a child,
which takes over the launcher's environment, working directory, `sys.path` and standard streams and
then runs ipykernel exactly as `python -m ipykernel_launcher -f CONNECTION_FILE` would. Each kernel is a
process of its own (a notebook cannot see another's variables or imports), and the project's own code
is never imported by the server, so a kernel always runs the code as it is on disk.

The launcher stays alive as the kernel's stand-in for Jupyter: it forwards signals (interrupt,
terminate) to the kernel and exits when the kernel exits; the kernel dies with the launcher (a kill
of the launcher ends it). The server exits after `IDLE` seconds without a request. Anything that stops
the launcher from reaching a server makes it start an ordinary (cold) kernel instead, as does
`TALENTCHECK_COLD_KERNEL=1` (the tests use it to compare warm kernels with cold ones).

Usage: `python -m talentcheck.kernels install [--prefix PREFIX]` (done by `make setup`);
the kernelspec runs `python .../kernels.py launch -f CONNECTION_FILE`.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sys

NAME = "talentcheck"
DISPLAY_NAME = "Python 3 (talentcheck)"
IDLE = float(os.environ.get("TALENTCHECK_KERNEL_IDLE") or 300)  # seconds a server waits for work
# Imported once by the server: what every notebook's kernel needs before its first line (third-party
# only: the project's code changes while a server runs, installed packages do not).
PRELOAD = ("ipykernel.kernelapp", "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn", "yaml")
# Variables that differ from one kernel start to the next and that nothing preloaded reads at import.
# (papermill's command sets PYDEVD_DISABLE_FILE_VALIDATION, read only when a debugger starts; pytest sets
# COLUMNS and LINES, read when something asks for the terminal's size, never at import.)
VOLATILE = ("JPY_", "PYTEST_", "TALENTCHECK_", "PWD", "OLDPWD", "SHLVL", "_", "PYDEVD_DISABLE_FILE_VALIDATION",
            "COLUMNS", "LINES")


# ---- the kernelspec ---------------------------------------------------------------------------------

def spec(python: str = sys.executable) -> dict:
    return {"argv": [python, os.path.abspath(__file__), "launch", "-f", "{connection_file}"],
            "display_name": DISPLAY_NAME, "language": "python", "interrupt_mode": "signal",
            "metadata": {"debugger": True}}


def spec_path(prefix: str = sys.prefix) -> str:
    return os.path.join(prefix, "share", "jupyter", "kernels", NAME, "kernel.json")


def install(prefix: str = sys.prefix, python: str = sys.executable) -> str:
    """Write the kernelspec into `prefix` (a virtual environment), running `python`; return its path."""
    path = spec_path(prefix)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(spec(python), indent=1) + "\n"
    if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return path


def spec_digest() -> str:
    """What the cache key needs to know about the kernel: the kernelspec Jupyter finds under NAME (the
    first on the Jupyter path, as jupyter_client looks it up; importing jupyter_client costs 0.2 s)."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("kernels"):
        path = os.path.join(folder, NAME, "kernel.json")
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                return hashlib.sha256(path.encode() + b"\0" + handle.read()).hexdigest()
    return "no kernelspec"


# ---- the server's address: one per interpreter, installed packages and environment -------------------

def fingerprint() -> str:
    digest = hashlib.sha256(f"{sys.executable}\0{sys.version}\0".encode())
    with open(__file__, "rb") as handle:
        digest.update(handle.read())
    for entry in sys.path:
        if os.path.isdir(entry):
            digest.update(" ".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
    for key in sorted(os.environ):
        if not key.startswith(VOLATILE[:3]) and key not in VOLATILE[3:]:
            digest.update(f"{key}={os.environ[key]}\0".encode())
    return digest.hexdigest()[:16]


def address() -> str:
    folder = os.path.join(os.environ.get("XDG_RUNTIME_DIR") or "/tmp", f"talentcheck-kernels-{os.getuid()}")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, f"{fingerprint()}.sock")


# ---- the launcher (what the kernelspec runs) ---------------------------------------------------------

def cold(argv: list[str]) -> None:
    """Become an ordinary kernel: exactly what the stock `python3` kernelspec runs."""
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def _connect(where: str, start: bool) -> socket.socket:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(where)
        return client
    except OSError:
        client.close()
        if not start:
            raise
    import subprocess
    import time

    subprocess.Popen([sys.executable, os.path.abspath(__file__), "serve", where], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while True:
        time.sleep(0.02)
        try:
            return _connect(where, start=False)
        except OSError:
            if time.monotonic() > deadline:
                raise


def prepare() -> None:
    """Before notebooks run: register the kernelspec if this environment lacks it (one set up without
    `make setup`), and start the kernel server if none runs, without waiting for its imports."""
    try:
        if not os.path.exists(spec_path()):
            install()
        _connect(address(), start=True).close()
    except OSError:
        pass  # a read-only environment: papermill names the missing kernel; no server: kernels start cold


def stop_server() -> bool:
    """Stop this environment's kernel server (by the process id it wrote); False if none ran."""
    import fcntl

    try:
        with open(address() + ".lock") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return False  # nobody holds the lock: no server
            except BlockingIOError:
                pid = int(lock.read())
    except (OSError, ValueError):
        return False
    os.kill(pid, signal.SIGTERM)
    return True


def launch(argv: list[str]) -> None:
    """Ask the server for a kernel, then stand in for it until it exits (or become a cold one)."""
    if os.environ.get("TALENTCHECK_COLD_KERNEL"):
        cold(argv)
    try:
        client = _connect(address(), start=True)
        client.settimeout(120)  # the server's first request waits for its imports
        request = {"argv": argv, "env": dict(os.environ), "cwd": os.getcwd(), "path": sys.path}
        socket.send_fds(client, [b"R"], [0, 1, 2])
        client.sendall(json.dumps(request).encode() + b"\n")
        reply = client.makefile("rb").readline()
        pid = json.loads(reply)["pid"]
        watch = os.pidfd_open(pid)
    except (OSError, ValueError, KeyError):
        cold(argv)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(signum, lambda signum, frame: os.kill(pid, signum))
    import select

    select.select([watch], [], [])  # readable once the kernel has exited (retried after each signal)
    sys.exit(0)


# ---- the server ---------------------------------------------------------------------------------------

class _InKernel:
    kernel = True


def serve(where: str) -> None:
    import builtins
    import contextlib
    import fcntl
    import importlib
    import time

    lock = open(where + ".lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return  # another server for this address is starting
    lock.truncate(0)
    lock.write(str(os.getpid()))
    lock.flush()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(where)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(where)
    listener.listen(64)
    os.chdir("/")  # hold no folder of the first launcher's (each kernel moves to its launcher's own)
    # What a kernel reads from its environment at import time must not come from this first launcher.
    for key in [k for k in os.environ if k.startswith(VOLATILE[:3])]:
        del os.environ[key]
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # as ipykernel sets it
    # pandas picks its display defaults at import by asking IPython whether it runs in a kernel: answer
    # as the kernel will (a cold kernel imports pandas inside IPython; `display.max_columns` 20, not 0).
    builtins.get_ipython = lambda: _InKernel
    try:
        for module in PRELOAD:
            importlib.import_module(module)
    finally:
        del builtins.get_ipython
    children: set[int] = set()
    last = time.monotonic()
    listener.settimeout(1)
    while children or time.monotonic() - last < IDLE:  # never leave a kernel without its parent
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
                    _kernel(listener, client, fds, request)  # never returns
                children.add(pid)
        except (OSError, ValueError):
            pass
        finally:
            client.close()
            for fd in fds:
                os.close(fd)
    os.unlink(where)


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


def _kernel(listener: socket.socket, client: socket.socket, fds: list[int], request: dict) -> None:
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
        os.environ.update(request["env"])
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

        # ipykernel read these from the environment when the server imported it: read them again, now.
        inherited = [f"--IPKernelApp.{trait}={os.environ[var]}" for trait, var in
                     (("parent_handle", "JPY_PARENT_PID"), ("interrupt", "JPY_INTERRUPT_EVENT")) if os.environ.get(var)]
        kernelapp.launch_new_instance(argv=[*request["argv"], *inherited])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            with __import__("contextlib").suppress(Exception):
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


def main(argv: list[str]) -> None:
    if sys.path and os.path.dirname(os.path.abspath(__file__)) == os.path.abspath(sys.path[0] or "."):
        del sys.path[0]  # run as a script: this folder must not shadow modules (data, paths, ...)
    command, *rest = argv or ["help"]
    if command == "launch":
        launch(rest)
    elif command == "serve":
        serve(rest[0])
    elif command == "stop":
        print("stopped" if stop_server() else "no kernel server was running")
    elif command == "install":
        prefix = rest[rest.index("--prefix") + 1] if "--prefix" in rest else sys.prefix
        print(install(os.path.abspath(prefix)))
    else:
        sys.exit("usage: kernels.py install [--prefix PREFIX] | stop | launch -f CONNECTION_FILE | serve ADDRESS")


if __name__ == "__main__":
    main(sys.argv[1:])
