"""Charts several notebooks share: shares by country against the article's figures, panels side by side (one
above the other on a phone), the alluvial of flows; and where a notebook's claims were judged under its
parameters (`judged_on`), which the charts of notebooks 01-03 show."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from talentcheck import claims
from talentcheck.claims.words import COHORTS, spaced
from talentcheck.plotting.style import (COUNTRY_COLOURS, MISSING, OTHER_COLOUR, country_palette, legend_below,
                                        panels as laid_out, percent, summary, wrapped)

COHORT_ORDER = ["top_tier", "most_elite"]


def cohort_short(cohort: str) -> str:
    """A cohort in a chart's few words, without "researchers" or its selectivity: "top-tier", "most elite"."""
    return COHORTS.get(cohort, spaced(cohort)).split(" (")[0].removesuffix(" researchers")


def judged_on(notebook: str, params: dict) -> list[dict]:
    """Where each claim of `notebook` was judged under `params`: its year and cohort (the parameter's value, or
    for "as_stated" the claim's own), the article's figures ({category: number}), the year those figures speak
    of, and whether that is the year judged (a chart marks the article's figures only on the year they speak of)."""
    found = []
    for cid in claims.claims_for(notebook):
        own = claims.claim(cid).get("as_stated", {})
        applied = claims.with_parameters(cid, {k: params[k] for k in ("year", "cohort") if k in params})
        year = int(applied.get("year", own.get("year")))
        found.append({"claim": cid, "year": year, "cohort": applied.get("cohort", own.get("cohort")),
                      "figures": claims.stated_figures(cid), "stated_year": own.get("year"),
                      "marked": year == own.get("year")})
    return found


def unmarked_note(judged: list[dict]) -> str:
    """What a panel says of the article's figures it does not mark: they speak of another year than the one judged."""
    said = [f"{k} {v:g}%" for j in judged if not j["marked"] for k, v in j["figures"].items()]
    if not said:
        return ""
    years = sorted({j["stated_year"] for j in judged if not j["marked"] and j["figures"]})
    return (f"The article gives no {judged[0]['year']} figure to mark: its "
            f"{', '.join(dict.fromkeys(said))} {'are' if len(said) > 1 else 'is'} for {' and '.join(map(str, years))}")


def shares_chart(table, x: str, y: str, hue: str | None = None, marks: dict | None = None,
                 title: str = "", ylabel: str = "share of researchers (%)", ax=None, phone: bool = False):
    """Bars of shares by `x` (split by `hue`), with the article's figures marked as black ticks, each labelled inside
    the frame (the axis leaves room above the highest).

    `marks` maps an x category (or (x, hue) pair) to the stated figure, or to a list of figures (claims judged on
    the same bars). On a phone the bars lie flat, so that the category names read level at the size of the text.
    """
    ax = ax or plt.subplots()[1]
    flat = phone  # a phone's bars lie flat: categories down the side, shares along
    order = list(dict.fromkeys(table.sort_values(y, ascending=False)[x]))
    hues = []
    axes = {"x": y, "y": x, "orient": "h"} if flat else {"x": x, "y": y}
    if hue:  # seaborn's own order: numbers sorted, words as they come
        hues = list(dict.fromkeys(table[hue]))
        hues = sorted(hues) if pd.api.types.is_numeric_dtype(table[hue]) else hues
        sns.barplot(data=table, **axes, hue=hue, order=order, hue_order=hues, ax=ax, palette="Set2")
    else:
        sns.barplot(data=table, **axes, order=order, ax=ax, hue=x, palette=country_palette(order), legend=False)
    for category in order:  # a bar with no value is marked as missing, never drawn as zero
        for group in hues:
            values = table[(table[x] == category) & (table[hue] == group)][y]
            if values.dropna().empty:
                pos = order.index(category) - 0.4 + (hues.index(group) + 0.5) * 0.8 / len(hues)
                ax.annotate(MISSING, (0, pos) if flat else (pos, 0), xytext=(3, 0) if flat else (0, 3),
                            textcoords="offset points", rotation=0 if flat else 90, ha="left" if flat else "center",
                            va="center" if flat else "bottom", fontsize=8, color="#555555", fontstyle="italic",
                            annotation_clip=False)
    highest = [float(v) for v in table[y].dropna()]
    for key, values in (marks or {}).items():
        category, group = key if isinstance(key, tuple) else (key, None)
        if category in order:
            left, width = order.index(category) - 0.4, 0.8
            if group in hues:  # only over that hue's bar (seaborn dodges bars evenly across 0.8)
                width = 0.8 / len(hues)
                left += hues.index(group) * width
            pos = left + width / 2
            for value in values if isinstance(values, list) else [values]:
                highest.append(value)
                (ax.vlines if flat else ax.hlines)(value, left, left + width, colors="black", linewidth=2.5, zorder=5)
                ax.annotate(f"article: {value:g}", (value, pos) if flat else (pos, value), xytext=(4, 0) if flat else (0, 4),
                            textcoords="offset points", ha="left" if flat else "center", va="center" if flat else "bottom",
                            fontsize=8 if len(hues) < 2 else 7)
    room = 1.3 if flat else 1.15  # the article's labels stay inside the frame (they were struck through by its top)
    if flat:
        ax.set(title=wrapped(title, phone), ylabel="", xlabel=ylabel, ylim=(len(order) - 0.5, -0.5))
        ax.set_xlim(0, max([ax.get_xlim()[1], *(v * room for v in highest)]))
    else:
        ax.set(title=wrapped(title, phone), xlabel="", ylabel=ylabel, xlim=(-0.5, len(order) - 0.5))  # every slot shown
        ax.set_ylim(0, max([ax.get_ylim()[1], *(v * room for v in highest)]))
    legend = ax.get_legend()
    if legend is not None:  # words, not column values: "most elite (top 2%)", not most_elite
        legend.set_title(COHORTS.get(hue, spaced(hue)))
        for text in legend.get_texts():
            text.set_text(COHORTS.get(text.get_text(), spaced(text.get_text())))
    if flat:
        ax.tick_params(axis="y", labelsize=10)
        return ax
    ax.tick_params(axis="x", rotation=30)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    return ax


def shares_said(table, x: str, y: str, hue: str | None = None, marks: dict | None = None, most: int = 3) -> str:
    """A panel's main figures in words: its largest shares (by `hue` where it splits the bars), and the
    article's figures it marks."""
    groups = [(None, table)] if not hue else [(g, table[table[hue] == g]) for g in dict.fromkeys(table[hue])]
    said = []
    for group, rows in groups:
        top = rows.dropna(subset=[y]).sort_values(y, ascending=False).head(most)
        shares = ", ".join(f"{r[x]} {percent(r[y])}" for _, r in top.iterrows())
        said.append((f"{cohort_short(group) if hue == 'cohort' else group}: " if hue else "") + shares)
    marked = [f"{k[0] if isinstance(k, tuple) else k} {v:g}%" for k, vs in (marks or {}).items()
              for v in (vs if isinstance(vs, list) else [vs])]
    return "; ".join(said) + (f" (the article: {', '.join(dict.fromkeys(marked))})" if marked else "")


def _stack_order(label: str):
    """Stacking order from the bottom: the US, China, other countries, then "elsewhere"."""
    return (label == "elsewhere", ("United States", "China").index(label) if label in ("United States", "China") else 9, label)


def alluvial(links, stages: list[str], ax=None, title: str = "", fontsize: float = 9):
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
                    va="center", ha="right" if i == 0 else "left", fontsize=fontsize, zorder=4,
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


def side_by_side(panels: list[dict], hue: str | None = None, phone: bool = False, title: str = ""):
    """Bar panels of shares by country (`shares_chart`), side by side (one above the other on a phone), each with
    its title, the article's figures it marks and a note (`unmarked_note`) where it marks none it could; the text
    alternative gives each panel's main figures."""
    fig, axes = laid_out(len(panels), phone, wide=(6 * len(panels), 4.8), tall=3.6, sharey=True)
    for ax, panel in zip(axes, panels):
        shares_chart(panel["table"], "country", "share_pct", hue=hue, marks=panel["marks"], title=panel["title"], ax=ax,
                     phone=phone)
        if panel.get("note"):
            ax.text(0.99, 0.97, wrapped(panel["note"], True, 34 if phone else 50), transform=ax.transAxes, ha="right",
                    va="top", fontsize=8, fontstyle="italic", color="#333333",
                    bbox={"facecolor": "white", "edgecolor": "#cccccc", "pad": 3})
    if title:
        fig.suptitle(wrapped(title, phone), fontweight="bold", fontsize=11 if phone else 12)
    fig.tight_layout()
    if hue:  # one legend for the panels, under the last: inside, it covered bars and the article's ticks
        for ax in axes[:-1]:
            ax.get_legend().remove()
        shown = axes[-1].get_legend()
        legend_below(axes[-1], shown.legend_handles, [t.get_text() for t in shown.get_texts()], ncol=2,
                     title=shown.get_title().get_text())
    return summary(fig, ". ".join(f"{p['title'].replace(chr(10), ' ')}: " + shares_said(p["table"], "country", "share_pct", hue, p["marks"])
                                  + (f"; {p['note']}" if p.get("note") else "") for p in panels))
