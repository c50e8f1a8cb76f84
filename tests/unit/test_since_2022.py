"""NeurIPS 2021-2025 trends: the figures, a parameter change, the computed "since then" notes, and the
data of notebook 09's tables and charts."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import set_cell  # noqa: E402
from talentcheck import claims, clear_caches, data, plotting  # noqa: E402
from talentcheck.neurips.resolver import reviews
from talentcheck.topics import since_2022


def test_region_shares_sum_to_100_each_year_and_china_rises():
    shares = since_2022.region_shares("tracker", "share")
    assert (shares.sum(axis=1).round(0) == 100).all()
    assert shares.loc[2025, "China"] > shares.loc[2022, "China"] > shares.loc[2021, "China"]
    assert set(shares.columns) == {"United States", "China", "Europe", "Canada", "Others"}


def test_the_grouping_and_metric_parameters_change_the_table():
    assert len(since_2022.region_shares("source", "share").columns) == 7
    counts = since_2022.region_shares("source", "count")
    assert counts.loc[2022, "China"] == 817 and counts.loc[2022, "United States"] == 1713
    with pytest.raises(claims.ParameterError, match="grouping='continents'"):
        since_2022.region_shares("continents", "share")


def test_spellings_of_one_institution_are_merged():
    table = data.load("neurips/trends_institutions").set_index(["year", "institution"])
    assert table.at[(2025, "Shanghai Jiao Tong University"), "paper_count"] == 181 + 108
    assert table.at[(2025, "Shanghai Jiao Tong University"), "spellings"] == 2
    assert reviews.canonical("Huawei Noah's Ark Lab").institution == "Huawei"


def test_following_an_unknown_institution_is_a_parameter_error():
    with pytest.raises(claims.ParameterError, match=r"\['Hogwarts'\] never in the top 150"):
        since_2022.ranks(["Hogwarts"])


def test_since_then_notes_are_computed_from_the_data(data_copy):
    notes = since_2022.since_then()
    assert set(notes) == {"growing-share-working-in-china", "china-researchers-outnumber-us",
                          "top25-2022-tsinghua-peking-top5", "industry-driven-research"}
    assert "to 29.3% (2025)" in notes["growing-share-working-in-china"]
    assert "Tsinghua ranked 1 and Peking 2 in 2025" in notes["top25-2022-tsinghua-peking-top5"]
    note = notes["china-researchers-outnumber-us"]
    assert "not where they come from" in note and "the bands overlap, so which country has more papers is not established" in note
    set_cell(data_copy / "neurips/trends_bands.csv", {"year": 2025, "region": "China"}, "paper_count", "5000")
    clear_caches()
    assert "Chinese papers outnumber US ones across the band" in since_2022.since_then()["china-researchers-outnumber-us"]


def test_the_band_decides_whether_us_papers_still_outnumber_chinese_ones(data_copy):
    path = data_copy / "neurips/trends_bands.csv"
    for region in ("China", "United States"):
        for column in ("unresolved_theirs", "unresolved_neither"):
            set_cell(path, {"year": 2025, "region": region}, column, "0")
    clear_caches()
    low, estimate, high = since_2022.band(2025, "United States")
    assert low == estimate == high
    assert "US papers outnumber China's across the band" in since_2022.since_then()["china-researchers-outnumber-us"]


def test_the_band_decides_whether_companies_share_has_a_trend_and_whether_pekings_rank_holds(data_copy):
    notes = since_2022.since_then()
    assert notes["industry-driven-research"].endswith("the bands overlap, so no trend is established by this table.")
    assert notes["top25-2022-tsinghua-peking-top5"].endswith("so its rank is not established by this table.")
    path = data_copy / "neurips/trends_bands.csv"
    for year in (2022, 2025):
        for region in ("China", "United States"):
            for column in ("unresolved_theirs", "unresolved_neither"):
                set_cell(path, {"year": year, "region": region}, column, "0")
    clear_caches()
    assert since_2022.company_band(2025)[0] == since_2022.company_band(2025)[1] == since_2022.company_share().at[2025]
    notes = since_2022.since_then()
    assert notes["industry-driven-research"].endswith("the fall survives that band.")
    assert notes["top25-2022-tsinghua-peking-top5"].endswith("a lead larger than that band.")


def test_the_third_partys_fictitious_institutions_are_gone_and_korea_and_hong_kong_are_placed():
    table = data.load("neurips/trends_institutions")
    fictitious = {"Engineering Institute of Technology", "Regent University College of Science and Technology",
                  "Marine Biological Laboratory", "Jami Institute of Technology", "Globe University", "Austin College"}
    assert not fictitious & set(table["institution"])
    latest = table[table["year"] == 2025].set_index("institution")
    assert latest.at["Korea Advanced Institute of Science and Technology", "country"] == "South Korea"
    assert latest.at["Chinese University of Hong Kong", "country"] == "Hong Kong"
    assert latest.at["Northeastern University", "country"] == "United States"


# ---------------------------------------------------------------- the tables and charts of notebook 09

def lines_by_label(ax) -> dict:
    return {line.get_label(): line for line in ax.get_lines()}


def test_the_region_chart_draws_one_line_per_region_from_the_table(data_copy):
    set_cell(data_copy / "neurips/trends_regions.csv", {"year": 2025, "region": "Canada"}, "paper_count", "5000")
    shares = since_2022.region_shares("tracker", "count")
    assert shares.loc[2025, "Canada"] == 5000
    ax = plotting.since_2022.regions_chart(shares, "count")
    lines = lines_by_label(ax)
    assert set(shares.columns) <= set(lines)
    assert list(lines["Canada"].get_ydata()) == list(shares["Canada"])
    assert lines["China"].get_color() == plotting.style.COUNTRY_COLOURS["China"] and lines["China"].get_linewidth() == 3
    colours = [line.get_color() for label, line in lines.items() if label in shares.columns]
    assert len(set(colours)) == len(colours)  # no region borrows a country's colour ("Others" was the US's blue)
    assert lines["Others"].get_color() == plotting.style.OTHER_COLOUR
    assert ax.get_ylabel() == "papers, each counted in each of its\nauthors' regions"  # in words, not "paper-region pairs"
    plt.close("all")


def test_an_institutions_country_comes_from_the_table_and_colours_its_line(data_copy):
    set_cell(data_copy / "neurips/trends_institutions.csv", {"institution": "Tsinghua University"}, "country", "Singapore")
    countries = since_2022.countries(["Tsinghua University", "Stanford University", "Hogwarts"])
    assert countries == {"Tsinghua University": "Singapore", "Stanford University": "United States", "Hogwarts": None}
    ranked = since_2022.ranks(["Tsinghua University", "Stanford University"])
    ax = plotting.since_2022.bump_chart(ranked, countries, since_2022.TOP)
    lines = dict(zip(ranked.columns, ax.get_lines()))  # one line per followed institution, in the table's order
    tsinghua, stanford = lines["Tsinghua University"], lines["Stanford University"]
    assert tsinghua.get_color() == plotting.style.COUNTRY_COLOURS["Singapore"]
    assert stanford.get_color() == plotting.style.COUNTRY_COLOURS["United States"]
    assert list(tsinghua.get_ydata()) == list(ranked["Tsinghua University"])
    plt.close("all")


def test_the_bump_chart_rank_axis_ends_at_the_last_rank_the_table_keeps():
    assert plotting.since_2022.rank_ticks(150) == [1, 2, 5, 10, 20, 50, 150]  # no 100 crowding the 150
    assert plotting.since_2022.rank_ticks(25) == [1, 2, 5, 10, 25]
    ranked = since_2022.ranks(["Google"])
    ax = plotting.since_2022.bump_chart(ranked, since_2022.countries(["Google"]), 40)
    assert list(ax.get_yticks()) == [1, 2, 5, 10, 20, 40]
    assert ax.get_xlim() == pytest.approx((ranked.index.min() - 0.2, ranked.index.max() + 0.2))  # names outside the frame
    plt.close("all")


def test_the_collaboration_chart_draws_the_collaboration_table(data_copy):
    path = data_copy / "neurips/trends_collaboration.csv"  # two shares swapped: the year still sums to 100
    set_cell(path, {"year": 2025, "category": "US only"}, "share_pct", "29.41")
    set_cell(path, {"year": 2025, "category": "China only"}, "share_pct", "33.32")
    collaboration = since_2022.collaboration()
    assert collaboration.loc[2025, "US only"] == 29.41 and collaboration.loc[2025, "China only"] == 33.32
    lines = lines_by_label(plotting.since_2022.collaboration_chart(collaboration))
    assert set(lines) == set(collaboration.columns)
    assert list(lines["US only"].get_ydata()) == list(collaboration["US only"])
    plt.close("all")


def test_the_band_table_gives_each_row_its_band(data_copy):
    before = since_2022.band_table().set_index(["year", "region"]).loc[(2025, "China")]
    assert before["low"] <= before["estimate"] <= before["high"]
    set_cell(data_copy / "neurips/trends_bands.csv", {"year": 2025, "region": "China"}, "unresolved_theirs", "0")
    after = since_2022.band_table().set_index(["year", "region"]).loc[(2025, "China")]
    assert after["low"] == after["estimate"] == before["estimate"] and after["high"] == before["high"]
    assert "source_url" not in since_2022.band_table().columns


def test_the_2022_comparison_puts_the_sources_shares_beside_ours(data_copy):
    table = since_2022.compare_2022()
    assert list(table.columns) == ["source (paper-region pairs)", "ours (fractional papers)", "difference"]
    assert (table["difference"] == (table["source (paper-region pairs)"] - table["ours (fractional papers)"]).round(1)).all()
    set_cell(data_copy / "neurips/trends_regions.csv", {"year": 2022, "region": "Canada"}, "paper_count", "4000")
    assert since_2022.compare_2022().at["Canada", "source (paper-region pairs)"] > table.at["Canada", "source (paper-region pairs)"]
    assert since_2022.compare_2022().at["Canada", "ours (fractional papers)"] == table.at["Canada", "ours (fractional papers)"]


@pytest.mark.parametrize("follow", [[], [1, 2], "Tsinghua University"])
def test_follow_must_name_institutions(follow):
    with pytest.raises(since_2022.ParameterError, match="follow must list one or more institutions by name"):
        since_2022.ranks(follow)
