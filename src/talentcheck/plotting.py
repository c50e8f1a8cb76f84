"""One look for every chart: the seaborn theme, verdict colours, and the charts notebooks share."""
from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

VERDICT_COLOURS = {
    "supported": "#1a9850",
    "supported_with_caveat": "#fdae61",
    "not_supported": "#d73027",
    "unverifiable": "#999999",
}
COUNTRY_COLOURS = {"United States": "#3b6fb6", "China": "#c8102e"}
OTHER_COLOUR = "#9aa5b1"


def setup() -> None:
    """The suite's theme; deterministic PNGs (no metadata that changes between runs)."""
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4.5),
                         "svg.hashsalt": "talentcheck", "axes.titleweight": "bold"})


def country_palette(countries) -> dict:
    return {c: COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in countries}


def shares_chart(table, x: str, y: str, hue: str | None = None, marks: dict | None = None,
                 title: str = "", ylabel: str = "share (%)", ax=None):
    """Bars of shares by `x` (split by `hue`), with the article's figures marked as black ticks.

    `marks` maps an x category (or (x, hue) pair) to the stated figure.
    """
    ax = ax or plt.subplots()[1]
    order = list(dict.fromkeys(table.sort_values(y, ascending=False)[x]))
    if hue:
        sns.barplot(data=table, x=x, y=y, hue=hue, order=order, ax=ax, palette="Set2")
    else:
        sns.barplot(data=table, x=x, y=y, order=order, ax=ax, hue=x, palette=country_palette(order), legend=False)
    for key, value in (marks or {}).items():
        category = key[0] if isinstance(key, tuple) else key
        if category in order:
            pos = order.index(category)
            ax.hlines(value, pos - 0.4, pos + 0.4, colors="black", linewidth=2.5, zorder=5)
            ax.annotate(f"article: {value:g}", (pos, value), xytext=(0, 4), textcoords="offset points",
                        ha="center", fontsize=8)
    ax.set(title=title, xlabel="", ylabel=ylabel)
    ax.tick_params(axis="x", rotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    return ax


def verdict_strip(verdicts, ax=None):
    """A row of coloured cells, one per claim: the verdicts at a glance."""
    ax = ax or plt.subplots(figsize=(8, 0.5 + 0.35 * len(verdicts)))[1]
    for i, v in enumerate(verdicts):
        ax.barh(i, 1, color=VERDICT_COLOURS[v.verdict])
        ax.text(0.02, i, f"{v.claim_id}: {v.verdict.replace('_', ' ')}", va="center", fontsize=9)
    ax.set(xlim=(0, 1), yticks=[], xticks=[])
    ax.invert_yaxis()
    return ax


setup()
