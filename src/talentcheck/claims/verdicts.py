"""Verdicts: what a notebook concludes about a claim, and how the runner reads them back.

A notebook calls `record(...)` (`talentcheck.claims.recording`); that displays a readable table and, beside it,
the same verdicts as JSON under a MIME type of our own, which `from_notebook` finds in the executed notebook.
No side files.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

VERDICTS = ("supported", "supported_with_caveat", "not_supported", "unverifiable")
VERDICT_COLOURS = {  # the report's badges and the notebooks' charts
    "supported": "#1a9850",
    "supported_with_caveat": "#fdae61",
    "not_supported": "#d73027",
    "unverifiable": "#999999",
}
OUTCOME = {"supported": "holds", "supported_with_caveat": "holds", "not_supported": "fails", "unverifiable": "open"}
"""What a verdict says of the claim, caveats aside: it holds, fails, or the evidence leaves it open."""
RATINGS = {"not_supported": 1, "supported_with_caveat": 2, "supported": 3}
"""The verdicts that are degrees of truth, on ClaimReview's 1 (worst) to 3 (best) scale; "unverifiable" is no degree
of truth, and ClaimReview carries it as a textual rating only."""
MIME = "application/vnd.talentcheck.verdicts+json"
NOTES_MIME = "application/vnd.talentcheck.notes+json"  # {claim id: note}: context that leaves the verdict alone
COLUMNS = ["claim_id", "verdict", "stated", "observed", "unit", "reason", "notebook", "parameters", "figures", "against",
           "finding", "sampling", "sources"]


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    verdict: str
    stated: str
    observed: str
    unit: str
    reason: str
    notebook: str = ""
    parameters: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # {name: value} observed, for the finding's words (see `findings`)
    against: dict | list = field(default_factory=dict)  # what they were compared with under these parameters
    finding: str = ""  # one sentence a reader could repeat (data/claim_texts.yaml, filled); `reason` is its why
    sampling: str = ""  # one line on the sampling range, where samples bear on the claim
    sources: list = field(default_factory=list)  # the URLs the verdict rests on

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict for {self.claim_id} must be one of {VERDICTS}, not {self.verdict!r}")
        if not self.reason.strip():
            raise ValueError(f"verdict for {self.claim_id} needs a reason")

    def as_row(self) -> dict:
        row = asdict(self)
        row["parameters"] = json.dumps(self.parameters, sort_keys=True)
        row["figures"] = json.dumps(self.figures, ensure_ascii=False)
        row["against"] = json.dumps(self.against, ensure_ascii=False)
        row["sources"] = json.dumps(self.sources, ensure_ascii=False)
        return row


def from_notebook(notebook, mime: str = MIME) -> list:
    """What an executed notebook (an nbformat node or plain dict) recorded under `mime`: verdict rows,
    or with NOTES_MIME, {claim id: note} dicts."""
    found = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if mime in data:
                found.extend(data[mime] if isinstance(data[mime], list) else [data[mime]])
    return found
