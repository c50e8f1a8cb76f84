"""Notebook 02, where the top researchers work: the Tracker's shares by country of employer, the verdicts on
the article's figures, and the second indicator of "China barely registered in 2019" (the share of China-based
authors among NeurIPS 2019 oral-paper authors in the suite's re-derivation)."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data, parameters

NOTEBOOK = "02_work_location.ipynb"
TABLE = "tracker/work_country"
BARELY = "china-barely-registered-2019"


def shares(source: str) -> pd.DataFrame:
    """The Tracker's shares by country of employer, one source per year, cohort and country (see `origin.shares`)."""
    return data.pick_source(data.load(TABLE), ["year", "cohort", "country"], source)


def by_cohort(chosen: pd.DataFrame) -> pd.DataFrame:
    """Both cohorts side by side: a row per country, a column per year and cohort, largest 2019 top-tier share first
    (a blank cell: not published)."""
    table = chosen.pivot_table(index="country", columns=["year", "cohort"], values="share_pct")
    return table.sort_values((min(data.YEARS), "top_tier"), ascending=False)


def neurips_authors(year: int, tier: str, country: str) -> tuple[int, int]:
    """(authors at institutions in `country`, authors with a resolved country) in the suite's NeurIPS re-derivation."""
    table = data.load("neurips/countries")
    rows = table[(table["year"] == year) & (table["tier"] == tier) & (table["country"] != "unresolved")]
    if rows.empty:
        raise data.DataError(f"neurips/countries has no {tier} authors for {year}")
    return int(rows[rows["country"] == country]["authors"].sum()), int(rows["authors"].sum())


def barely_registered_indicator(params: dict) -> dict:
    """The second indicator of "China barely registered in 2019" as `claims.judge` takes it: the share of
    China-based authors among NeurIPS 2019 oral-paper authors in the suite's re-derivation, agreeing (a context
    sentence) or disagreeing (a caveat) at the notebook's `barely_threshold`."""
    china, resolved = neurips_authors(2019, "oral", "China")
    share = 100 * china / resolved
    second = (f"a second indicator, the suite's re-derivation of NeurIPS 2019 oral papers, counts {china} of "
              f"{resolved} authors with a known country at institutions in China ({share:.0f}%)")
    if share <= params["barely_threshold"]:
        return {"context": f"{second[0].upper()}{second[1:]}: it agrees."}
    return {"caveats": [f"{second}, above the threshold"]}


def verdicts(params: dict) -> list[claims.Verdict]:
    """The verdicts of the notebook's claims, "barely registered" with its second indicator."""
    return claims.verdicts_for(NOTEBOOK, params, computed={BARELY: barely_registered_indicator})


def verdict_changes(params: dict) -> pd.DataFrame:
    """The notebook's claims under both cohorts (years as the claims state them)."""
    return claims.sensitivity_table(NOTEBOOK, params, parameters.readings(NOTEBOOK, ["cohort"]))


def threshold_changes(params: dict) -> pd.DataFrame:
    """"Barely registered" for both cohorts (columns) at thresholds around each share the evidence gives, where
    the verdict turns, and at the chosen one (rows)."""
    cohorts = parameters.readings(NOTEBOOK, ["cohort"])
    thresholds = claims.threshold_readings(BARELY, params, "barely_threshold", cohorts)
    return claims.sensitivity(BARELY, params, {**cohorts, "barely_threshold": thresholds}).pivot(
        index="barely_threshold", columns="cohort", values="verdict")
