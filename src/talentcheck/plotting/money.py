"""Notebook 08's charts: Huawei's R&D by year and the universities' budgets."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from talentcheck.claims.words import spaced
from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR

BANDS = {"tens": ("tens of billions", "#dfd"), "hundreds": ("hundreds of billions", "#fdd")}  # reading: label, colour


def huawei_rd(years: pd.DataFrame, rate_type: str, ax=None):
    """Bars of Huawei's R&D by year (`year`, `usd_bn`), the years the verdict sums (`in_window`) in red."""
    ax = ax or plt.subplots()[1]
    ax.bar(years["year"], years["usd_bn"], color=[COUNTRY_COLOURS["China"] if w else OTHER_COLOUR for w in years["in_window"]])
    summed = years[years["in_window"]]
    ax.set(title=f"Huawei R&D, USD bn ({spaced(rate_type)} rates): "
                 f"{summed['year'].min()}-{summed['year'].max()} sum {summed['usd_bn'].sum():.0f}",
           ylabel="USD billion")
    ax.legend(handles=[Patch(facecolor=COUNTRY_COLOURS["China"], label="the ten years the verdict sums"),
                       Patch(facecolor=OTHER_COLOUR, label="other years")], fontsize=8, loc="upper left")
    return ax


def university_budgets(budgets: pd.DataFrame, readings: dict, ax=None):
    """Each university's budget by year (`year`, `university`, `budget_cny_bn`) against the article's
    ranges (`readings`: {reading: (low, high)}, CNY billion) for tens and for hundreds of billions."""
    ax = ax or plt.subplots()[1]
    for university, group in budgets.groupby("university"):
        ax.plot(group["year"], group["budget_cny_bn"], marker="o", label=university)
    for reading, (label, colour) in BANDS.items():
        ax.axhspan(*readings[reading], color=colour, alpha=0.5, label=label)
    ax.set(yscale="log", ylim=(5, 1000), ylabel="CNY billion",
           title=f"University budgets: {budgets['budget_cny_bn'].min():.0f} to {budgets['budget_cny_bn'].max():.0f} "
                 "billion yuan a year")
    ax.legend(fontsize=8)
    return ax


def rd_and_budgets(years: pd.DataFrame, rate_type: str, budgets: pd.DataFrame, readings: dict):
    """The two charts side by side; returns the figure."""
    fig, axes = plt.subplots(1, 2, figsize=(13, 4.5))
    huawei_rd(years, rate_type, ax=axes[0])
    university_budgets(budgets, readings, ax=axes[1])
    fig.tight_layout()
    return fig
