"""Notebook 03's charts: the origin mix of top-tier researchers at US institutions (the article's figures marked on
the year judged), and the paths of researchers with a Chinese undergraduate degree (the links
`talentcheck.topics.flows.flow_links` chains)."""
from __future__ import annotations

import pandas as pd

from talentcheck.plotting.shared import alluvial, judged_on, shares_chart, shares_said, unmarked_note
from talentcheck.plotting.style import PHONE_WIDTH, chart, legend_below, panels, percent, summary, wrapped

NOTEBOOK = "03_us_institutions_and_flows.ipynb"
FIRST_STAGE = "undergraduate"  # where every path starts: the links name the stages after it


def us_institutions_marks(params: dict) -> tuple[dict, str]:
    """The article's figures over the bars of the year the claim was judged on (where they speak of it), and a
    note where they do not."""
    judged = judged_on(NOTEBOOK, params)
    marks = {(k, j["year"]): v for j in judged if j["marked"] for k, v in j["figures"].items()}
    return marks, "" if marks else unmarked_note(judged)


@chart(show=True)
def us_institutions_chart(chosen: pd.DataFrame, params: dict, phone: bool = False):
    """Notebook 03: the origin mix of top-tier researchers at US institutions, by year."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(PHONE_WIDTH, 4) if phone else (8, 4.5))
    marks, note = us_institutions_marks(params)
    title = "Top-tier researchers at US institutions, by the country of their first degree (black ticks: the article's figures)"
    shares_chart(chosen, "country", "share_pct", hue="year", marks=marks, title=title, ax=ax, phone=phone)
    if note:
        ax.text(0.99, 0.97, wrapped(note, True, 34 if phone else 50), transform=ax.transAxes, ha="right", va="top",
                fontsize=8, fontstyle="italic", bbox={"facecolor": "white", "edgecolor": "#cccccc", "pad": 3})
    fig.tight_layout()
    legend_below(ax, ax.get_legend().legend_handles, [t.get_text() for t in ax.get_legend().get_texts()], ncol=2,
                 title="year")
    return summary(fig, shares_said(chosen, "country", "share_pct", "year", marks) + (f"; {note}" if note else ""))


@chart(show=True)
def flows_chart(links: dict[int, pd.DataFrame], phone: bool = False):
    """Notebook 03: one alluvial per year of where researchers with a Chinese undergraduate degree went (one above
    the other on a phone)."""
    fig, axes = panels(len(links), phone, wide=(12, 5), tall=3.8)
    said = []
    for ax, (year, year_links) in zip(axes, links.items()):
        stages = [FIRST_STAGE, *dict.fromkeys(year_links["stage"])]
        alluvial(year_links, stages, ax=ax, title=wrapped(f"China-origin top-tier researchers, NeurIPS {year}", phone),
                 fontsize=8 if phone else 9)
        last = year_links[year_links["stage"] == stages[-1]].groupby("target", sort=False)["share_pct"].sum()
        said.append(f"{year}: at {stages[-1]}, " + ", ".join(f"{percent(round(v))} " + (k if k == "elsewhere" else f"in {k}") for k, v in last.items()))
    fig.tight_layout()
    return summary(fig, "Of researchers with a Chinese first degree, " + "; ".join(said))
