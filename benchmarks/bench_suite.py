"""Time the whole suite three ways, in one run, and print the ratios the project aims for.

1. the baseline: one `papermill` command per notebook, one after another;
2. `talentcheck run --force`: every notebook executed (in parallel, one Python process starting papermill);
3. `talentcheck run` again with nothing changed: every notebook comes from the cache.

Targets: (2) at most half of (1); (3) under 2 s. Usage: `make bench` or `.venv/bin/python benchmarks/bench_suite.py`.
Results and the machine they were measured on are in benchmarks/README.md.
"""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> int:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        baseline = sum(timed([str(BIN / "papermill"), str(nb), str(Path(tmp) / nb.name), "-k", "python3"],
                             cwd=ROOT / "notebooks") for nb in notebooks)
        suite = timed([str(BIN / "talentcheck"), "run", "--force", "--output", str(Path(tmp) / "out")])
        rerun = timed([str(BIN / "talentcheck"), "run", "--output", str(Path(tmp) / "out")])
    print(f"machine: {machine()}")
    print(f"notebooks: {len(notebooks)}")
    print(f"papermill, one command per notebook: {baseline:6.1f} s")
    print(f"talentcheck run --force:             {suite:6.1f} s  ratio {suite / baseline:.2f} (target <= 0.50)")
    print(f"talentcheck run, nothing changed:    {rerun:6.1f} s  (target < 2 s)")
    return 0 if suite / baseline <= 0.5 and rerun < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
