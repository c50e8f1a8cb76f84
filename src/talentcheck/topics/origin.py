"""Notebook 01, where the top researchers studied: the Tracker's shares by country of undergraduate degree, where
its sources disagree, and the verdicts on the article's figures."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data, parameters
from talentcheck.claims.relations import fraction_words, pair_relation, times_relation
from talentcheck.claims.sampling_error import sample_urls
from talentcheck.claims.words import listing, pct
from talentcheck.topics.tracker import (Shares, chart_urls, cohort_slots, common_slot_sources, interval_words, other_cohort,
                                        resolved, shown)

NOTEBOOK = "01_researcher_origin.ipynb"
TABLE = "tracker/origin_undergrad"
KEY = ["year", "cohort", "country"]


def shares(source: str) -> pd.DataFrame:
    """The Tracker's shares by country of undergraduate degree, one source per year, cohort and country: the
    best-standing one, or `source` where it gives a value."""
    return data.pick_source(data.load(TABLE), KEY, source)


def shown_year(year) -> int:
    """The year the tables and charts show: the `year` parameter, or for "as_stated" the latest year a claim states."""
    return claims.year_shown(NOTEBOOK, year)


def of_year(chosen: pd.DataFrame, year) -> pd.DataFrame:
    """The shares `shares` chose for the year shown, with their sources."""
    return chosen[chosen["year"] == shown_year(year)][["cohort", "country", "share_pct", "source_name", "source_standing"]]


def conflicts() -> pd.DataFrame:
    """Every row of a year, cohort and country on which sources give different shares (what `source` chooses between)."""
    table = data.load(TABLE)
    clashing = table[table.duplicated(KEY, keep=False)]
    return clashing[["year", "cohort", "country", "share_pct", "source_name", "source_standing", "note"]]


def verdicts(params: dict) -> list[claims.Verdict]:
    """The verdicts of the notebook's claims, each judged by the comparison its registry entry records, in the words
    of its texts."""
    return claims.verdicts_for(NOTEBOOK, params, {cid: lambda p, cid=cid: slots(cid, p) for cid in claims.claims_for(NOTEBOOK)})


COUNTRIES = {"China": "china", "United States": "us", "India": "india"}


def slots(claim_id: str, params: dict) -> dict:
    """What a claim of this notebook's texts need ({"slots": ..., "sources": [...]}): its shares and the article's,
    the other cohort's, the reading the article's figure fits, and how they stand to each other in words."""
    year, cohort = resolved(claim_id, params)
    shares = Shares(TABLE, params.get("source", "best_standing"))
    check = claims.claim(claim_id)["check"]
    stated = claims.stated_figures(claim_id)
    found = cohort_slots(claim_id, params)
    own = {c: shares.get(year, cohort, c) for c in COUNTRIES}
    other = {c: shares.get(year, other_cohort(cohort), c) for c in COUNTRIES}
    for country, key in COUNTRIES.items():
        found[f"{key}_share"] = shown(own[country])
        found[f"other_{key}"] = shown(other[country])
    named = [c for c in COUNTRIES if c in stated]
    if named and all(own[c] is not None for c in named):
        found["pair_relation"] = pair_relation([own[c] for c in named], [stated[c] for c in named])
        found["article_shares"] = listing([pct(stated[c]) for c in named])
    if all(other[c] is not None for c in named):
        found["other_shares"] = listing([shown(other[c]) for c in named])
    found["other_share"] = shown(other["China"])
    china, us = own["China"], own["United States"]
    if china is not None and us is not None:
        found["times_relation"] = times_relation(china, us)
        found["gap_points"] = f"{abs(round(china) - round(us))} points"
        found["gap_interval"] = interval_words(claims.interval(claim_id, params, {"China": china, "United States": us}))
        sample = data.load("tracker/samples")
        census = ((sample["year"] == year) & (sample["cohort"] == cohort) & (sample["sampled"] == "no")).any()
        found["gap_note"] = (f"by {abs(round(china) - round(us))} points" +
                             (", and the cohort is a census of all the oral papers' authors, so the gap is no sampling error"
                              if census else ""))
    if china is not None:
        found["fraction_words"] = fraction_words(china)
    oc, ou = other["China"], other["United States"]
    if oc is not None and ou is not None:
        found["other_outcome"] = (f"China-schooled researchers {'lead' if oc > ou else 'trail'}, {shown(oc)} to {shown(ou)}"
                                  if oc != ou else f"China- and US-schooled researchers are level, at {shown(oc)}")
    if check["compare"] == "between":
        low, high = check["figures"]["China"]
        found["reading_range"] = f"{low:g} to {high:g}%"
    as_stated = claims.claim(claim_id).get("as_stated", {})
    if as_stated:
        found["asstated_share"] = shown(shares.get(as_stated["year"], as_stated["cohort"], "China"))
    return {"slots": found, "slot_sources": slot_sources(claim_id, params, shares),
            "sources": chart_urls(NOTEBOOK, shares, params) if claims.claim(claim_id).get("chart") else []}


def slot_sources(claim_id: str, params: dict, shares: Shares) -> dict:
    """{slot: the sources of the shares (and sample sizes) its words rest on}: a card lists those of the slots its
    texts say, not every share the slots were computed from."""
    year, cohort = resolved(claim_id, params)
    other = other_cohort(cohort)
    stated = claims.stated_figures(claim_id)
    named = [c for c in COUNTRIES if c in stated]
    own = lambda *countries: shares.urls_of(year, cohort, *countries)  # noqa: E731
    pair = own("China", "United States")
    found = {**common_slot_sources(claim_id, params),
             **{f"{key}_share": own(country) for country, key in COUNTRIES.items()},
             **{f"other_{key}": shares.urls_of(year, other, country) for country, key in COUNTRIES.items()},
             "pair_relation": own(*named), "other_shares": shares.urls_of(year, other, *named),
             "other_share": shares.urls_of(year, other, "China"), "times_relation": pair, "gap_points": pair,
             "gap_interval": pair + sample_urls(year, cohort), "gap_note": pair + sample_urls(year, cohort),
             "fraction_words": own("China"), "other_outcome": shares.urls_of(year, other, "China", "United States")}
    as_stated = claims.claim(claim_id).get("as_stated", {})
    if as_stated:
        found["asstated_share"] = shares.urls_of(as_stated["year"], as_stated["cohort"], "China")
    return found


def verdict_changes(params: dict) -> pd.DataFrame:
    """The notebook's claims under every edition and cohort."""
    return claims.sensitivity_table(NOTEBOOK, params, parameters.readings(NOTEBOOK, ["year", "cohort"]))
