"""Notebook 01's chart: shares by country of undergraduate degree, one panel per cohort, the article's figures marked.

`panels` gives the tidy data the chart draws (one entry per panel), so that tests can check what is drawn
without reading pixels.
"""
from __future__ import annotations

import pandas as pd

from talentcheck import claims
from talentcheck.plotting.shared import side_by_side

CLAIMS = {"top_tier": "origin-47-18-5", "most_elite": "elite-origin-china-26-us-28"}
"""The claim whose figures mark each cohort's panel (their figures are for 2022)."""


def panels(chosen: pd.DataFrame, year: int) -> list[dict]:
    """One panel per cohort: its shares by country of undergraduate degree in `year`, and the article's figures
    (marked only for the year they speak of)."""
    return [{"table": chosen[(chosen["year"] == year) & (chosen["cohort"] == cohort)],
             "marks": claims.stated_figures(cid) if year == 2022 else {},
             "title": f"{cohort.replace('_', '-')} cohort, NeurIPS {year}"} for cohort, cid in CLAIMS.items()]


def chart(chosen: pd.DataFrame, year: int):
    """Notebook 01: shares by country of undergraduate degree, one panel per cohort."""
    return side_by_side(panels(chosen, year))
