"""The test tiers and a one-notebook run, timed side by side with another checkout of the project (the
baseline: an earlier commit in a worktree with its own `make setup`), round by round, one after another.

    python benchmarks/bench_tests.py BASELINE [--rounds N] [--test]

Each round times, in the baseline and then here: `make check`; a `talentcheck run` of a small notebook into a
new output folder, with the cache warm from a first run (what a reader who reruns one notebook waits for: the
other notebooks' results carry over into the report); and, with --test, `make test`. It prints min/median/max
of each over the rounds. Both checkouts use the same machine and the same kernel-server state, so the rounds
alternate to spread the machine's noise over both.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} in {cwd} failed: {done.stderr.strip().splitlines()[-1:]}")
    return time.perf_counter() - start


def small_notebook(folder: Path) -> Path:
    sys.path.insert(0, str(HERE / "tests"))
    from helpers import small_notebook as write

    return write(folder / "90_bench.ipynb", "n: int = 2  # range: >= 1. How many", "print(n * 21)")


def one_run(checkout: Path, notebook: Path, scratch: Path, round_: int) -> float:
    """A run of `notebook` into a new folder, with a cache that a first run (not timed) has filled."""
    env = {"TALENTCHECK_CACHE": str(scratch / f"cache-{checkout.name}")}
    talentcheck = str(checkout / ".venv" / "bin" / "talentcheck")
    if round_ == 0:
        timed([talentcheck, "run", str(notebook), "--output", str(scratch / f"warm-{checkout.name}")], checkout, env)
    return timed([talentcheck, "run", str(notebook), "--output", str(scratch / f"out-{checkout.name}-{round_}")], checkout, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline", type=Path, help="another checkout of the project, set up (make setup)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--test", action="store_true", help="time make test too (minutes a round)")
    args = parser.parse_args()
    checkouts = {"baseline": args.baseline.resolve(), "this": HERE}
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        notebook = small_notebook(scratch)
        for round_ in range(args.rounds):
            for name, checkout in checkouts.items():
                times.setdefault(f"make check ({name})", []).append(timed(["make", "check"], checkout))
                times.setdefault(f"run of one small notebook ({name})", []).append(one_run(checkout, notebook, scratch, round_))
                if args.test:
                    times.setdefault(f"make test ({name})", []).append(timed(["make", "test"], checkout))
            print(f"round {round_ + 1} done", file=sys.stderr)
    for what, seconds in times.items():
        print(f"{what:45} min {min(seconds):7.1f} s  median {statistics.median(seconds):7.1f} s  max {max(seconds):7.1f} s")


if __name__ == "__main__":
    main()
