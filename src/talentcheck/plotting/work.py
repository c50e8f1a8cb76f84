"""Notebook 02's chart: the US's and China's shares by country of employer, one panel per year, bars by cohort,
the article's figure marked on the bar of the cohort it speaks of (`panels`: the tidy data of each panel)."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims
from talentcheck.plotting.shared import side_by_side

CLAIMS = {2019: "us-65pct-work-2019", 2022: "china-12pct-work-2022"}
"""The claim whose figure marks each year's panel."""


def panels(chosen: pd.DataFrame) -> list[dict]:
    """One panel per year: the US's and China's shares of each cohort by country of employer, with the
    article's figure marked on the bar of the cohort it speaks of."""
    us_china = chosen[chosen["country"].isin(["United States", "China"])]
    return [{"table": us_china[us_china["year"] == year],
             "marks": {(k, claims.claim(cid)["as_stated"]["cohort"]): v for k, v in claims.stated_figures(cid).items()},
             "title": f"NeurIPS {year}: where researchers work"} for year, cid in CLAIMS.items()]


def chart(chosen: pd.DataFrame):
    """Notebook 02: the US's and China's shares by country of employer, one panel per year, bars by cohort."""
    return side_by_side(panels(chosen), hue="cohort")
