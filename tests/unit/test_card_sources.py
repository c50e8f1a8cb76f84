"""Which sources a card lists: those of the rows its finding, why, sampling line and chart use under this run's
parameters, never a source of a row nothing on the card says or draws."""
from helpers import set_cell
from talentcheck import data, parameters
from talentcheck.topics import origin, work

FRED = "https://fred.stlouisfed.org/series/DEXCHUS"  # a registered source no Tracker row cites


def sources_of(module, claim_id: str, **changes) -> list[str]:
    params = {**parameters.defaults(module.NOTEBOOK), **changes}
    return next(v.sources for v in module.verdicts(params) if v.claim_id == claim_id)


def codes(urls: list[str]) -> set[str]:
    registry = data.load("sources").set_index("url")["code"]
    return {registry.get(u) for u in urls}


def test_a_row_nothing_on_the_card_uses_is_not_its_source_until_a_parameter_makes_it_used(data_copy):
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2019, "cohort": "top_tier", "country": "India"}, "source_url", FRED)
    for claim_id in ("nearly-half-undergrad-china", "china-researchers-outnumber-us", "origin-47-18-5"):
        assert FRED not in sources_of(origin, claim_id), claim_id  # 2019's India share: not said, not drawn
    assert FRED in sources_of(origin, "origin-47-18-5", year=2019)  # judged on 2019, its chart draws that row


def test_the_cohort_read_decides_the_cards_sources():
    as_stated, elite = sources_of(origin, "origin-47-18-5"), sources_of(origin, "origin-47-18-5", cohort="most_elite")
    assert "DM" in codes(as_stated) and "DM" not in codes(elite)  # Damien Ma gives the top tier's 47%, not the elite's
    assert "GH-FR" in codes(sources_of(origin, "elite-origin-china-26-us-28"))  # the chart's "Others 28%"


def test_the_sample_and_census_behind_a_why_are_cited():
    assert {"CARNEGIE", "LATEST"} <= codes(sources_of(work, "growing-share-working-in-china"))  # 675; 186 papers, 867 authors
    assert "LATEST" in codes(sources_of(work, "china-12pct-work-2022"))  # the census of the oral papers' 955 authors
    assert "LATEST" in codes(sources_of(origin, "china-researchers-outnumber-us", cohort="most_elite"))


def test_a_primary_source_giving_the_same_figure_is_cited_and_an_unused_rederivation_is_not():
    us = sources_of(work, "us-65pct-work-2019")
    assert "MP1" in codes(us)  # the Tracker's own page ("nearly 60%") beside the press copy of 59%
    assert "https://github.com/dcharrezt/NeurIPS-2019-Stats" not in us  # no word of the card uses the re-derivation
