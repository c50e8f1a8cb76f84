"""Download upstream files at their pinned commits, each checked against its sha256 (pooch does the work).

A file is named by its mirror path, `github/<owner>/<repo>/<commit>/<path>`: it is published at
`https://raw.githubusercontent.com/<owner>/<repo>/<commit>/<path>` and lands at `<to>/<mirror path>`, so
a folder that `talentcheck neurips fetch` filled is itself laid out as a mirror. `mirror` replaces the
GitHub host by a folder or URL laid out the same way (the folder holding `github/`), such as
../shared/raw/upstream or a local HTTP server serving it. A file already in place with the right sha256
is not fetched again.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from talentcheck import hashing
from talentcheck.data.files import written_whole
from talentcheck.errors import DataError, FetchError
from talentcheck.paths import identifier_problem, inside

RAW_GITHUB = "https://raw.githubusercontent.com/"
PREFIX = "github/"


def url_of(path: str) -> str:
    """The upstream URL of a mirror path."""
    problem = identifier_problem("mirror path", path)
    if problem:  # never a path that climbs out of its folder or an address that leaves the host
        raise FetchError(f"{str(path)[:200]}: {problem.split(' ', 1)[1]}")
    return RAW_GITHUB + path[len(PREFIX):]


def source_of(path: str, mirror: str | None = None) -> str:
    """Where `path` is fetched from: GitHub, or the same path under the mirror (a URL or a folder, the file
    proven inside it)."""
    url = url_of(path)  # checks the path
    if not mirror:
        return url
    if "://" in mirror:
        return mirror.rstrip("/") + "/" + path
    return str(_inside(Path(mirror), path))


def _inside(folder: Path, path: str) -> Path:
    try:
        return inside(folder, *path.split("/"))
    except DataError as err:
        raise FetchError(f"{path}: {err}") from None


def fetch_file(path: str, sha256: str | None, to: Path, mirror: str | None = None, progress: bool = True) -> Path:
    """Fetch one file to `to/path` and check it; a file whose sha256 differs is refused (and not kept)."""
    import pooch

    pooch.get_logger().setLevel("WARNING")  # `fetch` names each file itself; pooch's own logger may hold a closed stream

    source, target = source_of(path, mirror), _inside(Path(to), path)
    target.parent.mkdir(parents=True, exist_ok=True)
    expected = f" (expected sha256 {sha256})" if sha256 else ""
    if "://" not in source:  # a mirror on disk: copy, then check as pooch would
        if target.is_file() and sha256 and hashing.file_sha256(target) == sha256:
            return target
        if not Path(source).is_file():
            raise FetchError(f"{path}: not found at {source}{expected}")
        with written_whole(target) as partial:  # a failed copy (a full disk) leaves no part behind
            shutil.copyfile(source, partial)
            actual = hashing.file_sha256(partial)
            if sha256 and actual != sha256:
                raise FetchError(f"{path}: sha256 {actual} of {source} does not match the pinned {sha256}; refused")
        return target
    try:
        pooch.retrieve(source, known_hash=f"sha256:{sha256}" if sha256 else None, fname=target.name,
                       path=target.parent, progressbar=progress)
    except ValueError as err:  # pooch: hash mismatch (the download is deleted)
        raise FetchError(f"{path}: what {source} served does not match the pinned sha256 {sha256}; refused "
                         f"({str(err).splitlines()[0]})") from None
    except Exception as err:  # network: requests' errors, HTTP status
        raise FetchError(f"{path}: could not download {source}{expected}: {err}") from None
    return target


def fetch(files: list[tuple[str, str | None]], to: Path, mirror: str | None = None, progress: bool = True,
          echo=print) -> list[Path]:
    """Fetch every (mirror path, sha256) into `to`; one line per file."""
    fetched = []
    for path, sha256 in files:
        target = fetch_file(path, sha256, to, mirror, progress)
        echo(f"ok {path}")
        fetched.append(target)
    return fetched
