"""What a notebook's verdict cell shows: its verdicts as a readable table, the same verdicts as JSON under
the package's MIME type (which the runner reads back), and the notebook's conclusion, computed from them."""
from __future__ import annotations

from talentcheck.claims.findings import conclusion
from talentcheck.claims.verdicts import LABELS, MIME, Verdict


def record(*verdicts: Verdict) -> None:
    """Show verdicts and what they add up to in the notebook, and embed them for the runner."""
    from IPython.display import display

    rows = [v.as_row() for v in verdicts]
    lines = ["| claim | verdict | stated | observed | reason |", "|---|---|---|---|---|"]
    lines += [f"| {r['claim_id']} | **{LABELS[r['verdict']]}** | {r['stated']} | {r['observed']} | {r['reason']} |" for r in rows]
    text = "\n".join(f"{r['claim_id']}: {r['verdict']} ({r['observed']} vs {r['stated']})" for r in rows)
    display({MIME: rows, "text/markdown": "\n".join(lines), "text/plain": text}, raw=True)
    if rows:
        said = conclusion(rows)
        display({"text/markdown": f"**What these verdicts add up to.** {said}", "text/plain": said}, raw=True)
