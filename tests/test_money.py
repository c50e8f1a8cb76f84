"""Notebook 08's money claims: Huawei's decade, Alibaba's plan, the five companies and the universities."""
import pytest

from conftest import set_cell
from talentcheck import claims, data, money

MONEY = {"vintage": "article", "first_year": 2014, "decade_end": 2023, "rate_type": "annual_average", "alibaba_rate": "FED"}


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
