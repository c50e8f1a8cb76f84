"""What the re-derived institution rankings (`ranking`) and the fragments the Tracker published of its own say
about the article's top-25 claims, and about industry's part in research: notebook 04's verdicts.

The one sampling rule (stated in the method text, `data/claim_texts.yaml`): the Tracker ranked a sample. Where a
claim rests on a figure the Tracker drew from its sample and never published, the full count of every accepted
paper settles it only if at least `settle_pct()` of Tracker-sized samples give the same outcome; otherwise it is
unverifiable. Where the Tracker published the figure, the published figure decides, and the samples only say how
stable it is.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from talentcheck import data
from talentcheck.claims import claim, claims_for, decide, holds_each, judge, settle_pct, texts
from talentcheck.claims import sampling_error
from talentcheck.claims.registry import fill_templates, with_parameters
from talentcheck.claims.verdicts import OUTCOME
from talentcheck.data.countries import DEFAULT_SCOPE
from talentcheck.errors import ParameterError
from talentcheck.topics.top_institutions import samples, slots
from talentcheck.topics.top_institutions.industry import industry_indicators
from talentcheck.topics.top_institutions.ranking import BEHIND_THE_PAIR, COUNTINGS, PAIR, institution_ranking, rank_of, top

NOTEBOOK = "04_top_institutions.ipynb"
INDICATORS = ("indicators rising", "indicators falling")  # industry's share of AI research, by indicator
ONLY_PAIR = "Tsinghua and Peking the only Chinese universities"  # the article: "only two universities, Tsinghua and Peking"
MIDDLE = "both in the middle"
SAMPLED = ("top25-2019-us-18", "top25-2019-china-two-mid", "top25-2022-us-15-ibm-out", "top25-2022-tsinghua-peking-top5",
           "top25-2022-new-chinese-entrants")
NOT_PUBLISHED = {"top25-2019-us-18": "no_published_count", "top25-2019-china-two-mid": "no_published_rank",
                 "top25-2022-us-15-ibm-out": "no_published_rank", "top25-2022-tsinghua-peking-top5": "no_published_rank",
                 "industry-driven-research": "no_published_figure"}
"""The texts' variant for a claim the Tracker's published figures alone cannot settle."""
RESTS_ON = {"top25-2019-us-18": (2019,), "top25-2019-china-two-mid": (2019,), "top25-2022-us-15-ibm-out": (2019, 2022),
            "top25-2022-tsinghua-peking-top5": (2022,), "top25-2022-new-chinese-entrants": (2019, 2022)}
"""The years whose Tracker-sized samples a claim of SAMPLED is read in."""
BASES = ("tracker_first", "rederived", "tracker")


def _yes(flag) -> str:
    return "yes" if flag else "no"


def in_middle(ranks: dict) -> bool:
    low, high = claim("top25-2019-china-two-mid")["middle"]
    return all(low <= (rank or 0) <= high for rank in ranks.values())


def rederived_observations(top_n: int, counting: str, merge_google_deepmind: bool, tier: str = "all_accepted",
                           ties: str = "include", china_scope: str = DEFAULT_SCOPE, published: dict | None = None) -> dict:
    """{claim id: observed figures} for the top-25 claims, from the re-derived rankings of 2019 and 2022; a rank in
    `published` ({institution: rank}, 2019) stands for the full count's where "both in the middle" is read."""
    ranked = {y: institution_ranking(y, tier, counting, merge_google_deepmind, china_scope) for y in data.YEARS}
    tops = {y: top(r, top_n, ties) for y, r in ranked.items()}
    us19, us22 = (t[t["country"] == "United States"] for t in (tops[2019], tops[2022]))
    cn19 = tops[2019][tops[2019]["country"] == "China"]
    r22 = ranked[2022]
    universities_ahead = set(r22[(r22["sector"] == "university") &
                                 (r22["rank"] < max(rank_of(r22, u) or 10**6 for u in PAIR))]["institution"]) - set(PAIR)
    entrants = claim("top25-2022-new-chinese-entrants")["entrants"]
    ranks_2019 = {u: (published or {}).get(u, rank_of(tops[2019], u)) for u in PAIR}
    return {
        "top25-2019-us-18": {
            "US institutions": len(us19), "US universities": int((us19["sector"] == "university").sum()),
            "US companies": int((us19["sector"] == "company").sum()),
            "Google, Microsoft, Facebook, IBM all in": _yes(set(samples.FOUR_COMPANIES) <= set(us19["institution"]))},
        "top25-2019-china-two-mid": {
            "Chinese institutions": len(cn19),
            ONLY_PAIR: _yes(set(cn19.loc[cn19["sector"] == "university", "institution"]) == set(PAIR)),
            MIDDLE: _yes(in_middle(ranks_2019))},
        "top25-2022-us-15-ibm-out": {
            "US institutions": len(us22), "IBM in the top 25": _yes("IBM" in set(tops[2022]["institution"])),
            "IBM in the 2019 top 25": _yes("IBM" in set(tops[2019]["institution"]))},
        "top25-2022-tsinghua-peking-top5": {
            "Tsinghua in the top 5": _yes((rank_of(r22, PAIR[0]) or 99) <= 5),
            "Peking in the top 5": _yes((rank_of(r22, PAIR[1]) or 99) <= 5),
            "no university but Stanford ahead": _yes(universities_ahead <= {"Stanford University"}),
            "both ahead of CMU and MIT": _yes(all((rank_of(r22, u) or 99) < (rank_of(r22, other) or 99) for u in PAIR
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
            f"{name.split()[0]} in the top 5": _yes(worst <= 5) for name, (best, worst) in slots.tracker_ranks(2022).items()
            if name in PAIR and (worst <= 5 or best > 5)},
        "top25-2022-new-chinese-entrants": {
            "all four in the 2022 top 25": _yes(set(entrants) <= in_top[2022]),
            "none of them in the 2019 top 25": _yes(china_2019 == 2 and not set(entrants) & in_top[2019]),
            "no Chinese company in the 2019 top 25": _yes(china_2019 == 2 and not (named[(named["year"] == 2019) & (named["country"] == "China")]["sector"] == "company").any())},
        "industry-driven-research": {},
    }


def published_2019_ranks() -> dict:
    """The 2019 ranks of the pair the Tracker's coverage published exactly ({institution: rank})."""
    return {name: best for name, (best, worst) in slots.tracker_ranks(2019).items() if name in PAIR and best == worst}


def sample_observations(claim_id: str, draws: dict[int, pd.DataFrame], published_ranks: dict) -> pd.DataFrame:
    """The claim's figures in each Tracker-sized sample (one row per draw; the 2019 and 2022 draws paired by number)."""
    yes = lambda flags: np.where(flags, "yes", "no")  # noqa: E731
    d19, d22 = draws[2019], draws[2022]
    if claim_id == "top25-2019-us-18":
        return pd.DataFrame({"US institutions": d19["US institutions"], "US universities": d19["US universities"],
                             "US companies": d19["US companies"],
                             "Google, Microsoft, Facebook, IBM all in": yes(d19["four companies in"])})
    if claim_id == "top25-2019-china-two-mid":
        low, high = claim(claim_id)["middle"]
        ranks = [np.full(len(d19), published_ranks[u]) if u in published_ranks else d19[f"{u.split()[0]} rank"] for u in PAIR]
        middle = np.all([(low <= r) & (r <= high) for r in ranks], axis=0)
        return pd.DataFrame({"Chinese institutions": d19["Chinese institutions"], ONLY_PAIR: yes(d19["only the pair"]),
                             MIDDLE: yes(middle)})
    if claim_id == "top25-2022-us-15-ibm-out":
        n = min(len(d19), len(d22))
        return pd.DataFrame({"US institutions": d22["US institutions"][:n], "IBM in the top 25": yes(d22["IBM in"][:n]),
                             "IBM in the 2019 top 25": yes(d19["IBM in"].to_numpy()[:n])})
    if claim_id == "top25-2022-tsinghua-peking-top5":
        return pd.DataFrame({"Tsinghua in the top 5": yes(d22["Tsinghua top 5"]), "Peking in the top 5": yes(d22["Peking top 5"]),
                             "no university but Stanford ahead": yes(d22["no university but Stanford ahead"]),
                             "both ahead of CMU and MIT": yes(d22["both ahead"])})
    if claim_id == "top25-2022-new-chinese-entrants":
        n = min(len(d19), len(d22))
        return pd.DataFrame({"all four in the 2022 top 25": yes(d22["entrants in"][:n]),
                             "none of them in the 2019 top 25": yes(~d19["any entrant in"].to_numpy()[:n]),
                             "no Chinese company in the 2019 top 25": yes(~d19["Chinese company in"].to_numpy()[:n])})
    raise ValueError(claim_id)


def agreeing(claim_id: str, params: dict, observed: dict, sampled: pd.DataFrame, published: dict) -> float:
    """The share (%) of Tracker-sized samples that give the full count's outcome on the same grounds, the published
    figures standing in every sample: where the full count bears the claim out, the samples that do too; where it
    fails the claim, the samples that fail it on a part the full count fails (a sample failing only on another part
    does not confirm the full count's finding)."""
    table = sampled.assign(**{k: v for k, v in published.items() if k in sampled.columns})
    full = OUTCOME[decide(claim_id, params, observed)["verdict"]] == "holds"
    if full:
        return float(100 * np.mean(holds_each(claim_id, params, table)))
    failed = [k for k in table.columns if not part_holds(claim_id, params, pd.DataFrame([observed])[[k]], k)[0]]
    fails = np.any([~part_holds(claim_id, params, table[[k]], k) for k in failed], axis=0) if failed else \
        ~holds_each(claim_id, params, table)
    return float(100 * np.mean(fails))


def part_holds(claim_id: str, params: dict, column: pd.DataFrame, name: str):
    """Whether one figure of the claim's check (`name`, the one column of `column`) bears the claim out in each row,
    every other figure read as the article states it."""
    stated = fill_templates(claim(claim_id)["check"], with_parameters(claim_id, params))["figures"]
    return holds_each(claim_id, params, pd.DataFrame({**{k: [v] * len(column) for k, v in stated.items()},
                                                      name: column[name].to_numpy()}))


def judge_one(claim_id: str, params: dict, context: dict):
    """One claim's verdict on the basis the parameters choose, with the sampling rule applied and its texts' slots."""
    basis = params["basis"]
    if basis not in BASES:
        raise ParameterError(f"basis={basis!r} must be one of {BASES}")
    published = published_for(claim_id, params, context["tracker"])
    derived = context["rederived"][claim_id]
    observed = {"tracker": published, "rederived": derived, "tracker_first": {**derived, **published}}[basis]
    needed = list(claim(claim_id)["check"]["figures"])
    unsettled: bool | str = False
    agree = None
    drawn = context["sampled"].get(claim_id)  # None: no sample of the Tracker's size can be drawn (oral papers)
    if basis == "tracker" and any(observed.get(k) is None for k in needed):
        unsettled = NOT_PUBLISHED.get(claim_id, False)
    elif drawn is not None and any(k not in published for k in needed):  # rests, in part, on the full count
        agree = agreeing(claim_id, params, observed, drawn, published)
        if agree < settle_pct():  # the rederived reading sets aside figures the Tracker did publish: its own words
            unsettled = "samples_split_rederived" if basis == "rederived" and context["tracker"][claim_id] else "samples_split"
    holds = float(100 * holds_each(claim_id, params, drawn).mean()) if drawn is not None and basis != "tracker" else None
    found, caveats, urls = slots.for_claim(claim_id, params, context, observed, published, agree, holds)
    variant = None
    if claim_id in SAMPLED and drawn is None and basis != "tracker":  # the count of all the tier's papers decides
        reached = decide(claim_id, params, observed, caveats, unsettled=unsettled)["verdict"]
        name = "no_sample" if basis == "tracker_first" or not context["tracker"][claim_id] else "no_sample_rederived"
        variant = name if name in texts.variants(claim_id, reached) else None
    if claim_id == "industry-driven-research" and not unsettled and observed[INDICATORS[0]] == observed[INDICATORS[1]]:
        variant = "indicators_split"
    caveats += [f"the full count differs on {k}" for k in published if k in derived and derived[k] != published[k]]
    judged = judge(claim_id, params, observed=observed, caveats=caveats, unsettled=unsettled, variant=variant,
                   slots=found, sources=urls, slot_sources=SAMPLE_SOURCES())
    if claim_id in SAMPLED and drawn is None and basis != "tracker":  # the sampling line says why there are no samples
        line = slots.no_sample(params, RESTS_ON[claim_id])
        said = [u for y in RESTS_ON[claim_id] if not samples.drawable(y, params["tier"]) for u in SAMPLE_SOURCES()[f"sample_{y}"]]
        judged = dataclasses.replace(judged, sampling=line, sources=list(dict.fromkeys([*judged.sources, *said])))
    return judged


def SAMPLE_SOURCES() -> dict:  # noqa: N802
    """{slot: URLs} of the slots that state the Tracker's sample sizes ("675 researchers"): a card whose texts say one
    lists where that size comes from (tracker/samples)."""
    return {f"sample_{y}": sampling_error.sample_urls(y, with_design=False) for y in data.YEARS}


def published_for(claim_id: str, params: dict, tracker: dict) -> dict:
    """What the Tracker published that stands for the claim's figures under `params`: nothing on the rederived basis,
    and nothing of its top-25 lists where the reading cuts the ranking elsewhere (they say nothing of a top 20)."""
    if params["basis"] == "rederived":
        return {}
    if "top_n" in (claim(claim_id).get("parameters") or []) and params["top_n"] != slots.TRACKER_CUT:
        return {}
    return tracker[claim_id]


def context_for(params: dict) -> dict:
    """What every claim of the notebook is judged from under `params`: the Tracker's published figures, the full
    count, the full rankings, and each claim's figures in Tracker-sized samples."""
    p = params
    published_ranks = published_2019_ranks() if p["basis"] != "rederived" else {}
    ranked = {y: institution_ranking(y, p["tier"], p["counting"], p["merge_google_deepmind"], p["china_scope"]) for y in data.YEARS}
    draws = {y: samples.sampled(y, p["top_n"], p["counting"], p["merge_google_deepmind"], p["ties"], p["china_scope"],
                                p["tier"]) for y in data.YEARS}
    return {"tracker": tracker_observations(), "ranked": ranked, "draws": draws,
            "rederived": rederived_observations(p["top_n"], p["counting"], p["merge_google_deepmind"], p["tier"], p["ties"],
                                                p["china_scope"], published_ranks),
            "sampled": {cid: sample_observations(cid, draws, published_ranks) if all(draws[y] is not None for y in RESTS_ON[cid])
                        else None for cid in SAMPLED}}


def verdicts(params: dict) -> list:
    """The verdicts of notebook 04's claims under its parameters, on the basis they choose."""
    context = context_for(params)
    return [judge_one(cid, params, context) for cid in claims_for(NOTEBOOK)]


def verdict_grid(params: dict) -> pd.DataFrame:
    """Whether each claim holds, fails or stays open (on the chosen basis and the full count, before the sampling
    rule) under every counting rule, with and without DeepMind merged into Google, for all accepted papers and for
    orals: which choices flip the outcome."""
    tracker = tracker_observations()
    rows = []
    for how in COUNTINGS:
        for merged in (False, True):
            for tier in ("all_accepted", "oral"):
                derived = rederived_observations(params["top_n"], how, merged, tier, params["ties"], params["china_scope"])
                for cid in claims_for(NOTEBOOK):
                    published = published_for(cid, params, tracker)
                    observed = {"tracker": published, "rederived": derived[cid], "tracker_first": {**derived[cid], **published}}[params["basis"]]
                    rows.append({"claim": cid, "tier": tier, "counting": how, "merge": merged,
                                 "outcome": OUTCOME[decide(cid, {**params, "counting": how, "merge_google_deepmind": merged,
                                                                 "tier": tier}, observed)["verdict"]]})
    return pd.DataFrame(rows).pivot(index=["claim", "tier"], columns=["counting", "merge"], values="outcome")
