"""Time the whole suite side by side, several rounds in one run, and print min/median/max and ratios.

Each round runs, one after another (so that the ratios compare runs made under the same load):
1. the baseline: one `papermill` command per notebook with the stock `python3` kernel (cold kernels);
2. `talentcheck run --force` with cold kernels (`TALENTCHECK_COLD_KERNEL=1`): what the kernel alone buys;
3. `talentcheck run --force` with no kernel server running (it starts one: a fresh clone's first run);
4. `talentcheck run --force` again, the kernel server now running;
5. `talentcheck run` with nothing changed (every notebook from the cache);
6. nbval over notebooks/ as `make test` runs it (`-n 2 --dist loadfile`), as it ran when issue 17 was filed
   (cold kernels and nbval's own client: `-p no:talentcheck.run.kernel.nbval_plugin`), then as it runs now;
7. one kernel started through the project's kernelspec until pandas, matplotlib, seaborn and talentcheck
   are imported in it, cold then warm (peak memory not sampled: 0);
8. one notebook rerun with another parameter into a new folder (`talentcheck run 07_... -p utilisation 0.8
   --force --output NEW`), its report rendering the other notebooks' pages from the cache, then with a cache
   that holds only the data check (every page rendered, as before `cache.page`).
With BENCH_MAKE_TEST=1, after the rounds: the whole test suite once, as `make test` runs it (about 1.5
minutes on two quiet cores), its wall time printed apart (one sample, no ratio).

Targets (issue 17): (4) at most 0.30 of (1); (5) under 1 s; (6) warm at most half of cold per notebook.
Peak memory is the largest sum of proportional set sizes (PSS) of this checkout's processes, sampled
every 0.1 s. Usage: `make bench` (BENCH_ROUNDS=N for more rounds). Results: benchmarks/README.md.
"""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from talentcheck import paths
from talentcheck.run import cache

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def pss_total() -> int:
    """KiB of memory (PSS) held by processes of this checkout: runner, papermill, kernels, kernel server."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if str(ROOT).encode() not in Path(f"/proc/{pid}/cmdline").read_bytes():
                continue
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def timed(commands: list[list[str]], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, int]:
    """Seconds to run `commands` one after another, and the peak memory (MiB) meanwhile."""
    peak, done = [0], threading.Event()

    def sample():
        while not done.wait(0.1):
            peak[0] = max(peak[0], pss_total())

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    try:
        for command in commands:
            ran = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})})
            if ran.returncode:  # say why: a benchmark that stops on a failure must show it
                tail = "\n".join((ran.stdout + ran.stderr).splitlines()[-40:])
                raise SystemExit(f"{' '.join(command[:6])} ... failed (exit {ran.returncode}):\n{tail}")
    finally:
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
    return elapsed, peak[0] // 1024


def stop_server() -> None:
    subprocess.run([str(BIN / "python"), "-m", "talentcheck.run.kernel.launcher", "stop"], check=True, stdout=subprocess.DEVNULL,
                   cwd=ROOT)
    time.sleep(0.5)


def kernel_start(cold: bool) -> float:
    """Seconds from starting a kernel to the result of a notebook's usual first imports (then shut down)."""
    code = f"""
import os, time
from jupyter_client.manager import start_new_kernel
os.environ.pop("TALENTCHECK_COLD_KERNEL", None)
if {cold}: os.environ["TALENTCHECK_COLD_KERNEL"] = "1"
start = time.perf_counter()
manager, client = start_new_kernel(kernel_name="talentcheck")
client.execute_interactive("import pandas, matplotlib.pyplot, seaborn, talentcheck, talentcheck.plotting", timeout=120)
print(time.perf_counter() - start)
client.stop_channels(); manager.shutdown_kernel()
"""
    done = subprocess.run([str(BIN / "python"), "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return float(done.stdout.split()[-1])


def only_the_data_check(tmp: str) -> str:
    """A new cache folder holding only the record that the data passed its checks (no notebook, no page)."""
    folder = tempfile.mkdtemp(dir=tmp)
    shutil.copy(paths.cache_dir() / cache.VALIDATED, folder)
    return folder


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
    return (f"{os.cpu_count()} cores ({model}), {memory / 2**20:.0f} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}, load average at start {os.getloadavg()[0]:.2f}")


def main() -> int:
    rounds = int(os.environ.get("BENCH_ROUNDS") or 3)
    about = machine()  # the load average before the benchmark's own load
    notebooks = paths.notebooks()
    cold = {"TALENTCHECK_COLD_KERNEL": "1"}
    nbval = [str(BIN / "pytest"), "-q", "-n", "2", "--dist", "loadfile", "--nbval", "-p", "no:cacheprovider",
             *map(str, notebooks)]
    rows: dict[str, list[tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        run = [str(BIN / "talentcheck"), "run", "--output", str(Path(tmp) / "out")]
        for _ in range(rounds):
            rows.setdefault("papermill loop (stock python3 kernel)", []).append(timed(
                [[str(BIN / "papermill"), str(nb), str(Path(tmp) / nb.name), "-k", "python3", "--no-progress-bar"]
                 for nb in notebooks], cwd=ROOT / "notebooks"))
            rows.setdefault("run --force, cold kernels", []).append(timed([run + ["--force"]], cold))
            stop_server()
            rows.setdefault("run --force, server starting", []).append(timed([run + ["--force"]]))
            rows.setdefault("run --force, server running", []).append(timed([run + ["--force"]]))
            rows.setdefault("run, nothing changed", []).append(timed([run]))
            rows.setdefault("nbval notebooks/, cold kernels", []).append(timed([nbval + ["-p", "no:talentcheck.run.kernel.nbval_plugin"]], cold))
            rows.setdefault("nbval notebooks/, warm kernels", []).append(timed([nbval]))
            rows.setdefault("one kernel: start to imports done, cold", []).append((kernel_start(True), 0))
            rows.setdefault("one kernel: start to imports done, warm", []).append((kernel_start(False), 0))
            one = [str(BIN / "talentcheck"), "run", "07_compute_costs.ipynb", "-p", "utilisation", "0.8", "--force"]
            rows.setdefault("one notebook, new folder, pages cached", []).append(
                timed([one + ["--output", tempfile.mkdtemp(dir=tmp)]]))
            rows.setdefault("one notebook, new folder, no page cache", []).append(
                timed([one + ["--output", tempfile.mkdtemp(dir=tmp)]], {"TALENTCHECK_CACHE": only_the_data_check(tmp)}))
        tests = timed([[str(BIN / "pytest"), "-q", "-n", "2", "--dist", "loadfile", "--nbval", "-p", "no:cacheprovider"]]) \
            if os.environ.get("BENCH_MAKE_TEST") else None
    base = [t for t, _ in rows["papermill loop (stock python3 kernel)"]]
    print(f"machine: {about}")
    print(f"notebooks: {len(notebooks)}, rounds: {rounds}")
    print(f"| {'what':38} | min s | median s | max s | ratio to papermill loop (median; per round) | peak MiB |")
    print(f"|{'-' * 40}|------:|---------:|------:|------|---------:|")
    for name, results in rows.items():
        times = [t for t, _ in results]
        ratios = [t / b for t, b in zip(times, base)]
        print(f"| {name:38} | {min(times):5.1f} | {statistics.median(times):8.1f} | {max(times):5.1f} | "
              f"{statistics.median(ratios):.2f}; {min(ratios):.2f}-{max(ratios):.2f} | "
              f"{max(m for _, m in results):8d} |")
    print("per round (s): " + "; ".join(", ".join(f"{t:.1f}" for t, _ in r) for r in zip(*rows.values())))

    def paired(name: str, against: str) -> float:
        """The median over rounds of name/against: both ran within the same round, under the same load."""
        return statistics.median(a / b for (a, _), (b, _) in zip(rows[name], rows[against]))

    loop = "papermill loop (stock python3 kernel)"
    suite, first = paired("run --force, server running", loop), paired("run --force, server starting", loop)
    rerun = statistics.median(t for t, _ in rows["run, nothing changed"])
    nb_ratio = paired("nbval notebooks/, warm kernels", "nbval notebooks/, cold kernels")
    print(f"run --force / papermill loop: {suite:.2f} with the server running, {first:.2f} starting it (target <= 0.30)")
    print(f"unchanged rerun: {rerun:.2f} s (target < 1 s)")
    if tests:
        print(f"make test's pytest, once: {tests[0]:.1f} s, peak {tests[1]} MiB")
    print(f"nbval, warm / cold kernels: {nb_ratio:.2f} (target <= 0.50); per notebook "
          + ", ".join(f"{statistics.median(t for t, _ in rows[f'nbval notebooks/, {k} kernels']) / len(notebooks):.2f} s {k}"
                      for k in ("cold", "warm")))
    pages = paired("one notebook, new folder, pages cached", "one notebook, new folder, no page cache")
    print(f"one notebook into a new folder, pages cached / not: {pages:.2f}")
    return 0 if suite <= 0.3 and rerun < 1 and nb_ratio <= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
