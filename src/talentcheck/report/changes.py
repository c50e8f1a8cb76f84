"""What a rerun changed: each claim's verdict against its default (the verdict in the committed notebook,
run with the default parameters), and the latest results of notebooks a partial run left out.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from talentcheck.paths import notebooks
from talentcheck.claims.verdicts import LABELS, from_notebook


def default_verdicts() -> dict[str, dict]:
    """{claim id: verdict row} recorded in the committed notebooks (read as plain JSON: quick enough for the
    early stop of an unchanged rerun, which says the flips too)."""
    found = {}
    for path in notebooks():
        for row in from_notebook(json.loads(path.read_bytes())):
            found[row["claim_id"]] = row
    return found


def flips(rows: list[dict], defaults: dict[str, dict]) -> list[tuple[str, str, str]]:
    """(claim id, default verdict, this run's verdict) for every claim whose verdict differs from its default."""
    return [(row["claim_id"], defaults[row["claim_id"]]["verdict"], row["verdict"]) for row in rows
            if row["claim_id"] in defaults and defaults[row["claim_id"]]["verdict"] != row["verdict"]]


def describe(changed: list[tuple[str, str, str]]) -> list[str]:
    """Terminal lines naming each flip, old -> new."""
    if not changed:
        return ["every verdict is its default (the committed notebooks')"]
    lines = [f"{len(changed)} verdict(s) differ from the default (the committed notebooks'):"]
    lines += [f"  {cid}: {LABELS[old]} -> {LABELS[new]}" for cid, old, new in changed]
    return lines


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
