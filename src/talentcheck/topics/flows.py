"""Notebook 03, US institutions and talent flows: who the top-tier researchers at US institutions studied where,
the verdict on the article's "38% against 37%", what conflicting sources do to the verdicts of notebooks 01-03,
and the flows of researchers with a Chinese undergraduate degree.

The Tracker's own flow chart (undergraduate -> graduate school -> work) was not published as numbers;
what coverage reports are a few conditional shares. `china_origin_links` chains them into the paths of
researchers with a Chinese undergraduate degree, and marks each link as published or derived.
"""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data
from talentcheck.data import sources
from talentcheck.claims import sampling_error
from talentcheck.claims.relations import pair_relation
from talentcheck.claims.words import count, listing, pct
from talentcheck.topics import origin, work
from talentcheck.topics.tracker import Shares, cohort_slots, interval_words, points

NOTEBOOK = "03_us_institutions_and_flows.ipynb"

STAGES = {2019: ["undergraduate", "work"], 2022: ["undergraduate", "graduate school", "work"]}
ELSEWHERE = "elsewhere"


def _share(flows: pd.DataFrame, year: int, population: str, destination: str) -> float:
    rows = flows[(flows["year"] == year) & (flows["population"] == population) & (flows["destination"] == destination)]
    if rows.empty:
        raise data.DataError(f"tracker/flows has no {population} -> {destination} share for {year}")
    return float(rows["share_pct"].iloc[0])


def china_origin_links(flows: pd.DataFrame, year: int) -> pd.DataFrame:
    """Links (stage, source, target, share of China-origin researchers, how it was obtained) for one year.

    `flows` is tracker/flows after `pick_source`. 2019 has one stage (where they work); 2022 has two:
    graduate-school country, then the share of each graduate country's alumni who stay there to work,
    which the sources give for all researchers, not only China-origin ones (an assumption, stated).
    """
    links = []
    if year == 2019:
        china = _share(flows, 2019, "china_origin_current_work", "China")
        us = _share(flows, 2019, "china_origin_current_work", "United States")
        links += [("work", "China", "China", china, "published"), ("work", "China", "United States", us, "published"),
                  ("work", "China", ELSEWHERE, 100 - china - us, "derived: remainder")]
    elif year == 2022:
        grad = {c: _share(flows, 2022, "china_origin_grad_school", c) for c in ("China", "United States")}
        stay = {"China": _share(flows, 2022, "china_gradschool_then_work", "China"),
                "United States": _share(flows, 2022, "us_gradschool_then_work", "United States")}
        links += [("graduate school", "China", c, v, "published") for c, v in grad.items()]
        links.append(("graduate school", "China", ELSEWHERE, 100 - sum(grad.values()), "derived: remainder"))
        for country, share in grad.items():
            kept = share * stay[country] / 100
            links += [("work", country, country, kept, "derived: graduate share x stay rate of all alumni"),
                      ("work", country, ELSEWHERE, share - kept, "derived: remainder")]
    else:
        raise data.DataError(f"no flow figures for year {year} (2019 or 2022)")
    return pd.DataFrame(links, columns=["stage", "source", "target", "share_pct", "how"])


def at_us_institutions(source: str) -> pd.DataFrame:
    """The origin mix of top-tier researchers at US institutions, one source per year and country (see `origin.shares`)."""
    return data.pick_source(data.load("tracker/us_institutions_by_origin"), ["year", "cohort", "country"], source)


def by_year(chosen: pd.DataFrame) -> pd.DataFrame:
    """The origin mix with a column per year, largest share of the later year first."""
    return chosen.pivot_table(index="country", columns="year", values="share_pct").sort_values(max(data.YEARS), ascending=False)


def verdicts(params: dict) -> list[claims.Verdict]:
    """The verdict of the notebook's claim, judged by the comparison its registry entry records, in its texts' words."""
    return claims.verdicts_for(NOTEBOOK, params, {CLAIM: slots})


CLAIM = "us-institutions-38-vs-37"


def slots(params: dict) -> dict:
    """The slots of the 38%-against-37% texts: both shares against the article's, the gap and its sampling interval
    (the researchers behind it: the top-tier sample times its share working in the US)."""
    year = int(claims.with_parameters(CLAIM, params)["year"])
    shares = Shares("tracker/us_institutions_by_origin", params.get("source", "best_standing"))
    china, us = shares.get(year, "top_tier", "China"), shares.get(year, "top_tier", "United States")
    stated = claims.stated_figures(CLAIM)
    found = {**cohort_slots(CLAIM, params), "china_share": pct(china), "us_share": pct(us),
             "article_shares": listing([pct(stated["China"]), pct(stated["United States"])])}
    found["pair_relation"] = pair_relation([china, us], [stated["China"], stated["United States"]])
    found["pair_short"] = ("as stated" if found["pair_relation"] == "matching"
                           else f"{found['pair_relation']} the article's {found['article_shares']}")
    gap = round(china) - round(us)
    found["gap_points"] = f"{count(abs(gap))} point{'s' if abs(gap) != 1 else ''}"
    working_shares = Shares(work.TABLE, params.get("source", "best_standing"))
    working = working_shares.get(year, "top_tier", "United States")
    n = sampling_error.size(year, "top_tier")
    if n and working is not None:
        found["base_n"] = f"{round(n * working / 100, -1):,.0f}"
    interval = claims.interval(CLAIM, params, {"China": china, "United States": us})
    found.setdefault("base_n", "an unpublished number")
    found["gap_short"] = "with no sample size published to gauge sampling error"
    found["gap_sentence"] = "cannot be set against sampling error, since the Tracker published no sample size for it"
    larger = "China" if china > us else "US" if us > china else None
    found["larger_group"] = (f"the two groups' gap of {found['gap_points']} cannot be set against sampling error"
                             if larger else "the two groups are the same size")
    if interval:
        low, high = interval
        within = low <= 0 <= high  # one rule both ways: a gap whose interval holds 0 shows neither group larger
        found["gap_short"] = "tied within sampling error" if within else "apart beyond sampling error"
        found["gap_interval"] = interval_words(interval)
        found["gap_sentence"] = (f"{'lies within' if within else 'is beyond'} sampling error: the 95% interval runs from "
                                 f"{points(low)} to {points(high)} points")
        found["larger_group"] = (f"the gap of {found['gap_points']} between the two groups lies within sampling error, so "
                                 "neither is shown to be larger"
                                 if within or not larger else
                                 f"{larger}-schooled researchers were the larger group, by {found['gap_points']}, beyond sampling error")
    # the chart draws every year's shares of the cohort; the base of the gap's interval rests on the sample's size
    # and the share of the cohort working in the US
    drawn = shares.table[shares.table["cohort"] == "top_tier"]
    chart = [u for cell in drawn["source_url"] for u in sources.split(cell)]
    return {"slots": found, "sources": list(dict.fromkeys(shares.urls + chart)),
            "slot_sources": {"base_n": list(dict.fromkeys(sampling_error.sample_urls(year, "top_tier") + working_shares.urls))}}


def conflicting_source_verdicts() -> pd.DataFrame:
    """Each claim of the Tracker's notebooks (01-03) judged with each source that disagrees preferred in turn."""
    return claims.conflicting_source_verdicts([origin.NOTEBOOK, work.NOTEBOOK, NOTEBOOK])


def flow_figures(source: str) -> pd.DataFrame:
    """The published conditional shares the flows are chained from, one source per figure."""
    return data.pick_source(data.load("tracker/flows"), ["year", "cohort", "population", "destination"], source)


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures behind the flows, with their sources."""
    return figures[["year", "population", "destination", "share_pct", "source_name", "source_standing"]]


def flow_links(figures: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """{year: the links of China-origin researchers' paths} (see `china_origin_links`)."""
    return {year: china_origin_links(figures, year) for year in STAGES}


def flow_table(links: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """The links of every year as one table, rounded as a reader reads them, with how each was obtained."""
    return pd.concat([links[y].assign(year=y) for y in links]).round(1)[["year", "stage", "source", "target", "share_pct", "how"]]
