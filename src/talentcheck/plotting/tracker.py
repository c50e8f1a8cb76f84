"""Charts of notebooks 01-03: the Tracker's shares by country against the article's figures, and the flows.

Each chart has a `*_panels` function that gives the tidy data it draws (one entry per panel), so that
tests can check what is drawn without reading pixels.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck import claims
from talentcheck.topics import flows
from talentcheck.plotting.shared import alluvial, shares_chart

ORIGIN_CLAIMS = {"top_tier": "origin-47-18-5", "most_elite": "elite-origin-china-26-us-28"}
"""The claim whose figures mark each cohort's panel of the origin chart (their figures are for 2022)."""
WORK_CLAIMS = {2019: "us-65pct-work-2019", 2022: "china-12pct-work-2022"}
US_INSTITUTIONS_CLAIM = "us-institutions-38-vs-37"


def origin_panels(chosen: pd.DataFrame, year: int) -> list[dict]:
    """One panel per cohort: its shares by country of undergraduate degree in `year`, and the article's figures
    (marked only for the year they speak of)."""
    return [{"table": chosen[(chosen["year"] == year) & (chosen["cohort"] == cohort)],
             "marks": claims.stated_figures(cid) if year == 2022 else {},
             "title": f"{cohort.replace('_', '-')} cohort, NeurIPS {year}"} for cohort, cid in ORIGIN_CLAIMS.items()]


def work_panels(chosen: pd.DataFrame) -> list[dict]:
    """One panel per year: the US's and China's shares of each cohort by country of employer, with the
    article's figure marked on the bar of the cohort it speaks of."""
    us_china = chosen[chosen["country"].isin(["United States", "China"])]
    return [{"table": us_china[us_china["year"] == year],
             "marks": {(k, claims.claim(cid)["as_stated"]["cohort"]): v for k, v in claims.stated_figures(cid).items()},
             "title": f"NeurIPS {year}: where researchers work"} for year, cid in WORK_CLAIMS.items()]


def _show(fig):
    """Show the figure now, as `plt.show()` in a notebook cell did (the inline backend's end-of-cell display
    draws some figures twice), and return it for tests."""
    plt.show()
    return fig


def _side_by_side(panels: list[dict], hue: str | None = None):
    fig, axes = plt.subplots(1, len(panels), figsize=(12, 4.5), sharey=True)
    for ax, panel in zip(axes, panels):
        shares_chart(panel["table"], "country", "share_pct", hue=hue, marks=panel["marks"], title=panel["title"], ax=ax)
    plt.tight_layout()
    return _show(fig)


def origin_chart(chosen: pd.DataFrame, year: int):
    """Notebook 01: shares by country of undergraduate degree, one panel per cohort."""
    return _side_by_side(origin_panels(chosen, year))


def work_chart(chosen: pd.DataFrame):
    """Notebook 02: the US's and China's shares by country of employer, one panel per year, bars by cohort."""
    return _side_by_side(work_panels(chosen), hue="cohort")


def us_institutions_chart(chosen: pd.DataFrame):
    """Notebook 03: the origin mix of top-tier researchers at US institutions, by year."""
    ax = shares_chart(chosen, "country", "share_pct", hue="year", marks=claims.stated_figures(US_INSTITUTIONS_CLAIM),
                      title="Top-tier researchers at US institutions, by undergraduate country")
    return _show(ax.figure)


def flow_links(flow_table: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """{year: the links of China-origin researchers' paths} (see `flows.china_origin_links`)."""
    return {year: flows.china_origin_links(flow_table, year) for year in flows.STAGES}


def flows_chart(links: dict[int, pd.DataFrame]):
    """Notebook 03: one alluvial per year of where researchers with a Chinese undergraduate degree went."""
    fig, axes = plt.subplots(1, len(links), figsize=(12, 5))
    for ax, (year, year_links) in zip(axes, links.items()):
        alluvial(year_links, flows.STAGES[year], ax=ax, title=f"China-origin top-tier researchers, NeurIPS {year}")
    plt.tight_layout()
    return _show(fig)


def flow_table(links: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """The links of `flows_chart` as one table, rounded as a reader reads them."""
    return pd.concat([links[y].assign(year=y) for y in links]).round(1)[["year", "stage", "source", "target", "share_pct", "how"]]
