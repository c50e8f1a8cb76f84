"""Notebook 08's money claims: Huawei's decade, Alibaba's plan, the five companies and the universities.
Each test moves a data row or a parameter and watches the observation, sentence or verdict follow."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import set_cell  # noqa: E402
from talentcheck import claims, clear_caches, data, plotting  # noqa: E402
from talentcheck.topics import money

MONEY = {"vintage": "article", "first_year": 2014, "decade_end": 2023, "rate_type": "annual_average", "alibaba_rate": "FED"}
PARAMS = {"vintage": "article", "rate_type": "annual_average", "fx_source": "best_standing", "alibaba_rate": "FED",
          "reading": "tens_or_hundreds"}
RD = "money/huawei_rd.csv"
COMPANIES = "money/company_rd.csv"


def verdict_of(claim_id: str, params: dict = PARAMS):
    return next(v for v in money.verdicts(params) if v.claim_id == claim_id)


# --- conversions and windows ------------------------------------------------------------------------------
def test_huawei_decade_in_dollars_depends_on_window_and_rate_but_clears_100bn():
    rd = data.load("money/huawei_rd")
    end = money.to_usd(money.window(rd, 2024), "rd_cny_bn", "year_end")
    average = money.to_usd(money.window(rd, 2024), "rd_cny_bn", "annual_average")
    assert end["usd_bn"].sum() == pytest.approx(182.9, abs=0.1)
    assert average["usd_bn"].sum() != end["usd_bn"].sum()
    assert claims.decide("huawei-100b-decade", MONEY, observed={"ten-year R&D": end["usd_bn"].sum()})["verdict"] == "supported_with_caveat"
    # the "significant portion dedicated to AI" half of the sentence is named as what no source gives
    assert "no source says how much went to AI" in verdict_of("huawei-100b-decade").finding


def test_a_window_outside_the_data_is_a_parameter_error():
    with pytest.raises(claims.ParameterError, match=r"no figure for year\(s\) \[2025\]"):
        money.window(data.load("money/huawei_rd"), 2025)


def test_the_fx_source_parameter_picks_the_series():
    fed, pboc = (money.rates("year_end", s).set_index("year").at[2024, "cny_per_usd"] for s in ("FED", "PBOC"))
    assert (fed, pboc) == (7.2993, 7.1884)


def test_the_vintage_judges_on_what_was_published_by_the_article(data_copy):
    rd = data.load("money/huawei_rd")
    assert (money.decade_end(rd, "article"), money.decade_end(rd, "latest")) == (2023, 2024)
    companies = data.load("money/company_rd")
    assert "Tencent" not in set(money.latest_yearly(companies, "article")["company"])  # its 2024 report came in March 2025
    assert set(money.latest_yearly(companies, "latest")["company"]) == {"Alibaba", "BYD", "ByteDance", "Huawei", "Tencent"}
    set_cell(data_copy / RD, {"year": 2024}, "date_published", "2025-01-15")
    assert money.decade_end(data.load("money/huawei_rd"), "article") == 2024
    with pytest.raises(claims.ParameterError, match="vintage='today' must be one of"):
        money.published_by(rd, "today")


# --- Huawei -----------------------------------------------------------------------------------------------
def test_the_decade_is_the_ten_years_to_the_last_published_year(data_copy):
    assert money.decade_table(PARAMS)["year"].tolist() == list(range(2014, 2024))
    assert money.decade_table({**PARAMS, "vintage": "latest"})["year"].tolist() == list(range(2015, 2025))
    set_cell(data_copy / RD, {"year": 2024}, "date_published", "2025-01")  # published before the article
    assert money.decade_table(PARAMS)["year"].tolist() == list(range(2015, 2025))
    assert "R&D over 2015-2024" in verdict_of("huawei-100b-decade").finding


def test_huawei_verdict_turns_when_the_data_shrinks(data_copy):
    assert verdict_of("huawei-100b-decade").verdict == "supported_with_caveat"
    for year in range(2014, 2025):
        set_cell(data_copy / RD, {"year": year}, "rd_cny_bn", "50")
    verdict = verdict_of("huawei-100b-decade")
    assert (verdict.verdict, verdict.observed) == ("not_supported", "ten-year R&D 75.3")


def test_a_vintage_that_overturns_the_huawei_claim_turns_it_a_caveat_and_fails_under_it(data_copy):
    set_cell(data_copy / RD, {"year": 2014}, "rd_cny_bn", "1000")  # only in the article's decade
    for year in range(2015, 2024):
        set_cell(data_copy / RD, {"year": year}, "rd_cny_bn", "1")
    assert verdict_of("huawei-100b-decade").verdict == "supported_with_caveat"
    latest = verdict_of("huawei-100b-decade", {**PARAMS, "vintage": "latest"})
    assert latest.verdict == "not_supported" and "come to $26.3 billion, short of the article's" in latest.finding


def test_huaweis_stated_totals_sit_beside_the_sum_of_its_yearly_figures(data_copy):
    totals = money.stated_decade_totals().set_index("report_year")["sum_of_yearly_cny_bn"]
    assert totals[2023] == pytest.approx(1110.522) and totals.isna()[2018]  # 2009-2012 are not in the yearly table
    set_cell(data_copy / RD, {"year": 2014}, "rd_cny_bn", "50.845")
    assert money.stated_decade_totals().set_index("report_year").at[2023, "sum_of_yearly_cny_bn"] == pytest.approx(1120.522)


def test_the_windows_of_the_change_table_are_those_the_data_allows(data_copy):
    table = money.decade_changes(PARAMS)
    assert table["decade"].unique().tolist() == ["2013-2022", "2014-2023", "2015-2024"]
    assert set(table["rate_type"]) == set(money.RATE_TYPES) and set(table["verdict"]) == {"supported_with_caveat"}
    lines = (data_copy / RD).read_text(encoding="utf-8").splitlines(keepends=True)
    (data_copy / RD).write_text("".join(line for line in lines if not line.startswith("2013,")), encoding="utf-8")
    clear_caches()
    set_cell(data_copy / RD, {"year": 2024}, "rd_cny_bn", "1")
    table = money.decade_changes(PARAMS)
    assert table["decade"].unique().tolist() == ["2014-2023", "2015-2024"]
    assert table.set_index(["decade", "rate_type"]).at[("2015-2024", "year_end"), "verdict"] == "supported_with_caveat"
    assert table["usd_bn"].tolist()[2] == pytest.approx(158.4, abs=0.1)


def test_the_chart_marks_the_decade_and_follows_the_rate(data_copy):
    years = money.huawei_by_year(PARAMS)
    assert years[years["in_window"]]["year"].tolist() == list(range(2014, 2024))
    assert years["year"].tolist() == list(range(2013, 2025))  # every year is drawn, the window in red
    latest = money.huawei_by_year({**PARAMS, "vintage": "latest", "rate_type": "year_end"})
    assert latest[latest["in_window"]]["year"].tolist() == list(range(2015, 2025))
    assert latest["usd_bn"].tolist() != years["usd_bn"].tolist()
    set_cell(data_copy / RD, {"year": 2013}, "rd_cny_bn", "0")
    assert money.huawei_by_year(PARAMS).set_index("year").at[2013, "usd_bn"] == 0
    ax = plotting.money.huawei_rd(years, "annual_average")
    assert ax.get_title().endswith("2014-2023 sum to 165") and len(ax.patches) == len(years)
    plt.close("all")


# --- Alibaba ----------------------------------------------------------------------------------------------
def test_alibaba_at_the_market_rate_and_at_the_parity():
    market, parity = (380 / money.daily_rate("2025-02-24", s) for s in ("FED", "PBOC"))
    assert market == pytest.approx(52.43, abs=0.01) and parity == pytest.approx(52.99, abs=0.01)
    assert claims.decide("alibaba-52b-3yr", MONEY, observed={"CNY 380bn in USD": market})["verdict"] == "supported"
    assert claims.decide("alibaba-52b-3yr", MONEY, observed={"CNY 380bn in USD": parity})["verdict"] == "supported_with_caveat"
    assert "$53.0 billion at the announcement day's official rate, about $1 billion more than the article's $52 billion" in \
        verdict_of("alibaba-52b-3yr", {**PARAMS, "alibaba_rate": "PBOC"}).finding
    with pytest.raises(claims.ParameterError, match="no IRS rate for 2025-02-24"):
        money.daily_rate("2025-02-24", "IRS")


def test_the_alibaba_rate_parameter_and_the_plan_row_decide_the_verdict(data_copy):
    assert money.plan_in_usd() == {"FED": 52.43, "PBOC": 52.99}
    assert verdict_of("alibaba-52b-3yr").verdict == "supported"
    parity = verdict_of("alibaba-52b-3yr", {**PARAMS, "alibaba_rate": "PBOC"})
    assert (parity.verdict, parity.observed) == ("supported_with_caveat", "CNY 380bn in USD 52.99")
    assert money.plan_changes(PARAMS)["verdict"].tolist() == ["supported", "supported_with_caveat"]
    set_cell(data_copy / "money/alibaba_capex.csv", {"item": money.PLAN}, "value", "300")
    assert money.plan_in_usd()["FED"] == pytest.approx(41.39, abs=0.01)
    assert verdict_of("alibaba-52b-3yr").verdict == "not_supported"
    assert money.plan_changes(PARAMS)["verdict"].tolist() == ["not_supported", "not_supported"]


# --- the five companies -----------------------------------------------------------------------------------
def test_alibaba_rd_is_labelled_by_its_fiscal_year(data_copy):
    alibaba = money.latest_yearly(data.load("money/company_rd"), "article").set_index("company").loc["Alibaba"]
    assert (alibaba["year"], alibaba["period"], alibaba["fx_year"]) == (2022, "fiscal year to 31 March", 2021)
    assert "Alibaba FY2022" in money.spending_table(PARAMS)["figure"].tolist()
    set_cell(data_copy / COMPANIES, {"company": "Alibaba"}, "period", "calendar year")
    assert "Alibaba 2022" in money.spending_table(PARAMS)["figure"].tolist()


def test_each_companys_figure_is_said_with_its_year_and_kind_and_the_missing_company_named(data_copy):
    reason = verdict_of("chinese-companies-billions").reason
    assert ("Huawei spent $23.3 billion on R&D in 2023, Alibaba $8.6 billion on product development in its fiscal year to "
            "March 2022, ByteDance an estimated $11.1 billion on AI equipment and data centres in 2024, and BYD $5.6 billion "
            "on R&D in 2023") in reason
    assert "No yearly figure for Tencent from before the article was found; its 2018-2023 total was 269.7 billion yuan." in reason
    assert "$2 billion, the least" in verdict_of("chinese-companies-billions").finding  # "billions" names no period
    latest = verdict_of("chinese-companies-billions", {**PARAMS, "vintage": "latest"})
    assert "Tencent $9.8 billion on R&D in 2024" in latest.reason and "No yearly figure" not in latest.reason
    assert "all five companies" in latest.finding
    set_cell(data_copy / COMPANIES, {"company": "Alibaba"}, "period", "calendar year")
    set_cell(data_copy / COMPANIES, {"company": "Alibaba"}, "year", "2024")
    same_year = verdict_of("chinese-companies-billions", {**PARAMS, "vintage": "latest"}).reason
    assert "fiscal year" not in same_year and "Alibaba $8.6 billion on product development in 2024" in same_year



def test_a_company_without_a_yearly_figure_is_said_with_its_multi_year_total_from_the_data(data_copy):
    set_cell(data_copy / COMPANIES, {"company": "Tencent", "period": "cumulative"}, "value_cny_bn", "300")
    reason = verdict_of("chinese-companies-billions").reason
    assert "Tencent from before the article was found; its 2018-2023 total was 300.0 billion yuan." in reason
    assert "https://www.laitimes.com/en/article/6gkqu_6wx1n.html" in verdict_of("chinese-companies-billions").sources
    set_cell(data_copy / COMPANIES, {"company": "Tencent", "period": "cumulative"}, "date_published", "2025-06")
    reason = verdict_of("chinese-companies-billions").reason  # published after the article: not what it could rest on
    assert "No yearly figure for Tencent from before the article was found." in reason and "total was" not in reason


def test_the_companies_verdict_adds_their_figures_in_dollars(data_copy):
    latest, missing = money.spending("article")
    assert latest["usd_bn"].sum() == pytest.approx(48.6, abs=0.1) and missing == ["Tencent"]
    assert verdict_of("chinese-companies-billions").verdict == "supported_with_caveat"
    for company in ("Huawei", "Alibaba", "Tencent", "ByteDance", "BYD"):
        set_cell(data_copy / COMPANIES, {"company": company}, "value_cny_bn", "1")
    verdict = verdict_of("chinese-companies-billions")
    assert (verdict.verdict, verdict.observed) == ("not_supported", "yearly spending of the companies found 0.6")


# --- the universities -------------------------------------------------------------------------------------
def test_hundreds_overstates_only_while_no_budget_reaches_a_hundred_billion(data_copy):
    verdict = verdict_of("university-budgets")
    assert 'tens of billions of yuan, as the article\'s "tens" says, while "hundreds" overstates them' in verdict.finding
    assert "even its floor of 100 billion yuan is about two and a half times the largest budget" in verdict.reason
    set_cell(data_copy / "money/university_budgets.csv", {"year": 2023, "university": "Tsinghua University"},
             "budget_cny_bn", "150")
    verdict = verdict_of("university-budgets")
    assert "overstates" not in verdict.finding and "150.0 billion yuan (Tsinghua, 2023)" in verdict.finding
    assert "tens to hundreds of billions of yuan, as the article says" in verdict.finding
    assert verdict_of("university-budgets", {**PARAMS, "reading": "tens"}).verdict == "not_supported"  # the tens reading now fails
    assert money.budgets_table().at[2023, "Tsinghua University"] == 150


def test_the_latest_budgets_are_said_to_come_after_the_article_under_the_latest_vintage(data_copy):
    assert "the latest before the article, for 2024, were 38.6 billion yuan and 24.3 billion yuan" in verdict_of("university-budgets").reason
    latest = verdict_of("university-budgets", {**PARAMS, "vintage": "latest"}).reason
    assert "the latest, for 2025 (published after the article), were 39.9 billion yuan and 25.9 billion yuan" in latest
    assert money.budget_years("article")["year"].max() == 2024 and money.budget_years("latest")["year"].max() == 2025
    ax = plotting.money.budgets_chart(money.budget_years("article"), money.budget_readings()).axes[0]
    assert max(max(line.get_xdata()) for line in ax.get_lines()) == 2024  # the chart draws the years the reading allows
    plt.close("all")


def test_the_reading_moves_the_university_verdict():
    assert verdict_of("university-budgets").verdict == "supported_with_caveat"
    assert verdict_of("university-budgets", {**PARAMS, "reading": "hundreds"}).verdict == "not_supported"


def test_the_charts_bands_are_the_readings_in_claims_yaml(data_copy):
    assert money.budget_readings()["tens"] == [10, 100]
    path = data_copy / "claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tens: [10, 100]", "tens: [10, 50]"), encoding="utf-8")
    claims.registry.cache_clear()
    readings = money.budget_readings()
    assert readings["tens"] == [10, 50]
    ax = plotting.money.university_budgets(data.load("money/university_budgets"), readings)
    assert ax.get_legend_handles_labels()[1] == ["Peking University", "Tsinghua University", "tens of billions",
                                                 "hundreds of billions"]
    plt.close("all")


def test_notebook_08_judges_its_four_claims_in_order():
    assert [v.claim_id for v in money.verdicts(PARAMS)] == ["huawei-100b-decade", "alibaba-52b-3yr",
                                                            "chinese-companies-billions", "university-budgets"]


def test_the_huawei_finding_quotes_huaweis_own_total_for_the_same_decade(data_copy):
    """Huawei's own ten-year total (1.11 trillion yuan, about $157 billion, for 2014-2023), and the yearly figures
    summed beside it; a decade no report covers falls back to the sum at yearly rates."""
    verdict = verdict_of("huawei-100b-decade")
    assert "Huawei reports 1.11 trillion yuan of R&D over 2014-2023 (about $157 billion, the press's conversion)" in verdict.finding
    assert "its yearly figures add up to 1,110.5 billion yuan" in verdict.reason
    assert "converted here year by year at yearly average exchange rates they come to $165.2 billion" in verdict.reason
    set_cell(data_copy / "money/huawei_decade_totals.csv", {"report_year": 2023}, "total_usd_bn", "")
    assert "(about $165 billion, converted here at yearly rates)" in verdict_of("huawei-100b-decade").finding
