"""Notebook 02's chart: the US's and China's shares by country of employer, one panel per year, bars for each
cohort a claim was judged on, the article's figure marked on the bar of the cohort and year it was judged on
(`panels`: the tidy data of each panel)."""
from __future__ import annotations

import pandas as pd

from talentcheck.plotting.shared import COHORT_ORDER, judged_on, side_by_side, unmarked_note
from talentcheck.plotting.style import chart as drawn_as_chart

NOTEBOOK = "02_work_location.ipynb"
YEARS = (2019, 2022)


def panels(chosen: pd.DataFrame, params: dict) -> list[dict]:
    """One panel per year: the US's and China's shares by country of employer for each cohort the claims were
    judged on under `params`, with the article's figures marked on the bar of the cohort each was judged on, in
    the year it speaks of; a note where a claim judged on a year has no figure for it."""
    judged = judged_on(NOTEBOOK, params)
    cohorts = [c for c in COHORT_ORDER if any(j["cohort"] == c for j in judged)]
    us_china = chosen[chosen["country"].isin(["United States", "China"]) & chosen["cohort"].isin(cohorts)]
    found = []
    for year in YEARS:
        here = [j for j in judged if j["year"] == year]
        marks = {(k, j["cohort"]): [v] for j in here if j["marked"] for k, v in j["figures"].items()}
        found.append({"table": us_china[us_china["year"] == year], "marks": marks,
                      "title": f"NeurIPS {year}: where researchers work", "note": unmarked_note(here)})
    return found


@drawn_as_chart(show=True)
def chart(chosen: pd.DataFrame, params: dict, phone: bool = False):
    """Notebook 02: the US's and China's shares by country of employer, one panel per year, bars by cohort."""
    return side_by_side(panels(chosen, params), hue="cohort", phone=phone,
                        title="Where the top researchers work: the US and China (black ticks: the article's figures)")
