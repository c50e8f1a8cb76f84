"""xAI and money claims: moving an assumption across its threshold changes the verdict."""
import pandas as pd
import pytest

from conftest import set_cell
from talentcheck import claims, data, money, paths, people

MONEY = {"vintage": "article", "first_year": 2014, "decade_end": 2023, "rate_type": "annual_average", "alibaba_rate": "FED"}
PEOPLE = {"count_musk": True, "foundation": "undergraduate", "groups": "both"}


def test_huawei_decade_in_dollars_depends_on_window_and_rate_but_clears_100bn():
    rd = data.load("money/huawei_rd")
    end = money.to_usd(money.window(rd, 2024), "rd_cny_bn", "year_end")
    average = money.to_usd(money.window(rd, 2024), "rd_cny_bn", "annual_average")
    assert end["usd_bn"].sum() == pytest.approx(182.9, abs=0.1)
    assert average["usd_bn"].sum() != end["usd_bn"].sum()
    verdict = claims.judge("huawei-100b-decade", MONEY, observed={"ten-year R&D": end["usd_bn"].sum()})
    # the "significant portion dedicated to AI" half of the sentence is named as what no source gives
    assert verdict.verdict == "supported_with_caveat" and "share of Huawei's R&D spent on AI" in verdict.reason


def test_huawei_verdict_turns_when_the_data_shrinks(data_copy):
    for year in range(2015, 2025):
        set_cell(data_copy / "money/huawei_rd.csv", {"year": year}, "rd_cny_bn", "50")
    rd = data.load("money/huawei_rd")
    total = money.to_usd(money.window(rd, 2024), "rd_cny_bn", "year_end")["usd_bn"].sum()
    assert claims.judge("huawei-100b-decade", MONEY, observed={"ten-year R&D": total}).verdict == "not_supported"


def test_a_window_outside_the_data_is_a_parameter_error():
    with pytest.raises(claims.ParameterError, match=r"no figure for year\(s\) \[2025\]"):
        money.window(data.load("money/huawei_rd"), 2025)


def test_alibaba_at_the_market_rate_and_at_the_parity():
    market, parity = (380 / money.daily_rate("2025-02-24", s) for s in ("FED", "PBOC"))
    assert market == pytest.approx(52.43, abs=0.01) and parity == pytest.approx(52.99, abs=0.01)
    assert claims.judge("alibaba-52b-3yr", MONEY, observed={"CNY 380bn in USD": market}).verdict == "supported"
    assert claims.judge("alibaba-52b-3yr", MONEY, observed={"CNY 380bn in USD": parity}).verdict == "supported_with_caveat"
    with pytest.raises(claims.ParameterError, match="no IRS rate for 2025-02-24"):
        money.daily_rate("2025-02-24", "IRS")


def test_the_fx_source_parameter_picks_the_series():
    fed, pboc = (money.rates("year_end", s).set_index("year").at[2024, "cny_per_usd"] for s in ("FED", "PBOC"))
    assert (fed, pboc) == (7.2993, 7.1884)


def test_five_of_twelve_founders_and_five_of_eleven_without_musk():
    assert people.chinese_descent_count(people.founders(True)) == {"of Chinese descent": 5, "founding members": 12}
    eleven = people.chinese_descent_count(people.founders(False))
    assert claims.judge("xai-founders-5-of-12", PEOPLE, observed=eleven).verdict == "supported_with_caveat"


def test_education_words_must_all_appear():
    founders = people.founders(True)
    assert people.education_matches(founders, {"Zihang Dai": ["Tsinghua", "Carnegie Mellon"]}) == {"Zihang Dai": "yes"}
    assert people.education_matches(founders, {"Zihang Dai": ["Peking"]}) == {"Zihang Dai": "no"}


def test_foundation_keeps_unknowns_unknown_and_follows_its_reading():
    sora = data.load("xai/sora_authors")
    assert people.foundation(sora, "undergraduate").value_counts().to_dict() == {"unknown": 2, "China": 1}
    assert people.foundation(sora, "school").value_counts().to_dict() == {"China": 2, "unknown": 1}
    xai = people.foundation(people.founders(True), "undergraduate")
    assert xai.to_dict() == {"Yuhuai (Tony) Wu": "elsewhere", "Jimmy Ba": "elsewhere", "Greg Yang": "elsewhere",
                             "Guodong Zhang": "China", "Zihang Dai": "China"}
    # schooling in China, where the cited sources give it, counts under the "school" reading only
    school = people.foundation(people.founders(True), "school")
    assert school.to_dict() == {"Yuhuai (Tony) Wu": "China", "Jimmy Ba": "unknown", "Greg Yang": "China",
                                "Guodong Zhang": "China", "Zihang Dai": "China"}


def test_the_foundation_reading_flips_the_verdict_and_the_reason_says_so():
    def verdict(basis):
        trained = people.foundations("both", basis)
        other = "school" if basis == "undergraduate" else "undergraduate"
        return claims.judge("chinese-educated-foundation", {**PEOPLE, "foundation": basis},
                            observed=people.share_trained_in_china(trained),
                            alternatives=[({"foundation": other}, people.share_trained_in_china(people.foundations("both", other)))])
    undergraduate, school = verdict("undergraduate"), verdict("school")
    assert (undergraduate.verdict, school.verdict) == ("not_supported", "supported_with_caveat")
    assert "With any schooling (primary school to degree) instead, it holds" in undergraduate.reason
    assert "With an undergraduate degree instead, it does not hold" in school.reason


def test_one_schooling_row_decides_the_school_reading(data_copy):
    assert people.share_trained_in_china(people.foundations("both", "school")) == {"trained in China": 100.0}
    set_cell(data_copy / "xai/founders.csv", {"name": "Greg Yang"}, "school_country", "United States")
    share = people.share_trained_in_china(people.foundations("both", "school"))
    assert share == {"trained in China": 83.3}
    verdict = claims.judge("chinese-educated-foundation", {**PEOPLE, "foundation": "school"}, observed=share)
    assert verdict.verdict == "not_supported"


def test_a_descent_resting_on_sources_after_the_article_is_named(data_copy):
    assert people.named_after_article(people.founders(True)) == ["Jimmy Ba", "Greg Yang"]
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "descent_source_date", "2024-05")
    assert people.named_after_article(people.founders(True)) == ["Greg Yang"]


def test_sources_count_the_chinese_founders_differently():
    counts = data.load("xai/descent_counts").set_index("source_name")["chinese_founders"].to_dict()
    assert counts == {"ZAKER": 5, "ITHOME": 4}


def test_quotations_carry_the_figure_they_support():
    for table in ("xai/founders", "xai/sora_authors"):
        people_rows = data.load(table)
        assert people_rows[people_rows["chinese_descent"] == "yes"]["source_quote"].notna().all(), table


def test_a_founder_whose_undergraduate_country_changes_moves_the_share(data_copy):
    for name in ["Yuhuai (Tony) Wu", "Jimmy Ba", "Greg Yang"]:
        set_cell(data_copy / "xai/founders.csv", {"name": name}, "undergrad_country", "China")
    trained = people.foundation(people.founders(True), "undergraduate")
    share = 100 * (trained == "China").mean()
    assert claims.judge("chinese-educated-foundation", PEOPLE, observed={"trained in China": share}).verdict == "supported_with_caveat"


def test_the_vintage_judges_on_what_was_published_by_the_article(data_copy):
    rd = data.load("money/huawei_rd")
    assert (money.decade_end(rd, "article"), money.decade_end(rd, "latest")) == (2023, 2024)
    companies = data.load("money/company_rd")
    assert "Tencent" not in set(money.latest_yearly(companies, "article")["company"])  # its 2024 report came in March 2025
    assert set(money.latest_yearly(companies, "latest")["company"]) == {"Alibaba", "BYD", "ByteDance", "Huawei", "Tencent"}
    set_cell(data_copy / "money/huawei_rd.csv", {"year": 2024}, "date_published", "2025-01-15")
    assert money.decade_end(data.load("money/huawei_rd"), "article") == 2024
    with pytest.raises(claims.ParameterError, match="vintage='today' must be one of"):
        money.published_by(rd, "today")


def test_alibaba_rd_is_labelled_by_its_fiscal_year():
    alibaba = money.latest_yearly(data.load("money/company_rd"), "article").set_index("company").loc["Alibaba"]
    assert (alibaba["year"], alibaba["period"], alibaba["fx_year"]) == ("FY2022", "fiscal year to 31 March", 2021)


def test_a_row_has_the_standing_of_the_url_it_cites():
    """Where the sources registry lists a row's (single) URL, the row's standing is the registry's."""
    registry = paths.ROOT / "data" / "sources.csv"
    standing = pd.read_csv(registry).set_index("url")["standing"].to_dict()
    checked = 0
    for table in ["compute/energy_inputs", "compute/gpt4_cost_estimates", "xai/descent_counts", "tracker/samples"]:
        for row in data.load(table).itertuples():
            if row.source_url in standing:
                assert row.source_standing == standing[row.source_url], (table, row.source_url)
                checked += 1
    assert checked >= 5
    ai_index = data.load("compute/gpt4_cost_estimates").set_index("source_name").loc["AI-INDEX"]
    assert "oodaloop" in ai_index["source_url"] and ai_index["source_standing"] == "secondary"  # a third-party copy


def test_one_row_moves_the_caveats_of_the_founders_count(data_copy):
    def reason():
        everyone = people.founders(True)
        count = people.chinese_descent_count(everyone)
        caveats = people.descent_caveats(everyone, data.load("xai/descent_counts"), count["of Chinese descent"])
        return claims.judge("xai-founders-5-of-12", PEOPLE, observed=count, caveats=caveats)
    before = reason()
    assert before.verdict == "supported_with_caveat"
    assert "the sources that state the Chinese descent of Jimmy Ba and Greg Yang are dated after the article" in before.reason
    assert "ITHOME (2023-07) counts 4 Chinese founders of 12" in before.reason
    set_cell(data_copy / "xai/founders.csv", {"name": "Jimmy Ba"}, "chinese_descent", "no")  # as IT之家 and cnyes count
    after = reason()
    assert after.observed == "of Chinese descent 4, founding members 12" and "off by 1" in after.reason
    assert "Jimmy Ba" not in after.reason and "ITHOME" not in after.reason and "ZAKER (2026-02) counts 5" in after.reason

