"""What a rerun changed: each claim's verdict against its default, the verdict in the committed notebook (run
with the default parameters), read the one way the report, the README's claim table and the runner's closing
lines all read it (`committed_verdicts`)."""
from __future__ import annotations

import json

from talentcheck.claims.verdicts import from_notebook
from talentcheck.claims.words import VERDICT_LABELS
from talentcheck.paths import notebooks


def committed_verdicts() -> dict[str, dict]:
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


def paraphrases() -> dict[str, str]:
    """{claim id: the claim as the registry paraphrases it}, read as plain YAML (no pandas: an unchanged rerun's
    early stop names its flips too)."""
    from talentcheck.data.files import read_yaml
    from talentcheck.paths import data_dir

    return {entry["id"]: entry["claim"] for entry in read_yaml(data_dir() / "claims.yaml") if isinstance(entry, dict)}


def flip_lines(changed: list[tuple[str, str, str]], output: str = "output") -> list[str]:
    """Terminal lines naming each flip by the claim's paraphrase, old -> new, and the path of its card in `output`
    (the run's output folder, as the terminal names it)."""
    if not changed:
        return ["every verdict is its default (the committed notebooks')"]
    lines = [f"{len(changed)} verdict(s) differ from the default (the committed notebooks'):"]
    said = paraphrases()
    for cid, old, new in changed:
        lines += [f"  {said.get(cid, cid)}",
                  f"    {VERDICT_LABELS[old]} -> {VERDICT_LABELS[new]}; its card: {output}/report/claims/{cid}.html"]
    return lines
