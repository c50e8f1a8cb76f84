"""Institution rankings re-derived from the NeurIPS aggregates (data/neurips/), and what they say
about the article's top-25 claims."""
from __future__ import annotations

import pandas as pd

from talentcheck import data
from talentcheck.claims import ParameterError

COUNTINGS = ("authors", "author_papers", "fractional_papers")
NOT_INSTITUTIONS = {"(smaller institutions)", "unresolved"}


def ranking(year: int, tier: str = "all_accepted", counting: str = "authors",
            merge_google_deepmind: bool = False) -> pd.DataFrame:
    """Institutions ranked by `counting` (ties share the better rank), with country and sector.

    Merging Google and DeepMind adds DeepMind's counts to Google's (distinct authors are then an upper
    bound: someone listed under both counts twice).
    """
    if counting not in COUNTINGS:
        raise ParameterError(f"counting={counting!r} must be one of {COUNTINGS}")
    table = data.load("neurips/institutions")
    table = table[(table["year"] == year) & (table["tier"] == tier) & ~table["institution"].isin(NOT_INSTITUTIONS)]
    if table.empty:
        raise ParameterError(f"no NeurIPS aggregates for year={year}, tier={tier!r}")
    if merge_google_deepmind:
        table = table.assign(
            country=table["country"].where(table["institution"] != "DeepMind", "United States"),
            institution=table["institution"].replace({"DeepMind": "Google"}))
    grouped = table.groupby(["institution", "country", "sector"], as_index=False)[list(COUNTINGS)].sum()
    grouped = grouped.sort_values([counting, "institution"], ascending=[False, True]).reset_index(drop=True)
    grouped.insert(0, "rank", grouped[counting].rank(method="min", ascending=False).astype(int))
    return grouped[["rank", "institution", "country", "sector", counting]].rename(columns={counting: "value"})


def top(ranked: pd.DataFrame, top_n: int) -> pd.DataFrame:
    return ranked[ranked["rank"] <= top_n]


def rank_of(ranked: pd.DataFrame, institution: str):
    rows = ranked[ranked["institution"] == institution]
    return int(rows["rank"].iloc[0]) if len(rows) else None


def sector_share(year: int, tier: str, counting: str, sector: str) -> float:
    """Share (%) of a year's resolved affiliations that belong to `sector`."""
    countries = data.load("neurips/countries")
    rows = countries[(countries["year"] == year) & (countries["tier"] == tier) & (countries["sector"] != "unresolved")]
    return float(100 * rows.loc[rows["sector"] == sector, counting].sum() / rows[counting].sum())


def country_shares(year: int, tier: str, counting: str, regions: dict[str, str]) -> pd.Series:
    """Share (%) of resolved affiliations by country, grouped into regions ({country: region}; others "Others")."""
    countries = data.load("neurips/countries")
    rows = countries[(countries["year"] == year) & (countries["tier"] == tier) & (countries["country"] != "unresolved")]
    region = rows["country"].map(lambda c: regions.get(c, "Others"))
    totals = rows.groupby(region)[counting].sum()
    return (100 * totals / totals.sum()).rename("share_pct")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def rederived_observations(top_n: int, counting: str, merge_google_deepmind: bool, tier: str = "all_accepted") -> dict:
    """{claim id: observed figures} for the top-25 claims, from the re-derived rankings of 2019 and 2022."""
    from talentcheck.claims import claim

    ranked = {y: ranking(y, tier, counting, merge_google_deepmind) for y in (2019, 2022)}
    tops = {y: top(r, top_n) for y, r in ranked.items()}
    us19, us22 = (t[t["country"] == "United States"] for t in (tops[2019], tops[2022]))
    cn19 = tops[2019][tops[2019]["country"] == "China"]
    low, high = claim("top25-2019-china-two-mid")["middle"]
    pair = ["Tsinghua University", "Peking University"]
    named = ["Google", "Microsoft", "Meta (Facebook)", "IBM"]
    r22 = ranked[2022]
    universities_ahead = set(r22[(r22["sector"] == "university") &
                                 (r22["rank"] < max(rank_of(r22, u) or 10**6 for u in pair))]["institution"]) - set(pair)
    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    return {
        "top25-2019-us-18": {
            "US institutions": len(us19), "US universities": int((us19["sector"] == "university").sum()),
            "US companies": int((us19["sector"] == "company").sum()),
            "Google, Microsoft, Facebook, IBM all in": _yes(set(named) <= set(us19["institution"]))},
        "top25-2019-china-two-mid": {
            "Chinese institutions": len(cn19), "only Tsinghua and Peking": _yes(set(cn19["institution"]) == set(pair)),
            "both in the middle": _yes(all(low <= (rank_of(tops[2019], u) or 0) <= high for u in pair))},
        "top25-2022-us-15-ibm-out": {
            "US institutions": len(us22), "IBM in the top 25": _yes("IBM" in set(tops[2022]["institution"]))},
        "top25-2022-tsinghua-peking-top5": {
            "Tsinghua in the top 5": _yes((rank_of(r22, pair[0]) or 99) <= 5),
            "Peking in the top 5": _yes((rank_of(r22, pair[1]) or 99) <= 5),
            "no university but Stanford ahead": _yes(universities_ahead <= {"Stanford University"}),
            "both ahead of CMU and MIT": _yes(all((rank_of(r22, u) or 99) < (rank_of(r22, other) or 99) for u in pair
                                                  for other in ("Carnegie Mellon University", "Massachusetts Institute of Technology")))},
        "top25-2022-new-chinese-entrants": {
            "all four in the 2022 top 25": _yes(set(entrants) <= set(tops[2022]["institution"])),
            "none of them in the 2019 top 25": _yes(not set(entrants) & set(tops[2019]["institution"])),
            "no Chinese company in the 2019 top 25": _yes(not ((tops[2019]["country"] == "China") & (tops[2019]["sector"] == "company")).any())},
        "industry-driven-research": {y: round(sector_share(y, tier, counting, "company"), 1) for y in (2022, 2019)},
    }


def tracker_observations() -> dict:
    """{claim id: observed figures} from what the Tracker published of its rankings (fragments only:
    a figure the coverage does not give is left out, so the claim is unverifiable on this basis)."""
    from talentcheck.claims import claim

    composition = data.load("tracker/top25_composition").set_index(["year", "country"])["institutions"]
    named = data.load("tracker/top_institutions")
    in_top = {y: set(named[named["year"] == y]["institution"]) for y in (2019, 2022)}
    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    china_2019 = int(composition.get((2019, "China"))) if (2019, "China") in composition.index else None
    return {
        "top25-2019-us-18": {},
        "top25-2019-china-two-mid": {
            "Chinese institutions": china_2019,
            "only Tsinghua and Peking": _yes(china_2019 == 2 and {"Tsinghua University", "Peking University"} <= in_top[2019])},
        "top25-2022-us-15-ibm-out": {"US institutions": int(composition[(2022, "United States")])},
        "top25-2022-tsinghua-peking-top5": {},
        "top25-2022-new-chinese-entrants": {
            "all four in the 2022 top 25": _yes(set(entrants) <= in_top[2022]),
            "none of them in the 2019 top 25": _yes(china_2019 == 2 and not set(entrants) & in_top[2019]),
            "no Chinese company in the 2019 top 25": _yes(china_2019 == 2 and not (named[(named["year"] == 2019) & (named["country"] == "China")]["sector"] == "company").any())},
        "industry-driven-research": {},
    }


BASES = ("tracker_first", "rederived", "tracker")


def judge_on_basis(claim_id: str, params: dict, tracker: dict, rederived: dict, basis: str, method: str):
    """The claim's verdict on the Tracker's published figures, on the re-derivation, or on both.

    "tracker_first" takes each figure from the Tracker where it published one and from the
    re-derivation otherwise. The reason names where the figures come from; where the re-derivation
    disagrees with a figure the Tracker published, it says so, and a support becomes a support with caveat.
    """
    from dataclasses import replace

    from talentcheck.claims import judge

    if basis not in BASES:
        raise ParameterError(f"basis={basis!r} must be one of {BASES}")
    published, derived = tracker[claim_id], rederived[claim_id]
    observed = {"tracker": published, "rederived": derived, "tracker_first": {**derived, **published}}[basis]
    verdict = judge(claim_id, params, observed=observed)
    from_tracker = [k for k in observed if k in published and basis != "rederived"]
    from_rederived = [k for k in observed if k not in from_tracker]
    where = "; ".join(part for part in (
        f"the Tracker's published figures ({', '.join(map(str, from_tracker))})" if from_tracker else "",
        f"{method} ({', '.join(map(str, from_rederived))})" if from_rederived else "") if part)
    disagree = [k for k in from_tracker if k in derived and derived[k] != published[k]]
    note = ""
    if disagree:
        note = " The re-derivation gives " + ", ".join(f"{k} {derived[k]}" for k in disagree) + " instead."
        if verdict.verdict == "supported":
            verdict = replace(verdict, verdict="supported_with_caveat")
    return replace(verdict, reason=f"On {where or 'no evidence'}: {verdict.reason}{note}")


def regions(countries, europe_includes_uk: bool) -> dict[str, str]:
    """{country: region} as the Tracker groups work locations: US, China, Europe (with or without the
    UK, which 2019 coverage listed apart), the UK when apart, Canada; everyone else "Others"."""
    grouped = {}
    for name, continent in data.convert_countries(countries, "continent").items():
        if name in ("United States", "China", "Canada"):
            grouped[name] = name
        elif name == "United Kingdom" and not europe_includes_uk:
            grouped[name] = name
        elif continent == "Europe":
            grouped[name] = "Europe" if europe_includes_uk else "Europe (excl. UK)"
        else:
            grouped[name] = "Others"
    # the Tracker's own region rows
    grouped["Europe (excl. UK)"] = "Europe" if europe_includes_uk else "Europe (excl. UK)"
    grouped["Europe"] = "Europe"
    return grouped
