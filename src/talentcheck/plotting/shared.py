"""Charts several notebooks share: shares by country against the article's figures, panels side by side, and the
alluvial of flows."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from talentcheck.claims.words import COHORTS, spaced
from talentcheck.plotting.style import COUNTRY_COLOURS, MISSING, OTHER_COLOUR, country_palette


def shares_chart(table, x: str, y: str, hue: str | None = None, marks: dict | None = None,
                 title: str = "", ylabel: str = "share (%)", ax=None):
    """Bars of shares by `x` (split by `hue`), with the article's figures marked as black ticks.

    `marks` maps an x category (or (x, hue) pair) to the stated figure.
    """
    ax = ax or plt.subplots()[1]
    order = list(dict.fromkeys(table.sort_values(y, ascending=False)[x]))
    hues = []
    if hue:  # seaborn's own order: numbers sorted, words as they come
        hues = list(dict.fromkeys(table[hue]))
        hues = sorted(hues) if pd.api.types.is_numeric_dtype(table[hue]) else hues
        sns.barplot(data=table, x=x, y=y, hue=hue, order=order, hue_order=hues, ax=ax, palette="Set2")
    else:
        sns.barplot(data=table, x=x, y=y, order=order, ax=ax, hue=x, palette=country_palette(order), legend=False)
    for category in order:  # a bar with no value is marked as missing, never drawn as zero
        for group in hues:
            values = table[(table[x] == category) & (table[hue] == group)][y]
            if values.dropna().empty:
                pos = order.index(category) - 0.4 + (hues.index(group) + 0.5) * 0.8 / len(hues)
                ax.annotate(MISSING, (pos, 0), xytext=(0, 3), textcoords="offset points", rotation=90,
                            ha="center", va="bottom", fontsize=8, color="#555555", fontstyle="italic",
                            annotation_clip=False)
    for key, value in (marks or {}).items():
        category, group = key if isinstance(key, tuple) else (key, None)
        if category in order:
            left, width = order.index(category) - 0.4, 0.8
            if group in hues:  # only over that hue's bar (seaborn dodges bars evenly across 0.8)
                width = 0.8 / len(hues)
                left += hues.index(group) * width
            pos = left + width / 2
            ax.hlines(value, left, left + width, colors="black", linewidth=2.5, zorder=5)
            ax.annotate(f"article: {value:g}", (pos, value), xytext=(0, 4), textcoords="offset points",
                        ha="center", fontsize=8)
    ax.set(title=title, xlabel="", ylabel=ylabel, xlim=(-0.5, len(order) - 0.5))  # every slot shown, empty ones too
    legend = ax.get_legend()
    if legend is not None:  # words, not column values: "most elite (top 2%)", not most_elite
        legend.set_title(COHORTS.get(hue, spaced(hue)))
        for text in legend.get_texts():
            text.set_text(COHORTS.get(text.get_text(), spaced(text.get_text())))
    ax.tick_params(axis="x", rotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    return ax


def _stack_order(label: str):
    """Stacking order from the bottom: the US, China, other countries, then "elsewhere"."""
    return (label == "elsewhere", ("United States", "China").index(label) if label in ("United States", "China") else 9, label)


def alluvial(links, stages: list[str], ax=None, title: str = ""):
    """Bands between stacked columns, one column per stage; band width is a link's share.

    `links` has columns stage (the stage a link ends in), source, target and share_pct; the first
    stage holds the sources of the links into the second.
    """
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    ax = ax or plt.subplots(figsize=(8, 4.5))[1]
    width, gap = 0.06, 4.0
    nodes: list[dict] = []  # per stage: {label: [bottom, height]}
    for i, stage in enumerate(stages):
        if i == 0:
            totals = links[links["stage"] == stages[1]].groupby("source", sort=False)["share_pct"].sum()
        else:
            totals = links[links["stage"] == stage].groupby("target", sort=False)["share_pct"].sum()
        order = sorted(totals.index, key=_stack_order)
        bottom, column = 0.0, {}
        for label in order:
            column[label] = [bottom, totals[label]]
            colour = COUNTRY_COLOURS.get(label, OTHER_COLOUR)
            ax.add_patch(plt.Rectangle((i - width / 2, bottom), width, totals[label], color=colour, zorder=3))
            ax.text(i + (-width if i == 0 else width), bottom + totals[label] / 2, f"{label} {totals[label]:.0f}%",
                    va="center", ha="right" if i == 0 else "left", fontsize=9, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
            bottom += totals[label] + gap
        nodes.append(column)
    for i in range(1, len(stages)):
        out_pos = {k: v[0] for k, v in nodes[i - 1].items()}
        in_pos = {k: v[0] for k, v in nodes[i].items()}
        stage_links = links[links["stage"] == stages[i]]
        stage_links = stage_links.iloc[sorted(range(len(stage_links)), key=lambda r: (
            _stack_order(stage_links["source"].iloc[r]), _stack_order(stage_links["target"].iloc[r])))]
        for link in stage_links.itertuples():
            y0, y1, h = out_pos[link.source], in_pos[link.target], link.share_pct
            x0, x1 = i - 1 + width / 2, i - width / 2
            xm = (x0 + x1) / 2
            verts = [(x0, y0), (xm, y0), (xm, y1), (x1, y1), (x1, y1 + h), (xm, y1 + h), (xm, y0 + h), (x0, y0 + h), (x0, y0)]
            codes = [MplPath.MOVETO, *[MplPath.CURVE4] * 3, MplPath.LINETO, *[MplPath.CURVE4] * 3, MplPath.CLOSEPOLY]
            colour = COUNTRY_COLOURS.get(link.target, OTHER_COLOUR)
            alpha = 0.45 if str(link.how).startswith("published") else 0.25
            ax.add_patch(PathPatch(MplPath(verts, codes), facecolor=colour, alpha=alpha, edgecolor="none", zorder=2))
            out_pos[link.source] += h
            in_pos[link.target] += h
    ax.set(xlim=(-0.6, len(stages) - 0.4), ylim=(-2, 100 + gap * 3), title=title)
    ax.set_xticks(range(len(stages)), stages)
    ax.set_yticks([])
    ax.grid(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    return ax


def show(fig):
    """Show the figure now, as `plt.show()` in a notebook cell did (the inline backend's end-of-cell display
    draws some figures twice), and return it for tests."""
    plt.show()
    return fig


def side_by_side(panels: list[dict], hue: str | None = None):
    fig, axes = plt.subplots(1, len(panels), figsize=(12, 4.5), sharey=True)
    for ax, panel in zip(axes, panels):
        shares_chart(panel["table"], "country", "share_pct", hue=hue, marks=panel["marks"], title=panel["title"], ax=ax)
    plt.tight_layout()
    return show(fig)
