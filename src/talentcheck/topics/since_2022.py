"""Notebook 09, since 2022: NeurIPS 2021-2025 after the article's data, from the tables `talentcheck neurips build`
writes (`talentcheck.neurips.trends`, which also says how the source counts), and the "since then" notes.
"""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.errors import ParameterError
from talentcheck.neurips.trends import TOP
from talentcheck.topics.top_institutions.ranking import PAIR, institution_ranking, rank_of
from talentcheck.topics.work_rederived import country_shares, region_groups

NOTEBOOK = "09_since_2022.ipynb"
TSINGHUA, PEKING = PAIR

GROUPINGS = {
    "source": None,  # the source's own seven regions
    "tracker": {"United States": "United States", "China": "China", "Europe": "Europe", "Canada": "Canada"},  # the rest: Others
}


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
    if isinstance(follow, str) or not follow or not all(isinstance(name, str) for name in follow):
        raise ParameterError(f"follow must list one or more institutions by name, got {follow!r}")
    table = data.load("neurips/trends_institutions")
    unknown = sorted(set(follow) - set(table["institution"]))
    if unknown:
        raise ParameterError(f"follow: {unknown} never in the top {TOP} of NeurIPS 2021-2025 (names as in data/neurips/trends_institutions.csv)")
    return table[table["institution"].isin(follow)].pivot(index="year", columns="institution", values="rank")


def collaboration() -> pd.DataFrame:
    return data.load("neurips/trends_collaboration").pivot(index="year", columns="category", values="share_pct")


def countries(institutions) -> dict:
    """{institution: its country} as data/neurips/trends_institutions.csv places it (first row; None if absent)."""
    table = data.load("neurips/trends_institutions").drop_duplicates("institution").set_index("institution")["country"]
    return {institution: table.get(institution) for institution in institutions}


def band_table() -> pd.DataFrame:
    """data/neurips/trends_bands.csv with each row's band of papers: low, estimate, high (see `band`)."""
    bands = data.load("neurips/trends_bands").drop(columns=["source_standing", "source_url"])
    bands[["low", "estimate", "high"]] = [band(year, region) for year, region in zip(bands["year"], bands["region"])]
    return bands


def compare_2022() -> pd.DataFrame:
    """2022 counted both ways, by the Tracker's regions: the source's share of paper-region pairs beside
    the project's re-derivation (fractional papers of the all-accepted list), and their difference."""
    ours = country_shares(2022, "all_accepted", "fractional_papers", region_groups(europe_includes_uk=True)).round(1)
    theirs = region_shares("tracker", "share").loc[2022]
    return pd.DataFrame({"source (paper-region pairs)": theirs, "ours (fractional papers)": ours.reindex(theirs.index)}).assign(
        difference=lambda d: (d["source (paper-region pairs)"] - d["ours (fractional papers)"]).round(1))


def company_share() -> pd.Series:
    """Share (%) of the top institutions' papers that come from companies, by year (sectors as resolved)."""
    table = data.load("neurips/trends_institutions")
    share = table.groupby("year").apply(
        lambda g: 100 * g.loc[g["sector"] == "company", "paper_count"].sum() / g["paper_count"].sum(), include_groups=False)
    return share.round(1)


def company_band(year: int) -> tuple[float, float]:
    """(low, high) % of companies' share in `year` if the papers no table can place were none, or all, theirs."""
    table = data.load("neurips/trends_institutions")
    rows = table[table["year"] == year]
    bands = data.load("neurips/trends_bands")
    year_bands = bands[bands["year"] == year]
    unplaced = int(year_bands["unresolved_theirs"].sum() + year_bands["unresolved_neither"].iloc[0])
    companies, total = rows.loc[rows["sector"] == "company", "paper_count"].sum(), rows["paper_count"].sum() + unplaced
    return round(100 * companies / total, 1), round(100 * (companies + unplaced) / total, 1)


def band(year: int, region: str) -> tuple[int, int, int]:
    """(low, estimate, high) papers of `region` in `year` after re-resolving the source's institution
    names: its count moved by the papers placed differently, less those it placed in the region that no
    map can check, plus those placed nowhere; affiliation-string counts converted to papers at the
    region's own ratio (an estimate)."""
    row = data.load("neurips/trends_bands").set_index(["year", "region"]).loc[(year, region)]
    scale = row["paper_count"] / row["affiliation_papers"]
    estimate = row["paper_count"] + scale * (row["moved_in"] - row["moved_out"])
    return (round(estimate - scale * row["unresolved_theirs"]), round(estimate),
            round(estimate + scale * row["unresolved_neither"]))


def _band_text(year: int, region: str) -> str:
    low, estimate, high = band(year, region)
    return f"{low:,} to {high:,}"


SOURCE_TERMS = ("the source counts paper-region pairs (a joint paper counts in each region) and its \"China\" "
                "includes Hong Kong and part of Taiwan")


def since_then() -> dict[str, str]:
    """A "since then" note for each claim this data bears on, computed from the tables, each with the
    band that re-resolving the source's institution names gives, and whether its conclusion survives it."""
    shares = region_shares("source", "share")
    counts = region_shares("source", "count")
    first, last = shares.index.min(), shares.index.max()
    r = ranks([*PAIR, "Stanford University"])
    full = institution_ranking(2022)
    ours = {u: rank_of(full, u) for u in PAIR}
    companies = company_share()
    industry = {year: company_band(year) for year in (2022, last)}
    us_low, _, us_high = band(last, "United States")
    cn_low, _, cn_high = band(last, "China")
    cn22_low, _, cn22_high = band(2022, "China")
    def share(year, papers):
        return 100 * papers / counts.loc[year].sum()

    rise_survives = share(last, cn_low) > share(2022, cn22_high)
    institutions = data.load("neurips/trends_institutions")
    latest = institutions[institutions["year"] == last].sort_values("rank")
    peking = latest[latest["institution"] == PEKING]
    peking_count = int(peking["paper_count"].iloc[0]) if len(peking) else 0
    below = latest[latest["paper_count"] < peking_count]["paper_count"]
    margin = peking_count - int(below.iloc[0]) if len(below) else peking_count
    unresolved = int(data.load("neurips/trends_bands").set_index(["year", "region"]).loc[(last, "China"), "unresolved_neither"])
    return {
        "growing-share-working-in-china": (
            f"Since then (by affiliation; {SOURCE_TERMS}): China's share of NeurIPS paper-region pairs went from "
            f"{shares.at[2022, 'China']:g}% (2022) to {shares.at[last, 'China']:g}% ({last}); the US's from "
            f"{shares.at[2022, 'United States']:g}% to {shares.at[last, 'United States']:g}%. Re-resolving the source's "
            f"institution names puts China at {_band_text(2022, 'China')} papers in 2022 ({share(2022, cn22_low):.1f}% to "
            f"{share(2022, cn22_high):.1f}%) and {_band_text(last, 'China')} in {last} ({share(last, cn_low):.1f}% to {share(last, cn_high):.1f}%): "
            + ("the rise survives that band." if rise_survives else "the bands overlap, so the rise is not established by this table.")),
        "china-researchers-outnumber-us": (
            f"Since then (this is about where authors work, not where they come from, which the claim is about; {SOURCE_TERMS}): "
            f"in {last} the source counts {counts.at[last, 'United States']:,} papers with a US affiliation and "
            f"{counts.at[last, 'China']:,} with a Chinese one. Re-resolving its institution names gives the US "
            f"{us_low:,} to {us_high:,} and China {cn_low:,} to {cn_high:,}: "
            + ("US papers outnumber China's across the band." if us_low > cn_high else
               "Chinese papers outnumber US ones across the band." if cn_low > us_high else
               "the bands overlap, so which country has more papers is not established by this table.")),
        "top25-2022-tsinghua-peking-top5": (
            f"Since then (institution names re-resolved; papers counted once per affiliation string): by papers, Tsinghua ranked "
            f"{int(r.at[last, TSINGHUA])} and Peking {int(r.at[last, PEKING])} in {last} "
            f"(Stanford {int(r.at[last, 'Stanford University'])}), against {int(r.at[2022, TSINGHUA])} and "
            f"{int(r.at[2022, PEKING])} in 2022 by the same count (the verdict's {ours[TSINGHUA]} and "
            f"{ours[PEKING]} count distinct authors of the 2022 main-track list instead). Peking's lead over the next institution is {margin} papers, "
            f"against {unresolved:,} affiliation-string papers in {last} that neither the source nor the project's maps can place"
            + (", so its rank is not established by this table." if margin <= unresolved else ", a lead larger than that band.")),
        "industry-driven-research": (
            f"Since then: companies' share of the top {TOP} institutions' NeurIPS papers (sectors from the project's "
            f"reviewed table) was {companies.at[first]:g}% in {first}, {companies.at[2022]:g}% in 2022 and "
            f"{companies.at[last]:g}% in {last} (paper-institution pairs: a paper counts once for each institution it names). "
            f"Counting the papers no table can place as none or all companies' gives {industry[2022][0]:g}% to "
            f"{industry[2022][1]:g}% in 2022 and {industry[last][0]:g}% to {industry[last][1]:g}% in {last}: "
            + ("the fall survives that band." if industry[last][1] < industry[2022][0] else
               "the rise survives that band." if industry[last][0] > industry[2022][1] else
               "the bands overlap, so no trend is established by this table.")),
    }
