"""Shared fixtures: a private copy of data/ that a test may edit, and a helper to edit one CSV cell."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from talentcheck import clear_caches, paths

# Timing is not what the property tests test: a loaded CI machine must not fail them on a deadline.
settings.register_profile("talentcheck", deadline=None)
settings.load_profile("talentcheck")


def _clear_caches():
    clear_caches()


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Tests never read or fill the user's notebook cache."""
    import os

    os.environ["TALENTCHECK_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the suite reads instead of the real one (TALENTCHECK_DATA)."""
    copy = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", copy)
    monkeypatch.setenv("TALENTCHECK_DATA", str(copy))
    _clear_caches()
    yield copy
    monkeypatch.delenv("TALENTCHECK_DATA")
    _clear_caches()


def set_cell(csv_path: Path, match: dict, column: str, value: str) -> None:
    """Set `column` to `value` in every row of `csv_path` whose columns equal `match`."""
    with open(csv_path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    hits = [r for r in rows if all(r[k] == str(v) for k, v in match.items())]
    assert hits, f"no row of {csv_path.name} matches {match}"
    for row in hits:
        row[column] = value
    with open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    _clear_caches()
