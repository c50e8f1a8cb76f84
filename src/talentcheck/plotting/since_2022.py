"""Notebook 09's charts: regions, institutions' ranks and collaboration since 2022.

Each takes the table the notebook shows (one row per year, one column per line) and returns the axes."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR

ARTICLE_YEAR = 2022  # the article's latest data, marked on the region chart


def regions_chart(shares: pd.DataFrame, metric: str):
    """One line per region (`topics.since_2022.region_shares`); the countries with a colour of their own drawn thicker."""
    ax = plt.subplots(figsize=(9, 4.5))[1]
    for region in shares.columns:
        ax.plot(shares.index, shares[region], marker="o", label=region,
                color=COUNTRY_COLOURS.get(region, OTHER_COLOUR), linewidth=3 if region in COUNTRY_COLOURS else 1.5)
    ax.axvline(ARTICLE_YEAR, color="#999", linestyle=":")
    ax.annotate("the article's data", (ARTICLE_YEAR, ax.get_ylim()[1]), xytext=(4, -12), textcoords="offset points", fontsize=8)
    ax.set(xticks=shares.index, ylabel="% of paper-region pairs" if metric == "share" else "paper-region pairs",
           title="NeurIPS papers by region of their authors' affiliations")
    ax.legend(fontsize=8)
    return ax


def rank_ticks(deepest: int) -> list[int]:
    """Ticks for a log scale of ranks: 1, 2, 5, 10, 20, 50, ... below `deepest`, then `deepest` itself."""
    ticks, step = [], 1
    while step < deepest:
        ticks += [t for t in (step, 2 * step, 5 * step) if t < deepest]
        step *= 10
    return ticks + [deepest]


def bump_chart(ranked: pd.DataFrame, countries: dict, deepest: int):
    """One line per institution (`topics.since_2022.ranks`) in its country's colour, named at its last year; the rank
    axis on a log scale down to `deepest`, the last rank the table keeps."""
    ax = plt.subplots(figsize=(10, 6))[1]
    for institution in ranked.columns:
        ax.plot(ranked.index, ranked[institution], marker="o", color=COUNTRY_COLOURS.get(countries.get(institution), OTHER_COLOUR))
        last = ranked[institution].dropna()
        if len(last):
            ax.annotate(institution, (last.index[-1], last.iloc[-1]), xytext=(6, 0), textcoords="offset points", fontsize=8, va="center")
    ax.set(yscale="log", xticks=ranked.index, xlim=(ranked.index.min() - 0.2, ranked.index.max() + 1.6),  # room for the names
           ylabel="rank by papers (log scale)", title="Rank of the article's institutions at NeurIPS (red: China, blue: US)")
    ticks = rank_ticks(deepest)
    ax.set_yticks(ticks, labels=[str(t) for t in ticks])
    ax.minorticks_off()
    ax.invert_yaxis()
    return ax


def collaboration_chart(collaboration: pd.DataFrame):
    """One line per mix of US and Chinese affiliations (`topics.since_2022.collaboration`): % of papers by year."""
    colours = {"China only": COUNTRY_COLOURS["China"], "US only": COUNTRY_COLOURS["United States"],
               "US-China collaboration": "#7f3c8d"}
    ax = collaboration.plot(marker="o", figsize=(9, 4), title="NeurIPS papers by US and Chinese affiliation",
                            color=[colours.get(c, OTHER_COLOUR) for c in collaboration.columns])
    ax.set(ylabel="% of papers", xticks=collaboration.index, ylim=(0, None))
    ax.legend(title=None, fontsize=8)
    return ax
