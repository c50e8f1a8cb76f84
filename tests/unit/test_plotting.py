"""The charts' data: nbval does not compare images, so the numbers behind a chart are checked here."""
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from talentcheck import claims, data, parameters, plotting  # noqa: E402
from talentcheck.topics import flows


def test_importing_plotting_applies_the_suite_theme():
    """As a notebook gets it: importing the package applies the theme (no call to setup())."""
    import importlib

    matplotlib.rcdefaults()
    before = list(plt.rcParams["figure.figsize"])
    importlib.reload(plotting)
    assert before != [8.0, 4.5]  # matplotlib's own default, so the import is what changed it
    assert (list(plt.rcParams["figure.figsize"]), plt.rcParams["axes.grid"], plt.rcParams["svg.hashsalt"],
            plt.rcParams["axes.titleweight"]) == ([8.0, 4.5], True, "talentcheck", "bold")


def test_shares_chart_draws_the_data_and_marks_the_article_figure_over_its_bar():
    table = pd.DataFrame({"country": ["China", "United States", "India"], "share_pct": [47.0, 18.0, 5.0]})
    ax = plotting.shared.shares_chart(table, "country", "share_pct", marks={"United States": 18})
    assert sorted(p.get_height() for p in ax.patches) == [5.0, 18.0, 47.0]
    (mark,) = ax.collections
    segment = mark.get_segments()[0]
    assert segment[0][1] == segment[1][1] == 18 and segment[0][0] < 1 < segment[1][0]  # over the 2nd bar
    plt.close("all")


def test_alluvial_bands_carry_the_link_shares():
    table = data.pick_source(data.load("tracker/flows"), ["year", "cohort", "population", "destination"])
    links = flows.china_origin_links(table, 2022)
    ax = plotting.shared.alluvial(links, flows.STAGES[2022])
    bands = [p for p in ax.patches if type(p).__name__ == "PathPatch"]
    assert len(bands) == len(links)
    plt.close("all")


def test_every_country_has_one_colour_china_red_us_blue_and_no_two_countries_share_one():
    colours = plotting.style.COUNTRY_COLOURS
    assert colours["China"] == "#c8102e" and colours["United States"] == "#3b6fb6"
    countries = {c: v for c, v in colours.items() if not c.startswith("Europe")}
    assert len(set(countries.values())) == len(countries)
    assert plotting.style.OTHER_COLOUR not in countries.values()
    assert plotting.style.country_palette(["Canada", "United States"])["Canada"] != colours["United States"]


def test_a_missing_bar_is_marked_as_missing_not_drawn_as_zero():
    table = pd.DataFrame({"country": ["China", "United States", "United States"], "year": [2019, 2019, 2022],
                          "share_pct": [12.0, 65.0, 57.0]})
    ax = plotting.shared.shares_chart(table, "country", "share_pct", hue="year", marks={("United States", 2019): 65})
    missing = [t for t in ax.texts if t.get_text() == plotting.style.MISSING]
    assert len(missing) == 1 and 1 < missing[0].xy[0] < 1.4  # China's 2022 bar: right half of the second category
    assert ax.get_xlim()[0] < missing[0].xy[0] < ax.get_xlim()[1]  # inside the axes, though no bar is drawn there
    table.loc[len(table)] = ["China", 2022, 3.0]
    ax = plotting.shared.shares_chart(table, "country", "share_pct", hue="year")
    assert not [t for t in ax.texts if t.get_text() == plotting.style.MISSING]
    plt.close("all")


def test_legends_use_words_not_column_values():
    table = pd.DataFrame({"country": ["China", "China"], "cohort": ["top_tier", "most_elite"], "share_pct": [28.0, 12.0]})
    ax = plotting.shared.shares_chart(table, "country", "share_pct", hue="cohort")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["top-tier researchers", "most elite researchers"]  # selectivity differs by year
    plt.close("all")


# --- notebooks 01-03 (plotting.tracker): the data each panel draws ----------------------------------------
def _chosen(name):
    return data.pick_source(data.load(name), ["year", "cohort", "country"])


ORIGIN = parameters.defaults("01_researcher_origin.ipynb")
WORK = parameters.defaults("02_work_location.ipynb")


def test_origin_panels_show_the_cohorts_and_year_judged_and_mark_the_article_only_in_its_year(data_copy):
    """As the claims are judged: by default each claim on its own cohort (both panels, 2022, the article's figures
    marked); with one cohort, that cohort's panel only, carrying every claim's figures; with 2019, the article's
    figures (which are for 2022) unmarked, and a note that says so."""
    from helpers import set_cell

    panels = plotting.origin.panels(_chosen("tracker/origin_undergrad"), ORIGIN)
    assert [set(p["table"]["cohort"]) for p in panels] == [{"top_tier"}, {"most_elite"}]
    assert all(set(p["table"]["year"]) == {2022} for p in panels) and not any(p["note"] for p in panels)
    assert panels[0]["marks"] == {"China": [47], "United States": [18], "India": [5]}
    elite = plotting.origin.panels(_chosen("tracker/origin_undergrad"), {**ORIGIN, "cohort": "most_elite"})
    assert [set(p["table"]["cohort"]) for p in elite] == [{"most_elite"}]
    assert elite[0]["marks"] == {"China": [26, 47], "United States": [28, 18], "India": [5]}
    earlier = plotting.origin.panels(_chosen("tracker/origin_undergrad"), {**ORIGIN, "year": 2019})
    assert all(set(p["table"]["year"]) == {2019} and p["marks"] == {} for p in earlier)
    assert earlier[0]["note"].startswith("The article gives no 2019 figure to mark: its China 47%")
    assert earlier[0]["note"].endswith("are for 2022")
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    shown = plotting.origin.panels(_chosen("tracker/origin_undergrad"), ORIGIN)[0]["table"]
    assert shown.set_index("country").loc["China", "share_pct"] == 30
    fig = plotting.origin.chart(_chosen("tracker/origin_undergrad"), ORIGIN)
    assert [ax.get_title() for ax in fig.axes] == ["Top-tier researchers, NeurIPS 2022", "Most elite researchers, NeurIPS 2022"]
    assert "China 30%" in fig.talentcheck_summary and "the article: China 47%" in fig.talentcheck_summary
    fig = plotting.origin.chart(_chosen("tracker/origin_undergrad"), {**ORIGIN, "year": 2019})
    assert "The article gives no 2019 figure to mark" in plotting.style.alt_text(fig)  # a screen reader hears it too
    plt.close("all")


def test_work_panels_show_the_cohorts_judged_and_mark_the_cohort_each_claim_was_judged_on(data_copy):
    from helpers import set_cell

    panels = plotting.work.panels(_chosen("tracker/work_country"), WORK)
    assert [set(p["table"]["year"]) for p in panels] == [{2019}, {2022}]
    assert all(set(p["table"]["country"]) <= {"United States", "China"} for p in panels)
    assert set(panels[0]["marks"]) == {("United States", claims.claim("us-65pct-work-2019")["as_stated"]["cohort"])}
    top = plotting.work.panels(_chosen("tracker/work_country"), {**WORK, "cohort": "top_tier"})
    assert all(set(p["table"]["cohort"]) == {"top_tier"} for p in top)  # the cohort judged, only
    assert set(top[0]["marks"]) == {("United States", "top_tier")}
    later = plotting.work.panels(_chosen("tracker/work_country"), {**WORK, "year": 2022})
    assert later[0]["marks"] == {} and "United States 65% is for 2019" in later[1]["note"]
    set_cell(data_copy / "tracker/work_country.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "40")
    table = plotting.work.panels(_chosen("tracker/work_country"), WORK)[1]["table"]
    assert table[(table["country"] == "China") & (table["cohort"] == "top_tier")]["share_pct"].tolist() == [40]
    assert len(plotting.work.chart(_chosen("tracker/work_country"), WORK).axes) == 2
    plt.close("all")


def test_flow_links_follow_the_flow_table_and_the_chart_draws_one_band_per_link(data_copy):
    from helpers import set_cell

    flow_table = data.pick_source(data.load("tracker/flows"), ["year", "cohort", "population", "destination"])
    links = flows.flow_links(flow_table)
    table = flows.flow_table(links)
    assert list(links) == [2019, 2022] and len(table) == sum(len(v) for v in links.values())
    fig = plotting.flows.flows_chart(links)
    assert [len([p for p in ax.patches if type(p).__name__ == "PathPatch"]) for ax in fig.axes] == [len(v) for v in links.values()]
    plt.close("all")
    set_cell(data_copy / "tracker/flows.csv", {"year": 2019, "population": "china_origin_current_work", "destination": "China"},
             "share_pct", "50")
    flow_table = data.pick_source(data.load("tracker/flows"), ["year", "cohort", "population", "destination"])
    moved = flows.flow_table(flows.flow_links(flow_table))
    assert moved[(moved["year"] == 2019) & (moved["target"] == "China")]["share_pct"].tolist() == [50]


def test_the_us_institutions_chart_marks_the_article_figures_over_the_year_judged_only_if_they_speak_of_it():
    chosen = _chosen("tracker/us_institutions_by_origin")
    params = parameters.defaults("03_us_institutions_and_flows.ipynb")
    fig = plotting.flows.us_institutions_chart(chosen, params)
    segments = [seg for c in fig.axes[0].collections for seg in c.get_segments()]
    assert sorted(seg[0][1] for seg in segments) == sorted(claims.stated_figures("us-institutions-38-vs-37").values())
    assert all((seg[0][0] + seg[1][0]) / 2 > round(seg[0][0]) for seg in segments)  # over the right-hand (2022) bars
    plt.close("all")
    fig = plotting.flows.us_institutions_chart(chosen, {**params, "year": 2019})
    assert not fig.axes[0].collections
    assert any("no 2019 figure to mark" in t.get_text().replace("\n", " ") for t in fig.axes[0].texts)
    plt.close("all")


def test_the_money_charts_explain_their_colours_and_state_their_range_from_the_data(data_copy):
    from helpers import set_cell
    from talentcheck.topics import money

    params = parameters.defaults("08_money.ipynb")
    years = money.huawei_by_year(params)
    ax = plotting.money.huawei_rd(years, params["rate_type"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["the ten years the verdict sums", "other years"]
    budgets = data.load("money/university_budgets")
    ax = plotting.money.university_budgets(budgets, money.budget_readings())
    low, high = budgets["budget_cny_bn"].min(), budgets["budget_cny_bn"].max()
    assert ax.get_title() == f"University budgets: {low:.0f} to {high:.0f} billion yuan a year"
    set_cell(data_copy / "money/university_budgets.csv", {"budget_cny_bn": f"{high:g}"}, "budget_cny_bn", "55")
    ax = plotting.money.university_budgets(data.load("money/university_budgets"), money.budget_readings())
    assert ax.get_title().endswith("to 55 billion yuan a year")
    plt.close("all")


def test_a_charts_text_alternative_is_read_off_the_chart_and_follows_its_data():
    """`describe` gives what a screen reader says for a chart: its title, what it draws, its categories (in
    reading order) and legend; other data, another description."""
    table = pd.DataFrame({"country": ["China", "United States", "India"], "share_pct": [47.0, 18.0, 5.0]})
    ax = plotting.shared.shares_chart(table, "country", "share_pct", title="Where they studied")
    ax.figure.canvas.draw()
    said = plotting.style.alt_text(ax.figure)
    assert said == "Chart. Where they studied: bars of share of researchers (%), 3 categories: “China”, “United States”, “India”."
    plt.close("all")
    table["country"] = ["Canada", "United States", "University of California, Los Angeles"]
    ax = plotting.shared.shares_chart(table, "country", "share_pct", title="Elsewhere")
    ax.set_yscale("log")
    ax.figure.canvas.draw()
    assert plotting.style.alt_text(ax.figure) == ("Chart. Elsewhere: bars of share of researchers (%), 3 categories: “Canada”, “United States”, "
                                                  "“University of California, Los Angeles”, y axis on a log scale.")
    plt.close("all")


def test_horizontal_bars_list_their_categories_top_first_and_long_lists_are_cut():
    fig, ax = plt.subplots()
    names = [f"institution {n}" for n in range(1, 16)]
    ax.barh(names[::-1], range(15, 0, -1))  # the first name at the top
    ax.legend(["papers"])
    fig.canvas.draw()
    said = plotting.style.alt_text(fig)
    assert said.startswith("Chart. bars, 15 categories: “institution 1”, “institution 2”,")
    assert "“institution 6” and 9 more, legend: “papers”." in said
    plt.close("all")


def test_every_chart_draws_a_phone_version_one_panel_above_the_other_and_the_desktop_one_remembers_it():
    """Each chart function also draws for a phone (360 px: 3.6 inches at 100 dpi; panels stacked); the figure it
    draws for a desktop remembers how, for the notebook's PNG output."""
    from talentcheck.topics import compute, money

    chosen = _chosen("tracker/origin_undergrad")
    for draw in (lambda **kw: plotting.origin.chart(chosen, ORIGIN, **kw),):
        desktop = plotting.style.figure_of(draw())
        phone = plotting.style.phone_drawing(desktop)
        assert desktop.get_figwidth() > 8 and phone.get_figwidth() == plotting.style.PHONE_WIDTH
        lefts = {round(ax.get_position().x0, 2) for ax in phone.axes}
        assert len(phone.axes) == 2 and len(lefts) == 1 and len({round(ax.get_position().x0, 2) for ax in desktop.axes}) == 2
        assert phone.talentcheck_summary == desktop.talentcheck_summary  # the same figures said
        png = plotting.style.phone_png(phone)
        assert png.startswith(b"\x89PNG") and 600 <= int.from_bytes(png[16:20], "big") <= 3 * 360
        plt.close("all")
    money_params = parameters.defaults("08_money.ipynb")
    for draw in (lambda **kw: plotting.money.rd_chart(money.huawei_by_year(money_params), "annual_average", **kw),
                 lambda **kw: plotting.money.budgets_chart(money.budget_years("article"), money.budget_readings(), **kw)):
        desktop = plotting.style.figure_of(draw())  # one panel each: a card shows only the chart that bears on it
        phone = plotting.style.phone_drawing(desktop)
        assert len(desktop.axes) == len(phone.axes) == 1 and phone.get_figwidth() == plotting.style.PHONE_WIDTH
        assert phone.talentcheck_summary == desktop.talentcheck_summary
        plt.close("all")
    params = parameters.defaults("07_compute_costs.ipynb")
    ax = plotting.compute.bill_curves(compute.bill_curves(params), compute.fleet_sizes(params), compute.claim_band(params), phone=True)
    assert ax.figure.get_figwidth() == plotting.style.PHONE_WIDTH and not hasattr(ax.figure, "talentcheck_phone")
    plt.close("all")


def test_every_chart_in_the_committed_notebooks_carries_a_phone_drawing_and_its_figures_in_its_text_alternative():
    import base64

    import nbformat

    from talentcheck import paths

    seen = 0
    for path in paths.notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                if "image/png" in output.get("data", {}):
                    shown = output.metadata["image/png"]
                    png = base64.b64decode(shown["phone"])
                    assert int.from_bytes(png[16:20], "big") <= 3 * 360, path.name  # shown at about 360 px
                    assert re.search(r"\d", shown["alt"].split(". ")[1]), f"{path.name}: {shown['alt'][:80]}"
                    seen += 1
    assert seen >= 12
