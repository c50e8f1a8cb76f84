"""NeurIPS 2021-2025, from a third party's tables (prakashkagitha/neurips-us-vs-china): what happened
after the article's data. `talentcheck neurips build` aggregates them into data/neurips/trends_*.csv.

Their counting rules differ from ours: a paper counts once in every region (or affiliation string) any
of its authors is listed under, so regions' "shares" are shares of paper-region pairs, and an
institution listed under two spellings counts in both before we merge the spellings.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from talentcheck import data
from talentcheck.claims import ParameterError

TOP = 150  # affiliations kept per year, by papers
SOURCE = "https://github.com/prakashkagitha/neurips-us-vs-china/tree/e682d47f68b9d6d130b9783379ea08d80a6fb57f"
GROUPINGS = {
    "source": None,  # the source's own seven regions
    "tracker": {"United States": "United States", "China": "China", "Europe": "Europe", "Canada": "Canada"},  # the rest: Others
}


def canonical_name(name: str) -> str:
    """The project's canonical institution for an affiliation string (see neurips.CANONICAL), else the string."""
    from talentcheck.neurips import canonical

    found = canonical(name)
    return found.institution if found else name


def _read(path: Path) -> pd.DataFrame:
    with open(path, encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


def build(paths: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """The three trend tables from the raw files (already checked against their sha256)."""
    regions = _read(paths["trends_regions"]).astype({"year": int, "paper_count": int, "share": float})
    regions = regions.assign(share_pct=(100 * regions["share"]).round(2)).drop(columns="share")
    collaboration = _read(paths["trends_collaboration"]).astype({"year": int, "paper_count": int, "share": float})
    collaboration = collaboration.assign(share_pct=(100 * collaboration["share"]).round(2)).drop(columns="share")
    affiliations = _read(paths["trends_affiliations"]).astype({"year": int, "paper_count": int})
    affiliations["institution"] = affiliations["affiliation"].map(canonical_name)
    merged = (affiliations.groupby(["year", "institution"], as_index=False)
              .agg(paper_count=("paper_count", "sum"), country=("country", "first"), spellings=("affiliation", "nunique")))
    merged["rank"] = merged.groupby("year")["paper_count"].rank(method="min", ascending=False).astype(int)
    merged = merged[merged["rank"] <= TOP].sort_values(["year", "rank", "institution"])
    return {
        "trends_regions": regions[["year", "region", "paper_count", "share_pct"]],
        "trends_collaboration": collaboration[["year", "category", "paper_count", "share_pct"]],
        "trends_institutions": merged[["year", "rank", "institution", "country", "paper_count", "spellings"]],
    }


# ---------------------------------------------------------------- for the notebook

def region_shares(grouping: str, metric: str) -> pd.DataFrame:
    """Papers by region and year (metric "share": % of paper-region pairs; "count": paper-region pairs)."""
    if grouping not in GROUPINGS:
        raise ParameterError(f"grouping={grouping!r} must be one of {list(GROUPINGS)}")
    if metric not in ("share", "count"):
        raise ParameterError(f"metric={metric!r} must be share or count")
    table = data.load("neurips/trends_regions")
    mapping = GROUPINGS[grouping]
    table = table.assign(region=table["region"].map(lambda r: r if mapping is None else mapping.get(r, "Others")))
    counts = table.groupby(["year", "region"])["paper_count"].sum()
    values = counts if metric == "count" else (100 * counts / counts.groupby("year").transform("sum")).round(1)
    return values.unstack("region")


def ranks(follow: list[str]) -> pd.DataFrame:
    """Rank by papers of each followed institution, year by year (missing: beyond the top TOP)."""
    table = data.load("neurips/trends_institutions")
    unknown = sorted(set(follow) - set(table["institution"]))
    if unknown:
        raise ParameterError(f"follow: {unknown} never in the top {TOP} of NeurIPS 2021-2025 (names as in data/neurips/trends_institutions.csv)")
    return table[table["institution"].isin(follow)].pivot(index="year", columns="institution", values="rank")


def collaboration() -> pd.DataFrame:
    return data.load("neurips/trends_collaboration").pivot(index="year", columns="category", values="share_pct")


def company_share(years=None) -> pd.Series:
    """Share (%) of the top institutions' papers that come from companies, by year (sectors by name)."""
    from talentcheck.neurips import CANONICAL

    companies = {name for _, name, sector, _ in CANONICAL if sector == "company"}
    table = data.load("neurips/trends_institutions")
    share = table.groupby("year").apply(
        lambda g: 100 * g.loc[g["institution"].isin(companies), "paper_count"].sum() / g["paper_count"].sum(),
        include_groups=False)
    return share.round(1)


def since_then() -> dict[str, str]:
    """A one-sentence "since then" note for each claim this data bears on, computed from the tables."""
    shares = region_shares("source", "share")
    first, last = shares.index.min(), shares.index.max()
    r = ranks(["Tsinghua University", "Peking University", "Stanford University"])
    companies = company_share()
    return {
        "growing-share-working-in-china": (
            f"Since then: China's share of NeurIPS paper-region pairs went from {shares.at[2022, 'China']:g}% (2022) "
            f"to {shares.at[last, 'China']:g}% ({last}); the US's from {shares.at[2022, 'United States']:g}% to "
            f"{shares.at[last, 'United States']:g}%."),
        "china-researchers-outnumber-us": (
            f"Since then (by affiliation, not origin): in {last} papers with a US affiliation still outnumber those "
            f"with a Chinese one, {shares.at[last, 'United States']:g}% to {shares.at[last, 'China']:g}% of paper-region pairs."
            if shares.at[last, "United States"] > shares.at[last, "China"] else
            f"Since then (by affiliation, not origin): by {last} papers with a Chinese affiliation outnumber US ones, "
            f"{shares.at[last, 'China']:g}% to {shares.at[last, 'United States']:g}%."),
        "top25-2022-tsinghua-peking-top5": (
            f"Since then: by papers, Tsinghua ranked {int(r.at[last, 'Tsinghua University'])} and Peking "
            f"{int(r.at[last, 'Peking University'])} in {last} (Stanford {int(r.at[last, 'Stanford University'])}), "
            f"against {int(r.at[2022, 'Tsinghua University'])} and {int(r.at[2022, 'Peking University'])} in 2022."),
        "industry-driven-research": (
            f"Since then: companies' share of the top {TOP} institutions' NeurIPS papers was {companies.at[first]:g}% in "
            f"{first}, {companies.at[2022]:g}% in 2022 and {companies.at[last]:g}% in {last} (big companies by name only)."),
    }
