"""What a run tells its user: each notebook as it finishes, the closing summary, and warnings."""
from __future__ import annotations

import collections
import sys
import time
from pathlib import Path

from talentcheck.claims.verdicts import VERDICTS


def warn(text: str) -> None:
    """One line on stderr, whatever `text` holds (a path may contain a line break: it is shown escaped)."""
    print(f"talentcheck: warning: {text}".replace("\r", "\\r").replace("\n", "\\n"), file=sys.stderr)


def first_line(text) -> str:
    """The first line of a (possibly multi-line) message, with " ..." if more followed."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return (lines[0] + (" ..." if len(lines) > 1 else "")) if lines else ""


class Progress:
    """Each notebook as it finishes on a terminal; elsewhere (CI, pipes) only failures and the closing summary."""

    def __init__(self, echo=print, live: bool | None = None):
        self.echo = echo
        self.live = sys.stdout.isatty() if live is None else live
        self.start = time.perf_counter()

    def started(self, notebooks: list[Path], workers: int) -> None:
        if self.live and notebooks:
            self.echo(f"running {len(notebooks)} notebook(s) on {min(workers, len(notebooks))} worker(s): "
                      + ", ".join(p.name for p in notebooks))

    def done(self, result) -> None:
        """`result`: an `execution.Result`."""
        if result.ok and self.live:
            self.echo(f"  {'cached' if result.cached else 'done':7} {result.notebook}"
                      + ("" if result.cached else f" ({result.seconds:.1f} s)"))
        elif not result.ok:
            self.echo(f"  FAILED  {result.notebook} ({result.seconds:.1f} s) at {result.error}")

    def summary(self, results: list, rows: list[dict]) -> None:
        failed = [r for r in results if not r.ok]
        cached = sum(r.cached for r in results)
        self.echo(f"{len(results)} notebook(s) in {time.perf_counter() - self.start:.1f} s, {len(failed)} failed"
                  + (f", {cached} unchanged (from the cache)" if cached else ""))
        if rows:
            counts = collections.Counter(r["verdict"] for r in rows)
            self.echo("verdicts: " + ", ".join(f"{v.replace('_', ' ')} {counts[v]}" for v in VERDICTS if counts[v]))
        for result in failed:
            self.echo(f"FAILED {result.notebook} at {result.error}")
