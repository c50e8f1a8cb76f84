"""Notebook 08's charts, one per claim they bear on: Huawei's R&D by year (huawei-100b-decade) and the universities'
budgets against the article's range (university-budgets)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from talentcheck.claims.words import VALUE_WORDS, listing
from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR, PHONE_WIDTH, chart, summary, wrapped

BANDS = {"tens": ("tens of billions", "#dfd"), "hundreds": ("hundreds of billions", "#fdd")}  # reading: label, colour


def huawei_rd(years: pd.DataFrame, rate_type: str, ax=None, phone: bool = False):
    """Bars of Huawei's R&D by year (`year`, `usd_bn`), the years the verdict sums (`in_window`) in red."""
    ax = ax or plt.subplots()[1]
    ax.bar(years["year"], years["usd_bn"], color=[COUNTRY_COLOURS["China"] if w else OTHER_COLOUR for w in years["in_window"]])
    summed = years[years["in_window"]]
    rates = VALUE_WORDS["rate_type"].get(rate_type, rate_type)
    ax.set(title=wrapped(f"Huawei's R&D, USD billion a year (converted here at {rates}): "
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


def said_rd(years: pd.DataFrame) -> str:
    """The R&D chart's figures in words: the sum the verdict takes, and its largest year."""
    summed = years[years["in_window"]]
    return (f"Huawei's R&D in {summed['year'].min()}-{summed['year'].max()}, converted here, sums to "
            f"{summed['usd_bn'].sum():,.0f} billion dollars, the largest year {summed['usd_bn'].max():,.1f}.")


def said_budgets(budgets: pd.DataFrame) -> str:
    """The budgets chart's figures in words: each university's latest budget drawn."""
    latest = budgets.sort_values("year").groupby("university").tail(1)
    return "University budgets in their latest year drawn: " + listing(
        [f"{r.university} {r.budget_cny_bn:,.0f} billion yuan ({r.year})" for r in latest.itertuples()])


@chart
def rd_chart(years: pd.DataFrame, rate_type: str, phone: bool = False):
    """Huawei's R&D by year on a figure of its own (the Huawei claim's chart); returns the figure."""
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH, 3.6) if phone else (8, 4.5))
    huawei_rd(years, rate_type, ax=ax, phone=phone)
    fig.tight_layout()
    return summary(fig, said_rd(years))


@chart
def budgets_chart(budgets: pd.DataFrame, readings: dict, phone: bool = False):
    """The universities' budgets (the years the reading allows) against the article's range, on a figure of its own
    (the budgets claim's chart); returns the figure."""
    fig, ax = plt.subplots(figsize=(PHONE_WIDTH, 3.6) if phone else (8, 4.5))
    university_budgets(budgets, readings, ax=ax, phone=phone)
    fig.tight_layout()
    return summary(fig, said_budgets(budgets))
