"""Charts of notebooks 04 and 05: the top institutions and the re-derived regions."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR

MEASURE_COLOURS = {"re-derived": "#4c72b0", "Tracker": "#dd8452"}
REGION_ORDER = ["United States", "China", "Europe", "Europe (excl. UK)", "Canada", "Others"]  # the UK apart is not shown


def top_bars(tops: pd.DataFrame, top_n: int, counting: str):
    """One panel per year of `tops` (year, rank, institution, country, sector, value): bars of the chosen
    count, coloured by country, hatched for companies. Returns the axes."""
    years = list(dict.fromkeys(tops["year"]))
    fig, axes = plt.subplots(1, len(years), figsize=(13, 8), sharex=False, squeeze=False)
    for ax, year in zip(axes[0], years):
        shown = tops[tops["year"] == year].iloc[::-1]
        bars = ax.barh(range(len(shown)), shown["value"], color=[COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in shown["country"]])
        for bar, sector in zip(bars, shown["sector"]):
            if sector == "company":
                bar.set_hatch("//")
                bar.set_edgecolor("white")
        ax.set_yticks(range(len(shown)), [f"{k}. {n}" for k, n in zip(shown["rank"], shown["institution"])], fontsize=8)
        ax.set(title=f"NeurIPS {year}: top {top_n} by {counting.replace('_', ' ')}", xlabel=counting.replace("_", " "))
    plt.tight_layout()
    return axes


def comparison_bars(both: pd.DataFrame):
    """One panel per year and cohort of `both` (year, cohort, country, measure, share_pct): the
    re-derived share of each region beside the Tracker's. Returns the axes."""
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), sharey=True)
    for ax, ((year, cohort), group) in zip(axes.flat, both.groupby(["year", "cohort"])):
        pivot = group.pivot_table(index="country", columns="measure", values="share_pct").reindex(REGION_ORDER).dropna(how="all")
        pivot.plot.bar(ax=ax, rot=0, color=MEASURE_COLOURS)
        ax.set(title=f"{year}, {cohort.replace('_', ' ')}", xlabel="", ylabel="share (%)")
    plt.tight_layout()
    return axes
