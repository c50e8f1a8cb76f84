"""What the re-derived institution rankings (`ranking`) and the fragments the Tracker published of its own say
about the article's top-25 claims, and about industry's part in research: notebook 04's verdicts."""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from talentcheck import data
from talentcheck.claims import claim, claims_for, judge
from talentcheck.claims.verdicts import OUTCOME
from talentcheck.claims.words import figure_words, spaced
from talentcheck.data.countries import DEFAULT_SCOPE
from talentcheck.errors import ParameterError
from talentcheck.topics.top_institutions.industry import industry_indicators
from talentcheck.topics.top_institutions.notes import rederived_notes, tracker_ranks
from talentcheck.topics.top_institutions.ranking import BEHIND_THE_PAIR, COUNTINGS, PAIR, institution_ranking, rank_of, top

NOTEBOOK = "04_top_institutions.ipynb"
INDICATORS = ("indicators rising", "indicators falling")  # industry's share of AI research, by indicator
OVER_ALL_AFFILIATIONS = {"industry-driven-research"}  # judged on every affiliation, not on a top-N
ONLY_PAIR = "Tsinghua and Peking the only Chinese universities"  # the article: "only two universities, Tsinghua and Peking"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def rederived_observations(top_n: int, counting: str, merge_google_deepmind: bool, tier: str = "all_accepted",
                           ties: str = "include", china_scope: str = DEFAULT_SCOPE) -> dict:
    """{claim id: observed figures} for the top-25 claims, from the re-derived rankings of 2019 and 2022."""
    ranked = {y: institution_ranking(y, tier, counting, merge_google_deepmind, china_scope) for y in data.YEARS}
    tops = {y: top(r, top_n, ties) for y, r in ranked.items()}
    us19, us22 = (t[t["country"] == "United States"] for t in (tops[2019], tops[2022]))
    cn19 = tops[2019][tops[2019]["country"] == "China"]
    low, high = claim("top25-2019-china-two-mid")["middle"]
    pair = list(PAIR)
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
            "Chinese institutions": len(cn19), ONLY_PAIR: _yes(set(cn19.loc[cn19["sector"] == "university", "institution"]) == set(pair)),
            "both in the middle": _yes(all(low <= (rank_of(tops[2019], u) or 0) <= high for u in pair))},
        "top25-2022-us-15-ibm-out": {
            "US institutions": len(us22), "IBM in the top 25": _yes("IBM" in set(tops[2022]["institution"]))},
        "top25-2022-tsinghua-peking-top5": {
            "Tsinghua in the top 5": _yes((rank_of(r22, pair[0]) or 99) <= 5),
            "Peking in the top 5": _yes((rank_of(r22, pair[1]) or 99) <= 5),
            "no university but Stanford ahead": _yes(universities_ahead <= {"Stanford University"}),
            "both ahead of CMU and MIT": _yes(all((rank_of(r22, u) or 99) < (rank_of(r22, other) or 99) for u in pair
                                                  for other in BEHIND_THE_PAIR))},
        "top25-2022-new-chinese-entrants": {
            "all four in the 2022 top 25": _yes(set(entrants) <= set(tops[2022]["institution"])),
            "none of them in the 2019 top 25": _yes(not set(entrants) & set(tops[2019]["institution"])),
            "no Chinese company in the 2019 top 25": _yes(not ((tops[2019]["country"] == "China") & (tops[2019]["sector"] == "company")).any())},
        "industry-driven-research": dict(zip(INDICATORS, (sum(i["trend"] == t for i in industry_indicators(tier, counting))
                                                          for t in ("rising", "falling")))),
    }


def tracker_observations() -> dict:
    """{claim id: observed figures} from what the Tracker published of its rankings (fragments only:
    a figure the coverage does not give is left out, so the claim is unverifiable on this basis)."""
    composition = data.load("tracker/top25_composition").set_index(["year", "country"])["institutions"]
    named = data.load("tracker/top_institutions")
    in_top = {y: set(named[named["year"] == y]["institution"]) for y in data.YEARS}
    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    china_2019 = int(composition.get((2019, "China"))) if (2019, "China") in composition.index else None
    return {
        "top25-2019-us-18": {},
        "top25-2019-china-two-mid": {
            "Chinese institutions": china_2019,
            ONLY_PAIR: _yes(china_2019 == 2 and set(PAIR) <= in_top[2019])},
        "top25-2022-us-15-ibm-out": {"US institutions": int(composition[(2022, "United States")])},
        "top25-2022-tsinghua-peking-top5": {  # a rank range that settles "in the top 5" (none published so far)
            f"{name.split()[0]} in the top 5": _yes(worst <= 5) for name, (best, worst) in tracker_ranks(2022).items()
            if name in PAIR and (worst <= 5 or best > 5)},
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
    if basis not in BASES:
        raise ParameterError(f"basis={basis!r} must be one of {BASES}")
    if claim_id in OVER_ALL_AFFILIATIONS:  # a share of every affiliation: no ranking length applies
        method = re.sub(r", top \d+\)", ", all affiliations)", method) + " and the AI Index's published indicators"
    published, derived = tracker[claim_id], rederived[claim_id]
    observed = {"tracker": published, "rederived": derived, "tracker_first": {**derived, **published}}[basis]
    extra = (notes or {}).get(claim_id, {}) if basis != "tracker" else {}
    verdict = judge(claim_id, params, observed=observed, caveats=extra.get("caveats", []), context=extra.get("context", ""),
                    open_because=extra.get("open", ""))
    from_tracker = [k for k in observed if k in published and basis != "rederived"]
    if extra.get("figures") and not from_tracker:  # what the finding says of the re-derivation, when the verdict rests on it alone
        verdict = replace(verdict, figures={**verdict.figures, **extra["figures"]})
    from_rederived = [k for k in observed if k not in from_tracker]
    where = "; ".join(part for part in (
        f"the Tracker's published figures ({', '.join(map(str, from_tracker))})" if from_tracker else "",
        f"{method} ({', '.join(map(str, from_rederived))})" if from_rederived else "") if part)
    disagree = [k for k in from_tracker if k in derived and derived[k] != published[k]]
    note = ""
    if disagree:
        note = " The re-derivation differs: " + "; ".join(
            f"by its count, “{k}” is {'true' if derived[k] == 'yes' else 'false'}" if derived[k] in ("yes", "no")
            else figure_words(k, derived[k]) for k in disagree) + "."
        if verdict.verdict == "supported":
            verdict = replace(verdict, verdict="supported_with_caveat")
    return replace(verdict, reason=f"On {where or 'no evidence'}: {verdict.reason}{note}")


def method(params: dict) -> str:
    """The re-derivation the parameters choose, in words, for the reasons of the verdicts."""
    return (f"the re-derivation from the NeurIPS accepted-paper lists ({spaced(params['counting'])}, "
            f"{spaced(params['tier'])}, top {params['top_n']})")


def _rederived(params: dict, counting: str, merged: bool, tier: str) -> dict:
    return rederived_observations(params["top_n"], counting, merged, tier, params["ties"], params["china_scope"])


def verdicts(params: dict) -> list:
    """The verdicts of notebook 04's claims under its parameters, on the basis they choose."""
    p = params
    observed = _rederived(p, p["counting"], p["merge_google_deepmind"], p["tier"])
    notes = rederived_notes(p["top_n"], p["counting"], p["merge_google_deepmind"], p["tier"], p["ties"], p["china_scope"])
    tracker = tracker_observations()
    return [judge_on_basis(cid, p, tracker, observed, p["basis"], method(p), notes) for cid in claims_for(NOTEBOOK)]


def verdict_grid(params: dict) -> pd.DataFrame:
    """Whether each claim holds, fails or stays open (on the chosen basis) under every counting rule, with
    and without DeepMind merged into Google, for all accepted papers and for orals: which choices flip the
    outcome. An outcome, not a verdict: caveats (ties, sampling) are the verdict's, and cost a sampling run each."""
    tracker = tracker_observations()
    rows = []
    for how in COUNTINGS:
        for merged in (False, True):
            for tier in ("all_accepted", "oral"):
                observed = _rederived(params, how, merged, tier)
                rows += [{"claim": cid, "tier": tier, "counting": how, "merge": merged,
                          "outcome": OUTCOME[judge_on_basis(cid, params, tracker, observed, params["basis"], method(params)).verdict]}
                         for cid in claims_for(NOTEBOOK)]
    return pd.DataFrame(rows).pivot(index=["claim", "tier"], columns=["counting", "merge"], values="outcome")
