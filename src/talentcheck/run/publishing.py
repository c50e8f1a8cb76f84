"""Publishing a run's outputs safely: everything a run writes goes to a staging folder beside the output
folder, and only a run in which every notebook succeeded replaces the previous outputs (by rename). A
failed run keeps what it produced in `<output>.failed/` for inspection.

Only a folder that talentcheck made (it holds the MARKER file) or an empty one is ever replaced, never the
repository, one of its folders or an ancestor of them; `<output>.failed/` likewise. What a killed run
left behind (a staging folder, a retired output) is removed by the next run.
"""
from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

from talentcheck.errors import RunError
from talentcheck.paths import NOTEBOOKS, ROOT, cache_dir, data_dir, display_path
from talentcheck.run.progress import warn

MARKER = ".talentcheck-output"
MARK = "talentcheck output: a later run replaces this whole folder\n"
"""The file that proves a folder was written by talentcheck; only such a folder is ever replaced."""
OWNER = ".talentcheck-pid"
"""In a staging folder: the process id of the run writing it (a folder whose process is gone is debris)."""
LEGACY = {"verdicts.csv", "report", "notebooks"}
"""What the default output/ held before outputs were marked: such a folder there is taken as ours."""


def protected_folders(cache: bool = True) -> dict[Path, str]:
    """{folder: whose} that an output (or a cache, a download, a build) may never be, be inside of, or contain: the
    repository's own, the data folder, and the notebook cache (`cache`)."""
    folders = {(ROOT / name).resolve(): "the repository's" for name in (".git", "data", "notebooks", "src", "tests")}
    folders.setdefault(data_dir().resolve(), "the data folder (TALENTCHECK_DATA)")
    if cache:
        folders.setdefault(cache_dir().resolve(), "the cache (TALENTCHECK_CACHE)")
    return folders


def check_outside_repository(path: Path, what: str, default: str, allow: Path | None = None, cache: bool = True) -> None:
    """Refuse (RunError) a folder a command writes into that is, holds or lies in the repository's own folders
    (data/, notebooks/, src/, tests/, .git/), the data folder or (`cache`) the notebook cache, or that holds the
    repository; `allow` is the one folder among them the command writes by design (`neurips build`'s data/neurips/)."""
    path = Path(path).resolve()
    shown = display_path(path) if path != ROOT else "the repository"
    if allow is not None and path == Path(allow).resolve():
        return
    if path == ROOT or path in ROOT.parents:
        raise RunError(f"{what} {shown}: it holds the repository; choose a folder of its own (default: {default})")
    for folder, owner in protected_folders(cache).items():
        if path == folder or path in folder.parents or folder in path.parents:
            raise RunError(f"{what} {shown}: it is, holds or lies in {owner} {display_path(folder)}/; "
                           f"choose a folder of its own (default: {default})")


def check_target(path: Path, what: str) -> None:
    """Refuse (RunError) to replace `path` unless talentcheck made it (its marker file is there) or it is an
    empty folder or absent; never the repository, one of its folders, or an ancestor of either; never a folder
    inside another output of talentcheck's (the next run there would delete it)."""
    path = path.resolve()
    shown = display_path(path) if path != ROOT else "the repository"
    check_outside_repository(path, what, "output/")
    for folder in path.parents:
        if folder.is_dir() and is_ours(folder):
            raise RunError(f"{what} {shown}: lies inside {display_path(folder)}, an output of talentcheck's, which "
                           "the next run there replaces whole; choose a folder of its own")
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
    import psutil  # not os.kill(pid, 0): on Windows that ends the process

    return psutil.pid_exists(pid)


def remove_debris(output: Path) -> None:
    """Remove what a killed run left beside `output`: its staging folder (holding the pid of a process
    that is gone) or a retired output (named after such a pid, with the marker)."""
    remove_dead(output.parent, f".{glob.escape(output.name)}.*")
    for path in output.parent.glob(f".{glob.escape(output.name)}.retired-*"):
        try:
            pid = int(path.name.rsplit("-", 1)[1])
        except ValueError:
            continue
        if path.is_dir() and not path.is_symlink() and is_ours(path) and pid != os.getpid() and not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)


def remove_dead(folder: Path, pattern: str) -> None:
    """Remove the folders in `folder` matching `pattern` that a process of talentcheck's wrote (they hold its id
    in `OWNER`) and that process is gone: what a killed command left. Anything else is left alone."""
    for path in folder.glob(pattern):
        try:
            if path.is_dir() and not path.is_symlink() and (path / OWNER).is_file() and not (path / OWNER).is_symlink():
                pid = int((path / OWNER).read_text(encoding="utf-8"))
                if pid != os.getpid() and not _alive(pid):
                    shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError, UnicodeDecodeError):
            continue


def prepare_staging(staging: Path) -> None:
    """Mark a new staging folder as this process's and as talentcheck's, with the folders a run fills."""
    (staging / OWNER).write_text(str(os.getpid()), encoding="utf-8")
    (staging / MARKER).write_text(MARK, encoding="utf-8")
    (staging / "notebooks").mkdir()
    (staging / "report" / "notebooks").mkdir(parents=True)


def publish(staging: Path, output: Path) -> None:
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


def keep_failed(staging: Path, failed: Path) -> bool:
    """Keep a failed run's outputs in `failed` (checked again: only a folder of ours is replaced)."""
    try:
        check_target(failed, "the folder for a failed run's notebooks")
        publish(staging, failed)
    except (RunError, OSError) as err:
        warn(f"this run's notebooks were not kept: {err}")
        return False
    return True
