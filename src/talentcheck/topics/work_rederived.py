"""Notebook 05, where top researchers work, re-derived: shares of NeurIPS affiliations by region from
data/neurips/countries.csv, set beside the Tracker's work-location shares (notebook 09 groups its regions the
same way)."""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.claims import markup
from talentcheck.claims.words import spaced
from talentcheck.data.countries import CHINA_SCOPES, DEFAULT_SCOPE, convert_countries, in_scope

NOTEBOOK = "05_work_rederived.ipynb"
COHORT_OF_TIER = {"all_accepted": "top_tier", "oral": "most_elite"}  # the Tracker's cohort each tier stands for


def regions(countries, europe_includes_uk: bool) -> dict[str, str]:
    """{country: region} as the Tracker groups work locations: US, China, Europe (with or without the
    UK, which 2019 coverage listed apart), the UK when apart, Canada; everyone else "Others"."""
    grouped = {}
    for name, continent in convert_countries(countries, "continent").items():
        if name in ("United States", "China", "Canada"):
            grouped[name] = name
        elif name == "United Kingdom" and not europe_includes_uk:
            grouped[name] = name
        elif continent == "Europe":
            grouped[name] = "Europe" if europe_includes_uk else "Europe (excl. UK)"
        else:
            grouped[name] = "Others"
    # the Tracker's own region rows
    grouped["Europe (excl. UK)"] = "Europe" if europe_includes_uk else "Europe (excl. UK)"
    grouped["Europe"] = "Europe"
    return grouped


def region_groups(europe_includes_uk: bool) -> dict[str, str]:
    """{country: region} for every resolved country of the NeurIPS aggregates (see `regions`)."""
    countries = data.load("neurips/countries")
    return regions(countries.loc[countries["country"] != "unresolved", "country"], europe_includes_uk)


def country_shares(year: int, tier: str, counting: str, regions: dict[str, str],
                   china_scope: str = DEFAULT_SCOPE) -> pd.Series:
    """Share (%) of resolved affiliations by country, grouped into regions ({country: region}; others "Others")."""
    countries = data.load("neurips/countries")
    rows = countries[(countries["year"] == year) & (countries["tier"] == tier) & (countries["country"] != "unresolved")]
    region = rows["country"].map(lambda c: in_scope(c, china_scope)).map(lambda c: regions.get(c, "Others"))
    totals = rows.groupby(region)[counting].sum()
    return (100 * totals / totals.sum()).rename("share_pct")


def rederived_shares(counting: str, groups: dict[str, str], china_scope: str = DEFAULT_SCOPE) -> pd.DataFrame:
    """One row per year, cohort and region: the region's share (%) of resolved NeurIPS affiliations."""
    return pd.concat([country_shares(y, t, counting, groups, china_scope).rename_axis("country").reset_index()
                      .assign(year=y, cohort=COHORT_OF_TIER[t], measure="re-derived")
                      for y in data.YEARS for t in COHORT_OF_TIER])


def china_by_scope(counting: str, groups: dict[str, str]) -> pd.DataFrame:
    """China's share (%) with Hong Kong, Macau and Taiwan under China and without, and the difference."""
    scopes = pd.DataFrame([{"year": y, "cohort": COHORT_OF_TIER[t],
                            **{scope: country_shares(y, t, counting, groups, scope).get("China", 0.0) for scope in CHINA_SCOPES}}
                           for y in data.YEARS for t in COHORT_OF_TIER])
    return scopes.assign(difference=scopes["mainland_and_territories"] - scopes["mainland"]).round(1)


def tracker_shares(groups: dict[str, str], shown: set[str]) -> pd.DataFrame:
    """The Tracker's work-location shares (best-standing source) summed into the same regions, for the
    regions in `shown`; a region is a partial sum where coverage gave only the largest countries."""
    work = data.picked("tracker/work_country", ["year", "cohort", "country"])
    tracker = work.assign(country=work["country"].map(lambda c: groups.get(c, c)), measure="Tracker")
    tracker = tracker[tracker["country"].isin(shown)]
    return tracker.groupby(["year", "cohort", "country", "measure"], as_index=False)["share_pct"].sum()


def share_table(shares: pd.DataFrame) -> pd.DataFrame:
    """Shares (%) with a row per region and a column per year and cohort."""
    return shares.pivot_table(index="country", columns=["year", "cohort"], values="share_pct").round(1)


def comparison(rederived: pd.DataFrame, groups: dict[str, str]) -> pd.DataFrame:
    """Tidy: year, cohort, country (region), measure ("re-derived" or "Tracker"), share_pct; the Tracker's
    shares only for the regions the re-derivation has."""
    return pd.concat([rederived, tracker_shares(groups, set(rederived["country"]))])


def tracker_gaps(groups: dict[str, str]) -> str:
    """A sentence, as Markdown (the notebook shows it so): which of the Tracker's region shares are sums of the few
    countries coverage published, and which years and cohorts lack a US or Chinese share."""
    work = data.picked("tracker/work_country", ["year", "cohort", "country"])
    summed, missing = [], []
    for (year, cohort), rows in work.groupby(["year", "cohort"], sort=False):
        where = f"{year} {spaced(cohort)}"
        members = rows.groupby(rows["country"].map(lambda c: groups.get(c, c)), sort=False)["country"].agg(list)
        summed += [f"{where} {region} ({', '.join(names)})" for region, names in members.items() if names != [region]]
        missing += [f"{country}, {where}" for country in ("United States", "China") if country not in members.index]
    return markup.escape("The Tracker's share of a region is the sum of the countries its coverage published: "
                         + ("; ".join(summed) or "no region is such a sum") + ". Not published: "
                         + ("; ".join(missing) or "none") + ".", "markdown")


def comparison_table(both: pd.DataFrame) -> pd.DataFrame:
    """The two measures side by side per year, cohort and region, and their difference (points)."""
    table = both.pivot_table(index=["year", "cohort", "country"], columns="measure", values="share_pct").round(1)
    table["difference"] = (table["re-derived"] - table["Tracker"]).round(1)
    return table


def direction(both: pd.DataFrame) -> str:
    """A sentence, as Markdown (the notebook shows it so): whether every measure and cohort with both years shows
    the US share falling and China's rising from the first year to the last, then each one's figures. A region the re-derivation lacks has
    no affiliation (0%); one the Tracker lacks was not published."""
    first, last = min(data.YEARS), max(data.YEARS)
    parts, agree = [], True
    for (measure, cohort), rows in both.groupby(["measure", "cohort"], sort=False):
        shares = rows.set_index(["country", "year"])["share_pct"]
        absent = 0.0 if measure == "re-derived" else None
        moves = []
        for country, whose, expected in (("United States", "the US share", "fell"), ("China", "China's", "rose")):
            before, after = shares.get((country, first), absent), shares.get((country, last), absent)
            if before is None or after is None:
                moves.append(f"{whose} is not published for {first if before is None else last}")
                continue
            word = "rose" if after > before else "fell" if after < before else "held"
            agree = agree and word == expected
            moves.append(f"{whose} {word} ({before:.1f}% to {after:.1f}%)")
        parts.append(f"{measure}, {spaced(cohort)}: " + ", ".join(moves))
    verdict = ("Every measure and cohort with both years shows the US share falling and China's rising"
               if agree else "The measures do not all show the US share falling and China's rising")
    return markup.escape(f"{verdict} from {first} to {last}. " + "; ".join(parts) + ".", "markdown")
