"""Notebook 04's chart: each year's re-derived top institutions, coloured by country, companies hatched."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from talentcheck.claims.words import counting_words
from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR


def top_panels(tops: pd.DataFrame, top_n: int) -> list[dict]:
    """One panel per year of `tops` (year, rank, institution, country, sector, value): the rows it
    draws (top first), a title that counts the US's and China's institutions in it, and of them universities
    (the article counts both), and a note when ties at the cut make the list longer than `top_n`."""
    panels = []
    for year in dict.fromkeys(tops["year"]):
        shown = tops[tops["year"] == year]
        tied = shown[shown["rank"] == shown["rank"].max()]  # a list longer than top_n ends in a tie across the cut
        counts = shown["country"].value_counts()
        universities = shown[shown["sector"] == "university"]["country"].value_counts()
        note = (f"{len(shown)} bars: {len(tied)} institutions tie at rank {int(tied['rank'].iloc[0])} across the cut at "
                f"{top_n} and are all shown" if len(shown) > top_n else "")
        panels.append({"year": year, "table": shown, "note": note,
                       "title": (f"NeurIPS {year} (re-derived ranking)\n{counts.get('United States', 0)} US and {counts.get('China', 0)} "
                                 f"Chinese institutions in the top {top_n}\n(universities: {universities.get('United States', 0)} "
                                 f"US, {universities.get('China', 0)} Chinese)")})
    return panels


def top_bars(tops: pd.DataFrame, top_n: int, counting: str):
    """One panel per year (see `top_panels`), on one scale: bars of the chosen count, coloured by country,
    hatched for companies, with a legend for both. Returns the axes."""
    panels = top_panels(tops, top_n)
    fig, axes = plt.subplots(1, len(panels), figsize=(13, 8.5), sharex=True, squeeze=False)
    for ax, panel in zip(axes[0], panels):
        shown = panel["table"].iloc[::-1]
        bars = ax.barh(range(len(shown)), shown["value"], color=[COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in shown["country"]])
        for bar, sector in zip(bars, shown["sector"]):
            if sector == "company":
                bar.set_hatch("//")
                bar.set_edgecolor("white")
        ax.set_yticks(range(len(shown)), [f"{k}. {n}" for k, n in zip(shown["rank"], shown["institution"])], fontsize=8)
        ax.set(title=panel["title"], xlabel=counting_words(counting))
        ax.title.set_fontsize(10)
        if panel["note"]:
            ax.annotate(panel["note"], (0, -0.09), xycoords="axes fraction", fontsize=8, fontstyle="italic", va="top")
    countries = list(dict.fromkeys(tops["country"]))
    handles = [Patch(facecolor=COUNTRY_COLOURS.get(c, OTHER_COLOUR), label=c) for c in countries if c in COUNTRY_COLOURS]
    if any(c not in COUNTRY_COLOURS for c in countries):
        handles.append(Patch(facecolor=OTHER_COLOUR, label="other countries"))
    handles.append(Patch(facecolor="#bbbbbb", hatch="//", edgecolor="white", label="company (hatched)"))
    fig.legend(handles=handles, loc="lower center", ncol=min(6, len(handles)), fontsize=8, frameon=False)
    plt.tight_layout(rect=(0, 0.06, 1, 1))
    return axes
