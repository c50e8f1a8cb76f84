"""NeurIPS 2021-2025 trends: the figures, a parameter change, and the computed "since then" notes."""
import pytest

from conftest import set_cell
from talentcheck import claims, cli, data, matcher, trends
from talentcheck.verdicts import NOTES_MIME, from_notebook


def test_region_shares_sum_to_100_each_year_and_china_rises():
    shares = trends.region_shares("tracker", "share")
    assert (shares.sum(axis=1).round(0) == 100).all()
    assert shares.loc[2025, "China"] > shares.loc[2022, "China"] > shares.loc[2021, "China"]
    assert set(shares.columns) == {"United States", "China", "Europe", "Canada", "Others"}


def test_the_grouping_and_metric_parameters_change_the_table():
    assert len(trends.region_shares("source", "share").columns) == 7
    counts = trends.region_shares("source", "count")
    assert counts.loc[2022, "China"] == 817 and counts.loc[2022, "United States"] == 1713
    with pytest.raises(claims.ParameterError, match="grouping='continents'"):
        trends.region_shares("continents", "share")


def test_spellings_of_one_institution_are_merged():
    table = data.load("neurips/trends_institutions").set_index(["year", "institution"])
    assert table.at[(2025, "Shanghai Jiao Tong University"), "paper_count"] == 181 + 108
    assert table.at[(2025, "Shanghai Jiao Tong University"), "spellings"] == 2
    assert matcher.canonical("Huawei Noah's Ark Lab").institution == "Huawei"


def test_following_an_unknown_institution_is_a_parameter_error():
    with pytest.raises(claims.ParameterError, match=r"\['Hogwarts'\] never in the top 150"):
        trends.ranks(["Hogwarts"])


def test_since_then_notes_are_computed_from_the_data(data_copy):
    notes = trends.since_then()
    assert set(notes) == {"growing-share-working-in-china", "china-researchers-outnumber-us",
                          "top25-2022-tsinghua-peking-top5", "industry-driven-research"}
    assert "to 29.3% (2025)" in notes["growing-share-working-in-china"]
    assert "Tsinghua ranked 1 and Peking 2 in 2025" in notes["top25-2022-tsinghua-peking-top5"]
    note = notes["china-researchers-outnumber-us"]
    assert "not where they come from" in note and "the bands overlap, so which country has more papers is not established" in note
    set_cell(data_copy / "neurips/trends_bands.csv", {"year": 2025, "region": "China"}, "paper_count", "5000")
    data.clear_cache()
    assert "Chinese papers outnumber US ones across the band" in trends.since_then()["china-researchers-outnumber-us"]


def test_the_band_decides_whether_us_papers_still_outnumber_chinese_ones(data_copy):
    path = data_copy / "neurips/trends_bands.csv"
    for region in ("China", "United States"):
        for column in ("unresolved_theirs", "unresolved_neither"):
            set_cell(path, {"year": 2025, "region": region}, column, "0")
    data.clear_cache()
    low, estimate, high = trends.band(2025, "United States")
    assert low == estimate == high
    assert "US papers outnumber China's across the band" in trends.since_then()["china-researchers-outnumber-us"]


def test_the_third_partys_fictitious_institutions_are_gone_and_korea_and_hong_kong_are_placed():
    table = data.load("neurips/trends_institutions")
    fictitious = {"Engineering Institute of Technology", "Regent University College of Science and Technology",
                  "Marine Biological Laboratory", "Jami Institute of Technology", "Globe University", "Austin College"}
    assert not fictitious & set(table["institution"])
    latest = table[table["year"] == 2025].set_index("institution")
    assert latest.at["Korea Advanced Institute of Science and Technology", "country"] == "South Korea"
    assert latest.at["Chinese University of Hong Kong", "country"] == "Hong Kong"
    assert latest.at["Northeastern University", "country"] == "United States"


def test_the_notebook_reruns_with_other_parameters_and_its_notes_reach_the_report(tmp_path):
    out = tmp_path / "out"
    assert cli.main(["run", "09_since_2022", "-p", "grouping", "source", "-p", "follow", "[Tsinghua University, IBM]",
                     "--output", str(out)]) == 0
    import nbformat

    executed = nbformat.read(out / "notebooks" / "09_since_2022.ipynb", as_version=4)
    assert from_notebook(executed, NOTES_MIME)[0] == trends.since_then()
    card = (out / "report" / "claims" / "growing-share-working-in-china.html").read_text()
    assert "since then" in card and "29.3%" in card
    assert 'src="../img/09_since_2022-1.png"' in card
