"""The charts' data: nbval does not compare images, so the numbers behind a chart are checked here."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from talentcheck import data, flows, plotting  # noqa: E402


def test_importing_plotting_applies_the_suite_theme():
    plotting.setup()
    assert list(plt.rcParams["figure.figsize"]) == [8.0, 4.5]
    assert plt.rcParams["axes.grid"]


def test_shares_chart_draws_the_data_and_marks_the_article_figure_over_its_bar():
    table = pd.DataFrame({"country": ["China", "United States", "India"], "share_pct": [47.0, 18.0, 5.0]})
    ax = plotting.shares_chart(table, "country", "share_pct", marks={"United States": 18})
    assert sorted(p.get_height() for p in ax.patches) == [5.0, 18.0, 47.0]
    (mark,) = ax.collections
    segment = mark.get_segments()[0]
    assert segment[0][1] == segment[1][1] == 18 and segment[0][0] < 1 < segment[1][0]  # over the 2nd bar
    plt.close("all")


def test_alluvial_bands_carry_the_link_shares():
    table = data.pick_source(data.load("tracker/flows"), ["year", "cohort", "population", "destination"])
    links = flows.china_origin_links(table, 2022)
    ax = plotting.alluvial(links, flows.STAGES[2022])
    bands = [p for p in ax.patches if type(p).__name__ == "PathPatch"]
    assert len(bands) == len(links)
    plt.close("all")
