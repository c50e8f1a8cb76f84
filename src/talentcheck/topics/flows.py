"""Talent flows: the published conditional shares turned into links between career stages.

The Tracker's own flow chart (undergraduate -> graduate school -> work) was not published as numbers;
what coverage reports are a few conditional shares. `china_origin_links` chains them into the paths of
researchers with a Chinese undergraduate degree, and marks each link as published or derived.
"""
from __future__ import annotations

import pandas as pd

from talentcheck import data

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
