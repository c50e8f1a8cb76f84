"""The README's claim table, generated from the registry and the verdicts in the committed notebooks.

`talentcheck readme` rewrites the part of README.md between the two markers; a test checks that it is
current, so the README cannot drift from the registry or the notebooks.
"""
from __future__ import annotations

from talentcheck import claims
from talentcheck.claims.findings import stated_words
from talentcheck.claims.words import VERDICT_LABELS
from talentcheck.paths import ROOT
from talentcheck.report.changes import committed_verdicts

START, END = "<!-- claim-table:start -->", "<!-- claim-table:end -->"


def claim_table() -> str:
    """The claims in the reader's words first (paraphrase, the article's figure with its unit, the verdict as a
    label); the registry id last, for finding a claim in `data/claims.yaml` and in `verdicts.csv`."""
    verdicts = committed_verdicts()
    lines = ["| Claim (paraphrased) | ¶ | The article states | Verdict (default parameters) | Notebook | id |",
             "|---|---|---|---|---|---|"]
    for cid, entry in claims.registry().items():
        verdict = VERDICT_LABELS[verdicts.get(cid, {}).get("verdict", "not_yet_checked")]
        notebook = (f"[{entry['notebook'].removesuffix('.ipynb')}](notebooks/{entry['notebook']})"
                    if entry.get("notebook") else "none yet")
        lines.append(f"| {entry['claim']} | {entry['paragraph']} | {stated_words(entry['stated'], entry['unit'])} | "
                     f"{verdict} | {notebook} | <sub>`{cid}`</sub> |")
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
