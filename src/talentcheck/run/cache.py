"""The notebook cache: a notebook already executed with the same notebook file, parameters, data and
package code is not run again; its executed copy and HTML page come from `.cache/notebooks/` (`--force`
skips it). An executed notebook that was rendered before, by the same code, gets its page from there too.
Each entry holds the SHA-256 of its files and is verified when read; an unusable entry is discarded."""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import stat
import sys
from pathlib import Path

import talentcheck
from talentcheck import hashing
from talentcheck.paths import NOTEBOOKS, cache_dir, data_dir
from talentcheck.run.kernel import launcher
from talentcheck.run.progress import first_line, warn

ENVIRONMENT = ("MPLBACKEND", "MPLCONFIGDIR", "MATPLOTLIBRC", "PYTHONPATH", "PYTHONHASHSEED", "PYTHONWARNINGS",
               "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONSTARTUP", "IPYTHONDIR", "TZ", "LANG", "LANGUAGE")
"""The environment variables, with every LC_*, that kernels inherit and that can change what a notebook outputs
(`MPLBACKEND=Agg` drops the charts): part of the key. Nothing that differs per start (JPY_*, PYTEST_*) and not
TALENTCHECK_COLD_KERNEL (cold and warm kernels give the same output)."""

ENTRIES = 100
"""The cache keeps the most recently used entries, at most this many (an entry: a notebook and its page, or
the page of a notebook the run did not execute)."""
DURATIONS = "talentcheck-durations.json"
VALIDATED = "talentcheck-validated.txt"  # the tree digest under which the data last passed its checks


def own_bytes(path: Path) -> bytes:
    """The bytes of a regular file at `path` itself, never through a link: ValueError saying what else it is."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        raise ValueError("is missing") from None
    if stat.S_ISLNK(mode):
        raise ValueError("is a link, which a run does not follow")
    if not stat.S_ISREG(mode):
        raise ValueError("is not a regular file")
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(handle, "rb") as opened:
        return opened.read()


def code_digest() -> str:
    """A digest of the code that turns a notebook into outputs and pages: Python, the `ENVIRONMENT` variables,
    the installed packages (by their versioned .dist-info folders, which are quick to list) and the package's
    own code, wherever it is imported from."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(json.dumps({k: v for k, v in sorted(os.environ.items()) if k in ENVIRONMENT or k.startswith("LC_")}).encode())
    for entry in sys.path:
        if os.path.isdir(entry):
            digest.update(" ".join(sorted(n for n in os.listdir(entry) if n.endswith(".dist-info"))).encode())
    hashing.add_files(digest, Path(talentcheck.__file__).resolve().parent)
    return digest.hexdigest()


def tree_digest() -> str:
    """A digest of everything a notebook's outputs depend on besides itself: `code_digest()`, the kernel that
    runs it, the matplotlibrc it reads and the data."""
    digest = hashlib.sha256(code_digest().encode())
    digest.update(launcher.spec_digest().encode())  # which interpreter, started how, runs the notebooks
    digest.update(launcher.matplotlibrc(str(NOTEBOOKS)))  # how the kernels, started in notebooks/, draw
    hashing.add_files(digest, data_dir())
    # the claims name the notebooks (a renamed one fails the data check); not a refresh's folder there, which comes and goes
    digest.update("\0".join(sorted(n for n in os.listdir(NOTEBOOKS) if n.endswith(".ipynb"))).encode() + b"\0\0")
    return digest.hexdigest()


def key(source: Path, parameters: dict, tree: str) -> str:
    """The cache entry of a notebook run: the notebook, its parameters, and `tree_digest()`."""
    digest = hashlib.sha256(f"{tree}\0{source.name}\0".encode())  # its name too: an entry's files are named by it
    digest.update(source.read_bytes())
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    return digest.hexdigest()


def restore(job) -> bool:
    """Copy a cached run of `job` (an `execution.Job`) into place if there is one whose files match their recorded checksums.
    A corrupt or unreadable entry is discarded (the notebook is then executed)."""
    folder = cache_dir() / job.key
    if not folder.exists():
        return False
    files = {job.source.name: job.target, job.html.name: job.html}
    try:
        _, blobs = _read(folder, list(files))
    except (OSError, ValueError, AttributeError) as err:
        warn(f"cache entry for {job.source.name} is unusable ({first_line(err)}); discarded, executing the notebook")
        shutil.rmtree(folder, ignore_errors=True)
        return False
    for name, blob in blobs.items():  # a failed write here (a full disk) is the run's, not the entry's
        files[name].write_bytes(blob)
    with contextlib.suppress(OSError):
        os.utime(folder)  # most recently used: the last to be pruned
    return True


def _read(folder: Path, names: list[str]) -> tuple[dict, dict]:
    """An entry's recorded checksums and the bytes of its files `names`; ValueError if one does not match."""
    sums = json.loads(own_bytes(folder / "sha256.json"))  # a FIFO or link planted in the cache is refused, not opened
    blobs = {name: own_bytes(folder / name) for name in names}
    if any(hashing.sha256(blob) != sums.get(name) for name, blob in blobs.items()):
        raise ValueError("a file does not match its checksum")
    return sums, blobs


def checksums(key: str, names: list[str]) -> dict | None:
    """{file name: SHA-256} of the entry `key` if its files `names` are there and match them (it is then the
    most recently used), else None; nothing is discarded here (`restore` does that, saying why)."""
    folder = cache_dir() / key
    try:
        sums, _ = _read(folder, names)
        os.utime(folder)
    except (OSError, ValueError, AttributeError):
        return None
    return {name: sums[name] for name in names}


def store(job) -> None:
    """Store the `execution.Job`'s notebook and page with their checksums; a cache that cannot be written is a warning."""
    try:
        blobs = {path.name: path.read_bytes() for path in (job.target, job.html)}
    except OSError as err:
        warn(f"could not read {err.filename} to cache it ({err.strerror or err}); the run is unaffected")
        return
    _store(job.key, blobs)


def _store(key: str, blobs: dict[str, bytes]) -> None:
    """Write the entry `key`: the files `blobs` and their checksums, in a folder renamed into place whole."""
    folder = cache_dir() / key
    tmp = cache_dir() / f".{key}.{os.getpid()}"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for name, blob in blobs.items():
            (tmp / name).write_bytes(blob)
        sums = {name: hashing.sha256(blob) for name, blob in blobs.items()}
        (tmp / "sha256.json").write_text(json.dumps(sums, sort_keys=True), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    except OSError as err:
        shutil.rmtree(tmp, ignore_errors=True)
        if str(cache_dir()) not in _unwritable:  # once for each folder: a run stores a dozen entries
            _unwritable.add(str(cache_dir()))
            warn(f"could not write the cache in {cache_dir()} ({err.strerror or err}); the run is unaffected")


_unwritable: set[str] = set()


PAGE = "page.html"


@functools.cache
def _renderer() -> str:
    """`code_digest()` once per process: the code that renders pages is the code imported when the first was."""
    return code_digest()


def page(notebook) -> str:
    """The notebook's HTML page (`report.pages.notebook_html`), rendered once for each notebook content and
    `code_digest()`: a run renders the pages of the notebooks it did not execute, and rendering one takes
    about half a second."""
    from talentcheck.report.pages import notebook_html

    key = hashlib.sha256(f"page\0{_renderer()}\0{json.dumps(notebook, sort_keys=True)}".encode()).hexdigest()
    try:
        _, blobs = _read(cache_dir() / key, [PAGE])
        os.utime(cache_dir() / key)
        return blobs[PAGE].decode("utf-8")
    except (OSError, ValueError, AttributeError):  # none yet, or unusable (UnicodeDecodeError is a ValueError)
        html = notebook_html(notebook)
        _store(key, {PAGE: html.encode("utf-8")})
        return html


READINGS = "readings.json"


def _readings_key(notebook: str, params: dict, tree: str) -> str:
    return hashlib.sha256(f"readings\0{tree}\0{notebook}\0{json.dumps(params, sort_keys=True)}".encode()).hexdigest()


def known_readings(notebook: str, params: dict, tree: str) -> tuple[dict, list[str]] | None:
    """The readings (`topics.readings.readings`) of `notebook` under `params`, and the notes of readings its cards
    leave out, as worked out before under this very `tree_digest()` (the same code and data), else None:
    re-judging notebook 04's claims takes seconds."""
    key = _readings_key(notebook, params, tree)
    try:
        _, blobs = _read(cache_dir() / key, [READINGS])
        os.utime(cache_dir() / key)
        kept = json.loads(blobs[READINGS])
        return kept["readings"], kept["skipped"]
    except (OSError, ValueError, AttributeError, KeyError, TypeError):  # none yet, or unusable
        return None


def keep_readings(notebook: str, params: dict, tree: str, found: dict, skipped: list[str]) -> None:
    """Remember `found`, the readings of `notebook` under `params` and `tree`, and `skipped`, the notes of the
    readings left off its cards, said again by a run that takes them from here (see `known_readings`)."""
    kept = {"readings": found, "skipped": skipped}
    _store(_readings_key(notebook, params, tree), {READINGS: json.dumps(kept, sort_keys=True).encode("utf-8")})


def validated(tree: str) -> bool:
    """Whether the data passed `data.validate_all` under this very `tree_digest()`: the same data, checked by the
    same code in the same environment."""
    try:
        return own_bytes(cache_dir() / VALIDATED).decode("utf-8") == tree
    except (OSError, ValueError):
        return False


def mark_validated(tree: str) -> None:
    """Record that the data passed its checks under `tree` (see `validated`)."""
    _write_quietly(VALIDATED, tree)


def _write_quietly(name: str, text: str) -> None:
    """Replace the cache folder's file `name` whole; if the cache cannot be written, do nothing (these files
    only save work: a run without them checks the data again and orders its notebooks as given)."""
    tmp = cache_dir() / f".{name}.{os.getpid()}"
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache_dir() / name)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def durations() -> dict[str, float]:
    """{notebook file name: seconds} of each notebook's last execution, so that a run starts the longest first
    (two workers finish together rather than one waiting on the last long notebook); {} if none is recorded."""
    try:
        found = json.loads(own_bytes(cache_dir() / DURATIONS))
        return {str(name): float(seconds) for name, seconds in found.items()}
    except Exception:  # whatever is in the file (it only orders the run): as if there were none
        return {}


def record_durations(results) -> None:
    """Add the executed notebooks' times to `durations()` (best effort: it only orders the next run)."""
    timed = {r.notebook: round(r.seconds, 2) for r in results if r.ok and not r.cached}
    _write_quietly(DURATIONS, json.dumps({**durations(), **timed}, sort_keys=True))


def is_entry(folder: Path) -> bool:
    """A cache entry: a folder named by a key (64 hex digits) holding its checksums. Nothing else in the
    cache folder is ever removed, whatever TALENTCHECK_CACHE points at."""
    return len(folder.name) == 64 and all(c in "0123456789abcdef" for c in folder.name) and (folder / "sha256.json").is_file()


def prune(keep: int = ENTRIES) -> None:
    """Remove all but the `keep` most recently used cache entries, and the half-written entries of processes
    that are gone (a run killed while it stored one)."""
    import psutil

    try:
        found = list(cache_dir().iterdir())
    except OSError:
        return
    for tmp in found:
        key, _, pid = tmp.name[1:].partition(".")
        if tmp.name.startswith(".") and len(key) == 64 and pid.isdigit() and tmp.is_dir() and not tmp.is_symlink() \
                and not psutil.pid_exists(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)
    try:
        entries = sorted((p for p in found if p.is_dir() and not p.is_symlink() and is_entry(p)),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in entries[keep:]:
        shutil.rmtree(old, ignore_errors=True)
