"""Institution rankings re-derived from the NeurIPS aggregates (data/neurips/), and what they say
about the article's top-25 claims."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from talentcheck import data, sampling
from talentcheck.claims import ParameterError
from talentcheck.institutions import CHINA_SCOPES, in_scope

COUNTINGS = ("authors", "author_papers", "fractional_papers")
COUNTING_WORDS = {"authors": "distinct authors", "author_papers": "author-paper pairs", "fractional_papers": "fractional papers"}
NOT_INSTITUTIONS = {"(smaller institutions)", "unresolved"}
TIE_RULES = ("include", "exclude")  # institutions tied across the cut: all in (the list may run longer), or all out
DEFAULT_SCOPE = CHINA_SCOPES[0]  # Hong Kong, Macau and Taiwan under China: the Tracker lists none of them apart
UNPUBLISHED = {  # figures a claim states that the Tracker itself never published
    "top25-2019-us-18": "its 2019 count of US institutions",
    "top25-2022-tsinghua-peking-top5": "its 2022 ranks of Tsinghua and Peking",
}


def ranking(year: int, tier: str = "all_accepted", counting: str = "authors",
            merge_google_deepmind: bool = False, china_scope: str = DEFAULT_SCOPE) -> pd.DataFrame:
    """Institutions ranked by `counting`, with country and sector; `rank` is the best rank an institution
    shares with those tied with it, `rank_last` the worst.

    Merging Google and DeepMind adds DeepMind's counts to Google's (distinct authors are then an upper
    bound: someone listed under both counts twice). `china_scope` says whether Hong Kong, Macau and
    Taiwan count under China.
    """
    if counting not in COUNTINGS:
        raise ParameterError(f"counting={counting!r} must be one of {COUNTINGS}")
    table = data.load("neurips/institutions")
    table = table[(table["year"] == year) & (table["tier"] == tier) & ~table["institution"].isin(NOT_INSTITUTIONS)]
    if table.empty:
        raise ParameterError(f"no NeurIPS aggregates for year={year}, tier={tier!r}")
    table = table.assign(country=table["country"].map(lambda c: in_scope(c, china_scope)))
    if merge_google_deepmind:
        table = table.assign(
            country=table["country"].where(table["institution"] != "DeepMind", "United States"),
            institution=table["institution"].replace({"DeepMind": "Google"}))
    grouped = table.groupby(["institution", "country", "sector"], as_index=False)[list(COUNTINGS)].sum()
    grouped = grouped.sort_values([counting, "institution"], ascending=[False, True]).reset_index(drop=True)
    grouped.insert(0, "rank", grouped[counting].rank(method="min", ascending=False).astype(int))
    grouped.insert(1, "rank_last", grouped[counting].rank(method="max", ascending=False).astype(int))
    return grouped[["rank", "rank_last", "institution", "country", "sector", counting]].rename(columns={counting: "value"})


def top(ranked: pd.DataFrame, top_n: int, ties: str = "include") -> pd.DataFrame:
    """The top `top_n`; institutions tied across the cut all in ("include") or all out ("exclude")."""
    if ties not in TIE_RULES:
        raise ParameterError(f"ties={ties!r} must be one of {TIE_RULES}")
    return ranked[(ranked["rank"] if ties == "include" else ranked["rank_last"]) <= top_n]


def tie_note(ranked: pd.DataFrame, top_n: int, country: str | None = None) -> str:
    """A sentence on institutions tied across the cut, and what they do to `country`'s count; "" if none."""
    tied = ranked[(ranked["rank"] <= top_n) & (ranked["rank_last"] > top_n)]
    if tied.empty:
        return ""
    inside = top(ranked, top_n, "exclude")
    text = (f"{len(tied)} institutions tie at rank {int(tied['rank'].iloc[0])} across the cut at {top_n} "
            f"({', '.join(tied['institution'])}), so the top {top_n} holds {len(inside) + len(tied)} with the ties "
            f"and {len(inside)} without")
    if country:
        base, extra = int((inside["country"] == country).sum()), int((tied["country"] == country).sum())
        free = top_n - len(inside)  # seats left for the tied institutions when the list has exactly top_n
        low, high = base + max(0, free - (len(tied) - extra)), base + min(extra, free)
        text += (f"; {country} institutions: {base + extra} with the ties, {base} without, "
                 f"{low if low == high else f'{low} to {high}'} with exactly {top_n}")
    return text


def rank_of(ranked: pd.DataFrame, institution: str):
    rows = ranked[ranked["institution"] == institution]
    return int(rows["rank"].iloc[0]) if len(rows) else None


def sector_share(year: int, tier: str, counting: str, sector: str) -> float:
    """Share (%) of a year's resolved affiliations that belong to `sector`."""
    countries = data.load("neurips/countries")
    rows = countries[(countries["year"] == year) & (countries["tier"] == tier) & (countries["sector"] != "unresolved")]
    return float(100 * rows.loc[rows["sector"] == sector, counting].sum() / rows[counting].sum())


def country_shares(year: int, tier: str, counting: str, regions: dict[str, str],
                   china_scope: str = DEFAULT_SCOPE) -> pd.Series:
    """Share (%) of resolved affiliations by country, grouped into regions ({country: region}; others "Others")."""
    countries = data.load("neurips/countries")
    rows = countries[(countries["year"] == year) & (countries["tier"] == tier) & (countries["country"] != "unresolved")]
    region = rows["country"].map(lambda c: in_scope(c, china_scope)).map(lambda c: regions.get(c, "Others"))
    totals = rows.groupby(region)[counting].sum()
    return (100 * totals / totals.sum()).rename("share_pct")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def rederived_observations(top_n: int, counting: str, merge_google_deepmind: bool, tier: str = "all_accepted",
                           ties: str = "include", china_scope: str = DEFAULT_SCOPE) -> dict:
    """{claim id: observed figures} for the top-25 claims, from the re-derived rankings of 2019 and 2022."""
    from talentcheck.claims import claim

    ranked = {y: ranking(y, tier, counting, merge_google_deepmind, china_scope) for y in (2019, 2022)}
    tops = {y: top(r, top_n, ties) for y, r in ranked.items()}
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
        "industry-driven-research": {INDICATORS_RISING: sum(i["rising"] for i in industry_indicators(tier, counting))},
    }


INDICATORS_RISING = "indicators showing industry's share rising"
OVER_ALL_AFFILIATIONS = {"industry-driven-research"}  # judged on every affiliation, not on a top-N


def industry_indicators(tier: str, counting: str) -> list[dict]:
    """Each indicator of industry's part in AI research, whether it shows industry's share rising, and a
    sentence saying what it shows: companies' share of NeurIPS affiliations (2019, 2022) and the published
    indicators of data/industry/indicators.csv (a share series rises if its last year is above its first;
    an indicator that only names a leader shows a rise only if industry leads)."""
    before, after = (round(sector_share(y, tier, counting, "company"), 1) for y in (2019, 2022))
    out = [{"name": "NeurIPS", "rising": after > before,
            "text": f"companies' share of NeurIPS affiliations ({tier.replace('_', ' ')}, {counting.replace('_', ' ')}) "
                    f"{'rose' if after > before else 'fell' if after < before else 'held'} from {before:g}% (2019) to {after:g}% (2022)"}]
    table = data.load("industry/indicators").sort_values(["indicator", "year"])
    for indicator, rows in table.groupby("indicator", sort=False):
        source = rows["source_name"].iloc[-1]
        shares = rows.dropna(subset=["industry_share_pct"])
        if len(shares) >= 2:
            first, last = shares.iloc[0], shares.iloc[-1]
            rising = bool(last["industry_share_pct"] > first["industry_share_pct"])
            text = (f"industry's share of {indicator.replace('_', ' ')} ({source}) {'rose' if rising else 'did not rise'} from "
                    f"{first['industry_share_pct']:g}% ({first['year']}) to {last['industry_share_pct']:g}% ({last['year']})")
        else:
            leader = rows["leader"].iloc[-1]
            rising = leader == "industry"
            text = f"{indicator.replace('_', ' ').replace('top100', 'top-100')} ({source}, {rows['year'].iloc[-1]}): {leader} still leads, no trend published"
        out.append({"name": indicator, "rising": rising, "text": text})
    return out


def sampled(year: int, top_n: int, counting: str, merge_google_deepmind: bool, ties: str, china_scope: str) -> pd.DataFrame:
    """One row per Tracker-sized sample of the year's list (talentcheck.sampling): its top `top_n`'s
    US and Chinese institutions, whether Tsinghua, Peking and IBM are in it, and the top-5 ranks."""
    if ties not in TIE_RULES:
        raise ParameterError(f"ties={ties!r} must be one of {TIE_RULES}")
    institutions, counts = sampling.draws(year, china_scope, counting, merge_google_deepmind)
    rank, last = sampling.ranks(counts)
    inside = (rank if ties == "include" else last) <= top_n
    names = institutions["institution"].to_numpy()
    country = institutions["country"].to_numpy()

    def column(name):
        where = np.flatnonzero(names == name)
        return where[0] if len(where) else None

    def in_top(name, cut=None):
        i = column(name)
        if i is None:
            return np.zeros(len(counts), dtype=bool)
        return rank[:, i] <= cut if cut else inside[:, i]

    entrants = ["Chinese Academy of Sciences", "Shanghai Jiao Tong University", "Zhejiang University", "Huawei"]
    return pd.DataFrame({
        "US institutions": (inside & (country == "United States")).sum(axis=1),
        "Chinese institutions": (inside & (country == "China")).sum(axis=1),
        "IBM in": in_top("IBM"),
        "Tsinghua top 5": in_top("Tsinghua University", 5),
        "Peking top 5": in_top("Peking University", 5),
        "entrants in": np.all([in_top(e) for e in entrants], axis=0)})


def rederived_notes(top_n: int, counting: str, merge_google_deepmind: bool, tier: str = "all_accepted",
                    ties: str = "include", china_scope: str = DEFAULT_SCOPE) -> dict[str, dict]:
    """{claim id: {"caveats": [...], "context": "..."}}: ties at the cut (a caveat: the count depends on
    the tie rule), the range Tracker-sized samples give (the Tracker coded a sample; the re-derivation
    counts everyone) with the Tracker's figure judged against it, and figures the Tracker never published."""
    from talentcheck.claims import claim

    ranked = {y: ranking(y, tier, counting, merge_google_deepmind, china_scope) for y in (2019, 2022)}
    draws = {y: sampled(y, top_n, counting, merge_google_deepmind, ties, china_scope) for y in (2019, 2022)}
    tracker = data.load("tracker/top25_composition").set_index(["year", "country"])["institutions"]

    def count_range(year, column, what, claimed):
        low, high = sampling.interval(draws[year][column])
        inside = low <= claimed <= high
        return (sampling.describe(year, list(draws[year][column]), what) +
                f" The stated {claimed} lies {'inside' if inside else 'outside'} that range"
                f"{': the sample alone can explain a difference from the full count' if inside else ': sampling alone does not explain it'}.")

    def share(year, column):
        return f"{100 * draws[year][column].mean():.0f}%"

    indicators = industry_indicators(tier, counting)
    agree = [i for i in indicators if i["rising"]]
    notes = {cid: {"caveats": [], "context": ""} for cid in (
        "top25-2019-us-18", "top25-2019-china-two-mid", "top25-2022-us-15-ibm-out", "top25-2022-tsinghua-peking-top5",
        "top25-2022-new-chinese-entrants", "industry-driven-research")}
    for cid, year, country in (("top25-2019-us-18", 2019, "United States"), ("top25-2019-china-two-mid", 2019, "China"),
                               ("top25-2022-us-15-ibm-out", 2022, "United States"), ("top25-2022-new-chinese-entrants", 2022, None)):
        tie = tie_note(ranked[year], top_n, country)
        if tie:
            notes[cid]["caveats"].append(f"the count depends on the tie rule (ties={ties}): {tie}")
    for cid, year in (("top25-2019-us-18", 2019), ("top25-2022-us-15-ibm-out", 2022)):
        by_rule = []
        for how in COUNTINGS:
            other = ranking(year, tier, how, merge_google_deepmind, china_scope)
            counts = {rule: int((top(other, top_n, rule)["country"] == "United States").sum()) for rule in TIE_RULES}
            by_rule.append(f"{counts['include']} by {COUNTING_WORDS[how]}" + (
                f" ({counts['exclude']} without the institutions tied at the cut)" if counts["include"] != counts["exclude"] else ""))
        notes[cid]["caveats"].append(f"the US count depends on the counting and tie rules: {', '.join(by_rule)}")
    us19 = claim("top25-2019-us-18")["check"]["figures"]["US institutions"]
    us22 = int(tracker[(2022, "United States")]) if (2022, "United States") in tracker.index else 15
    notes["top25-2019-us-18"]["context"] = count_range(2019, "US institutions", f"US institutions in the top {top_n}", us19)
    notes["top25-2019-china-two-mid"]["context"] = count_range(2019, "Chinese institutions", f"Chinese institutions in the top {top_n}", 2)
    notes["top25-2022-us-15-ibm-out"]["context"] = (
        count_range(2022, "US institutions", f"US institutions in the top {top_n}", us22) +
        f" IBM is in the top {top_n} of {share(2022, 'IBM in')} of the samples.")
    notes["top25-2022-tsinghua-peking-top5"]["context"] = (
        f"By the full 2022 list Tsinghua ranks {rank_of(ranked[2022], 'Tsinghua University')} and Peking "
        f"{rank_of(ranked[2022], 'Peking University')}. In Tracker-sized samples ({sampling.sample_size(2022)[1]} "
        f"{sampling.sample_size(2022)[0]}, {len(draws[2022])} draws) Tsinghua is in the top 5 in {share(2022, 'Tsinghua top 5')} "
        f"and Peking in {share(2022, 'Peking top 5')} of them.")
    notes["top25-2022-new-chinese-entrants"]["context"] = (
        f"All four are in the top {top_n} of {share(2022, 'entrants in')} of Tracker-sized 2022 samples.")
    others = [i for i in indicators if not i["rising"]]
    notes["industry-driven-research"] = {
        "caveats": [f"{len(others)} of {len(indicators)} indicators do not show industry's share rising "
                    f"({', '.join(i['name'].replace('_', ' ') for i in others)})"] if others else [],
        "context": (f"Indicators: {'; '.join(i['text'] for i in indicators)}. {len(agree)} of {len(indicators)} show industry's "
                    f"share rising ({', '.join(i['name'].replace('_', ' ') for i in agree) or 'none'}).")}
    for cid, what in UNPUBLISHED.items():
        notes[cid]["context"] = f"The Tracker never published {what}: the figure is the article's. " + notes[cid]["context"]
    return notes


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


def judge_on_basis(claim_id: str, params: dict, tracker: dict, rederived: dict, basis: str, method: str,
                   notes: dict | None = None):
    """The claim's verdict on the Tracker's published figures, on the re-derivation, or on both.

    "tracker_first" takes each figure from the Tracker where it published one and from the
    re-derivation otherwise. The reason names where the figures come from; where the re-derivation
    disagrees with a figure the Tracker published, it says so, and a support becomes a support with caveat.
    """
    from dataclasses import replace

    from talentcheck.claims import figure_words, judge

    if basis not in BASES:
        raise ParameterError(f"basis={basis!r} must be one of {BASES}")
    if claim_id in OVER_ALL_AFFILIATIONS:  # a share of every affiliation: no ranking length applies
        method = re.sub(r", top \d+\)", ", all affiliations)", method) + " and the AI Index's published indicators"
    published, derived = tracker[claim_id], rederived[claim_id]
    observed = {"tracker": published, "rederived": derived, "tracker_first": {**derived, **published}}[basis]
    extra = (notes or {}).get(claim_id, {}) if basis != "tracker" else {}
    verdict = judge(claim_id, params, observed=observed, caveats=extra.get("caveats", []), context=extra.get("context", ""))
    from_tracker = [k for k in observed if k in published and basis != "rederived"]
    from_rederived = [k for k in observed if k not in from_tracker]
    where = "; ".join(part for part in (
        f"the Tracker's published figures ({', '.join(map(str, from_tracker))})" if from_tracker else "",
        f"{method} ({', '.join(map(str, from_rederived))})" if from_rederived else "") if part)
    disagree = [k for k in from_tracker if k in derived and derived[k] != published[k]]
    note = ""
    if disagree:
        note = " The re-derivation differs: " + "; ".join(figure_words(k, derived[k]) for k in disagree) + "."
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
