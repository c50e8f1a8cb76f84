"""Notebook 04's chart: each year's re-derived top institutions, coloured by country, companies hatched; on a phone,
each institution's name above its bar (the panels one above the other)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from talentcheck.claims.words import counting_words, listing
from talentcheck.plotting.style import COUNTRY_COLOURS, OTHER_COLOUR, chart, legend_below, panels as laid_out, summary, wrapped


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


def said(panel: dict, counting: str) -> str:
    """A panel's main figures in words: its title's counts and its first three institutions with their values."""
    first = panel["table"].head(3)
    return (panel["title"].replace("\n", ": ", 1).replace("\n", " ") + "; first "
            + listing([f"{r.institution} ({r.value:,.0f} {counting_words(counting)})" for r in first.itertuples()]))


@chart
def top_bars(tops: pd.DataFrame, top_n: int, counting: str, phone: bool = False):
    """One panel per year (see `top_panels`), on one scale: bars of the chosen count, coloured by country,
    hatched for companies, with a legend for both. Returns the axes."""
    panels = top_panels(tops, top_n)
    rows = max(len(p["table"]) for p in panels)
    fig, axes = laid_out(len(panels), phone, wide=(13, 8.5), tall=0.36 * rows + 1.4, sharex=True)
    for ax, panel in zip(axes, panels):
        shown = panel["table"]
        labels = [f"{k}. {n}" for k, n in zip(shown["rank"], shown["institution"])]
        bars = ax.barh(range(len(shown)), shown["value"], height=0.45 if phone else 0.8,
                       color=[COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in shown["country"]])
        for bar, sector in zip(bars, shown["sector"]):
            if sector == "company":
                bar.set_hatch("//")
                bar.set_edgecolor("white")
        if phone:  # the names above the bars: the width goes to the bars, not to a column of names
            ax.set_yticks([])
            for y, label, value in zip(range(len(shown)), labels, shown["value"]):
                ax.text(0, y - 0.3, label, fontsize=7.5, va="bottom", ha="left")
                ax.text(value, y, f" {value:,.0f}", fontsize=7, va="center", ha="left")
            ax.set_xlim(0, shown["value"].max() * 1.15)
            ax.set_ylim(len(shown) - 0.5, -1.1)
            ax.grid(axis="y", visible=False)
        else:
            ax.set_yticks(range(len(shown)), labels, fontsize=8)
            ax.invert_yaxis()
        ax.set(title=wrapped(panel["title"], phone), xlabel=counting_words(counting))
        ax.title.set_fontsize(10)
        if panel["note"]:
            ax.annotate(wrapped(panel["note"], phone, 52), (0, -0.09 if not phone else -0.05), xycoords="axes fraction",
                        fontsize=8, fontstyle="italic", va="top")
    countries = list(dict.fromkeys(tops["country"]))
    handles = [Patch(facecolor=COUNTRY_COLOURS.get(c, OTHER_COLOUR), label=c) for c in countries if c in COUNTRY_COLOURS]
    if any(c not in COUNTRY_COLOURS for c in countries):
        handles.append(Patch(facecolor=OTHER_COLOUR, label="other countries"))
    handles.append(Patch(facecolor="#bbbbbb", hatch="//", edgecolor="white", label="company (hatched)"))
    if phone:
        fig.tight_layout()
        legend_below(axes[-1], handles, [h.get_label() for h in handles], ncol=2)
    else:
        fig.legend(handles=handles, loc="lower center", ncol=min(6, len(handles)), fontsize=8, frameon=False)
        fig.tight_layout(rect=(0, 0.06, 1, 1))
    summary(fig, ". ".join(said(p, counting) for p in panels))
    return np.array([axes])  # one row of panels (a column on a phone's drawing), as plt.subplots gives them
