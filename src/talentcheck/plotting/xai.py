"""Notebook 06's charts: xAI's founders and where they studied (the education claim's), and the researchers of
Chinese descent the foundation claim is about, by first degree and schooling (its own)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from talentcheck.claims.words import listing
from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR, PHONE_WIDTH, chart, legend_below, summary, wrapped

SHORT = {"United States": "US", "United Kingdom": "UK"}  # a dot's label on a phone, where the columns are narrow
UNKNOWN = {"markerfacecolor": "white", "markeredgecolor": "#555", "linestyle": ""}  # with a dashed edge, drawn below


def said(paths: pd.DataFrame) -> str:
    """The chart's figures: how many took their first degree (the first stage drawn) in each country, and how many
    are unknown."""
    first = paths[paths["stage"] == paths["stage"].iloc[0]]["country"]
    counts = first.value_counts()
    parts = [f"{n} in {country}" for country, n in counts.items()]
    unknown = int(first.isna().sum() + (first == "").sum())
    return "First degrees: " + listing(parts + ([f"{unknown} unknown"] if unknown else []))


@chart
def education_paths(paths: pd.DataFrame, title: str, label_last: bool = False, phone: bool = False):
    """One row per person, one dot per stage (columns in the order the stages come), coloured by country.

    `paths` is tidy: name, stage, country. A country not found is an empty circle with a dashed edge, which the
    legend explains beside the colour of each country; the last stage, where everyone is, is not labelled (unless
    `label_last`: a last stage where people differ).
    Returns the figure, closed: a notebook shows it once, as the cell's value.
    """
    names, stages = list(dict.fromkeys(paths["name"])), list(dict.fromkeys(paths["stage"]))
    figure, ax = plt.subplots(figsize=(PHONE_WIDTH, 0.42 * len(names) + 1.2) if phone else (9.5, 5.8))
    for row, name in enumerate(names):
        countries = paths[paths["name"] == name].set_index("stage")["country"].reindex(stages)
        ax.plot(range(len(stages)), [row] * len(stages), color="#ddd", zorder=1)
        for x, country in enumerate(countries):
            known = isinstance(country, str) and country != ""
            if known:
                ax.scatter(x, row, s=90 if phone else 160, color=COUNTRY_COLOURS.get(country, OTHER_COLOUR), edgecolor="#555", zorder=2)
            else:
                ax.scatter(x, row, s=90 if phone else 160, color="white", edgecolor="#555", linestyle="--", zorder=2)
            if known and (label_last or x < len(stages) - 1):
                ax.annotate(SHORT.get(country, country) if phone else country, (x, row), xytext=(0, 7 if phone else 9),
                            textcoords="offset points", ha="center", fontsize=6.5 if phone else 7)
    ax.set_yticks(range(len(names)), names, fontsize=8 if phone else None)
    ax.set_xticks(range(len(stages)), stages, fontsize=8 if phone else None)
    ax.set_xlim(-0.4, len(stages) - 0.6)
    ax.set_ylim(len(names) - 0.5, -0.9)  # room above the first row for its labels
    ax.grid(False)
    ax.set_title(wrapped(title, phone, 46), fontsize=10)
    known = [c for c in dict.fromkeys(paths["country"].dropna()) if c]
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=COUNTRY_COLOURS.get(c, OTHER_COLOUR),
                      markeredgecolor="#555", label=c) for c in known]
    handles.append(Line2D([], [], marker="o", markersize=8, **UNKNOWN, label="no country found in the records (empty)"))
    if phone:
        figure.tight_layout()
        legend_below(ax, handles, [h.get_label() for h in handles], ncol=2, fontsize=7)
    else:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        figure.tight_layout()
    plt.close(figure)
    return summary(figure, said(paths))
