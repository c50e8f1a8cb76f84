"""Notebook 08, Huawei's, Alibaba's and two universities' money: converting yuan to dollars with a chosen rate,
summing spending over a window of years, and the observations, caveats and other readings behind the notebook's
verdicts (Huawei, Alibaba, the five companies, the universities)."""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.claims import ARTICLE_MONTH, claim, decide, judge
from talentcheck.claims.relations import ratio_relation
from talentcheck.claims.verdicts import Verdict
from talentcheck.claims.words import count, listing, word
from talentcheck.data import sources
from talentcheck.errors import ParameterError

NOTEBOOK = "08_money.ipynb"

RATE_TYPES = ("year_end", "annual_average")
DECADE = 10  # years in "the past decade"
PRESS_RATE = "annual_average"  # the rates a reading must use for the press's dollar conversion of Huawei's total to be its figure


def rates(rate_type: str, fx_source: str = "best_standing") -> pd.DataFrame:
    """One CNY-per-USD rate per year (columns year, cny_per_usd, source_name), for `rate_type`.

    `fx_source` prefers one series (FED, PBOC, WORLDBANK, HUAWEI, ...) where it has a value; elsewhere
    the best-standing source gives the rate.
    """
    if rate_type not in RATE_TYPES:
        raise ParameterError(f"rate_type={rate_type!r} must be one of {RATE_TYPES}")
    fx = data.picked("money/fx_cny_usd", ["rate_type", "year"], fx_source)
    fx = fx[fx["rate_type"] == rate_type]
    return fx[["year", "cny_per_usd", "source_name", "source_url"]].reset_index(drop=True)


def to_usd(amounts: pd.DataFrame, column: str, rate_type: str, fx_source: str = "best_standing") -> pd.DataFrame:
    """`amounts` (with a year column and CNY billions in `column`) plus the rate used and the USD value."""
    joined = amounts.merge(rates(rate_type, fx_source), on="year", how="left", validate="many_to_one")
    missing = joined[joined["cny_per_usd"].isna()]["year"].tolist()
    if missing:
        raise data.DataError(f"money/fx_cny_usd has no {rate_type} rate for {missing}")
    return joined.assign(usd_bn=joined[column] / joined["cny_per_usd"]).rename(
        columns={"source_name": "rate_source", "source_url_y": "rate_url", "source_url_x": "source_url", "source_url": "rate_url"})


def window(table: pd.DataFrame, end_year: int, years: int = DECADE) -> pd.DataFrame:
    """The rows of the `years` years ending with `end_year`; a year missing from the table is an error."""
    wanted = list(range(end_year - years + 1, end_year + 1))
    have = set(table["year"])
    missing = [y for y in wanted if y not in have]
    if missing:
        raise ParameterError(f"no figure for year(s) {missing}: choose a window within {min(have)}-{max(have)}")
    return table[table["year"].isin(wanted)].sort_values("year").reset_index(drop=True)


def daily_rate(date: str, source: str) -> float:
    """The rate a series gives on one day (for conversions at the date of an announcement)."""
    fx = data.load("money/fx_cny_usd")
    rows = fx[(fx["rate_type"] == "daily") & (fx["date"] == date) & (fx["source_name"] == source)]
    if rows.empty:
        have = sorted(set(fx[(fx["rate_type"] == "daily") & (fx["date"] == date)]["source_name"]))
        raise ParameterError(f"no {source} rate for {date} (that day has: {have})")
    return float(rows["cny_per_usd"].iloc[0])


VINTAGES = ("article", "latest")
FISCAL = "fiscal year to 31 March"
YEARLY = ("calendar year", FISCAL)  # company_rd periods that are one year's spending


def published_by(table: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """The rows whose `date_published` is no later than the article's month ("article"), or all ("latest")."""
    if vintage not in VINTAGES:
        raise ParameterError(f"vintage={vintage!r} must be one of {VINTAGES}")
    if vintage == "latest":
        return table
    return table[table["date_published"].astype(str).str[:7] <= ARTICLE_MONTH]


def decade_end(rd: pd.DataFrame, vintage: str) -> int:
    """The last year of Huawei's R&D figures available under the vintage."""
    return int(published_by(rd, vintage)["year"].max())


def latest_yearly(companies: pd.DataFrame, vintage: str) -> pd.DataFrame:
    """Each company's latest one-year figure (calendar or fiscal year) available under the vintage."""
    yearly = published_by(companies[companies["period"].isin(YEARLY)], vintage)
    return yearly.sort_values("date_published").groupby("company").tail(1).sort_values("company").reset_index(drop=True)


def other(choices: tuple, chosen: str) -> str:
    """The other of two choices (the other vintage, the other rate type)."""
    return next(c for c in choices if c != chosen)


# --- Huawei: ten years of R&D ---------------------------------------------------------------------------
def huawei_decade(vintage: str, rate_type: str, fx_source: str = "best_standing") -> tuple[dict, pd.DataFrame]:
    """The ten years to the last year of Huawei's R&D published under the vintage ({first_year, decade_end}),
    and those years' R&D with the rate that converts each and its value in USD billion."""
    rd = data.load("money/huawei_rd")
    end = decade_end(rd, vintage)
    return {"first_year": end - DECADE + 1, "decade_end": end}, to_usd(window(rd, end), "rd_cny_bn", rate_type, fx_source)


def decade_table(params: dict) -> pd.DataFrame:
    """The ten years the Huawei verdict sums, each converted at its rate."""
    decade = huawei_decade(params["vintage"], params["rate_type"], params["fx_source"])[1]
    return decade[["year", "rd_cny_bn", "date_published", "cny_per_usd", "rate_source", "usd_bn"]].round(2)


def _decade_total(vintage: str, rate_type: str, fx_source: str) -> tuple[dict, dict]:
    span, decade = huawei_decade(vintage, rate_type, fx_source)
    return span, {"ten-year R&D": round(decade["usd_bn"].sum(), 1)}


def huawei_verdict(params: dict) -> Verdict:
    """Over a hundred billion dollars in ten years; also judged under the other vintage and rate type."""
    vintage, rate_type, fx_source = params["vintage"], params["rate_type"], params["fx_source"]
    span, observed = _decade_total(vintage, rate_type, fx_source)
    other_span, other_vintage_total = _decade_total(other(VINTAGES, vintage), rate_type, fx_source)
    _, other_rate_total = _decade_total(vintage, other(RATE_TYPES, rate_type), fx_source)
    found, urls = huawei_slots(params, span, observed["ten-year R&D"])
    return judge("huawei-100b-decade", {**params, **span}, observed=observed, slots=found, sources=urls,
                 alternatives=[({"vintage": other(VINTAGES, vintage), **other_span}, other_vintage_total),
                               ({"rate_type": other(RATE_TYPES, rate_type)}, other_rate_total)])


def _urls(*cells) -> list[str]:
    return [u for column in cells for cell in column for u in sources.split(cell)]


def huawei_slots(params: dict, span: dict, sum_usd: float) -> tuple[dict, list[str]]:
    """Huawei's own ten-year total (in yuan, and in dollars as its report was covered), the sum of its yearly figures
    converted year by year, and why the decade is the one it is."""
    decade = huawei_decade(params["vintage"], params["rate_type"], params["fx_source"])[1]
    totals = data.load("money/huawei_decade_totals")
    own = totals[totals["period_end"] == span["decade_end"]]
    found = {"first_year": str(span["first_year"]), "decade_end": str(span["decade_end"]),
             "sum_usd": f"${sum_usd:,.1f} billion", "sum_cny": f"{decade['rd_cny_bn'].sum():,.1f} billion yuan",
             "rate_words": word("rate_type", params["rate_type"]),
             "window_reason": {"article": "the last ten years whose figures were published before the article",
                               "latest": "the latest ten years published, including figures that appeared after the article"}[params["vintage"]]}
    drawn = to_usd(data.load("money/huawei_rd"), "rd_cny_bn", params["rate_type"], params["fx_source"])  # the chart's bars
    urls = _urls(decade["source_url"], decade["rate_url"], drawn["source_url"], drawn["rate_url"])
    if len(own):
        row = own.iloc[0]
        cny = float(row["total_cny_bn"])
        found["own_total_cny"] = f"{cny / 1000:g} trillion yuan" if cny >= 1000 else f"{cny:,g} billion yuan"
        found["report_year"] = str(row["report_year"])
        usd = float(row["total_usd_bn"]) if pd.notna(row["total_usd_bn"]) else None
        if usd and params["rate_type"] != PRESS_RATE:  # another reading: its own figure (the press converted at yearly averages)
            found["own_total_usd"] = f"${sum_usd:,.1f} billion at {word('rate_type', params['rate_type'])}"
            usd = None
        else:
            found["own_total_usd"] = (f"about ${usd:g} billion, the press's conversion" if usd else
                                      f"about ${round(sum_usd)} billion, converted here at yearly rates")
        found["total_relation"] = ratio_relation(usd or sum_usd, claim("huawei-100b-decade")["check"]["figures"]["ten-year R&D"])
        urls += _urls([row["source_url"]])
    return found, urls


def stated_decade_totals() -> pd.DataFrame:
    """Huawei's own ten-year totals beside the sum of the yearly figures (empty where a year is missing)."""
    rd, totals = data.load("money/huawei_rd"), data.load("money/huawei_decade_totals")
    sums = []
    for start, end in zip(totals["period_start"], totals["period_end"]):
        years = rd["year"].between(start, end)
        sums.append(rd[years]["rd_cny_bn"].sum() if years.sum() == end - start + 1 else None)
    return totals.assign(sum_of_yearly_cny_bn=sums)[
        ["report_year", "period_start", "period_end", "total_cny_bn", "sum_of_yearly_cny_bn", "total_usd_bn"]]


def decade_ends() -> list[int]:
    """The last years of every ten-year window the yearly figures cover."""
    years = data.load("money/huawei_rd")["year"]
    return list(range(int(years.min()) + DECADE - 1, int(years.max()) + 1))


def decade_changes(params: dict) -> pd.DataFrame:
    """The Huawei verdict under every ten-year window the data allows and both rate types."""
    rd, rows = data.load("money/huawei_rd"), []
    for end in decade_ends():
        first = end - DECADE + 1
        for kind in RATE_TYPES:
            usd = to_usd(window(rd, end), "rd_cny_bn", kind, params["fx_source"])["usd_bn"].sum()
            verdict = decide("huawei-100b-decade", {**params, "rate_type": kind, "first_year": first, "decade_end": end},
                             observed={"ten-year R&D": usd})["verdict"]
            rows.append({"decade": f"{first}-{end}", "rate_type": kind, "usd_bn": round(usd, 1), "verdict": verdict})
    return pd.DataFrame(rows)


def huawei_by_year(params: dict) -> pd.DataFrame:
    """Every year of Huawei's R&D in USD billion (the chart's bars), `in_window` for the years the verdict sums."""
    span, _ = huawei_decade(params["vintage"], params["rate_type"], params["fx_source"])
    years = to_usd(data.load("money/huawei_rd"), "rd_cny_bn", params["rate_type"], params["fx_source"])
    return years[["year", "usd_bn"]].assign(in_window=years["year"].between(span["first_year"], span["decade_end"]))


# --- Alibaba: the plan announced in yuan ----------------------------------------------------------------
PLAN = "Planned cloud+AI infrastructure investment (3 years)"
PLAN_RATES = ("FED", "PBOC")  # the market rate and the central parity on the announcement day
PLAN_FIGURE = "CNY 380bn in USD"  # the claim's figure (data/claims.yaml)


def capex_table() -> pd.DataFrame:
    """Alibaba's plan and the dollar figures the press gave for it."""
    return data.load("money/alibaba_capex").set_index("item")[["value", "unit", "implied_cny_per_usd", "source_name"]]


def plan_in_usd() -> dict:
    """The plan in USD billion at each rate of the announcement day ({rate source: value})."""
    plan = data.load("money/alibaba_capex").set_index("item").loc[PLAN]
    return {s: round(plan["value"] / daily_rate(plan["date"], s), 2) for s in PLAN_RATES}


def alibaba_verdict(params: dict) -> Verdict:
    """The plan in dollars at the chosen rate of the announcement day; also judged at the other rate."""
    usd = plan_in_usd()
    return judge("alibaba-52b-3yr", params, observed={PLAN_FIGURE: usd[params["alibaba_rate"]]},
                 alternatives=[({"alibaba_rate": s}, {PLAN_FIGURE: value}) for s, value in usd.items()
                               if s != params["alibaba_rate"]], **alibaba_slots(params, usd))


def _half(x: float) -> str:
    """A dollar gap rounded to the nearest half billion: "$1", "$1.5"."""
    return f"${round(2 * abs(x)) / 2:g}"


def alibaba_slots(params: dict, usd: dict) -> dict:
    """The plan in yuan and in dollars at the chosen rate, against the article's, and the press's own conversions."""
    import datetime

    capex = data.load("money/alibaba_capex")
    plan = capex.set_index("item").loc[PLAN]
    value = usd[params["alibaba_rate"]]
    article = claim("alibaba-52b-3yr")["check"]["figures"][PLAN_FIGURE]
    gap = value - article
    press = capex[capex["item"].str.startswith("USD equivalent")].drop_duplicates("value")
    figures = [f"{'about ' if '(about)' in r.unit else ''}${r.value:g} billion "
               f"({word('source', r.source_name.split(' via ')[0])})" for r in press.itertuples()]
    fx = data.load("money/fx_cny_usd")
    rate = fx[(fx["rate_type"] == "daily") & (fx["date"] == plan["date"]) & (fx["source_name"] == params["alibaba_rate"])]
    day = datetime.date.fromisoformat(str(plan["date"]))
    found = {"plan_cny": f"{plan['value']:g} billion yuan", "plan_usd": f"${value:.1f} billion",
             "rate_words": word("alibaba_rate", params["alibaba_rate"]), "article_usd": f"${article:g} billion",
             "gap_words": f"about {_half(gap)} billion", "announce_date": f"{day.day} {day:%B %Y}",
             "usd_relation": ("which rounds to" if abs(gap) < 0.5 else
                              f"about {_half(gap)} billion {'more' if gap > 0 else 'less'} than"),
             "press_figures": listing(figures)}
    return {"slots": found, "sources": _urls([plan["source_url"]], press["source_url"], rate["source_url"])}


def plan_changes(params: dict) -> pd.DataFrame:
    """The Alibaba verdict at each rate of the announcement day."""
    announced = data.load("money/alibaba_capex").set_index("item").at[PLAN, "date"]
    return pd.DataFrame([{"rate": s, "cny_per_usd": daily_rate(announced, s), "usd_bn": usd,
                          "verdict": decide("alibaba-52b-3yr", {**params, "alibaba_rate": s}, observed={PLAN_FIGURE: usd})["verdict"]}
                         for s, usd in plan_in_usd().items()])


# --- the five companies ---------------------------------------------------------------------------------
def period_label(rows: pd.DataFrame) -> pd.Series:
    """How a yearly figure's period is named: its year, or FY and the year a fiscal year ends."""
    years = rows["year"].astype(str)
    return years.where(rows["period"] != FISCAL, "FY" + years)


def spending(vintage: str, fx_source: str = "best_standing") -> tuple[pd.DataFrame, list[str]]:
    """Each company's latest yearly figure under the vintage in USD billion (at its `fx_year`'s average
    rate; `label` names its period, `figure` the company and period), and the claim's companies without one."""
    latest = latest_yearly(data.load("money/company_rd"), vintage)
    label = period_label(latest)
    latest = latest.assign(label=label, figure=latest["company"] + " " + label, year=latest["fx_year"].astype(int))
    missing = sorted(set(claim("chinese-companies-billions")["companies"]) - set(latest["company"]))
    return to_usd(latest, "value_cny_bn", "annual_average", fx_source), missing


def spending_table(params: dict) -> pd.DataFrame:
    """The figures the five companies' verdict adds up."""
    latest, _ = spending(params["vintage"], params["fx_source"])
    return latest[["figure", "period", "metric", "value_cny_bn", "date_published", "cny_per_usd", "usd_bn"]].round(2)


def spending_caveats(latest: pd.DataFrame, missing: list[str]) -> list[str]:
    """Figures of different years, and the companies without a one-year figure."""
    return (["the figures are of different years"] if latest["label"].nunique() > 1 else []) + \
        (["a company has no one-year figure"] if missing else [])


def companies_verdict(params: dict) -> Verdict:
    """Billions a year from the five together; also judged under the other vintage."""
    figure = "yearly spending of the companies found"
    latest, missing = spending(params["vintage"], params["fx_source"])
    other_vintage = other(VINTAGES, params["vintage"])
    other_latest, _ = spending(other_vintage, params["fx_source"])
    total = round(latest["usd_bn"].sum(), 1)
    return judge("chinese-companies-billions", params, observed={figure: total},
                 caveats=spending_caveats(latest, missing), slots=companies_slots(params, latest, missing, total),
                 alternatives=[({"vintage": other_vintage}, {figure: round(other_latest["usd_bn"].sum(), 1)})],
                 sources=_urls(latest["source_url"], latest["rate_url"],
                               cumulative_rows(missing, params["vintage"])["source_url"]))


def companies_slots(params: dict, latest: pd.DataFrame, missing: list[str], total: float) -> dict:
    """Each company's yearly figure with its year and kind, in the claim's order, their total against "billions"."""
    order = claim("chinese-companies-billions")["companies"]
    floor = claim("chinese-companies-billions")["check"]["figures"]["yearly spending of the companies found"]
    clauses = []
    for n, row in enumerate(sorted(latest.itertuples(), key=lambda r: order.index(r.company))):
        verb, kind = word("metric", row.metric, column="name"), word("metric", row.metric)
        estimate = verb.startswith("is estimated")
        period = f"its fiscal year to March {row.label[2:]}" if row.period == FISCAL else str(row.label)
        said = verb if n == 0 else ("an estimated" if estimate else "")
        clauses.append(f"{row.company} {said} ${row.usd_bn:.1f} billion on {kind} in {period}".replace("  ", " "))
    found = {"companies_found": "all five companies" if not missing else f"{count(len(latest))} of the {count(len(order))} companies",
             "total": f"${total:,.1f} billion", "total_relation": ratio_relation(total, floor),
             "billions_floor": f"${floor:g} billion",
             "company_figures": ", ".join(clauses[:-1]) + (", and " if len(clauses) > 2 else " and ") + clauses[-1]
             if len(clauses) > 1 else clauses[0],
             "missing_sentence": missing_sentence(missing, params["vintage"])}
    return found


def cumulative_rows(missing: list[str], vintage: str) -> pd.DataFrame:
    """The multi-year totals (period "cumulative") available under the vintage of the companies without a yearly
    figure, the latest per company."""
    rows = data.load("money/company_rd")
    rows = published_by(rows[(rows["period"] == "cumulative") & rows["company"].isin(missing)], vintage)
    return rows.sort_values("date_published").groupby("company").tail(1).sort_values("company")


def missing_sentence(missing: list[str], vintage: str) -> str:
    """What is known of the companies without a yearly figure: none was found (from before the article, under that
    vintage), and each one's latest multi-year total where one is recorded ("its 2018-2023 total was 269.7 billion
    yuan"); "" when none is missing."""
    if not missing:
        return ""
    when = " from before the article" if vintage == "article" else ""
    totals = [f"{'its' if len(missing) == 1 else r.company + chr(39) + 's'} {int(r.first_year)}-{r.year} total was "
              f"{r.value_cny_bn:,.1f} billion yuan"
              for r in cumulative_rows(missing, vintage).itertuples()]
    return f"No yearly figure for {listing(missing)}{when} was found" + (f"; {listing(totals)}" if totals else "") + ". "


# --- the universities -----------------------------------------------------------------------------------
HUNDRED_BILLION = 100  # CNY billion: where "hundreds of billions" begins


def budget_readings() -> dict:
    """The ranges (CNY billion) of each reading of "tens or hundreds of billions", from data/claims.yaml."""
    return claim("university-budgets")["readings"]


def budgets() -> pd.DataFrame:
    """Each university's budget by year (year, university, budget_cny_bn), with its source."""
    return data.load("money/university_budgets")


def budgets_table() -> pd.DataFrame:
    """The budgets, a column per university."""
    return budgets().pivot(index="year", columns="university", values="budget_cny_bn")


def budget_years(vintage: str) -> pd.DataFrame:
    """The budgets a reader could have read under the vintage: a university publishes its budget in the spring of
    its year, so by the article's date (February 2025) the latest were 2024's."""
    table = budgets()
    return table if vintage == "latest" else table[table["year"] < int(ARTICLE_MONTH[:4])]


def budgets_verdict(params: dict) -> Verdict:
    """The smallest and the largest budget within the reading's range; also judged under the other readings."""
    table = budget_years(params["vintage"])
    observed = {"smallest budget": table["budget_cny_bn"].min(), "largest budget": table["budget_cny_bn"].max()}
    ranges = budget_readings()
    low, high = ranges[params["reading"]]
    return judge("university-budgets", {**params, "low": low, "high": high}, observed=observed,
                 caveats=["no budget reaches a hundred billion yuan"] if params["reading"] == "tens_or_hundreds"
                 and table["budget_cny_bn"].max() < HUNDRED_BILLION else [],
                 alternatives=[({"reading": r, "low": lo, "high": hi}, observed) for r, (lo, hi) in ranges.items()
                               if r != params["reading"]],
                 slots=budget_slots(table), sources=_urls(table["source_url"]))


def budget_slots(table: pd.DataFrame) -> dict:
    """The smallest and largest budget with university and year, the latest year's pair, their order of magnitude."""
    def one(row) -> str:
        return f"{row['budget_cny_bn']:.1f} billion yuan ({row['university'].split()[0]}, {row['year']})"
    smallest, largest = table.loc[table["budget_cny_bn"].idxmin()], table.loc[table["budget_cny_bn"].idxmax()]
    latest_year = int(table["year"].max())
    latest = table[table["year"] == latest_year].set_index("university")["budget_cny_bn"]
    floor = budget_readings()["hundreds"][0]
    tens = table["budget_cny_bn"].lt(HUNDRED_BILLION)
    found = {"budget_low": one(smallest), "budget_high": one(largest),
             "years_span": f"{table['year'].min()}-{table['year'].max()}",
             "latest_clause": (f"the latest before the article, for {latest_year}, were" if latest_year < int(ARTICLE_MONTH[:4])
                               else f"the latest, for {latest_year} (published after the article), were"),
             "tsinghua_latest": f"{latest.get('Tsinghua University', float('nan')):.1f} billion yuan",
             "peking_latest": f"{latest.get('Peking University', float('nan')):.1f} billion yuan",
             "hundreds_floor": f"{floor:g} billion yuan",
             "largest_relation": ratio_relation(largest["budget_cny_bn"], floor),
             "magnitude_clause": ('tens of billions of yuan, as the article\'s "tens" says, while "hundreds" overstates them'
                                  if tens.all() else "hundreds of billions of yuan, as the article's \"hundreds\" says"
                                  if not tens.any() else "tens to hundreds of billions of yuan, as the article says"),
             "hundreds_sentence": ("" if largest["budget_cny_bn"] >= floor else
                                   f'"Hundreds of billions" is ten times "tens of billions", and even its floor of '
                                   f"{floor:g} billion yuan is {ratio_relation(floor, largest['budget_cny_bn'])} the largest "
                                   "budget. ")}
    return found


def verdicts(params: dict) -> list[Verdict]:
    """Notebook 08's verdicts under its parameters."""
    return [huawei_verdict(params), alibaba_verdict(params), companies_verdict(params), budgets_verdict(params)]
