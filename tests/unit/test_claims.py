"""The claim registry and the verdict logic: verdicts follow the data and the parameters."""
import re

import pytest

from helpers import set_cell, verdict_of
import talentcheck as tc
from talentcheck import claims, clear_caches, parameters, paths
from talentcheck.claims import sampling_error
from talentcheck.claims.comparison import COMPARE
from talentcheck.claims.verdicts import VERDICTS
from talentcheck.topics import work

CLAIM_IDS = [
    "grok3-presenters-chinese-descent", "xai-founders-5-of-12", "xai-founders-education",
    "growing-share-working-in-china", "china-researchers-outnumber-us", "nearly-half-undergrad-china",
    "us-65pct-work-2019", "china-barely-registered-2019", "china-12pct-work-2022", "elite-origin-china-26-us-28",
    "us-institutions-38-vs-37", "origin-47-18-5", "top25-2019-us-18", "top25-2019-china-two-mid",
    "top25-2022-us-15-ibm-out", "top25-2022-tsinghua-peking-top5", "top25-2022-new-chinese-entrants",
    "industry-driven-research", "university-budgets", "gpt4-training-cost", "openai-electricity-300m",
    "chinese-companies-billions", "huawei-100b-decade", "alibaba-52b-3yr", "chinese-educated-foundation",
]
DEFAULTS = {**parameters.defaults("01_researcher_origin.ipynb"), **parameters.defaults("02_work_location.ipynb")}
"""The Tracker notebooks' defaults, read from their parameters cells (never copied here)."""
ORIGIN_CSV = "tracker/origin_undergrad.csv"


def test_the_registry_holds_every_claim_of_the_article_in_order():
    assert list(claims.registry()) == CLAIM_IDS


def test_the_registry_matches_the_shared_claims_list_where_it_is_present():
    shared = paths.ROOT.parent / "shared" / "CLAIMS.md"
    if not shared.exists():
        pytest.skip("../shared/CLAIMS.md is not present in this clone")
    ids = re.findall(r"^\| ([a-z0-9-]+) \| \d+ \|", shared.read_text(), flags=re.M)
    assert ids == list(claims.registry())


def test_every_claim_names_an_existing_notebook_or_none():
    for cid, entry in claims.registry().items():
        notebook = entry.get("notebook")
        assert notebook is None or (paths.NOTEBOOKS / notebook).exists(), cid


def test_origin_verdicts_under_the_defaults():
    got = {cid: verdict_of(cid).verdict for cid in claims.claims_for("01_researcher_origin.ipynb")}
    assert got == {
        "china-researchers-outnumber-us": "supported_with_caveat",  # holds for top-tier, not most-elite
        "nearly-half-undergrad-china": "supported",
        "elite-origin-china-26-us-28": "supported_with_caveat",  # most-elite figures, stated generally
        "origin-47-18-5": "supported",
    }


def test_the_cohort_parameter_changes_the_outnumber_verdict():
    verdict = verdict_of("china-researchers-outnumber-us", cohort="most_elite")
    assert verdict.verdict == "not_supported" and verdict.observed == "China 26, United States 28"
    assert "26% of the Tracker's most elite researchers (about the top 2%)" in verdict.finding and "28% in the US" in verdict.finding
    # the other cohort, which makes it hold, is named in the why
    assert "top-tier researchers (about the top 20%), China-schooled researchers lead, 47% to 18%" in verdict.reason


def test_caveats_and_flips_belong_to_every_verdict(data_copy):
    """A caveat and another reading's outcome are named whether the verdict is supported or not."""
    supported = verdict_of("us-institutions-38-vs-37")
    assert supported.verdict == "supported_with_caveat" and "not nationality" in supported.finding
    set_cell(data_copy / "tracker/us_institutions_by_origin.csv", {"year": 2022, "cohort": "top_tier", "country": "China"},
             "share_pct", "30")
    refuted = verdict_of("us-institutions-38-vs-37")
    assert refuted.verdict == "not_supported" and "30%" in refuted.finding and "not nationality" in refuted.reason
    barely = verdict_of("china-barely-registered-2019", cohort="top_tier")
    assert barely.verdict == "not_supported" and "most elite cohort of 2019" in barely.reason


def test_another_reading_that_overturns_a_supported_claim_makes_it_a_caveat():
    params = {"hundreds_reading_musd": 100.0}
    alone = claims.decide("gpt4-training-cost", params, observed={"highest published estimate": 150.0})
    overturned = claims.decide("gpt4-training-cost", params, observed={"highest published estimate": 150.0},
                               alternatives=[({"hundreds_reading_musd": 200.0}, {"highest published estimate": 150.0})])
    assert (alone["verdict"], overturned["verdict"]) == ("supported", "supported_with_caveat")


def test_reasons_are_words_not_parameter_dumps():
    for cid in claims.claims_for("02_work_location.ipynb") + claims.claims_for("01_researcher_origin.ipynb"):
        verdict = verdict_of(cid)
        for text in (verdict.finding, verdict.reason):
            assert not re.search(r"\b\w+=\w|\b[a-z]+_[a-z_]+\b", text), (cid, text)


def test_changing_a_number_in_the_data_changes_the_verdict(data_copy):
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    assert verdict_of("nearly-half-undergrad-china").verdict == "not_supported"
    assert verdict_of("origin-47-18-5").verdict == "not_supported"
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "46")
    assert verdict_of("origin-47-18-5").verdict == "supported_with_caveat"  # off by 1: rounding


def test_missing_evidence_is_unverifiable_never_supported(data_copy):
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "top_tier", "country": "India"}, "country", "Others")
    verdict = verdict_of("origin-47-18-5")
    assert verdict.verdict == "unverifiable" and verdict.observed == "no data for India"
    assert "no figure for India" in verdict.finding and "never supported" in verdict.reason


def test_a_year_not_in_the_data_is_a_parameter_error():
    with pytest.raises(claims.ParameterError, match=r"year=2021 is not in tracker/origin_undergrad"):
        claims.judge("origin-47-18-5", {**DEFAULTS, "year": 2021})


def test_the_source_parameter_picks_a_side_in_a_conflict():
    assert claims.evidence("origin-47-18-5", {**DEFAULTS, "year": 2019, "source": "NYT"}).set_index(
        "country").at["China", "share_pct"] == 33
    assert claims.evidence("origin-47-18-5", {**DEFAULTS, "year": 2019}).set_index(
        "country").at["China", "share_pct"] == 29


def test_sensitivity_lists_the_verdict_under_each_combination():
    table = claims.sensitivity("china-researchers-outnumber-us", DEFAULTS, {"cohort": ["top_tier", "most_elite"]})
    assert table.set_index("cohort")["verdict"].to_dict() == {
        "top_tier": "supported_with_caveat", "most_elite": "not_supported"}


@pytest.mark.parametrize("compare, observed, figures, expected", [
    ("approx", {"a": 47}, {"a": 47}, "supported"),
    ("approx", {"a": 46}, {"a": 47}, "not_supported"),
    ("between", {"a": 45}, {"a": [40, 50]}, "supported"),
    ("between", {"a": 51}, {"a": [40, 50]}, "not_supported"),
    ("greater", {"a": 2, "b": 1}, ["a", "b"], "supported"),
    ("greater", {"a": 1, "b": 1}, ["a", "b"], "not_supported"),
    ("at_most", {"a": 5}, {"a": 5}, "supported"),
    ("at_most", {"a": 6}, {"a": 5}, "not_supported"),
    ("at_least", {"a": 6}, {"a": 5}, "supported"),
    ("equal", {"a": "x"}, {"a": "y"}, "not_supported"),
])
def test_each_comparison(compare, observed, figures, expected):
    verdict = COMPARE[compare](observed, figures, {})
    assert verdict == expected and verdict in VERDICTS


WORK = "02_work_location.ipynb"


def test_work_verdicts_follow_the_cohort():
    by_cohort = {c: {cid: verdict_of(cid, cohort=c).verdict for cid in claims.claims_for(WORK)}
                 for c in ("as_stated", "top_tier")}
    assert by_cohort["as_stated"] == {
        "growing-share-working-in-china": "supported_with_caveat",  # a rising share read as a growing number
        "us-65pct-work-2019": "supported_with_caveat",  # 65 is the most-elite figure; top-tier is 59
        "china-barely-registered-2019": "supported_with_caveat",
        "china-12pct-work-2022": "supported_with_caveat",  # 12 is most elite; top-tier is 28
    }
    assert by_cohort["top_tier"]["china-12pct-work-2022"] == "not_supported"
    assert verdict_of("china-12pct-work-2022", cohort="top_tier").observed == "China 28"


def test_barely_registered_follows_its_threshold():
    assert verdict_of("china-barely-registered-2019", cohort="top_tier", barely_threshold=10.0).verdict == "not_supported"
    assert verdict_of("china-barely-registered-2019", cohort="top_tier", barely_threshold=11.0).verdict == "supported"
    elite = verdict_of("china-barely-registered-2019", barely_threshold=5.0)
    assert elite.verdict == "unverifiable"  # only "at most 8" is known for the 2019 most-elite cohort
    assert "at most 8" in elite.observed and "at most 8%" in elite.finding


def test_us_institutions_carries_the_nationality_caveat(data_copy):
    verdict = verdict_of("us-institutions-38-vs-37")
    assert verdict.verdict == "supported_with_caveat" and "nationality" in verdict.reason
    set_cell(data_copy / "tracker/us_institutions_by_origin.csv", {"year": 2022, "country": "United States"},
             "share_pct", "40")
    assert verdict_of("us-institutions-38-vs-37").verdict == "not_supported"


def test_growing_share_turns_with_the_data(data_copy):
    set_cell(data_copy / "tracker/work_country.csv", {"year": 2022, "cohort": "top_tier", "country": "China"},
             "share_pct", "9")
    verdict = verdict_of("growing-share-working-in-china")
    assert verdict.verdict == "not_supported" and verdict.observed == "2022 9, 2019 11"
    assert "from 11% in 2019 to 9% in 2022, a fall of 2 points" in verdict.finding


def test_a_standing_caveat_survives_a_rounding_caveat(data_copy):
    set_cell(data_copy / ORIGIN_CSV, {"year": 2022, "cohort": "most_elite", "country": "China"}, "share_pct", "25")
    verdict = verdict_of("elite-origin-china-26-us-28")
    assert verdict.verdict == "supported_with_caveat"
    assert "25%" in verdict.finding and "within a point of the article's 26% and 28%" in verdict.finding


def test_a_gap_inside_its_sampling_interval_is_named():
    low, high = sampling_error.gap_interval(38, 37, 364)
    assert low < 0 < high and high - low == pytest.approx(17.8, abs=0.2)
    assert sampling_error.gap_interval(28, 11, 867, 675)[0] > 0  # two independent samples
    wide_low, wide_high = sampling_error.gap_interval(38, 37, 364, None, 4)
    assert wide_high - wide_low == pytest.approx(2 * 17.8, abs=0.4)  # a design effect of 4 doubles the interval
    verdict = verdict_of("us-institutions-38-vs-37")
    assert "within sampling error" in verdict.finding and "About 360 of the Tracker's sampled researchers" in verdict.sampling
    wide = verdict_of("china-researchers-outnumber-us")
    assert "far larger than sampling error" in wide.reason and "186 papers with 867 authors" in wide.sampling


def test_one_sample_size_row_moves_the_sampling_caveat(data_copy):
    set_cell(data_copy / "tracker/samples.csv", {"year": 2022, "cohort": "top_tier"}, "researchers", "2000000")
    verdict = verdict_of("us-institutions-38-vs-37")
    assert "within sampling error" not in verdict.finding and "beyond sampling error" in verdict.finding
    set_cell(data_copy / "tracker/samples.csv", {"year": 2022, "cohort": "top_tier"}, "sampled", "no")
    unsampled = verdict_of("us-institutions-38-vs-37")  # no sample, no interval
    assert not unsampled.sampling and "interval" not in unsampled.reason


def test_the_second_indicator_of_barely_registered_comes_from_the_neurips_counts():
    china, known = work.neurips_authors(2019, "oral", "China")
    assert (china, known) == (1, 127)  # the re-derivation's 2019 orals: one author in China among 127 placed


def test_the_second_indicator_follows_its_rows(data_copy):
    path = data_copy / "neurips/countries.csv"
    china, known = work.neurips_authors(2019, "oral", "China")
    path.write_text(path.read_text() + "2019,oral,China,university,30,30,5,5.0,derived,https://github.com/dcharrezt/NeurIPS-2019-Stats\n")
    clear_caches()
    assert work.neurips_authors(2019, "oral", "China") == (china + 30, known + 30)


def test_the_other_cohort_is_named_without_making_it_a_caveat():
    verdict = verdict_of("nearly-half-undergrad-china")
    assert verdict.verdict == "supported"
    assert "Among the Tracker's most elite researchers (about the top 2%) the share is 26%" in verdict.reason


ARTICLE_WORDS = {  # words of the article that a paraphrase must keep, since the check reads them
    "us-institutions-38-vs-37": "top 20% of U",
    "chinese-educated-foundation": "Chinese-educated",
    "growing-share-working-in-china": "growing number",
    "university-budgets": "may have",
    "huawei-100b-decade": "significant portion dedicated to AI",
}


def test_paraphrases_keep_the_article_s_words():
    for cid, words in ARTICLE_WORDS.items():
        assert words.lower().replace("u.s.", "us") in claims.claim(cid)["claim"].lower().replace("u.s.", "us"), cid


def test_the_kept_words_are_the_article_s_where_the_quotations_are_present():
    quotes = paths.ROOT.parent / "shared" / "article_quotes.csv"
    if not quotes.exists():
        pytest.skip("../shared/article_quotes.csv is not present in this clone")
    import csv
    by_id = {row["claim_id"]: row["quote"] for row in csv.DictReader(quotes.open(encoding="utf-8"))}
    for cid, words in ARTICLE_WORDS.items():
        assert words in by_id[cid], cid


def test_where_the_check_narrows_the_claim_the_caveat_says_so():
    for cid, phrase in {"us-institutions-38-vs-37": "describes researchers", "university-budgets": "may have",
                        "chinese-educated-foundation": "true by definition",
                        "huawei-100b-decade": "significant portion dedicated to AI"}.items():
        assert phrase in claims.claim(cid)["caveat"], cid


def test_committed_reasons_name_readings_in_words_not_parameter_dumps():
    """Every verdict the committed notebooks record reads as prose: no `name=value`, no yes/no garble."""
    import re

    import nbformat

    from talentcheck.claims import verdicts

    rows = [row for path in paths.notebooks() for row in verdicts.from_notebook(nbformat.read(path, as_version=4))]
    assert len(rows) == len(claims.registry())
    for text in [t for row in rows for t in (row["finding"], row["reason"])]:
        assert not re.search(r"\b[a-z]+(?:_[a-z]+)*=\S|\b[a-z]+_[a-z_]+\b", text), text
        assert not re.search(r"\b(?:yes|no) instead\b|: (?:yes|no)\b", text), text


def test_a_yes_no_figure_that_differs_fails_the_claim():
    decided = claims.decide("top25-2022-tsinghua-peking-top5", {"tier": "all_accepted", "counting": "authors", "top_n": 25,
                            "merge_google_deepmind": False, "basis": "rederived", "ties": "include",
                            "china_scope": "mainland_and_territories"},
                            observed={"Tsinghua in the top 5": "yes", "Peking in the top 5": "no",
                                      "no university but Stanford ahead": "yes", "both ahead of CMU and MIT": "yes"})
    assert decided["verdict"] == "not_supported"


@pytest.mark.parametrize("observed, expected", [
    (31.6, "not_supported"), (900.0, "not_supported"), (250.0, "supported"),
    (0.0, "not_supported"),  # utilisation 0: no draw, no division by zero
])
def test_a_figure_outside_its_factor_fails_it(observed, expected):
    assert COMPARE["within_factor"]({"x": observed}, {"x": 300}, {"factor": 1.5}) == expected


def test_clear_caches_forgets_both_the_tables_and_the_claims(data_copy):
    from helpers import set_cell

    before = claims.decide("origin-47-18-5", DEFAULTS)
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    registry = data_copy / "claims.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("- id: origin-47-18-5\n", "- id: origin-renamed\n", 1),
                        encoding="utf-8")
    clear_caches()
    assert "origin-renamed" in claims.registry() and "origin-47-18-5" not in claims.registry()
    assert claims.decide("origin-renamed", DEFAULTS)["observed"] != before["observed"]


def test_notebook_defaults_are_read_from_the_parameters_cell():
    assert parameters.defaults("02_work_location.ipynb") == {
        "year": "as_stated", "cohort": "as_stated", "barely_threshold": 10.0, "source": "best_standing"}
    assert parameters.defaults("03_us_institutions_and_flows.ipynb")["year"] == 2022


def _add_china_oral_authors(data_copy, authors: int) -> None:
    path = data_copy / "neurips/countries.csv"
    path.write_text(path.read_text() + f"2019,oral,China,university,{authors},{authors},5,5.0,derived,"
                    "https://github.com/dcharrezt/NeurIPS-2019-Stats\n")
    clear_caches()


def test_the_second_indicator_of_barely_registered_agrees_or_becomes_a_caveat_at_the_threshold(data_copy):
    params = {**DEFAULTS, "barely_threshold": 10.0}
    assert work.barely_registered_indicator(params) == []
    _add_china_oral_authors(data_copy, 30)  # 31 of 157: 20%
    assert work.barely_registered_indicator(params) == ["the re-derivation's oral-paper authors put China above the threshold"]
    assert work.barely_registered_indicator({**params, "barely_threshold": 25.0}) == []


def test_verdicts_for_a_notebook_judge_each_of_its_claims_with_what_the_package_computes(data_copy):
    verdicts = {v.claim_id: v for v in work.verdicts(DEFAULTS)}
    assert list(verdicts) == claims.claims_for("02_work_location.ipynb")
    assert "1 of 127 authors with a known country worked in China" in verdicts["china-barely-registered-2019"].reason
    _add_china_oral_authors(data_copy, 30)
    barely = {v.claim_id: v for v in work.verdicts(DEFAULTS)}["china-barely-registered-2019"]
    assert "31 of 157 authors" in barely.reason
    assert barely.verdict != "supported"  # a caveat at least


def test_the_sensitivity_table_has_a_row_per_claim_and_a_column_per_reading(data_copy):
    from helpers import set_cell

    vary = {"year": [2019, 2022], "cohort": ["top_tier", "most_elite"]}
    table = tc.sensitivity_table("01_researcher_origin.ipynb", DEFAULTS, vary)
    assert sorted(table.index) == sorted(claims.claims_for("01_researcher_origin.ipynb"))
    assert list(table.columns) == [(2019, "top_tier"), (2019, "most_elite"), (2022, "top_tier"), (2022, "most_elite")]
    assert table.loc["origin-47-18-5", (2022, "top_tier")] == claims.decide("origin-47-18-5", {**DEFAULTS, "year": 2022, "cohort": "top_tier"})["verdict"]
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "30")
    assert tc.sensitivity_table("01_researcher_origin.ipynb", DEFAULTS, vary).loc["origin-47-18-5", (2022, "top_tier")] == "not_supported"


def test_a_conflicting_source_that_changes_a_verdict_is_flagged(data_copy):
    from helpers import set_cell

    notebooks = ["03_us_institutions_and_flows.ipynb"]
    table = tc.conflicting_source_verdicts(notebooks)
    assert set(table["claim"]) <= set(claims.claims_for(notebooks[0])) and not table["changes"].any()
    # make the lower-standing source's 2022 China figure disagree far enough to overturn the claim
    path = data_copy / "tracker/us_institutions_by_origin.csv"
    set_cell(path, {"year": 2019, "cohort": "top_tier", "country": "China", "source_name": "AAIT"}, "share_pct", "20")
    set_cell(path, {"year": 2019, "cohort": "top_tier", "country": "China", "source_name": "AAIT"}, "year", "2022")
    table = tc.conflicting_source_verdicts(notebooks)
    assert table.set_index("source").loc["AAIT", "changes"]


def test_a_lower_bound_confirms_an_at_least_claim_it_reaches_and_settles_nothing_short_of_it():
    from talentcheck.claims.comparison import COMPARE, LowerBound

    assert COMPARE["at_least"]({"cost": LowerBound(250.0)}, {"cost": 200.0}, {}) == "supported"
    assert COMPARE["at_least"]({"cost": LowerBound(100.0)}, {"cost": 200.0}, {}) == "unverifiable"
    assert COMPARE["at_least"]({"cost": 100.0}, {"cost": 200.0}, {}) == "not_supported"
    assert COMPARE["at_most"]({"cost": LowerBound(300.0)}, {"cost": 200.0}, {}) == "not_supported"  # more than 300 is not at most 200


def test_a_share_absent_from_a_published_list_is_said_to_be_at_most_its_smallest_entry_on_every_card():
    barely = verdict_of("china-barely-registered-2019")
    assert "was at most 8%" in barely.finding and "the smallest entry is France's 8%" in barely.reason
    twelve = verdict_of("china-12pct-work-2022", year=2019)  # the same cell, read the same way, settles 12%
    assert twelve.verdict == "not_supported" and "at most 8%" in twelve.finding and "at least four points below" in twelve.finding
    growing = verdict_of("growing-share-working-in-china", cohort="most_elite")
    assert growing.verdict == "unverifiable" and "at most 8% in 2019" in growing.finding and "top 0.5%" in growing.finding


def test_threshold_readings_sit_around_each_figure_the_evidence_gives(data_copy):
    params = parameters.defaults("02_work_location.ipynb")
    cohorts = parameters.readings("02_work_location.ipynb", ["cohort"])
    assert cohorts == {"cohort": ["top_tier", "most_elite"]}
    assert claims.threshold_readings("china-barely-registered-2019", params, "barely_threshold", cohorts) == [7, 8, 9, 10, 11, 12]
    set_cell(data_copy / "tracker/work_country.csv", {"year": 2019, "cohort": "top_tier", "country": "China"}, "share_pct", "14")
    assert 14 in claims.threshold_readings("china-barely-registered-2019", params, "barely_threshold", cohorts)


def test_the_year_shown_is_the_parameter_or_the_year_the_claims_state(data_copy):
    assert claims.year_shown("01_researcher_origin.ipynb", 2019) == 2019
    assert claims.year_shown("01_researcher_origin.ipynb", "as_stated") == 2022
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text().replace("as_stated: {year: 2022, cohort: top_tier}", "as_stated: {year: 2019, cohort: top_tier}")
                    .replace("as_stated: {year: 2022, cohort: most_elite}", "as_stated: {year: 2019, cohort: most_elite}"))
    clear_caches()
    assert claims.year_shown("01_researcher_origin.ipynb", "as_stated") == 2019


def test_each_comparison_turns_at_its_tolerance():
    """The tolerance decides supported, the caveat tolerance supported with a caveat; beyond both, not supported."""
    assert COMPARE["approx"]({"China": 12.2}, {"China": 12}, {}) == "supported"  # within the default 0.5
    counts = {"tolerance": 0, "caveat_tolerance": 1}
    assert COMPARE["approx"]({"US": 17.0, "universities": 13.0}, {"US": 18, "universities": 14}, counts) == "supported_with_caveat"
    assert COMPARE["approx"]({"US": 16.0, "universities": 13.0}, {"US": 18, "universities": 14}, counts) == "not_supported"
    assert COMPARE["equal"]({"Greg Yang": "yes", "Zihang Dai": "yes"}, {"Greg Yang": "yes", "Zihang Dai": "yes"}, {}) == "supported"
    assert COMPARE["between"]({"China": 50.0}, {"China": [40, 50]}, {}) == "supported"
    assert COMPARE["at_least"]({"a": 3.0, "b": 1.9}, {"a": 2, "b": 2}, {}) == "not_supported"
