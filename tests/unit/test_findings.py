"""What a card says: the finding and why written for each claim in data/claim_texts.yaml, filled with figures the
package computes, under every reading its notebook declares; the relations they put in words; the checks on the
texts; and what a notebook's verdicts add up to."""
import re

import pytest

from helpers import set_cell, verdict_of
from talentcheck import claims, clear_caches, parameters
from talentcheck.claims import findings, relations, texts
from talentcheck.claims.words import word
from talentcheck.errors import DataError
from talentcheck.topics import readings

FORBIDDEN = ("as read here", "within what the check allows", "not re-judged", "(see why)", "With ... instead",
             "The evidence gives")
LABEL_COLON = re.compile(r"\b[A-Za-z][\w ,()'-]{0,40}: (?:yes|no|\d[\d.,]*%?)(?:[;,]|$)")
MAIN_FIGURE = {  # the claim's main figure with its unit, as its finding must hold it (a pattern), by the claim's unit
    "Chinese-descent researchers": r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b of (?:the )?\w+ (?:researchers|people)|\(\w+ (?:people|person)\)",
    "%": r"\d+(?:\.\d)?%", "people": r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|no)\b",
    "institutions": r"\b\d+\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", "rank": r"\btop (?:ten|\d+)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b",
    "indicators": r"\d+(?:\.\d)?%", "CNY": r"\d+(?:\.\d)? (?:b|tr)illion yuan", "USD": r"\$\d[\d,.]*(?:-\d+)? (?:million|billion)",
    "share": r"\d+(?:\.\d)?%",
}


def main_figure(claim_id: str) -> str:
    unit = claims.claim(claim_id)["unit"]
    return next(pattern for key, pattern in MAIN_FIGURE.items() if key in unit or unit.startswith(key))


def every_reading(notebook: str):
    """(claim id, verdict row) for every claim of `notebook` under its defaults and under each of its readings."""
    params = parameters.defaults(notebook)
    for verdict in readings.verdict_function(notebook)(params):
        yield verdict.claim_id, "default", verdict.as_row()
    for cid, found in readings.readings(notebook, params).items():
        for reading in found:
            yield cid, f"{reading['parameter']}={reading['value']}", reading["row"]


@pytest.mark.parametrize("notebook", list(readings.MODULES))
def test_every_claim_reads_as_written_under_every_declared_reading(notebook):
    """Done when: every slot filled; no label-colon list; none of the engine's old phrases; each finding at most 35
    words holding the claim's main figure with its unit; the why's prose at most 100 words. (A case per notebook:
    every claim a notebook judges is one of them, `test_every_judged_claim_has_its_notebook_here`.)"""
    seen = set()
    for cid, reading, row in every_reading(notebook):
        seen.add(cid)
        where = f"{cid} under {reading}"
        for text in (row["finding"], row["reason"], row["sampling"]):
            assert "{" not in text and "}" not in text, f"{where}: a slot left unfilled: {text}"
            assert not any(phrase in text for phrase in FORBIDDEN), f"{where}: {text}"
            assert not LABEL_COLON.search(text), f"{where}: a label-colon list: {text}"
            assert not re.search(r"\b[a-z]+_[a-z_]+\b|\w=\w", text), f"{where}: a parameter's name: {text}"
        assert texts.word_count(row["finding"]) <= texts.FINDING_WORDS, f"{where}: {texts.word_count(row['finding'])} words"
        assert texts.word_count(row["reason"]) <= texts.WHY_WORDS, f"{where}: why of {texts.word_count(row['reason'])} words"
        assert re.search(main_figure(cid), row["finding"]), f"{where}: no main figure with its unit: {row['finding']}"
        assert (row["finding"][0].isupper() or row["finding"][0].isdigit()) and row["finding"].endswith("."), where
    assert seen == set(claims.claims_for(notebook))


def test_every_judged_claim_has_its_notebook_here():
    assert {cid for nb in readings.MODULES for cid in claims.claims_for(nb)} == \
        {cid for cid, entry in claims.registry().items() if entry.get("notebook")}


def test_a_changed_data_row_changes_the_finding_and_the_why(data_copy):
    before = verdict_of("origin-47-18-5")
    set_cell(data_copy / "tracker/origin_undergrad.csv", {"year": 2022, "cohort": "top_tier", "country": "India"}, "share_pct", "9")
    after = verdict_of("origin-47-18-5")
    assert (before.verdict, after.verdict) == ("supported", "not_supported")
    assert "5% in India, matching the article's 47%, 18% and 5%" in before.finding
    assert "9% in India, against the article's 47%, 18% and 5%" in after.finding and after.reason != before.reason


def test_a_parameter_sets_the_reading_the_finding_names():
    strict, loose = (verdict_of("gpt4-training-cost", hundreds_reading_musd=reading) for reading in (200.0, 100.0))
    assert strict.verdict == "unverifiable" and loose.verdict == "supported_with_caveat"
    assert "are under $200 million" in strict.finding and "$100 million or more" in loose.finding
    for finding in (strict.finding, loose.finding):  # the published point estimates, not only a floor
        assert "$63 million (SemiAnalysis), $78.4 million (the AI Index) and $41-78 million (Epoch AI)" in finding


def test_the_cohort_is_named_with_its_selectivity_in_the_year_judged():
    assert word("cohort", "most_elite", 2019) == "most elite researchers (about the top 0.5%)"
    assert word("cohort", "most_elite", 2022) == "most elite researchers (about the top 2%)"
    assert "(about the top 0.5%)" in verdict_of("us-65pct-work-2019").finding
    assert "(about the top 2%)" in verdict_of("china-12pct-work-2022").finding


def test_a_text_with_a_slot_no_definition_names_is_refused(data_copy):
    path = data_copy / "claim_texts.yaml"
    path.write_text(path.read_text().replace("{descent_n_cap} of the {presenters_n} people on stage",
                                             "{descent_n_cap} of the {presenters_total} people on stage", 1))
    clear_caches()
    with pytest.raises(DataError, match=r"claim 'grok3-presenters-chinese-descent': slot \{presenters_total\} is used but not defined"):
        texts.texts()


def test_a_slot_no_text_uses_is_refused(data_copy):
    path = data_copy / "claim_texts.yaml"
    path.write_text(path.read_text().replace("    presenters_n: number of rows", "    unused_slot: nothing\n    presenters_n: number of rows", 1))
    clear_caches()
    with pytest.raises(DataError, match=r"slot 'unused_slot' is defined but no text uses it"):
        texts.texts()


def test_a_verdict_without_a_text_stops_with_a_line_naming_it(data_copy):
    path = data_copy / "claim_texts.yaml"
    text = path.read_text()
    start = text.index("- id: alibaba-52b-3yr")
    block = text.index("    supported_with_caveat:", start)
    path.write_text(text[:block] + text[block:].replace("    supported_with_caveat:", "    later_verdict_text:", 1))
    clear_caches()
    with pytest.raises(DataError, match="'later_verdict_text' is not a verdict"):
        texts.texts()
    path.write_text(text)
    clear_caches()
    path.write_text(text.replace(text[text.index("    supported:", start):text.index("    supported_with_caveat:", start)], "", 1))
    clear_caches()
    with pytest.raises(DataError, match="claim 'alibaba-52b-3yr' has no text for verdict 'supported'.*write one there"):
        verdict_of("alibaba-52b-3yr")


@pytest.mark.parametrize("observed, stated, words", [
    (15, 18, "three fewer than"), (17, 18, "one fewer than"), (18, 18, "the same as"), (19, 18, "one more than"), (30, 18, "12 more than"),
])
def test_counts_are_compared_in_words(observed, stated, words):
    assert relations.count_relation(observed, stated) == words


@pytest.mark.parametrize("ratio, words", [
    (0.97, "about the same as"), (1.03, "about the same as"), (1.2, "about 20% more than"), (1.4, "about one and a half times"),
    (1.6, "more than one and a half times"), (1.75, "nearly twice"), (1.9, "about twice"), (2.5, "about two and a half times"),
    (2.33, "more than twice"), (2.61, "about two and a half times"), (3.3, "more than three times"),
    (10, "about 10 times"), (24.3, "about 24 times"), (0.29, "under a third of"), (0.45, "under half of"), (0.79, "about four-fifths of"), (0.5, "about half of"),
    (0.12, "about a tenth of"), (0.13, "just over a tenth of"), (0.06, "less than a tenth of"), (0.03, "less than a twentieth of"),
])
def test_amounts_are_compared_as_a_reader_says_it(ratio, words):
    assert relations.ratio_relation(ratio * 100, 100) == words


def test_shares_points_and_pairs_read_as_the_rules_say():
    assert relations.points_relation(59, 65) == "six points below" and relations.points_relation(64, 65) == "one point below"
    assert relations.points_relation(65, 65) == "matching" and relations.points_relation(8, 12, upper_bound=True) == "at least four points below"
    assert relations.pair_relation([26, 28], [26, 28]) == "matching" and relations.pair_relation([25, 28], [26, 28]) == "within a point of"
    assert relations.pair_relation([17, 13, 4], [18, 14, 4], counts=True) == "within one of"
    assert relations.fraction_words(47) == "just under half" and relations.fraction_words(26) == "about a quarter"
    assert relations.fraction_words(8, upper_bound=True) == "at most a tenth" and relations.fraction_words(34) == "about a third"
    assert relations.times_relation(47, 18) == "about two and a half times as many" and relations.times_relation(26, 28) == "fewer"
    assert relations.times_relation(28, 12) == "more than twice as many"


@pytest.mark.parametrize("pct, words", [
    (29, "under a third"), (31, "just under a third"), (25.5, "about a quarter"), (28, "just over a quarter"),
    (45, "under half"), (15, "under a fifth"), (70, "more than two-thirds"), (5, "less than a tenth"), (95, "more than nine-tenths"),
])
def test_a_share_is_said_as_the_fraction_nearest_it_in_proportion(pct, words):
    """29% is not "just over a quarter": four points off is not "just", and it lies nearer a third in proportion."""
    assert relations.fraction_words(pct) == words


def test_a_notebooks_conclusion_counts_its_verdicts_in_plain_words(data_copy):
    rows = [v.as_row() for v in readings.verdict_function("02_work_location.ipynb")(parameters.defaults("02_work_location.ipynb"))]
    assert findings.conclusion(rows) == "All four claims judged here are supported with a caveat."
    set_cell(data_copy / "tracker/work_country.csv", {"year": 2022, "cohort": "top_tier", "country": "China"}, "share_pct", "9")
    rows = [v.as_row() for v in readings.verdict_function("02_work_location.ipynb")(parameters.defaults("02_work_location.ipynb"))]
    assert findings.conclusion(rows) == "Of the four claims judged here, three are supported with a caveat and one is not supported."
    assert findings.conclusion(rows[:1]) == "The one claim judged here is not supported."
    assert findings.conclusion(rows[:2]) == "Of the two claims judged here, one is supported with a caveat and one is not supported."


def test_the_method_states_the_one_sampling_rule_once_with_its_threshold():
    said = texts.method("sampling_rule", {"sample_2019": "675 researchers", "sample_2022": "186 papers with 867 authors",
                                          "draws": "1,000", "settle_pct": "95%"})
    assert "at least 95% of those samples give the same result" in said and "whether the full count bears the article out or not" in said
    assert "over papers for 2022" in said and "{" not in said


def test_a_reading_without_its_text_is_left_off_the_card_and_named_not_a_crash(monkeypatch):
    notebook = "01_researcher_origin.ipynb"
    real = readings.verdict_function(notebook)

    def judged(params):
        if params.get("cohort") == "most_elite":
            raise DataError("data/claim_texts.yaml: claim 'x' has no text for verdict 'supported' (a test)")
        return real(params)
    monkeypatch.setattr(readings, "verdict_function", lambda nb: judged)
    monkeypatch.setattr(readings, "SKIPPED", [])
    found = readings.readings(notebook, parameters.defaults(notebook))
    assert found and not any(r["value"] == "most_elite" for rows in found.values() for r in rows)
    assert readings.SKIPPED and readings.SKIPPED[0].startswith("cohort=most_elite in 01_researcher_origin.ipynb: ")
    with pytest.raises(DataError, match="a test"):
        readings.readings(notebook, parameters.defaults(notebook), strict=True)
