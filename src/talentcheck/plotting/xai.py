"""Notebook 06's chart: xAI's founders and where they studied."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR


def education_paths(paths: pd.DataFrame, title: str):
    """One row per person, one dot per stage (columns in the order the stages come), coloured by country.

    `paths` is tidy: name, stage, country. A country not found is an empty circle, which the legend explains
    beside the colour of each country; the last stage, where everyone is, is not labelled. Returns the figure, closed: a notebook shows it once, as the cell's value.
    """
    names, stages = list(dict.fromkeys(paths["name"])), list(dict.fromkeys(paths["stage"]))
    figure, ax = plt.subplots(figsize=(9.5, 5.5))
    for row, name in enumerate(names):
        countries = paths[paths["name"] == name].set_index("stage")["country"].reindex(stages)
        ax.plot(range(len(stages)), [row] * len(stages), color="#ddd", zorder=1)
        for x, country in enumerate(countries):
            known = isinstance(country, str) and country != ""
            colour = COUNTRY_COLOURS.get(country, OTHER_COLOUR) if known else "white"
            ax.scatter(x, row, s=160, color=colour, edgecolor="#555", zorder=2)
            if known and x < len(stages) - 1:
                ax.annotate(country, (x, row), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=7)
    ax.set_yticks(range(len(names)), names)
    ax.set_xticks(range(len(stages)), stages)
    ax.invert_yaxis()
    ax.grid(False)
    ax.set_title(title, fontsize=10)
    known = [c for c in dict.fromkeys(paths["country"].dropna()) if c]
    handles = [Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=COUNTRY_COLOURS.get(c, OTHER_COLOUR),
                      markeredgecolor="#555", label=c) for c in known]
    handles.append(Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor="white", markeredgecolor="#555",
                          label="empty: no country found in the records"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    plt.tight_layout()
    plt.close(figure)
    return figure
