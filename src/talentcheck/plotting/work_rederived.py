"""Notebook 05's chart: each region's re-derived share of NeurIPS affiliations beside the Tracker's."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck.claims.words import spaced

MEASURE_COLOURS = {"re-derived": "#4c72b0", "Tracker": "#dd8452"}
REGION_ORDER = ["United States", "China", "Europe", "Europe (excl. UK)", "Canada", "Others"]  # the UK apart is not shown


def comparison_bars(both: pd.DataFrame):
    """One panel per year and cohort of `both` (year, cohort, country, measure, share_pct): the
    re-derived share of each region beside the Tracker's. Returns the axes."""
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), sharey=True)
    for ax, ((year, cohort), group) in zip(axes.flat, both.groupby(["year", "cohort"])):
        pivot = group.pivot_table(index="country", columns="measure", values="share_pct").reindex(REGION_ORDER).dropna(how="all")
        pivot.plot.bar(ax=ax, rot=0, color=MEASURE_COLOURS)
        ax.set(title=f"{year}, {spaced(cohort)}", xlabel="", ylabel="share (%)")
    plt.tight_layout()
    return axes
