"""The China-origin flow links add up and follow the published figures."""
import pytest

from talentcheck import data
from talentcheck.topics import flows


@pytest.fixture
def flow_table():
    return data.pick_source(data.load("tracker/flows"), ["year", "cohort", "population", "destination"])


@pytest.mark.parametrize("year", [2019, 2022])
def test_every_stage_accounts_for_all_china_origin_researchers(flow_table, year):
    links = flows.china_origin_links(flow_table, year)
    assert set(links["stage"]) == set(flows.STAGES[year][1:])
    for name, stage in links.groupby("stage"):
        # 2022's work stage follows only those who did graduate school in China (51) or the US (36)
        expected = 87 if (year, name) == (2022, "work") else 100
        assert stage["share_pct"].sum() == pytest.approx(expected)


def test_2022_links_chain_graduate_shares_with_stay_rates(flow_table):
    links = flows.china_origin_links(flow_table, 2022).set_index(["stage", "source", "target"])["share_pct"]
    assert links[("graduate school", "China", "China")] == 51
    assert links[("work", "China", "China")] == pytest.approx(51 * 0.90)
    assert links[("work", "United States", "United States")] == pytest.approx(36 * 0.80)


def test_a_year_without_flow_figures_is_refused(flow_table):
    with pytest.raises(data.DataError, match="no flow figures for year 2020"):
        flows.china_origin_links(flow_table, 2020)


def _us_institutions(**changes):
    from talentcheck import parameters
    from talentcheck.paths import NOTEBOOKS

    params = {n: s.default for n, s in parameters.declared(NOTEBOOKS / flows.NOTEBOOK).items()}
    return next(v for v in flows.verdicts({**params, **changes}) if v.claim_id == flows.CLAIM)


def test_one_sampling_rule_both_ways_a_gap_inside_its_interval_shows_neither_group_larger(data_copy):
    """2022's one-point gap and 2019's four-point gap both lie within sampling error: neither year's why says which group
    was larger; with a sample large enough for 2019's gap to clear its interval, the why names the larger group."""
    from helpers import set_cell
    from talentcheck import clear_caches

    tied = _us_institutions()
    assert tied.verdict == "supported_with_caveat" and "tied within sampling error" in tied.finding
    assert "neither is shown to be larger" in tied.reason
    earlier = _us_institutions(year=2019)
    assert earlier.verdict == "not_supported" and "larger group" not in earlier.reason
    assert "the gap of four points between the two groups lies within sampling error" in earlier.reason
    set_cell(data_copy / "tracker" / "samples.csv", {"year": 2019, "cohort": "top_tier"}, "researchers", "20000")
    clear_caches()
    assert "US-schooled researchers were the larger group, by four points, beyond sampling error" in _us_institutions(year=2019).reason
