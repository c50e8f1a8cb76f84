"""Notebook 08's charts: Huawei's R&D by year and the universities' budgets."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from talentcheck.claims.words import VALUE_WORDS, listing
from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR, chart, panels, summary, wrapped

BANDS = {"tens": ("tens of billions", "#dfd"), "hundreds": ("hundreds of billions", "#fdd")}  # reading: label, colour


def huawei_rd(years: pd.DataFrame, rate_type: str, ax=None, phone: bool = False):
    """Bars of Huawei's R&D by year (`year`, `usd_bn`), the years the verdict sums (`in_window`) in red."""
    ax = ax or plt.subplots()[1]
    ax.bar(years["year"], years["usd_bn"], color=[COUNTRY_COLOURS["China"] if w else OTHER_COLOUR for w in years["in_window"]])
    summed = years[years["in_window"]]
    rates = VALUE_WORDS["rate_type"].get(rate_type, rate_type)
    ax.set(title=wrapped(f"Huawei's R&D, USD billion a year ({rates}): "
                         f"{summed['year'].min()}-{summed['year'].max()} sum to {summed['usd_bn'].sum():.0f}", True,
                         40 if phone else 58),  # two lines on a desktop too: one ran into the budgets' title
           ylabel="R&D, USD billion")
    handles = [Patch(facecolor=COUNTRY_COLOURS["China"], label="the ten years the verdict sums"),
               Patch(facecolor=OTHER_COLOUR, label="other years")]
    if phone:  # the legend above the bars, in room of its own
        ax.tick_params(axis="x", rotation=45)
        ax.set_ylim(0, years["usd_bn"].max() * 1.35)
    ax.legend(handles=handles, fontsize=7 if phone else 8, loc="upper left")
    return ax


def university_budgets(budgets: pd.DataFrame, readings: dict, ax=None, phone: bool = False):
    """Each university's budget by year (`year`, `university`, `budget_cny_bn`) against the article's
    ranges (`readings`: {reading: (low, high)}, CNY billion) for tens and for hundreds of billions."""
    ax = ax or plt.subplots()[1]
    for university, group in budgets.groupby("university"):
        ax.plot(group["year"], group["budget_cny_bn"], marker="o", label=university)
    for reading, (label, colour) in BANDS.items():
        ax.axhspan(*readings[reading], color=colour, alpha=0.5, label=label)
    ax.set(yscale="log", ylim=(5, 1000), ylabel=f"{'' if phone else 'budget, '}billion yuan a year (log scale)",
           title=wrapped(f"University budgets: {budgets['budget_cny_bn'].min():.0f} to {budgets['budget_cny_bn'].max():.0f} "
                         "billion yuan a year", phone))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: f"{value:,.0f}"))
    ax.legend(fontsize=7 if phone else 8, loc="upper left")
    return ax


def said(years: pd.DataFrame, budgets: pd.DataFrame) -> str:
    """The charts' figures in words: the sum the verdict takes, and each university's latest budget."""
    summed = years[years["in_window"]]
    latest = budgets.sort_values("year").groupby("university").tail(1)
    return (f"Huawei's R&D in {summed['year'].min()}-{summed['year'].max()} sums to {summed['usd_bn'].sum():,.0f} billion "
            f"dollars, the largest year {summed['usd_bn'].max():,.1f}. University budgets in their latest year: "
            + listing([f"{r.university} {r.budget_cny_bn:,.0f} billion yuan ({r.year})" for r in latest.itertuples()]))


@chart
def rd_and_budgets(years: pd.DataFrame, rate_type: str, budgets: pd.DataFrame, readings: dict, phone: bool = False):
    """The two charts side by side (one above the other on a phone); returns the figure."""
    fig, axes = panels(2, phone, wide=(13, 4.5), tall=3.6)
    huawei_rd(years, rate_type, ax=axes[0], phone=phone)
    university_budgets(budgets, readings, ax=axes[1], phone=phone)
    fig.tight_layout()
    return summary(fig, said(years, budgets))
