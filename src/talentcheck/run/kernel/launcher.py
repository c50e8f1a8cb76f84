"""The project's Jupyter kernel: a kernelspec named `talentcheck` whose kernels start warm.

`make setup` registers the kernelspec inside the virtual environment (`<venv>/share/jupyter/kernels/
talentcheck/`), never in the user's home, and every notebook names it; papermill (the runner), nbval and
JupyterLab all start kernels through it. A `python3` kernelspec elsewhere on the Jupyter path cannot
replace the project's interpreter, and the runner's cache key includes the kernelspec (`spec_digest`).

Starting a kernel the ordinary way costs about 1.4 s of CPU (a new Python imports IPython, ipykernel,
pandas, matplotlib and seaborn). Here the kernelspec runs this file as a small *launcher* that asks a *fork
server* (`server.py`: one per interpreter and environment, those modules imported once) for a kernel:
a forked child that takes over the launcher's environment, working directory, `sys.path` and standard
streams and runs ipykernel as `python -m ipykernel_launcher -f CONNECTION_FILE` would, a process of its own.
A kernel started in the project on its own data/ comes from a server that has also loaded the project,
named by a digest of the code, data/ and notebooks/'s names as they are when the kernel starts (`project`).

The launcher stays alive as the kernel's stand-in for Jupyter: it forwards signals (interrupt,
terminate) to the kernel and exits when the kernel exits; the kernel dies with the launcher (a kill
of the launcher ends it). The server exits after `IDLE` seconds without a request. Anything that stops
the launcher from reaching a server makes it start an ordinary (cold) kernel instead, as does
`TALENTCHECK_COLD_KERNEL=1` (the tests use it to compare warm kernels with cold ones).

The server is an accelerator, not a requirement: it needs Linux's `os.pidfd_open`, Unix's `socket.send_fds`
and `os.fork` (`accelerated`). Where any is missing (macOS, Windows), `install` writes the stock kernelspec
(`python -m ipykernel_launcher`), and a launcher that finds them missing becomes an ordinary kernel.

Usage: `python -m talentcheck.run.kernel.launcher install [--prefix PREFIX]` (done by `make setup`);
the kernelspec runs `python .../run/kernel/launcher.py launch -f CONNECTION_FILE`.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import select
import signal
import socket
import sys
import warnings

NAME = "talentcheck"
DISPLAY_NAME = "Python 3 (talentcheck)"


def idle_seconds(text: str | None) -> float | None:
    """TALENTCHECK_KERNEL_IDLE read as the seconds a server waits for work (a finite number > 0), else None."""
    try:
        value = float(text or 300)
    except ValueError:
        return None
    return value if 0 < value < float("inf") else None


# A bad value is named in one line by `talentcheck run` (run.selection.check_environment); a kernel that Lab or
# nbval starts under it keeps the default rather than fail to start.
IDLE = idle_seconds(os.environ.get("TALENTCHECK_KERNEL_IDLE")) or 300.0
# Variables that differ from one kernel start to the next and that nothing preloaded reads at import.
# (papermill's command sets PYDEVD_DISABLE_FILE_VALIDATION, read only when a debugger starts; pytest sets
# COLUMNS and LINES, read when something asks for the terminal's size, never at import.)
VOLATILE = ("JPY_", "PYTEST_", "TALENTCHECK_", "PWD", "OLDPWD", "SHLVL", "_", "PYDEVD_DISABLE_FILE_VALIDATION",
            "COLUMNS", "LINES")


# ---- the kernelspec ---------------------------------------------------------------------------------

# What the warm-kernel server and its launcher need of the system: Linux has them all, macOS lacks
# pidfd_open, Windows lacks fork and more.
WARM_NEEDS = ((os, "pidfd_open"), (os, "fork"), (os, "getuid"), (socket, "AF_UNIX"), (socket, "send_fds"),
              (socket, "recv_fds"))


def warm_possible() -> bool:
    """True where this Python has every system call warm kernels need (`WARM_NEEDS`)."""
    return all(hasattr(module, name) for module, name in WARM_NEEDS)


def accelerated() -> bool:
    """True where kernels start warm: possible here, and not switched off by TALENTCHECK_COLD_KERNEL."""
    return warm_possible() and not os.environ.get("TALENTCHECK_COLD_KERNEL")


# The kernel class every kernel of the project runs (`ipkernel.Kernel`: a failed cell stops the cells queued behind
# it, in Lab too); named as a string, so that the launcher imports nothing of ipykernel's.
KERNEL_CLASS = "--IPKernelApp.kernel_class=talentcheck.run.kernel.ipkernel.Kernel"


def spec(python: str = sys.executable, warm: bool | None = None) -> dict:
    """The kernelspec: the launcher where kernels can start warm (`warm_possible`), else ipykernel itself, as
    the stock `python3` kernelspec runs it; either runs the project's kernel class."""
    warm = warm_possible() if warm is None else warm
    argv = [python, os.path.abspath(__file__), "launch"] if warm else [python, "-m", "ipykernel_launcher"]
    return {"argv": [*argv, KERNEL_CLASS, "-f", "{connection_file}"], "display_name": DISPLAY_NAME,
            "language": "python", "interrupt_mode": "signal", "metadata": {"debugger": True}}


def spec_path(prefix: str = sys.prefix) -> str:
    return os.path.join(prefix, "share", "jupyter", "kernels", NAME, "kernel.json")


def install(prefix: str = sys.prefix, python: str = sys.executable) -> str:
    """Write the kernelspec into `prefix` (a virtual environment), running `python`; return its path."""
    return write_json(spec_path(prefix), spec(python))


def write_json(path: str, content: dict) -> str:
    """Write `content` to `path` (folders made) unless it holds it already; return the path."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(content, indent=1) + "\n"
    if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return path


def spec_manager():
    """A KernelSpecManager that looks for kernels only in this environment's own folder (`spec_path`): a
    `talentcheck` kernelspec elsewhere on the Jupyter path (JUPYTER_PATH, the user's home) is never used."""
    from talentcheck.run.kernel.clients import KernelSpecs

    return KernelSpecs()


def spec_digest() -> str:
    """What the cache key needs to know about the kernel: the interpreter the project's kernelspec runs and
    how (its path in this environment and its bytes; `spec_manager` finds no other)."""
    path = spec_path()
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(path.encode() + b"\0" + handle.read()).hexdigest()
    except OSError:
        return "no kernelspec"


# ---- the server's address: one per interpreter, installed packages and environment -------------------

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "server.py")


def volatile(key: str) -> bool:
    return key.startswith(VOLATILE[:3]) or key in VOLATILE[3:]


def fingerprint() -> str:
    """What a server is for: this interpreter, its packages, the environment, the matplotlibrc, and the network
    namespace (a forked kernel listens on the server's localhost: a launcher in another namespace, such as a run
    under `unshare -n`, could not reach it)."""
    digest = hashlib.sha256(f"{sys.executable}\0{sys.version}\0{network_namespace()}\0".encode())
    for code in (__file__, SERVER):  # a changed launcher or server gets a new server
        with open(code, "rb") as handle:
            digest.update(handle.read())
    for entry in sys.path:
        if os.path.isdir(entry):
            digest.update(" ".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
    for key in sorted(os.environ):
        if not volatile(key):
            digest.update(f"{key}={os.environ[key]}\0".encode())
    digest.update(matplotlibrc(os.getcwd()))
    return digest.hexdigest()[:16]


def network_namespace() -> str:
    """This process's network namespace on Linux ("net:[4026531840]"); "" where the system does not say."""
    try:
        return os.readlink("/proc/self/ns/net")
    except OSError:
        return ""


def matplotlibrc(cwd: str) -> bytes:
    """Which matplotlibrc a kernel started in `cwd` reads when it imports matplotlib (matplotlib's own order:
    the folder, $MATPLOTLIBRC, the config folder), and its bytes; b"" for matplotlib's defaults."""
    given = os.environ.get("MATPLOTLIBRC", "")
    config = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config"), "matplotlib")
    for path in (os.path.join(cwd, "matplotlibrc"), given, given and os.path.join(given, "matplotlibrc"),
                 os.path.join(config, "matplotlibrc")):
        if path and os.path.isfile(path):
            with open(path, "rb") as handle:
                return path.encode() + b"\0" + handle.read()
    return b""


def project() -> tuple[str, str] | None:
    """(root, `project_state`) of the project a kernel started here and now would load; None where the data is
    elsewhere (`TALENTCHECK_DATA`: the tests' edited copies) or no project is found: kernels load those themselves."""
    try:
        from talentcheck import paths

        root = paths.find_root()
        if paths.data_dir() != root / "data":
            return None
        return str(root), project_state(root)
    except Exception:  # no project here, an unreadable file: the kernel will say what it finds
        return None


def project_state(root) -> str:
    """The project at `root` as a kernel would load it now: a digest of the package code it imports, of data/
    and of the names in notebooks/, after a digest of `root` itself (the part a newer state shares)."""
    from pathlib import Path

    from talentcheck import hashing, paths

    digest = hashlib.sha256(str(root).encode())
    hashing.add_files(digest, Path(paths.__file__).resolve().parent)
    hashing.add_files(digest, Path(root) / "data")
    hashing.add_names(digest, Path(root) / "notebooks")
    return f"{hashlib.sha256(str(root).encode()).hexdigest()[:8]}-{digest.hexdigest()[:16]}"


def sockets() -> str:
    """The folder of this user's kernel servers' sockets (every clone's and environment's), created if missing."""
    import stat

    runtime = os.environ.get("XDG_RUNTIME_DIR") or ""
    if not (os.path.isabs(runtime) and os.path.isdir(runtime)):  # unset, relative or absent: never create it
        runtime = "/tmp"
    folder = os.path.join(runtime, f"talentcheck-kernels-{os.getuid()}")
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, mode=0o700)
    found = os.lstat(folder)
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        # a launcher sends its environment and standard streams through this folder: only ever to our own
        raise PermissionError(f"{folder} is not a folder of this user's alone; kernels start cold")
    return folder


def address(digest: str | None = None) -> str:
    """The server's socket: one per interpreter, packages and environment (`fingerprint`), and per project
    state (`project`) for a server that has loaded the project."""
    where = os.path.join(sockets(), f"{fingerprint()}{'-' + digest if digest else ''}.sock")
    if len(os.fsencode(where)) > 100:  # a Unix socket's path has room for 107 bytes
        raise OSError(f"{where} is too long for a socket; kernels start cold")
    return where


# ---- the launcher (what the kernelspec runs) ---------------------------------------------------------

def cold(argv: list[str]) -> None:
    """Become an ordinary kernel: exactly what the stock `python3` kernelspec runs."""
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def _connect(start: bool) -> socket.socket:
    """A connection to the server for a kernel started here and now, starting the server if `start`."""
    found = project()
    where = address(found and found[1])
    try:
        return _dial(where)
    except OSError:
        if not start:
            raise
    import stat
    import subprocess
    import time

    if os.path.lexists(where) and not stat.S_ISSOCK(os.lstat(where).st_mode):
        raise FileExistsError(f"{where} is not a socket; kernels start cold")  # no server could listen there

    # The server's environment: this one less what differs per kernel start (JPY_*, PYTEST_*, TALENTCHECK_*).
    environment = {key: value for key, value in os.environ.items() if not key.startswith(VOLATILE[:3])}
    server = subprocess.Popen([sys.executable, SERVER, where, str(IDLE), *(found[:1] if found else [])], start_new_session=True,
                              env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with warnings.catch_warnings():  # the server outlives this process by design (it ends when idle): Popen's
        warnings.simplefilter("ignore", ResourceWarning)  # "still running" warning (an error under -W error) is no news
        del server  # (subprocess reaps it later if it has ended by then)
    deadline = time.monotonic() + 10
    while True:
        time.sleep(0.02)
        try:
            return _dial(where)
        except OSError:
            if time.monotonic() > deadline:
                raise


def _dial(where: str) -> socket.socket:
    """A connection to the server listening at `where` (OSError if none does)."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(where)
    except OSError:
        client.close()
        raise
    return client


def prepare() -> None:
    """Before notebooks run: register the kernelspec if this environment lacks it (one set up without
    `make setup`), and start the kernel server if none runs, without waiting for its imports."""
    try:
        if not os.path.exists(spec_path()):
            install()
        if accelerated():
            _connect(start=True).close()
    except OSError:
        pass  # a read-only environment: papermill names the missing kernel; no server: kernels start cold


def stop_server() -> bool:
    """Stop every kernel server this clone's code started, whatever environment started it (a shell, a run, the
    tests, JupyterLab's kernels: each has a fingerprint of its own), by the process id each wrote beside its
    socket with the path of its code; servers of other clones, which share the folder, are left alone. False if
    none ran."""
    if not warm_possible():
        return False
    import fcntl
    import glob

    stopped = False
    for name in glob.glob(os.path.join(glob.escape(sockets()), "*.sock.lock")):
        try:
            with open(name) as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    continue  # nobody holds the lock: no server
                except BlockingIOError:
                    pid, _, code = lock.read().partition("\n")
            if code.strip() == SERVER:
                os.kill(int(pid), signal.SIGTERM)
                stopped = True
        except (OSError, ValueError):
            pass
    return stopped


def launch(argv: list[str]) -> None:
    """Ask the server for a kernel, then stand in for it until it exits (or become a cold one). The kernel
    is not the launcher's child, so when the launcher's parent (a runner's worker, nbval, Lab) ends, even by
    `kill -9`, the launcher ends the kernel: a killed run leaves no kernel computing. (A cold kernel is
    ipykernel itself, which exits when its parent does.)"""
    if not accelerated():  # a Python without the calls below (macOS), or warm kernels switched off
        cold(argv)
    try:  # the client that asked for the kernel (jupyter_client names it), else whoever started this launcher
        parent = os.pidfd_open(int(os.environ.get("JPY_PARENT_PID") or os.getppid()))
    except ProcessLookupError:  # it is gone already (killed while starting us): nobody will talk to a kernel
        sys.exit(0)
    except (OSError, ValueError):
        cold(argv)
    try:
        # A server that stops just as we dial (idle, or superseded by a newer state of the project) closes
        # our connection unanswered: ask again, which reaches (or starts) the server of the state now.
        for _ in range(3):
            client = _connect(start=True)
            client.settimeout(120)  # the server's first request waits for its imports
            request = {"argv": argv, "env": dict(os.environ), "cwd": os.getcwd(), "path": sys.path}
            try:
                socket.send_fds(client, [b"R"], [0, 1, 2])
                client.sendall(json.dumps(request).encode() + b"\n")
                # The first reply waits for the server's imports: if the parent dies meanwhile, leave (closing
                # the socket ends a kernel the server forks for this request).
                if parent in select.select([client, parent], [], [], 120)[0]:
                    sys.exit(0)
                reply = client.makefile("rb").readline()
            except ConnectionError:  # closed before or while we asked
                reply = b""
            if reply:
                break
            client.close()
        pid = json.loads(reply)["pid"]
        watch = os.pidfd_open(pid)
    except (OSError, ValueError, KeyError):
        cold(argv)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(signum, lambda signum, frame: os.kill(pid, signum))
    ready, _, _ = select.select([watch, parent], [], [])  # readable once the kernel, or the parent, has exited
    if watch not in ready:  # orphaned: end the kernel, by force if it does not end within a few seconds
        os.kill(pid, signal.SIGTERM)
        if not select.select([watch], [], [], 5)[0]:
            os.kill(pid, signal.SIGKILL)
    sys.exit(0)


def main(argv: list[str]) -> None:
    if sys.path and os.path.dirname(os.path.abspath(__file__)) == os.path.abspath(sys.path[0] or "."):
        del sys.path[0]  # run as a script: this folder must not shadow modules (data, paths, ...)
    command, *rest = argv or ["help"]
    if command == "launch":
        launch(rest)
    elif command == "stop":
        print("stopped" if stop_server() else "no kernel server was running")
    elif command == "install":
        prefix = rest[rest.index("--prefix") + 1] if "--prefix" in rest else sys.prefix
        print(install(os.path.abspath(prefix)))
    else:
        sys.exit("usage: python -m talentcheck.run.kernel.launcher install [--prefix PREFIX] | stop | launch -f CONNECTION_FILE")


if __name__ == "__main__":
    main(sys.argv[1:])
