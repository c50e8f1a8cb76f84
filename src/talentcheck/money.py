"""Money: converting yuan to dollars with a chosen rate, and summing spending over a window of years."""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.claims import ARTICLE_MONTH, ParameterError

RATE_TYPES = ("year_end", "annual_average")


def rates(rate_type: str, fx_source: str = "best_standing") -> pd.DataFrame:
    """One CNY-per-USD rate per year (columns year, cny_per_usd, source_name), for `rate_type`.

    `fx_source` prefers one series (FED, PBOC, WORLDBANK, HUAWEI, ...) where it has a value; elsewhere
    the best-standing source gives the rate.
    """
    if rate_type not in RATE_TYPES:
        raise ParameterError(f"rate_type={rate_type!r} must be one of {RATE_TYPES}")
    fx = data.load("money/fx_cny_usd")
    fx = fx[fx["rate_type"] == rate_type]
    return data.pick_source(fx, ["year"], fx_source)[["year", "cny_per_usd", "source_name"]].reset_index(drop=True)


def to_usd(amounts: pd.DataFrame, column: str, rate_type: str, fx_source: str = "best_standing") -> pd.DataFrame:
    """`amounts` (with a year column and CNY billions in `column`) plus the rate used and the USD value."""
    joined = amounts.merge(rates(rate_type, fx_source), on="year", how="left", validate="many_to_one")
    missing = joined[joined["cny_per_usd"].isna()]["year"].tolist()
    if missing:
        raise data.DataError(f"money/fx_cny_usd has no {rate_type} rate for {missing}")
    return joined.assign(usd_bn=joined[column] / joined["cny_per_usd"]).rename(columns={"source_name": "rate_source"})


def window(table: pd.DataFrame, end_year: int, years: int = 10) -> pd.DataFrame:
    """The rows of the `years` years ending with `end_year`; a year missing from the table is an error."""
    wanted = list(range(end_year - years + 1, end_year + 1))
    have = set(table["year"])
    missing = [y for y in wanted if y not in have]
    if missing:
        raise ParameterError(f"no figure for year(s) {missing}: choose a window within {min(have)}-{max(have)}")
    return table[table["year"].isin(wanted)].sort_values("year").reset_index(drop=True)


def daily_rate(date: str, source: str) -> float:
    """The rate a series gives on one day (for conversions at the date of an announcement)."""
    fx = data.load("money/fx_cny_usd")
    rows = fx[(fx["rate_type"] == "daily") & (fx["date"] == date) & (fx["source_name"] == source)]
    if rows.empty:
        have = sorted(set(fx[(fx["rate_type"] == "daily") & (fx["date"] == date)]["source_name"]))
        raise ParameterError(f"no {source} rate for {date} (that day has: {have})")
    return float(rows["cny_per_usd"].iloc[0])


VINTAGES = ("article", "latest")
YEARLY = ("calendar year", "fiscal year to 31 March")  # company_rd periods that are one year's spending


def published_by(table: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """The rows whose `date_published` is no later than the article's month ("article"), or all ("latest")."""
    if vintage not in VINTAGES:
        raise ParameterError(f"vintage={vintage!r} must be one of {VINTAGES}")
    if vintage == "latest":
        return table
    return table[table["date_published"].astype(str).str[:7] <= ARTICLE_MONTH]


def decade_end(rd: pd.DataFrame, vintage: str) -> int:
    """The last year of Huawei's R&D figures available under the vintage."""
    return int(published_by(rd, vintage)["year"].max())


def latest_yearly(companies: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """Each company's latest one-year figure (calendar or fiscal year) available under the vintage."""
    yearly = published_by(companies[companies["period"].isin(YEARLY)], vintage)
    return yearly.sort_values("date_published").groupby("company").tail(1).sort_values("company").reset_index(drop=True)
