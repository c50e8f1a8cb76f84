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


def test_every_country_has_one_colour_china_red_us_blue_and_no_two_countries_share_one():
    colours = plotting.COUNTRY_COLOURS
    assert colours["China"] == "#c8102e" and colours["United States"] == "#3b6fb6"
    countries = {c: v for c, v in colours.items() if not c.startswith("Europe")}
    assert len(set(countries.values())) == len(countries)
    assert plotting.OTHER_COLOUR not in countries.values()
    assert plotting.country_palette(["Canada", "United States"])["Canada"] != colours["United States"]


def test_a_missing_bar_is_marked_as_missing_not_drawn_as_zero():
    table = pd.DataFrame({"country": ["China", "United States", "United States"], "year": [2019, 2019, 2022],
                          "share_pct": [12.0, 65.0, 57.0]})
    ax = plotting.shares_chart(table, "country", "share_pct", hue="year", marks={("United States", 2019): 65})
    missing = [t for t in ax.texts if t.get_text() == plotting.MISSING]
    assert len(missing) == 1 and 1 < missing[0].xy[0] < 1.4  # China's 2022 bar: right half of the second category
    assert ax.get_xlim()[0] < missing[0].xy[0] < ax.get_xlim()[1]  # inside the axes, though no bar is drawn there
    table.loc[len(table)] = ["China", 2022, 3.0]
    ax = plotting.shares_chart(table, "country", "share_pct", hue="year")
    assert not [t for t in ax.texts if t.get_text() == plotting.MISSING]
    plt.close("all")


def test_legends_use_words_not_column_values():
    table = pd.DataFrame({"country": ["China", "China"], "cohort": ["top_tier", "most_elite"], "share_pct": [28.0, 12.0]})
    ax = plotting.shares_chart(table, "country", "share_pct", hue="cohort")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["top-tier (top 20%)", "most elite (top 2%)"]
    plt.close("all")
