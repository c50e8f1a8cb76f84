"""SHA-256, the one way the suite hashes what it reads: a file (`file_sha256`, read in blocks), bytes already
in memory (`sha256`), and a folder's files or names fed into a running digest (`add_files`, `add_names`) for
the keys that say what an output was made from."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from talentcheck.paths import files_under

BLOCK = 1 << 20


def sha256(blob: bytes) -> str:
    """The SHA-256 of `blob`, in hex."""
    return hashlib.sha256(blob).hexdigest()


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex, read a block at a time (the raw NeurIPS inputs run to megabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def add_files(digest, folder: Path) -> None:
    """Feed every file below `folder` (`paths.files_under`) into `digest`: its path in the folder, its size and its
    bytes (the size keeps one file's end from passing for the next one's name)."""
    for path in files_under(folder):
        blob = path.read_bytes()
        digest.update(f"{path.relative_to(folder)}\0{len(blob)}\0".encode())
        digest.update(blob)


def add_names(digest, folder: Path) -> None:
    """Feed the names in `folder` into `digest` (the claims name the notebooks in notebooks/), hidden ones aside: no
    notebook's name starts with a dot, and JupyterLab's .ipynb_checkpoints/ or a refresh's staging folder there
    changes nothing a kernel loads."""
    digest.update("\0".join(sorted(n for n in os.listdir(folder) if not n.startswith("."))).encode() + b"\0\0")
