"""Notebook 07's chart: the modelled electricity bill against the fleet's size, and the band in which the claim holds."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter

from talentcheck.claims.verdicts import VERDICT_COLOURS
from talentcheck.claims.words import VALUE_WORDS, money
from talentcheck.plotting.style import PHONE_WIDTH, chart, legend_below, summary, wrapped

FLEETS = VALUE_WORDS["fleet"]
POWER = {"board": "the chip's own power", "server": "a server's power per GPU"}
PUE = {"hyperscale": "a hyperscale data centre", "average": "an average data centre"}
WHOLE = FuncFormatter(lambda value, _: f"{value:,.0f}")  # 10,000 GPUs, $100 million: not 10^4


def title(band: dict) -> str:
    """The finding, from the band: where the chosen fleet's modelled bill falls against the article's figure."""
    if "estimate" not in band:
        return "OpenAI's yearly electricity bill under the model"
    inside = band["low"] <= band["estimate"] <= band["high"]
    return (f"Modelled bill ${band['estimate']:.0f}M a year, {'within' if inside else 'outside'} the band around the "
            f"article's ${band['stated']:g}M: a model, not a published bill")


def said(fleets: pd.DataFrame, band: dict) -> str:
    """The chart's figures in words: the modelled bill of the chosen fleet against the article's and the band."""
    chosen = fleets[fleets["chosen"]]
    size = f" for {chosen['gpus'].iloc[0]:,.0f} GPUs" if len(chosen) else ""
    modelled = f"The model gives {money(band['estimate'])} a year{size}; " if "estimate" in band else ""
    return (modelled + f"the article says {money(band['stated'])}, and the model would bear it out between "
            f"{money(band['low'], 0)} and {money(band['high'], 0)}")


@chart
def bill_curves(curves: pd.DataFrame, fleets: pd.DataFrame, band: dict, ax=None, phone: bool = False):
    """The yearly bill against the fleet's size, one line per power and PUE basis (`topics.compute.bill_curves`), the
    article's figure and the band in which it holds (`topics.compute.claim_band`), and each fleet's size
    (`topics.compute.fleet_sizes`: dashed for the chosen fleet, dotted for the other). The legend sits under the
    chart, off the lines."""
    ax = ax or plt.subplots(figsize=(PHONE_WIDTH, 3.4) if phone else (9, 4.6))[1]
    for (power, pue), curve in curves.groupby(["power_basis", "pue_basis"], sort=False):
        ax.plot(curve["gpus"], curve["bill_musd"], label=f"{POWER.get(power, power)}, {PUE.get(pue, pue)}")
    ax.axhline(band["stated"], color="black", linewidth=2, label=band["label"])
    ax.axhspan(band["low"], band["high"], color="#ccc", alpha=0.4, label=band["band_label"])
    for fleet in fleets.itertuples():
        ax.axvline(fleet.gpus, color=VERDICT_COLOURS["not_supported"], linestyle="--" if fleet.chosen else ":",
                   label=f"{FLEETS.get(fleet.fleet, fleet.fleet)}: {fleet.gpus:,.0f} GPUs{' (chosen)' if fleet.chosen else ''}")
    if "estimate" in band:  # the verdict's figure: a model's output, not a published bill
        ax.scatter([band["gpus"]], [band["estimate"]], marker="D", s=70, color="white", edgecolor="black", zorder=5,
                   label=f"estimate (modelled, not published): ${band['estimate']:g}M a year")
    ax.set(xscale="log", yscale="log", xlabel="GPUs drawing power all year (log scale)",
           ylabel="electricity bill, USD million a year (log scale)" if not phone else "bill, USD million a year")
    ax.xaxis.set_major_formatter(WHOLE)
    ax.yaxis.set_major_formatter(WHOLE)
    if phone:
        ax.tick_params(labelsize=8)
        ax.xaxis.label.set_fontsize(9)
        ax.yaxis.label.set_fontsize(9)
    ax.set_title(wrapped(title(band), phone), parse_math=False, fontsize=10 if phone else None)
    ax.figure.tight_layout()
    handles, labels = ax.get_legend_handles_labels()
    legend_below(ax, handles, [textwrap.fill(label, 50 if phone else 60) for label in labels], ncol=1 if phone else 2,
                 fontsize=7 if phone else 8)
    summary(ax.figure, said(fleets, band))
    return ax
