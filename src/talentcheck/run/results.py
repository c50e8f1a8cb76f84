"""A run's results: the verdicts and notes its executed notebooks recorded (checked against the registry),
verdicts.csv, and the latest results of the notebooks a partial run left out."""
from __future__ import annotations

import shutil
from pathlib import Path

from talentcheck.claims.verdicts import COLUMNS, NOTES_MIME, from_notebook
from talentcheck.data.files import write_csv
from talentcheck.errors import RunError
from talentcheck.paths import notebooks


def collect_verdicts(executed: dict[str, object]) -> list[dict]:
    """Verdict rows from executed notebooks ({file name: notebook}), checked against the registry."""
    from talentcheck import claims

    rows = []
    for name, notebook in executed.items():
        found = from_notebook(notebook)
        expected = set(claims.claims_for(name))
        got = {row["claim_id"] for row in found}
        if got != expected:
            raise RunError(f"{name} recorded verdicts for {sorted(got)}, but the registry assigns it {sorted(expected)}")
        rows.extend(found)
    return sorted(rows, key=lambda r: r["claim_id"])


def collect_notes(executed: dict[str, object]) -> dict[str, str]:
    """Notes on claims that notebooks recorded (a claim's "since then"), by claim id."""
    notes = {}
    for notebook in executed.values():
        for recorded in from_notebook(notebook, NOTES_MIME):
            notes.update(recorded)
    return notes


def write_verdicts(rows: list[dict], path: Path) -> None:
    """verdicts.csv: one row per claim, safe to open in a spreadsheet (`data.files.write_csv`: a claim's text that
    begins like a formula is shown as text, and a line break inside a cell stays inside it)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        write_csv(handle, COLUMNS, rows)


def carry_over(previous: Path, staging: Path, ran: set[str]) -> dict[str, object]:
    """The notebooks this run left out, copied into `staging` from the previous output folder (their latest
    run, with its parameters) or else from notebooks/ (the defaults); {file name: notebook}."""
    import nbformat

    from talentcheck import claims

    kept = {}
    for source in notebooks():
        if source.name in ran:
            continue
        latest = previous / "notebooks" / source.name
        if not latest.exists() or _claims_in(latest) != set(claims.claims_for(source.name)):
            latest = source  # no earlier run, or one from before the registry changed
        shutil.copyfile(latest, staging / "notebooks" / source.name)
        kept[source.name] = nbformat.read(latest, as_version=4)  # its page comes from cache.page: today's code renders it
    return kept


def _claims_in(path: Path) -> set[str]:
    import nbformat

    return {row["claim_id"] for row in from_notebook(nbformat.read(path, as_version=4))}
