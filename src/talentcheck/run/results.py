"""A run's results: the verdicts and notes its executed notebooks recorded (checked against the registry),
verdicts.csv, and the latest results of the notebooks a partial run left out."""
from __future__ import annotations

import os
from pathlib import Path

from talentcheck.claims.verdicts import COLUMNS, NOTES_MIME, from_notebook
from talentcheck.data.files import write_csv
from talentcheck.errors import DataError, RunError
from talentcheck.paths import display_path, notebooks
from talentcheck.run import manifest


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


def _latest(previous: Path, name: str, recorded: dict[str, str]):
    """(notebook, its bytes): `name` as the run that published `previous` left it, checked against the checksum that run
    recorded (`manifest.verified`: never through a link); None if there is none, or it judged other claims than
    the registry now assigns (a run from before the registry changed). ValueError saying why it cannot be trusted."""
    import nbformat

    from talentcheck import claims

    if not os.path.lexists(previous / "notebooks" / name):
        return None
    blob = manifest.verified(previous, name, recorded)
    try:
        notebook = nbformat.reads(blob.decode("utf-8"), as_version=4)
        judged = {row["claim_id"] for row in from_notebook(notebook)}
    except Exception:  # whatever the bytes are: they are not quoted
        raise ValueError("is not a notebook that can be read") from None
    return (notebook, blob) if judged == set(claims.claims_for(name)) else None


def unverified(previous: Path, ran: list[Path]) -> dict[Path, str]:
    """{notebook: why its latest result in `previous/notebooks/` cannot be trusted} for the notebooks a run leaves
    out (`carry_over` would copy them): the run executes these again with their defaults instead."""
    recorded = manifest.recorded_files(previous)
    problems = {}
    for source in notebooks():
        if source.name not in {p.name for p in ran}:
            try:
                _latest(previous, source.name, recorded)
            except DataError:  # the registry itself is wrong: that is the user's one line, not a result to distrust
                raise
            except ValueError as err:
                problems[source] = str(err)
    return problems


def carry_over(previous: Path, staging: Path, ran: set[str]) -> dict[str, object]:
    """The notebooks this run left out, copied into `staging` from the previous output folder (their latest
    run, with its parameters, if it matches the checksum that run recorded) or else from notebooks/ (the
    defaults); {file name: notebook}. One that changed since `unverified` checked it is refused (RunError)."""
    import nbformat

    recorded = manifest.recorded_files(previous)
    kept = {}
    for source in notebooks():
        if source.name in ran:
            continue
        try:
            latest = _latest(previous, source.name, recorded)
        except ValueError as err:
            raise RunError(f"{display_path(previous)}/notebooks/{source.name} {err}; "
                           f"run {source.stem} again, or remove {display_path(previous)}") from None
        if latest is None:  # no earlier run, or one from before the registry changed: the defaults
            blob = source.read_bytes()
            latest = (nbformat.reads(blob.decode("utf-8"), as_version=4), blob)
        (staging / "notebooks" / source.name).write_bytes(latest[1])  # the bytes checked, not the file again
        kept[source.name] = latest[0]  # its page comes from cache.page: today's code renders it
    return kept
