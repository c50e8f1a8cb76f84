"""What a notebook shows and embeds for the runner: its verdicts (`record`: a table in words, the same verdicts as
JSON under the package's MIME type, and the notebook's conclusion computed from them, as HTML and Markdown whose
text reads as itself: `markup`), and notes on claims that leave their verdicts alone (`record_notes`: notebook
09's "since then")."""
from __future__ import annotations

from talentcheck.claims import markup
from talentcheck.claims.findings import conclusion
from talentcheck.claims.verdicts import MIME, NOTES_MIME, Verdict
from talentcheck.claims.words import VERDICT_LABELS


def record(*verdicts: Verdict) -> None:
    """Show verdicts and what they add up to in the notebook, and embed them for the runner."""
    from IPython.display import display

    rows = [v.as_row() for v in verdicts]
    shown = verdict_table(rows)
    display({MIME: rows, "text/html": shown._repr_html_(), "text/plain": repr(shown)}, raw=True)
    if rows:
        said = conclusion(rows)
        display({**markup.paragraph("What these verdicts add up to.", said), "text/plain": said}, raw=True)


def verdict_table(rows: list[dict]):
    """The verdicts as a reader reads them (`display.table`): each claim by its paraphrase, the verdict, and the
    finding and why written for that claim (data/claim_texts.yaml)."""
    import pandas as pd

    from talentcheck.claims.display import table, words_in, worded
    from talentcheck.claims.registry import claim

    return table(worded(pd.DataFrame(
        [[claim(r["claim_id"])["claim"], VERDICT_LABELS[r["verdict"]], words_in(r["finding"]), words_in(r["reason"])]
         for r in rows], columns=["Claim", "Verdict", "Finding", "Why"])))


def record_notes(notes: dict[str, str]) -> None:
    """Show notes on claims (e.g. what happened since the article's data) and embed them for the report."""
    from IPython.display import display

    import pandas as pd

    from talentcheck.claims.display import table, words_in, worded
    from talentcheck.claims.registry import claim

    shown = table(worded(pd.DataFrame([[claim(cid)["claim"], words_in(note)] for cid, note in sorted(notes.items())],
                                      columns=["Claim", "Note"])))
    display({NOTES_MIME: dict(sorted(notes.items())), "text/html": shown._repr_html_(), "text/plain": repr(shown)}, raw=True)
