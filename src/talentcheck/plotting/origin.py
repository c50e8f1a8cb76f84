"""Notebook 01's chart: shares by country of undergraduate degree, one panel for each cohort and year a claim was
judged on, the article's figures marked where they speak of that year.

`panels` gives the tidy data the chart draws (one entry per panel), so that tests can check what is drawn
without reading pixels.
"""
from __future__ import annotations

import pandas as pd

from talentcheck.plotting.shared import COHORT_ORDER, cohort_short, judged_on, side_by_side, unmarked_note
from talentcheck.plotting.style import chart as drawn_as_chart

NOTEBOOK = "01_researcher_origin.ipynb"


def panels(chosen: pd.DataFrame, params: dict) -> list[dict]:
    """One panel per year and cohort the notebook's claims were judged on under `params` (`judged_on`): its shares
    by country of undergraduate degree, the article's figures of the claims judged there (marked only for the
    year they speak of), and a note where the article gives no figure for that year."""
    judged = judged_on(NOTEBOOK, params)
    shown = sorted({(j["year"], j["cohort"]) for j in judged}, key=lambda yc: (yc[0], COHORT_ORDER.index(yc[1])))
    found = []
    for year, cohort in shown:
        here = [j for j in judged if (j["year"], j["cohort"]) == (year, cohort)]
        marks: dict[str, list] = {}
        for j in here:
            for category, value in j["figures"].items() if j["marked"] else ():
                marks.setdefault(category, []).append(value)
        found.append({"table": chosen[(chosen["year"] == year) & (chosen["cohort"] == cohort)], "marks": marks,
                      "title": f"{cohort_short(cohort).capitalize()} researchers, NeurIPS {year}",
                      "note": "" if marks else unmarked_note(here)})
    return found


@drawn_as_chart(show=True)
def chart(chosen: pd.DataFrame, params: dict, phone: bool = False):
    """Notebook 01: shares by country of undergraduate degree, one panel per cohort and year judged."""
    return side_by_side(panels(chosen, params), phone=phone,
                        title="Where the top researchers took their first degree (black ticks: the article's figures)")
