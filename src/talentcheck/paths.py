"""Every path the suite uses, built from this file's location, never from the working directory.

papermill, nbval and JupyterLab start kernels in different folders, so nothing may rely on the cwd.
`TALENTCHECK_DATA` points the suite at another data folder (tests use it on a modified copy), and
`TALENTCHECK_CACHE` at another notebook cache.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUTPUT = ROOT / "output"
SHARED_RAW = ROOT.parent / "shared" / "raw"



def data_dir() -> Path:
    """The data folder: data/ in the repository unless TALENTCHECK_DATA says otherwise."""
    return Path(os.environ.get("TALENTCHECK_DATA") or ROOT / "data").resolve()


def cache_dir() -> Path:
    """Where executed notebooks are cached: .cache/notebooks/ unless TALENTCHECK_CACHE says otherwise."""
    return Path(os.environ.get("TALENTCHECK_CACHE") or ROOT / ".cache" / "notebooks")


def display_path(path: Path) -> str:
    """A path as a user should read it in a message: relative to the repo where possible."""
    path = Path(path).resolve()
    for base, prefix in ((data_dir(), "data"), (ROOT, "")):
        try:
            rel = path.relative_to(base)
        except ValueError:
            continue
        return str(Path(prefix) / rel) if prefix else str(rel)
    return str(path)
