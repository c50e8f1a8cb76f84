"""Notebook 05's chart: each region's re-derived share of NeurIPS affiliations beside the Tracker's."""
from __future__ import annotations

import numpy as np
import pandas as pd

from talentcheck.plotting.shared import cohort_short
from talentcheck.plotting.style import chart, panels, percent, summary, wrapped

MEASURE_COLOURS = {"re-derived": "#4c72b0", "Tracker": "#dd8452"}
REGION_ORDER = ["United States", "China", "Europe", "Europe (excl. UK)", "Canada", "Others"]  # the UK apart is not shown


def said(pivot: pd.DataFrame) -> str:
    """A panel's main figures: the US's and China's re-derived shares against the Tracker's."""
    parts = []
    for region in ("United States", "China"):
        if region in pivot.index:
            row = pivot.loc[region]
            tracker = row.get("Tracker")
            parts.append(f"{region} {percent(row['re-derived'])} re-derived against "
                         + (f"{percent(tracker)} by the Tracker" if pd.notna(tracker) else "none published by the Tracker"))
    return ", ".join(parts)


@chart
def comparison_bars(both: pd.DataFrame, phone: bool = False):
    """One panel per year and cohort of `both` (year, cohort, country, measure, share_pct): the
    re-derived share of each region beside the Tracker's (a 2 x 2 grid; one above the other on a phone).
    Returns the axes."""
    import matplotlib.pyplot as plt

    groups = list(both.groupby(["year", "cohort"]))
    if phone:
        fig, axes = panels(len(groups), True, wide=(12, 8), tall=2.9)
    else:
        fig, grid = plt.subplots(2, 2, figsize=(12, 8), sharey=True)
        axes = list(grid.flat)
    found = []
    for n, (ax, ((year, cohort), group)) in enumerate(zip(axes, groups)):
        pivot = group.pivot_table(index="country", columns="measure", values="share_pct").reindex(REGION_ORDER).dropna(how="all")
        pivot.plot.bar(ax=ax, rot=0, color=MEASURE_COLOURS, legend=n == 0 or not phone)
        title = f"NeurIPS {year}, {cohort_short(cohort)} researchers"
        ax.set(title=wrapped(title, phone), xlabel="", ylabel="share of researchers (%)")
        if phone:
            ax.tick_params(axis="x", labelsize=8, rotation=20)
        found.append(f"{title}: {said(pivot)}")
    if phone:
        axes[0].legend(fontsize=8, title=None, loc="upper right")
    fig.tight_layout()
    summary(fig, ". ".join(found))
    return np.array(axes).reshape(-1, 1 if phone else 2)
