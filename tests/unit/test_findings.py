"""Findings and conclusions: plain English with units, computed from the verdict rows, so that a changed
data row or parameter changes the sentence (and never leaves it saying what the figures no longer show)."""
import pytest

from helpers import set_cell
from talentcheck import claims, parameters
from talentcheck.claims import findings
from talentcheck.topics import compute, xai
from talentcheck.claims.verdicts import VERDICTS


def row_of(claim_id: str, notebook: str, **params) -> dict:
    return claims.judge(claim_id, {**parameters.defaults(notebook), **params}).as_row()


CHANGES = [  # (claim, notebook, table, row, new share, verdict and finding before, verdict and finding after)
    ("growing-share-working-in-china", "02_work_location.ipynb", "tracker/work_country.csv", "China", "9",
     ("supported_with_caveat", "The evidence gives 28% in 2022 and 11% in 2019, in line with the article's “rising”, "
                               "but with a caveat (see why)."),
     ("not_supported", "The evidence gives 9% in 2022 and 11% in 2019, which does not bear out the article's “rising”.")),
    ("origin-47-18-5", "01_researcher_origin.ipynb", "tracker/origin_undergrad.csv", "India", "9",
     ("supported", "The evidence gives China 47%, United States 18% and India 5%, as the article states "
                   "(China 47%, United States 18%, India 5%)."),
     ("not_supported", "The evidence gives China 47%, United States 18% and India 9%, which does not bear out the "
                       "article's figures (China 47%, United States 18%, India 5%).")),
]


@pytest.mark.parametrize("claim_id, notebook, table, country, share, before, after", CHANGES)
def test_a_finding_names_each_figure_with_its_unit_and_a_changed_data_row_changes_it(
        data_copy, claim_id, notebook, table, country, share, before, after):
    row = row_of(claim_id, notebook)
    assert (row["verdict"], findings.finding(row)) == before
    set_cell(data_copy / table, {"year": 2022, "cohort": "top_tier", "country": country}, "share_pct", share)
    row = row_of(claim_id, notebook)
    assert (row["verdict"], findings.finding(row)) == after


def test_a_figure_the_evidence_lacks_is_named_and_nothing_is_claimed_of_it(data_copy):
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "country", "Iceland")
    row = row_of("nearly-half-undergrad-china", "01_researcher_origin.ipynb")
    assert row["verdict"] == "unverifiable"
    assert findings.finding(row) == ("The evidence has no figure for China, so the article's figure as read here "
                                     "(between 40 and 50%) can be neither confirmed nor refuted.")


def test_a_bound_set_by_a_parameter_is_the_bound_the_finding_names():
    params = parameters.defaults("07_compute_costs.ipynb")
    strict, loose = (next(v for v in compute.verdicts({**params, "hundreds_reading_musd": reading})
                          if v.claim_id == "gpt4-training-cost").as_row() for reading in (200.0, 100.0))
    assert strict["verdict"] == "unverifiable" and loose["verdict"] != "unverifiable"
    assert findings.finding(strict).startswith("The evidence gives a highest published estimate of more than $100 million, which")
    assert "(at least $200 million)" in findings.finding(strict)
    assert "(at least $100 million)" in findings.finding(loose) and "in line with" in findings.finding(loose)


def test_yes_no_figures_read_as_answers_and_follow_the_observation():
    params = parameters.defaults("04_top_institutions.ipynb")
    names = list(claims.claim("top25-2022-tsinghua-peking-top5")["check"]["figures"])
    every_yes = claims.judge("top25-2022-tsinghua-peking-top5", params, observed=dict.fromkeys(names, "yes")).as_row()
    one_no = claims.judge("top25-2022-tsinghua-peking-top5", params,
                          observed={**dict.fromkeys(names, "yes"), names[1]: "no"}).as_row()
    assert every_yes["verdict"].startswith("supported") and one_no["verdict"] == "not_supported"
    assert f"{names[1]}: yes" in findings.finding(every_yes) and f"{names[1]}: no" in findings.finding(one_no)
    assert findings.finding(one_no).endswith("which does not bear out the article's top 5.")


def test_a_count_reads_as_a_count_and_follows_the_parameter():
    params = parameters.defaults("06_xai_founders.ipynb")
    for count_musk, founders in ((True, 12), (False, 11)):
        row = next(v for v in xai.verdicts({**params, "count_musk": count_musk}) if v.claim_id == "xai-founders-5-of-12").as_row()
        assert f"{founders} founding members" in findings.finding(row), findings.finding(row)
        assert "%" not in findings.finding(row) and "$" not in findings.finding(row)


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_kind_has_its_own_ending(verdict):
    given = 65 if verdict.startswith("supported") else 60
    row = {"claim_id": "us-65pct-work-2019", "verdict": verdict, "stated": "65", "unit": "% of top AI researchers",
           "observed": f"United States {given}", "figures": f'{{"United States": {given}}}', "against": '{"United States": 65}'}
    ending = {"supported": ", as the article states (65%).",
              "supported_with_caveat": ", in line with the article's 65%, but with a caveat (see why).",
              "not_supported": ", which does not bear out the article's 65%.",
              "unverifiable": ", which can neither confirm nor refute the article's 65%."}[verdict]
    assert findings.finding(row) == f"The evidence gives United States {given}%" + ending


@pytest.mark.parametrize("verdict", ["supported", "supported_with_caveat"])
def test_a_figure_that_holds_only_within_the_checks_tolerance_is_not_said_to_be_the_articles(verdict):
    """17 institutions against the article's 18 holds within a tolerance of one: the finding does not call it
    "as the article states" or "in line with" it."""
    row = {"claim_id": "us-65pct-work-2019", "verdict": verdict, "stated": "65", "unit": "% of top AI researchers",
           "observed": "United States 64.6", "figures": '{"United States": 64.6}', "against": '{"United States": 65}'}
    assert findings.finding(row).startswith("The evidence gives United States 64.6%, not exactly the article's 65% but "
                                            "within what the check allows")


def test_a_notebooks_conclusion_counts_its_verdicts_and_names_what_fails(data_copy):
    params = parameters.defaults("02_work_location.ipynb")
    rows = [v.as_row() for v in claims.verdicts_for("02_work_location.ipynb", params)]
    before = findings.conclusion(rows)
    assert before.startswith("Of the four claims of the article judged here, all four are supported with a caveat.")
    assert "Every claim judged here holds, each with a caveat." in before
    set_cell(data_copy / "tracker/work_country.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "9")
    rows = [v.as_row() for v in claims.verdicts_for("02_work_location.ipynb", params)]
    after = findings.conclusion(rows)
    failing = [r for r in rows if r["verdict"] == "not_supported"]
    assert failing and after != before
    assert f"{findings.count(len(failing))} {'is' if len(failing) == 1 else 'are'} not supported" in after
    for row in failing:
        assert claims.claim(row["claim_id"])["claim"] in after and findings.finding(row) in after
    assert f"So {findings.count(len(rows) - len(failing))} of the four hold" in after


@pytest.mark.parametrize("name, value, unit, words", [
    ("China", 47, "% of top AI researchers", "China 47%"),
    ("presenters of Chinese descent", 2, "presenters", "2 presenters of Chinese descent"),
    ("trained in China", 50.0, "% of those whose training is known", "50% trained in China"),
    ("yearly electricity bill", 236.9, "USD million per year", "a yearly electricity bill of $236.9 million"),
    ("CNY 380bn in USD", 52.43, "USD billion", "CNY 380bn in USD: $52.43 billion"),
    ("US institutions", 17, "institutions", "US institutions: 17"),
])
def test_a_figure_reads_as_english_whatever_its_name(name, value, unit, words):
    assert findings.figure(name, value, unit) == words


def test_a_modelled_figure_is_never_called_evidence():
    params = parameters.defaults("07_compute_costs.ipynb")
    row = next(v for v in compute.verdicts(params) if v.claim_id == "openai-electricity-300m").as_row()
    assert findings.finding(row).startswith("No source publishes this figure; the project's model gives a yearly electricity bill of")
    assert "The evidence gives" not in findings.finding(row)


def test_a_count_of_one_reads_as_a_label_not_a_plural():
    """As the journalist review found: "1 indicators rising and 1 indicators falling"."""
    from talentcheck.claims.findings import figure

    assert figure("indicators rising", 1, "indicators") == "indicators rising: 1"
    assert figure("indicators rising", 2, "indicators") == "2 indicators rising"
