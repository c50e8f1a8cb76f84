"""Notebook 01, where the top researchers studied: the Tracker's shares by country of undergraduate degree, where
its sources disagree, and the verdicts on the article's figures."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data, parameters

NOTEBOOK = "01_researcher_origin.ipynb"
TABLE = "tracker/origin_undergrad"
KEY = ["year", "cohort", "country"]


def shares(source: str) -> pd.DataFrame:
    """The Tracker's shares by country of undergraduate degree, one source per year, cohort and country: the
    best-standing one, or `source` where it gives a value."""
    return data.pick_source(data.load(TABLE), KEY, source)


def shown_year(year) -> int:
    """The year the tables and charts show: the `year` parameter, or for "as_stated" the latest year a claim states."""
    return claims.year_shown(NOTEBOOK, year)


def of_year(chosen: pd.DataFrame, year) -> pd.DataFrame:
    """The shares `shares` chose for the year shown, with their sources."""
    return chosen[chosen["year"] == shown_year(year)][["cohort", "country", "share_pct", "source_name", "source_standing"]]


def conflicts() -> pd.DataFrame:
    """Every row of a year, cohort and country on which sources give different shares (what `source` chooses between)."""
    table = data.load(TABLE)
    clashing = table[table.duplicated(KEY, keep=False)]
    return clashing[["year", "cohort", "country", "share_pct", "source_name", "source_standing", "note"]]


def verdicts(params: dict) -> list[claims.Verdict]:
    """The verdicts of the notebook's claims, each judged by the comparison its registry entry records."""
    return claims.verdicts_for(NOTEBOOK, params)


def verdict_changes(params: dict) -> pd.DataFrame:
    """The notebook's claims under every edition and cohort."""
    return claims.sensitivity_table(NOTEBOOK, params, parameters.readings(NOTEBOOK, ["year", "cohort"]))
