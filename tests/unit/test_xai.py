"""xAI's founders, Grok-3's presenters and the Sora authors (notebook 06): moving one data row or one
parameter moves the observation, the caveat sentence or the verdict."""
import matplotlib

matplotlib.use("Agg")

from helpers import set_cell  # noqa: E402
from talentcheck import claims, data, plotting  # noqa: E402
from talentcheck.data import sources  # noqa: E402
from talentcheck.topics import xai

PEOPLE = {"count_musk": True, "foundation": "undergraduate", "groups": "both"}


def by_claim(params: dict) -> dict:
    return {v.claim_id: v for v in xai.verdicts(params)}


def test_the_notebook_records_its_four_claims_in_order():
    assert [v.claim_id for v in xai.verdicts(PEOPLE)] == [
        "grok3-presenters-chinese-descent", "xai-founders-5-of-12", "xai-founders-education", "chinese-educated-foundation"]
    assert {v.notebook for v in xai.verdicts(PEOPLE)} == {"06_xai_founders.ipynb"}


def test_five_of_twelve_founders_and_five_of_eleven_without_musk():
    assert xai.chinese_descent_count(xai.founders(True)) == {"founders of Chinese descent": 5, "founding members": 12}
    eleven = xai.chinese_descent_count(xai.founders(False))
    assert claims.decide("xai-founders-5-of-12", PEOPLE, observed=eleven)["verdict"] == "supported_with_caveat"


def test_count_musk_moves_the_founders_count_finding():
    with_musk, without = by_claim(PEOPLE)["xai-founders-5-of-12"], by_claim({**PEOPLE, "count_musk": False})["xai-founders-5-of-12"]
    assert with_musk.observed == "founders of Chinese descent 5, founding members 12"
    # Musk is counted among the twelve, never named beside the count of Chinese descent as if one of the five
    assert with_musk.finding.startswith("Of the twelve founders xAI listed in July 2023 (Elon Musk included), five are of Chinese descent")
    assert without.observed == "founders of Chinese descent 5, founding members 11"
    assert "eleven founders xAI listed beside Elon Musk" in without.finding and "its 12 counts Musk too" in without.finding


def test_the_count_with_and_without_musk_follows_the_data(data_copy):
    table = xai.count_with_and_without_musk(PEOPLE)
    assert table.to_dict("list") == {"count_musk": [True, False], "founders of Chinese descent": [5, 5], "founding members": [12, 11],
                                     "verdict": ["supported", "supported_with_caveat"]}
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "chinese_descent", "no")
    table = xai.count_with_and_without_musk(PEOPLE)
    assert list(table["founders of Chinese descent"]) == [4, 4] and table["verdict"][0] == "supported_with_caveat"  # off by 1
    set_cell(data_copy / "xai/founders.csv", {"name": "Greg Yang"}, "chinese_descent", "no")
    assert list(xai.count_with_and_without_musk(PEOPLE)["verdict"]) == ["not_supported", "not_supported"]


def test_one_row_moves_the_founders_count_and_its_why(data_copy):
    before = xai.founders_count_verdict(PEOPLE)
    assert before.verdict == "supported_with_caveat"
    assert "The sources calling Jimmy Ba and Greg Yang Chinese date from after the article" in before.reason
    assert "IT Home counted four in July 2023" in before.reason
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "chinese_descent", "no")  # as IT之家 and cnyes count
    after = xai.founders_count_verdict(PEOPLE)
    assert after.observed == "founders of Chinese descent 4, founding members 12" and "Of the twelve founders xAI listed in July 2023 (Elon Musk included), four are" in after.finding
    assert "Jimmy Ba" not in after.reason and "IT Home" not in after.reason and "ZAKER counted five in February 2026" in after.reason


def test_sources_count_the_chinese_founders_differently():
    counts = xai.descent_counts().set_index("source_name")["chinese_founders"].to_dict()
    assert counts == {"ZAKER": 5, "ITHOME": 4}


def test_a_descent_resting_on_sources_after_the_article_is_named(data_copy):
    assert xai.named_after_article(xai.founders(True)) == ["Jimmy Ba", "Greg Yang"]
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "descent_source_date", "2024-05")
    assert xai.named_after_article(xai.founders(True)) == ["Greg Yang"]


def test_the_presenters_caveat_names_only_presenters_and_follows_the_dates(data_copy):
    before = xai.presenters_verdict(PEOPLE)
    assert before.observed == "presenters of Chinese descent 2" and before.verdict == "supported_with_caveat"
    assert "The sources found that call Jimmy Ba of Chinese descent date from July 2025, after the article" in before.reason
    assert "Greg Yang" not in before.reason  # dated after the article too, but not on stage
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "descent_source_date", "2024-05")
    assert xai.presenters_verdict(PEOPLE).verdict == "supported"


def test_a_presenter_of_other_descent_fails_the_presenters_claim(data_copy):
    set_cell(data_copy / "xai/grok3_presenters.csv", {"presenter": "Jimmy Ba"}, "chinese_descent", "no")
    verdict = xai.presenters_verdict(PEOPLE)
    assert verdict.observed == "presenters of Chinese descent 1" and verdict.verdict == "not_supported"


def test_education_words_must_all_appear():
    founders = xai.founders(True)
    assert xai.education_matches(founders, {"Zihang Dai": ["Tsinghua", "Carnegie Mellon"]}) == {"Zihang Dai": "yes"}
    assert xai.education_matches(founders, {"Zihang Dai": ["Peking"]}) == {"Zihang Dai": "no"}


def test_a_record_without_an_institution_fails_the_education_claim(data_copy):
    assert xai.education_verdict(PEOPLE).observed == "Greg Yang yes, Guodong Zhang yes, Zihang Dai yes"
    set_cell(data_copy / "xai/founders.csv", {"name": "Zihang Dai"}, "undergrad_institution", "Peking University")
    verdict = xai.education_verdict(PEOPLE)
    assert verdict.observed == "Greg Yang yes, Guodong Zhang yes, Zihang Dai no" and verdict.verdict == "not_supported"


def test_the_education_caveat_names_the_sources_and_dates_not_a_confidence_label(data_copy):
    verdict = xai.education_verdict(PEOPLE)
    assert "two first degrees rest on one press report alone" in verdict.finding and "confidence" not in verdict.finding
    assert ("Guodong Zhang's and Zihang Dai's first degrees rest only on Chinese press reports (Guancha (observersnews.com), "
            "21 February 2025)") in verdict.reason
    assert ("The only source found for Greg Yang's origin in Hunan, NetEase (163.com), 21 January 2026, dates from after "
            "the article.") in verdict.reason
    set_cell(data_copy / "xai/founders.csv", {"name": "Guodong Zhang"}, "confidence", "low")
    named = xai.education_named(xai.founders(True))
    assert xai.confidence_caveats(named) == ["Guodong Zhang, Zihang Dai: sources of low/medium confidence only"]
    for name in ("Guodong Zhang", "Zihang Dai"):
        set_cell(data_copy / "xai/founders.csv", {"name": name}, "confidence", "high")
    verdict = xai.education_verdict(PEOPLE)  # the late source on Greg Yang's origin is the caveat left
    assert verdict.verdict == "supported_with_caveat" and "Guancha" not in verdict.reason and "NetEase" in verdict.reason
    set_cell(data_copy / "xai/founders.csv", {"name": "Greg Yang"}, "descent_source_date", "2024-05")
    assert xai.education_verdict(PEOPLE).verdict == "supported"


def test_a_card_on_descent_or_education_rests_on_the_sources_of_that_and_not_on_departure_stories(data_copy):
    departures = {"https://www.agent-wars.com/news/2026-03-14-elon-musk-pushes-out-more-xai-founders-as-ai-coding-effort-falters",
                  "https://chinadailybrief.com/article/69b381bc4b92c42160696bf4", "https://www.am730.com.hk/%E8%B2%A1%E7%B6%93/1010803/",
                  "https://sqmagazine.co.uk/babuschkin-leaves-xai-launches-ai-safety-vc"}
    for verdict in xai.verdicts(PEOPLE):
        assert not departures & set(verdict.sources), verdict.claim_id
    count = xai.founders_count_verdict(PEOPLE).sources
    assert "https://observersnews.com/internation/2025_02_21_765866.shtml" in count and "https://www.ithome.com/0/705/721.htm" in count
    # a source moved from one person's descent to another's follows the row: the card lists what its rows give
    set_cell(data_copy / "xai/founders.csv", {"name": "Zihang Dai"}, "descent_source_url",
             "https://www.cs.cmu.edu/calendar/fri-2020-08-07-1230/language-technologies-phd-thesis-defense-rescheduled")
    set_cell(data_copy / "xai/founders.csv", {"name": "Guodong Zhang"}, "chinese_descent", "no")
    count = xai.founders_count_verdict(PEOPLE).sources
    assert "https://observersnews.com/internation/2025_02_21_765866.shtml" not in count
    assert "https://www.cs.cmu.edu/calendar/fri-2020-08-07-1230/language-technologies-phd-thesis-defense-rescheduled" in count


def test_the_descent_and_education_sources_are_among_the_rows_sources():
    for row in data.load("xai/founders").itertuples():
        cited = set(sources.split(row.source_url))
        for cell in (row.descent_source_url, row.education_source_url):
            assert set(sources.split(cell if isinstance(cell, str) else "")) <= cited, row.name


def test_a_claim_about_all_of_a_group_is_unverifiable_while_fewer_than_half_are_known(data_copy):
    sora = xai.foundation_verdict({**PEOPLE, "groups": "sora"})  # one of three with a known first degree
    assert sora.verdict == "unverifiable" and sora.observed == "trained in China 100"
    assert "The first degree of only one of the three researchers of Chinese descent on the Sora team is known" in sora.finding
    assert xai.foundation_verdict({**PEOPLE, "groups": "sora", "foundation": "school"}).verdict == "supported_with_caveat"  # two of three
    set_cell(data_copy / "xai/sora_authors.csv", {"name": "Ricky Wang"}, "undergrad_country", "China")  # two of three known now
    assert xai.foundation_verdict({**PEOPLE, "groups": "sora"}).verdict == "supported_with_caveat"


def test_foundation_keeps_unknowns_unknown_and_follows_its_reading():
    sora = data.load("xai/sora_authors")
    assert xai.foundation_places_of(sora, "undergraduate").value_counts().to_dict() == {"unknown": 2, "China": 1}
    assert xai.foundation_places_of(sora, "school").value_counts().to_dict() == {"China": 2, "unknown": 1}
    founders = xai.foundation_places_of(xai.founders(True), "undergraduate")
    assert founders.to_dict() == {"Yuhuai (Tony) Wu": "elsewhere", "Jimmy Ba": "elsewhere", "Greg Yang": "elsewhere",
                             "Guodong Zhang": "China", "Zihang Dai": "China"}
    # schooling in China, where the cited sources give it, counts under the "school" reading only
    school = xai.foundation_places_of(xai.founders(True), "school")
    assert school.to_dict() == {"Yuhuai (Tony) Wu": "China", "Jimmy Ba": "unknown", "Greg Yang": "China",
                                "Guodong Zhang": "China", "Zihang Dai": "China"}


def test_the_foundation_reading_flips_the_verdict_and_both_counts_are_said():
    undergraduate = xai.foundation_verdict(PEOPLE)
    school = xai.foundation_verdict({**PEOPLE, "foundation": "school"})
    assert (undergraduate.verdict, school.verdict) == ("not_supported", "supported_with_caveat")
    assert ("Three of the six researchers of Chinese descent at xAI and on the Sora team whose first degree is known took it "
            "in China; counting any schooling, six of six") in undergraduate.finding
    assert "by first degree alone, three of six did" in school.finding


def test_the_groups_parameter_moves_the_foundation_verdict():
    assert xai.foundation_verdict({**PEOPLE, "groups": "xai"}).observed == "trained in China 40"
    sora = xai.foundation_verdict({**PEOPLE, "groups": "sora"})
    assert sora.observed == "trained in China 100" and sora.verdict == "unverifiable"


def test_one_schooling_row_decides_the_school_reading(data_copy):
    assert xai.share_trained_in_china(xai.foundation_places("both", "school")) == {"trained in China": 100.0}
    set_cell(data_copy / "xai/founders.csv", {"name": "Greg Yang"}, "school_country", "United States")
    share = xai.share_trained_in_china(xai.foundation_places("both", "school"))
    assert share == {"trained in China": 83.3}
    assert xai.foundation_verdict({**PEOPLE, "foundation": "school"}).verdict == "not_supported"


def test_a_founder_whose_undergraduate_country_changes_moves_the_share(data_copy):
    for name in ["Yuhuai (Tony) Wu", "Jimmy Ba", "Greg Yang"]:
        set_cell(data_copy / "xai/founders.csv", {"name": name}, "undergrad_country", "China")
    assert xai.foundation_verdict({**PEOPLE, "groups": "xai"}).verdict == "supported_with_caveat"


def test_who_counts_moves_a_person_with_their_record(data_copy):
    before = xai.who_counts_caveat(xai.foundation_places("xai", "undergraduate"))
    assert before == ("who counts under this reading (China: Guodong Zhang, Zihang Dai; "
                      "elsewhere: Yuhuai (Tony) Wu, Jimmy Ba, Greg Yang; unknown: nobody)")
    set_cell(data_copy / "xai/founders.csv", {"name": "Greg Yang"}, "undergrad_country", "")
    after = xai.foundation_verdict({**PEOPLE, "groups": "xai"})
    assert "Yuhuai (Tony) Wu (Canada) and Jimmy Ba (Canada) studied elsewhere" in after.reason
    assert "The first degree of Greg Yang is unknown." in after.reason


def test_the_readings_table_counts_each_place_from_the_data(data_copy):
    table = xai.foundation_readings().set_index(["foundation", "groups"])
    assert table.loc[("undergraduate", "both")].to_dict() == {"China": 3, "elsewhere": 3, "unknown": 2}
    assert table.loc[("school", "sora")].to_dict() == {"China": 2, "elsewhere": 0, "unknown": 1}
    set_cell(data_copy / "xai/sora_authors.csv", {"name": "Ricky Wang"}, "undergrad_country", "Canada")
    table = xai.foundation_readings().set_index(["foundation", "groups"])
    assert table.loc[("undergraduate", "both")].to_dict() == {"China": 3, "elsewhere": 4, "unknown": 1}


def test_quotations_carry_the_figure_they_support():
    for table in ("xai/founders", "xai/sora_authors"):
        rows = data.load(table)
        assert rows[rows["chinese_descent"] == "yes"]["source_quote"].notna().all(), table


def test_the_evidence_sentence_counts_the_tables(data_copy):
    assert xai.evidence_sentence() == ("The tables hold the 12 people xAI listed at its launch (Elon Musk and 11 others), "
                                          "the 4 people on stage at Grok-3's launch, and the 13 authors of OpenAI's Sora report.")
    set_cell(data_copy / "xai/founders.csv", {"name": "Elon Musk"}, "role", "founding_member")
    assert "(Elon Musk" not in xai.evidence_sentence() and "(and 12 others)" not in xai.evidence_sentence()


def test_the_education_paths_leave_out_the_ceo_and_keep_unknowns_unknown(data_copy):
    paths = xai.education_paths(xai.founders(True))
    assert list(paths.columns) == ["name", "stage", "country"] and len(paths) == 3 * 11
    assert "Elon Musk" not in set(paths["name"])
    dai = paths[paths["name"] == "Zihang Dai"].set_index("stage")["country"].to_dict()
    assert dai == {"undergraduate": "China", "PhD": "United States", "xAI (2023)": "United States"}
    assert paths[paths["name"] == "Manuel Kroiss"]["country"].isna().sum() == 2  # nothing found: hollow dots
    assert xai.education_paths_title(paths) == ("xAI's founding members (without Musk): 2 of 11 took their first "
                                                   "degree in China (5 unknown)")
    firsts = paths[paths["stage"] == "undergraduate"].set_index("name")["country"]
    assert firsts.isna()["Christian Szegedy"] and firsts.isna()["Igor Babuschkin"]  # not confirmed / an MSc: unknown
    set_cell(data_copy / "xai/founders.csv", {"name": "Zihang Dai"}, "phd_country", "Canada")
    set_cell(data_copy / "xai/founders.csv", {"name": "Elon Musk"}, "role", "founding_member")
    paths = xai.education_paths(xai.founders(True))
    assert paths[(paths["name"] == "Zihang Dai") & (paths["stage"] == "PhD")]["country"].item() == "Canada"
    assert "Elon Musk" in set(paths["name"])
    assert xai.education_paths_title(paths) == "xAI's founding members: 2 of 12 took their first degree in China (6 unknown)"


def test_the_paths_chart_draws_one_row_per_person_under_its_title():
    paths = xai.education_paths(xai.founders(True))
    ax = plotting.xai.education_paths(paths, "a title").axes[0]
    assert [label.get_text() for label in ax.get_yticklabels()] == list(dict.fromkeys(paths["name"]))
    assert [label.get_text() for label in ax.get_xticklabels()] == ["undergraduate", "PhD", "xAI (2023)"]
    assert ax.get_title() == "a title" and len(ax.collections) == len(paths)  # one dot per (person, stage)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]  # every colour drawn, and the empty circle, explained
    assert legend == [*dict.fromkeys(paths["country"].dropna()), "no country found in the records (empty)"]


def test_the_foundation_texts_count_the_known_and_name_the_unknown_under_each_reading(data_copy):
    school = {"count_musk": True, "foundation": "school", "groups": "both"}
    verdict = xai.foundation_verdict(school)
    assert "whose schooling is known (six people)" in verdict.finding and "The schooling of Jimmy Ba and Yufei Guo is unknown." in verdict.reason
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "school_country", "Canada")  # known now, outside China
    verdict = xai.foundation_verdict(school)
    assert verdict.verdict == "not_supported" and "six of seven with known schooling" in verdict.finding
    assert "The schooling of Yufei Guo is unknown." in verdict.reason


def test_the_foundation_chart_draws_the_claims_own_people_and_follows_the_groups(data_copy):
    paths = xai.foundation_paths("both")
    assert list(dict.fromkeys(paths["name"])) == list(xai.foundation_places("both", "undergraduate").index)
    assert xai.foundation_paths_title("both", paths) == ("Researchers of Chinese descent at xAI and on the Sora team: 3 of 6 "
                                                         "with a known first degree took it in China (2 unknown)")
    sora = xai.foundation_paths("sora")
    assert set(sora["name"]) == {"Yufei Guo", "Li Jing", "Ricky Wang"}
    assert xai.foundation_paths_title("sora", sora).endswith("1 of 1 with a known first degree took it in China (2 unknown)")
    ax = plotting.xai.education_paths(sora, "t", label_last=True).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["first degree", "any schooling (first degree included)"]
    set_cell(data_copy / "xai/sora_authors.csv", {"name": "Ricky Wang"}, "undergrad_country", "Canada")
    assert xai.foundation_paths_title("sora", xai.foundation_paths("sora")).endswith("1 of 2 with a known first degree took it in China (1 unknown)")


def test_the_foundation_charts_schooling_column_counts_what_the_finding_counts(data_copy):
    def column(groups):
        paths = xai.foundation_paths(groups)
        return paths[paths["stage"] == xai.FOUNDATION_STAGES[1]].set_index("name")["country"]

    school = xai.foundation_places("both", "school")
    drawn = column("both")
    assert (drawn == "China").sum() == (school == "China").sum() and drawn.notna().sum() == (school != "unknown").sum()
    assert drawn["Zihang Dai"] == "China"  # no school on record, a first degree in China: schooling in China
    set_cell(data_copy / "xai/founders.csv", {"name": "Zihang Dai"}, "undergrad_country", "")
    assert column("both").isna()["Zihang Dai"]


def test_the_education_card_lists_the_sources_of_every_degree_its_chart_draws(data_copy):
    nordeen = "https://ipfs.everipedia.org/ipfs/QmRtMBFhXRhp5FdcQo4czzdwtNydFtkshkvK6RhjAm2jrN"
    drawn = set(xai.education_paths(xai.founders(True))["name"])
    assert "Ross Nordeen" in drawn and "Ross Nordeen" not in xai.education_expected()  # drawn, not named by the claim
    listed = set(xai.education_verdict(PEOPLE).sources)
    assert {nordeen, "https://hzdaily.hangzhou.com.cn/dskb/2025/02/27/article_detail_2_20250227C024.html",
            "https://aiwiki.ai/wiki/christian_szegedy/raw"} <= listed
    set_cell(data_copy / "xai/founders.csv", {"name": "Ross Nordeen"}, "education_source_url", "")  # no longer a source of his row
    assert nordeen not in xai.education_verdict(PEOPLE).sources
