"""Notebook 03's charts: the origin mix of top-tier researchers at US institutions, and the paths of researchers with
a Chinese undergraduate degree (the links `talentcheck.topics.flows.flow_links` chains)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from talentcheck import claims
from talentcheck.plotting.shared import alluvial, shares_chart, show

US_INSTITUTIONS_CLAIM = "us-institutions-38-vs-37"
FIRST_STAGE = "undergraduate"  # where every path starts: the links name the stages after it


def us_institutions_chart(chosen: pd.DataFrame):
    """Notebook 03: the origin mix of top-tier researchers at US institutions, by year."""
    ax = shares_chart(chosen, "country", "share_pct", hue="year", marks=claims.stated_figures(US_INSTITUTIONS_CLAIM),
                      title="Top-tier researchers at US institutions, by undergraduate country")
    return show(ax.figure)


def flows_chart(links: dict[int, pd.DataFrame]):
    """Notebook 03: one alluvial per year of where researchers with a Chinese undergraduate degree went."""
    fig, axes = plt.subplots(1, len(links), figsize=(12, 5))
    for ax, (year, year_links) in zip(axes, links.items()):
        alluvial(year_links, [FIRST_STAGE, *dict.fromkeys(year_links["stage"])], ax=ax,
                 title=f"China-origin top-tier researchers, NeurIPS {year}")
    plt.tight_layout()
    return show(fig)
