"""The README's claim table, generated from the registry and the verdicts in the committed notebooks.

`talentcheck readme` rewrites the part of README.md between the two markers; a test checks that it is
current, so the README cannot drift from the registry or the notebooks.
"""
from __future__ import annotations

import nbformat

from talentcheck import claims
from talentcheck.paths import ROOT, notebooks
from talentcheck.verdicts import from_notebook

START, END = "<!-- claim-table:start -->", "<!-- claim-table:end -->"


def committed_verdicts() -> dict[str, dict]:
    found = {}
    for path in notebooks():
        for row in from_notebook(nbformat.read(path, as_version=4)):
            found[row["claim_id"]] = row
    return found


def claim_table() -> str:
    verdicts = committed_verdicts()
    lines = ["| id | ¶ | claim (paraphrased) | stated | verdict (default parameters) | notebook |",
             "|---|---|---|---|---|---|"]
    for cid, entry in claims.registry().items():
        verdict = verdicts.get(cid, {}).get("verdict", "not yet checked")
        notebook = f"`notebooks/{entry['notebook']}`" if entry.get("notebook") else "none yet"
        lines.append(f"| `{cid}` | {entry['paragraph']} | {entry['claim']} | {entry['stated']} | "
                     f"{verdict.replace('_', ' ')} | {notebook} |")
    return "\n".join(lines)


def update() -> bool:
    """Rewrite the table in README.md; True if it changed."""
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    new = f"{head}{START}\n{claim_table()}\n{END}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
