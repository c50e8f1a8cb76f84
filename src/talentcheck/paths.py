"""Every path the suite uses, built from the project root, never from where a kernel happens to start.

The root is the folder holding `data/tables.yaml` (the project marker). It is found, in this order, from
`TALENTCHECK_ROOT`; by walking up from the current directory, as git finds its repository; and from
this file's location (a source checkout, where papermill, nbval and JupyterLab start kernels in other
folders). A `talentcheck` installed from a wheel has only the first two, and outside a project it stops
with one line saying so (`ProjectNotFound`).

`TALENTCHECK_DATA` points the suite at another data folder (tests use it on a modified copy), and
`TALENTCHECK_CACHE` at another notebook cache.
"""
import os
import re
from pathlib import Path

from talentcheck.errors import DataError, ProjectNotFound

MARKER = Path("data") / "tables.yaml"

# Identifiers from data that become file names or links: each must match its pattern in full before any path
# or URL is built from it (`check_identifier`), so that none can climb out of its folder ("../x"), name another
# folder ("a/b"), break a link ("q#frag?x=1") or exceed what a file system takes.
IDENTIFIERS = {
    "claim id": (re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"), 80, "lower-case letters and digits in words joined by '-'"),
    "notebook": (re.compile(r"[0-9]{2}_[a-z0-9]+(?:_[a-z0-9]+)*\.ipynb"), 80,
                 "two digits, '_', then lower-case words joined by '_', ending in .ipynb"),
    "source code": (re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"), 40, "capitals and digits in words joined by '-'"),
    "mirror path": (re.compile(r"github/[A-Za-z0-9_-][A-Za-z0-9_.-]*/[A-Za-z0-9_-][A-Za-z0-9_.-]*/[0-9a-f]{40}"
                               r"(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+"), 300,
                    "github/<owner>/<repo>/<40-hex commit>/<path>, each part letters, digits, '_', '-' or '.' "
                    "and none starting with '.'"),
}


def identifier_problem(kind: str, value) -> str | None:
    """Why `value` is not a valid identifier of `kind` (a key of IDENTIFIERS), or None if it is."""
    pattern, longest, words = IDENTIFIERS[kind]
    if not isinstance(value, str) or not pattern.fullmatch(value):
        return f"{value!r} is not a valid {kind} ({words})"
    if len(value) > longest:
        return f"{value[:40]!r}... is not a valid {kind} (at most {longest} characters)"
    return None


def inside(folder: Path, *parts: str) -> Path:
    """`folder` joined with `parts`, proven to stay inside `folder` once links are resolved (DataError if not)."""
    base = Path(folder).resolve()
    target = base.joinpath(*parts)
    if not target.resolve().is_relative_to(base):
        raise DataError(f"{'/'.join(parts)} would lead outside {display_path(base)}; refused")
    return target


def find_root(start: Path | None = None) -> Path:
    """The project root: TALENTCHECK_ROOT, else the first folder from `start` (the cwd) upwards holding
    data/tables.yaml, else the source checkout this module lives in."""
    if os.environ.get("TALENTCHECK_ROOT"):
        root = Path(os.environ["TALENTCHECK_ROOT"]).resolve()
        if not (root / MARKER).is_file():
            raise ProjectNotFound(f"TALENTCHECK_ROOT={root} is not a talentcheck project (no {MARKER} there)")
        return root
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / MARKER).is_file():
        return checkout
    raise ProjectNotFound(f"{start} is not inside a talentcheck project (no {MARKER} in it or any folder above); "
                          "cd into a clone of the repository or set TALENTCHECK_ROOT")


def __getattr__(name: str) -> Path:
    """ROOT, NOTEBOOKS and SHARED_RAW, found when first used (so that importing never fails)."""
    folders = {"ROOT": "", "NOTEBOOKS": "notebooks", "SHARED_RAW": "../shared/raw"}
    if name not in folders:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        root = find_root()
    except ProjectNotFound:  # importing must not fail: the CLI checks find_root() first and says why in one line
        return (Path.cwd() / folders[name]).resolve()
    value = (root / folders[name]).resolve() if folders[name] else root
    globals()[name] = value
    return value


def _root() -> Path:
    return globals().get("ROOT") or find_root()


def notebooks() -> list[Path]:
    """The suite's notebooks in run order: notebooks/NN_name.ipynb, named as IDENTIFIERS["notebook"] says (other
    files there, "01_copy (1).ipynb" say, are not notebooks of the suite)."""
    found = (_root() / "notebooks").resolve().glob("[0-9][0-9]_*.ipynb")
    return sorted(p for p in found if not identifier_problem("notebook", p.name))


def data_dir() -> Path:
    """The data folder: data/ in the project unless TALENTCHECK_DATA says otherwise."""
    return Path(os.environ.get("TALENTCHECK_DATA") or _root() / "data").resolve()


def cache_dir() -> Path:
    """Where executed notebooks are cached: .cache/notebooks/ unless TALENTCHECK_CACHE says otherwise."""
    return Path(os.environ.get("TALENTCHECK_CACHE") or _root() / ".cache" / "notebooks")


def files_under(folder: Path) -> list[Path]:
    """Every file below `folder`, sorted, through symlinked folders too (`Path.rglob` on Python 3.11 does not
    follow them); a link back to a folder above it is not entered again, and `__pycache__` is left out."""
    found, above = [], {str(folder): {os.path.realpath(folder)}}
    for top, dirs, names in os.walk(folder, followlinks=True):
        ancestors = above.pop(top)
        dirs[:] = [d for d in sorted(dirs) if d != "__pycache__" and os.path.realpath(os.path.join(top, d)) not in ancestors]
        above.update({os.path.join(top, d): ancestors | {os.path.realpath(os.path.join(top, d))} for d in dirs})
        found += [Path(top, name) for name in names if os.path.isfile(os.path.join(top, name))]
    return sorted(found)


def display_path(path: Path) -> str:
    """A path as a user should read it in a message: relative to the repo where possible ("data/x.csv" only
    for the repository's own data/: a TALENTCHECK_DATA folder elsewhere is shown as it is)."""
    path = Path(path).resolve()
    return str(path.relative_to(_root())) if path.is_relative_to(_root()) else str(path)

