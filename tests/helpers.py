"""Builders and waits the test modules share (a plain module: test modules do not import each other)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat

from conftest import set_cell

ORIGIN_CSV = "tracker/origin_undergrad.csv"


def small_notebook(path: Path, parameters: str, body: str = "x = 1") -> Path:
    """Write a notebook of two cells, a tagged parameters cell and `body`, run by the stock python3 kernel."""
    cells = [nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(body)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                        "language": "python"}})
    nbformat.write(nb, path)
    return path


def eventually(condition, seconds: float) -> bool:
    """Poll `condition()` until it is true (True) or `seconds` pass (False)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def wait_until(condition, seconds: float, what: str) -> None:
    """Poll `condition()` until it is true; fail naming `what` if `seconds` pass first."""
    assert eventually(condition, seconds), f"waited {seconds:g} s for {what}"


def children(pid: int) -> list[int]:
    """The process ids whose parent is `pid` (read from /proc: Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def workers_of(pid: int) -> list[int]:
    """The children of `pid` in its own session: its workers, not a kernel server it started (that one
    lives on in a session of its own)."""
    found = []
    for child in children(pid):
        try:
            if os.getsid(child) == os.getsid(pid):
                found.append(child)
        except ProcessLookupError:
            pass
    return found


# ---- corrupt copies of data/ (each takes the copy's folder) --------------------------------------------

def corrupt_ragged(d):
    path = d / ORIGIN_CSV
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], lines[1] + ",extra", *lines[2:]]) + "\n")


def corrupt_column(d):
    path = d / ORIGIN_CSV
    path.write_text(path.read_text().replace(",share_pct,", ",share,", 1))


def corrupt_sum(d):
    set_cell(d / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "India"}, "share_pct", "30")


def corrupt_duplicate_claim(d):
    path = d / "claims.yaml"
    path.write_text(path.read_text().replace("- id: origin-47-18-5", "- id: nearly-half-undergrad-china"))


def corrupt_missing_notebook(d):
    path = d / "claims.yaml"
    path.write_text(path.read_text().replace("notebook: 08_money.ipynb", "notebook: 09_gone.ipynb", 1))


def corrupt_encoding(d):
    path = d / "money" / "huawei_rd.csv"
    path.write_bytes(path.read_bytes() + b"2025,1\xff,x,secondary,https://example.org\n")


def corrupt_unreadable(d):
    path = d / "money" / "university_budgets.csv"
    path.unlink()
    path.mkdir()


def corrupt_undeclared(d):
    (d / "tracker" / "extra.csv").write_text("year,share_pct\n2022,5\n")
