"""Notebook 07's chart: the modelled electricity bill against the fleet's size, and the band in which the claim holds."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck.claims.verdicts import VERDICT_COLOURS
from talentcheck.claims.words import VALUE_WORDS

FLEETS = VALUE_WORDS["fleet"]


def title(band: dict) -> str:
    """The finding, from the band: where the chosen fleet's modelled bill falls against the article's figure."""
    if "estimate" not in band:
        return "OpenAI's yearly electricity bill under the model"
    inside = band["low"] <= band["estimate"] <= band["high"]
    return (f"Modelled bill ${band['estimate']:.0f}M a year, {'within' if inside else 'outside'} the band around the "
            f"article's ${band['stated']:g}M: a model, not a published bill")


def bill_curves(curves: pd.DataFrame, fleets: pd.DataFrame, band: dict, ax=None):
    """The yearly bill against the fleet's size, one line per power and PUE basis (`topics.compute.bill_curves`), the
    article's figure and the band in which it holds (`topics.compute.claim_band`), and each fleet's size
    (`topics.compute.fleet_sizes`: dashed for the chosen fleet, dotted for the other)."""
    ax = ax or plt.subplots(figsize=(9, 5))[1]
    for (power, pue), curve in curves.groupby(["power_basis", "pue_basis"], sort=False):
        ax.plot(curve["gpus"], curve["bill_musd"], label=f"{power} power, {pue} PUE")
    ax.axhline(band["stated"], color="black", linewidth=2, label=band["label"])
    ax.axhspan(band["low"], band["high"], color="#ccc", alpha=0.4, label=band["band_label"])
    for fleet in fleets.itertuples():
        ax.axvline(fleet.gpus, color=VERDICT_COLOURS["not_supported"], linestyle="--" if fleet.chosen else ":",
                   label=f"{FLEETS.get(fleet.fleet, fleet.fleet)}: {fleet.gpus:,.0f} GPUs{' (chosen)' if fleet.chosen else ''}")
    if "estimate" in band:  # the verdict's figure: a model's output, not a published bill
        ax.scatter([band["gpus"]], [band["estimate"]], marker="D", s=70, color="white", edgecolor="black", zorder=5,
                   label=f"estimate (modelled, not published): ${band['estimate']:g}M a year")
    ax.set(xscale="log", yscale="log", xlabel="GPUs drawing power all year", ylabel="electricity, USD million a year")
    ax.set_title(title(band), parse_math=False)
    ax.legend(fontsize=8, loc="lower right")
    return ax
