"""Notebook 09's charts: regions, institutions' ranks and collaboration since 2022.

Each takes the table the notebook shows (one row per year, one column per line) and returns the axes."""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck.claims.words import SHORT_INSTITUTIONS, listing
from talentcheck.plotting.style import (COUNTRY_COLOURS, OTHER_COLOUR, PHONE_WIDTH, chart, legend_below, percent, summary,
                                        wrapped)

ARTICLE_YEAR = 2022  # the article's latest data, marked on the region chart
REGION_AXIS = {"share": "share of papers (%), a paper counted in each of its authors' regions",
               "count": "papers, each counted in each of its authors' regions"}


def _latest(table: pd.DataFrame, as_share: bool, most: int = 5) -> str:
    """The last year's values, largest first: "2025: United States 31.6%, China 29.3%, ..."."""
    year = table.index.max()
    row = table.loc[year].dropna().sort_values(ascending=False).head(most)
    return f"{year}: " + ", ".join(f"{k} {percent(v) if as_share else f'{v:,.0f}'}" for k, v in row.items())


@chart
def regions_chart(shares: pd.DataFrame, metric: str, phone: bool = False):
    """One line per region (`topics.since_2022.region_shares`); the countries with a colour of their own drawn thicker."""
    ax = plt.subplots(figsize=(PHONE_WIDTH, 3.4) if phone else (9, 4.5))[1]
    for region in shares.columns:
        ax.plot(shares.index, shares[region], marker="o", label=region,
                color=COUNTRY_COLOURS.get(region, OTHER_COLOUR), linewidth=3 if region in COUNTRY_COLOURS else 1.5)
    ax.axvline(ARTICLE_YEAR, color="#999", linestyle=":")
    ax.annotate("the article's data", (ARTICLE_YEAR, ax.get_ylim()[1]), xytext=(4, -12), textcoords="offset points", fontsize=8)
    ax.set(xticks=shares.index, ylabel=wrapped(REGION_AXIS.get(metric, metric), True, 30 if phone else 40),
           title=wrapped("NeurIPS papers by region of their authors' affiliations", phone))
    if phone:
        ax.tick_params(labelsize=8)
        ax.yaxis.label.set_fontsize(8)
    ax.figure.tight_layout()
    legend_below(ax, ncol=3) if phone else ax.legend(fontsize=8)
    first = shares.loc[[shares.index.min()]]
    summary(ax.figure, ("Share of NeurIPS papers by region of their authors, " if metric == "share" else "NeurIPS papers by region, ")
            + f"{_latest(shares, metric == 'share')}; {_latest(first, metric == 'share')}")
    return ax


def rank_ticks(deepest: int) -> list[int]:
    """Ticks for a log scale of ranks: 1, 2, 5, 10, 20, 50, ... below `deepest`, then `deepest` itself (a tick
    too close to it to read apart, within a factor of 1.6, left out)."""
    ticks, step = [], 1
    while step < deepest:
        ticks += [t for t in (step, 2 * step, 5 * step) if t * 1.6 <= deepest]
        step *= 10
    return ticks + [deepest]


def spread(positions: dict[str, float], gap: float) -> dict[str, float]:
    """Label positions (on the axis's scale: log10 of a rank) moved apart so that no two are closer than `gap`,
    each as near its own as the others allow (a pass down, then back up from the last)."""
    order = sorted(positions, key=positions.get)
    placed = {}
    for name in order:
        previous = placed[order[order.index(name) - 1]] if placed else -math.inf
        placed[name] = max(positions[name], previous + gap)
    for above, below in reversed(list(zip(order, order[1:]))):
        placed[above] = min(placed[above], placed[below] - gap) if placed[below] - placed[above] < gap else placed[above]
    return placed


@chart
def bump_chart(ranked: pd.DataFrame, countries: dict, deepest: int, phone: bool = False):
    """One line per institution (`topics.since_2022.ranks`) in its country's colour, named right of the frame at its
    last rank (names moved apart where ranks are close); the rank axis on a log scale down to `deepest`, the last rank
    the table keeps."""
    ax = plt.subplots(figsize=(PHONE_WIDTH, 4.6) if phone else (10, 6))[1]
    ends = {}
    for institution in ranked.columns:
        ax.plot(ranked.index, ranked[institution], marker="o", markersize=4 if phone else 6,
                color=COUNTRY_COLOURS.get(countries.get(institution), OTHER_COLOUR))
        last = ranked[institution].dropna()
        if len(last):
            ends[institution] = (last.index[-1], last.iloc[-1])
    placed = spread({name: math.log10(rank) for name, (_, rank) in ends.items()}, 0.075 if phone else 0.055)
    for institution, (year, rank) in ends.items():  # the names in a column right of the frame, each joined to its line
        ax.annotate(SHORT_INSTITUTIONS.get(institution, institution), (year, rank), xytext=(1.03, 10 ** placed[institution]),
                    textcoords=("axes fraction", "data"), fontsize=7 if phone else 8, va="center", annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": "#aaaaaa", "linewidth": 0.6, "shrinkA": 2, "shrinkB": 3})
    ax.set(yscale="log", xticks=ranked.index, xlim=(ranked.index.min() - 0.2, ranked.index.max() + 0.2),
           ylabel="rank by papers (log scale)",
           title=wrapped("Rank of the article's institutions at NeurIPS (red: China, blue: US)", phone))
    ticks = rank_ticks(deepest)
    ax.set_yticks(ticks, labels=[str(t) for t in ticks])
    ax.minorticks_off()
    ax.invert_yaxis()
    if phone:
        ax.tick_params(labelsize=8)
        ax.tick_params(axis="x", rotation=45)
    ax.figure.tight_layout()
    year = ranked.index.max()
    last = ranked.loc[year].dropna().sort_values()
    summary(ax.figure, f"Ranks in {year}: " + listing([f"{k} {v:.0f}" for k, v in last.items()]))
    return ax


@chart
def collaboration_chart(collaboration: pd.DataFrame, phone: bool = False):
    """One line per mix of US and Chinese affiliations (`topics.since_2022.collaboration`): % of papers by year."""
    colours = {"China only": COUNTRY_COLOURS["China"], "US only": COUNTRY_COLOURS["United States"],
               "US-China collaboration": "#7f3c8d"}
    ax = collaboration.plot(marker="o", figsize=(PHONE_WIDTH, 3.2) if phone else (9, 4),
                            title=wrapped("NeurIPS papers by US and Chinese affiliation", phone),
                            color=[colours.get(c, OTHER_COLOUR) for c in collaboration.columns])
    ax.set(ylabel="share of papers (%)", xlabel="", xticks=collaboration.index, ylim=(0, None))
    if phone:
        ax.tick_params(labelsize=8)
    ax.figure.tight_layout()
    legend_below(ax, ncol=2) if phone else ax.legend(title=None, fontsize=8)
    summary(ax.figure, "Share of NeurIPS papers by their authors' affiliations, " + _latest(collaboration, True)
            + "; " + _latest(collaboration.loc[[collaboration.index.min()]], True))
    return ax
