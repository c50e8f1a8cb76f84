"""What a published output was made from, recorded beside it in `DIR/.talentcheck-manifest.json`, so that
a rerun on the same inputs stops before anything heavy (pandas, the data checks, the report).

The manifest holds a digest of the run's inputs (`inputs`), the SHA-256 of every file published with it,
and the verdicts that differed from their defaults (for a reader: an early stop works them out again from the
published verdicts.csv, so an edited manifest cannot report false flips). A rerun is unchanged, and writes nothing, only when
the digest is the same, every published file is there with its recorded checksum (none added), and
every notebook's cache entry is intact and holds the very notebook and page published. Anything else (a
changed data file, notebook, parameter, package source, installed package or kernelspec; a damaged
output or cache entry) and the run goes the full way, which publishes a new output and manifest.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from talentcheck import hashing
from talentcheck.paths import ROOT, data_dir, notebooks
from talentcheck.report import claimreview
from talentcheck.run import cache
from talentcheck.run.cache import own_bytes

NAME = ".talentcheck-manifest.json"
UNLISTED = {NAME, ".talentcheck-pid"}
"""Files of an output folder the manifest does not list: itself, and a staging folder's owner (`publishing.OWNER`)."""


def inputs(keys: dict[Path, str], tree: str, site_url: str | None = None, date: str | None = None) -> str:
    """A digest of what a run's outputs are made from, besides the previous output (whose files the manifest
    checks): each notebook run, by path and cache key (`cache.key`: its file, parameters and `tree`), the
    committed notebooks (the default verdicts, and what a partial run may carry over), the review's date and
    address, and where the project and its data are."""
    digest = hashlib.sha256(f"{tree}\0{ROOT}\0{data_dir()}\0{claimreview.date_published(date)}\0{site_url}".encode())
    for path, key in keys.items():
        digest.update(f"\0run {path}\0{key}".encode())
    for path in notebooks():
        digest.update(f"\0committed {path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def published(folder: Path) -> dict[str, str] | None:
    """{path in `folder`: SHA-256} of every file in it but `UNLISTED`; None if it holds a link or anything
    that is neither file nor folder (never the case in an output talentcheck wrote)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            return None
        if path.is_file() and name not in UNLISTED:
            found[name] = hashing.file_sha256(path)
    return found


def record(staging: Path, digest: str | None, flips: list) -> None:
    """Write the manifest of the output in `staging`, made from inputs `digest`, into it (None: inputs that changed
    while the run went on, which no later run matches; the checksums still vouch for the files)."""
    manifest = {"inputs": digest, "files": published(staging), "flips": [list(f) for f in flips]}
    (staging / NAME).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def unchanged(output: Path, keys: dict[Path, str], digest: str) -> list | None:
    """The flips recorded with `output` if it already holds what a run on inputs `digest` would publish
    (see the module's docstring); else None."""
    try:
        recorded = json.loads(own_bytes(output / NAME))  # never a link, and a FIFO is not opened (it would block)
        files = recorded["files"]
        if recorded["inputs"] != digest or published(output) != files:
            return None
        for path, key in keys.items():
            page = f"{path.stem}.html"
            if cache.checksums(key, [path.name, page]) != {path.name: files.get(f"notebooks/{path.name}"),
                                                           page: files.get(f"report/notebooks/{page}")}:
                return None
        return [tuple(f) for f in recorded["flips"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def recorded_files(output: Path) -> dict[str, str]:
    """{path in `output`: SHA-256} as its manifest records them; {} if it has no manifest that can be read (a link,
    a file that is not its JSON): nothing in it is then vouched for."""
    try:
        files = json.loads(own_bytes(output / NAME))["files"]
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def verified(output: Path, name: str, recorded: dict[str, str]) -> bytes:
    """The bytes of the executed notebook `name` in `output/notebooks/`, checked against the SHA-256 its run
    recorded (`recorded_files`): ValueError saying why they cannot be trusted (a link, a folder that is a link,
    a file edited since, no manifest). Nothing of the file is quoted."""
    folder = output / "notebooks"
    if folder.is_symlink():
        raise ValueError("lies in a folder that is a link, which a run does not follow")
    try:
        blob = own_bytes(folder / name)
    except OSError as err:
        raise ValueError(f"cannot be read ({err.strerror or type(err).__name__})") from None
    expected = recorded.get(f"notebooks/{name}")
    if expected is None:
        raise ValueError(f"is not vouched for by a checksum in {NAME}")
    if hashing.sha256(blob) != expected:
        raise ValueError(f"does not match the checksum its run recorded in {NAME} (edited since)")
    return blob
