"""One look for every chart: the seaborn theme, and the colours of countries and verdicts."""
from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

from talentcheck.verdicts import VERDICT_COLOURS  # noqa: F401 (the charts' colours for verdicts)

COUNTRY_COLOURS = {  # one colour per country in every chart: China red, the US blue, the others distinct
    "United States": "#3b6fb6", "China": "#c8102e", "India": "#e69f00", "Canada": "#8e5ea2",
    "United Kingdom": "#009e73", "Europe": "#d4b106", "Europe (excl. UK)": "#d4b106", "Germany": "#cc79a7",
    "France": "#a6761d", "South Korea": "#66a61e", "Japan": "#e7298a", "Russia": "#525252",
    "Singapore": "#17becf", "Israel": "#bcbd22", "Switzerland": "#7f3c8d", "Australia": "#f27c5c",
}
OTHER_COLOUR = "#9aa5b1"  # regions and "others": grey
MISSING = "no data"
LEGEND_WORDS = {"top_tier": "top-tier (top 20%)", "most_elite": "most elite (top 2%)"}


def setup() -> None:
    """The suite's theme; deterministic PNGs (no metadata that changes between runs)."""
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4.5),
                         "svg.hashsalt": "talentcheck", "axes.titleweight": "bold"})
    try:  # in a notebook: PNGs at twice the pixels (sharp on high-density screens), shown at the same size
        from IPython import get_ipython

        if get_ipython() is not None:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("retina")
            if "inline" in plt.get_backend():
                # The inline backend renders each new figure once, when the cell ends; pyplot's own end-of-cell
                # redraw (for figures in windows) rendered it once more, for nothing: a quarter of a notebook's time.
                plt.uninstall_repl_displayhook()
    except ImportError:
        pass


def country_palette(countries) -> dict:
    return {c: COUNTRY_COLOURS.get(c, OTHER_COLOUR) for c in countries}
