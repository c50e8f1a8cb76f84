"""Notebook 02, where the top researchers work: the Tracker's shares by country of employer, the verdicts on
the article's figures, and the second indicator of "China barely registered in 2019" (the share of China-based
authors among NeurIPS 2019 oral-paper authors in the suite's re-derivation)."""
from __future__ import annotations

import pandas as pd

from talentcheck import claims, data, parameters
from talentcheck.claims.comparison import UpperBound
from talentcheck.claims.relations import points_relation, ratio_relation
from talentcheck.claims.sampling_error import sample_urls
from talentcheck.claims.words import ordinal, pct, word
from talentcheck.data.countries import DEFAULT_SCOPE, in_scope
from talentcheck.topics.tracker import (Shares, chart_urls, cohort_slots, common_samples, common_slot_sources, interval_words,
                                        other_cohort, resolved, shown)

NOTEBOOK = "02_work_location.ipynb"
TABLE = "tracker/work_country"
BARELY = "china-barely-registered-2019"


def shares(source: str) -> pd.DataFrame:
    """The Tracker's shares by country of employer, one source per year, cohort and country (see `origin.shares`)."""
    return data.pick_source(data.load(TABLE), ["year", "cohort", "country"], source)


def by_cohort(chosen: pd.DataFrame) -> pd.DataFrame:
    """Both cohorts side by side: a row per country, a column per year and cohort, largest 2019 top-tier share first
    (a blank cell: not published)."""
    table = chosen.pivot_table(index="country", columns=["year", "cohort"], values="share_pct")
    return table.sort_values((min(data.YEARS), "top_tier"), ascending=False)


SCOPE_WORDS = {"mainland_and_territories": "with Hong Kong, Macau and Taiwan", "mainland": "the mainland alone"}
"""What the project's own NeurIPS counts mean by "China" (`DEFAULT_SCOPE`), as a text says it beside the count."""


def neurips_authors(year: int, tier: str, country: str) -> tuple[int, int]:
    """(authors at institutions in `country`, authors with a resolved country) in the suite's NeurIPS re-derivation,
    China with Hong Kong, Macau and Taiwan as the Tracker counts it."""
    table = data.load("neurips/countries")
    rows = table[(table["year"] == year) & (table["tier"] == tier) & (table["country"] != "unresolved")]
    if rows.empty:
        raise data.DataError(f"neurips/countries has no {tier} authors for {year}")
    scoped = rows["country"].map(lambda c: in_scope(c, DEFAULT_SCOPE))
    return int(rows[scoped == country]["authors"].sum()), int(rows["authors"].sum())


def neurips_url(year: int) -> list[str]:
    table = data.load("neurips/countries")
    return sorted(set(table[table["year"] == year]["source_url"]))


def barely_registered_indicator(params: dict) -> list[str]:
    """The second indicator of "China barely registered in 2019" as a caveat where it disagrees: the share of
    China-based authors among NeurIPS oral-paper authors in the suite's re-derivation, above the notebook's
    `barely_threshold`."""
    year, _ = resolved(BARELY, params)
    china, known = neurips_authors(year, "oral", "China")
    return ["the re-derivation's oral-paper authors put China above the threshold"] if 100 * china / known > params["barely_threshold"] else []


def verdicts(params: dict) -> list[claims.Verdict]:
    """The verdicts of the notebook's claims, "barely registered" with its second indicator, in the words of their
    texts; "a growing number" cannot be read across cohorts of different selectivity."""
    return claims.verdicts_for(NOTEBOOK, params, {cid: lambda p, cid=cid: slots(cid, p) for cid in claims.claims_for(NOTEBOOK)})


def slots(claim_id: str, params: dict) -> dict:
    """The judge's keyword arguments for a claim of this notebook: the slots its texts need, the sources they rest on,
    and for "barely registered" its second indicator, for "growing" whether the two years' cohorts compare."""
    shares = Shares(TABLE, params.get("source", "best_standing"))
    found = {**cohort_slots(claim_id, params), **common_samples()}
    extra: dict = {}
    if claim_id == GROWING:
        found, extra = growing_slots(params, shares, found)
    else:
        year, cohort = resolved(claim_id, params)
        own, other = (shares.get(year, c, country) for c, country in
                      ((cohort, CLAIM_COUNTRY[claim_id]), (other_cohort(cohort), CLAIM_COUNTRY[claim_id])))
        stated = claims.stated_figures(claim_id)
        key = "us_share" if CLAIM_COUNTRY[claim_id] == "United States" else "china_share"
        found.update({key: shown(own), "china_share_phrase": shown(own), "other_share": shown(other)})
        if CLAIM_COUNTRY[claim_id] in stated and own is not None:
            article = stated[CLAIM_COUNTRY[claim_id]]
            found.update(article_share=pct(article),
                         points_relation=points_relation(own, article, isinstance(own, UpperBound)))
        as_stated = claims.claim(claim_id)["as_stated"]
        found["asstated_share"] = shown(shares.get(as_stated["year"], as_stated["cohort"], CLAIM_COUNTRY[claim_id]))
        china, known = neurips_authors(year, "oral", "China")
        found.update(oral_china=str(china), oral_known=str(known), oral_china_pct=pct(round(100 * china / known)),
                     china_scope=SCOPE_WORDS[DEFAULT_SCOPE])
        if claim_id == BARELY:
            found.update(barely_slots(params, shares, year, cohort, own, other))
            extra["caveats"] = barely_registered_indicator(params)
            if extra["caveats"]:  # the caveat states the oral-paper authors' share: the re-derivation's
                extra["sources"] = neurips_url(year)
    chart = chart_urls(NOTEBOOK, shares, params, ["United States", "China"]) if claims.claim(claim_id).get("chart") else []
    return {"slots": found, **extra, "slot_sources": slot_sources(claim_id, params, shares),
            "sources": [*chart, *extra.get("sources", [])]}


def slot_sources(claim_id: str, params: dict, shares: Shares) -> dict:
    """{slot: the sources of the shares, sample sizes and author counts its words rest on}: a card lists those of the
    slots its texts say."""
    year, cohort = resolved(claim_id, params)
    found = dict(common_slot_sources(claim_id, params))
    if claim_id == GROWING:
        first, last = claims.claim(GROWING)["check"]["figures"][::-1]
        before, after = shares.urls_of(first, cohort, "China"), shares.urls_of(last, cohort, "China")
        samples = sample_urls(first, cohort) + sample_urls(last, cohort)
        return {**found, "share_2019": before, "share_2022": after, "points_change": before + after,
                "gap_interval": before + after + samples, "smallest_2019": shares.urls_of(first, cohort),
                "cn_authors_2019": neurips_url(first), "cn_authors_2022": neurips_url(last)}
    country = CLAIM_COUNTRY[claim_id]
    own, other = shares.urls_of(year, cohort, country), shares.urls_of(year, other_cohort(cohort), country)
    as_stated = claims.claim(claim_id)["as_stated"]
    oral = neurips_url(year)
    return {**found, "us_share": own, "china_share": own, "china_share_phrase": own, "other_share": other,
            "points_relation": own, "bound_note": own, "china_position": own,
            "above_relation": own, "other_relation": other,
            "asstated_share": shares.urls_of(as_stated["year"], as_stated["cohort"], country),
            "oral_china": oral, "oral_known": oral, "oral_china_pct": oral}


GROWING = "growing-share-working-in-china"
CLAIM_COUNTRY = {"us-65pct-work-2019": "United States", BARELY: "China", "china-12pct-work-2022": "China"}


def barely_slots(params: dict, shares: Shares, year: int, cohort: str, own, other) -> dict:
    threshold = float(params["barely_threshold"])
    found = {"threshold": pct(threshold)}
    if isinstance(own, UpperBound):
        found["bound_note"] = (f"China does not appear in the Tracker's published list of where its "
                               f"{word('cohort', cohort, year)} worked in {year}; the smallest entry is "
                               f"{shares.smallest(year, cohort)}, so China's share was at most that.")
    else:
        found["bound_note"] = "The Tracker publishes China's share for this cohort and year."
        found["china_position"] = ordinal(shares.position(year, cohort, "China"))
        found["above_relation"] = "just above" if own - threshold <= 2 else "well above"
    if other is not None:
        found["other_relation"] = "above" if float(other) > threshold else "within"
    return found


def growing_slots(params: dict, shares: Shares, found: dict) -> tuple[dict, dict]:
    """"A growing number": China's share in both editions, the change in points, its sampling interval, the full
    count of authors at institutions in China; unsettled where the two editions' cohorts differ in selectivity."""
    _, cohort = resolved(GROWING, params)
    first, last = claims.claim(GROWING)["check"]["figures"][::-1]
    before, after = shares.get(first, cohort, "China"), shares.get(last, cohort, "China")
    selectivity = {y: word("cohort", cohort, y, "selectivity") for y in (first, last)}
    found.update(first_year=str(first), last_year=str(last), share_2019=shown(before), share_2022=shown(after),
                 selectivity_2019=selectivity[first], selectivity_2022=selectivity[last],
                 china_scope=SCOPE_WORDS[DEFAULT_SCOPE],
                 cn_authors_2019=f"{neurips_authors(first, 'all_accepted', 'China')[0]:,}",
                 cn_authors_2022=f"{neurips_authors(last, 'all_accepted', 'China')[0]:,}",
                 smallest_2019=shares.smallest(first, cohort), cohort_words=word("cohort", cohort, last))
    extra = {"sources": [*neurips_url(first), *neurips_url(last)]}
    if before is not None and after is not None and not isinstance(before, UpperBound):
        found["points_change"] = (f"a rise of {round(after - before)} points" if after > before else
                                  f"a fall of {round(before - after)} points" if after < before else "no change")
        found["gap_interval"] = interval_words(claims.interval(GROWING, params, {last: after, first: before}))
    if selectivity[first] != selectivity[last]:
        extra["unsettled"] = True  # a larger share in a broader cohort says nothing about a trend
    return found, extra


def verdict_changes(params: dict) -> pd.DataFrame:
    """The notebook's claims under both cohorts (years as the claims state them)."""
    return claims.sensitivity_table(NOTEBOOK, params, parameters.readings(NOTEBOOK, ["cohort"]))


def threshold_changes(params: dict) -> pd.DataFrame:
    """"Barely registered" for both cohorts (columns) at thresholds around each share the evidence gives, where
    the verdict turns, and at the chosen one (rows)."""
    cohorts = parameters.readings(NOTEBOOK, ["cohort"])
    thresholds = claims.threshold_readings(BARELY, params, "barely_threshold", cohorts)
    return claims.sensitivity(BARELY, params, {**cohorts, "barely_threshold": thresholds}).pivot(
        index="barely_threshold", columns="cohort", values="verdict")
