"""What a notebook shows and embeds for the runner: its verdicts (`record`: a readable table, the same verdicts as
JSON under the package's MIME type, and the notebook's conclusion computed from them), and notes on claims that
leave their verdicts alone (`record_notes`: notebook 09's "since then")."""
from __future__ import annotations

from talentcheck.claims.findings import conclusion
from talentcheck.claims.verdicts import MIME, NOTES_MIME, Verdict
from talentcheck.claims.words import VERDICT_LABELS


def record(*verdicts: Verdict) -> None:
    """Show verdicts and what they add up to in the notebook, and embed them for the runner."""
    from IPython.display import display

    rows = [v.as_row() for v in verdicts]
    lines = ["| claim | verdict | finding | why |", "|---|---|---|---|"]
    lines += [f"| {r['claim_id']} | **{VERDICT_LABELS[r['verdict']]}** | {r['finding']} | {r['reason']} |" for r in rows]
    text = "\n".join(f"{r['claim_id']}: {r['verdict']} ({r['observed']} vs {r['stated']})" for r in rows)
    display({MIME: rows, "text/markdown": "\n".join(lines), "text/plain": text}, raw=True)
    if rows:
        said = conclusion(rows)
        display({"text/markdown": f"**What these verdicts add up to.** {said}", "text/plain": said}, raw=True)


def record_notes(notes: dict[str, str]) -> None:
    """Show notes on claims (e.g. what happened since the article's data) and embed them for the report."""
    from IPython.display import display

    text = "\n".join(f"{cid}: {note}" for cid, note in sorted(notes.items()))
    display({NOTES_MIME: dict(sorted(notes.items())), "text/plain": text}, raw=True)
